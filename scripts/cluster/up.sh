#!/usr/bin/env bash
# make cluster-up: a single-node Kubernetes on this machine, as hack/local-up-cluster.sh runs
# one: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, containerd, kubelet,
# kube-proxy (host processes, pid files under .cluster/run) and CoreDNS (a Deployment).
# Idempotent: what runs is left running, so a second call returns in about a second.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PKI="$STATE/pki"
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl coredns pause; do
  [[ -x "$BIN/$b" ]] || die "missing bin/$b (make cluster-up builds it)"
done
for b in containerd ctr runc iptables conntrack podman; do
  command -v "$b" >/dev/null || die "missing $b (make cluster-packages installs it)"
done
mkdir -p "$STATE"
# The kernel settings as they were before the first cluster-up (cluster-down restores them).
if [[ ! -f "$STATE/sysctl.saved" ]]; then
  for s in "${SYSCTLS[@]}"; do v="$(sysctl -n "$s" 2>/dev/null)" && echo "$s=$v"; done >"$STATE/sysctl.saved"
fi
sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1
"$(dirname "$0")/pki.sh"
"$(dirname "$0")/configs.sh"

start etcd "$BIN/etcd" --name shop-local --data-dir "$STATE/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls http://127.0.0.1:23800 --initial-advertise-peer-urls http://127.0.0.1:23800 \
  --initial-cluster shop-local=http://127.0.0.1:23800 --listen-metrics-urls "" --log-level warn
wait_for etcd 30 curl -fsS "http://127.0.0.1:$ETCD_PORT/health"

start kube-apiserver "$BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --bind-address "$NODE_IP" --advertise-address "$NODE_IP" --secure-port "$API_PORT" \
  --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
  --client-ca-file "$PKI/ca.crt" --token-auth-file "$PKI/tokens.csv" \
  --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" \
  --kubelet-client-key "$PKI/apiserver-kubelet-client.key" --kubelet-preferred-address-types InternalIP \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
  --service-cluster-ip-range "$SERVICE_CIDR" --authorization-mode Node,RBAC \
  --enable-admission-plugins NodeRestriction --profiling=false
wait_for kube-apiserver 180 kubectl get --raw /readyz

start kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$PKI/controller-manager.kubeconfig" \
  --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
  --use-service-account-credentials --service-cluster-ip-range "$SERVICE_CIDR" \
  --leader-elect=false --bind-address 127.0.0.1 --profiling=false
start kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$PKI/scheduler.kubeconfig" \
  --leader-elect=false --bind-address 127.0.0.1 --profiling=false

start containerd containerd --config "$STATE/containerd/config.toml"
wait_for containerd 30 ctr version
"$(dirname "$0")/system-images.sh"

start kubelet "$BIN/kubelet" --config "$STATE/kubelet/config.yaml" \
  --kubeconfig "$PKI/kubelet.kubeconfig" --root-dir "$STATE/kubelet/root" \
  --cert-dir "$STATE/kubelet/pki" --hostname-override "$NODE_NAME" --node-ip "$NODE_IP"
start kube-proxy "$BIN/kube-proxy" --config "$STATE/kube-proxy.yaml"
wait_for "node $NODE_NAME Ready" 120 kubectl wait --for=condition=Ready "node/$NODE_NAME" --timeout=2s

kubectl apply -f "$(dirname "$0")/coredns.yaml" >/dev/null
wait_for "the default ServiceAccount" 60 kubectl -n default get serviceaccount default
kubectl -n kube-system rollout status deployment/coredns --timeout=120s >/dev/null
log "up: Kubernetes $("$BIN/kubectl" version -o json | sed -n 's/.*"gitVersion": "\(v[^"]*\)".*/\1/p' | tail -1) on $NODE_NAME ($NODE_IP), kubeconfig $KUBECONFIG"
