import amqp from 'amqplib';
import { TEST_AMQP_URL } from './infra';

/** A message in `<queue>.dlq` as the kit's consumer left it there. */
export interface PeekedDeadLetter {
  readonly messageId: string;
  readonly type: string;
  /** The kit's `x-attempt` header: deliveries before it was dead-lettered. */
  readonly attempts: number;
  readonly lastError: string;
}

/** What sits in `<queue>.dlq`, left there (every message taken is put back). */
export async function peekDeadLetters(queue: string): Promise<PeekedDeadLetter[]> {
  const connection = await amqp.connect(TEST_AMQP_URL);
  const channel = await connection.createChannel();
  const letters: PeekedDeadLetter[] = [];
  for (let msg = await channel.get(`${queue}.dlq`); msg; msg = await channel.get(`${queue}.dlq`)) {
    const { messageId, type, headers = {} } = msg.properties;
    letters.push({
      messageId: String(messageId),
      type: String(type),
      attempts: Number(headers['x-attempt'] ?? 1),
      lastError: String(headers['x-last-error'] ?? ''),
    });
  }
  channel.nackAll(true);
  await channel.close();
  await connection.close();
  return letters;
}
