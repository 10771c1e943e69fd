import type { Lifecycle, Logger } from '@shop/common';
import { UPSTREAMS, type GatewayConfig } from '../config';
import { registryResolver, type UpstreamResolver } from '../proxy/resolver';
import { createEndpointSliceRegistry } from './endpoint-slice-registry';
import { inClusterAccess } from './kube-api';

/**
 * With `DISCOVERY=kubernetes`, upstreams are picked from their Services' ready EndpointSlices
 * (client-side discovery); otherwise undefined, and the configured URLs are used.
 */
export async function discoveryResolver(
  config: GatewayConfig,
  log: Logger,
  lifecycle: Lifecycle,
): Promise<UpstreamResolver | undefined> {
  if (config.DISCOVERY !== 'kubernetes') return undefined;
  const registry = createEndpointSliceRegistry({
    namespace: config.DISCOVERY_NAMESPACE,
    services: UPSTREAMS,
    cluster: inClusterAccess(config.KUBERNETES_SERVICE_HOST, config.KUBERNETES_SERVICE_PORT),
    onError: (err) => log.warn({ err }, 'EndpointSlice watch failed; keeping the last endpoints'),
  });
  await registry.start();
  lifecycle.onStop('discovery', () => registry.stop());
  return registryResolver(registry);
}
