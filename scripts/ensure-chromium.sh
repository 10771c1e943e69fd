#!/usr/bin/env bash
# Makes a Chromium available for the storefront's browser test (Debian's package; test tools
# may not download their own browsers here). Prints its path; idempotent and fast when present.
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "chromium: installing Debian's chromium package (once)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  echo /usr/bin/chromium
  exit 0
fi
echo "chromium: not found. Install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
