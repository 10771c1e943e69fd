export * from './config';
export * from './context';
export * from './db';
export * from './errors';
export * from './health';
export * from './identity';
export * from './http-app';
export * from './http-client';
export * from './lifecycle';
export * from './logger';
export * from './metrics';
export * from './saga-mode';
export * from './service-kit';
export * from './validate';
export { tracing, type TracedMessage, type Tracing } from './telemetry/tracing';
export * from './events/backbone';
export * from './events/broker';
export * from './events/consumer';
export * from './events/contracts';
export * from './events/envelope';
export * from './events/idempotent';
export * from './events/kick-loop';
export * from './events/outbox';
export * from './events/publisher';
export * from './events/stream';
export {
  committedOffsets,
  ensureTopic,
  errorText,
  loadKafka,
  topicEnds,
  type KafkaModule,
  type KafkaTarget,
} from './events/kafka/client';
export { KafkaAppender, type KafkaAppenderOptions } from './events/kafka/appender';
export { KafkaReader, type KafkaReaderOptions } from './events/kafka/reader';
