#!/usr/bin/env bash
# The shop installed with Helm from charts/shop into a namespace of its own, beside the one
# make cluster-deploy applies (make cluster-test): the chart as users install it (no local
# profile: its replicas and requests), with hostPath volumes for its StatefulSets' claims and the
# JWT signing key Secret; waits until every workload is rolled out.
#   helm-release.sh install NAMESPACE [HELM-ARGS...]  (helm upgrade --install: idempotent;
#                                                     e.g. --set eventStream=kafka)
#   helm-release.sh uninstall NAMESPACE  (the release, its namespace and its volumes)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
action="$1" NS="$2"
shift 2
CHART="$ROOT/charts/shop"
# One release per mesh owns the mesh-wide objects in istio-system: the applied manifests do.
VALUES=(--set meshRootObjects=false "$@")
helm() { "$BIN/helm" "$@"; }

if [[ "$action" == uninstall ]]; then
  if helm status -n "$NS" "$NS" >/dev/null 2>&1; then
    # The chart's Namespace holds Helm's own release record, so the purge that ends an
    # uninstall finds it gone ("release: not found") after everything else was deleted.
    if ! out=$(helm uninstall -n "$NS" "$NS" --wait --timeout 300s 2>&1) &&
      [[ "$out" != *"release: not found"* ]]; then
      echo "$out" >&2
      exit 1
    fi
    kubectl wait --for=delete "namespace/$NS" --timeout=300s >/dev/null 2>&1 || true
  fi
  kubectl delete pv -l "shop.local/namespace=$NS" --ignore-not-found >/dev/null
  rm -rf "$STATE/volumes/$NS"
  log "helm release $NS uninstalled"
  exit 0
fi

rendered="$STATE/helm-$NS.yaml"
helm template "$NS" "$CHART" -n "$NS" --kube-version "$("$BIN/kubectl" version -o json | node -e "console.log(JSON.parse(require('fs').readFileSync(0)).serverVersion.gitVersion)")" "${VALUES[@]}" >"$rendered"
load_images_of "$rendered"
mapfile -t claims < <(node "$(dirname "$0")/claims.js" "$rendered")
"$(dirname "$0")/volumes.sh" --volumes-only "$NS" "${claims[@]}"
# Helm 3 installs only into a namespace that exists, and the chart has its own Namespace (its
# Pod Security labels): create it marked as the release's, so Helm adopts it instead of failing.
kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl label namespace "$NS" app.kubernetes.io/managed-by=Helm --overwrite >/dev/null
kubectl annotate namespace "$NS" meta.helm.sh/release-name="$NS" \
  meta.helm.sh/release-namespace="$NS" --overwrite >/dev/null
log "helm upgrade --install $NS charts/shop -n $NS ${VALUES[*]}"
helm upgrade --install "$NS" "$CHART" -n "$NS" "${VALUES[@]}" >/dev/null
make -s -C "$ROOT" k8s-jwt-secret K8S_NAMESPACE="$NS" >/dev/null
rollouts "$NS"
log "every Deployment and StatefulSet of the helm release in $NS is rolled out and Ready"
