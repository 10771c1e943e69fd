// How a consumer's queues are named, and where a failed message goes: its retry, after a wait,
// or the dead letters.
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../logger';
import { ContractError } from './envelope';
import type { Attempt } from './handlers';

/** The header counting a message's deliveries through `<queue>.retry`. */
export const ATTEMPT_HEADER = 'x-attempt';

/** The longest wait between two attempts, however many came before. */
export const MAX_RETRY_DELAY_MS = 30_000;

/**
 * The wait before attempt `attempt + 1`: `baseMs`, then doubling (1, 2, 4, 8 s by default), so
 * five attempts span 15 s, enough for a dependency to restart, without a hot retry loop.
 * It is the retry copy's per-message TTL: RabbitMQ expires only the head of `<queue>.retry`, so a
 * short wait queued behind a longer one waits for it (later, never sooner, never lost).
 */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
}

/** Every queue a consumer on `queue` declares: the queue, `<queue>.retry` and `<queue>.dlq`. */
export function consumerQueues(queue: string): string[] {
  return [queue, `${queue}.retry`, `${queue}.dlq`];
}

/**
 * Declares `queue` with its retry queue (messages expire back into `queue`) and its dead
 * letters (`queue` rejects into `<exchange>.dlx`, routed to `<queue>.dlq`).
 */
export async function declareConsumerQueues(
  channel: ConfirmChannel,
  queue: string,
  exchange: string,
): Promise<void> {
  const dlx = deadLetterExchange(exchange);
  await channel.assertExchange(dlx, 'direct', { durable: true });
  await channel.assertQueue(`${queue}.dlq`, { durable: true });
  await channel.bindQueue(`${queue}.dlq`, dlx, queue);
  await channel.assertQueue(`${queue}.retry`, {
    durable: true,
    deadLetterExchange: '',
    deadLetterRoutingKey: queue,
  });
  await channel.assertQueue(queue, {
    durable: true,
    deadLetterExchange: dlx,
    deadLetterRoutingKey: queue,
  });
}

/** `<exchange>.dlx`: where a queue's rejected messages go, routed to `<queue>.dlq`. */
export function deadLetterExchange(exchange: string): string {
  return `${exchange}.dlx`;
}

/** A message whose handling failed, on its channel. */
export interface Failure {
  readonly channel: ConfirmChannel;
  readonly msg: ConsumeMessage;
  readonly err: unknown;
  readonly attempt: Attempt;
}

/**
 * Sends a failed message to `<queue>.retry` with its attempt counted, to come back after
 * retryDelayMs; a poison message (it breaks its contract) or one on its last attempt is
 * rejected into `<queue>.dlq` instead.
 */
export async function retryOrDeadLetter(
  { channel, msg, err, attempt }: Failure,
  options: { readonly queue: string; readonly log: Logger; readonly retryDelayMs?: number },
): Promise<void> {
  const poison = err instanceof ContractError || err instanceof SyntaxError;
  const { queue, log } = options;
  const fields = { err, queue, messageId: msg.properties.messageId, attempt: attempt.number };
  if (poison || attempt.last) {
    log.error(fields, 'message dead-lettered');
    channel.nack(msg, false, false);
    return;
  }
  log.warn(fields, 'message failed; will retry');
  const headers = {
    ...msg.properties.headers,
    [ATTEMPT_HEADER]: attempt.number + 1,
    'x-last-error': String(err).slice(0, 500),
  };
  const expiration = String(retryDelayMs(attempt.number, options.retryDelayMs ?? 1000));
  // The retry copy is confirmed before the original is acked: a crash in between redelivers.
  await new Promise<void>((resolve, reject) => {
    channel.sendToQueue(
      `${queue}.retry`,
      msg.content,
      { ...msg.properties, headers, expiration },
      (e) => (e ? reject(e instanceof Error ? e : new Error(String(e))) : resolve()),
    );
  }).then(
    () => channel.ack(msg),
    () => channel.nack(msg, false, true),
  );
}
