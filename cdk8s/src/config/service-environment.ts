import type { EventStreamKind } from '@shop/common';
import { serviceSpec, urlEnvName, type ServiceSpec } from '@shop/topology';
import { KAFKA_BOOTSTRAP } from '../dependencies/kafka';
import {
  databaseUrlVariable,
  usesEventBus,
  usesKafka,
  usesPostgres,
} from '../dependencies/stateful-dependencies';
import { ISTIO_NAMESPACE } from '../naming';
import {
  credentialKeys,
  DEV_CREDENTIALS_SECRET,
  JWT_SIGNING_KEY_FILE,
  JWT_SIGNING_KEY_SECRET,
} from './credentials';

/** The Jaeger addon's collector Service and its OTLP/HTTP port (samples/addons/jaeger.yaml). */
export const JAEGER_COLLECTOR = `jaeger-collector.${ISTIO_NAMESPACE}.svc.cluster.local`;
export const JAEGER_OTLP_HTTP_PORT = 4318;

/** An env var read from a Secret key. */
export interface SecretEnv {
  readonly name: string;
  readonly secret: string;
  readonly key: string;
}

/** A service's environment: plain settings (a ConfigMap) and credentials (Secret refs). */
export interface ServiceEnvironment {
  readonly config: Readonly<Record<string, string>>;
  readonly secrets: readonly SecretEnv[];
}

const devSecret = (name: string, key: string): SecretEnv => ({
  name,
  secret: DEV_CREDENTIALS_SECRET,
  key,
});

/** The runtime contract of docs/kubernetes.md: every setting a service reads, by service. */
export function serviceEnvironment(spec: ServiceSpec, stream: EventStreamKind): ServiceEnvironment {
  const config: Record<string, string> = {
    PORT: String(spec.httpPort),
    LOG_LEVEL: 'info',
    ...callUrls(spec),
    ...(usesEventBus(spec)
      ? { EVENTS_EXCHANGE: 'shop.events', ...streamSettings(spec, stream) }
      : {}),
    ...tracingSettings(spec.name),
    ...ownSettings[spec.name],
  };
  const secrets: SecretEnv[] = [
    ...(usesPostgres(spec)
      ? [devSecret(databaseUrlVariable(spec), credentialKeys.databaseUrl(spec.name))]
      : []),
    ...(usesEventBus(spec) ? [devSecret('AMQP_URL', credentialKeys.amqpUrl)] : []),
    ...(ownSecrets[spec.name] ?? []),
  ];
  return { config, secrets };
}

/** `<CALLEE>_URL=http://<callee>` per HTTP call, `<CALLEE>_GRPC_ADDR=<callee>:<port>` per gRPC call. */
function callUrls(spec: ServiceSpec): Record<string, string> {
  return Object.fromEntries(
    spec.calls.map((call) =>
      call.protocol === 'http'
        ? [urlEnvName(call.to), `http://${call.to}`]
        : [`${call.to.toUpperCase()}_GRPC_ADDR`, `${call.to}:${serviceSpec(call.to).grpcPort}`],
    ),
  );
}

/**
 * Every service sends its spans over OTLP/HTTP to the collector of Istio's Jaeger addon, where
 * Envoy's spans go too. Dev samples every trace; parent-based, so Envoy's decision holds.
 */
function tracingSettings(service: string): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://${JAEGER_COLLECTOR}:${JAEGER_OTLP_HTTP_PORT}`,
    OTEL_SERVICE_NAME: service,
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '1',
  };
}

/**
 * EVENT_STREAM is one system-wide setting, like SAGA_MODE: every service on the bus gets the same
 * value; the order log's writers and readers also get Kafka's address when it is `kafka`.
 */
function streamSettings(spec: ServiceSpec, stream: EventStreamKind): Record<string, string> {
  return {
    EVENT_STREAM: stream,
    ...(usesKafka(spec, stream) ? { KAFKA_BROKERS: KAFKA_BOOTSTRAP } : {}),
  };
}

/**
 * SAGA_MODE is one system-wide setting: every saga participant gets the same value from this one
 * declaration (a participant left on the default would time every choreographed order out).
 */
const sagaSettings = { SAGA_MODE: 'orchestration' } as const;

const ownSettings: Partial<Record<ServiceSpec['name'], Record<string, string>>> = {
  gateway: {
    // /metrics on a port of its own, which no Service exposes (the public port refuses it).
    METRICS_PORT: '9464',
    RATE_LIMIT_PER_MINUTE: '600',
    UPSTREAM_TIMEOUT_MS: '5000',
    DISCOVERY: 'dns',
    TRUST_PROXY: '1',
  },
  user: { GRPC_PORT: String(serviceSpec('user').grpcPort) },
  order: { ORDER_STORE: 'mongodb', ...sagaSettings, SAGA_STEP_TIMEOUT_MS: '30000' },
  inventory: { ...sagaSettings },
  payment: { ...sagaSettings },
  notification: { SMTP_URL: 'smtp://mailpit:1025' },
};

const ownSecrets: Partial<Record<ServiceSpec['name'], SecretEnv[]>> = {
  user: [
    { name: 'JWT_PRIVATE_KEY', secret: JWT_SIGNING_KEY_SECRET, key: JWT_SIGNING_KEY_FILE },
    devSecret('ADMIN_EMAIL', credentialKeys.adminEmail),
    devSecret('ADMIN_PASSWORD', credentialKeys.adminPassword),
  ],
  order: [devSecret('MONGO_URL', credentialKeys.mongoUrl('order'))],
};
