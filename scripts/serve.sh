#!/usr/bin/env bash
# Set everything up and serve the archive with the sample bulletin on http://127.0.0.1:8000
# (SQLite + Whoosh under ARCHIVE_DATA_DIR, default ./data, or DATABASE_URL; gunicorn, 2 workers x
# 4 threads, beside the job worker that parses uploads and keeps the search index caught up).
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
export ARCHIVE_DATA_DIR=${ARCHIVE_DATA_DIR:-$PWD/data}
PORT=${PORT:-8000}
mkdir -p "$ARCHIVE_DATA_DIR"
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  # A random key made once for this data directory; never a key in the repository.
  keyfile="$ARCHIVE_DATA_DIR/.secret_key"
  [ -s "$keyfile" ] || (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))' >"$keyfile")
  DJANGO_SECRET_KEY=$(cat "$keyfile")
  export DJANGO_SECRET_KEY
fi
port_free() {
  .venv/bin/python -c 'import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$PORT"
}
port_bound() {
  .venv/bin/python -c 'import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.5).close()
except OSError:
    sys.exit(1)' "$PORT"
}
port_hint="error: port $PORT is already in use (another server?); choose another one, e.g. PORT=$((PORT + 1)) bash scripts/serve.sh"
if ! port_free; then echo "$port_hint" >&2; exit 1; fi
echo "== database"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
echo "== sample bulletin"
.venv/bin/python manage.py import_bulletin samples/*.txt
echo "== search index"
# Re-indexes only what differs from the database, in one commit (never an emptied index).
.venv/bin/python manage.py search_check --repair | tail -1

echo "== job worker (manage.py archive_worker; restarted if it dies)"
(
  trap 'kill "$child" 2>/dev/null; exit 0' TERM INT
  while true; do
    .venv/bin/python manage.py archive_worker -v0 & child=$!
    wait "$child"
    sleep 1
  done
) &
worker_loop=$!
# Each server its own control socket under its data directory (gunicorn's default, one per user,
# would be shared by two servers on one machine: starting the second breaks the first's).
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers "${WORKERS:-2}" --threads 4 --preload \
  --access-logfile - --timeout 120 --control-socket "$ARCHIVE_DATA_DIR/gunicorn.ctl" &
server=$!
stop() { kill "$server" "$worker_loop" 2>/dev/null; wait "$server" "$worker_loop" 2>/dev/null; }
trap 'stop; exit 0' INT TERM
for _ in $(seq 1 300); do
  if port_bound; then echo "== serving http://127.0.0.1:$PORT  (Ctrl-C stops)"; break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    if port_free; then echo "error: gunicorn stopped before serving (its messages are above)" >&2; else echo "$port_hint" >&2; fi
    kill "$worker_loop" 2>/dev/null; exit 1
  fi
  sleep 0.2
done
wait "$server"
status=$?
kill "$worker_loop" 2>/dev/null
exit $status
