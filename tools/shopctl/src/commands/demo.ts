import { MANAGEMENT_LOGIN } from '../infra/rabbitmq';
import { waitFor } from '../runner/wait';
import { DEFAULT_STACK } from '../runner/env';
import { startJaeger } from '../runner/jaeger';
import { startMailpit } from '../runner/mailpit';
import { startStack } from '../runner/stack';
import { demoBanner } from './demo-banner';
import { seedCatalog } from './seed-catalog';

/** `make demo`: every service as a local process, the catalog seeded, Ctrl-C stops all. */
export async function demo(_args: string[], out: NodeJS.WritableStream): Promise<number> {
  const env = process.env;
  out.write('demo: starting Mailpit and the services (warnings and errors show here)\n');
  const mailpit = await startMailpit({ smtpPort: 1025, uiPort: 8025, out });
  // TRACING=on: every service exports its spans to a local Jaeger (UI 16686, OTLP 4317/4318);
  // JAEGER_UI_DIR: a jaeger-ui build for Jaeger to serve (the Go module has none).
  const jaeger =
    env.TRACING === 'on' ? await startJaeger(undefined, out, env.JAEGER_UI_DIR) : undefined;
  const tracing = jaeger ? { OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint } : {};
  const stack = await startStack({
    // Quiet unless asked (LOG_LEVEL=info shows every request); mail goes to Mailpit.
    env: { LOG_LEVEL: 'warn', SMTP_URL: mailpit.smtpUrl, ...tracing, ...env },
    out,
    restart: true,
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
    demoBanner({
      services: stack.services.length,
      seeded,
      gatewayUrl: gateway.replace('127.0.0.1', 'localhost'),
      mailpitUrl: mailpit.uiUrl,
      rabbitmqUrl: 'http://localhost:15672',
      rabbitmqLogin: `${MANAGEMENT_LOGIN.user} / ${MANAGEMENT_LOGIN.password}`,
      admin: {
        email: admin.email,
        password: admin.password === 'shop-admin-local' ? admin.password : undefined,
      },
      jaegerUrl: jaeger?.uiUrl,
      orderLog:
        env.EVENT_STREAM === 'kafka'
          ? { kind: 'kafka', brokers: env.KAFKA_BROKERS ?? '127.0.0.1:9092' }
          : { kind: 'rabbitmq' },
    }),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  out.write('demo: stopping services\n');
  const codes = await stack.stop();
  await mailpit.stop();
  await jaeger?.stop();
  const failed = Object.entries(codes).filter(([, code]) => code !== 0);
  for (const [name, code] of failed) out.write(`demo: ${name} exited with ${code}\n`);
  return failed.length === 0 ? 0 : 1;
}
