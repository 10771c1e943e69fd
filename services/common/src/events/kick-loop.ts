import { detached } from '../context';

export interface KickLoopOptions {
  /** Interval between rounds when nothing kicks. @default 500 ms */
  readonly pollMs?: number;
  /** Wait after a failed round, doubling up to the maximum. @default 100 and 5000 ms */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Told about a failed round and when the next one runs. */
  readonly onError?: (err: unknown, retryInMs: number) => void;
}

/**
 * Runs `round` at once when kicked (kicks during a round coalesce into one more round), and
 * otherwise every `pollMs`; a failing round backs off. The shape of every relay: kick after a
 * commit for latency, poll for what a crash or another replica left.
 */
export class KickLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private backoffMs: number;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly options: KickLoopOptions = {},
  ) {
    this.backoffMs = options.minBackoffMs ?? 100;
  }

  /** False once stop() was called: a long round should end early. */
  get active(): boolean {
    return !this.stopped;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops scheduling rounds and waits for the one running. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async runOnce(): Promise<void> {
    let delay = this.options.pollMs ?? 500;
    try {
      await this.round();
      this.backoffMs = this.options.minBackoffMs ?? 100;
    } catch (err) {
      delay = this.backoffMs;
      this.options.onError?.(err, delay);
      this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 5000);
    }
    if (!this.stopped) {
      // The next round is the loop's own, not part of whatever kicked this one.
      this.timer = detached(() => setTimeout(() => this.kick(), delay));
      this.timer.unref();
    }
  }
}

/**
 * A relay whose rounds a KickLoop runs (the kit's outbox, order's MongoDB documents): start,
 * kick and stop are the loop's; a subclass says how one drain publishes.
 */
export abstract class KickedRelay {
  protected readonly loop: KickLoop;

  protected constructor(options: KickLoopOptions) {
    this.loop = new KickLoop(() => this.drain(), options);
  }

  start(): void {
    this.loop.start();
  }

  /** Publishes soon; coalesces calls while a round is running. */
  kick(): void {
    this.loop.kick();
  }

  /** Publishes what is left and stops. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Publishes what is due, round after round, while the loop is active. */
  protected abstract drain(): Promise<void>;
}
