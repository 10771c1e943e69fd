# Prepares FerretDB's module source ($1: its version) for scripts/build-go-tool.sh: the module
# lacks the generated build/version/version.txt, and a binary built without it panics at start-up.
set -euo pipefail
printf '%s\n' "$1" >build/version/version.txt
printf 'shop-scripts\n' >build/version/package.txt
