# The shop's Grafana dashboards and Prometheus alert rules (observability/). See docs/observability.md.

# promtool checks and unit-tests the alert rules: the Go module at this version, built once into ./bin
# (scripts/build-go-tool.sh).
PROMTOOL_VERSION := v0.316.0

.PHONY: promtool observability alerts-test

bin/.promtool-$(PROMTOOL_VERSION):
	@scripts/build-go-tool.sh promtool github.com/prometheus/prometheus $(PROMTOOL_VERSION) ./cmd/promtool

promtool: bin/.promtool-$(PROMTOOL_VERSION) ## Build the pinned promtool into ./bin (skipped when present)

# `make test` runs observability/test, which calls promtool check rules and promtool test rules.
test: promtool

observability: build ## Write the alert rules file and the patches for Istio's Grafana and Prometheus into observability/out/
	@node observability/dist/main.js observability/out

alerts-test: build promtool ## promtool check rules and promtool test rules on the shop's alert rules
	@jest --ci observability/test/alert-rules.test.ts
