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
make_venv
export PATH="$ROOT/.venv/bin:$PATH"
