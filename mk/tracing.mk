# Tracing: Jaeger v2 for the local demo and the tracing end-to-end test (issue 13). docs/observability.md.

# The Go module github.com/jaegertracing/jaeger at this version (Jaeger v2's cmd/jaeger), built
# into ./bin once (scripts/build-go-tool.sh); the stamp names the version.
JAEGER_VERSION := v1.76.0

.PHONY: jaeger

bin/.jaeger-$(JAEGER_VERSION):
	@scripts/build-go-tool.sh jaeger github.com/jaegertracing/jaeger $(JAEGER_VERSION) ./cmd/jaeger \
	  '-X github.com/jaegertracing/jaeger/internal/version.latestVersion=$(JAEGER_VERSION)'

jaeger: bin/.jaeger-$(JAEGER_VERSION) ## Build the pinned Jaeger v2 into ./bin (skipped when present)

# The tracing end-to-end test runs a real Jaeger.
test: jaeger

# make demo TRACING=on also runs Jaeger (tools/shopctl/src/runner/jaeger.ts).
demo: $(if $(filter on,$(TRACING)),jaeger)
