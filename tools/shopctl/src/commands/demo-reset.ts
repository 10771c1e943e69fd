import { topology } from '@shop/topology';
import { deleteBrokerObjects } from '../broker/cleanup';
import { deleteKafkaObjects } from '../kafka/cleanup';
import { kafkaAnswers } from '../kafka/probe';
import { dropDatabases, queueNames } from '../runner/cleanup';
import { DEFAULT_STACK } from '../runner/env';

/** Whether a queue belongs to the demo (unprefixed names start with a service's name). */
function isDemoQueue(name: string): boolean {
  return topology.some((s) => name === s.name || name.startsWith(`${s.name}.`));
}

/**
 * `make demo-reset`: drops the demo's databases (`shop_*`), queues and exchanges, so the next
 * `make demo` starts from an empty shop (for instance after services were added to it). When a
 * Kafka broker answers, the demo's topic and analytics groups go too: a kept topic would feed the
 * old orders to the next demo's analytics (and to a replay).
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
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  if (await kafkaAnswers(brokers[0]!)) {
    const { topics, groups } = await deleteKafkaObjects(brokers, '');
    const deleted = [...topics.map((t) => `topic ${t}`), ...groups.map((g) => `group ${g}`)];
    out.write(`demo-reset: Kafka: deleted ${deleted.join(', ') || 'nothing (no demo topic)'}\n`);
  }
  return 0;
}
