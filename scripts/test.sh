#!/usr/bin/env bash
# Run the whole test suite (unit, property, view, search, admin and browser tests).
# Browser tests need Debian's chromium; as root this installs it when it is missing.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing chromium and a CJK font for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    echo "warning: chromium is missing (sudo apt-get install chromium); the browser tests will fail" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
