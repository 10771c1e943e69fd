import path from 'node:path';
import { parseArgs } from 'node:util';

/** What one run of `shopctl bench-saga` does, from flags or the environment. */
export interface BenchSettings {
  customers: number;
  durationS: number;
  mode: string;
  products: number;
  pollMs: number;
  url?: string;
  databasePrefix: string;
  /** Where each service of the isolated stack writes a V8 CPU profile when it stops. */
  profileDir?: string;
}

/** Flags first, then BENCH_* variables, then defaults; undefined for help or a bad value. */
export function parseSettings(args: string[], env: NodeJS.ProcessEnv): BenchSettings | undefined {
  const { values } = parseArgs({
    args,
    options: {
      customers: { type: 'string' },
      duration: { type: 'string' },
      mode: { type: 'string' },
      products: { type: 'string' },
      'poll-ms': { type: 'string' },
      url: { type: 'string' },
      'database-prefix': { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: false,
  });
  if (values.help) return undefined;
  const number = (v: unknown, fallback: string | undefined, dflt: number) => {
    const n = Number(v ?? fallback ?? dflt);
    return Number.isInteger(n) && n > 0 ? n : NaN;
  };
  const settings: BenchSettings = {
    customers: number(values.customers, env.BENCH_CUSTOMERS, 32),
    durationS: number(values.duration, env.BENCH_DURATION_S, 30),
    mode: String(values.mode ?? env.SAGA_MODE ?? 'orchestration'),
    products: number(values.products, env.BENCH_PRODUCTS, 20),
    pollMs: number(values['poll-ms'], env.BENCH_POLL_MS, 25),
    url: (values.url as string | undefined) ?? env.BENCH_URL,
    databasePrefix: String(values['database-prefix'] ?? 'shop_'),
    profileDir: values.profile === undefined ? undefined : path.resolve(String(values.profile)),
  };
  const valid =
    ['orchestration', 'choreography'].includes(settings.mode) &&
    [settings.customers, settings.durationS, settings.products, settings.pollMs].every(
      (n) => !Number.isNaN(n),
    );
  return valid ? settings : undefined;
}
