import { sagaSuite } from '../support/saga-suite';

sagaSuite('choreography');
