import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { topology } from '@shop/topology';
import { deleteBrokerObjects } from '../broker/cleanup';
import { deleteKafkaObjects } from '../kafka/cleanup';
import { countMessages, dropDatabases, queueNames } from './cleanup';
import { DEFAULT_STACK } from './env';
import { startStack, type StartStackOptions, type Stack } from './stack';

export interface IsolatedStack {
  readonly stack: Stack;
  readonly gatewayUrl: string;
  readonly postgresUrl: string;
  readonly databasePrefix: string;
  readonly exchange: string;
  readonly queuePrefix: string;
  /** Messages sitting in the stack's dead-letter queues, by queue. */
  deadLetters(): Promise<Record<string, number>>;
  /** Stops the services, drops their databases, deletes their queues and exchanges. */
  destroy(): Promise<void>;
}

export type IsolatedStackOptions = Omit<
  StartStackOptions,
  'databasePrefix' | 'exchange' | 'queuePrefix' | 'portOffset'
> & {
  /** Names the stack's databases and queues: `<name>_<id>_<service>`, `<name>.<id>.<queue>`. */
  readonly name: string;
};

/**
 * A stack of its own next to the demo and other stacks on the same PostgreSQL and RabbitMQ:
 * unique databases, exchange, queue prefix and ports (a random free offset of 20000-40000).
 */
export async function startIsolatedStack(options: IsolatedStackOptions): Promise<IsolatedStack> {
  const id = randomBytes(4).toString('hex');
  const postgresUrl = options.postgresUrl ?? DEFAULT_STACK.postgresUrl;
  const amqpUrl = options.amqpUrl ?? DEFAULT_STACK.amqpUrl;
  const databasePrefix = `${options.name}_${id}_`;
  const exchange = `${options.name}.${id}.events`;
  const queuePrefix = `${options.name}.${id}.`;
  const portOffset = await freePortOffset();
  // The topology's gRPC port plus such an offset is past 65535: user gets one beside the others.
  const grpcPort = String(GRPC_BASE + portOffset);
  const stack = await startStack({
    ...options,
    postgresUrl,
    amqpUrl,
    databasePrefix,
    exchange,
    queuePrefix,
    portOffset,
    serviceEnv: {
      ...options.serviceEnv,
      user: { GRPC_PORT: grpcPort, ...options.serviceEnv?.user },
      notification: {
        USER_GRPC_ADDR: `127.0.0.1:${grpcPort}`,
        ...options.serviceEnv?.notification,
      },
    },
  });
  const queues = () => queueNames(queuePrefix, stack.services);
  return {
    stack,
    gatewayUrl: stack.url('gateway'),
    postgresUrl,
    databasePrefix,
    exchange,
    queuePrefix,
    deadLetters: async () =>
      countMessages(
        amqpUrl,
        (await queues()).filter((q) => q.endsWith('.dlq')),
      ),
    async destroy() {
      await stack.stop();
      await dropDatabases(postgresUrl, databasePrefix);
      await deleteBrokerObjects(amqpUrl, await queues(), exchange);
      const kafka = kafkaBrokers(options.env);
      if (kafka) await deleteKafkaObjects(kafka, queuePrefix);
    },
  };
}

/** The stack's Kafka brokers when its services write the order events there (EVENT_STREAM=kafka). */
function kafkaBrokers(env: IsolatedStackOptions['env']): string[] | undefined {
  if (env?.EVENT_STREAM !== 'kafka') return undefined;
  return (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

/** user's gRPC port before the offset: next to the topology's HTTP ports, used by none. */
const GRPC_BASE = 3051;

/**
 * A random multiple of 10 from 20000 whose shifted ports are all free and stay below the
 * kernel's ephemeral range (and 40000): otherwise any outgoing connection on the machine
 * could take a stopped service's port before it restarts.
 */
async function freePortOffset(): Promise<number> {
  const highest = Math.max(GRPC_BASE, ...topology.map((s) => s.httpPort));
  const limit = Math.min(40_000, (await ephemeralPortsFrom()) - highest - 1);
  for (let attempt = 0; attempt < 50; attempt++) {
    const slots = Math.max(1, Math.floor((limit - 20_000) / 10));
    const offset = 20_000 + 10 * Math.floor(Math.random() * slots);
    const ports = [GRPC_BASE, ...topology.map((s) => s.httpPort)].map((p) => p + offset);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return offset;
  }
  throw new Error(`no free port offset in 20000-${limit}`);
}

/** The first port the kernel hands out to outgoing connections (Linux; 32768 elsewhere). */
async function ephemeralPortsFrom(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '');
  return Number(range.trim().split(/\s+/)[0]) || 32_768;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
