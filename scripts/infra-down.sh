#!/usr/bin/env bash
# Stop what scripts/infra-up.sh started. Idempotent.
#
#   scripts/infra-down.sh [postgres] [rabbitmq]     (default: both)
#
#   * FerretDB (scripts/ferretdb.sh), if it runs from this clone: it sits on top of PostgreSQL.
#   * PostgreSQL: this clone's project cluster (<repo>/.data/postgres or /var/tmp/shop-postgres-<hash>).
#     A server started by someone else (system cluster, another clone) is left alone.
#   * RabbitMQ: the system broker, but only if infra-up.sh started it (marker file in .data/).
#     Add --force to stop a local broker that infra-up.sh did not start.
#   Data is kept; remove .data/ (and /var/tmp/shop-postgres-*) by hand for a clean slate.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Shared settings and helpers (sourcing runs nothing).
# shellcheck source=scripts/infra-up.sh
source "$SCRIPT_DIR/infra-up.sh"

pg_down() {
  if (( PG_EXTERNAL )); then log "postgres: DATABASE_ADMIN_URL points elsewhere; nothing to stop"; return 0; fi
  if [[ -x $SCRIPT_DIR/ferretdb.sh ]]; then "$SCRIPT_DIR/ferretdb.sh" stop; fi
  pg_locate
  if [[ ! -f $PGDATA_DIR/PG_VERSION ]]; then log "postgres: no project cluster in this clone; nothing to stop"; return 0; fi
  local have
  have=$(cat "$PGDATA_DIR/PG_VERSION")
  if [[ -x /usr/lib/postgresql/$have/bin/pg_ctl ]]; then PG_BINDIR=/usr/lib/postgresql/$have/bin; fi
  [[ -n $PG_BINDIR ]] || die "pg_ctl not found"
  if ! as_pg_user "$PG_BINDIR/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    log "postgres: not running (data $PGDATA_DIR)"
    return 0
  fi
  log "postgres: stopping (data $PGDATA_DIR)…"
  as_pg_user "$PG_BINDIR/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 -s stop
  log "postgres: stopped"
}

rabbit_down() {
  local force=$1
  if (( RABBIT_EXTERNAL )); then log "rabbitmq: AMQP_URL points elsewhere; nothing to stop"; return 0; fi
  if [[ ! -e $RABBIT_MARKER ]] && (( ! force )); then
    if pgrep -u rabbitmq beam.smp >/dev/null 2>&1; then
      log "rabbitmq: running, but not started by infra-up.sh; leaving it (use --force to stop it)"
    else
      log "rabbitmq: not running"
    fi
    return 0
  fi
  if ! pgrep -u rabbitmq beam.smp >/dev/null 2>&1; then
    log "rabbitmq: not running"
    rm -f "$RABBIT_MARKER"
    return 0
  fi
  is_root || die "only root can stop the system RabbitMQ broker (sudo rabbitmqctl shutdown)"
  log "rabbitmq: stopping…"
  # `shutdown` returns once the broker's OS process has exited.
  if ! timeout 120 rabbitmqctl -q shutdown >/dev/null 2>&1; then
    service rabbitmq-server stop >/dev/null 2>&1 || die "could not stop RabbitMQ (try: rabbitmqctl shutdown)"
  fi
  rm -f "$RABBIT_MARKER"
  log "rabbitmq: stopped"
}

down_main() {
  local want_pg=0 want_rabbit=0 force=0 arg
  for arg in "$@"; do
    case $arg in
      postgres|postgresql|pg) want_pg=1 ;;
      rabbitmq|rabbit|amqp) want_rabbit=1 ;;
      --force) force=1 ;;
      -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; return 0 ;;
      *) die "unknown argument '$arg' (expected: postgres, rabbitmq, --force)" ;;
    esac
  done
  if (( ! want_pg && ! want_rabbit )); then want_pg=1; want_rabbit=1; fi
  if (( want_pg )); then pg_down; fi
  if (( want_rabbit )); then rabbit_down "$force"; fi
}

down_main "$@"
