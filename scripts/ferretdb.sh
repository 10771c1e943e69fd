#!/usr/bin/env bash
# FerretDB 1.x (MongoDB wire protocol on PostgreSQL) on 127.0.0.1:27017, for testing the MongoDB
# adapter with the real `mongodb` npm driver.
#
#   scripts/ferretdb.sh          build once, ensure PostgreSQL + database `ferretdb`, start, wait
#   scripts/ferretdb.sh stop     stop the instance started from this clone
#
# Prints MONGO_URL=mongodb://127.0.0.1:27017/ at the end. Idempotent; only a ping when already up.
#
# Build: bin/ferretdb (gitignored) from the Go module at $FERRETDB_VERSION, needs Go >= 1.24.
# A plain `go install github.com/FerretDB/FerretDB/cmd/ferretdb@<version>` is NOT used: the module
# lacks the generated build/version/version.txt and such a binary panics at start-up. So the
# module source is fetched with `go mod download`, copied to a temp dir, version.txt is written,
# and `go build` runs there (about 1-2 minutes on 2 cores, once).
#
# Runtime files: .data/ferretdb/ (state dir, ferretdb.pid, ferretdb.log).
# PostgreSQL: DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432); FerretDB uses the
# database `ferretdb` on that server. Telemetry is disabled, the debug HTTP listener is off.
#
# Query pushdown (filters translated to SQL) is disabled by default: in 1.24 the pushed-down
# update/delete path silently matches NOTHING for dot-notation filters that traverse arrays
# (updateOne({'items.sku': 'b'}, ...) -> matchedCount 0, while find() with the same filter works).
# Without pushdown FerretDB filters in Go and matches like MongoDB; fine for test-sized data.
# FERRETDB_PUSHDOWN=1 keeps pushdown on.
set -euo pipefail

FERRETDB_VERSION=v1.24.2
FERRETDB_HOST=127.0.0.1
FERRETDB_PORT=27017
FERRETDB_WAIT_SECS=${FERRETDB_WAIT_SECS:-30}
FERRETDB_PUSHDOWN=${FERRETDB_PUSHDOWN:-0}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
BIN="$REPO_DIR/bin/ferretdb"
RUN_DIR="$REPO_DIR/.data/ferretdb"
PID_FILE="$RUN_DIR/ferretdb.pid"
LOG_FILE="$RUN_DIR/ferretdb.log"
MONGO_URL="mongodb://$FERRETDB_HOST:$FERRETDB_PORT/"

ADMIN_URL=${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432}
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE PGSERVICEFILE

log() { printf '%s\n' "$*"; }
die() { printf 'ferretdb.sh: ERROR: %s\n' "$*" >&2; exit 1; }

# OP_MSG {ping: 1, $db: "admin"} over /dev/tcp; succeeds if the reply has ok: 1.0. ~10 ms.
mongo_ping() {
  LC_ALL=C timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    # header: len 51, requestID 1, responseTo 0, opCode 2013 | flags 0 | kind 0 | BSON (30 bytes)
    env printf "\063\0\0\0\001\0\0\0\0\0\0\0\335\007\0\0\0\0\0\0\0\036\0\0\0\020ping\0\001\0\0\0\002\$db\0\006\0\0\0admin\0\0" >&3
    len=($(head -c 4 <&3 | od -An -v -tu1))
    [ ${#len[@]} -eq 4 ] || exit 1
    n=$(( len[0] | (len[1] << 8) | (len[2] << 16) | (len[3] << 24) ))
    (( n > 21 && n < 65536 )) || exit 1
    head -c $((n - 4)) <&3 | od -An -v -tx1 | tr -d " \n" | grep -q "016f6b00000000000000f03f"  # "ok": 1.0
  ' "$FERRETDB_HOST" "$FERRETDB_PORT" 2>/dev/null
}

pid_alive() { # our ferretdb process from the pid file is alive
  local pid
  [[ -f $PID_FILE ]] || return 1
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  local cmd
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) && [[ $cmd == "$BIN "* ]]
}

stop() {
  if ! pid_alive; then
    rm -f "$PID_FILE"
    log "ferretdb: not running (from this clone)"
    return 0
  fi
  local pid deadline
  pid=$(cat "$PID_FILE")
  log "ferretdb: stopping (pid $pid)…"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 15))
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then kill -KILL "$pid" 2>/dev/null || true; break; fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  log "ferretdb: stopped"
}

binary_ok() {
  local out # (no `| grep -q` under pipefail: an early-exiting grep makes the writer fail with SIGPIPE)
  [[ -x $BIN ]] && out=$("$BIN" --version 2>/dev/null) && grep -qx "version: $FERRETDB_VERSION" <<<"$out"
}

