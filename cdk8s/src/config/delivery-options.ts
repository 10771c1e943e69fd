import { EVENT_STREAMS, type EventStreamKind } from '@shop/common';
import { topology, type ServiceName, type ServiceSpec } from '@shop/topology';

/** A canary: a `v2` Deployment of one service taking `weight` percent of its traffic. */
export interface CanaryOptions {
  readonly service: ServiceName;
  /** Percent of requests routed to v2 (0-100). */
  readonly weight: number;
  /** Image tag of v2. @default the tag of v1 */
  readonly imageTag?: string;
}

/** Istio fault injection on one service's routes, for resilience drills. */
export interface FaultOptions {
  readonly service: ServiceName;
  /** Delay `percent` of requests by `fixedDelay` (an Istio duration such as `2s`). */
  readonly delay?: { readonly percent: number; readonly fixedDelay: string };
  /** Answer `percent` of requests with `httpStatus` instead of forwarding them. */
  readonly abort?: { readonly percent: number; readonly httpStatus: number };
}

/** What varies between syntheses of the same topology. */
export interface DeliveryOptions {
  /** The services to deploy. @default every service of the topology */
  readonly services: readonly ServiceSpec[];
  /** Image repository prefix: images are `<registry>/<service>:<tag>`. @default 'shop' */
  readonly imageRegistry: string;
  /** @default 'dev' */
  readonly imageTag: string;
  /** @default no canary */
  readonly canary?: CanaryOptions;
  /** @default no faults */
  readonly faults?: FaultOptions;
  /**
   * How the gateway finds its upstreams: Kubernetes DNS (Service names; Istio balances), or
   * client-side from EndpointSlices (it then gets read access to them). @default 'dns'
   */
  readonly discovery: 'dns' | 'kubernetes';
  /**
   * The replayable log of the order events, one system-wide setting (DESIGN.md, Events): every
   * service on the event bus gets it in its ConfigMap; with `kafka` a Kafka StatefulSet is added
   * and the order log's writers and readers get its address and the access to it.
   * @default 'rabbitmq'
   */
  readonly eventStream: EventStreamKind;
}

export const defaultDeliveryOptions: DeliveryOptions = {
  services: topology,
  imageRegistry: 'shop',
  imageTag: 'dev',
  discovery: 'dns',
  eventStream: 'rabbitmq',
};

/**
 * Options from the environment of `make synth`: `SHOP_CANARY=product:10` (service:weight),
 * `SHOP_FAULT_DELAY=product:50:2s`, `SHOP_FAULT_ABORT=product:10:503`, `SHOP_IMAGE_TAG`,
 * `SHOP_DISCOVERY=kubernetes`, and `EVENT_STREAM=kafka` (the services' own name for it, so one
 * setting reaches `make demo` and `make synth` alike).
 */
export function deliveryOptionsFromEnv(env: Record<string, string | undefined>): DeliveryOptions {
  return {
    ...defaultDeliveryOptions,
    imageTag: env.SHOP_IMAGE_TAG || defaultDeliveryOptions.imageTag,
    discovery: parseDiscovery(env.SHOP_DISCOVERY),
    eventStream: parseEventStream(env.EVENT_STREAM),
    ...(env.SHOP_CANARY ? { canary: parseCanary(env.SHOP_CANARY) } : {}),
    ...(env.SHOP_FAULT_DELAY || env.SHOP_FAULT_ABORT
      ? { faults: parseFaults(env.SHOP_FAULT_DELAY, env.SHOP_FAULT_ABORT) }
      : {}),
  };
}

function parseDiscovery(value: string | undefined): DeliveryOptions['discovery'] {
  if (!value) return 'dns';
  if (value === 'dns' || value === 'kubernetes') return value;
  throw new Error(`SHOP_DISCOVERY: expected dns or kubernetes, got "${value}"`);
}

function parseEventStream(value: string | undefined): EventStreamKind {
  if (!value) return defaultDeliveryOptions.eventStream;
  const kind = EVENT_STREAMS.find((k) => k === value);
  if (!kind)
    throw new Error(`EVENT_STREAM: expected ${EVENT_STREAMS.join(' or ')}, got "${value}"`);
  return kind;
}

function parseCanary(value: string): CanaryOptions {
  const [service, weight] = fields(value, 'SHOP_CANARY', 'service:weight');
  return { service: serviceName(service), weight: percent(weight, 'SHOP_CANARY') };
}

function parseFaults(delay?: string, abort?: string): FaultOptions {
  const d = delay ? fields(delay, 'SHOP_FAULT_DELAY', 'service:percent:duration') : undefined;
  const a = abort ? fields(abort, 'SHOP_FAULT_ABORT', 'service:percent:status') : undefined;
  if (d && a && d[0] !== a[0]) {
    throw new Error('SHOP_FAULT_DELAY and SHOP_FAULT_ABORT name different services');
  }
  return {
    service: serviceName(d?.[0] ?? a?.[0] ?? ''),
    ...(d ? { delay: { percent: percent(d[1], 'SHOP_FAULT_DELAY'), fixedDelay: d[2] } } : {}),
    ...(a
      ? { abort: { percent: percent(a[1], 'SHOP_FAULT_ABORT'), httpStatus: Number(a[2]) } }
      : {}),
  };
}

/** `a:b[:c]` as three strings (the third empty when absent), or an error naming the variable. */
function fields(value: string, variable: string, shape: string): [string, string, string] {
  const parts = value.split(':');
  const expected = shape.split(':').length;
  if (parts.length !== expected || parts.some((p) => !p)) {
    throw new Error(`${variable}: expected ${shape}, got "${value}"`);
  }
  const [first = '', second = '', third = ''] = parts;
  return [first, second, third];
}

function serviceName(value: string): ServiceName {
  const spec = topology.find((s) => s.name === value);
  if (!spec) throw new Error(`unknown service "${value}"`);
  return spec.name;
}

function percent(value: string, variable: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100) {
    throw new Error(`${variable}: percent must be 0-100, got "${value}"`);
  }
  return n;
}
