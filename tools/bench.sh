#!/usr/bin/env bash
# make bench: gunicorn (2 workers) on PostgreSQL and Redis on loopback, loaded with wrk at scale 1
# and 10 (BENCH_SCALES to change), then a summary table. Results in var/bench/*.json.
# BENCH_COMPARE=<git ref>: the same run also measures that commit's tree on the same databases
# (a worktree under var/bench/), and the summary shows both side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/services.sh
install_missing wrk
work=""
if [ -z "${DATABASE_URL:-}" ]; then
  work=$(mktemp -d)
  trap 'stop_services "$work"' EXIT
  start_services "$work"
fi
base_url=${DATABASE_URL%/*}
# Production settings, except HTTPS (wrk speaks plain HTTP on loopback); one key for the
# session cookies made by tools/bench.py and checked by gunicorn.
export DEBUG=0 SECRET_KEY="bench-only-$(date +%s)-not-secret-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"
export ALLOWED_HOSTS=127.0.0.1,testserver SECURE_SSL_REDIRECT=0 STAFF_MFA_REQUIRED=0
mkdir -p var/bench
rm -f var/bench/scale-*.json var/bench/compare-*.json  # the summary shows this run only
compare_tree=""
if [ -n "${BENCH_COMPARE:-}" ]; then
  compare_tree="$PWD/var/bench/tree"
  git worktree remove --force "$compare_tree" 2>/dev/null || rm -rf "$compare_tree"
  git worktree add --detach "$compare_tree" "$BENCH_COMPARE" >/dev/null
  ln -sfn "$PWD/.venv" "$compare_tree/.venv"
  (cd "$compare_tree" && .venv/bin/python manage.py collectstatic --noinput -v 0 \
    && .venv/bin/python manage.py compilemessages --ignore=.venv -v 0)
  echo "== also measuring $BENCH_COMPARE ($(git rev-parse --short "$BENCH_COMPARE")) in $compare_tree"
fi
for scale in ${BENCH_SCALES:-1 10}; do
  db="crosslearn_bench_${scale//./_}"
  echo "== scale $scale: fresh database $db"
  .venv/bin/python - "$base_url" "$db" <<'PY'
import sys, psycopg
url, name = sys.argv[1], sys.argv[2]
with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{name}"')
PY
  export DATABASE_URL="$base_url/$db"
  .venv/bin/python manage.py migrate --noinput -v 0
  .venv/bin/python manage.py setup_demo >/dev/null
  if .venv/bin/python manage.py help load_content >/dev/null 2>&1; then
    .venv/bin/python manage.py load_content >/dev/null
  fi
  .venv/bin/python manage.py seed_demo --scale "$scale" 2>/dev/null
  .venv/bin/python tools/bench.py measure --scale "$scale"
  if [ -n "$compare_tree" ]; then
    redis-cli -u "$REDIS_URL" flushdb >/dev/null 2>&1 || true  # neither tree reads the other's
    (cd "$compare_tree" && rm -f var/bench/scale-*.json \
      && .venv/bin/python tools/bench.py measure --scale "$scale")
    cp "$compare_tree/var/bench/scale-$scale.json" "var/bench/compare-$scale.json"
    redis-cli -u "$REDIS_URL" flushdb >/dev/null 2>&1 || true
  fi
done
if [ -n "$compare_tree" ]; then git worktree remove --force "$compare_tree"; fi
.venv/bin/python tools/bench.py summary
