#!/usr/bin/env bash
# One-shot setup used by `make run` and `make test`: system libraries Qt needs, a
# virtual environment in .venv, and the app installed into it (editable).
#   tools/setup.sh          app only
#   tools/setup.sh test     app + test tools (pytest, pytest-qt, hypothesis, pypdf, ruff)
#                           + Xvfb for the real-window test + the PostgreSQL server, which
#                           the tests start privately in a temporary folder (never as a
#                           system service; tools/private_pg.py)
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-app}
PY=${PYTHON:-python3}

# Debian package names for what Qt's xcb platform plugin, fonts and our tests load.
QT_LIBS="libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 fonts-dejavu-core"
TEST_PKGS="xvfb xauth poppler-utils postgresql"

missing=()
pkgs="$QT_LIBS"
[ "$want" = test ] && pkgs="$pkgs $TEST_PKGS"
command -v dpkg-query >/dev/null 2>&1 || pkgs=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! "$PY" -m venv --help >/dev/null 2>&1 || ! "$PY" -c "import ensurepip" >/dev/null 2>&1; then
  missing+=("python3-venv")
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing; please install them and re-run:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$want
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$want" = test ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi
