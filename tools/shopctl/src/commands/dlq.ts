import { listDeadLetters, replayDeadLetters } from '../broker/dead-letters';

const USAGE =
  'usage: shopctl dlq list|replay <queue> [messageId]   (AMQP_URL, EVENTS_QUEUE_PREFIX from the environment)';

/** Lists or replays the dead letters of a consumer queue, e.g. `shopctl dlq list product.query`. */
export async function dlq(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const [verb, name, messageId] = args;
  const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  if (!name || (verb !== 'list' && verb !== 'replay')) {
    out.write(`${USAGE}\n`);
    return 2;
  }
  // The services' own variable: a stack of its own (a test's) prefixes every queue name.
  const queue = (process.env.EVENTS_QUEUE_PREFIX ?? '') + name;
  if (verb === 'replay') {
    const moved = await replayDeadLetters(amqpUrl, queue, messageId);
    out.write(`replayed ${moved} message(s) from ${queue}.dlq to ${queue}\n`);
    return 0;
  }
  const letters = await listDeadLetters(amqpUrl, queue);
  out.write(`${letters.length} message(s) in ${queue}.dlq\n`);
  for (const l of letters) {
    out.write(
      `- ${l.messageId} ${l.type} attempts=${l.attempts} error=${l.lastError}\n  ${l.body}\n`,
    );
  }
  return 0;
}
