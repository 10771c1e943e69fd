#!/usr/bin/env bash
# Make local PostgreSQL and RabbitMQ available for tests and the local demo.
#
#   scripts/infra-up.sh [postgres] [rabbitmq]     (default: both)
#
# Targets (what the tests and services expect):
#   PostgreSQL  postgres://postgres@127.0.0.1:5432      (user postgres, no password: trust auth)
#   RabbitMQ    amqp://guest:guest@127.0.0.1:5672       (RabbitMQ >= 3.9, for x-queue-type: stream)
#
# Overrides: if DATABASE_ADMIN_URL / AMQP_URL point somewhere else than those defaults, this
# script only waits for that server to accept connections and does nothing else.
#
# Behaviour:
#   * Fast path: when both already accept connections, it only checks (well under a second).
#   * PostgreSQL: a project-local cluster (initdb --auth=trust) in <repo>/.data/postgres, run as the
#     `postgres` OS user when we are root. The system cluster's config is never touched.
#     If the repo path is not traversable by the postgres user, the cluster lives in
#     /var/tmp/shop-postgres-<sha1(repo path)>/data instead (the script says so).
#     Any PostgreSQL already listening on 127.0.0.1:5432 that accepts a password-less `postgres`
#     login (e.g. the cluster of another clone) is simply used.
#   * RabbitMQ: the system broker (`rabbitmq-server -detached`), waited for with a real AMQP
#     handshake. When root and /etc/rabbitmq/rabbitmq.conf is absent, a small one is written.
#   * Missing packages are installed with apt-get when root on Debian/Ubuntu; otherwise the script
#     prints what to install (or which env vars to set) and exits non-zero.
#
# Tunables: INFRA_PG_WAIT_SECS (default 60), INFRA_RABBIT_WAIT_SECS (default 60).
# scripts/infra-down.sh stops what this script started.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
DATA_DIR="$REPO_DIR/.data"

DEFAULT_PG_URL="postgres://postgres@127.0.0.1:5432"
DEFAULT_AMQP_URL="amqp://guest:guest@127.0.0.1:5672"
PG_PORT=5432
RABBIT_PORT=5672
PG_WAIT_SECS=${INFRA_PG_WAIT_SECS:-60}
RABBIT_WAIT_SECS=${INFRA_RABBIT_WAIT_SECS:-60}
# Marker: infra-up.sh started the (system-wide) RabbitMQ broker, so infra-down.sh may stop it.
RABBIT_MARKER="$DATA_DIR/rabbitmq.started-by-infra-up"

# libpq environment must not redirect our checks somewhere else.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE PGSERVICEFILE

log() { printf '%s\n' "$*"; }
die() { printf '%s: ERROR: %s\n' "${0##*/}" "$*" >&2; exit 1; }
is_root() { [[ $(id -u) -eq 0 ]]; }

# ---------------------------------------------------------------- helpers

