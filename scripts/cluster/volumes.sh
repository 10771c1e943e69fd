#!/usr/bin/env bash
# The StatefulSets' volumes on the node: one hostPath PersistentVolume per claim, bound to it by
# claimRef, its folder under .cluster/volumes owned by the UID the dependency runs as (a hostPath
# volume is not chowned to fsGroup). The cluster has no dynamic provisioner. Each claim is made
# bound up front, so its pod schedules at once, unless --volumes-only (a Helm release's
# StatefulSets make their own claims, which bind to these volumes).
#   volumes.sh [--volumes-only] NAMESPACE CLAIM:UID...
set -euo pipefail
source "$(dirname "$0")/lib.sh"
claims=1
[[ "$1" == --volumes-only ]] && claims=0 && shift
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
metadata: { name: $namespace-$claim, labels: { shop.local/volume: "true", shop.local/namespace: $namespace } }
spec:
  capacity: { storage: 8Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  claimRef: { namespace: $namespace, name: $claim }
  hostPath: { path: $dir, type: Directory }
YAML
  # A claim that exists is bound already (its size can then no longer be lowered by an apply).
  ((claims)) && ! kubectl -n "$namespace" get pvc "$claim" >/dev/null 2>&1 || continue
  cat <<YAML
---
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
