# Shared by the image scripts (sourced): podman with the flags this VM needs (runc, since crun
# cannot run on its hybrid cgroups; fixed rlimits, since it cannot raise them) and the proxy CA.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/.images"
RUN_FLAGS=(--runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
# A TLS-intercepting proxy's CA (the host's NODE_EXTRA_CA_CERTS, if set) reaches build steps as a
# build secret: mounted for the RUN that needs it, never written into a layer.
CA_FILE="${NODE_EXTRA_CA_CERTS:-}"
SECRET_FLAGS=()
[[ -n "$CA_FILE" && -f "$CA_FILE" ]] && SECRET_FLAGS=(--secret "id=ca,src=$CA_FILE")

log() { echo "images: $*"; }
die() { echo "images: $*" >&2; exit 1; }
has_image() { podman image exists "$1"; }

# pull_or_false REF: pull from its registry within 30 s; false when no registry is reachable.
pull_or_false() {
  [[ "${IMAGES_LOCAL_BASE:-}" == 1 ]] && return 1
  timeout 30 podman pull -q "$1" >/dev/null 2>&1
}

# size_mb REF: the image's size in MB.
size_mb() { podman image inspect --format '{{.Size}}' "$1" | awk '{printf "%.0f", $1 / 1e6}'; }
