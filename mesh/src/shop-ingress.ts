import { Construct } from 'constructs';
import {
  Gateway,
  VirtualService,
  type VirtualServiceSpecHttpRetries,
} from '@shop/cdk8s-imports/networking.istio.io';
import { INGRESS_GATEWAY_SELECTOR } from './mesh-names';

export interface ShopIngressProps {
  readonly namespace: string;
  /** The one Service the ingress sends traffic to, and its HTTP port. */
  readonly target: { readonly service: string; readonly port: number };
  /** Retries for GET, HEAD and OPTIONS (nothing else is retried). */
  readonly idempotentRetries: VirtualServiceSpecHttpRetries;
  /** @default 'shop.local' */
  readonly host?: string;
  /** @default '10s' */
  readonly timeout?: string;
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The public entry: an Istio Gateway on the ingress gateway for the shop's host, routed to one Service. */
export class ShopIngress extends Construct {
  readonly host: string;

  constructor(scope: Construct, id: string, props: ShopIngressProps) {
    super(scope, id);
    this.host = props.host ?? 'shop.local';
    const metadata = { namespace: props.namespace, labels: { ...props.labels } };
    new Gateway(this, 'gateway', {
      metadata: { ...metadata, name: 'shop' },
      spec: {
        selector: INGRESS_GATEWAY_SELECTOR,
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [this.host] }],
      },
    });
    const destination = { host: props.target.service, port: { number: props.target.port } };
    const timeout = props.timeout ?? '10s';
    new VirtualService(this, 'routes', {
      metadata: { ...metadata, name: 'shop-ingress' },
      spec: {
        hosts: [this.host],
        gateways: ['shop'],
        http: [
          {
            name: 'idempotent',
            match: [{ method: { regex: 'GET|HEAD|OPTIONS' } }],
            route: [{ destination }],
            timeout,
            retries: props.idempotentRetries,
          },
          { name: 'default', route: [{ destination }], timeout, retries: { attempts: 0 } },
        ],
      },
    });
  }
}
