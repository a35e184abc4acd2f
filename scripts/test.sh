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
# The reading tests check that headings use a real bold of a CJK serif (Noto Serif CJK, Debian's
# fonts-noto-cjk), not a synthesised one.
if ! fc-list 2>/dev/null | grep -q "Noto Serif CJK SC"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing the Noto CJK fonts for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null) \
      || echo "warning: fonts-noto-cjk could not be installed; the font test will fail" >&2
  else
    echo "warning: fonts-noto-cjk is missing (sudo apt-get install fonts-noto-cjk); the font test will fail" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
