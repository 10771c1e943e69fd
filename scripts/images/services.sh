#!/usr/bin/env bash
# make images: every service's image from the one root Dockerfile (target runtime), tagged like
# skaffold's artifacts (shop/<service>:dev, the tag the manifests use), then each image's size and
# the size of the app layers above the Node base (goal: <= 80 MB per service).
# An image whose inputs did not change is not built again: its label shop.inputs holds the hash of
# what the Dockerfile reads for that service (a change anywhere else in the context would
# otherwise rebuild all of them).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${NODE_VERSION:?}"
TAG="${SHOP_IMAGE_TAG:-dev}"
BASE="docker.io/library/node:$NODE_VERSION-trixie-slim"
services="${SERVICES:-$(sed -n 's/^ *- image: shop\/\(.*\)$/\1/p' "$ROOT/skaffold.yaml" | sort -u)}"
cd "$ROOT"

# inputs_hash SERVICE: the Dockerfile, the base, every package manifest and the lockfile, the
# root configs, and the folders the build stage compiles (topology, contracts, the kit, the service).
inputs_hash() {
  {
    podman image inspect --format '{{.Id}}' "$BASE"
    git ls-files -co --exclude-standard -z -- Dockerfile tsconfig.base.json \
      package-lock.json ':(glob)**/package.json' topology contracts services/common "services/$1" |
      grep -zv -e '/test/' -e '/node_modules/' | sort -z | xargs -0 sha256sum
  } | sha256sum | cut -c1-16
}

for s in $services; do
  ref="docker.io/shop/$s:$TAG" hash="$(inputs_hash "$s")"
  if [[ "$(podman image inspect --format '{{index .Labels "shop.inputs"}}' "$ref" 2>/dev/null)" == "$hash" ]]; then
    log "shop/$s:$TAG is up to date (inputs $hash)"
    continue
  fi
  log "building shop/$s:$TAG (podman build --target runtime --build-arg SERVICE=$s)"
  podman build -q "${RUN_FLAGS[@]}" "${SECRET_FLAGS[@]}" --build-arg "NODE_IMAGE=$BASE" \
    --build-arg "SERVICE=$s" --label "shop.inputs=$hash" --target runtime -t "$ref" . >/dev/null
done
base="$(podman image inspect --format '{{.Size}}' "$BASE")"
printf 'images: %-28s %10s %14s\n' image 'size MB' 'app layers MB'
for s in $services; do
  size="$(podman image inspect --format '{{.Size}}' "docker.io/shop/$s:$TAG")"
  awk -v n="shop/$s:$TAG" -v s="$size" -v b="$base" \
    'BEGIN {a = (s - b) / 1e6; printf "images: %-28s %10.0f %14.0f%s\n", n, s / 1e6, a, (a > 80 ? "  (over the 80 MB goal)" : "")}'
done
