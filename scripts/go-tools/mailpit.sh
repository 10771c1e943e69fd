# Prepares Mailpit's module source for scripts/build-go-tool.sh: the module carries the web UI's
# source but not its bundle, so a plain build serves an empty page. As Mailpit's own Dockerfile
# does, the UI is bundled first (npm + esbuild from the npm registry), then `go build` embeds
# it. The registry does not serve two of the lock's versions, so the lock is dropped and those
# two are held at releases it has: sass-embedded (styles, build time only) and rapidoc (the API
# docs page).
set -euo pipefail
rm -f package-lock.json
npm pkg set overrides.sass-embedded=1.100.0 overrides.rapidoc=9.3.8 dependencies.rapidoc=9.3.8
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
MINIFY=true node esbuild.config.mjs >/dev/null 2>&1
[ -s server/ui/dist/app.js ] || { echo "mailpit: bundling the web UI failed" >&2; exit 1; }
