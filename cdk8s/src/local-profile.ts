import { ApiObject, JsonPatch, type App } from 'cdk8s';
import { topology } from '@shop/topology';

/** CPU each container requests on the local node (the manifests ask for more, for a real cluster). */
export const LOCAL_CPU_REQUEST = '10m';

/**
 * The services whose store is MongoDB. Locally, `mongo:8.0.12` is FerretDB 1.24 on PostgreSQL
 * (no MongoDB server builds here), which applies an update as an unlocked read-modify-write:
 * two processes writing one document can lose a transition that MongoDB's atomic version
 * filter would keep. So locally each runs as one process, replaced rather than rolled.
 */
const SINGLE_WRITER: ReadonlySet<string> = new Set(
  topology.filter((s) => s.store === 'mongodb').map((s) => s.name),
);

/**
 * The local profile `make cluster-demo` applies to the synthesized app before writing it: the
 * same objects users apply, scaled to fit one two-core node. Every HorizontalPodAutoscaler keeps
 * its maximum but starts from one replica, and every Deployment's container requests
 * `LOCAL_CPU_REQUEST` (memory requests and all limits are kept; scripts/cluster/deploy.sh lowers
 * the StatefulSets' CPU requests the same way after applying them). A MongoDB-backed service
 * (`SINGLE_WRITER`) keeps one replica and is recreated on a rollout. Nothing is switched off: no
 * object here needs a sidecar to run; the Istio objects are stored and validated by the API
 * server, not enforced.
 */
export function applyLocalProfile(app: App): void {
  for (const object of app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
    const singleWriter = SINGLE_WRITER.has(
      object.metadata.getLabel('app.kubernetes.io/name') ?? '',
    );
    if (object.kind === 'HorizontalPodAutoscaler') {
      object.addJsonPatch(JsonPatch.replace('/spec/minReplicas', 1));
      if (singleWriter) object.addJsonPatch(JsonPatch.replace('/spec/maxReplicas', 1));
    }
    if (object.kind === 'Deployment' && singleWriter) {
      object.addJsonPatch(JsonPatch.replace('/spec/strategy', { type: 'Recreate' }));
    }
    if (object.kind === 'Deployment') {
      const containers = podContainers(object);
      containers.forEach((_, i) =>
        object.addJsonPatch(
          JsonPatch.replace(
            `/spec/template/spec/containers/${i}/resources/requests/cpu`,
            LOCAL_CPU_REQUEST,
          ),
        ),
      );
    }
  }
}

function podContainers(object: ApiObject): unknown[] {
  const json = object.toJson() as { spec?: { template?: { spec?: { containers?: unknown[] } } } };
  return json.spec?.template?.spec?.containers ?? [];
}
