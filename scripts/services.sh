#!/usr/bin/env bash
# Starts the real servers the tests use, on loopback, in a temporary folder, and prints the
# environment the tests read (REDIS_URL, DATABASE_URL) as `export` lines:
#   eval "$(bash scripts/services.sh start)"   ...   bash scripts/services.sh stop
# Redis comes from Debian's redis-server package (installed when missing); PostgreSQL 15 is on the
# machine under /usr/lib/postgresql/15/bin and refuses to run as root, so it runs as `postgres`.
set -euo pipefail
state=${SERVICES_DIR:-/tmp/wsdl-to-ts-services}
redis_port=${REDIS_PORT:-6399}
pg_port=${PG_PORT:-5499}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

install_missing() {
  local need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v xmllint >/dev/null || need+=(libxml2-utils)
  [ -x "$pg_bin/initdb" ] || need+=(postgresql-15)
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
  fi
}

start() {
  install_missing
  mkdir -p "$state"
  if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
      --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log" >&2
  fi
  if ! as_postgres "$pg_bin/pg_isready -q -h 127.0.0.1 -p $pg_port"; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    rm -rf "$state/pg"; mkdir -p "$state/pg"; chown postgres "$state/pg"
    as_postgres "$pg_bin/initdb -D $state/pg/data -U postgres --auth=trust -E UTF8 >/dev/null"
    as_postgres "$pg_bin/pg_ctl -D $state/pg/data -l $state/pg/log -w -o \"-h 127.0.0.1 -p $pg_port -k $state/pg -c fsync=off -c max_connections=200\" start >/dev/null"
  fi
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$redis_port" ping >/dev/null
  echo "export REDIS_URL=redis://127.0.0.1:$redis_port"
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$pg_port/postgres"
}

stop() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  [ -d "$state/pg/data" ] && as_postgres "$pg_bin/pg_ctl -D $state/pg/data -m fast stop >/dev/null" || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: scripts/services.sh start|stop" >&2; exit 2 ;;
esac