build() ( # subshell: the temp dir is removed on any exit
  local go
  go=$(command -v go || true)
  [[ -n $go ]] || { [[ -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go; }
  [[ -n $go ]] || die "Go is needed to build FerretDB $FERRETDB_VERSION (Go >= 1.24; Debian 12's golang package is too old): install it, then re-run"
  log "ferretdb: building FerretDB $FERRETDB_VERSION into bin/ (once; takes a minute or two)…"
  local dir tmp
  dir=$("$go" mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
        sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n $dir && -d $dir ]] || die "go mod download github.com/FerretDB/FerretDB@$FERRETDB_VERSION failed"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cp -r "$dir" "$tmp/src"
  chmod -R u+w "$tmp/src"
  printf '%s\n' "$FERRETDB_VERSION" >"$tmp/src/build/version/version.txt"
  printf 'shop-scripts\n' >"$tmp/src/build/version/package.txt"
  mkdir -p "$REPO_DIR/bin"
  (cd "$tmp/src" && GOFLAGS=-buildvcs=false "$go" build -trimpath -o "$BIN.tmp" ./cmd/ferretdb) \
    || die "building FerretDB failed"
  mv -f "$BIN.tmp" "$BIN"
  binary_ok || die "built $BIN, but it does not report version $FERRETDB_VERSION"
)

ferret_pg_url() { # ADMIN_URL with its database replaced by `ferretdb`
  local url=$ADMIN_URL query="" scheme rest
  [[ $url == *\?* ]] && query="?${url#*\?}"
  url=${url%%\?*}
  scheme=${url%%://*}; rest=${url#*://}
  printf '%s://%s/ferretdb%s\n' "$scheme" "${rest%%/*}" "$query"
}

psql_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x $d/psql ]] && { printf '%s\n' "$d/psql"; return 0; }
  done
  command -v psql || die "psql not found"
}

start() {
  if mongo_ping; then
    if pid_alive; then log "ferretdb: ready on $FERRETDB_HOST:$FERRETDB_PORT (already running, pid $(cat "$PID_FILE"))"
    else log "ferretdb: something MongoDB-compatible already serves $FERRETDB_HOST:$FERRETDB_PORT (not started from this clone); using it"; fi
    log "MONGO_URL=$MONGO_URL"
    return 0
  fi

  binary_ok || build
  "$SCRIPT_DIR/infra-up.sh" postgres
  local psql
  psql=$(psql_bin)
  if [[ -z $("$psql" "$ADMIN_URL" -wXAtqc "select 1 from pg_database where datname = 'ferretdb'") ]]; then
    log "ferretdb: creating PostgreSQL database ferretdb"
    "$psql" "$ADMIN_URL" -wXAtqc 'create database ferretdb' >/dev/null
  fi

  mkdir -p "$RUN_DIR"
  if ! pid_alive; then
    if (exec 3<>"/dev/tcp/$FERRETDB_HOST/$FERRETDB_PORT") 2>/dev/null; then
      die "$FERRETDB_HOST:$FERRETDB_PORT is taken by a process that does not answer a MongoDB ping"
    fi
    log "ferretdb: starting on $FERRETDB_HOST:$FERRETDB_PORT (log $LOG_FILE)…"
    local extra=()
    [[ $FERRETDB_PUSHDOWN == 1 ]] || extra+=(--test-disable-pushdown)
    # setsid + nohup: detached from this shell, so it survives the calling job / CI step.
    nohup setsid "$BIN" \
      --listen-addr="$FERRETDB_HOST:$FERRETDB_PORT" \
      --postgresql-url="$(ferret_pg_url)" \
      --state-dir="$RUN_DIR" \
      --telemetry=disable \
      --debug-addr=- \
      --log-level=info \
      "${extra[@]}" \
      >>"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
  else
    log "ferretdb: process running (pid $(cat "$PID_FILE")), waiting for it…"
  fi

  local start=$SECONDS next=5
  until mongo_ping; do
    if ! pid_alive; then
      tail -n 20 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "ferretdb exited during start-up (log: $LOG_FILE)"
    fi
    if (( SECONDS - start >= FERRETDB_WAIT_SECS )); then
      tail -n 20 "$LOG_FILE" >&2 || true
      die "ferretdb did not answer on $FERRETDB_HOST:$FERRETDB_PORT within ${FERRETDB_WAIT_SECS}s (log: $LOG_FILE)"
    fi
    if (( SECONDS - start >= next )); then log "ferretdb: still waiting ($((SECONDS - start))s)…"; next=$((next + 5)); fi
    sleep 0.2
  done
  log "ferretdb: ready on $FERRETDB_HOST:$FERRETDB_PORT (FerretDB $FERRETDB_VERSION, pid $(cat "$PID_FILE"))"
  log "MONGO_URL=$MONGO_URL"
}

case ${1:-start} in
  start) start ;;
  stop) stop ;;
  -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' ;;
  *) die "usage: $0 [start|stop]" ;;
esac
