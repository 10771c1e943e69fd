import { generateKeyPairSync } from 'node:crypto';
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
  /** Start a service again when it exits on its own (a crash, `kill -9`), as a kubelet does. */
  readonly restart?: boolean;
}

/** A restarted service waits this long, so a reader can watch the shop without it. */
const RESTART_DELAY_MS = 2000;
/** More exits than this within a minute is a crash loop: the runner stops restarting. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** Runs every service as a local process against local PostgreSQL and RabbitMQ. */
export async function startStack(input: StartStackOptions = {}): Promise<Stack> {
  const options: StackOptions = { ...DEFAULT_STACK, signingKey: newSigningKey(), ...input };
  const services = START_ORDER.map((n) => topology.find((s) => s.name === n)!).filter(
    (s) => !input.only || input.only.includes(s.name),
  );
  const running = new Map<string, ServiceProcess>();
  const stopping = new Set<string>();
  const restarts = new Map<string, number[]>();
  const startOne = async (spec: ServiceSpec) => {
    const proc = spawnService(
      spec.name,
      services.indexOf(spec),
      serviceEnv(spec, options),
      input.out,
    );
    running.set(spec.name, proc);
    stopping.delete(spec.name);
    if (input.restart) {
      void proc.exited.then((code) => {
        if (!stopping.has(spec.name) && running.get(spec.name) === proc) restart(spec, code);
      });
    }
    await waitReady(
      proc,
      `http://127.0.0.1:${httpPort(spec, options)}/readyz`,
      input.readyTimeoutMs ?? 30_000,
    );
  };
  const restart = (spec: ServiceSpec, code: number | null) => {
    const now = Date.now();
    const recent = (restarts.get(spec.name) ?? []).filter((t) => now - t < 60_000);
    restarts.set(spec.name, [...recent, now]);
    const say = (text: string) => input.out?.write(`runner: ${spec.name} ${text}\n`);
    if (recent.length >= MAX_RESTARTS_PER_MINUTE) {
      say(`exited (${code}) ${recent.length + 1} times in a minute; not restarting it`);
      return;
    }
    say(`exited (${code}); starting it again in ${RESTART_DELAY_MS / 1000} s`);
    setTimeout(() => {
      if (stopping.has(spec.name)) return;
      startOne(spec).then(
        () => say('is back'),
        (err: unknown) => say(`did not come back: ${String(err)}`),
      );
    }, RESTART_DELAY_MS);
  };
  const stack: Stack = {
    options,
    services,
    url: (name) => `http://127.0.0.1:${httpPort(specOf(services, name), options)}`,
    async kill(name, signal = 'SIGTERM') {
      const proc = running.get(name);
      if (!proc) return null;
      stopping.add(name);
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

function newSigningKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function specOf(services: readonly ServiceSpec[], name: string): ServiceSpec {
  const spec = services.find((s) => s.name === name);
  if (!spec) throw new Error(`service ${name} is not part of this stack`);
  return spec;
}
