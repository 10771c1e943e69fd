import { waitFor } from '../runner/wait';
import { DEFAULT_STACK } from '../runner/env';
import { startStack } from '../runner/stack';
import { seedCatalog } from './seed-catalog';

/** `make demo`: every service as a local process, the catalog seeded, Ctrl-C stops all. */
export async function demo(_args: string[], out: NodeJS.WritableStream): Promise<number> {
  const env = process.env;
  out.write('demo: starting services (logs are prefixed with the service name)\n');
  const stack = await startStack({
    env,
    out,
    postgresUrl: env.DATABASE_ADMIN_URL ?? DEFAULT_STACK.postgresUrl,
    amqpUrl: env.AMQP_URL ?? DEFAULT_STACK.amqpUrl,
  });
  const gateway = stack.url('gateway');
  const admin = {
    email: env.ADMIN_EMAIL ?? 'admin@shop.local',
    password: env.ADMIN_PASSWORD ?? 'shop-admin-local',
  };
  const { created: seeded, stockKnown } = await seedCatalog(gateway, admin);
  if (!stockKnown) {
    out.write(
      'demo: WARNING the catalog comes from an older run whose inventory has no stock for it;\n' +
        '      orders will be cancelled OUT_OF_STOCK. Stop, run `make demo-reset`, then `make demo`.\n',
    );
  }
  if (seeded > 0) {
    await waitFor(async () => {
      const res = await fetch(`${gateway}/api/products?pageSize=1`);
      return ((await res.json()) as { total: number }).total >= seeded;
    }, 15_000);
  }
  out.write(
    [
      '',
      `  Shop is up (${stack.services.length} services; catalog ${seeded > 0 ? `seeded with ${seeded} products` : 'already seeded'}).`,
      `  Storefront:  ${gateway}/`,
      `  Catalog API: ${gateway}/api/products`,
      `  OpenAPI:     ${gateway}/api/openapi.json`,
      `  Admin login: ${admin.email} / ${admin.password === 'shop-admin-local' ? admin.password : '(from ADMIN_PASSWORD)'}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  out.write('demo: stopping services\n');
  const codes = await stack.stop();
  const failed = Object.entries(codes).filter(([, code]) => code !== 0);
  for (const [name, code] of failed) out.write(`demo: ${name} exited with ${code}\n`);
  return failed.length === 0 ? 0 : 1;
}
