import type { IncomingMessage, ServerResponse } from 'node:http';
import { Lifecycle, loadConfig } from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  freePort,
  listenOnFreePort,
  TEST_AMQP_URL,
  testLogger,
  uniqueExchange,
  uniqueName,
} from '@shop/common/testing';
import { MongoClient } from 'mongodb';
import { configSchema } from '../../src/config';
import { SAGA_QUEUE } from '../../src/events/subscriptions';
import { startOrderService, type RunningOrderService } from '../../src/main';

export type StoreKind = 'postgres' | 'mongodb';
export const MONGO_URL = process.env.MONGO_URL;
/** PostgreSQL always; MongoDB (FerretDB here) when MONGO_URL is set. */
export const STORES: StoreKind[] = MONGO_URL ? ['postgres', 'mongodb'] : ['postgres'];

/** A database and an exchange of their own, which service instances can share (restarts). */
export interface TestWorld {
  readonly store: StoreKind;
  readonly exchange: string;
  readonly env: Record<string, string>;
  destroy(): Promise<void>;
}

export async function createWorld(store: StoreKind, catalogUrl: string): Promise<TestWorld> {
  const exchange = uniqueExchange();
  const env: Record<string, string> = {
    ORDER_STORE: store,
    AMQP_URL: TEST_AMQP_URL,
    EVENTS_EXCHANGE: exchange,
    EVENTS_QUEUE_PREFIX: `${exchange}.`,
    EVENT_RETRY_DELAY_MS: '50',
    PRODUCT_URL: catalogUrl,
    DATABASE_POOL_SIZE: '5',
  };
  let dropDatabase: () => Promise<void>;
  if (store === 'postgres') {
    const db = await createTestDatabase('order');
    env.DATABASE_URL = db.url;
    dropDatabase = () => db.drop();
  } else {
    env.MONGO_URL = MONGO_URL!;
    env.MONGO_DATABASE = uniqueName('order');
    dropDatabase = async () => {
      const client = await MongoClient.connect(MONGO_URL!);
      await client.db(env.MONGO_DATABASE).dropDatabase();
      await client.close();
    };
  }
  return {
    store,
    exchange,
    env,
    async destroy() {
      await dropDatabase();
      await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.${SAGA_QUEUE}`] });
    },
  };
}

export interface RunningOrder {
  readonly url: string;
  readonly service: RunningOrderService;
  stop(): Promise<void>;
}

/** The order service as main.ts starts it, configured through its environment. */
export async function startOrder(
  world: TestWorld,
  env: Record<string, string> = {},
): Promise<RunningOrder> {
  const port = await freePort();
  const config = loadConfig(configSchema, { ...world.env, PORT: String(port), ...env });
  const lifecycle = new Lifecycle(testLogger('order'), 10_000);
  const service = await startOrderService(config, { log: testLogger('order'), lifecycle }).catch(
    async (err: unknown) => {
      await lifecycle.stop();
      throw err;
    },
  );
  return { url: `http://127.0.0.1:${service.port}`, service, stop: () => lifecycle.stop() };
}

export interface CatalogProduct {
  readonly id: string;
  readonly name: string;
  readonly price: number;
}

/**
 * A real HTTP server answering the product service's batch price lookup
 * (`POST /internal/products/prices`) as the product service does.
 */
export interface CatalogStub {
  readonly url: string;
  readonly products: Map<string, CatalogProduct>;
  /** Each request so far: its method and path, and the ids it asked for. */
  readonly requests: Array<{ readonly path: string; readonly ids: readonly string[] }>;
  /** When true, every request answers 500. */
  failing: boolean;
  /** When true, requests get no answer at all. */
  stalling: boolean;
  close(): Promise<void>;
}

export async function startCatalogStub(products: CatalogProduct[] = []): Promise<CatalogStub> {
  const stub = {
    products: new Map(products.map((p) => [p.id, p])),
    requests: [] as Array<{ path: string; ids: string[] }>,
    failing: false,
    stalling: false,
  };
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const ids = (JSON.parse(text || '{}') as { ids?: string[] }).ids ?? [];
    stub.requests.push({ path: `${req.method} ${req.url}`, ids });
    if (stub.stalling) return;
    const found = ids.flatMap((id) => {
      const product = stub.products.get(id);
      return product ? [{ ...product, currency: 'USD' }] : [];
    });
    const [status, body] = stub.failing
      ? [500, { status: 500 }]
      : req.method === 'POST' && req.url === '/internal/products/prices'
        ? [200, { items: found }]
        : [404, { status: 404 }];
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = await listenOnFreePort((req, res) => void answer(req, res));
  return Object.assign(stub, { url: server.url, close: server.close });
}

export const customer = (userId = 'c-1'): Record<string, string> => ({
  'x-user-id': userId,
  'x-user-role': 'customer',
  'content-type': 'application/json',
});
export const admin = { 'x-user-id': 'admin-1', 'x-user-role': 'admin' };
