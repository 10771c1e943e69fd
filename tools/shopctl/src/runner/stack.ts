import { topology, type ServiceSpec } from '@shop/topology';
import { DEFAULT_STACK, httpPort, serviceEnv, type StackOptions } from './env';
import { spawnService, waitReady, type ServiceProcess } from './process';

/** Start order: providers before their callers; the gateway last. */
const START_ORDER = [
  'user',
  'product',
  'inventory',
  'payment',
  'order',
  'notification',
  'analytics',
  'storefront',
  'gateway',
];

export interface Stack {
  readonly options: StackOptions;
  readonly services: readonly ServiceSpec[];
  url(name: string): string;
  /** Sends `signal` to one service and waits for it to exit. */
  kill(name: string, signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts one service again (after kill) and waits until ready. */
  start(name: string): Promise<void>;
  /** SIGTERM to every service, gateway first; resolves with each exit code. */
  stop(): Promise<Record<string, number | null>>;
}

export interface StartStackOptions extends Partial<StackOptions> {
  /** Where prefixed logs go. @default nowhere */
  readonly out?: NodeJS.WritableStream;
  /** Only these services. @default every service of the topology */
  readonly only?: readonly string[];
  readonly readyTimeoutMs?: number;
}

/** Runs every service as a local process against local PostgreSQL and RabbitMQ. */
export async function startStack(input: StartStackOptions = {}): Promise<Stack> {
  const options: StackOptions = { ...DEFAULT_STACK, ...input };
  const services = START_ORDER.map((n) => topology.find((s) => s.name === n)!).filter(
    (s) => !input.only || input.only.includes(s.name),
  );
  const running = new Map<string, ServiceProcess>();
  const startOne = async (spec: ServiceSpec) => {
    const proc = spawnService(
      spec.name,
      services.indexOf(spec),
      serviceEnv(spec, options),
      input.out,
    );
    running.set(spec.name, proc);
    await waitReady(
      proc,
      `http://127.0.0.1:${httpPort(spec, options)}/readyz`,
      input.readyTimeoutMs ?? 30_000,
    );
  };
  const stack: Stack = {
    options,
    services,
    url: (name) => `http://127.0.0.1:${httpPort(specOf(services, name), options)}`,
    async kill(name, signal = 'SIGTERM') {
      const proc = running.get(name);
      if (!proc) return null;
      proc.child.kill(signal);
      return proc.exited;
    },
    start: (name) => startOne(specOf(services, name)),
    async stop() {
      const codes: Record<string, number | null> = {};
      for (const spec of [...services].reverse()) codes[spec.name] = await stack.kill(spec.name);
      return codes;
    },
  };
  try {
    for (const spec of services) await startOne(spec);
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}

function specOf(services: readonly ServiceSpec[], name: string): ServiceSpec {
  const spec = services.find((s) => s.name === name);
  if (!spec) throw new Error(`service ${name} is not part of this stack`);
  return spec;
}
