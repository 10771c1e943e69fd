import {
  createEndpointSliceRegistry,
  type EndpointSliceRegistry,
} from '../../src/discovery/endpoint-slice-registry';
import { waitFor } from '@shop/common/testing';
import { endpointSlice, FakeKubeApi } from '../support/fake-kube-api';

const SLICES = '/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices';

describe('EndpointSlice registry against a Kubernetes API speaking list + watch', () => {
  let api: FakeKubeApi;
  let registry: EndpointSliceRegistry;

  const picks = (service: string, count: number) =>
    Array.from({ length: count }, () => registry.pick(service));
  const startRegistry = async (server: string) => {
    registry = createEndpointSliceRegistry({
      namespace: 'shop',
      services: ['user', 'product'],
      cluster: { server },
      restartDelayMs: 10,
    });
    await registry.start();
    await waitFor(() => api.watchCount(SLICES) > 0, { what: 'the watch to open' });
  };

  beforeEach(async () => {
    api = new FakeKubeApi();
    api.set(SLICES, [
      endpointSlice('user', 'user-abc', 3001, [
        ['10.0.0.1', true],
        ['10.0.0.2', true],
        ['10.0.0.3', false],
      ]),
      endpointSlice('product', 'product-abc', 3002, [['10.0.1.1', true]]),
    ]);
    await startRegistry(await api.start());
  });

  afterEach(async () => {
    registry.stop();
    await api.stop();
  });

  test('hands out the ready endpoints of a service round-robin, never a not-ready one', () => {
    expect(picks('user', 4)).toEqual([
      'http://10.0.0.1:3001',
      'http://10.0.0.2:3001',
      'http://10.0.0.1:3001',
      'http://10.0.0.2:3001',
    ]);
    expect(picks('product', 2)).toEqual(['http://10.0.1.1:3002', 'http://10.0.1.1:3002']);
  });

  test('lists only the EndpointSlices of the services it tracks', () => {
    const list = api.requests.find(
      (r) => r.startsWith(`GET ${SLICES}?`) && !r.includes('watch=true'),
    );
    const query = new URL(list!.slice('GET '.length), 'http://fake').searchParams;
    expect(query.get('labelSelector')).toBe('kubernetes.io/service-name in (user,product)');
  });

  test('follows watch events: a pod turning ready, one turning not ready, a slice going away', async () => {
    api.emit(
      SLICES,
      'MODIFIED',
      endpointSlice('user', 'user-abc', 3001, [
        ['10.0.0.1', false],
        ['10.0.0.3', true],
      ]),
    );
    await waitFor(() => registry.pick('user') === 'http://10.0.0.3:3001', {
      what: 'the modified slice',
    });
    expect(new Set(picks('user', 4))).toEqual(new Set(['http://10.0.0.3:3001']));

    api.emit(SLICES, 'DELETED', endpointSlice('product', 'product-abc', 3002, []));
    await waitFor(() => registry.pick('product') === undefined || undefined, {
      what: 'the deleted slice',
    });
  });

  test('answers undefined for a service with no ready endpoint', () => {
    expect(registry.pick('order')).toBeUndefined();
  });

  test('keeps its endpoints while the watch is down, and catches up when it resumes', async () => {
    api.closeWatches();
    expect(registry.pick('user')).toMatch(/^http:\/\/10\.0\.0\.[12]:3001$/);
    await waitFor(() => api.watchCount(SLICES) > 0, { what: 'the watch to reopen' });
    api.emit(SLICES, 'MODIFIED', endpointSlice('user', 'user-abc', 3001, [['10.0.0.7', true]]));
    await waitFor(() => registry.pick('user') === 'http://10.0.0.7:3001', {
      what: 'the event after the reconnect',
    });
  });

  test('lists again when the API server says its watch position expired (410 Gone)', async () => {
    const lists = () => api.requests.filter((r) => !r.includes('watch=true')).length;
    const listsBefore = lists();
    api.set(SLICES, [endpointSlice('user', 'user-abc', 3001, [['10.0.0.9', true]])]);
    api.expireWatches();
    await waitFor(() => registry.pick('user') === 'http://10.0.0.9:3001', { what: 'the re-list' });
    expect(lists()).toBeGreaterThan(listsBefore);
  });
});
