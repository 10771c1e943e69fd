import { demoBanner, type BannerFacts } from '../../src/commands/demo-banner';

const facts: BannerFacts = {
  services: 8,
  seeded: 24,
  gatewayUrl: 'http://localhost:8080',
  mailpitUrl: 'http://localhost:8025',
  rabbitmqUrl: 'http://localhost:15672',
  rabbitmqLogin: 'guest / guest',
  admin: { email: 'admin@shop.local', password: 'shop-admin-local' },
  orderLog: { kind: 'rabbitmq' },
};

describe('the make demo banner', () => {
  test('lists everything to open, each with what to look for, and the tour', () => {
    const banner = demoBanner(facts);
    for (const url of [
      'http://localhost:8080/ ',
      'http://localhost:8080/api/products?q=coffee',
      'http://localhost:8080/api/openapi.json',
      'http://localhost:8025/',
      'http://localhost:15672/',
    ]) {
      expect(banner).toContain(url);
    }
    expect(banner).toMatch(
      /RabbitMQ +http:\/\/localhost:15672\/ +guest \/ guest: exchange shop\.events/,
    );
    expect(banner).toContain('catalog seeded with 24 products');
    expect(banner).toContain('docs/tour.md');
    expect(banner).not.toContain('Jaeger');
    expect(banner).toContain('analytics.orders stream');
    expect(banner).toContain('Analytics reads the order events from the RabbitMQ stream');
    expect(banner).not.toContain('Kafka');
  });

  test('with EVENT_STREAM=kafka it names the topic that feeds analytics and the replay that reads it', () => {
    const banner = demoBanner({ ...facts, orderLog: { kind: 'kafka', brokers: '127.0.0.1:9092' } });

    expect(banner).toMatch(
      /Kafka +127\.0\.0\.1:9092 +topic shop\.order-events \(key = order id\), group analytics/,
    );
    expect(banner).toContain(
      'Analytics reads the order events from the Kafka topic shop.order-events',
    );
    expect(banner).toContain('make analytics-replay EVENT_STREAM=kafka');
    expect(banner).not.toContain('analytics.orders stream');
  });

  test('Jaeger is listed when tracing is on; a custom admin password is not printed', () => {
    const banner = demoBanner({
      ...facts,
      seeded: 0,
      jaegerUrl: 'http://localhost:16686',
      admin: { email: 'me@example.com' },
    });
    expect(banner).toMatch(/Jaeger +http:\/\/localhost:16686\/ +one trace per order/);
    expect(banner).toContain('catalog kept');
    expect(banner).toContain('me@example.com / (from ADMIN_PASSWORD)');
  });
});
