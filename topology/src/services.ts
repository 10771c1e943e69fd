import type { EventType } from './events';

/**
 * The one declaration of the system's shape: services, their ports, who calls whom and
 * which events each publishes and consumes. The local runner, the cdk8s app (policies,
 * routes) and the conformance tests all read it.
 */
export type ServiceName =
  | 'gateway'
  | 'user'
  | 'product'
  | 'order'
  | 'payment'
  | 'inventory'
  | 'notification'
  | 'analytics'
  | 'storefront';

export type Store = 'postgres' | 'mongodb' | 'none';

export interface Call {
  readonly to: ServiceName;
  readonly protocol: 'http' | 'grpc';
}

export interface ServiceSpec {
  readonly name: ServiceName;
  /** HTTP port the process listens on (locally and in its container). */
  readonly httpPort: number;
  /** gRPC port, when the service serves gRPC. */
  readonly grpcPort?: number;
  readonly store: Store;
  /** Synchronous calls this service makes. */
  readonly calls: readonly Call[];
  /** Events and commands it publishes, in either saga mode. */
  readonly publishes: readonly EventType[];
  /** Events and commands it subscribes to, in either saga mode. */
  readonly consumes: readonly EventType[];
  /** Reachable from the ingress gateway. */
  readonly ingress?: boolean;
}

const http = (to: ServiceName): Call => ({ to, protocol: 'http' });

export const topology: readonly ServiceSpec[] = [
  {
    name: 'gateway',
    httpPort: 8080,
    store: 'none',
    calls: (
      ['user', 'product', 'order', 'inventory', 'notification', 'analytics', 'storefront'] as const
    ).map(http),
    publishes: [],
    consumes: [],
    ingress: true,
  },
  {
    name: 'user',
    httpPort: 3001,
    grpcPort: 50051,
    store: 'postgres',
    calls: [],
    publishes: ['user.registered'],
    consumes: [],
  },
  {
    name: 'product',
    httpPort: 3002,
    store: 'postgres',
    calls: [],
    publishes: ['product.created', 'product.updated'],
    consumes: ['product.created', 'product.updated', 'inventory.stock_changed'],
  },
  {
    name: 'order',
    httpPort: 3003,
    store: 'mongodb',
    calls: [http('product')],
    publishes: [
      'order.created',
      'order.confirmed',
      'order.cancelled',
      'inventory.reserve_stock',
      'inventory.release_stock',
      'inventory.commit_stock',
      'payment.charge',
      'payment.refund',
    ],
    consumes: [
      'inventory.reserved',
      'inventory.rejected',
      'inventory.released',
      'payment.succeeded',
      'payment.failed',
      'payment.refunded',
    ],
  },
  {
    name: 'payment',
    httpPort: 3004,
    store: 'postgres',
    calls: [],
    publishes: ['payment.succeeded', 'payment.failed', 'payment.refunded'],
    consumes: [
      'payment.charge',
      'payment.refund',
      'order.created',
      'inventory.reserved',
      'order.cancelled',
    ],
  },
  {
    name: 'inventory',
    httpPort: 3005,
    store: 'postgres',
    calls: [],
    publishes: [
      'inventory.reserved',
      'inventory.rejected',
      'inventory.released',
      'inventory.stock_changed',
    ],
    consumes: [
      'product.created',
      'inventory.reserve_stock',
      'inventory.release_stock',
      'inventory.commit_stock',
      'order.created',
      'order.confirmed',
      'order.cancelled',
    ],
  },
  {
    name: 'notification',
    httpPort: 3006,
    store: 'postgres',
    calls: [{ to: 'user', protocol: 'grpc' }],
    publishes: [],
    consumes: ['user.registered', 'order.confirmed', 'order.cancelled'],
  },
  {
    name: 'analytics',
    httpPort: 3007,
    store: 'postgres',
    calls: [],
    publishes: [],
    // Order events through a stream queue (the replayable log); product events for categories.
    consumes: [
      'order.created',
      'order.confirmed',
      'order.cancelled',
      'product.created',
      'product.updated',
    ],
  },
  {
    name: 'storefront',
    httpPort: 3008,
    store: 'none',
    calls: [],
    publishes: [],
    consumes: [],
  },
];

export function serviceSpec(name: ServiceName): ServiceSpec {
  const spec = topology.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown service ${name}`);
  return spec;
}

/** Every synchronous edge as caller -> callee. */
export function edges(services: readonly ServiceSpec[] = topology): Array<{
  from: ServiceName;
  to: ServiceName;
  protocol: Call['protocol'];
}> {
  return services.flatMap((s) => s.calls.map((c) => ({ from: s.name, ...c })));
}

/** The env var holding a callee's base URL, e.g. `PRODUCT_URL`. */
export function urlEnvName(name: ServiceName): string {
  return `${name.toUpperCase()}_URL`;
}
