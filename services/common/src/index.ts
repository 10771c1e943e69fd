export { baseConfig, booleanFlag, ConfigError, loadConfig, storeAndBusConfig } from './config';
export {
  contextFromHeaders,
  currentContext,
  detached,
  type RequestContext,
  runWithContext,
} from './context';
export {
  createPool,
  ensureDatabase,
  KIT_MIGRATIONS_DIR,
  migrate,
  type Pool,
  type PoolClient,
  type Queryable,
  withClient,
  withTransaction,
} from './db';
export {
  AppError,
  type FieldProblem,
  fieldProblems,
  notFoundHandler,
  problem,
  type Problem,
  problemHandler,
  sendProblem,
  toAppError,
} from './errors';
export { healthRoutes, type HealthState, metricsRoute, type ReadinessCheck } from './health';
export { type Identity, IDENTITY_HEADERS, requireAdmin, requireUser, type Role } from './identity';
export { createServiceApp, type ServiceAppOptions } from './http-app';
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpResponse,
} from './http-client';
export { Lifecycle, runMain } from './lifecycle';
export { createLogger, type Logger } from './logger';
export { createMetrics, httpMetricsMiddleware, type Metrics, routeLabel } from './metrics';
export { refuseOtherSagaMode, type SagaMode, type SagaModeMismatchDeps } from './saga-mode';
export {
  createStoreApp,
  openPostgresStore,
  openStoreService,
  runService,
  serveHttp,
  type ServiceProcess,
  type StoreAppDeps,
  type StoreService,
  type StoreServiceConfig,
} from './service-kit';
export { parseInput } from './validate';
export { tracing, type TracedMessage, type Tracing } from './telemetry/tracing';
export {
  EventBackbone,
  eventBackboneFrom,
  type EventBackboneOptions,
  type EventConfig,
  type EventRelay,
  orderEventsAppender,
  outboxRelay,
  postgresReadiness,
  type RelayFactory,
} from './events/backbone';
export {
  Broker,
  type BrokerOptions,
  BrokerUnavailableError,
  type ConnectionSetup,
  type PublishChannel,
} from './events/broker';
export {
  type AfterCommit,
  type ApplyOnce,
  type Attempt,
  type ConsumerStore,
  EventConsumer,
  type EventConsumerOptions,
  type EventHandler,
  type ReceivedEvent,
} from './events/consumer';
export { type Delivery, DELIVERY_CHANNEL } from './events/delivery-channel';
export { consumerQueues, deadLetterExchange } from './events/retry-queues';
export { contracts, type EventData, type EventType } from './events/contracts';
export {
  ContractError,
  createEvent,
  type EventEnvelope,
  type EventOptions,
  parseEvent,
} from './events/envelope';
export { applyOnce } from './events/idempotent';
export { KickedRelay, type KickLoopOptions } from './events/kick-loop';
export { addToOutbox, OutboxRelay, type OutboxRelayOptions } from './events/outbox';
export { CONFIRM_TIMEOUT_MS, publishEvents, UnroutableError } from './events/publisher';
export {
  appendCarried,
  EVENT_STREAMS,
  forExchange,
  type EventStreamKind,
  ORDER_EVENTS_TOPIC,
  ORDER_STREAM_EVENTS,
  type StreamAppender,
  type StreamBatchHandler,
  type StreamReader,
  type StreamRecord,
  type StreamVerdict,
} from './events/stream';
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
