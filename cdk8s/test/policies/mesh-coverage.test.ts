import { topology } from '@shop/topology';
import { named, synthesize } from '../support/manifests';

const manifests = synthesize();
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'];

describe.each(topology.map((s) => [s.name] as const))('service %s', (name) => {
  const rule = named(manifests, 'DestinationRule', name);
  const routes = named(manifests, 'VirtualService', name);

  test('has a DestinationRule with Istio mutual TLS, a connection pool and outlier detection', () => {
    expect(rule.spec.host).toBe(name);
    expect(rule.spec.trafficPolicy.tls.mode).toBe('ISTIO_MUTUAL');
    expect(rule.spec.trafficPolicy.connectionPool.tcp.maxConnections).toBeGreaterThan(0);
    expect(rule.spec.trafficPolicy.outlierDetection.consecutive5xxErrors).toBeGreaterThan(0);
  });

  test('has a VirtualService with a timeout on every route', () => {
    expect(routes.spec.hosts).toEqual([name]);
    for (const route of routes.spec.http) expect(route.timeout).toMatch(/^\d+s$/);
  });

  test('retries only idempotent requests', () => {
    for (const route of routes.spec.http) {
      if (route.retries.attempts === 0) continue;
      for (const match of route.match) {
        const methods = match.method?.regex?.split('|') ?? [];
        const idempotent =
          (methods.length > 0 && methods.every((m: string) => !MUTATING.includes(m))) ||
          match.headers?.['idempotency-key'] !== undefined ||
          /GetUser|ListUsers/.test(match.uri?.regex ?? '');
        expect({ route: route.name, idempotent }).toEqual({ route: route.name, idempotent: true });
      }
    }
    expect(routes.spec.http.at(-1).retries).toEqual({ attempts: 0 });
  });
});

describe('delivery options', () => {
  test('a canary adds a v2 Deployment, a v2 subset and a weighted split', () => {
    const canary = synthesize({ canary: { service: 'product', weight: 20 } });
    expect(named(canary, 'Deployment', 'product-v2').spec.template.metadata.labels.version).toBe(
      'v2',
    );
    expect(
      named(canary, 'DestinationRule', 'product').spec.subsets.map((s: any) => s.name),
    ).toEqual(['v1', 'v2']);
    const weights = named(canary, 'VirtualService', 'product').spec.http[0].route.map((r: any) => [
      r.destination.subset,
      r.weight,
    ]);
    expect(weights).toEqual([
      ['v1', 80],
      ['v2', 20],
    ]);
  });

  test('faults add a delay and an abort to every route of one service only', () => {
    const faulty = synthesize({
      faults: {
        service: 'product',
        delay: { percent: 50, fixedDelay: '2s' },
        abort: { percent: 10, httpStatus: 503 },
      },
    });
    for (const route of named(faulty, 'VirtualService', 'product').spec.http) {
      expect(route.fault).toEqual({
        delay: { fixedDelay: '2s', percentage: { value: 50 } },
        abort: { httpStatus: 503, percentage: { value: 10 } },
      });
    }
    expect(named(faulty, 'VirtualService', 'user').spec.http[0].fault).toBeUndefined();
  });
});
