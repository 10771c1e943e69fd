import { EVENT_TYPES, edges, topology, urlEnvName } from '@shop/topology';

const publishers = (type: string) => topology.filter((s) => s.publishes.includes(type as never));
const consumers = (type: string) => topology.filter((s) => s.consumes.includes(type as never));

describe('the topology', () => {
  test('names every service once, each on its own ports', () => {
    const names = topology.map((s) => s.name);
    const ports = topology.flatMap((s) => [s.httpPort, ...(s.grpcPort ? [s.grpcPort] : [])]);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(ports).size).toBe(ports.length);
  });

  test('every call goes to another declared service', () => {
    for (const edge of edges()) {
      expect(edge.to).not.toBe(edge.from);
      expect(topology.map((s) => s.name)).toContain(edge.to);
    }
  });

  test.each(EVENT_TYPES.map((t) => [t]))('%s has exactly one publisher and a consumer', (type) => {
    expect(publishers(type).map((s) => s.name)).toHaveLength(1);
    expect(consumers(type).length).toBeGreaterThan(0);
  });

  test('lists each event at most once per service and direction', () => {
    for (const s of topology) {
      expect(new Set(s.publishes).size).toBe(s.publishes.length);
      expect(new Set(s.consumes).size).toBe(s.consumes.length);
    }
  });

  test('names the env var of a base URL after the service', () => {
    expect(urlEnvName('product')).toBe('PRODUCT_URL');
  });
});
