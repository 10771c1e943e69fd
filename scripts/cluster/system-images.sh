#!/usr/bin/env bash
# The node's own images, built from ./bin (no registry needed): the pod sandbox (pause) and
# CoreDNS, each a single static binary on an empty filesystem; then loaded into containerd.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# image REF BINARY: build REF from scratch with BINARY as its entrypoint, when BINARY changed.
image() {
  local sum ctx
  sum="$(sha256sum "$BIN/$2" | cut -c1-12)"
  if [[ "$(podman image inspect --format '{{index .Labels "shop.binary"}}' "$1" 2>/dev/null)" != "$sum" ]]; then
    ctx="$(mktemp -d)"
    cp "$BIN/$2" "$ctx/$2"
    printf 'FROM scratch\nCOPY %s /%s\nUSER 65532:65532\nENTRYPOINT ["/%s"]\n' "$2" "$2" "$2" >"$ctx/Containerfile"
    podman build -q --label "shop.binary=$sum" -t "$1" "$ctx" >/dev/null
    rm -rf "$ctx"
    log "built image $1 from bin/$2"
  fi
  load_image "$1"
}
image localhost/shop/pause:local pause
image localhost/shop/coredns:v1.14.3 coredns
