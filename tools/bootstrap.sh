# Sourced by tools/run and tools/test: installs what SalesDesk needs, once.
# - Debian packages that Qt (and the PDF tests) need, when they are missing;
# - a virtual environment in .venv with the project and its dev tools.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DEBIAN_PACKAGES=(
  # PySide6 on a bare Debian, offscreen and in a real X11 window
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
  # reading PDFs in tests (pdftotext, pdffonts)
  poppler-utils
  # the throwaway PostgreSQL server tools/test runs the store, interop, CLI and team
  # tests against (pg_dump/pg_restore also serve a team server's backups)
  postgresql
  # TrueType fallbacks for names outside DejaVu Sans (Chinese, Japanese, Korean), found
  # through fontconfig; the brief's font tests need them
  fontconfig fonts-wqy-microhei fonts-droid-fallback
  # tools/test runs the suites with the clock a year ahead (libfaketime), so that a test
  # or a code path reading the wall clock cannot pass only near the day it was written
  faketime
  # the French locale PostgreSQL needs to speak French (lc_messages), for the test of a
  # team server in French (tests/store/test_server_in_french.py)
  locales
)

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "bootstrap: not a Debian system; install Qt's libraries yourself" >&2; return 0; }
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Locales the tests need beyond C.UTF-8 (Debian's `locales` makes them from
# /etc/locale.gen). A server already running when one is made sees it after a restart.
TEST_LOCALES=("fr_FR.UTF-8 UTF-8")

make_test_locales() {
  command -v locale-gen >/dev/null 2>&1 || return 0
  local have missing=() entry name sudo=""
  have="$(locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')"
  for entry in "${TEST_LOCALES[@]}"; do
    name="${entry%% *}"
    name="$(echo "$name" | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')"
    grep -qx "$name" <<<"$have" || missing+=("$entry")
  done
  ((${#missing[@]})) || return 0
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: making locales: ${missing[*]}" >&2
  for entry in "${missing[@]}"; do
    # Uncommented if listed, added if not; locale-gen makes every uncommented one.
    $sudo sed -i "s/^# *${entry}\$/${entry}/" /etc/locale.gen
    grep -qx "$entry" /etc/locale.gen || echo "$entry" | $sudo tee -a /etc/locale.gen >/dev/null
  done
  $sudo locale-gen >/dev/null
}

make_venv() {
  local python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
  fi
  # Reinstall only when the dependencies changed.
  local stamp=".venv/.salesdesk-deps"
  local want
  want="$(cat pyproject.toml tools/bootstrap.sh | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    # "compat": a plain path entry; the default editable finder costs ~20 ms at every start.
    .venv/bin/python -m pip install -q -e ".[dev]" --config-settings editable_mode=compat
    echo "$want" > "$stamp"
  fi
}

install_debian_packages
make_test_locales
make_venv
export PATH="$ROOT/.venv/bin:$PATH"
