import { loadKafka, ORDER_EVENTS_TOPIC } from '@shop/common';

/**
 * Deletes what a stack whose names start with `prefix` leaves on Kafka: its order topic and its
 * analytics consumer groups (the service's and any replay's left behind). What is already gone
 * is no error, so a stack that never touched Kafka cleans up the same way.
 */
export async function deleteKafkaObjects(brokers: readonly string[], prefix: string) {
  const kafka = await loadKafka();
  const admin = new kafka.Admin({
    clientId: 'shopctl-cleanup',
    bootstrapBrokers: [...brokers],
    connectTimeout: 3000,
    retries: 1,
  });
  try {
    const listed = await admin.listGroups({ types: ['classic', 'consumer'] });
    const groups = [...listed.keys()].filter((g) => g.startsWith(`${prefix}analytics`));
    if (groups.length > 0) await admin.deleteGroups({ groups });
    const topic = `${prefix}${ORDER_EVENTS_TOPIC}`;
    const topics = (await admin.listTopics()).filter((t) => t === topic);
    if (topics.length > 0) await admin.deleteTopics({ topics });
    return { topics, groups };
  } finally {
    await admin.close().catch(() => undefined);
  }
}
