/** What the banner at the end of `make demo` is made from. */
export interface BannerFacts {
  readonly services: number;
  /** Products seeded now (0: the catalog was there from an earlier run). */
  readonly seeded: number;
  readonly gatewayUrl: string;
  readonly mailpitUrl: string;
  readonly rabbitmqUrl: string;
  readonly rabbitmqLogin: string;
  readonly admin: { readonly email: string; readonly password?: string };
  /** TRACING=on: Jaeger's UI. */
  readonly jaegerUrl?: string;
  /** The log analytics reads the order events from (EVENT_STREAM): Kafka names its brokers. */
  readonly orderLog:
    { readonly kind: 'rabbitmq' } | { readonly kind: 'kafka'; readonly brokers: string };
}

/** Everything there is to open, each with what to look for; one screen. */
export function demoBanner(f: BannerFacts): string {
  const catalog = f.seeded > 0 ? `catalog seeded with ${f.seeded} products` : 'catalog kept';
  const rows: [string, string, string][] = [
    ['Storefront', `${f.gatewayUrl}/`, 'sign up, buy something, watch the order confirm'],
    ['API', `${f.gatewayUrl}/api/products?q=coffee`, 'the catalog read model (CQRS), searched'],
    ['OpenAPI', `${f.gatewayUrl}/api/openapi.json`, 'every public route and its schemas'],
    ['Mailpit', `${f.mailpitUrl}/`, 'the welcome, confirmation and cancellation emails'],
    [
      'RabbitMQ',
      `${f.rabbitmqUrl}/`,
      `${f.rabbitmqLogin}: exchange shop.events, a queue per consumer and its .dlq${f.orderLog.kind === 'rabbitmq' ? ', the analytics.orders stream' : ''}`,
    ],
  ];
  if (f.orderLog.kind === 'kafka') {
    rows.push([
      'Kafka',
      f.orderLog.brokers,
      'topic shop.order-events (key = order id), group analytics',
    ]);
  }
  if (f.jaegerUrl) rows.push(['Jaeger', `${f.jaegerUrl}/`, 'one trace per order, every saga step']);
  const width = Math.max(...rows.map((r) => r[1].length));
  return [
    '',
    `  Shop is up: ${f.services} services, ${catalog}. Open:`,
    '',
    ...rows.map(([name, url, what]) => `  ${name.padEnd(11)} ${url.padEnd(width)}  ${what}`),
    '',
    `  Analytics reads the order events from ${orderLogName(f.orderLog)};`,
    `  \`make analytics-replay${f.orderLog.kind === 'kafka' ? ' EVENT_STREAM=kafka' : ''}\` rebuilds its totals from there.`,
    `  Admin: ${f.admin.email} / ${f.admin.password ?? '(from ADMIN_PASSWORD)'}`,
    '  Ten minutes of things to try: docs/tour.md. Ctrl-C stops everything.',
    '',
  ].join('\n');
}

function orderLogName(log: BannerFacts['orderLog']): string {
  return log.kind === 'kafka'
    ? `the Kafka topic shop.order-events on ${log.brokers}`
    : 'the RabbitMQ stream analytics.orders';
}
