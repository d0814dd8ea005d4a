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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fill import fill
from table import Row, text_table


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
            "salesdesk --version",
            f"{version * 1000:.0f} ms ({version / bare:.1f}×)",
            "≤ 4× python -c pass",
            version <= 4 * bare,
        )
    )

    folder = Path(tempfile.mkdtemp(prefix="salesdesk-bench-"))
    try:
        db = folder / "big.db"
        seconds = fill(db, 10_000, 20)
        rows.append(
            ("fill 10,000 deals × 20 ledger entries", f"{seconds:.2f} s", "≤ 5 s", seconds <= 5)
        )
        deals = timed([*entry, "--db", str(db), "deals", "--json"], 5)
        rows.append(
            (
                "deals --json, 10,000 deals, first run",
                f"{deals[0]:.2f} s",
                "≤ 1.5 s",
                deals[0] <= 1.5,
            )
        )
        median = statistics.median(deals)
        rows.append(
            ("deals --json, 10,000 deals, median of 5", f"{median:.2f} s", "≤ 1.5 s", median <= 1.5)
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
