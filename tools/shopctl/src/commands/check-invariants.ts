import { parseArgs } from 'node:util';
import { formatReport } from '../invariants/report';
import { checkShopInvariants } from '../invariants/stores';
import { DEFAULT_STACK } from '../runner/env';

const USAGE = `usage: shopctl check-invariants [--database-prefix shop_] [--wait-ms 0] [--json]
Reads the order, payment and inventory databases at DATABASE_ADMIN_URL (default ${DEFAULT_STACK.postgresUrl})
and checks the saga invariants of DESIGN.md. Exit 0 when they all hold, 1 otherwise.`;

/** `shopctl check-invariants`: the saga invariants over a stack's stores (run it at quiescence). */
export async function checkInvariants(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'database-prefix': { type: 'string', default: 'shop_' },
      'wait-ms': { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const waitMs = Number(values['wait-ms']);
  if (values.help || !Number.isInteger(waitMs) || waitMs < 0) {
    out.write(`${USAGE}\n`);
    return 2;
  }
  const report = await checkShopInvariants({
    postgresUrl: process.env.DATABASE_ADMIN_URL ?? DEFAULT_STACK.postgresUrl,
    databasePrefix: values['database-prefix'],
    waitMs,
  });
  out.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
}
