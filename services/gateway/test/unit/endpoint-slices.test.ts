import { readyEndpointUrls, type EndpointSliceView } from '../../src/discovery/endpoint-slices';
import { RoundRobin } from '../../src/discovery/round-robin';

const slice = (
  service: string,
  port: number | undefined,
  endpoints: Array<[string, boolean | undefined]>,
): EndpointSliceView => ({
  metadata: { labels: { 'kubernetes.io/service-name': service } },
  endpoints: endpoints.map(([address, ready]) => ({
    addresses: [address],
    conditions: ready === undefined ? {} : { ready },
  })),
  ports: port === undefined ? [] : [{ name: 'http', port }],
});

describe('readyEndpointUrls', () => {
  test('keeps ready endpoints, and those whose readiness is unknown, of the named service and port', () => {
    const slices = [
      slice('user', 3001, [
        ['10.0.0.2', true],
        ['10.0.0.1', undefined],
        ['10.0.0.3', false],
      ]),
      slice('product', 3002, [['10.0.1.1', true]]),
    ];
    expect(readyEndpointUrls(slices, 'user', 'http')).toEqual([
      'http://10.0.0.1:3001',
      'http://10.0.0.2:3001',
    ]);
  });

  test('merges the slices of one service without duplicates', () => {
    const slices = [
      slice('user', 3001, [['10.0.0.1', true]]),
      slice('user', 3001, [
        ['10.0.0.1', true],
        ['10.0.0.4', true],
      ]),
    ];
    expect(readyEndpointUrls(slices, 'user', 'http')).toEqual([
      'http://10.0.0.1:3001',
      'http://10.0.0.4:3001',
    ]);
  });

  test('skips a slice without the named port and brackets IPv6 addresses', () => {
    expect(
      readyEndpointUrls([slice('user', undefined, [['10.0.0.1', true]])], 'user', 'http'),
    ).toEqual([]);
    expect(readyEndpointUrls([slice('user', 3001, [['fd00::1', true]])], 'user', 'http')).toEqual([
      'http://[fd00::1]:3001',
    ]);
  });
});

describe('RoundRobin', () => {
  test('cycles through the members of each group independently', () => {
    const rotation = new RoundRobin();
    expect([1, 2, 3].map(() => rotation.pick('a', ['x', 'y']))).toEqual(['x', 'y', 'x']);
    expect(rotation.pick('b', ['z'])).toBe('z');
    expect(rotation.pick('c', [])).toBeUndefined();
  });

  test('keeps going when the membership shrinks', () => {
    const rotation = new RoundRobin();
    rotation.pick('a', ['x', 'y', 'z']);
    rotation.pick('a', ['x', 'y', 'z']);
    expect(rotation.pick('a', ['x'])).toBe('x');
  });
});
