import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { topology } from '@shop/common';
import { countMessages, deleteBrokerObjects, dropDatabases, queueNames } from './cleanup';
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
  // The topology's gRPC port plus such an offset is past 65535: user gets a free port instead.
  const grpcPort = String(await freePort());
  const stack = await startStack({
    ...options,
    postgresUrl,
    amqpUrl,
    databasePrefix,
    exchange,
    queuePrefix,
    portOffset: await freePortOffset(),
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
    },
  };
}

/** A random multiple of 10 in [20000, 40000] whose shifted topology HTTP ports are all free. */
async function freePortOffset(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = 20_000 + 10 * Math.floor(Math.random() * 2001);
    const ports = topology.map((s) => s.httpPort + offset);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return offset;
  }
  throw new Error('no free port offset in 20000-40000');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
