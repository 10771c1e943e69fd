import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { ensureDatabase } from '../../src/db';

/** The local servers `make infra-up` starts (overridable like the services' own config). */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/** The Kafka broker `make kafka-up` starts (shared: tests use topics and groups of their own). */
export const TEST_KAFKA_BROKERS = (process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A fresh database for one test file, dropped by `drop()`. */
export async function createTestDatabase(
  prefix = 'test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName(prefix);
  const url = `${TEST_POSTGRES_URL}/${name}`;
  await ensureDatabase(url);
  return {
    url,
    async drop() {
      const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** An exchange name of its own, so parallel test files never see each other's events. */
export function uniqueExchange(): string {
  return uniqueName('test.events');
}

/** A logger that only prints at `TEST_LOG_LEVEL` (default silent). */
export function testLogger(service = 'test') {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent', base: { service } });
}
