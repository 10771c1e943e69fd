import path from 'node:path';
import {
  createMetrics,
  createPool,
  KIT_MIGRATIONS_DIR,
  migrate,
  type EventBackbone,
  type Pool,
} from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  listenOnFreePort,
  TcpProxy,
  testEventBackbone,
  testLogger,
  uniqueExchange,
} from '@shop/common/testing';
import { createApp } from '../../src/app';
import { listenForChanges, ProductCache } from '../../src/query/product-cache';
import { QUERY_QUEUE, subscribeReadModel } from '../../src/query/subscriptions';

export interface ProductHarness {
  readonly url: string;
  readonly pool: Pool;
  readonly events: EventBackbone;
  /** Its reads by id kept in memory, fed by the read model's change notifications. */
  readonly cache: ProductCache;
  readonly exchange: string;
  /** Sits between the service and RabbitMQ, so a test can take the broker away. */
  readonly brokerLink: TcpProxy;
  close(): Promise<void>;
}

/** The product service wired as main.ts wires it, on its own database and exchange. */
export async function startProductService(): Promise<ProductHarness> {
  const db = await createTestDatabase('product');
  const pool = createPool(db.url, 5);
  const log = testLogger('product');
  await migrate(pool, [KIT_MIGRATIONS_DIR, path.join(__dirname, '../../migrations')]);
  const brokerLink = new TcpProxy('127.0.0.1', 5672);
  const port = await brokerLink.start();
  const metrics = createMetrics('product');
  const exchange = uniqueExchange();
  const amqpUrl = `amqp://guest:guest@127.0.0.1:${port}`;
  const events = testEventBackbone({ amqpUrl, exchange, pool, log, registry: metrics.registry });
  subscribeReadModel(events, pool, metrics.registry);
  await events.start();
  const cache = new ProductCache();
  const stopListening = listenForChanges(db.url, cache, log);
  const server = await listenOnFreePort(
    createApp({ pool, cache, events, log, metrics, health: { draining: false } }),
  );
  return {
    url: server.url,
    pool,
    events,
    cache,
    exchange,
    brokerLink,
    async close() {
      await server.close();
      await stopListening();
      await events.stop();
      await brokerLink.stop();
      await pool.end();
      await db.drop();
      await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.${QUERY_QUEUE}`] });
    },
  };
}

export const admin = {
  'x-user-id': 'admin-1',
  'x-user-role': 'admin',
  'content-type': 'application/json',
};
export const customer = {
  'x-user-id': 'c-1',
  'x-user-role': 'customer',
  'content-type': 'application/json',
};
