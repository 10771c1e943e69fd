import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ServiceSpec } from '@shop/topology';
import { DevCredentials } from '../constructs/dev-credentials';
import { ShopNamespace } from '../constructs/shop-namespace';
import { usesPostgres } from '../dependencies/stateful-dependencies';
import { SHOP_NAMESPACE } from '../naming';

export interface PlatformChartProps {
  readonly services: readonly ServiceSpec[];
}

/** The namespace, its baseline network policies, and the dev credentials. */
export class PlatformChart extends Chart {
  constructor(scope: Construct, id: string, props: PlatformChartProps) {
    super(scope, id, { namespace: SHOP_NAMESPACE, disableResourceNameHashes: true });
    new ShopNamespace(this, 'namespace', { name: SHOP_NAMESPACE });
    new DevCredentials(this, 'credentials', {
      databases: props.services.filter(usesPostgres).map((s) => s.name),
      mongoClients: props.services.filter((s) => s.store === 'mongodb').map((s) => s.name),
    });
  }
}
