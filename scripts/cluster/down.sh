#!/usr/bin/env bash
# make cluster-down: stops what cluster-up started (by pid), removes the pods' containers,
# network namespaces, mounts, bridge and iptables chains, and restores the kernel settings.
# The state (etcd data, certificates) stays in .cluster; `make cluster-clean` removes it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ -d "$STATE" ]] || exit 0
stop kube-proxy
stop kubelet
if running containerd; then
  # The pods' processes: kill each task so their shims exit, then drop the containers.
  for task in $(ctr tasks ls -q 2>/dev/null); do
    ctr tasks kill -s SIGKILL "$task" 2>/dev/null || true
  done
  for task in $(ctr tasks ls -q 2>/dev/null); do
    for _ in $(seq 50); do ctr tasks rm -f "$task" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  for c in $(ctr containers ls -q 2>/dev/null); do ctr containers rm "$c" >/dev/null 2>&1 || true; done
fi
stop containerd
stop kube-scheduler
stop kube-controller-manager
stop kube-apiserver
stop etcd

# Mounts under the state folder (secret volumes, rootfs, shm), innermost first.
{ findmnt -rn -o TARGET | grep -F "$STATE/" || true; } | sort -r | while read -r m; do umount -l "$m" || true; done
# The pods' network namespaces (named by containerd's CRI after the pod sandbox id).
for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^cni-/ {print $1}'); do
  if ip netns exec "$ns" ip -4 addr 2>/dev/null | grep -q "inet ${POD_CIDR%.*}\."; then
    # A namespace file still mounted (busy) is detached lazily, so the rest of the cleanup runs.
    ip netns delete "$ns" 2>/dev/null || { umount -l "/run/netns/$ns" 2>/dev/null; rm -f "/run/netns/$ns"; }
  fi
done
ip link show shop0 >/dev/null 2>&1 && ip link delete shop0
rm -rf "$STATE/cni/ipam"

# kube-proxy's own cleanup, then any KUBE- chain left (kubelet's canaries and firewall).
[[ -x "$BIN/kube-proxy" ]] && "$BIN/kube-proxy" --cleanup --v=0 >/dev/null 2>&1 || true
for ipt in iptables ip6tables; do
  for table in filter nat mangle; do
    rules="$("$ipt" -t "$table" -S 2>/dev/null)" || continue
    { echo "$rules" | grep -E '^-A [A-Z]+ .*-j KUBE-' || true; } | sed 's/^-A/-D/' | while read -r r; do
      eval "$ipt -t $table $r" || true
    done
    for chain in $(echo "$rules" | awk '$1 == "-N" && $2 ~ /^KUBE-/ {print $2}'); do
      "$ipt" -t "$table" -F "$chain" 2>/dev/null || true
    done
    for chain in $(echo "$rules" | awk '$1 == "-N" && $2 ~ /^KUBE-/ {print $2}'); do
      "$ipt" -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
done

if [[ -f "$STATE/sysctl.saved" ]]; then
  while IFS= read -r line; do sysctl -qw "$line" || true; done <"$STATE/sysctl.saved"
  rm -f "$STATE/sysctl.saved"
fi
log "down (state kept in .cluster; make cluster-clean removes it)"
