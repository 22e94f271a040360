#!/usr/bin/env bash
# make bench: gunicorn (2 workers) on PostgreSQL and Redis on loopback, loaded with wrk at scale 1
# and 10 (BENCH_SCALES to change), then a summary table. Results in var/bench/*.json.
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
rm -f var/bench/scale-*.json  # the summary compares the scales of this run only
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
done
.venv/bin/python tools/bench.py summary
