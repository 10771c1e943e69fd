# Kubernetes and Istio delivery: tools, synth, charts, mesh, dev loop. See docs/kubernetes.md.

# Pinned tool versions. Tools are built with `go install`/`go build` into ./bin once and reused;
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
	@echo "tools: building helm $(HELM_VERSION) (go install, once)"
	@mkdir -p bin && GOBIN=$(CURDIR)/bin go install -trimpath -ldflags '-s -w' helm.sh/helm/v3/cmd/helm@$(HELM_VERSION)
	@touch $@

bin/.istioctl-$(ISTIOCTL_COMMIT): tools/go/go.mod tools/go/go.sum
	@echo "tools: building istioctl at istio commit $(ISTIOCTL_COMMIT) (go build in tools/go, once)"
	@mkdir -p bin && cd tools/go && go build -trimpath -ldflags '$(ISTIOCTL_LDFLAGS)' -o $(CURDIR)/bin/istioctl istio.io/istio/istioctl/cmd/istioctl
	@touch $@

tools: bin/.helm-$(HELM_VERSION) bin/.istioctl-$(ISTIOCTL_COMMIT) ## Build the pinned helm and istioctl into ./bin (skipped when present)

.PHONY: synth
synth: build ## Synthesize every Kubernetes and Istio object into dist/ (cdk8s; SHOP_CANARY, SHOP_FAULT_* vary it)
	@rm -rf dist && node cdk8s/dist/cdk8s/src/main.js dist
	@echo "synth: $$(ls dist | wc -l) files in dist/"

# `make test` also needs the pinned tools (helm, istioctl) for the manifest tests.
test: tools
