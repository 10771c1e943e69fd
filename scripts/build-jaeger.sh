#!/usr/bin/env bash
# Builds bin/jaeger at Jaeger $1 (v2, the OpenTelemetry-Collector-based binary; make jaeger).
# `go install module@version` refuses Jaeger's module (its go.mod has a replace directive), so the
# module is downloaded through the Go proxy and built in place. Once; several minutes on 2 cores.
set -euo pipefail
version=$1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
go=$(command -v go || echo /usr/local/go/bin/go)
[ -x "$go" ] || { echo "jaeger: Go is needed to build Jaeger $version; install it and retry" >&2; exit 1; }
echo "jaeger: building Jaeger $version into bin/ (once; several minutes)"
dir=$("$go" mod download -json "github.com/jaegertracing/jaeger@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "jaeger: go mod download github.com/jaegertracing/jaeger@$version failed" >&2; exit 1; }
mkdir -p "$root/bin"
cd "$dir"
CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local "$go" build -trimpath \
  -ldflags "-s -w -X github.com/jaegertracing/jaeger/internal/version.latestVersion=$version" \
  -o "$root/bin/jaeger.tmp" ./cmd/jaeger
mv -f "$root/bin/jaeger.tmp" "$root/bin/jaeger"
