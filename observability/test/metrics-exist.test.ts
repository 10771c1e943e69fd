import amqp from 'amqplib';
import { freePort, waitFor } from '@shop/common/testing';
import { metricNames, namedExpressions } from '@shop/observability';
import { startIsolatedStack, type IsolatedStack } from '../../tools/shopctl/src/runner/isolated';

/**
 * The dashboards and alert rules against the real thing: every service of the topology runs as
 * a process (as in e2e/), and every metric a panel or rule names must be on some /metrics.
 */
let shop: IsolatedStack;
let gatewayMetricsPort: number;

beforeAll(async () => {
  gatewayMetricsPort = await freePort();
  shop = await startIsolatedStack({
    name: 'metrics',
    env: { LOG_LEVEL: 'warn', SCRYPT_LOG_N: '14' },
    serviceEnv: { gateway: { METRICS_PORT: String(gatewayMetricsPort) } },
  });
}, 120_000);
afterAll(() => shop?.destroy());

async function scrape(service: string): Promise<string> {
  const url =
    service === 'gateway'
      ? `http://127.0.0.1:${gatewayMetricsPort}/metrics`
      : `${shop.stack.url(service)}/metrics`;
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}

/** The series names a Prometheus text exposition declares, histogram and summary parts included. */
function exposedNames(text: string): string[] {
  const parts = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] };
  return [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
    (parts[type as keyof typeof parts] ?? ['']).map((suffix) => `${name}${suffix}`),
  );
}

test('every metric a dashboard panel or alert rule names is on some service /metrics', async () => {
  const exposed = new Set<string>();
  for (const { name } of shop.stack.services) {
    for (const metric of exposedNames(await scrape(name))) exposed.add(metric);
  }
  const missing = namedExpressions().flatMap(({ where, expr }) =>
    metricNames(expr)
      .filter((metric) => !exposed.has(metric))
      .map((metric) => `${where}: ${metric}`),
  );
  expect(missing).toEqual([]);
});

test('events_queue_messages counts a dead-lettered message in the DLQ the broker holds', async () => {
  const queue = `${shop.queuePrefix}product.query`;
  const sample = (text: string, kind: string) =>
    text.match(
      new RegExp(`^events_queue_messages\\{queue="${queue}",kind="${kind}"[^}]*\\} (\\d+)$`, 'm'),
    )?.[1];
  expect(sample(await scrape('product'), 'dlq')).toBe('0');

  const connection = await amqp.connect(shop.stack.options.amqpUrl);
  try {
    const channel = await connection.createConfirmChannel();
    channel.sendToQueue(`${queue}.dlq`, Buffer.from('{"not":"an event"}'));
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }

  await waitFor(async () => sample(await scrape('product'), 'dlq') === '1', {
    what: `${queue}.dlq depth 1 on product's /metrics`,
  });
});
