"""Every speed target of SalesDesk, measured in one run: a table printed and written to
docs/benchmarks.md, each figure beside the target the issues set.

    .venv/bin/python benchmarks/run.py            # about 5 minutes on two cores
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions, 20,000 deals
    .venv/bin/python benchmarks/run.py --only brief   # one section measured again; the
                                                      # others kept from the last run, dated

App figures are measured against a bare PySide6 window shown in the same run; the
brief is compared with LibreOffice turning the same worksheet into a PDF when
LibreOffice is installed (`apt-get install --no-install-recommends libreoffice-calc`).
A bundle built by tools/build_bundle.py, when present in dist/, is timed too.
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
CORE = "Core and command line (issues 2 and 6)"
APP = "Desktop app and worksheet (issues 3 and 4)"
BRIEF = "Meeting brief (issues 5 and 12)"


def _replace_section(sections: list[tuple[str, list[Row]]], stamp: str, only: str) -> None:
    """Write the sections measured now in place of theirs in docs/benchmarks.md, saying
    when and how; the other sections keep the figures (and date) of the run that made them."""
    title, rows = sections[0]
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else "# Benchmarks\n"
    parts = text.split("\n## ")
    key = title.split(" (")[0]
    body = (
        f"{title}\n\nMeasured {stamp}, with `.venv/bin/python benchmarks/run.py --only {only}`"
        " (the sections above and below are from the full run dated at the top).\n\n"
        f"{markdown_table(rows)}\n"
    )
    for i, part in enumerate(parts[1:], start=1):
        if part.split(" (")[0] == key:
            parts[i] = body
            break
    else:
        parts.append(body)
    OUT.write_text("\n## ".join(parts).rstrip("\n") + "\n", encoding="utf-8")
    print(f"section {title!r} written to {OUT.relative_to(ROOT)}", file=sys.stderr)


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
    parser.add_argument(
        "--only",
        choices=["core", "app", "brief"],
        help="measure one section again; the others stay as the last run wrote them",
    )
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    big = 20_000 if args.quick else 100_000
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    sections: list[tuple[str, list[Row]]] = []
    wanted = {args.only} if args.only else {"core", "app", "brief", "bundle"}
    if "core" in wanted:
        print("core and command line…", file=sys.stderr)
        sections.append((CORE, bench_core.measure(runs)))
    if "app" in wanted:
        print("desktop app…", file=sys.stderr)
        sections.append((APP, bench_app.measure(runs, big)))
    if "brief" in wanted:
        print("brief…", file=sys.stderr)
        sections.append((BRIEF, bench_brief.measure()))
    bundle = bundle_rows(runs) if "bundle" in wanted else []
    if bundle:
        sections.append(("Bundle (issue 7)", bundle))
    elapsed = time.monotonic() - started

    for title, rows in sections:
        print(f"\n{title}\n{text_table(rows)}")
    missed = [r.measure for _, rows in sections for r in rows if not r.ok]
    print(f"\n{len(missed)} target(s) missed" + (f": {', '.join(missed)}" if missed else ""))
    if args.no_write:
        return
    stamp = (
        f"{datetime.now():%Y-%m-%d %H:%M} on {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {elapsed / 60:.1f} minutes; "
        # The machine may be shared: how busy it was says how far to trust the figures.
        f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    )
    if args.only:
        _replace_section(sections, stamp, args.only)
        return
    lines = [
        "# Benchmarks",
        "",
        f"Measured {stamp}.",
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
