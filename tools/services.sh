# Throw-away PostgreSQL and Redis on loopback, for CI and the benchmark. Source this file.
#   start_services DIR   -> exports DATABASE_URL and REDIS_URL; stop_services DIR cleans up.
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
REDISPORT=${REDISPORT:-56379}

install_missing() {
  local missing=()
  [ -x "$PGBIN/initdb" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  for package in "$@"; do
    case $package in
      chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
      gettext) command -v msgfmt >/dev/null || missing+=(gettext) ;;
      wrk) command -v wrk >/dev/null || missing+=(wrk) ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_services() {
  local dir=$1
  chown postgres: "$dir"
  runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  # A port still held by an earlier server (or anything else) must not fail the run: show the
  # server's log and try the next port.
  local attempt
  for attempt in 1 2 3 4 5; do
    if runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $dir -c fsync=off -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    tail -n 5 "$dir/pg.log" >&2
    [ "$attempt" -eq 5 ] && return 1
    PGPORT=$((PGPORT + 1))
    sleep 1
  done
  createdb -h 127.0.0.1 -p "$PGPORT" -U postgres crosslearn
  redis-server --bind 127.0.0.1 --port "$REDISPORT" --daemonize yes --save '' --appendonly no \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 50); do redis-cli -p "$REDISPORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/crosslearn"
  export REDIS_URL="redis://127.0.0.1:$REDISPORT/0"
}

stop_services() {
  local dir=$1
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null
  rm -rf "$dir"
}
