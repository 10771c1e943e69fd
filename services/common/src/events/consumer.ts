import diagnostics from 'node:diagnostics_channel';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { contextFromHeaders, runWithContext } from '../context';
import { tracing } from '../telemetry/tracing';
import type { Logger } from '../logger';
import type { Broker } from './broker';
import { contracts, type EventType } from './contracts';
import { ContractError, parseEvent } from './envelope';
import { withTransaction } from '../db';
import { Batcher, firstDeliveries } from './batch';
import type {
  AfterCommit,
  ApplyOnce,
  Attempt,
  ConsumerStore,
  EventHandler,
  ReceivedEvent,
} from './handlers';
import { DELIVERY_CHANNEL, type Delivery } from './delivery-channel';
import { ATTEMPT_HEADER, declareConsumerQueues, retryOrDeadLetter } from './retry-queues';

export type { AfterCommit, ApplyOnce, Attempt, ConsumerStore, EventHandler, ReceivedEvent };

export interface EventConsumerOptions {
  readonly broker: Broker;
  /** Durable queue name, e.g. `product.query`; also `<queue>.retry` and `<queue>.dlq`. */
  readonly queue: string;
  readonly log: Logger;
  /** Deliveries before a failing message goes to `<queue>.dlq`. @default 5 */
  readonly maxAttempts?: number;
  /** Unacknowledged messages in flight. @default 32 */
  readonly prefetch?: number;
  /** Wait before the first redelivery of a failed message, doubled each attempt. @default 1000 ms */
  readonly retryDelayMs?: number;
  /** Needed by subscribeOnce. */
  readonly store?: ConsumerStore;
}

const deliveries = diagnostics.channel(DELIVERY_CHANNEL);

/** A message taken off the queue, decoded. */
interface Received {
  readonly channel: ConfirmChannel;
  readonly msg: ConsumeMessage;
  readonly event: ReceivedEvent;
  readonly attempt: Attempt;
}

type Subscription =
  { readonly handle: EventHandler } | { readonly apply: ApplyOnce; readonly after?: AfterCommit };

type Batched = Received & { readonly subscription: Extract<Subscription, { apply: ApplyOnce }> };

/**
 * A service's subscriptions on its own durable queue: manual ack, bounded prefetch, a delayed
 * retry through `<queue>.retry` (backing off exponentially), and after `maxAttempts` the message
 * is rejected into `<queue>.dlq` through the dead-letter exchange. Invalid messages go there at
 * once. `subscribe` handlers run one per message, concurrently; `subscribeOnce` work runs in
 * batches, one transaction per batch (see applyBatch).
 */
export class EventConsumer {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly batcher: Batcher<Batched>;
  private channel?: ConfirmChannel;
  private consumerTag?: string;

  constructor(private readonly options: EventConsumerOptions) {
    const apply = (batch: Batched[]) =>
      this.applyBatch(batch).catch((err: unknown) =>
        options.log.error({ err, queue: options.queue }, 'batch handling failed'),
      );
    this.batcher = new Batcher(apply, options.prefetch ?? 32);
  }

  /** Handles events of `type` one message at a time; call before `start()`. */
  subscribe<T extends EventType>(type: T, handle: EventHandler<T>): this {
    this.subscriptions.set(type, { handle: handle as unknown as EventHandler });
    return this;
  }

  /**
   * Applies events of `type` once per event id, in a transaction of the consumer's store that
   * also records the id; `after` runs once it committed. Call before `start()`.
   */
  subscribeOnce<T extends EventType, R>(
    type: T,
    apply: ApplyOnce<T, R>,
    after?: AfterCommit<T, R>,
  ): this {
    if (!this.options.store) throw new Error(`subscribeOnce(${type}) needs a consumer store`);
    this.subscriptions.set(type, {
      apply: apply as unknown as ApplyOnce,
      after: after as unknown as AfterCommit | undefined,
    });
    return this;
  }

  async start(): Promise<void> {
    await this.options.broker.onConnect((connection) => this.setup(connection));
  }

  /** Stops taking messages and waits for the ones being handled. */
  async stop(): Promise<void> {
    const channel = this.channel;
    this.channel = undefined;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    await Promise.allSettled([...this.inFlight, this.batcher.idle()]);
    await channel?.close().catch(() => undefined);
  }

