#!/usr/bin/env bash
# The StatefulSets' volumes on the node: one hostPath PersistentVolume per claim, bound to it by
# claimRef, its folder under .cluster/volumes owned by the UID the dependency runs as (a hostPath
# volume is not chowned to fsGroup). The cluster has no dynamic provisioner.
#   volumes.sh NAMESPACE CLAIM:UID...
set -euo pipefail
source "$(dirname "$0")/lib.sh"
namespace="$1"
shift
for claim_uid in "$@"; do
  claim="${claim_uid%%:*}" uid="${claim_uid##*:}"
  dir="$STATE/volumes/$namespace/$claim"
  mkdir -p "$dir" && chown "$uid:$uid" "$dir" && chmod 700 "$dir"
  cat <<YAML
---
apiVersion: v1
kind: PersistentVolume
metadata: { name: $namespace-$claim, labels: { shop.local/volume: "true" } }
spec:
  capacity: { storage: 8Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  claimRef: { namespace: $namespace, name: $claim }
  hostPath: { path: $dir, type: Directory }
---
# The claim the StatefulSet would create, made bound up front so its pod schedules at once.
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: $claim, namespace: $namespace }
spec:
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 1Gi } }
  volumeName: $namespace-$claim
  storageClassName: ""
YAML
done | kubectl apply -f - >/dev/null
