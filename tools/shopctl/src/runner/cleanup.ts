import { execFile } from 'node:child_process';
import { consumerQueues } from '@shop/common';
import type { ServiceSpec } from '@shop/topology';
import amqp from 'amqplib';
import pg from 'pg';
import { withAdminDb } from './admin-db';

/** Drops every database whose name starts with `prefix` (a finished isolated stack's). */
export async function dropDatabases(postgresUrl: string, prefix: string): Promise<void> {
  await withAdminDb(postgresUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  });
}

/**
 * The queues whose names start with `prefix`. AMQP cannot list queues, so this asks the local
 * broker's `rabbitmqctl`; where that is not available it falls back to the names the services
 * use (`<service>`, `product.query`) with their `.retry` and `.dlq` companions.
 */
export async function queueNames(
  prefix: string,
  services: readonly ServiceSpec[],
): Promise<string[]> {
  const listed = await listQueues().catch(() => undefined);
  if (listed) return listed.filter((q) => q.startsWith(prefix));
  const bases = [...services.map((s) => s.name), 'product.query'];
  return bases.flatMap((base) => consumerQueues(`${prefix}${base}`));
}

function listQueues(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const args = ['list_queues', '-q', '--no-table-headers', 'name'];
    execFile('rabbitmqctl', args, { timeout: 10_000 }, (err, stdout) => {
      if (err) reject(err);
      else
        resolve(
          stdout
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        );
    });
  });
}

/** Ready messages per queue; a queue that does not exist counts 0. */
export async function countMessages(
  amqpUrl: string,
  queues: readonly string[],
): Promise<Record<string, number>> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const counts: Record<string, number> = {};
    for (const queue of queues) {
      // A missing queue closes the channel, so each check gets its own.
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      counts[queue] = await channel.checkQueue(queue).then(
        (q) => q.messageCount,
        () => 0,
      );
      await channel.close().catch(() => undefined);
    }
    return counts;
  } finally {
    await connection.close();
  }
}