# url_hostport URL DEFAULT_PORT -> "host port" (good enough for the URLs used here; no IPv6 literals)
url_hostport() {
  local rest=${1#*://}
  rest=${rest%%[/?]*}
  rest=${rest##*@}
  if [[ $rest == *:* ]]; then printf '%s %s\n' "${rest%%:*}" "${rest##*:}"
  else printf '%s %s\n' "$rest" "$2"; fi
}

# redact URL: hide the password of a URL in messages
redact() { sed -E 's#^([a-z]+://[^:/@]+):[^@/]*@#\1:***@#' <<<"$1"; }

is_loopback() { [[ $1 == 127.0.0.1 || $1 == localhost ]]; }

# wait_for LABEL SECONDS CMD... : poll CMD every 0.5 s until it succeeds; progress line every 5 s.
wait_for() {
  local label=$1 secs=$2; shift 2
  local start=$SECONDS next=5
  until "$@"; do
    if (( SECONDS - start >= secs )); then return 1; fi
    if (( SECONDS - start >= next )); then
      log "$label: still waiting ($((SECONDS - start))s/${secs}s)…"
      next=$((next + 5))
    fi
    sleep 0.5
  done
}

APT_UPDATED=0
can_apt() { is_root && [[ -r /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; }
apt_install() {
  if (( ! APT_UPDATED )); then
    log "apt: apt-get update…"
    apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt: installing $*…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# ---------------------------------------------------------------- PostgreSQL

PG_URL=${DATABASE_ADMIN_URL:-$DEFAULT_PG_URL}
read -r PG_URL_HOST PG_URL_PORT < <(url_hostport "$PG_URL" 5432)
PG_EXTERNAL=0
if [[ -n ${DATABASE_ADMIN_URL:-} ]] && ! { is_loopback "$PG_URL_HOST" && [[ $PG_URL_PORT == "$PG_PORT" ]]; }; then
  PG_EXTERNAL=1
fi

# Newest server installation: Debian layout first, then whatever is on PATH.
pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x $d/initdb && -x $d/pg_ctl ]] && { printf '%s\n' "$d"; return 0; }
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
  fi
  return 1
}
PG_BINDIR=$(pg_bindir || true)

pg_client() { # $1 = psql | pg_isready; the real binary, not Debian's perl wrapper (faster)
  if [[ -n $PG_BINDIR && -x $PG_BINDIR/$1 ]]; then printf '%s\n' "$PG_BINDIR/$1"
  else command -v "$1" 2>/dev/null || true; fi
}
PSQL=$(pg_client psql)
PG_ISREADY=$(pg_client pg_isready)

pg_ok() {
  [[ -n $PSQL ]] && PGCONNECT_TIMEOUT=3 "$PSQL" "$PG_URL" -wXAtqc 'select 1' >/dev/null 2>&1
}

# pg_state: 0 accepting, 1 rejecting (starting/stopping), 2 no response, 3 no client
pg_state() {
  [[ -n $PG_ISREADY ]] || return 3
  local rc=0
  "$PG_ISREADY" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 || rc=$?
  return "$rc"
}
pg_not_starting() { local rc=0; pg_state || rc=$?; [[ $rc -ne 1 ]]; }

pg_alt_dir() { printf '/var/tmp/shop-postgres-%s\n' "$(printf '%s' "$REPO_DIR" | sha1sum | cut -c1-12)"; }

# pg_locate: where this clone's cluster lives (no side effects; infra-down.sh uses it too).
# Default <repo>/.data/postgres; /var/tmp/shop-postgres-<hash>/data when the repo path is not
# traversable by the postgres OS user (decided once, at creation, by pg_prepare_location).
pg_locate() {
  PG_OS_USER=""
  if is_root; then PG_OS_USER=postgres; fi
  PGDATA_DIR="$DATA_DIR/postgres"
  PG_LOG="$DATA_DIR/postgres.log"
  local alt
  alt=$(pg_alt_dir)
  if [[ ! -f $PGDATA_DIR/PG_VERSION && -f $alt/data/PG_VERSION ]]; then
    PGDATA_DIR="$alt/data"; PG_LOG="$alt/postgres.log"
  fi
}

pg_prepare_location() {
  mkdir -p "$DATA_DIR"
  [[ -n $PG_OS_USER && ! -f $PGDATA_DIR/PG_VERSION ]] || return 0
  chmod o+x "$DATA_DIR" 2>/dev/null || true
  if ! runuser -u "$PG_OS_USER" -- test -x "$DATA_DIR" 2>/dev/null; then
    # The repo lives below a directory the postgres user cannot traverse (e.g. /root/...):
    # keep this clone's cluster outside the repo, in a per-clone directory.
    local alt
    alt=$(pg_alt_dir)
    PGDATA_DIR="$alt/data"; PG_LOG="$alt/postgres.log"
    install -d -o "$PG_OS_USER" -g "$PG_OS_USER" -m 700 "$alt"
    log "postgres: $REPO_DIR is not traversable by the postgres user; the cluster goes to $alt"
  fi
}

as_pg_user() {
  if [[ -z $PG_OS_USER ]]; then "$@"; return; fi
  if command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd / && su "$PG_OS_USER" -s /bin/sh -c "$(printf '%q ' "$@")")
  fi
}

pg_explain_auth_failure() {
  local msg
  msg=$(PGCONNECT_TIMEOUT=3 "$PSQL" "$PG_URL" -wXAtqc 'select 1' 2>&1 >/dev/null || true)
  printf '%s: ERROR: a PostgreSQL server listens on 127.0.0.1:%s but "%s" cannot log in:\n  %s\n' \
    "${0##*/}" "$PG_PORT" "$(redact "$PG_URL")" "$msg" >&2
  if command -v pg_lsclusters >/dev/null 2>&1; then
    local line
    line=$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PG_PORT" '$3 == p && $4 ~ /online/ {print $1" "$2}' | head -n1)
    if [[ -n $line ]]; then
      printf '  It is the system cluster %s (pg_ctlcluster), which does not trust password-less logins.\n' "${line/ //}" >&2
      printf '  Either stop it so the project cluster can use the port:  pg_ctlcluster %s stop\n' "$line" >&2
      printf '  or point the project at it with a password:  export DATABASE_ADMIN_URL=postgres://USER:PASSWORD@127.0.0.1:%s\n' "$PG_PORT" >&2
    fi
  fi
  exit 1
}

pg_initdb() {
  log "postgres: creating project cluster in $PGDATA_DIR…"
  if [[ -n $PG_OS_USER ]]; then
    install -d -o "$PG_OS_USER" -g "$PG_OS_USER" -m 700 "$PGDATA_DIR"
  else
    mkdir -p "$PGDATA_DIR" && chmod 700 "$PGDATA_DIR"
  fi
  local out
  if ! out=$(as_pg_user "$PG_BINDIR/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 2>&1); then
    printf '%s\n' "$out" >&2
    die "initdb failed"
  fi
  local sockdir=/var/run/postgresql
  [[ -n $PG_OS_USER ]] || sockdir=/tmp
  cat >>"$PGDATA_DIR/postgresql.conf" <<EOF

# ---- Shop dev settings (scripts/infra-up.sh) ----
# Loopback only, password-less (trust) logins: a local development/test database.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sockdir'
# Many services + parallel test suites on a 2-core box: plenty of connections, modest memory.
max_connections = 300
shared_buffers = 256MB
# Durability stays on.
fsync = on
synchronous_commit = on
EOF
}

pg_start_local() {
  [[ -n $PG_BINDIR ]] || die "PostgreSQL server binaries (initdb, pg_ctl) not found"
  pg_locate
  pg_prepare_location
  if [[ -n $PG_OS_USER ]] && ! id "$PG_OS_USER" >/dev/null 2>&1; then
    die "OS user '$PG_OS_USER' does not exist (install the postgresql package, or create the user)"
  fi
  [[ -f $PGDATA_DIR/PG_VERSION ]] || pg_initdb
  local have want
  have=$(cat "$PGDATA_DIR/PG_VERSION")
  # Several majors installed side by side (Debian): use the one that created the cluster.
  if [[ -x /usr/lib/postgresql/$have/bin/pg_ctl ]]; then PG_BINDIR=/usr/lib/postgresql/$have/bin; fi
  want=$("$PG_BINDIR/pg_ctl" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')
  [[ $have == "$want" ]] || die "$PGDATA_DIR was created by PostgreSQL $have but the binaries are $want; remove it (scripts/infra-down.sh, then rm -rf it) to recreate"
  if [[ -n $PG_OS_USER ]]; then
    # Debian builds put the socket in /var/run/postgresql, which is on tmpfs (gone after reboot).
    [[ -d /var/run/postgresql ]] || install -d -o "$PG_OS_USER" -g "$PG_OS_USER" -m 2775 /var/run/postgresql
    touch "$PG_LOG" && chown "$PG_OS_USER" "$PG_LOG"
  fi
  log "postgres: starting (data $PGDATA_DIR, log $PG_LOG)…"
  if ! as_pg_user "$PG_BINDIR/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t "$PG_WAIT_SECS" -s start; then
    tail -n 20 "$PG_LOG" >&2 || true
    die "postgres did not start (see $PG_LOG)"
  fi
}

# Installs PostgreSQL if it is missing (root + apt), otherwise explains. Stops the system cluster
# that Debian's postinst may have auto-started on 5432, since the project runs its own cluster.
pg_ensure_installed() {
  [[ -n $PG_BINDIR ]] && return 0
  if ! can_apt; then
    die "PostgreSQL is not installed. Install it (Debian/Ubuntu: sudo apt-get install postgresql; it needs initdb and pg_ctl), or start your own server and export DATABASE_ADMIN_URL=postgres://USER:PASSWORD@HOST:PORT"
  fi
  apt_install postgresql
  PG_BINDIR=$(pg_bindir || true)
  [[ -n $PG_BINDIR ]] || die "postgresql installed but initdb/pg_ctl not found"
  PSQL=$(pg_client psql); PG_ISREADY=$(pg_client pg_isready)
  if command -v pg_lsclusters >/dev/null 2>&1; then
    local ver name
    while read -r ver name; do
      log "postgres: stopping system cluster $ver/$name that the package auto-started (the project uses its own cluster)"
      pg_ctlcluster "$ver" "$name" stop || true
    done < <(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PG_PORT" '$3 == p && $4 ~ /online/ {print $1, $2}')
  fi
}

pg_up() {
  if (( PG_EXTERNAL )); then
    [[ -n $PSQL ]] || die "psql not found: install the PostgreSQL client (apt-get install postgresql-client) to check DATABASE_ADMIN_URL"
    pg_ok && { log "postgres: ready at DATABASE_ADMIN_URL ($PG_URL_HOST:$PG_URL_PORT), nothing to start"; return 0; }
    log "postgres: DATABASE_ADMIN_URL is set ($PG_URL_HOST:$PG_URL_PORT); waiting for it (nothing will be started)…"
    wait_for postgres "$PG_WAIT_SECS" pg_ok || die "DATABASE_ADMIN_URL ($PG_URL_HOST:$PG_URL_PORT) did not accept connections within ${PG_WAIT_SECS}s"
    log "postgres: ready at DATABASE_ADMIN_URL ($PG_URL_HOST:$PG_URL_PORT)"
    return 0
  fi

  pg_ensure_installed
  local rc=0
  pg_state || rc=$?
  if (( rc == 1 )); then
    log "postgres: a server on 127.0.0.1:$PG_PORT is starting or stopping; waiting…"
    wait_for postgres "$PG_WAIT_SECS" pg_not_starting || die "postgres on 127.0.0.1:$PG_PORT stayed in startup/shutdown for ${PG_WAIT_SECS}s"
    rc=0; pg_state || rc=$?
  fi
  if (( rc == 0 )); then
    pg_ok || pg_explain_auth_failure
    log "postgres: ready on 127.0.0.1:$PG_PORT (server was already running)"
    return 0
  fi
  pg_start_local
  pg_ok || pg_explain_auth_failure
  log "postgres: ready on 127.0.0.1:$PG_PORT (data $PGDATA_DIR)"
}

# ---------------------------------------------------------------- RabbitMQ

AMQP_TARGET=${AMQP_URL:-$DEFAULT_AMQP_URL}
read -r RABBIT_HOST RABBIT_URL_PORT < <(url_hostport "$AMQP_TARGET" 5672)
RABBIT_EXTERNAL=0
if [[ -n ${AMQP_URL:-} ]] && ! { is_loopback "$RABBIT_HOST" && [[ $RABBIT_URL_PORT == "$RABBIT_PORT" ]]; }; then
  RABBIT_EXTERNAL=1
fi
[[ $RABBIT_HOST == localhost ]] && RABBIT_HOST=127.0.0.1
RABBIT_VERSION=""

# AMQP 0-9-1 client handshake in plain bash (+ coreutils): protocol header, Start-Ok (PLAIN login),
# Tune-Ok, Open(vhost), then a clean Close. Proves that the broker accepts AMQP connections and
# logins for the target credentials, without warnings in the broker log, in ~50 ms.
# Args: host port user password vhost. Prints "ok <server version>"; exit 2 + "refused <code> <text>"
# if the broker rejects the login or vhost; exit 1 if nothing (or no AMQP broker) answers.
AMQP_PROBE_SCRIPT=$(cat <<'PROBE'
host=$1 port=$2 user=$3 pass=$4 vhost=$5
exec 3<>"/dev/tcp/$host/$port" || exit 1
oct() { local b; for b in "$@"; do printf '\\%03o' "$b"; done; }
u16() { echo $(($1 >> 8 & 255)) $(($1 & 255)); }
u32() { echo $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) $(($1 >> 8 & 255)) $(($1 & 255)); }
str() { local s=$1 i; for ((i = 0; i < ${#s}; i++)); do printf '%d ' "'${s:i:1}"; done; }
shortstr() { echo "${#1}" $(str "$1"); }
frame() { # class method payload-bytes... -> escaped method frame on channel 0
  local p=($(u16 "$1") $(u16 "$2") "${@:3}")
  oct 1 0 0 $(u32 ${#p[@]}) "${p[@]}" 206
}
# One write(2) per call, via coreutils printf: bash's builtin splits its output after each 0x0A
# byte, and two small segments in a row stall 40 ms on Nagle + delayed ACK.
send() { env printf "$*" >&3; }
read_method() { # sets M ("class method") and A (argument bytes)
  local h n f
  h=($(head -c 7 <&3 | od -An -v -tu1))
  [ ${#h[@]} -eq 7 ] && [ "${h[0]}" -eq 1 ] || exit 1
  n=$(( (h[3] << 24) | (h[4] << 16) | (h[5] << 8) | h[6] ))
  f=($(head -c $((n + 1)) <&3 | od -An -v -tu1))
  [ ${#f[@]} -eq $((n + 1)) ] && [ "${f[n]}" -eq 206 ] || exit 1
  M="$(( (f[0] << 8) | f[1] )) $(( (f[2] << 8) | f[3] ))"
  A=("${f[@]:4:n-4}")
}
refused() { # A = Connection.Close arguments: reply-code, reply-text
  local code=$(( (A[0] << 8) | A[1] )) text
  text=$(printf "$(oct "${A[@]:3:A[2]}")")
  echo "refused $code $text"; exit 2
}
printf 'AMQP\000\000\011\001' >&3
read_method; [ "$M" = "10 10" ] || exit 1                          # Connection.Start
version=$(printf '%s\n' "${A[@]}" | awk '{ printf ($1 >= 32 && $1 < 127) ? sprintf("%c", $1) : "\n" }' |
  awk '/^versionS$/ { getline; while ($0 == "") getline; print; exit }')
caps=($(shortstr authentication_failure_close) 116 1)                # ask for Close on bad login
props=($(shortstr capabilities) 70 $(u32 ${#caps[@]}) "${caps[@]}")
send "$(frame 10 11 $(u32 ${#props[@]}) "${props[@]}" $(shortstr PLAIN) \
  $(u32 $((${#user} + ${#pass} + 2))) 0 $(str "$user") 0 $(str "$pass") $(shortstr en_US))"
read_method                                                          # Connection.Tune
[ "$M" = "10 50" ] && refused
[ "$M" = "10 30" ] || exit 1
send "$(frame 10 31 "${A[@]:0:6}" 0 0)$(frame 10 40 $(shortstr "$vhost") 0 0)"  # Tune-Ok (no heartbeats) + Open
read_method
[ "$M" = "10 50" ] && refused
[ "$M" = "10 41" ] || exit 1                                         # Open-Ok
send "$(frame 10 50 $(u16 200) 0 0 0 0 0)"                          # Connection.Close
read_method; [ "$M" = "10 51" ] || exit 1                            # Close-Ok
echo "ok $version"
PROBE
)

urldecode() { local s=${1//+/ }; printf '%b' "${s//%/\\x}"; }

# amqp_probe: handshake with the target; sets RABBIT_VERSION. Dies if the broker refuses the login.
amqp_probe() {
  local rest userinfo user=guest pass=guest vhost=/ out rc=0
  rest=${AMQP_TARGET#*://}
  if [[ $rest == */* ]]; then
    vhost=${rest#*/}; vhost=${vhost%%\?*}
    vhost=$(urldecode "$vhost"); [[ -n $vhost ]] || vhost=/
  fi
  rest=${rest%%[/?]*}
  if [[ $rest == *@* ]]; then
    userinfo=${rest%@*}
    user=$(urldecode "${userinfo%%:*}")
    [[ $userinfo == *:* ]] && pass=$(urldecode "${userinfo#*:}") || pass=""
  fi
  out=$(LC_ALL=C timeout 5 bash -c "$AMQP_PROBE_SCRIPT" amqp-probe \
        "$RABBIT_HOST" "$RABBIT_URL_PORT" "$user" "$pass" "$vhost" 2>/dev/null) || rc=$?
  if (( rc == 2 )); then
    die "RabbitMQ on $RABBIT_HOST:$RABBIT_URL_PORT refused user '$user' / vhost '$vhost': ${out#refused }"
  fi
  (( rc == 0 )) && [[ $out == ok* ]] || return 1
  RABBIT_VERSION=${out#ok }
  RABBIT_VERSION=${RABBIT_VERSION# }
}

rabbit_check_version() {
  local v=${RABBIT_VERSION:-unknown} major minor
  if [[ $v =~ ^([0-9]+)\.([0-9]+) ]]; then
    major=${BASH_REMATCH[1]}; minor=${BASH_REMATCH[2]}
    if (( major < 3 || (major == 3 && minor < 9) )); then
      die "RabbitMQ $v is too old: stream queues (x-queue-type: stream) need RabbitMQ >= 3.9"
    fi
  else
    log "rabbitmq: WARNING: could not read the broker version (stream queues need RabbitMQ >= 3.9)"
  fi
}

rabbit_ctl() { # rabbitmqctl/rabbitmq-diagnostics, quiet; only meaningful for the local broker
  local tool=$1; shift
  command -v "$tool" >/dev/null 2>&1 || return 127
  timeout 60 "$tool" -q "$@"
}

rabbit_write_conf() {
  is_root || return 0
  local conf=/etc/rabbitmq/rabbitmq.conf
  [[ -e $conf ]] && return 0
  mkdir -p /etc/rabbitmq
  cat >"$conf" <<'EOF'
# Written by the Shop project's scripts/infra-up.sh because no rabbitmq.conf existed
# (delete it to return to the packaged defaults). Development/CI box settings:
# Explicit free-disk threshold for the disk alarm (a raised alarm blocks all publishers).
# 200MB keeps a safety margin yet is far below what a dev/CI disk has free.
disk_free_limit.absolute = 200MB
# Memory alarm at 40% of RAM (the packaged default, spelled out).
vm_memory_high_watermark.relative = 0.4
EOF
  log "rabbitmq: wrote $conf (disk_free_limit.absolute = 200MB, vm_memory_high_watermark.relative = 0.4)"
}

RABBIT_STARTED=0
rabbit_ensure_installed() {
  command -v rabbitmq-server >/dev/null 2>&1 && return 0
  if ! can_apt; then
    die "RabbitMQ is not installed. Install it (Debian/Ubuntu: sudo apt-get install rabbitmq-server; version >= 3.9), or export AMQP_URL=amqp://USER:PASSWORD@HOST:5672 for an existing broker"
  fi
  rabbit_write_conf
  apt_install rabbitmq-server
  command -v rabbitmq-server >/dev/null 2>&1 || die "rabbitmq-server installed but not found on PATH"
  # The package's postinst may already have started the broker: that counts as started by us.
  RABBIT_STARTED=1
}

# Kicks off the local broker without waiting (pg is brought up meanwhile); rabbit_wait finishes.
rabbit_start_bg() {
  if (( RABBIT_EXTERNAL )); then return 0; fi
  amqp_probe && return 0
  rabbit_ensure_installed
  amqp_probe && return 0
  if ! is_root && [[ $(id -un) != rabbitmq ]]; then
    die "RabbitMQ is installed but not running on 127.0.0.1:$RABBIT_PORT, and only root can start it: run 'sudo service rabbitmq-server start' (or 'sudo rabbitmq-server -detached'), or export AMQP_URL"
  fi
  # Already booting (e.g. started by apt or another shell)? Then just wait for it.
  if pgrep -u rabbitmq beam.smp >/dev/null 2>&1; then
    log "rabbitmq: broker process exists, waiting for it…"
    return 0
  fi
  rabbit_write_conf
  log "rabbitmq: starting (rabbitmq-server -detached; logs in /var/log/rabbitmq)…"
  mkdir -p "$DATA_DIR"
  : >"$RABBIT_MARKER"
  RABBIT_STARTED=1
  if ! rabbitmq-server -detached >/dev/null 2>&1; then
    log "rabbitmq: 'rabbitmq-server -detached' failed; trying 'service rabbitmq-server start'…"
    service rabbitmq-server start >/dev/null 2>&1 || true
  fi
}

rabbit_wait() {
  if (( RABBIT_EXTERNAL )); then
    if ! amqp_probe; then
      log "rabbitmq: AMQP_URL is set ($RABBIT_HOST:$RABBIT_URL_PORT); waiting for it (nothing will be started)…"
      wait_for rabbitmq "$RABBIT_WAIT_SECS" amqp_probe || die "AMQP_URL ($RABBIT_HOST:$RABBIT_URL_PORT) did not accept AMQP connections within ${RABBIT_WAIT_SECS}s"
    fi
    rabbit_check_version
    log "rabbitmq: ready at AMQP_URL ($RABBIT_HOST:$RABBIT_URL_PORT, RabbitMQ ${RABBIT_VERSION:-?}), nothing to start"
    return 0
  fi
  if amqp_probe; then
    rabbit_check_version
    if (( ! RABBIT_STARTED )); then
      log "rabbitmq: ready on 127.0.0.1:$RABBIT_PORT (RabbitMQ ${RABBIT_VERSION:-?}, broker was already running)"
      return 0
    fi
  else
    log "rabbitmq: waiting for the broker to accept AMQP connections (up to ${RABBIT_WAIT_SECS}s)…"
    if ! wait_for rabbitmq "$RABBIT_WAIT_SECS" amqp_probe; then
      tail -n 20 /var/log/rabbitmq/startup_err /var/log/rabbitmq/startup_log 2>/dev/null >&2 || true
      die "RabbitMQ did not accept AMQP connections on 127.0.0.1:$RABBIT_PORT within ${RABBIT_WAIT_SECS}s (logs: /var/log/rabbitmq/)"
    fi
    rabbit_check_version
  fi
  (( RABBIT_STARTED )) && { mkdir -p "$DATA_DIR"; : >"$RABBIT_MARKER"; }
  # Freshly started by us: make sure streams are usable and publishers are not blocked.
  # (rabbitmqctl is slow, ~1 s per call, so this is not done on the fast path.)
  local flags
  flags=$(rabbit_ctl rabbitmqctl list_feature_flags name state 2>/dev/null || true)
  if grep -Eq '^stream_queue[[:space:]]+disabled' <<<"$flags"; then
    log "rabbitmq: enabling feature flag stream_queue"
    rabbit_ctl rabbitmqctl enable_feature_flag stream_queue >/dev/null || log "rabbitmq: WARNING: could not enable stream_queue"
  fi
  local alarms
  if ! alarms=$(rabbit_ctl rabbitmq-diagnostics check_alarms 2>&1); then
    log "rabbitmq: WARNING: resource alarms are raised, publishers will block: $alarms"
  fi
  log "rabbitmq: ready on 127.0.0.1:$RABBIT_PORT (RabbitMQ ${RABBIT_VERSION:-?})"
}

# ---------------------------------------------------------------- main

main() {
  local want_pg=0 want_rabbit=0 arg
  for arg in "$@"; do
    case $arg in
      postgres|postgresql|pg) want_pg=1 ;;
      rabbitmq|rabbit|amqp) want_rabbit=1 ;;
      -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; return 0 ;;
      *) die "unknown argument '$arg' (expected: postgres, rabbitmq)" ;;
    esac
  done
  if (( ! want_pg && ! want_rabbit )); then want_pg=1; want_rabbit=1; fi

  # Fast path: everything already answers -> only report.
  if (( (!want_pg || (PG_EXTERNAL == 0)) && (!want_rabbit || (RABBIT_EXTERNAL == 0)) )) \
      && { (( !want_pg )) || pg_ok; } && { (( !want_rabbit )) || amqp_probe; }; then
    if (( want_pg )); then log "postgres: ready on 127.0.0.1:$PG_PORT"; fi
    if (( want_rabbit )); then rabbit_check_version; log "rabbitmq: ready on 127.0.0.1:$RABBIT_PORT (RabbitMQ ${RABBIT_VERSION:-?})"; fi
    return 0
  fi

  # The broker boots in the background (~5-10 s) while PostgreSQL is brought up.
  if (( want_rabbit )); then rabbit_start_bg; fi
  if (( want_pg )); then pg_up; fi
  if (( want_rabbit )); then rabbit_wait; fi
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
