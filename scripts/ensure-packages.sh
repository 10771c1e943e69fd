#!/usr/bin/env bash
# Debian packages a make target needs, installed with apt-get when run as root and missing;
# otherwise says what to install.
#   ensure-packages.sh LABEL NEED...   NEED: a command (its package has its name), or
#                                      COMMAND_OR_PATH=PACKAGE
set -euo pipefail
label="$1"
shift
missing=()
for need in "$@"; do
  what="${need%%=*}" package="${need#*=}"
  if [[ "$what" == /* ]]; then [[ -x "$what" ]] && continue; else command -v "$what" >/dev/null && continue; fi
  missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "$label: missing ${missing[*]}: install them (apt-get install ${missing[*]}) and re-run" >&2
  exit 1
fi
echo "$label: installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
  { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
