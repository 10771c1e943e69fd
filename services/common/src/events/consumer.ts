import diagnostics from 'node:diagnostics_channel';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { contextFromHeaders, runWithContext } from '../context';
import { tracing } from '../telemetry/tracing';
import type { Logger } from '../logger';
import type { Broker } from './broker';
import { contracts, type EventData, type EventType } from './contracts';
import { ContractError, parseEvent, type EventEnvelope } from './envelope';
import { deadLetterExchange, retryDelayMs } from './retry-queues';

export type EventHandler<T extends EventType = EventType> = (
  event: EventEnvelope<T> & { data: EventData<T> },
  attempt: Attempt,
) => Promise<void>;

/** Which delivery of the message this is: a handler may wait for something only while more remain. */
export interface Attempt {
  /** 1 for the first delivery. */
  readonly number: number;
  /** No retry follows if this one fails: the message goes to `<queue>.dlq`. */
  readonly last: boolean;
}

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
        await tracing().consume(traced, () => handler(event, this.attemptOf(msg)));
        channel.ack(msg);
      } catch (err) {
        await this.onFailure(channel, msg, err);
      }
    }).catch((err: unknown) => this.options.log.error({ err }, 'delivery handling failed'));
  }

  private attemptOf(msg: ConsumeMessage): Attempt {
    const number = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1);
    return { number, last: number >= (this.options.maxAttempts ?? 5) };
  }

  private async onFailure(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    err: unknown,
  ): Promise<void> {
    const { number: attempt, last } = this.attemptOf(msg);
    const poison = err instanceof ContractError || err instanceof SyntaxError;
    const log = { err, queue: this.options.queue, messageId: msg.properties.messageId, attempt };
    if (poison || last) {
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
