// How a consumer's queues are named, and how long a failed message waits before its retry.

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

/** `<exchange>.dlx`: where a queue's rejected messages go, routed to `<queue>.dlq`. */
export function deadLetterExchange(exchange: string): string {
  return `${exchange}.dlx`;
}
