#!/usr/bin/env bash
# Builds bin/mailpit at Mailpit $1 with its web UI (make mailpit; skipped when built).
# The Go module (github.com/axllent/mailpit, through the Go proxy) carries the UI's source but
# not its bundle, so a plain `go install` serves an empty page. As Mailpit's own Dockerfile
# does, the UI is bundled first (npm + esbuild from the npm registry, in a temp copy of the
# module), then `go build` embeds it. The registry does not serve two of the lock's versions,
# so the lock is dropped and those two are held at releases it has: sass-embedded (styles,
# build time only) and rapidoc (the API docs page). Once; a few minutes on 2 cores.
set -euo pipefail
version=$1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
go=$(command -v go || echo /usr/local/go/bin/go)
[ -x "$go" ] || { echo "mailpit: Go is needed to build Mailpit $version; install it and retry" >&2; exit 1; }
echo "mailpit: building Mailpit $version with its web UI into bin/ (once; a few minutes)"
dir=$("$go" mod download -json "github.com/axllent/mailpit@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "mailpit: go mod download github.com/axllent/mailpit@$version failed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$dir" "$tmp/src" && chmod -R u+w "$tmp/src" && cd "$tmp/src"
rm -f package-lock.json
npm pkg set overrides.sass-embedded=1.100.0 overrides.rapidoc=9.3.8 dependencies.rapidoc=9.3.8
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
MINIFY=true node esbuild.config.mjs >/dev/null 2>&1
[ -s server/ui/dist/app.js ] || { echo "mailpit: bundling the web UI failed" >&2; exit 1; }
mkdir -p "$root/bin"
CGO_ENABLED=0 GOFLAGS=-buildvcs=false "$go" build -trimpath \
  -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=$version" -o "$root/bin/mailpit.tmp" .
mv -f "$root/bin/mailpit.tmp" "$root/bin/mailpit"
