import { Construct } from 'constructs';
import { Telemetry } from '@shop/cdk8s-imports/telemetry.istio.io';
import { ISTIO_NAMESPACE } from './mesh-names';

/** The tracing provider declared in mesh/istio-install.yaml (the Jaeger addon's OTLP collector). */
export const TRACING_PROVIDER = 'jaeger';

export interface MeshTelemetryProps {
  /** Percent of requests traced. @default 100 (a dev cluster; lower it for real traffic) */
  readonly tracingSamplingPercent?: number;
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Mesh-wide telemetry: Envoy access logs for every proxy and trace sampling into Jaeger. */
export class MeshTelemetry extends Construct {
  constructor(scope: Construct, id: string, props: MeshTelemetryProps = {}) {
    super(scope, id);
    new Telemetry(this, 'telemetry', {
      metadata: { name: 'mesh-default', namespace: ISTIO_NAMESPACE, labels: { ...props.labels } },
      spec: {
        accessLogging: [{ providers: [{ name: 'envoy' }] }],
        tracing: [
          {
            providers: [{ name: TRACING_PROVIDER }],
            randomSamplingPercentage: props.tracingSamplingPercent ?? 100,
          },
        ],
      },
    });
  }
}
