"""Every speed target of SalesDesk, measured in one run: a table printed and written to
docs/benchmarks.md, each figure beside the target the issues set.

    .venv/bin/python benchmarks/run.py            # about 5 minutes on two cores
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions, 20,000 deals

App figures are measured against a bare PySide6 window shown in the same run; the
brief is compared with LibreOffice turning the same worksheet into a PDF when
LibreOffice is installed (`apt-get install libreoffice-calc-nogui`). A bundle built
by tools/build_bundle.py, when present in dist/, is timed too.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_app  # noqa: E402
import bench_brief  # noqa: E402
import bench_core  # noqa: E402
from table import Row, markdown_table, text_table  # noqa: E402

OUT = ROOT / "docs" / "benchmarks.md"


def bundle_rows(runs: int) -> list[Row]:
    exe = ROOT / "dist" / "SalesDesk" / "salesdesk"
    if not exe.exists():
        return []
    files = [p for p in exe.parent.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files) / 1e6
    rows = [Row("bundle size (dist/SalesDesk)", f"{size:.0f} MB", "", True)]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "LANG": "C.UTF-8"}
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([str(exe), "--version"], env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        rows.append(
            Row(
                "bundle: salesdesk --version", f"{statistics.median(times) * 1000:.0f} ms", "", True
            )
        )
        env.update(QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=f"{tmp}/state")
        db = Path(tmp) / "bundle.db"
        subprocess.run(
            [str(exe), "--db", str(db), "demo"], env=env, check=True, capture_output=True
        )
        log = Path(tmp) / "state" / "SalesDesk" / "log" / "salesdesk.log"
        shown = []
        for _ in range(runs):
            log.unlink(missing_ok=True)
            start = time.time()
            proc = subprocess.Popen(
                [str(exe), "--db", str(db)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    text = log.read_text() if log.exists() else ""
                    if "deal list populated" in text:
                        break
                    time.sleep(0.02)
                stamp = next(
                    float(line.split()[-1])
                    for line in text.splitlines()
                    if "window shown at " in line
                )
                shown.append(stamp - start)
            finally:
                proc.terminate()
                proc.wait(10)
        rows.append(Row("bundle: app window shown", f"{statistics.median(shown):.2f} s", "", True))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 20,000 deals")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    big = 20_000 if args.quick else 100_000
    started = time.monotonic()
    sections: list[tuple[str, list[Row]]] = []
    print("core and command line…", file=sys.stderr)
    sections.append(("Core and command line (issues 2 and 6)", bench_core.measure(runs)))
    print("desktop app…", file=sys.stderr)
    sections.append(("Desktop app and worksheet (issues 3 and 4)", bench_app.measure(runs, big)))
    print("brief…", file=sys.stderr)
    sections.append(("Meeting brief (issue 5)", bench_brief.measure()))
    bundle = bundle_rows(runs)
    if bundle:
        sections.append(("Bundle (issue 7)", bundle))
    elapsed = time.monotonic() - started

    for title, rows in sections:
        print(f"\n{title}\n{text_table(rows)}")
    missed = [r.measure for _, rows in sections for r in rows if not r.ok]
    print(f"\n{len(missed)} target(s) missed" + (f": {', '.join(missed)}" if missed else ""))
    if args.no_write:
        return
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {elapsed / 60:.1f} minutes.",
        "Regenerate with `.venv/bin/python benchmarks/run.py`"
        + (" (this run: `--quick`)." if args.quick else "."),
        "",
    ]
    for title, rows in sections:
        lines += [f"## {title}", "", markdown_table(rows), ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"written to {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
