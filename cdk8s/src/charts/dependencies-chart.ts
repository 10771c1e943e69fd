import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { EventStreamKind } from '@shop/common';
import type { ServiceSpec } from '@shop/topology';
import { dependencyInbound } from '../access-graph';
import { StatefulDependency } from '../constructs/stateful-dependency';
import type { DependencySpec } from '../dependencies/dependency-spec';
import { kafka } from '../dependencies/kafka';
import { mailpit } from '../dependencies/mailpit';
import { mongodb } from '../dependencies/mongodb';
import { postgres } from '../dependencies/postgres';
import { rabbitmq } from '../dependencies/rabbitmq';
import { clientsOf } from '../dependencies/stateful-dependencies';
import { SHOP_NAMESPACE } from '../naming';

export interface DependenciesChartProps {
  readonly services: readonly ServiceSpec[];
  readonly eventStream: EventStreamKind;
}

/**
 * PostgreSQL, MongoDB, RabbitMQ, Mailpit and (with `EVENT_STREAM=kafka`) Kafka for a dev cluster,
 * each only if a deployed service uses it.
 */
export class DependenciesChart extends Chart {
  constructor(scope: Construct, id: string, props: DependenciesChartProps) {
    super(scope, id, { namespace: SHOP_NAMESPACE, disableResourceNameHashes: true });
    const specs: DependencySpec[] = [
      postgres(clientsOf('postgres', props.services, props.eventStream).map((s) => s.name)),
      mongodb(),
      rabbitmq(),
      mailpit(),
      kafka(),
    ];
    for (const spec of specs) {
      const inbound = dependencyInbound(spec.name, props.services, props.eventStream);
      if (inbound.length > 0) new StatefulDependency(this, spec.name, { spec, inbound });
    }
  }
}
