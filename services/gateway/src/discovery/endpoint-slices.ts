/** The fields of a discovery.k8s.io/v1 EndpointSlice that client-side discovery reads. */
export interface EndpointSliceView {
  readonly metadata?: { readonly name?: string; readonly labels?: Record<string, string> };
  readonly addressType?: string;
  readonly endpoints?: ReadonlyArray<{
    readonly addresses?: readonly string[];
    readonly conditions?: { readonly ready?: boolean; readonly terminating?: boolean };
  }>;
  readonly ports?: ReadonlyArray<{ readonly name?: string; readonly port?: number }> | null;
}

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/**
 * Base URLs (`http://ip:port`) of the ready endpoints of `service` on the port named `portName`,
 * sorted, without duplicates. An endpoint whose `ready` condition is unset counts as ready, as
 * the API documents; a terminating or not-ready one does not.
 */
export function readyEndpointUrls(
  slices: readonly EndpointSliceView[],
  service: string,
  portName: string,
): string[] {
  const urls = slices
    .filter((slice) => slice.metadata?.labels?.[SERVICE_NAME_LABEL] === service)
    .flatMap((slice) => {
      const port = slice.ports?.find((p) => (p.name ?? '') === portName)?.port;
      if (!port) return [];
      return (slice.endpoints ?? [])
        .filter((e) => e.conditions?.ready !== false)
        .flatMap((e) => (e.addresses ?? []).slice(0, 1))
        .map((address) => `http://${address.includes(':') ? `[${address}]` : address}:${port}`);
    });
  return [...new Set(urls)].sort();
}
