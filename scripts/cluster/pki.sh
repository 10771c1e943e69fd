#!/usr/bin/env bash
# The cluster's credentials, made once under .cluster/pki: a CA, the API server's serving
# certificate, its client certificate for kubelets, the service-account signing key, one static
# token per component (user and groups the default RBAC bindings expect) and their kubeconfigs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PKI="$STATE/pki"
# Made again when the node address changed (it is in the serving certificate and kubeconfigs).
[[ -f "$PKI/done" && "$(cat "$PKI/done")" == "$NODE_IP" ]] && exit 0
rm -rf "$PKI"
mkdir -p "$PKI" && cd "$PKI" && umask 077

openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
  -subj "/CN=shop-local-ca" 2>/dev/null

# issue NAME SUBJECT [SANS]: a key and a certificate signed by the CA.
issue() {
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
  local ext="extendedKeyUsage=serverAuth,clientAuth"
  [[ -n "${3:-}" ]] && ext="$ext"$'\n'"subjectAltName=$3"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
    -out "$1.crt" -extfile <(echo "$ext") 2>/dev/null
  rm -f "$1.csr"
}
issue apiserver "/CN=kube-apiserver" \
  "IP:127.0.0.1,IP:$NODE_IP,IP:$KUBERNETES_SERVICE_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
issue apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key 2>/dev/null
openssl pkey -in sa.key -pubout -out sa.pub 2>/dev/null

# kubeconfig FILE USER: a kubeconfig with a fresh static token for USER.
: >tokens.csv
kubeconfig() {
  local token
  token="$(openssl rand -hex 24)"
  echo "$token,$2,$2,\"$3\"" >>tokens.csv
  "$BIN/kubectl" --kubeconfig="$1" config set-cluster shop-local --server="https://$NODE_IP:$API_PORT" \
    --certificate-authority="$PKI/ca.crt" --embed-certs=true >/dev/null
  "$BIN/kubectl" --kubeconfig="$1" config set-credentials "$2" --token="$token" >/dev/null
  "$BIN/kubectl" --kubeconfig="$1" config set-context shop-local --cluster=shop-local --user="$2" >/dev/null
  "$BIN/kubectl" --kubeconfig="$1" config use-context shop-local >/dev/null
}
kubeconfig "$STATE/kubeconfig" shop-admin system:masters
kubeconfig controller-manager.kubeconfig system:kube-controller-manager ""
kubeconfig scheduler.kubeconfig system:kube-scheduler ""
kubeconfig kubelet.kubeconfig "system:node:$NODE_NAME" system:nodes
kubeconfig kube-proxy.kubeconfig system:kube-proxy ""
chmod 600 "$STATE/kubeconfig"
echo "$NODE_IP" >done
