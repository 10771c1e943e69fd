import type * as Kafka from '@platformatic/kafka' with { 'resolution-mode': 'import' };

export type KafkaModule = typeof Kafka;

/** Where the Kafka log is: the brokers and the topic (already prefixed for isolated runs). */
export interface KafkaTarget {
  readonly brokers: readonly string[];
  readonly topic: string;
  /** Partitions of the topic when this client creates it. @default 3 */
  readonly partitions?: number;
  /** Copies of each partition when this client creates it (1 on a one-node dev broker). @default 1 */
  readonly replicas?: number;
}

/**
 * The client, an ES module, imported when first needed: services that never touch Kafka do not
 * load it (idle memory), and this CommonJS package cannot `require` it statically.
 */
export function loadKafka(): Promise<KafkaModule> {
  return import('@platformatic/kafka');
}

function adminOf(kafka: KafkaModule, target: Pick<KafkaTarget, 'brokers'>) {
  return new kafka.Admin({
    clientId: 'shop-admin',
    bootstrapBrokers: [...target.brokers],
    connectTimeout: 3000,
    retries: 1,
  });
}

/** Creates the topic with its partitions unless it exists (creation is idempotent here). */
export async function ensureTopic(kafka: KafkaModule, target: KafkaTarget): Promise<void> {
  const admin = adminOf(kafka, target);
  try {
    const existing = await admin.listTopics();
    if (existing.includes(target.topic)) return;
    await admin
      .createTopics({
        topics: [target.topic],
        partitions: target.partitions ?? 3,
        replicas: target.replicas ?? 1,
      })
      .catch((err: unknown) => {
        if (!/already exists/i.test(errorText(err))) throw err;
      });
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** An error's message with its causes (the client wraps the broker's answer). */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e = err; e instanceof Error && parts.length < 5; e = e.cause) parts.push(e.message);
  const nested = (err as { errors?: unknown[] } | undefined)?.errors ?? [];
  return [...parts, ...nested.map(errorText)].join(': ');
}

/** Each partition's end offset (the next offset to be written), by partition. */
export async function topicEnds(
  kafka: KafkaModule,
  target: KafkaTarget,
): Promise<Map<number, number>> {
  await ensureTopic(kafka, target);
  const admin = adminOf(kafka, target);
  try {
    const metadata = await admin.metadata({ topics: [target.topic] });
    const count = metadata.topics.get(target.topic)?.partitionsCount ?? 0;
    const partitions = Array.from({ length: count }, (_, partitionIndex) => ({
      partitionIndex,
      timestamp: -1n,
    }));
    const [listed] = await admin.listOffsets({ topics: [{ name: target.topic, partitions }] });
    return new Map(listed?.partitions.map((p) => [p.partitionIndex, Number(p.offset)]) ?? []);
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** The offsets `groupId` committed on the topic, by partition (absent: none committed). */
export async function committedOffsets(
  kafka: KafkaModule,
  target: KafkaTarget,
  groupId: string,
): Promise<Map<number, number>> {
  const admin = adminOf(kafka, target);
  try {
    const [group] = await admin.listConsumerGroupOffsets({ groups: [groupId] });
    const topic = group?.topics.find((t) => t.name === target.topic);
    return new Map(
      (topic?.partitions ?? [])
        .filter((p) => p.committedOffset >= 0n)
        .map((p) => [p.partitionIndex, Number(p.committedOffset)]),
    );
  } finally {
    await admin.close().catch(() => undefined);
  }
}
