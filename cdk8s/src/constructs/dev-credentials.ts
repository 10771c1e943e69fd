import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { ServiceName } from '@shop/topology';
import { DEV_CREDENTIALS_SECRET, devCredentials } from '../config/credentials';
import { PART_OF } from '../naming';

export interface DevCredentialsProps {
  /** Services with a PostgreSQL database. */
  readonly databases: readonly ServiceName[];
  /** Services with a MongoDB store. */
  readonly mongoClients: readonly ServiceName[];
}

/** The dev cluster's one credentials Secret (see config/credentials.ts for why it is predictable). */
export class DevCredentials extends Construct {
  constructor(scope: Construct, id: string, props: DevCredentialsProps) {
    super(scope, id);
    new k8s.KubeSecret(this, 'secret', {
      metadata: {
        name: DEV_CREDENTIALS_SECRET,
        labels: { 'app.kubernetes.io/part-of': PART_OF, 'shop.local/dev-only': 'true' },
      },
      type: 'Opaque',
      stringData: devCredentials(props.databases, props.mongoClients),
    });
  }
}
