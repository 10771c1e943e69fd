import { AppError } from '@shop/common';
import type { ServiceName } from '@shop/topology';

/**
 * Where to send a request for `upstream`, as a base URL. Asked once per request, so a
 * client-side registry (Kubernetes EndpointSlices, say) can pick a fresh instance each time.
 */
export interface UpstreamResolver {
  resolve(upstream: ServiceName): string;
}

/**
 * The default: the configured URLs. In the cluster they are Service DNS names (`http://user`),
 * so Kubernetes and Istio do the balancing; locally they are `http://127.0.0.1:<port>`.
 */
export function staticResolver(
  urls: Readonly<Partial<Record<ServiceName, string>>>,
): UpstreamResolver {
  return {
    resolve(upstream) {
      const url = urls[upstream];
      if (!url) throw new AppError('no_upstream', 503, `no address for ${upstream}`);
      return url;
    },
  };
}

/**
 * Client-side discovery: a ready endpoint of the upstream's Service from the EndpointSlice
 * registry, round-robin; none ready is a 503.
 */
export function registryResolver(registry: {
  pick(service: string): string | undefined;
}): UpstreamResolver {
  return {
    resolve(upstream) {
      const url = registry.pick(upstream);
      if (!url) throw new AppError('no_upstream', 503, `no ready endpoint for ${upstream}`);
      return url;
    },
  };
}
