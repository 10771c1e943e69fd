# A real single-node Kubernetes on this machine (make cluster-up), the shop deployed on it from
# the synthesized manifests (make cluster-demo) and tested there (make cluster-test).
# See docs/kubernetes.md.

# Built from source through the Go module proxy into ./bin (tools/kube pins the modules; the
# stamp names the version, so changing a pin rebuilds).
KUBE_VERSION := v1.34.2
ETCD_VERSION := v3.6.4
COREDNS_VERSION := v1.14.3
KUBE_VERSION_PKGS := k8s.io/component-base/version k8s.io/client-go/pkg/version
KUBE_LDFLAGS := -s -w $(foreach p,$(KUBE_VERSION_PKGS),-X $(p).gitVersion=$(KUBE_VERSION) \
  -X $(p).gitMajor=1 -X $(p).gitMinor=34 -X $(p).gitTreeState=clean)
KUBE_CMDS := kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl
CLUSTER_STATE := $(CURDIR)/.cluster
export CLUSTER_STATE

.PHONY: cluster-binaries cluster-packages cluster-up cluster-down cluster-clean cluster-kubeconfig

bin/.kube-$(KUBE_VERSION)-etcd-$(ETCD_VERSION): tools/kube/go.mod tools/kube/go.sum
	@echo "cluster: building Kubernetes $(KUBE_VERSION) and etcd $(ETCD_VERSION) into bin/ (go build, once; about 9 minutes cold)"
	@mkdir -p bin && cd tools/kube && CGO_ENABLED=0 go build -trimpath -ldflags '$(KUBE_LDFLAGS)' \
	  -o $(CURDIR)/bin/ $(addprefix k8s.io/kubernetes/cmd/,$(KUBE_CMDS)) ./cmd/etcd ./cmd/pause
	@touch $@

bin/.coredns-$(COREDNS_VERSION): tools/kube/coredns/go.mod tools/kube/coredns/go.sum
	@echo "cluster: building CoreDNS $(COREDNS_VERSION) (kube-dns plugins only) into bin/"
	@mkdir -p bin && cd tools/kube/coredns && CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o $(CURDIR)/bin/coredns .
	@touch $@

cluster-binaries: bin/.kube-$(KUBE_VERSION)-etcd-$(ETCD_VERSION) bin/.coredns-$(COREDNS_VERSION) ## Build Kubernetes, etcd and CoreDNS into ./bin (skipped when present)

cluster-packages: image-tools ## containerd, runc, CNI plugins, iptables, conntrack (apt-get when root and missing)
	@scripts/ensure-packages.sh cluster containerd ctr=containerd runc /usr/lib/cni/bridge=containernetworking-plugins \
	  iptables conntrack

cluster-up: cluster-binaries cluster-packages ## Start the single-node Kubernetes (state in .cluster/; a no-op when up)
	@scripts/cluster/up.sh

cluster-down: ## Stop the cluster cleanly (its processes by pid; mounts, bridge, iptables chains and sysctls restored)
	@scripts/cluster/down.sh

cluster-clean: cluster-down ## cluster-down, then delete .cluster/ (etcd data, certificates, images)
	@rm -rf $(CLUSTER_STATE)

cluster-kubeconfig: ## Print the cluster's kubeconfig path (export KUBECONFIG=$$(make -s cluster-kubeconfig))
	@echo $(CLUSTER_STATE)/kubeconfig

.PHONY: cluster-deploy cluster-demo cluster-test

# The shop on the cluster: images loaded, Istio CRDs, the manifests with the local profile.
cluster-deploy: cluster-up images build
	@scripts/cluster/deploy.sh

cluster-demo: cluster-deploy ## The shop on the local cluster, served at http://127.0.0.1:18080 (Ctrl-C stops the port-forward)
	@echo "cluster-demo: the shop is at http://127.0.0.1:18080 (port-forward to service/gateway; Ctrl-C stops it, make cluster-down stops the cluster)"
	@KUBECONFIG=$(CLUSTER_STATE)/kubeconfig kubectl -n shop port-forward --address 127.0.0.1 service/gateway 18080:80

# What it needs it brings up itself (cluster-up, base images, images, the deploy: each skipped
# or quick when up to date); the cluster stays up afterwards (make cluster-down stops it; .ci/run
# does), its state in .cluster/, so the next run is warm.
cluster-test: cluster-deploy browser ## Test the shop on the local cluster: sagas through the gateway Service, DNS discovery, UID and read-only rootfs, rolling restart, shopctl status, DISCOVERY=kubernetes, a Helm release in a second namespace, the storefront in Chromium
	@$(MAKE) -s bin/.helm-$(HELM_VERSION)
	@echo "cluster-test: jest e2e/cluster against the local cluster (namespace shop; the Helm release in shop-helm)"
	@start=$$SECONDS; KUBECONFIG=$(CLUSTER_STATE)/kubeconfig jest --ci --runInBand -c e2e/cluster/jest.config.js $(JEST_ARGS); \
	  echo "cluster-test: jest passed in $$((SECONDS - start)) s"
