import { Construct } from 'constructs';
import type { ServiceSpec } from '@shop/topology';
import {
  DestinationRule,
  DestinationRuleSpecTrafficPolicyTlsMode,
} from '@shop/cdk8s-imports/networking.istio.io';
import { appLabels } from '../naming';

export interface ServiceDestinationProps {
  readonly spec: ServiceSpec;
  /** Subsets, one per deployed version. @default ['v1'] */
  readonly versions?: readonly string[];
  /** @default 100 */
  readonly maxConnections?: number;
}

/**
 * The DestinationRule of one service: Istio mutual TLS, a bounded connection pool and outlier
 * detection that ejects an instance after consecutive 5xx answers.
 */
export class ServiceDestination extends Construct {
  constructor(scope: Construct, id: string, props: ServiceDestinationProps) {
    super(scope, id);
    const { spec } = props;
    new DestinationRule(this, 'destination-rule', {
      metadata: { name: spec.name, labels: appLabels(spec.name) },
      spec: {
        host: spec.name,
        trafficPolicy: {
          tls: { mode: DestinationRuleSpecTrafficPolicyTlsMode.ISTIO_UNDERSCORE_MUTUAL },
          connectionPool: {
            tcp: { maxConnections: props.maxConnections ?? 100, connectTimeout: '2s' },
            http: { http1MaxPendingRequests: 64, http2MaxRequests: 256, idleTimeout: '60s' },
          },
          outlierDetection: {
            consecutive5XxErrors: 5,
            interval: '10s',
            baseEjectionTime: '30s',
            maxEjectionPercent: 50,
          },
        },
        subsets: (props.versions ?? ['v1']).map((version) => ({
          name: version,
          labels: { version },
        })),
      },
    });
  }
}
