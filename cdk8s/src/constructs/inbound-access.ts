/** One kind of request a workload accepts: from a principal, on a container port, optionally narrowed. */
export interface InboundAccess {
  /** Istio principal of the caller, e.g. `cluster.local/ns/shop/sa/gateway`. */
  readonly principal: string;
  /** The caller's workload labels, for the NetworkPolicy. */
  readonly peer: { readonly namespace?: string; readonly labels: Readonly<Record<string, string>> };
  /** Container port. */
  readonly port: number;
  /** @default any method */
  readonly methods?: readonly string[];
  /** @default any path */
  readonly paths?: readonly string[];
}
