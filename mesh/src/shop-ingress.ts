import { Construct } from 'constructs';
import { Gateway, VirtualService } from '../../cdk8s/imports/networking.istio.io';
import { IDEMPOTENT_RETRIES, SERVICE_HTTP_PORT } from '../../cdk8s/src/constructs/service-routes';
import { INGRESS_GATEWAY_SELECTOR, PART_OF } from '../../cdk8s/src/naming';

export interface ShopIngressProps {
  readonly namespace: string;
  /** @default 'shop.local' */
  readonly host?: string;
  /** The one Service the ingress sends traffic to. @default 'gateway' */
  readonly target?: string;
  /** @default '10s' */
  readonly timeout?: string;
}

/** The public entry: an Istio Gateway on the ingress gateway for the shop's host, routed to `gateway`. */
export class ShopIngress extends Construct {
  readonly host: string;

  constructor(scope: Construct, id: string, props: ShopIngressProps) {
    super(scope, id);
    this.host = props.host ?? 'shop.local';
    const target = props.target ?? 'gateway';
    const metadata = {
      namespace: props.namespace,
      labels: { 'app.kubernetes.io/part-of': PART_OF },
    };
    new Gateway(this, 'gateway', {
      metadata: { ...metadata, name: 'shop' },
      spec: {
        selector: INGRESS_GATEWAY_SELECTOR,
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [this.host] }],
      },
    });
    const destination = { host: target, port: { number: SERVICE_HTTP_PORT } };
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
            retries: IDEMPOTENT_RETRIES,
          },
          { name: 'default', route: [{ destination }], timeout, retries: { attempts: 0 } },
        ],
      },
    });
  }
}
