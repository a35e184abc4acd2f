#!/usr/bin/env bash
# Set everything up and serve the archive with the sample bulletin on http://127.0.0.1:8000
# (SQLite + Whoosh under ARCHIVE_DATA_DIR, default ./data; gunicorn, 2 workers x 4 threads).
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
export ARCHIVE_DATA_DIR=${ARCHIVE_DATA_DIR:-$PWD/data}
mkdir -p "$ARCHIVE_DATA_DIR"
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  # A random key made once for this data directory; never a key in the repository.
  keyfile="$ARCHIVE_DATA_DIR/.secret_key"
  [ -s "$keyfile" ] || (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))' >"$keyfile")
  DJANGO_SECRET_KEY=$(cat "$keyfile")
  export DJANGO_SECRET_KEY
fi
echo "== database"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
echo "== sample bulletin"
.venv/bin/python manage.py import_bulletin samples/*.txt
echo "== search index"
.venv/bin/python manage.py search_check --fail >/dev/null 2>&1 || .venv/bin/python manage.py search_rebuild
echo "== serving http://127.0.0.1:${PORT:-8000}  (Ctrl-C stops)"
exec .venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:${PORT:-8000}" --workers "${WORKERS:-2}" --threads 4 --preload \
  --access-logfile - --timeout 120
