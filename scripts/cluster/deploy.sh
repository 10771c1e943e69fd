#!/usr/bin/env bash
# Deploys the shop onto the local cluster (make cluster-demo, make cluster-test):
# the images loaded into containerd, Istio's CRDs from the vendored file, the JWT signing key
# Secret, a volume per StatefulSet claim, then the manifests synthesized with the local profile
# (cdk8s/src/local-profile.ts), and waits until every Deployment and StatefulSet is rolled out.
#   deploy.sh [NAMESPACE]  (default shop, the namespace the manifests name)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
NS="${1:-shop}"
cd "$ROOT"
OUT="$STATE/manifests"

for svc in $(sed -n 's/^ *- image: shop\/\(.*\)$/\1/p' "$ROOT/skaffold.yaml" | sort -u); do
  load_image "docker.io/shop/$svc:${SHOP_IMAGE_TAG:-dev}"
done
rm -rf "$OUT" && node "$ROOT/cdk8s/dist/local-main.js" "$OUT" >/dev/null
load_images_of "$OUT"/0001-*.yaml

kubectl apply --server-side --force-conflicts -f "$ROOT/cdk8s/schemas/istio/crd-all.gen.yaml" >/dev/null
kubectl wait --for=condition=Established crd --all --timeout=60s >/dev/null
kubectl apply -f "$OUT/0000-platform.k8s.yaml" >/dev/null
# The mesh root namespace the mesh chart writes into (istiod would run there; it cannot here).
kubectl create namespace istio-system --dry-run=client -o yaml | kubectl apply -f - >/dev/null
# A pod created right after its namespace fails until the namespace's default ServiceAccount exists.
wait_for "the $NS ServiceAccount" 60 kubectl -n "$NS" get serviceaccount default
make -s -C "$ROOT" k8s-jwt-secret >/dev/null

mapfile -t claims < <(node "$(dirname "$0")/claims.js" "$OUT/0001-dependencies.k8s.yaml")
((${#claims[@]} > 0)) || die "no StatefulSet claims in $OUT/0001-dependencies.k8s.yaml"
"$(dirname "$0")/volumes.sh" "$NS" "${claims[@]}"

kubectl apply -f "$OUT" >/dev/null
# The local profile's CPU request for the stateful dependencies too (two cores for everything).
kubectl -n "$NS" set resources statefulset --all --containers='*' --requests=cpu=10m >/dev/null
log "applied $(grep -c '^kind:' "$OUT"/*.yaml | awk -F: '{n += $2} END {print n}') objects from the synthesized manifests (local profile)"
# Pods still on an image the tag no longer names (make images rebuilt it; the tag is the same, so
# applying changed nothing) are restarted onto the new one.
for svc in $(sed -n 's/^ *- image: shop\/\(.*\)$/\1/p' "$ROOT/skaffold.yaml" | sort -u); do
  id="$(podman image inspect --format '{{.Id}}' "docker.io/shop/$svc:${SHOP_IMAGE_TAG:-dev}")"
  running="$(kubectl -n "$NS" get pods -l "app=$svc" -o jsonpath='{.items[*].status.containerStatuses[0].imageID}')"
  stale=0
  for image in $running; do [[ "$image" == *"$id" ]] || stale=1; done
  if ((stale)); then
    kubectl -n "$NS" rollout restart deployment -l "app=$svc" >/dev/null
    log "restarting $svc onto its rebuilt image"
  fi
done
rollouts "$NS"
log "every Deployment and StatefulSet in $NS is rolled out and Ready"
