#!/usr/bin/env bash
# Builds bin/NAME from the Go module MODULE at VERSION (its package PACKAGE), once: skipped while
# the stamp bin/.NAME-VERSION exists (make mailpit, jaeger, promtool, mongo-up, images).
#   usage: build-go-tool.sh NAME MODULE VERSION PACKAGE [LDFLAGS]
# Not `go install MODULE@VERSION`: it refuses Jaeger (its go.mod has a replace directive), and
# FerretDB and Mailpit need files written into their source first. So the module is fetched
# with `go mod download`, copied to a temp dir, scripts/go-tools/NAME.sh (when there) prepares
# the copy, and `go build` runs in it. Minutes on 2 cores; Go's build cache keeps it once.
set -euo pipefail
name=$1 module=$2 version=$3 package=$4 ldflags=${5:-}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stamp="$root/bin/.$name-$version"
[ -e "$stamp" ] && [ -x "$root/bin/$name" ] && exit 0
go=$(command -v go || echo /usr/local/go/bin/go)
[ -x "$go" ] || { echo "$name: Go is needed to build $name $version; install it and retry" >&2; exit 1; }
echo "$name: building $module@$version into bin/ (once; a few minutes)"
dir=$("$go" mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "$name: go mod download $module@$version failed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$dir" "$tmp/src" && chmod -R u+w "$tmp/src"
prepare="$root/scripts/go-tools/$name.sh"
if [ -f "$prepare" ]; then (cd "$tmp/src" && bash "$prepare" "$version"); fi
mkdir -p "$root/bin"
(cd "$tmp/src" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOWORK=off "$go" build -trimpath \
  -ldflags "-s -w $ldflags" -o "$root/bin/$name.tmp" "$package")
mv -f "$root/bin/$name.tmp" "$root/bin/$name"
touch "$stamp"
