#!/usr/bin/env bash
# podman and buildah build the images, debootstrap makes the Debian base when no registry answers.
# Installed with apt-get when run as root and missing; otherwise says what to install.
set -euo pipefail
missing=()
for tool in podman buildah debootstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "images: missing ${missing[*]}: install them (apt-get install ${missing[*]}) and re-run" >&2
  exit 1
fi
echo "images: installing ${missing[*]} (apt-get)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
  { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
