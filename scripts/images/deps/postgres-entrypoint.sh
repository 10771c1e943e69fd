#!/bin/sh
# The official image's first start: initdb with POSTGRES_USER/POSTGRES_PASSWORD, run the init
# scripts against a socket-only server, then serve on every address with password auth.
set -eu
: "${POSTGRES_PASSWORD:?}" "${POSTGRES_USER:=postgres}"
export POSTGRES_USER
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
  printf '%s' "$POSTGRES_PASSWORD" >/tmp/pwfile
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile=/tmp/pwfile --auth-local=trust --auth-host=scram-sha-256
  rm -f /tmp/pwfile
  echo 'host all all all scram-sha-256' >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" start
  for f in /docker-entrypoint-initdb.d/*.sh; do [ -e "$f" ] && sh "$f"; done
  pg_ctl -D "$PGDATA" -w -m fast stop
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@"
