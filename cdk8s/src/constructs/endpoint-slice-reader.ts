import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { appLabels } from '../naming';

export interface EndpointSliceReaderProps {
  /** The service account (and app) that reads the EndpointSlices of its namespace. */
  readonly serviceAccount: string;
}

/** Read-only access to the namespace's EndpointSlices, for client-side discovery (list + watch). */
export class EndpointSliceReader extends Construct {
  constructor(scope: Construct, id: string, props: EndpointSliceReaderProps) {
    super(scope, id);
    const name = `${props.serviceAccount}-endpointslice-reader`;
    const labels = appLabels(props.serviceAccount);
    new k8s.KubeRole(this, 'role', {
      metadata: { name, labels },
      rules: [
        {
          apiGroups: ['discovery.k8s.io'],
          resources: ['endpointslices'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    });
    new k8s.KubeRoleBinding(this, 'binding', {
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: props.serviceAccount }],
    });
  }
}
