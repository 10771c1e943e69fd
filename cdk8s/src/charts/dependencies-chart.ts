import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ServiceSpec } from '@shop/topology';
import { dependencyInbound } from '../access-graph';
import { StatefulDependency } from '../constructs/stateful-dependency';
import type { DependencySpec } from '../dependencies/dependency-spec';
import { mailpit } from '../dependencies/mailpit';
import { mongodb } from '../dependencies/mongodb';
import { postgres } from '../dependencies/postgres';
import { rabbitmq } from '../dependencies/rabbitmq';
import { clientsOf } from '../dependencies/stateful-dependencies';
import { SHOP_NAMESPACE } from '../naming';

export interface DependenciesChartProps {
  readonly services: readonly ServiceSpec[];
}

/** PostgreSQL, MongoDB, RabbitMQ and Mailpit for a dev cluster, each only if a deployed service uses it. */
export class DependenciesChart extends Chart {
  constructor(scope: Construct, id: string, props: DependenciesChartProps) {
    super(scope, id, { namespace: SHOP_NAMESPACE, disableResourceNameHashes: true });
    const specs: DependencySpec[] = [
      postgres(clientsOf('postgres', props.services).map((s) => s.name)),
      mongodb(),
      rabbitmq(),
      mailpit(),
    ];
    for (const spec of specs) {
      const inbound = dependencyInbound(spec.name, props.services);
      if (inbound.length > 0) new StatefulDependency(this, spec.name, { spec, inbound });
    }
  }
}
