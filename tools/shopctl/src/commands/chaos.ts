import { formatChaosReport, runChaos, type ChaosSettings } from '../chaos/run';

const USAGE = `usage: shopctl chaos [--duration 60] [--customers 8] [--kill-every 4] [--outage 3]
Env: DATABASE_ADMIN_URL, AMQP_URL (the servers the proxies stand in front of).`;

const FLAGS = {
  '--duration': 'durationS',
  '--customers': 'customers',
  '--kill-every': 'killEveryS',
  '--outage': 'outageS',
} as const;

/** `make chaos`: checkout load under kill -9 and outages; exit 0 only without a violation. */
export async function chaos(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const settings = parseChaosSettings(args, process.env);
  if (!settings) {
    out.write(`${USAGE}\n`);
    return 2;
  }
  out.write(
    `chaos: ${settings.customers} customers for ${settings.durationS} s, kill -9 every ${settings.killEveryS} s, RabbitMQ and PostgreSQL out ${settings.outageS} s once each\n`,
  );
  const report = await runChaos(settings);
  out.write(formatChaosReport(report));
  return report.violations.length === 0 ? 0 : 1;
}

export function parseChaosSettings(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ChaosSettings | undefined {
  const values = { durationS: 60, customers: 8, killEveryS: 4, outageS: 3 };
  for (let i = 0; i < args.length; i += 2) {
    const key = FLAGS[args[i] as keyof typeof FLAGS];
    const value = Number(args[i + 1]);
    if (!key || !Number.isInteger(value) || value < 1) return undefined;
    values[key] = value;
  }
  return { ...values, postgresUrl: env.DATABASE_ADMIN_URL, amqpUrl: env.AMQP_URL };
}
