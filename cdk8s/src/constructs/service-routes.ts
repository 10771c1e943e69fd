import { Construct } from 'constructs';
import type { ServiceSpec } from '@shop/topology';
import type { FaultOptions } from '../config/delivery-options';
import {
  VirtualService,
  type VirtualServiceSpecHttp,
} from '@shop/cdk8s-imports/networking.istio.io';
import { appLabels } from '../naming';

/** The Service port callers use for HTTP (`http://<name>`). */
export const SERVICE_HTTP_PORT = 80;

/** Retry only what can safely run twice; this is the one layer that retries sync calls. */
export const IDEMPOTENT_RETRIES = {
  attempts: 2,
  perTryTimeout: '2s',
  retryOn: 'connect-failure,refused-stream,unavailable,cancelled,reset,503',
};
const NO_RETRIES = { attempts: 0 };

/** gRPC methods of `user.proto` that only read. */
const IDEMPOTENT_GRPC_METHODS = ['GetUser', 'ListUsers'];

export interface ServiceRoutesProps {
  readonly spec: ServiceSpec;
  /** Route timeout of every request (retries included). @default '5s' */
  readonly timeout?: string;
  /** Percent of traffic for subset v2; no split when undefined. @default undefined */
  readonly canaryWeight?: number;
  /** @default no faults */
  readonly faults?: Omit<FaultOptions, 'service'>;
}

/**
 * The VirtualService of one service: timeouts everywhere; retries only for idempotent requests
 * (GET/HEAD/OPTIONS, any request carrying an `Idempotency-Key`, read-only gRPC methods); an
 * optional weighted v1/v2 split and fault injection.
 */
export class ServiceRoutes extends Construct {
  constructor(scope: Construct, id: string, props: ServiceRoutesProps) {
    super(scope, id);
    const { spec } = props;
    const routes: VirtualServiceSpecHttp[] = [
      ...(spec.grpcPort ? grpcRoutes(props, spec.grpcPort) : []),
      route(props, 'http-idempotent', SERVICE_HTTP_PORT, IDEMPOTENT_RETRIES, [
        { port: SERVICE_HTTP_PORT, method: { regex: 'GET|HEAD|OPTIONS' } },
        { port: SERVICE_HTTP_PORT, headers: { 'idempotency-key': { regex: '.+' } } },
      ]),
      route(props, 'http', SERVICE_HTTP_PORT, NO_RETRIES, [{ port: SERVICE_HTTP_PORT }]),
    ];
    new VirtualService(this, 'virtual-service', {
      metadata: { name: spec.name, labels: appLabels(spec.name) },
      spec: { hosts: [spec.name], http: routes },
    });
  }
}

function grpcRoutes(props: ServiceRoutesProps, port: number): VirtualServiceSpecHttp[] {
  const reads = `^/[^/]+/(${IDEMPOTENT_GRPC_METHODS.join('|')})$`;
  return [
    route(props, 'grpc-idempotent', port, IDEMPOTENT_RETRIES, [{ port, uri: { regex: reads } }]),
    route(props, 'grpc', port, NO_RETRIES, [{ port }]),
  ];
}

function route(
  props: ServiceRoutesProps,
  name: string,
  port: number,
  retries: VirtualServiceSpecHttp['retries'],
  match: VirtualServiceSpecHttp['match'],
): VirtualServiceSpecHttp {
  return {
    name,
    match,
    route: destinations(props, port),
    timeout: props.timeout ?? '5s',
    retries,
    ...(props.faults ? { fault: faultOf(props.faults) } : {}),
  };
}

function destinations(props: ServiceRoutesProps, port: number): VirtualServiceSpecHttp['route'] {
  const host = props.spec.name;
  if (props.canaryWeight === undefined) {
    return [{ destination: { host, port: { number: port }, subset: 'v1' } }];
  }
  return [
    {
      destination: { host, port: { number: port }, subset: 'v1' },
      weight: 100 - props.canaryWeight,
    },
    { destination: { host, port: { number: port }, subset: 'v2' }, weight: props.canaryWeight },
  ];
}

function faultOf(
  faults: NonNullable<ServiceRoutesProps['faults']>,
): VirtualServiceSpecHttp['fault'] {
  return {
    ...(faults.delay
      ? {
          delay: {
            fixedDelay: faults.delay.fixedDelay,
            percentage: { value: faults.delay.percent },
          },
        }
      : {}),
    ...(faults.abort
      ? {
          abort: {
            httpStatus: faults.abort.httpStatus,
            percentage: { value: faults.abort.percent },
          },
        }
      : {}),
  };
}
