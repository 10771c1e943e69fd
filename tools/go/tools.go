//go:build tools

// Package tools pins the Go command-line tools that `make tools` builds into ./bin.
// istioctl comes from istio.io/istio at a release-1.30 commit (the Istio version of the
// vendored CRDs); istio publishes no semver module versions, only pseudo-versions.
package tools

import (
	_ "istio.io/istio/istioctl/cmd/istioctl"
)
