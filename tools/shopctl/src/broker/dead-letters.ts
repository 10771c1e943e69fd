import amqp, { type GetMessage } from 'amqplib';

export interface DeadLetter {
  readonly messageId: string;
  readonly type: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly body: string;
}

/** Lists what sits in `<queue>.dlq` without removing it. */
export async function listDeadLetters(
  amqpUrl: string,
  queue: string,
  limit = 100,
): Promise<DeadLetter[]> {
  return withChannel(amqpUrl, async (channel) => {
    const taken: GetMessage[] = [];
    for (let i = 0; i < limit; i++) {
      const msg = await channel.get(`${queue}.dlq`, { noAck: false });
      if (!msg) break;
      taken.push(msg);
    }
    channel.nackAll(true);
    return taken.map(describe);
  });
}

/**
 * Moves dead letters back onto `queue` with a fresh attempt count (all, or only `messageId`),
 * each confirmed by the broker before it leaves the DLQ. Returns how many moved. Only the
 * letters there at the start move: one that fails again lands behind them and stays.
 */
export async function replayDeadLetters(
  amqpUrl: string,
  queue: string,
  messageId?: string,
): Promise<number> {
  return withChannel(amqpUrl, async (channel) => {
    let moved = 0;
    const skipped: GetMessage[] = [];
    const { messageCount } = await channel.checkQueue(`${queue}.dlq`);
    for (let i = 0; i < messageCount; i++) {
      const msg = await channel.get(`${queue}.dlq`, { noAck: false });
      if (!msg) break;
      if (messageId && msg.properties.messageId !== messageId) {
        skipped.push(msg);
        continue;
      }
      const headers = { ...msg.properties.headers, 'x-attempt': 1, 'x-replayed': true };
      delete headers['x-death'];
      channel.sendToQueue(queue, msg.content, { ...msg.properties, headers });
      await channel.waitForConfirms();
      channel.ack(msg);
      moved++;
    }
    for (const msg of skipped) channel.nack(msg, false, true);
    return moved;
  });
}

async function withChannel<T>(
  url: string,
  work: (channel: amqp.ConfirmChannel) => Promise<T>,
): Promise<T> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    try {
      return await work(channel);
    } finally {
      // Closing the channel is a round trip after its acks: closing only the connection
      // right after an ack lost it (the replayed letter stayed in the DLQ as well).
      await channel.close();
    }
  } finally {
    await connection.close();
  }
}

function describe(msg: GetMessage): DeadLetter {
  const headers = msg.properties.headers ?? {};
  return {
    messageId: String(msg.properties.messageId ?? ''),
    type: String(msg.properties.type ?? ''),
    attempts: Number(headers['x-attempt'] ?? 1),
    lastError: String(headers['x-last-error'] ?? ''),
    body: msg.content.toString('utf8'),
  };
}
