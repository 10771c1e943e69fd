import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  createMetrics,
  createPool,
  KIT_MIGRATIONS_DIR,
  migrate,
  type EventEnvelope,
  type EventType,
  type Metrics,
  type Pool,
} from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  fetchJson,
  listenOnFreePort,
  testEventBackbone,
  TestEventBus,
  testLogger,
  uniqueExchange,
  waitFor,
  waitUntilSettled,
} from '@shop/common/testing';
import { createApp } from '../../src/app';
import type { SagaMode } from '../../src/config';
import { INVENTORY_QUEUE, subscribeInventory } from '../../src/events/subscriptions';
import { createInventoryMetrics } from '../../src/metrics';

export interface InventoryHarness {
  readonly url: string;
  readonly pool: Pool;
  readonly metrics: Metrics;
  /** The other side of the exchange: sends commands and events, records what inventory publishes. */
  readonly bus: TestEventBus;
  /** Announces a product as the product service would and waits until it has stock. */
  newProduct(initialStock: number): Promise<string>;
  /**
   * Waits until the service handled `event` (its id is in processed_events), published
   * everything that caused (the outbox is empty) and the bus recorded it.
   */
  settled(event: EventEnvelope): Promise<void>;
  /** The product's level through the admin API. */
  level(productId: string): Promise<{ productId: string; available: number; reserved: number }>;
  close(): Promise<void>;
}

const PUBLISHED: readonly EventType[] = [
  'inventory.reserved',
  'inventory.rejected',
  'inventory.released',
  'inventory.stock_changed',
];

/** The inventory service wired as main.ts wires it, on its own database and exchange. */
export async function startInventory(sagaMode: SagaMode): Promise<InventoryHarness> {
  const db = await createTestDatabase('inventory');
  const pool = createPool(db.url, 10);
  const log = testLogger('inventory');
  await migrate(pool, [KIT_MIGRATIONS_DIR, path.join(__dirname, '../../migrations')]);
  const metrics = createMetrics('inventory');
  const exchange = uniqueExchange();
  const events = testEventBackbone({ exchange, pool, log, registry: metrics.registry });
  const business = createInventoryMetrics(metrics.registry);
  subscribeInventory({
    events,
    pool,
    log,
    metrics: business,
    registry: metrics.registry,
    sagaMode,
  });
  await events.start();
  const bus = await TestEventBus.start(exchange, PUBLISHED);
  const server = await listenOnFreePort(
    createApp({ pool, events, log, metrics, health: { draining: false } }),
  );
  const { url } = server;

  const level = async (productId: string) => {
    const res = await fetchJson(url, 'GET', `/api/inventory/${productId}`, { headers: admin });
    if (res.status !== 200) throw new Error(`GET stock ${productId}: ${res.status}`);
    return res.body;
  };
  return {
    url,
    pool,
    metrics,
    bus,
    level,
    async settled(event) {
      await waitUntilSettled(pool, event);
      await bus.flush();
    },
    async newProduct(initialStock) {
      const productId = randomUUID();
      await bus.send(
        'product.created',
        productCreated(productId, initialStock),
        productId,
        'product',
      );
      await waitFor(() => level(productId), { timeoutMs: 5000, what: `stock of ${productId}` });
      return productId;
    },
    async close() {
      await server.close();
      await bus.stop();
      await events.stop();
      await pool.end();
      await db.drop();
      await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.${INVENTORY_QUEUE}`] });
    },
  };
}

export function productCreated(productId: string, initialStock: number) {
  const now = new Date().toISOString();
  return {
    productId,
    name: 'Tea cup',
    description: 'Holds tea',
    category: 'kitchen',
    price: 1200,
    currency: 'USD' as const,
    version: 1,
    initialStock,
    createdAt: now,
    updatedAt: now,
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
