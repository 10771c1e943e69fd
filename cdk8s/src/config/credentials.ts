import type { ServiceName } from '@shop/topology';
import { SHOP_NAMESPACE, serviceHost } from '../naming';

/**
 * Credentials of a dev cluster. They are deliberately predictable and named as dev-only: the
 * manifests only ever reference them through `secretKeyRef`, so a real cluster replaces this one
 * Secret (same name and keys) and nothing else changes.
 */
export const DEV_CREDENTIALS_SECRET = 'shop-dev-credentials';

/** The JWT signing key is not synthesized: `make k8s-jwt-secret` creates it (docs/kubernetes.md). */
export const JWT_SIGNING_KEY_SECRET = 'shop-jwt-signing-key';
export const JWT_SIGNING_KEY_FILE = 'private-key.pem';

export const credentialKeys = {
  postgresPassword: 'postgres-password',
  rabbitmqUsername: 'rabbitmq-username',
  rabbitmqPassword: 'rabbitmq-password',
  amqpUrl: 'amqp-url',
  mongodbUsername: 'mongodb-root-username',
  mongodbPassword: 'mongodb-root-password',
  adminEmail: 'admin-email',
  adminPassword: 'admin-password',
  databasePassword: (service: ServiceName) => `${service}-db-password`,
  databaseUrl: (service: ServiceName) => `${service}-database-url`,
  mongoUrl: (service: ServiceName) => `${service}-mongo-url`,
} as const;

const dev = (what: string) => `dev-only-${what}-not-secret`;

/** The dev Secret's data for the services that have a database or a Mongo store. */
export function devCredentials(
  databases: readonly ServiceName[],
  mongoClients: readonly ServiceName[],
): Record<string, string> {
  const rabbit = { user: 'shop', password: dev('rabbitmq') };
  const mongo = { user: 'root', password: dev('mongodb') };
  const host = (name: string) => serviceHost(name, SHOP_NAMESPACE);
  return {
    [credentialKeys.postgresPassword]: dev('postgres'),
    [credentialKeys.rabbitmqUsername]: rabbit.user,
    [credentialKeys.rabbitmqPassword]: rabbit.password,
    [credentialKeys.amqpUrl]: `amqp://${rabbit.user}:${rabbit.password}@${host('rabbitmq')}:5672`,
    [credentialKeys.mongodbUsername]: mongo.user,
    [credentialKeys.mongodbPassword]: mongo.password,
    [credentialKeys.adminEmail]: 'admin@shop.local',
    [credentialKeys.adminPassword]: dev('admin'),
    ...Object.fromEntries(
      databases.flatMap((name) => [
        [credentialKeys.databasePassword(name), dev(`${name}-db`)],
        [
          credentialKeys.databaseUrl(name),
          `postgres://${name}:${dev(`${name}-db`)}@${host('postgres')}:5432/${name}`,
        ],
      ]),
    ),
    ...Object.fromEntries(
      mongoClients.map((name) => [
        credentialKeys.mongoUrl(name),
        `mongodb://${mongo.user}:${mongo.password}@${host('mongodb')}:27017/${name}?authSource=admin`,
      ]),
    ),
  };
}
