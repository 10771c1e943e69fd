import { sagaSuite } from '../support/saga-suite';

// The whole saga suite once more with the order events analytics reads on Kafka (issue 14).
sagaSuite('choreography', { EVENT_STREAM: 'kafka' });
