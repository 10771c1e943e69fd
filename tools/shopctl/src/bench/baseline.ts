import path from 'node:path';
import { ensureDatabase } from '@shop/common';
import pg from 'pg';
import { dropDatabases } from '../runner/cleanup';
import { startChildServer } from './child';
import { cpuMsPer, sampleCpu } from './cpu';
import { backendsOf } from './pg-backends';
import { httpLoad, type HttpLoadResult } from './http-load';
import { SCHEMA } from './monolith-server';

export interface BaselineResult {
  readonly load: HttpLoadResult;
  /** CPU ms per order: the baseline's process and the whole machine. */
  readonly cpuMsPerOrder: Record<string, number>;
}

/** The compiled server, next to this file in dist (from src in tests, too: build first). */
const SERVER = path.resolve(__dirname, '../../dist/bench/monolith-server.js');

/**
 * Seeds a database of its own, runs the single-process baseline and `customers` closed-loop
 * clients placing one-unit orders against it for `durationMs`, then drops the database.
 */
export async function runBaseline(options: {
  postgresUrl: string;
  customers: number;
  durationMs: number;
  products: number;
}): Promise<BaselineResult> {
  const prefix = `bench_mono_${process.pid}_`;
  const url = `${options.postgresUrl}/${prefix}shop`;
  await ensureDatabase(url);
  const server = await seed(url, options.products).then(() =>
    startChildServer([SERVER], { DATABASE_URL: url, POOL_SIZE: String(options.customers) }),
  );
  try {
    let n = 0;
    const body = () => ({
      customer: `c${n % options.customers}`,
      productId: (n++ % options.products) + 1,
      quantity: 1,
      token: 'tok_visa',
    });
    const ports = new Map([
      ['single process', Number(new URL(server.url).port)],
      ['postgresql', Number(new URL(options.postgresUrl).port || 5432)],
    ]);
    const backends = backendsOf(options.postgresUrl, prefix);
    const before = await sampleCpu(ports, backends);
    const load = await httpLoad({
      url: `${server.url}/orders`,
      method: 'POST',
      body,
      expected: 201,
      connections: options.customers,
      durationMs: options.durationMs,
    });
    const cpu = cpuMsPer(before, await sampleCpu(ports, backends), load.requests);
    return { load, cpuMsPerOrder: cpu };
  } finally {
    await server.stop();
    await dropDatabases(options.postgresUrl, prefix);
  }
}

async function seed(url: string, products: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(SCHEMA);
    await client.query(
      'INSERT INTO products SELECT g, 100 + g, 1000000 FROM generate_series(1, $1) g ON CONFLICT DO NOTHING',
      [products],
    );
  } finally {
    await client.end();
  }
}
