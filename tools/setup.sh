#!/usr/bin/env bash
# One-shot setup used by `make run` and `make test`: system libraries Qt needs, a
# virtual environment in .venv, and the app installed into it (editable).
#   tools/setup.sh          app only
#   tools/setup.sh test     app + test tools (pytest, pytest-qt, hypothesis, pypdf, ruff,
#                           PyInstaller) + Xvfb for the real-window test + the PostgreSQL
#                           server, which the tests start privately in a temporary folder
#                           (never as a system service; tools/private_pg.py)
#   tools/setup.sh bundle   app + PyInstaller and SQLCipher (make bundle)
# It does the work once: a stamp in .venv records the hash of pyproject.toml (and of this
# script) it installed, so later runs return at once until either changes.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-app}
PY=${PYTHON:-python3}

key=$(cat pyproject.toml tools/setup.sh | sha256sum | cut -d' ' -f1)
stamp_matches() { [ -f ".venv/.installed-$1" ] && [ "$(cat ".venv/.installed-$1")" = "$key" ]; }
# The test install holds everything the app install does.
if [ -x .venv/bin/python ] && { stamp_matches "$want" || stamp_matches test; }; then
  exit 0
fi

# Debian package names for what Qt's xcb platform plugin, fonts and our tests load.
QT_LIBS="libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 fonts-dejavu-core"
TEST_PKGS="xvfb xauth poppler-utils binutils desktop-file-utils appstream postgresql"
BUNDLE_PKGS="binutils"  # strip for the bundle

missing=()
pkgs="$QT_LIBS"
[ "$want" = test ] && pkgs="$pkgs $TEST_PKGS"
[ "$want" = bundle ] && pkgs="$pkgs $BUNDLE_PKGS"
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
.venv/bin/python -m pip install -q --upgrade pip
case "$want" in
  test)   .venv/bin/python -m pip install -q -e ".[test]" ;;
  bundle) .venv/bin/python -m pip install -q -e ".[bundle]" ;;
  *)      .venv/bin/python -m pip install -q -e . ;;
esac
echo "$key" > ".venv/.installed-$want"
