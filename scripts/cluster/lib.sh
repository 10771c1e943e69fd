# Shared by the cluster scripts (sourced, not run): where the state lives, the network plan,
# and starting and stopping the processes cluster-up owns (pid files, never by name).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${CLUSTER_STATE:-$ROOT/.cluster}"
BIN="$ROOT/bin"
NODE_NAME="shop-node"
# Pods and Services stay clear of podman's 10.88.0.0/16.
POD_CIDR="10.244.0.0/24"
SERVICE_CIDR="10.96.0.0/16"
KUBERNETES_SERVICE_IP="10.96.0.1"
DNS_SERVICE_IP="10.96.0.10"
API_PORT=16443
ETCD_PORT=23790
CONTAINERD_SOCK="$STATE/containerd/containerd.sock"
export KUBECONFIG="$STATE/kubeconfig"
# The address pods reach the API server on (the node's primary IPv4 address).
NODE_IP="$(ip -4 route get 192.0.2.255 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "src") print $(i + 1)}')"
[[ -n "$NODE_IP" ]] || NODE_IP="$(ip -4 route get 1.1.1.1 | awk '{for (i = 1; i < NF; i++) if ($i == "src") print $(i + 1)}')"
# Kernel settings kubelet and the node's networking change; cluster-down puts them back.
SYSCTLS=(kernel.panic kernel.panic_on_oops vm.overcommit_memory net.ipv4.ip_forward
  net.bridge.bridge-nf-call-iptables net.ipv4.conf.all.route_localnet)

log() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

# running NAME: true when the pid in $STATE/run/NAME.pid is alive.
running() {
  local pid
  pid="$(cat "$STATE/run/$1.pid" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

# start NAME COMMAND...: run it detached with its log in $STATE/logs, unless already running.
start() {
  local name="$1"
  shift
  running "$name" && return 0
  mkdir -p "$STATE/run" "$STATE/logs"
  setsid "$@" </dev/null >>"$STATE/logs/$name.log" 2>&1 &
  echo $! >"$STATE/run/$name.pid"
  log "started $name (pid $!, log .cluster/logs/$name.log)"
}

# stop NAME: SIGTERM the recorded pid, then SIGKILL after 15 s.
stop() {
  local pid
  pid="$(cat "$STATE/run/$1.pid" 2>/dev/null)" || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$STATE/run/$1.pid"
}

# wait_for WHAT SECONDS COMMAND...: poll COMMAND every 0.5 s until it succeeds or time runs out.
wait_for() {
  local what="$1" deadline=$((SECONDS + $2))
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "timed out waiting for $what (see .cluster/logs)"
    sleep 0.5
  done
}

kubectl() { "$BIN/kubectl" "$@"; }
ctr() { command ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

# load_image REF: copy an image from the local podman store into the node's containerd
# (skipped when containerd has it with the same id).
load_image() {
  local id
  id="$(podman image inspect --format '{{.Id}}' "$1")" || die "no image $1 in the local store (make images)"
  # The list is read whole first: grep -q stopping early would fail the pipe under pipefail.
  [[ "$(cat "$STATE/images/$(echo "$1" | tr '/:' '__')" 2>/dev/null)" == "$id" ]] &&
    grep -qxF "$1" <<<"$(ctr images ls -q)" && return 0
  podman save --format docker-archive "$1" | ctr images import --no-unpack=false - >/dev/null
  mkdir -p "$STATE/images" && echo "$id" >"$STATE/images/$(echo "$1" | tr '/:' '__')"
  log "loaded $1 into the node's containerd"
}

# load_images_of MANIFEST...: load_image for every non-shop image the manifests name (short
# names as containerd spells them: docker.io/library/…).
load_images_of() {
  local image
  for image in $(sed -n 's/^ *image: \(.*\)$/\1/p' "$@" | tr -d '"' | grep -v '^shop/' | sort -u); do
    case "$image" in */*/*) load_image "$image" ;; */*) load_image "docker.io/$image" ;; *) load_image "docker.io/library/$image" ;; esac
  done
}

# rollouts NAMESPACE: waits until every StatefulSet and Deployment there is rolled out.
rollouts() {
  local workload
  for workload in $(kubectl -n "$1" get statefulset,deployment -o name); do
    kubectl -n "$1" rollout status "$workload" --timeout=300s >/dev/null || {
      kubectl -n "$1" get pods -o wide >&2
      die "$workload in $1 did not roll out"
    }
  done
}