  private async setup(connection: ChannelModel): Promise<void> {
    const { queue, broker } = this.options;
    const channel = await connection.createConfirmChannel();
    channel.on('error', (err: Error) =>
      this.options.log.warn({ err, queue }, 'consumer channel error'),
    );
    await declareConsumerQueues(channel, queue, broker.exchange);
    // The queue carries exactly the subscribed types: bindings of an earlier configuration
    // (another SAGA_MODE, say) would otherwise keep routing messages nobody handles.
    for (const type of Object.keys(contracts)) {
      if (this.subscriptions.has(type)) await channel.bindQueue(queue, broker.exchange, type);
      else await channel.unbindQueue(queue, broker.exchange, type);
    }
    await channel.prefetch(this.options.prefetch ?? 32);
    const { consumerTag } = await channel.consume(queue, (msg) => {
      if (msg) this.receive(channel, msg);
    });
    this.channel = channel;
    this.consumerTag = consumerTag;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Decodes a message and hands it to its subscription; an undecodable one is dead-lettered. */
  private receive(channel: ConfirmChannel, msg: ConsumeMessage): void {
    if (deliveries.hasSubscribers) {
      deliveries.publish({ queue: this.options.queue, channel, message: msg } satisfies Delivery);
    }
    let received: Received;
    let subscription: Subscription | undefined;
    try {
      const event = parseEvent(JSON.parse(msg.content.toString('utf8')));
      subscription = this.subscriptions.get(event.type);
      if (!subscription)
        throw new ContractError(`no handler for ${event.type} on ${this.options.queue}`);
      received = { channel, msg, event: event as ReceivedEvent, attempt: this.attemptOf(msg) };
    } catch (err) {
      this.track(this.inContext(msg, () => this.retryOrDeadLetter(channel, msg, err)));
      return;
    }
    if ('apply' in subscription) this.batcher.add({ ...received, subscription });
    else this.track(this.handleOne(received, subscription.handle));
  }

  private handleOne({ channel, msg, event, attempt }: Received, handle: EventHandler) {
    return this.inContext(msg, async () => {
      try {
        await this.traced(event, () => handle(event, attempt));
        channel.ack(msg);
      } catch (err) {
        await this.retryOrDeadLetter(channel, msg, err);
      }
    });
  }

  /**
   * Applies a batch in one transaction: one processed_events insert for every id, each new
   * event's work in arrival order, one commit, then the acks. If the batch fails, each message
   * is applied again alone, so only the one that fails is retried (or dead-lettered).
   */
  private async applyBatch(batch: readonly Batched[]): Promise<void> {
    const store = this.options.store!;
    let results: unknown[];
    try {
      results = await withTransaction(store.pool, async (tx) => {
        const fresh = await firstDeliveries(
          tx,
          store.consumer,
          batch.map((b) => b.event.id),
        );
        const applied: unknown[] = [];
        for (const { msg, event, attempt, subscription } of batch) {
          // delete: a second copy of an event in the same batch is a redelivery too
          const work = () => this.traced(event, () => subscription.apply(event, tx, attempt));
          applied.push(fresh.delete(event.id) ? await within(msg, work) : undefined);
        }
        return applied;
      });
    } catch (err) {
      if (batch.length > 1) {
        for (const one of batch) await this.applyBatch([one]);
        return;
      }
      const [{ channel, msg }] = batch as [Batched];
      return this.inContext(msg, () => this.retryOrDeadLetter(channel, msg, err));
    }
    batch.forEach(({ channel, msg, event, subscription }, i) => {
      channel.ack(msg);
      void this.inContext(msg, async () => subscription.after?.(results[i], event));
    });
    store.afterCommit?.();
  }

  /** Runs `work` in the message's trace and correlation; a failure is logged, never thrown. */
  private inContext(msg: ConsumeMessage, work: () => Promise<unknown>): Promise<void> {
    return within(msg, work).then(
      () => undefined,
      (err: unknown) => this.options.log.error({ err }, 'delivery handling failed'),
    );
  }

  private traced<R>(event: ReceivedEvent, work: () => Promise<R>): Promise<R> {
    return tracing().consume(
      { system: 'rabbitmq', destination: this.options.queue, ...event },
      work,
    );
  }

  private retryOrDeadLetter(channel: ConfirmChannel, msg: ConsumeMessage, err: unknown) {
    const { queue, log, retryDelayMs } = this.options;
    return retryOrDeadLetter(
      { channel, msg, err, attempt: this.attemptOf(msg) },
      { queue, log, retryDelayMs },
    );
  }

  private attemptOf(msg: ConsumeMessage): Attempt {
    const number = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1);
    return { number, last: number >= (this.options.maxAttempts ?? 5) };
  }
}

/** Runs `work` in the trace and correlation the message carries. */
function within<R>(msg: ConsumeMessage, work: () => R): R {
  return runWithContext(contextFromHeaders(msg.properties.headers ?? {}), work);
}
