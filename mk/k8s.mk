# Kubernetes and Istio delivery: tools, synth, charts, mesh, dev loop. See docs/kubernetes.md.

# Pinned tool versions. Tools are built with scripts/build-go-tool.sh (istioctl: `go build` in
# tools/go) into ./bin once and reused;
# the stamp file names the version, so changing a pin rebuilds that tool.
HELM_VERSION := v3.22.0
# Control-plane images that `make mesh` installs; the CRDs in cdk8s/schemas/istio are this release.
ISTIO_VERSION := 1.30.3
# istioctl is built from tools/go (istio.io/istio has only pseudo-versions on the module proxy):
# a release-1.30 commit after 1.30.3, pinned in tools/go/go.mod.
ISTIOCTL_COMMIT := 9739e10eb9d7
ISTIOCTL_LDFLAGS := -s -w \
  -X istio.io/istio/pkg/version.buildVersion=1.30-dev \
  -X istio.io/istio/pkg/version.buildGitRevision=$(ISTIOCTL_COMMIT) \
  -X istio.io/istio/pkg/version.buildHub=docker.io/istio

.PHONY: tools

bin/.helm-$(HELM_VERSION):
	@scripts/build-go-tool.sh helm helm.sh/helm/v3 $(HELM_VERSION) ./cmd/helm

bin/.istioctl-$(ISTIOCTL_COMMIT): tools/go/go.mod tools/go/go.sum
	@echo "tools: building istioctl at istio commit $(ISTIOCTL_COMMIT) (go build in tools/go, once)"
	@mkdir -p bin && cd tools/go && go build -trimpath -ldflags '$(ISTIOCTL_LDFLAGS)' -o $(CURDIR)/bin/istioctl istio.io/istio/istioctl/cmd/istioctl
	@touch $@

tools: bin/.helm-$(HELM_VERSION) bin/.istioctl-$(ISTIOCTL_COMMIT) ## Build the pinned helm and istioctl into ./bin (skipped when present)

.PHONY: synth
synth: build ## Synthesize every Kubernetes and Istio object into dist/ (cdk8s; SHOP_CANARY, SHOP_FAULT_* vary it)
	@rm -rf dist && node cdk8s/dist/main.js dist
	@echo "synth: $$(ls dist | wc -l) files in dist/"

# `make test` also needs the pinned tools (helm, istioctl) for the manifest tests.
test: tools

.PHONY: charts
charts: build ## Regenerate charts/shop and skaffold.yaml's artifacts from the cdk8s app and topology (make test checks drift)
	@node cdk8s/dist/helm/main.js charts/shop skaffold.yaml
	@echo "charts: charts/shop and skaffold.yaml artifacts regenerated"

# The Istio addons (Prometheus, Grafana, Kiali, Jaeger) ship in the istio.io/istio module that
# tools/go pins, so they match the mesh version and need no download beyond the Go module proxy.
ISTIO_ADDONS = $(shell cd tools/go && go list -m -f '{{.Dir}}' istio.io/istio)/samples/addons
JWT_DEV_KEY := cdk8s/.dev/jwt-private-key.pem

.PHONY: mesh dashboards k8s-jwt-secret dev dev-canary dev-faults

mesh: tools ## Install Istio 1.30.3 into the current kube context with the shop's profile (mesh/istio-install.yaml)
	@istioctl install -y -f mesh/istio-install.yaml
	@kubectl -n istio-system rollout status deployment/istiod --timeout=300s
	@kubectl -n istio-system rollout status deployment/istio-ingressgateway --timeout=300s

# The shop's dashboards ConfigMap (dist/0004-observability.k8s.yaml) is mounted into the addon's
# Grafana and its alert rules become the addon Prometheus's `alerts` rule file (two patches).
dashboards: tools synth observability ## Install Prometheus, Grafana, Kiali and Jaeger matching the Istio version, with the shop's dashboards and alerts
	@kubectl apply -f $(ISTIO_ADDONS)/prometheus.yaml -f $(ISTIO_ADDONS)/grafana.yaml \
	  -f $(ISTIO_ADDONS)/jaeger.yaml -f $(ISTIO_ADDONS)/kiali.yaml
	@kubectl apply -f dist/0004-observability.k8s.yaml
	@kubectl -n istio-system patch deployment grafana --patch-file observability/out/grafana-deployment.patch.json
	@kubectl -n istio-system patch configmap prometheus --type merge --patch-file observability/out/prometheus-configmap.patch.json
	@kubectl -n istio-system rollout status deployment/grafana --timeout=300s
	@kubectl -n istio-system rollout status deployment/kiali --timeout=300s
	@echo "dashboards: open one with: istioctl dashboard kiali | grafana | jaeger | prometheus"

$(JWT_DEV_KEY):
	@mkdir -p $(dir $@) && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $@ 2>/dev/null
	@echo "k8s: generated a dev JWT signing key in $@ (gitignored)"

K8S_NAMESPACE ?= shop

k8s-jwt-secret: $(JWT_DEV_KEY) ## Create the user service's JWT signing key Secret from a generated dev key (K8S_NAMESPACE, default shop)
	@kubectl create namespace $(K8S_NAMESPACE) --dry-run=client -o yaml | kubectl apply -f - >/dev/null
	@kubectl -n $(K8S_NAMESPACE) create secret generic shop-jwt-signing-key \
	  --from-file=private-key.pem=$(JWT_DEV_KEY) --dry-run=client -o yaml | kubectl apply -f -

dev: ## Build, deploy and watch the shop on minikube (skaffold dev; needs `make mesh` once)
	@skaffold dev --port-forward

dev-canary: ## skaffold dev with a v2 canary of product taking 20% (SHOP_CANARY=service:weight to change)
	@SHOP_CANARY=$${SHOP_CANARY:-product:20} skaffold dev --port-forward -p canary

dev-faults: ## skaffold dev with Istio fault injection on product (SHOP_FAULT_DELAY / SHOP_FAULT_ABORT)
	@SHOP_FAULT_DELAY=$${SHOP_FAULT_DELAY:-product:50:2s} SHOP_FAULT_ABORT=$${SHOP_FAULT_ABORT:-product:10:503} \
	  skaffold dev --port-forward -p faults
