#!/usr/bin/env bash
# The dependency images the dev manifests name (cdk8s/src/dependencies): pulled when a registry
# answers, else built here on the local Debian base from scripts/images/deps/ and tagged with the
# manifests' reference in the local store only (the version inside is said in a label).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${MAILPIT_VERSION:?}"

# dep REF NAME [BINARY|DIR]: pull REF or build it from deps/NAME.Containerfile (+ bin/BINARY, or
# the folder DIR as libs/).
dep() {
  local ref="docker.io/$1" name="$2" ctx
  has_image "$ref" && return 0
  pull_or_false "$ref" && { log "pulled $ref"; return 0; }
  ctx="$(mktemp -d)"
  cp "$(dirname "$0")/deps/$name"* "$ctx/"
  if [[ "${3:-}" == /* ]]; then cp -r "$3" "$ctx/libs"; elif [[ -n "${3:-}" ]]; then cp "$ROOT/bin/$3" "$ctx/$3"; fi
  podman build -q "${RUN_FLAGS[@]}" --label "shop.local-stand-in=$name" -f "$ctx/$name.Containerfile" \
    -t "$ref" "$ctx" >/dev/null || die "building the stand-in for $ref failed"
  rm -rf "$ctx"
  log "no registry: built $ref locally from scripts/images/deps/$name.Containerfile ($(size_mb "$ref") MB)"
}

# bin/mailpit and bin/ferretdb are the pinned builds (make mailpit ferretdb, scripts/build-go-tool.sh).
[[ -x "$ROOT/bin/mailpit" ]] || die "bin/mailpit is missing: run make mailpit"
[[ -x "$ROOT/bin/ferretdb" ]] || die "bin/ferretdb is missing: run make ferretdb"
dep library/postgres:17.6-alpine postgres
dep library/rabbitmq:4.1.3-management rabbitmq
dep library/mongo:8.0.12 mongo ferretdb
dep "axllent/mailpit:$MAILPIT_VERSION" mailpit mailpit
# Kafka's jars: the ones make kafka-up runs (tools/shopctl/src/kafka/pom.xml, fetched once).
kafka_lib=/nonexistent
has_image docker.io/apache/kafka:4.1.1 ||
  kafka_lib="$(node "$ROOT/tools/shopctl/dist/main.js" kafka jars)" || die "fetching Kafka's jars failed"
dep apache/kafka:4.1.1 kafka "$kafka_lib"
