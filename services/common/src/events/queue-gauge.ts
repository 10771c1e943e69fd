import type { Channel, ChannelModel } from 'amqplib';
import { Gauge, type Registry } from 'prom-client';
import type { Broker } from './broker';

/** The queues a consumer owns, by the `kind` label: its own, its delayed retry and its DLQ. */
const KINDS = { ready: '', retry: '.retry', dlq: '.dlq' } as const;

/**
 * `events_queue_messages{queue, kind}`: messages waiting in each of the service's consumer
 * queues, asked of the broker (a passive declare per queue) when scraped, so the DLQ depth and
 * a lagging consumer's backlog are on /metrics without a broker exporter. Absent while the
 * broker is unreachable.
 */
export function registerQueueGauge(
  registry: Registry,
  broker: Broker,
  queues: () => readonly string[],
): void {
  let connection: ChannelModel | undefined;
  let channel: Promise<Channel> | undefined;
  void broker.onConnect(async (c) => {
    connection = c;
    channel = undefined;
  });
  const open = (c: ChannelModel) => {
    const opened = c.createChannel().then((ch) => {
      // A queue deleted under us closes the channel (404): the next scrape opens another.
      ch.on('error', () => undefined);
      ch.on('close', () => (channel = channel === opened ? undefined : channel));
      return ch;
    });
    return opened;
  };
  new Gauge({
    name: 'events_queue_messages',
    help: 'Messages waiting in a consumer queue (kind ready), its retry queue or its DLQ',
    labelNames: ['queue', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!connection || !broker.connected) return;
      const ch = await (channel ??= open(connection)).catch(() => undefined);
      if (!ch) return;
      for (const queue of queues()) {
        for (const [kind, suffix] of Object.entries(KINDS)) {
          const ok = await ch.checkQueue(`${queue}${suffix}`).catch(() => undefined);
          if (ok) this.set({ queue, kind }, ok.messageCount);
        }
      }
    },
  });
}
