import amqp from 'amqplib';
import pg from 'pg';
import type { PostgresLogin } from './postgres-decisions';
import type { AmqpProbe } from './rabbitmq-decisions';

/** Logs in to PostgreSQL with `url` and runs `select 1`. */
export async function postgresLogin(url: string): Promise<PostgresLogin> {
  const parsed = new URL(url);
  const client = new pg.Client({
    connectionString: url,
    // libpq-style defaults (PGDATABASE, ...) must not redirect the check.
    database: parsed.pathname.slice(1) || 'postgres',
    connectionTimeoutMillis: 3000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return { kind: 'ok' };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '57P03') return { kind: 'starting' };
    if (code && /^(28|3D)/.test(code)) return { kind: 'refused', error: (err as Error).message };
    return { kind: 'down' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Opens an AMQP connection with `url` (login and vhost included) and closes it cleanly. */
export async function amqpProbe(url: string): Promise<AmqpProbe> {
  try {
    const model = await amqp.connect(url, { timeout: 3000 });
    const version = String(model.connection.serverProperties.version ?? '');
    await model.close();
    return { kind: 'ok', version };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/ACCESS.REFUSED|NOT.ALLOWED|\b403\b|\b530\b/.test(message)) {
      return { kind: 'refused', error: message };
    }
    return { kind: 'down' };
  }
}

/** `{ping: 1}` through the MongoDB driver (loaded only here: it is large). */
export async function mongoPing(url: string): Promise<boolean> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
  try {
    const reply = await client.db('admin').command({ ping: 1 });
    return reply.ok === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}
