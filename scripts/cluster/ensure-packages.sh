#!/usr/bin/env bash
# The node's runtime from Debian: containerd, runc, the CNI plugins, iptables and conntrack
# (kube-proxy). Installed with apt-get when run as root and missing.
set -euo pipefail
packages=()
command -v containerd >/dev/null || packages+=(containerd)
command -v runc >/dev/null || packages+=(runc)
[[ -x /usr/lib/cni/bridge ]] || packages+=(containernetworking-plugins)
command -v iptables >/dev/null || packages+=(iptables)
command -v conntrack >/dev/null || packages+=(conntrack)
((${#packages[@]} == 0)) && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "cluster: missing ${packages[*]}: install them (apt-get install ${packages[*]}) and re-run as root" >&2
  exit 1
fi
echo "cluster: installing ${packages[*]} (apt-get)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null ||
  { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null; }
