import { randomUUID } from 'node:crypto';
import type { Broker, Logger, StreamReader, StreamVerdict } from '@shop/common';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';

/** Where a subscription starts reading, and the store epoch it reads under. */
export interface StreamStart {
  readonly epoch: number;
  readonly from: number | 'first';
}

export interface StreamMessage {
  /** The message's offset in the stream (the broker's `x-stream-offset` header). */
  readonly offset: number;
  readonly content: Buffer;
}

export interface StreamConsumerOptions {
  readonly broker: Broker;
  /** The stream queue, declared durable with `x-queue-type: stream`. */
  readonly stream: string;
  /** Routing keys bound from the broker's exchange. */
  readonly routingKeys: readonly string[];
  /** Unacknowledged messages in flight (a stream consumer must set one). */
  readonly prefetch: number;
  /** Wait before reading again after a message failed. */
  readonly retryDelayMs: number;
  readonly log: Logger;
  /** Asked at every (re)subscription: the consumer's stored position, not the broker's. */
  start(): Promise<StreamStart>;
  /** Handles the messages delivered so far (at most `prefetch`), in offset order. */
  handle(messages: readonly StreamMessage[], epoch: number): Promise<StreamVerdict>;
}

/**
 * Reads a RabbitMQ stream over AMQP 0.9.1 from a position its owner stores (`x-stream-offset`),
 * handing over what has arrived as one batch at a time and acknowledging it once handled. A
 * failed or stale batch ends the subscription; the next one starts again from the stored
 * position, so nothing is skipped and (with a store that records offsets) nothing is applied
 * twice.
 */
export class StreamConsumer implements StreamReader {
  private connection?: ChannelModel;
  private subscription?: { channel: Channel; consumerTag: string };
  /** Deliveries of the current subscription not handled yet. */
  private pending: ConsumeMessage[] = [];
  private work: Promise<void> = Promise.resolve();
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: StreamConsumerOptions) {}

  get connected(): boolean {
    return this.subscription !== undefined;
  }

  /** Subscribes now when the broker is connected, and again after every reconnection. */
  async start(): Promise<void> {
    await this.options.broker.onConnect((connection) => this.subscribe(connection));
  }

  /** Stops taking messages and waits for those already delivered to be handled. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const subscription = this.subscription;
    if (subscription) {
      await subscription.channel.cancel(subscription.consumerTag).catch(() => undefined);
    }
    await this.work;
    await this.unsubscribe();
  }

  private async subscribe(connection: ChannelModel): Promise<void> {
    const { stream, broker, routingKeys, prefetch, log } = this.options;
    this.watch(connection);
    await this.unsubscribe();
    const channel = await connection.createChannel();
    channel.on('error', (err: Error) => log.warn({ err, stream }, 'stream channel error'));
    channel.on('close', () => this.onChannelClosed(channel));
    await channel.assertQueue(stream, { durable: true, arguments: { 'x-queue-type': 'stream' } });
    for (const key of routingKeys) await channel.bindQueue(stream, broker.exchange, key);
    await channel.prefetch(prefetch);
    const { epoch, from } = await this.options.start();
    // Set before consuming: the first deliveries can arrive before consume() resolves.
    const consumerTag = `${stream}.${randomUUID()}`;
    this.subscription = { channel, consumerTag };
    await channel.consume(stream, (msg) => this.enqueue(channel, msg, epoch), {
      consumerTag,
      arguments: { 'x-stream-offset': from === 'first' ? 'first' : { '!': 'long', value: from } },
    });
    log.info({ stream, from, epoch }, 'reading the stream');
  }

  private enqueue(channel: Channel, msg: ConsumeMessage | null, epoch: number): void {
    if (this.subscription?.channel !== channel) return;
    if (!msg) {
      this.work = this.work.then(() => this.onCancelled(channel));
      return;
    }
    this.pending.push(msg);
    if (this.pending.length === 1) this.work = this.work.then(() => this.drain(channel, epoch));
  }

  private async drain(channel: Channel, epoch: number): Promise<void> {
    while (this.pending.length > 0 && this.subscription?.channel === channel) {
      await this.process(channel, this.pending.splice(0), epoch);
    }
  }

  private async process(channel: Channel, batch: ConsumeMessage[], epoch: number): Promise<void> {
    const offsets = batch.map((msg) => Number(msg.properties.headers?.['x-stream-offset']));
    try {
      if (!offsets.every(Number.isSafeInteger)) throw new Error('message without x-stream-offset');
      const messages = batch.map((msg, i) => ({ offset: offsets[i]!, content: msg.content }));
      const verdict = await this.options.handle(messages, epoch);
      if (this.subscription?.channel !== channel) return; // closed meanwhile; the store knows
      if (verdict === 'stale') return this.resubscribe(0);
      channel.ack(batch.at(-1)!, true);
    } catch (err) {
      this.options.log.error(
        { err, stream: this.options.stream, offsets: [offsets[0], offsets.at(-1)] },
        'stream messages failed; reading again from the stored position',
      );
      this.resubscribe(this.options.retryDelayMs);
    }
  }

  private onCancelled(channel: Channel): void {
    if (this.subscription?.channel !== channel) return;
    this.options.log.warn(
      { stream: this.options.stream },
      'the broker cancelled the stream consumer',
    );
    this.resubscribe(this.options.retryDelayMs);
  }

  private onChannelClosed(channel: Channel): void {
    if (this.subscription?.channel !== channel) return;
    this.subscription = undefined;
    this.resubscribe(this.options.retryDelayMs);
  }

  /** Drops the subscription and, on the same connection, subscribes again after `delayMs`. */
  private resubscribe(delayMs: number): void {
    const connection = this.connection;
    void this.unsubscribe();
    clearTimeout(this.retryTimer);
    if (this.stopped || !connection) return;
    this.retryTimer = setTimeout(() => {
      // After a reconnection the broker runs subscribe() itself.
      if (this.stopped || this.connection !== connection) return;
      this.subscribe(connection).catch((err: unknown) => {
        this.options.log.warn({ err, stream: this.options.stream }, 'stream subscription failed');
        this.resubscribe(this.options.retryDelayMs);
      });
    }, delayMs);
    this.retryTimer.unref();
  }

  private async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    this.pending = [];
    // Closing the channel drops its unacknowledged deliveries; the stream keeps the messages.
    await subscription?.channel.close().catch(() => undefined);
  }

  private watch(connection: ChannelModel): void {
    if (this.connection === connection) return;
    this.connection = connection;
    connection.once('close', () => {
      if (this.connection === connection) this.connection = undefined;
    });
  }
}
