import { waitFor } from '@shop/common/testing';
import {
  createEndpointSliceRegistry,
  type EndpointSliceRegistry,
} from '../../src/discovery/endpoint-slice-registry';
import { registryResolver } from '../../src/proxy/resolver';
import { endpointSlice, FakeKubeApi } from '../support/fake-kube-api';
import { startGateway, type TestGateway } from '../support/gateway';
import { startEchoUpstream, type EchoUpstream } from '../support/servers';

const SLICES = '/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices';
const portOf = (url: string) => Number(new URL(url).port);

describe('DISCOVERY=kubernetes: upstreams picked from ready EndpointSlices', () => {
  let api: FakeKubeApi;
  let registry: EndpointSliceRegistry;
  let gateway: TestGateway;
  let first: EchoUpstream;
  let second: EchoUpstream;

  beforeAll(async () => {
    [first, second] = await Promise.all([startEchoUpstream('a'), startEchoUpstream('b')]);
    api = new FakeKubeApi();
    api.set(SLICES, [
      endpointSlice('product', 'product-a', portOf(first.url), [['127.0.0.1', true]]),
      endpointSlice('product', 'product-b', portOf(second.url), [['127.0.0.1', true]]),
      endpointSlice('order', 'order-a', portOf(first.url), [['127.0.0.1', false]]),
    ]);
    registry = createEndpointSliceRegistry({
      namespace: 'shop',
      services: ['product', 'order', 'user'],
      cluster: { server: await api.start() },
    });
    await registry.start();
    await waitFor(() => api.watchCount(SLICES) > 0, { what: 'the watch to open' });
    gateway = await startGateway(
      {},
      { DISCOVERY: 'kubernetes' },
      { resolver: registryResolver(registry) },
    );
  });

  afterAll(async () => {
    registry.stop();
    await Promise.all([api.stop(), gateway.close(), first.close(), second.close()]);
  });

  test('spreads requests over the ready endpoints round-robin', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(
        ((await (await gateway.fetch('/api/products')).json()) as { upstream: string }).upstream,
      );
    expect(answers.sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  test('a service with no ready endpoint is a 503 problem', async () => {
    const res = await gateway.fetch('/.well-known/jwks.json');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(() => registryResolver(registry).resolve('order')).toThrow(
      /no ready endpoint for order/,
    );
  });
});
