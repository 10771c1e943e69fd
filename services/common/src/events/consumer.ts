import diagnostics from 'node:diagnostics_channel';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { contextFromHeaders, runWithContext } from '../context';
import { tracing } from '../telemetry/tracing';
import type { Logger } from '../logger';
import type { Broker } from './broker';
import { contracts, type EventData, type EventType } from './contracts';
import { ContractError, parseEvent, type EventEnvelope } from './envelope';

export type EventHandler<T extends EventType = EventType> = (
  event: EventEnvelope<T> & { data: EventData<T> },
) => Promise<void>;

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
}

/** What a consumer publishes on DELIVERY_CHANNEL before it handles a message. */
export interface Delivery {
  readonly queue: string;
  readonly channel: ConfirmChannel;
  readonly message: ConsumeMessage;
}

/**
 * The diagnostics channel every delivery is announced on before it is handled (an observer in
 * the process may subscribe: the test kit's duplicate deliveries do).
 */
export const DELIVERY_CHANNEL = 'shop:event-consumer:delivery';
const deliveries = diagnostics.channel(DELIVERY_CHANNEL);

const ATTEMPT_HEADER = 'x-attempt';
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

/**
 * A service's subscriptions on its own durable queue: manual ack, bounded prefetch, a delayed
 * retry through `<queue>.retry` (backing off exponentially), and after `maxAttempts` the message is rejected into
 * `<queue>.dlq` through the dead-letter exchange. Invalid messages go there at once.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, EventHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private channel?: ConfirmChannel;
  private consumerTag?: string;

  constructor(private readonly options: EventConsumerOptions) {}

  /** Handles events of `type`; call before `start()`. */
  subscribe<T extends EventType>(type: T, handler: EventHandler<T>): this {
    this.handlers.set(type, handler as unknown as EventHandler);
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
    await Promise.allSettled([...this.inFlight]);
    await channel?.close().catch(() => undefined);
  }

  private async setup(connection: ChannelModel): Promise<void> {
    const { queue, broker } = this.options;
    const dlx = deadLetterExchange(broker.exchange);
    const channel = await connection.createConfirmChannel();
    channel.on('error', (err: Error) =>
      this.options.log.warn({ err, queue }, 'consumer channel error'),
    );
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
    // The queue carries exactly the subscribed types: bindings of an earlier configuration
    // (another SAGA_MODE, say) would otherwise keep routing messages nobody handles.
    for (const type of Object.keys(contracts)) {
      if (this.handlers.has(type)) await channel.bindQueue(queue, broker.exchange, type);
      else await channel.unbindQueue(queue, broker.exchange, type);
    }
    await channel.prefetch(this.options.prefetch ?? 32);
    const { consumerTag } = await channel.consume(queue, (msg) => {
      if (msg) this.track(this.deliver(channel, msg));
    });
    this.channel = channel;
    this.consumerTag = consumerTag;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliver(channel: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const headers = msg.properties.headers ?? {};
    if (deliveries.hasSubscribers) {
      deliveries.publish({ queue: this.options.queue, channel, message: msg } satisfies Delivery);
    }
    await runWithContext(contextFromHeaders(headers), async () => {
      try {
        const event = parseEvent(JSON.parse(msg.content.toString('utf8')));
        const handler = this.handlers.get(event.type);
        if (!handler)
          throw new ContractError(`no handler for ${event.type} on ${this.options.queue}`);
        const traced = { system: 'rabbitmq', destination: this.options.queue, ...event } as const;
        await tracing().consume(traced, () => handler(event));
        channel.ack(msg);
      } catch (err) {
        await this.onFailure(channel, msg, err);
      }
    }).catch((err: unknown) => this.options.log.error({ err }, 'delivery handling failed'));
  }

  private async onFailure(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    err: unknown,
  ): Promise<void> {
    const attempt = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1);
    const poison = err instanceof ContractError || err instanceof SyntaxError;
    const max = this.options.maxAttempts ?? 5;
    const log = { err, queue: this.options.queue, messageId: msg.properties.messageId, attempt };
    if (poison || attempt >= max) {
      this.options.log.error(log, 'message dead-lettered');
      channel.nack(msg, false, false);
      return;
    }
    this.options.log.warn(log, 'message failed; will retry');
    const headers = {
      ...msg.properties.headers,
      [ATTEMPT_HEADER]: attempt + 1,
      'x-last-error': String(err).slice(0, 500),
    };
    // The retry copy is confirmed before the original is acked: a crash in between redelivers.
    await new Promise<void>((resolve, reject) => {
      channel.sendToQueue(
        `${this.options.queue}.retry`,
        msg.content,
        {
          ...msg.properties,
          headers,
          expiration: String(retryDelayMs(attempt, this.options.retryDelayMs ?? 1000)),
        },
        (e) => (e ? reject(e instanceof Error ? e : new Error(String(e))) : resolve()),
      );
    }).then(
      () => channel.ack(msg),
      () => channel.nack(msg, false, true),
    );
  }
}
