#!/usr/bin/env bash
# Builds bin/ferretdb at FerretDB $1 (make mongo-up; skipped when bin/ferretdb reports it).
# A plain `go install github.com/FerretDB/FerretDB/cmd/ferretdb@<version>` is NOT used: the
# module lacks the generated build/version/version.txt, and such a binary panics at start-up.
# So the module source is fetched with `go mod download`, copied to a temp dir, version.txt is
# written, and `go build` runs there (a minute or two on 2 cores, once). Needs Go >= 1.24.
set -euo pipefail
version=$1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/bin/ferretdb"
# (no `| grep -q` under pipefail: an early-exiting grep makes the writer fail with SIGPIPE)
if [ -x "$bin" ] && out=$("$bin" --version 2>/dev/null) && grep -qx "version: $version" <<<"$out"; then exit 0; fi
go=$(command -v go || echo /usr/local/go/bin/go)
[ -x "$go" ] || { echo "ferretdb: Go >= 1.24 is needed to build FerretDB $version; install it and retry" >&2; exit 1; }
echo "ferretdb: building FerretDB $version into bin/ (once; a minute or two)"
dir=$("$go" mod download -json "github.com/FerretDB/FerretDB@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "ferretdb: go mod download github.com/FerretDB/FerretDB@$version failed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$dir" "$tmp/src" && chmod -R u+w "$tmp/src"
printf '%s\n' "$version" >"$tmp/src/build/version/version.txt"
printf 'shop-scripts\n' >"$tmp/src/build/version/package.txt"
mkdir -p "$root/bin"
(cd "$tmp/src" && GOFLAGS=-buildvcs=false "$go" build -trimpath -o "$bin.tmp" ./cmd/ferretdb)
mv -f "$bin.tmp" "$bin"
