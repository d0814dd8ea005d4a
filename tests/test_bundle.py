"""The PyInstaller bundle: built from build.spec, it runs with no Python installed.

Marked `bundle`; it runs wherever PyInstaller is installed (it is in the dev tools,
so `.ci/run` runs it). It takes a few minutes: the build is most of it.
"""

import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("PyInstaller", reason="the bundle is built where PyInstaller is installed")

pytestmark = [pytest.mark.bundle, pytest.mark.timeout(1200)]


def clean_env(tmp: Path) -> dict[str, str]:
    """No virtual environment, no Python path, a home of its own: as on a rep's laptop."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp / "home"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_STATE_HOME": str(tmp / "state"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "build.spec"),
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            "--log-level",
            "WARN",
        ],
        cwd=ROOT,
        check=True,
    )
    folder = work / "dist" / "SalesDesk"
    # Nobody's checkout or site-packages can help the bundle from here.
    moved = work / "elsewhere"
    shutil.move(folder, moved)
    return moved / "salesdesk"


def run(exe: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        env=clean_env(tmp),
        cwd=tmp,
        timeout=120,
    )


def test_version_demo_and_brief_from_the_bundle(bundle, tmp_path):
    version = run(bundle, tmp_path, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("salesdesk ")
    db = tmp_path / "bundle.db"
    demo = run(bundle, tmp_path, "--db", str(db), "demo")
    assert demo.returncode == 0, demo.stderr
    deals = run(bundle, tmp_path, "--db", str(db), "deals", "--json")
    assert deals.returncode == 0 and "Renouvellement cartons 2027" in deals.stdout
    pdf = tmp_path / "brief.pdf"
    brief = run(bundle, tmp_path, "--db", str(db), "brief", "1", "-o", str(pdf))
    assert brief.returncode == 0, brief.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts
    french = subprocess.run(
        [str(bundle), "--db", str(db), "deals"],
        capture_output=True,
        text=True,
        env={**clean_env(tmp_path), "SALESDESK_LANG": "fr"},
    )
    assert "Intitulé" in french.stdout  # the catalogues are inside


def test_the_app_starts_from_the_bundle(bundle, tmp_path):
    env = clean_env(tmp_path)
    errors = tmp_path / "stderr.txt"
    log = tmp_path / "state" / "SalesDesk" / "log" / "salesdesk.log"
    with (
        errors.open("w") as err,
        subprocess.Popen(
            [str(bundle), "--db", str(tmp_path / "app.db")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        ) as proc,
    ):
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if log.exists() and "deal list populated" in log.read_text():
                    break
                assert proc.poll() is None, errors.read_text()
                time.sleep(0.2)
            else:
                pytest.fail("the bundled app did not show its deal list within 60 s")
        finally:
            proc.terminate()
            proc.wait(10)
    from salesdesk.interop.demo import sample_sheets

    samples = len(sample_sheets(date.today()))
    assert f"deal list populated: {samples} rows" in log.read_text()
    assert os.path.getsize(tmp_path / "app.db") > 0
