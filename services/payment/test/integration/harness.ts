import path from 'node:path';
import { Writable } from 'node:stream';
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
  listenOnFreePort,
  testEventBackbone,
  TestEventBus,
  uniqueExchange,
  waitUntilSettled,
} from '@shop/common/testing';
import pino from 'pino';
import { createApp } from '../../src/app';
import type { SagaMode } from '../../src/config';
import { PAYMENT_QUEUE, subscribePayment } from '../../src/events/subscriptions';
import { createPaymentMetrics } from '../../src/metrics';
import type { PaymentProvider } from '../../src/provider/payment-provider';
import { SimulatedProvider } from '../../src/provider/simulated-provider';

export interface PaymentHarness {
  readonly url: string;
  readonly pool: Pool;
  readonly metrics: Metrics;
  /** The simulated provider itself (its ledger is `provider_charges`), without any fault. */
  readonly provider: PaymentProvider;
  /** Sends commands and events, records what payment publishes. */
  readonly bus: TestEventBus;
  /** Every log line of the service, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** Waits until payment handled `event`, its outbox drained and the bus recorded the result. */
  settled(event: EventEnvelope): Promise<void>;
  /** The payment row of an order (status, amount), or undefined. */
  payment(
    orderId: string,
  ): Promise<{ status: string; amount: number; token: string | null } | undefined>;
  /** The provider's ledger rows for an order. */
  providerCharges(
    orderId: string,
  ): Promise<Array<{ approved: boolean; refunded: boolean; amount: number }>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Wraps the simulated provider, e.g. to inject a crash. */
  readonly provider?: (real: PaymentProvider) => PaymentProvider;
}

const PUBLISHED: readonly EventType[] = ['payment.succeeded', 'payment.failed', 'payment.refunded'];

/** The payment service wired as main.ts wires it, on its own database and exchange. */
export async function startPayment(
  sagaMode: SagaMode,
  options: HarnessOptions = {},
): Promise<PaymentHarness> {
  const db = await createTestDatabase('payment');
  const pool = createPool(db.url, 10);
  const providerPool = createPool(db.url, 10);
  const logs: Array<Record<string, unknown>> = [];
  const log = pino(
    { level: 'warn', base: { service: 'payment' } },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  );
  await migrate(pool, [KIT_MIGRATIONS_DIR, path.join(__dirname, '../../migrations')]);
  const metrics = createMetrics('payment');
  const exchange = uniqueExchange();
  const events = testEventBackbone({ exchange, pool, log, registry: metrics.registry });
  const real = new SimulatedProvider(providerPool, 0);
  subscribePayment({
    events,
    pool,
    provider: options.provider?.(real) ?? real,
    metrics: createPaymentMetrics(metrics.registry),
    log,
    registry: metrics.registry,
    sagaMode,
  });
  await events.start();
  const bus = await TestEventBus.start(exchange, PUBLISHED);
  const server = await listenOnFreePort(
    createApp({ pool, events, log, metrics, health: { draining: false } }),
  );

  return {
    url: server.url,
    pool,
    metrics,
    provider: real,
    bus,
    logs,
    async settled(event) {
      await waitUntilSettled(pool, event);
      await bus.flush();
    },
    async payment(orderId) {
      const { rows } = await pool.query(
        'SELECT status, amount, token FROM payments WHERE order_id = $1',
        [orderId],
      );
      return rows[0];
    },
    async providerCharges(orderId) {
      const { rows } = await pool.query(
        `SELECT approved, refunded_at IS NOT NULL AS refunded, amount FROM provider_charges
         WHERE idempotency_key = $1`,
        [orderId],
      );
      return rows;
    },
    async close() {
      await server.close();
      await bus.stop();
      await events.stop();
      await providerPool.end();
      await pool.end();
      await db.drop();
      await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.${PAYMENT_QUEUE}`] });
    },
  };
}

export function chargeOf(orderId: string, amount: number, token = 'tok_visa') {
  return { orderId, userId: 'u-1', amount, currency: 'USD' as const, token };
}

export const admin = { 'x-user-id': 'admin-1', 'x-user-role': 'admin' };
export const customer = { 'x-user-id': 'c-1', 'x-user-role': 'customer' };
