"""Build the onedir bundle from a clean environment: dist/SalesDesk/salesdesk.

    python3 tools/build_bundle.py

A fresh virtual environment in build/venv gets SalesDesk's runtime dependencies and
PyInstaller, nothing else (a bundle holds what its environment holds); the catalogues
are compiled; then build.spec runs. Prints the bundle's size.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"


def size_mb(folder: Path) -> float:
    # Symbolic links (PyInstaller links shared libraries) would be counted twice.
    return (
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )


def main() -> None:
    started = time.monotonic()
    env = BUILD / "venv"
    shutil.rmtree(env, ignore_errors=True)
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, str(ROOT), "pyinstaller>=6.10,<7"], check=True)
    subprocess.run([str(python), str(ROOT / "tools" / "i18n.py"), "compile"], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "PyInstaller",
            str(ROOT / "build.spec"),
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
        ],
        check=True,
        cwd=ROOT,
    )
    bundle = DIST / "SalesDesk"
    print(
        f"{bundle}/salesdesk: {size_mb(bundle):.0f} MB, built in "
        f"{time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
