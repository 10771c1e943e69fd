#!/usr/bin/env bash
# make images: every service's image from the one root Dockerfile (target runtime), tagged like
# skaffold's artifacts (shop/<service>:dev, the tag the manifests use), then each image's size and
# the size of the app layers above the Node base (goal: <= 80 MB per service).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${NODE_VERSION:?}"
TAG="${SHOP_IMAGE_TAG:-dev}"
BASE="docker.io/library/node:$NODE_VERSION-trixie-slim"
services="${SERVICES:-$(sed -n 's/^ *- image: shop\/\(.*\)$/\1/p' "$ROOT/skaffold.yaml" | sort -u)}"
cd "$ROOT"
for s in $services; do
  log "building shop/$s:$TAG (podman build --target runtime --build-arg SERVICE=$s)"
  podman build -q "${RUN_FLAGS[@]}" "${SECRET_FLAGS[@]}" --build-arg "NODE_IMAGE=$BASE" \
    --build-arg "SERVICE=$s" --target runtime -t "docker.io/shop/$s:$TAG" . >/dev/null
done
base="$(podman image inspect --format '{{.Size}}' "$BASE")"
printf 'images: %-28s %10s %14s\n' image 'size MB' 'app layers MB'
for s in $services; do
  size="$(podman image inspect --format '{{.Size}}' "docker.io/shop/$s:$TAG")"
  awk -v n="shop/$s:$TAG" -v s="$size" -v b="$base" \
    'BEGIN {a = (s - b) / 1e6; printf "images: %-28s %10.0f %14.0f%s\n", n, s / 1e6, a, (a > 80 ? "  (over the 80 MB goal)" : "")}'
done
