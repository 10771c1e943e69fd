export { type TestBackboneOptions, testEventBackbone, waitUntilSettled } from './backbone';
export { deleteTestBrokerObjects } from './broker-cleanup';
export { peekDeadLetters, type PeekedDeadLetter } from './dead-letters';
export { type DeliveryRecord, type DeliveryRecorder, recordDeliveries } from './deliveries';
export { type RecordedEvents, TestEventBus } from './event-bus';
export { type EventStreamClient, openEventStream, type ServerEvent } from './event-stream';
export { fetchJson, getJson, type JsonResponse, listenOnFreePort, type TestServer } from './http';
export {
  createTestDatabase,
  TEST_AMQP_URL,
  TEST_KAFKA_BROKERS,
  TEST_POSTGRES_URL,
  testLogger,
  uniqueExchange,
  uniqueName,
} from './infra';
export { KafkaProxy } from './kafka-proxy';
export { messageCount, metricValue } from './observe';
export { maxIdleInTransaction } from './open-transactions';
export { waitFor } from './poll';
export {
  freePort,
  type ProcessExit,
  type RunningService,
  runServiceToExit,
  startService,
} from './process';
export { createStoreAndBusEnv, type StoreAndBusEnv } from './service-env';
export {
  duplicateEveryDelivery,
  type RecordedCall,
  recordOutboundCalls,
  TcpProxy,
} from '../../src/testing';
