import type { IncomingMessage } from 'node:http';

export interface StreamLimits {
  /** Longest silence (no event, no heartbeat) before the upstream is taken for dead. */
  readonly idleMs: number;
  /** Longest life of one stream; the client reconnects if it still cares. */
  readonly maxMs: number;
}

/** A stream cut by its limits: counted and logged as an upstream timeout. */
export class StreamLimitError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
}

/** A stream cut because the gateway is stopping: nobody's failure. */
export class StreamClosedError extends Error {}

/** Whether an answer is a server-sent event stream (passed on as it comes, under its own limits). */
export function isEventStream(answer: IncomingMessage): boolean {
  return /^text\/event-stream\b/i.test(answer.headers['content-type'] ?? '');
}

/**
 * The event streams being passed on. A stream lives longer than any exchange deadline could
 * allow, so it is held to an idle limit and a lifetime instead; on shutdown every open one is
 * cut so the server can close (the order service ends its own streams when it stops).
 */
export class OpenStreams {
  private readonly open = new Set<IncomingMessage>();

  constructor(private readonly limits: StreamLimits) {}

  /** Holds `answer` to the limits until it closes. Call once it is being piped (flowing). */
  hold(answer: IncomingMessage): void {
    const { idleMs, maxMs } = this.limits;
    const cut = (why: string) => answer.destroy(new StreamLimitError(why));
    const idle = setTimeout(() => cut(`no bytes for ${idleMs} ms`), idleMs);
    const lifetime = setTimeout(() => cut(`open for ${maxMs} ms`), maxMs);
    answer.on('data', () => idle.refresh());
    this.open.add(answer);
    answer.once('close', () => {
      clearTimeout(idle);
      clearTimeout(lifetime);
      this.open.delete(answer);
    });
  }

  get size(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const answer of this.open)
      answer.destroy(new StreamClosedError('the gateway is stopping'));
  }
}
