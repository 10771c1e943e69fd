import type { EventStreamKind } from '@shop/common';
import { usesOrderEventLog, type ServiceName, type ServiceSpec } from '@shop/topology';

/** The stateful services a dev cluster runs beside the shop. */
export type DependencyName = 'postgres' | 'mongodb' | 'rabbitmq' | 'mailpit' | 'kafka';

/** How each dependency is reached: its Service name and ports. */
export const dependencyPorts: Readonly<Record<DependencyName, Readonly<Record<string, number>>>> = {
  postgres: { 'tcp-postgres': 5432 },
  mongodb: { 'tcp-mongodb': 27017 },
  rabbitmq: { 'tcp-amqp': 5672, 'http-management': 15672 },
  mailpit: { 'tcp-smtp': 1025, 'http-web': 8025 },
  kafka: { 'tcp-kafka': 9092 },
};

/** The ports services use (the rest, e.g. web UIs, are for port-forwards only). */
export const dependencyClientPorts: Readonly<Record<DependencyName, readonly number[]>> = {
  postgres: [5432],
  mongodb: [27017],
  rabbitmq: [5672],
  mailpit: [1025],
  kafka: [9092],
};

/**
 * Services without a store of their own that still get a database, and the variable that names
 * it: the gateway's replicas share one rate-limit budget through it (DESIGN.md).
 */
const databaseUrlVariables: Partial<Record<ServiceName, string>> = {
  gateway: 'RATE_LIMIT_DATABASE_URL',
};

/** A service has a PostgreSQL database unless it stores nothing (order keeps its outbox there). */
export function usesPostgres(spec: ServiceSpec): boolean {
  return spec.store !== 'none' || spec.name in databaseUrlVariables;
}

/** The environment variable a service reads its database's URL from. */
export function databaseUrlVariable(spec: ServiceSpec): string {
  return databaseUrlVariables[spec.name] ?? 'DATABASE_URL';
}

export function usesEventBus(spec: ServiceSpec): boolean {
  return spec.publishes.length > 0 || spec.consumes.length > 0;
}

/** Notification is the one service that sends mail. */
export function sendsMail(spec: ServiceSpec): boolean {
  return spec.name === 'notification';
}

/** With `EVENT_STREAM=kafka`, the order log's writers and readers (the topology's) use Kafka. */
export function usesKafka(spec: ServiceSpec, stream: EventStreamKind): boolean {
  return stream === 'kafka' && usesOrderEventLog(spec.name);
}

/** Which dependencies a service connects to, with the event stream `stream`. */
export function dependenciesOf(spec: ServiceSpec, stream: EventStreamKind): DependencyName[] {
  const uses: DependencyName[] = [];
  if (usesPostgres(spec)) uses.push('postgres');
  if (spec.store === 'mongodb') uses.push('mongodb');
  if (usesEventBus(spec)) uses.push('rabbitmq');
  if (sendsMail(spec)) uses.push('mailpit');
  if (usesKafka(spec, stream)) uses.push('kafka');
  return uses;
}

/** The services of `services` that connect to `dependency`. */
export function clientsOf(
  dependency: DependencyName,
  services: readonly ServiceSpec[],
  stream: EventStreamKind,
): ServiceSpec[] {
  return services.filter((s) => dependenciesOf(s, stream).includes(dependency));
}
