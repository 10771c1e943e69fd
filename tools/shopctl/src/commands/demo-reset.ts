import { topology } from '@shop/topology';
import { deleteBrokerObjects } from '../broker/cleanup';
import { dropDatabases, queueNames } from '../runner/cleanup';
import { DEFAULT_STACK } from '../runner/env';

/** Whether a queue belongs to the demo (unprefixed names start with a service's name). */
function isDemoQueue(name: string): boolean {
  return topology.some((s) => name === s.name || name.startsWith(`${s.name}.`));
}

/**
 * `make demo-reset`: drops the demo's databases (`shop_*`), queues and exchanges, so the next
 * `make demo` starts from an empty shop (for instance after services were added to it).
 */
export async function demoReset(_args: string[], out: NodeJS.WritableStream): Promise<number> {
  const env = process.env;
  const postgresUrl = env.DATABASE_ADMIN_URL ?? DEFAULT_STACK.postgresUrl;
  const amqpUrl = env.AMQP_URL ?? DEFAULT_STACK.amqpUrl;
  await dropDatabases(postgresUrl, DEFAULT_STACK.databasePrefix);
  const queues = (await queueNames('', topology)).filter(isDemoQueue);
  await deleteBrokerObjects(amqpUrl, queues, DEFAULT_STACK.exchange);
  out.write(
    `demo-reset: dropped the ${DEFAULT_STACK.databasePrefix}* databases and ${queues.length} queues\n`,
  );
  return 0;
}
