import { Lifecycle, loadConfig } from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  TEST_AMQP_URL,
  testLogger,
  uniqueExchange,
} from '@shop/common/testing';
import pg from 'pg';
import { configSchema } from '../../src/config';
import { startUserService } from '../../src/main';

export interface TestUserService {
  readonly url: string;
  readonly grpcAddress: string;
  readonly exchange: string;
  /** A pool on the service's database, for arranging and inspecting rows. */
  readonly db: pg.Pool;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Stops the service the way SIGTERM does, then drops its database and deletes its exchange. */
  stop(): Promise<void>;
}

export interface TestServiceOptions {
  readonly env?: Record<string, string>;
  /** A database the caller owns (to restart on it); by default one of its own, dropped at stop. */
  readonly database?: TestDatabase;
  /** An exchange the caller owns; by default one of its own, deleted at stop. */
  readonly exchange?: string;
}

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * The real service wiring (`startUserService`) in this process, on free ports, with a
 * database and an exchange of its own and a generated signing key.
 */
export async function startTestUserService(
  options: TestServiceOptions = {},
): Promise<TestUserService> {
  const database = options.database ?? (await createTestDatabase('user'));
  const exchange = options.exchange ?? uniqueExchange();
  const config = loadConfig(configSchema, {
    PORT: '3001',
    GRPC_PORT: '50051',
    DATABASE_URL: database.url,
    AMQP_URL: TEST_AMQP_URL,
    EVENTS_EXCHANGE: exchange,
    ALLOW_EPHEMERAL_JWT_KEY: 'true',
    SCRYPT_LOG_N: '14',
    ...options.env,
  });
  const log = testLogger('user');
  const lifecycle = new Lifecycle(log, 10_000);
  const running = await startUserService({ ...config, PORT: 0, GRPC_PORT: 0 }, { log, lifecycle });
  const url = `http://127.0.0.1:${running.httpPort}`;
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    url,
    grpcAddress: `127.0.0.1:${running.grpcPort}`,
    exchange,
    db,
    post: (path, body, headers = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, headers = {}) => fetch(url + path, { headers }),
    async stop() {
      await db.end();
      await lifecycle.stop();
      if (!options.database) await database.drop();
      if (!options.exchange) await deleteTestBrokerObjects({ exchange });
    },
  };
}

let counter = 0;

/** A signup body with an email no other test uses. */
export function newAccount(overrides: Partial<Record<'name' | 'email' | 'password', string>> = {}) {
  counter += 1;
  return {
    name: `Ada Lovelace ${counter}`,
    email: `ada.${counter}.${Date.now()}@example.com`,
    password: 'correct horse battery',
    ...overrides,
  };
}
