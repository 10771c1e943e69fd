import type { Consumer, Message, MessagesStream } from '@platformatic/kafka' with {
  'resolution-mode': 'import',
};
import type { Logger } from '../../logger';
import type { StreamBatchHandler, StreamReader } from '../stream';
import { ensureTopic, loadKafka, type KafkaTarget } from './client';

export interface KafkaReaderOptions extends KafkaTarget {
  /** The consumer group: its committed offsets are where a restart resumes. */
  readonly groupId: string;
  readonly clientId: string;
  /** `committed` (the group's offsets; the first offset when it has none) or `earliest` (a replay). @default 'committed' */
  readonly from?: 'committed' | 'earliest';
  /** Records handed over at most per batch. */
  readonly maxBatch: number;
  /** Wait before reading again after a batch or the connection failed. */
  readonly retryDelayMs: number;
  readonly log: Logger;
  readonly handle: StreamBatchHandler;
}

type KafkaMessage = Message<Buffer, Buffer, Buffer, Buffer>;

interface Session {
  readonly consumer: Consumer;
  readonly stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>;
}

/**
 * Reads a Kafka topic as a member of a consumer group and hands what has arrived to `handle` in
 * batches; the offsets are committed only after `handle` resolved (its effects committed). A
 * failed batch or a lost broker ends the session; the next one resumes from the committed
 * offsets, so nothing is skipped, and a handler that dedupes by event id counts nothing twice.
 */
export class KafkaReader implements StreamReader {
  private session?: Session;
  private pending: KafkaMessage[] = [];
  private work: Promise<void> = Promise.resolve();
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: KafkaReaderOptions) {}

  get connected(): boolean {
    return this.session?.stream.isConnected() ?? false;
  }

  async start(): Promise<void> {
    await this.open().catch((err: unknown) => this.reopen(err));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.session?.stream.pause();
    await this.work;
    await this.close();
  }

  private async open(): Promise<void> {
    const kafka = await loadKafka();
    await ensureTopic(kafka, this.options);
    const { clientId, groupId, brokers, topic, maxBatch, from } = this.options;
    const consumer = new kafka.Consumer({
      clientId,
      groupId,
      bootstrapBrokers: [...brokers],
      maxWaitTime: 200,
      connectTimeout: 3000,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
    });
    try {
      const stream = await consumer.consume({
        topics: [topic],
        mode: from === 'earliest' ? 'earliest' : 'committed',
        fallbackMode: 'earliest',
        autocommit: false,
        highWaterMark: maxBatch,
      });
      const session = { consumer, stream };
      this.session = session;
      stream.on('data', (message: KafkaMessage) => this.enqueue(session, message));
      stream.on('error', (err: Error) => this.onSessionEnded(session, err));
      stream.on('close', () => this.onSessionEnded(session, new Error('stream closed')));
      this.options.log.info({ topic, groupId }, 'reading the Kafka topic');
    } catch (err) {
      await consumer.close(true).catch(() => undefined);
      throw err;
    }
  }

  private enqueue(session: Session, message: KafkaMessage): void {
    if (this.session !== session) return;
    this.pending.push(message);
    if (this.pending.length >= this.options.maxBatch) session.stream.pause();
    if (this.pending.length === 1) this.work = this.work.then(() => this.drain(session));
  }

  private async drain(session: Session): Promise<void> {
    while (this.pending.length > 0 && this.session === session) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      if (!this.stopped && this.pending.length < this.options.maxBatch) session.stream.resume();
      await this.process(session, batch);
    }
  }

  private async process(session: Session, batch: KafkaMessage[]): Promise<void> {
    try {
      const records = batch.map((m) => ({
        partition: m.partition,
        offset: Number(m.offset),
        content: m.value,
      }));
      const verdict = await this.options.handle(records);
      if (this.session !== session) return; // ended meanwhile: the next session reads it again
      if (verdict === 'stale') return this.restart(session, 0);
      await Promise.all(lastPerPartition(batch).map((m) => m.commit()));
    } catch (err) {
      this.options.log.error(
        { err, topic: this.options.topic, records: batch.length },
        'Kafka records failed; reading again from the committed offsets',
      );
      this.restart(session, this.options.retryDelayMs);
    }
  }

  private onSessionEnded(session: Session, err: unknown): void {
    if (this.session !== session || this.stopped) return;
    this.options.log.warn({ err: String(err), topic: this.options.topic }, 'Kafka session ended');
    this.restart(session, this.options.retryDelayMs);
  }

  private restart(session: Session, delayMs: number): void {
    if (this.session !== session) return;
    void this.close().then(() => this.schedule(delayMs));
  }

  private reopen(err: unknown): void {
    this.options.log.warn({ err: String(err), topic: this.options.topic }, 'Kafka unavailable');
    this.schedule(this.options.retryDelayMs);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.retryTimer);
    if (this.stopped) return;
    this.retryTimer = setTimeout(
      () => {
        if (this.stopped || this.session) return;
        this.open().catch((e: unknown) => this.reopen(e));
      },
      Math.max(delayMs, 50),
    );
    this.retryTimer.unref();
  }

  private async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.pending = [];
    if (!session) return;
    await session.stream.close().catch(() => undefined);
    await session.consumer.close(true).catch(() => undefined);
  }
}

/** The last record of each partition in the batch: committing it commits those before it. */
function lastPerPartition(batch: readonly KafkaMessage[]): KafkaMessage[] {
  const last = new Map<number, KafkaMessage>();
  for (const message of batch) last.set(message.partition, message);
  return [...last.values()];
}
