import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TcpProxy } from '@shop/common/testing';
import { createProducts, login, signup } from '../bench/shop-api';
import { readSnapshot, checkShopInvariants } from '../invariants/stores';
import { DEFAULT_STACK } from '../runner/env';
import { startIsolatedStack, type IsolatedStack } from '../runner/isolated';
import type { InvariantReport } from '../invariants/model';
import { runCustomers, type CustomerTally } from './customers';
import { runFaults, type FaultTally } from './faults';

export interface ChaosSettings {
  readonly durationS: number;
  readonly customers: number;
  readonly killEveryS: number;
  readonly outageS: number;
  readonly postgresUrl?: string;
  readonly amqpUrl?: string;
}

export interface ChaosReport {
  readonly accepted: number;
  readonly stored: number;
  readonly confirmed: number;
  readonly cancelled: number;
  readonly retries: number;
  readonly kills: readonly string[];
  readonly outages: readonly string[];
  readonly deadLetters: number;
  /** What the services printed (warnings and errors). */
  readonly logFile: string;
  /** Everything that broke a promise: empty when the run passed. */
  readonly violations: readonly string[];
}

/**
 * Quiet logs, no rate limit in the way, and a retry budget that outlasts the run's faults
 * stacked together (a dependency killed again while it is restarting, during an outage): ten
 * attempts backing off from 1 s to 30 s, about 2.5 minutes, where the default five span 15 s.
 */
const CHAOS_ENV = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  SCRYPT_LOG_N: '14',
  EVENT_MAX_ATTEMPTS: '10',
};

/**
 * `make chaos`: checkout load on an isolated stack whose RabbitMQ and PostgreSQL are reached
 * through TCP proxies (the shared servers are never touched), with a kill -9 every few seconds
 * and one outage of each server. Afterwards every accepted order must be final, every invariant
 * hold, no message sit in a dead-letter queue, and each accepted order be stored exactly once.
 */
export async function runChaos(settings: ChaosSettings): Promise<ChaosReport> {
  const postgres = new URL(settings.postgresUrl ?? DEFAULT_STACK.postgresUrl);
  const amqp = new URL(settings.amqpUrl ?? DEFAULT_STACK.amqpUrl);
  const database = new TcpProxy(postgres.hostname, Number(postgres.port || 5432));
  const broker = new TcpProxy(amqp.hostname, Number(amqp.port || 5672));
  const proxied = (url: URL, port: number) => Object.assign(new URL(url), { port: String(port) });
  const postgresUrl = proxied(postgres, await database.start())
    .toString()
    .replace(/\/$/, '');
  const amqpUrl = proxied(amqp, await broker.start()).toString();
  const logFile = path.join(os.tmpdir(), `shop-chaos-${Date.now()}.log`);
  const out = createWriteStream(logFile);
  try {
    const isolated = await startIsolatedStack({
      name: 'chaos',
      postgresUrl,
      amqpUrl,
      env: CHAOS_ENV,
      // A restart on a loaded machine (a full stack, the load, the faults) can take a while.
      readyTimeoutMs: 120_000,
      out,
    });
    try {
      return await underFaults(isolated, { broker, database }, settings, logFile);
    } finally {
      await isolated.destroy();
    }
  } finally {
    await broker.stop();
    await database.stop();
    out.end();
  }
}

/** Checkout load and faults on a started stack, then the verdict over its stores and queues. */
async function underFaults(
  isolated: IsolatedStack,
  proxies: { broker: TcpProxy; database: TcpProxy },
  settings: ChaosSettings,
  logFile: string,
): Promise<ChaosReport> {
  const url = isolated.gatewayUrl;
  const admin = await login(url, 'admin@shop.local', 'shop-admin-local');
  const productIds = await createProducts(admin, 5, 1_000_000);
  const tokens = await Promise.all(
    Array.from({ length: settings.customers }, async () => (await signup(url)).token!),
  );
  const stopAt = Date.now() + settings.durationS * 1000;
  const [customers, faults] = await Promise.all([
    runCustomers({ baseUrl: url, tokens, productIds, stopAt, patienceMs: 90_000 }),
    runFaults({
      stack: isolated.stack,
      ...proxies,
      everyMs: settings.killEveryS * 1000,
      outageMs: settings.outageS * 1000,
      stopAt,
    }),
  ]);
  const location = { postgresUrl: isolated.postgresUrl, databasePrefix: isolated.databasePrefix };
  const invariants = await checkShopInvariants({ ...location, waitMs: 30_000 });
  const stored = (await readSnapshot(location)).orders.length;
  const dead = Object.values(await isolated.deadLetters()).reduce((a, b) => a + b, 0);
  const violations = judge(customers, faults, { invariants, stored, dead });
  return {
    accepted: customers.accepted.size,
    stored,
    confirmed: customers.confirmed,
    cancelled: customers.cancelled,
    retries: customers.retries,
    kills: faults.kills,
    outages: faults.outages,
    deadLetters: dead,
    logFile,
    violations,
  };
}

/** Every promise the run broke, in words. */
function judge(
  customers: CustomerTally,
  faults: FaultTally,
  after: { invariants: InvariantReport; stored: number; dead: number },
): string[] {
  const accepted = customers.accepted.size;
  return [
    ...after.invariants.violations.map((v) => JSON.stringify(v)),
    ...customers.stuck.map((id) => `order ${id} accepted but not final`),
    ...customers.refused,
    ...faults.errors,
    ...(after.stored === accepted
      ? []
      : [`${accepted} orders answered 202 but ${after.stored} stored`]),
    ...(after.dead === 0 ? [] : [`${after.dead} messages in dead-letter queues`]),
    ...(faults.outages.length === 2 ? [] : [`outages: ${faults.outages.join(', ') || 'none'}`]),
  ];
}

/** The figures a run prints. */
export function formatChaosReport(r: ChaosReport): string {
  const counts = new Map<string, number>();
  for (const k of r.kills) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [
    `  orders accepted (202)  ${r.accepted}  (stored: ${r.stored})`,
    `  confirmed / cancelled  ${r.confirmed} / ${r.cancelled}`,
    `  requests retried       ${r.retries}`,
    `  kill -9                ${r.kills.length}  (${[...counts].map(([n, c]) => `${n} ${c}`).join(', ')})`,
    `  outages                ${r.outages.length}  (${r.outages.join(', ')})`,
    `  dead letters           ${r.deadLetters}`,
    `  violations             ${r.violations.length}  (service logs: ${r.logFile})`,
    ...r.violations.slice(0, 20).map((v) => `    - ${v}`),
    '',
  ].join('\n');
}
