import { sagaSuite } from '../support/saga-suite';

sagaSuite('orchestration');
