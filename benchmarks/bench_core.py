"""Measure the core's speed targets and print a table (figures, targets, verdicts).

.venv/bin/python benchmarks/bench_core.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fill import fill
from table import Row, text_table

SAVED = 200  # deals saved through the app's own write path (a transaction each)


def timed(argv: Sequence[str], runs: int) -> list[float]:
    # As installed: with bytecode (this machine sets PYTHONDONTWRITEBYTECODE).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        out.append(time.perf_counter() - start)
    return out


def _drop_caches() -> bool:
    """Empty the kernel's page cache (root only, outside a container); False if refused."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def cold_run(argv: Sequence[str], folder: Path) -> tuple[float, bool]:
    """Seconds for a first run with no bytecode of ours: the package copied afresh (no
    __pycache__), run with -B and PYTHONDONTWRITEBYTECODE so nothing is written either,
    page cache dropped where the kernel lets us; and whether it did."""
    package = Path(__file__).resolve().parent.parent / "salesdesk"
    copy = folder / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(package, copy / "salesdesk", ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(copy))
    where = subprocess.run(
        [sys.executable, "-B", "-c", "import salesdesk; print(salesdesk.__file__)"],
        env=env,
        cwd=copy,  # not the checkout's folder, which python -c and -m put first on the path
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(copy)), where  # the copy, not the installed package
    dropped = _drop_caches()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-B", "-m", "salesdesk", *argv],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=copy,
    )
    seconds = time.perf_counter() - start
    assert not list(copy.rglob("__pycache__"))
    return seconds, dropped


def save_through_app(db: Path, count: int) -> float:
    """Seconds per deal saved with the app's own write path (`save_deal`: one transaction
    per deal, as the editor saves), on deals shaped like the samples: terms, offers,
    ledger, people, meetings and calls, each with its own values."""
    from bench_brief import distinct_sheets

    from salesdesk.store import deals as store_deals
    from salesdesk.store.engine import open_database

    today = date.today()
    sheets = distinct_sheets(count, today)
    database = open_database(str(db))
    try:
        start = time.perf_counter()
        for sheet in sheets:
            store_deals.save_deal(database, sheet, today=today)
        return (time.perf_counter() - start) / count
    finally:
        database.close()


def measure(runs: int = 15) -> list[Row]:
    package = Path(__file__).resolve().parent.parent / "salesdesk"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    script = Path(sys.executable).with_name("salesdesk")
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "salesdesk"]
    rows: list[tuple[str, str, str, bool]] = []

    bare = statistics.median(timed([sys.executable, "-c", "pass"], runs))
    version = statistics.median(timed([*entry, "--version"], runs))
    rows.append(("python -c pass", f"{bare * 1000:.0f} ms", "", True))
    rows.append(
        (
            "salesdesk --version (prints the version: imports no command, store nor Qt)",
            f"{version * 1000:.0f} ms ({version / bare:.1f}×)",
            "≤ 4× python -c pass",
            version <= 4 * bare,
        )
    )

    folder = Path(tempfile.mkdtemp(prefix="salesdesk-bench-"))
    try:
        per_deal = save_through_app(folder / "saved.db", SAVED)
        rows.append(
            (
                f"save {SAVED} deals through the app's write path (save_deal, a transaction "
                "each; terms, offers, ledger, people, meetings), per deal → 10,000 deals "
                "extrapolated",
                f"{per_deal * 1000:.0f} ms → {per_deal * 10_000:.0f} s",
                "≤ 5 s for 10,000",
                per_deal * 10_000 <= 5,
            )
        )
        db = folder / "big.db"
        seconds = fill(db, 10_000, 20)
        rows.append(
            (
                "benchmark data: 10,000 deals × 20 ledger entries, offers, people, meetings, "
                "calls (bulk helper benchmarks/fill.py, not the product; dates by the store)",
                f"{seconds:.2f} s",
                "",
                True,
            )
        )
        cold, dropped = cold_run(["--db", str(db), "deals", "--json"], folder)
        rows.append(
            (
                "deals --json, 10,000 deals, first run: no bytecode of ours (fresh copy, -B)"
                + (", page cache dropped" if dropped else ", page cache warm (not ours to drop)"),
                f"{cold:.2f} s",
                "≤ 1.5 s",
                cold <= 1.5,
            )
        )
        deals = timed([*entry, "--db", str(db), "deals", "--json"], 5)
        median = statistics.median(deals)
        rows.append(
            (
                "deals --json, 10,000 deals, warm (installed bytecode), median of 5",
                f"{median:.2f} s",
                "≤ 1.5 s",
                median <= 1.5,
            )
        )
        show = statistics.median(timed([*entry, "--db", str(db), "show", "5000", "--json"], 5))
        rows.append(("show --json, one deal of 10,000", f"{show:.2f} s", "", True))
        csv_path = folder / "salesforce.csv"
        lines = [
            "Opportunity Id,Opportunity Name,Account Name,Amount,Close Date,Stage,"
            "Probability (%),Opportunity Owner"
        ]
        stages = (
            "Prospecting",
            "Qualification",
            "Needs Analysis",
            "Value Proposition",
            "Negotiation/Review",
            "Closed Won",
            "Closed Lost",
        )
        for i in range(10_000):
            lines.append(
                f'006{i:09d},Deal {i},Account {i % 2500},"${1000 + i * 7:,}.50",'
                f"{1 + i % 12:02d}/{1 + i % 28:02d}/2027,{stages[i % 7]},"
                f"{i % 100},Camille Durand"
            )
        csv_path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
        fresh = folder / "import.db"
        subprocess.run(
            [*entry, "--db", str(fresh), "deals"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        [imported] = timed([*entry, "--db", str(fresh), "import", str(csv_path)], 1)
        rows.append(
            ("import 10,000 CSV rows (new deals)", f"{imported:.2f} s", "≤ 5 s", imported <= 5)
        )
        [again] = timed([*entry, "--db", str(fresh), "import", str(csv_path)], 1)
        rows.append(("re-import the same 10,000 rows", f"{again:.2f} s", "≤ 5 s", again <= 5))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    return [Row(*r) for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(text_table(measure(args.runs)))


if __name__ == "__main__":
    main()
