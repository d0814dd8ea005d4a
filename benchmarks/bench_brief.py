"""Measure the brief: in-process warm and cold, the command from the shell, a pack of 50.

.venv/bin/python benchmarks/bench_brief.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Row, text_table


def libreoffice_seconds(folder: Path, sheet: Any, runs: int = 3) -> float | None:
    """Median seconds for LibreOffice to turn the same worksheet, as a one-sheet .ods,
    into a PDF: a rep's alternative today. None when LibreOffice is not installed."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    import csv

    csv_path = folder / "worksheet.csv"
    with csv_path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                *("Term", "Unit", "Weight", "Opening", "Target", "Walk-away"),
                *("Their opening", "Their target", "Their walk-away"),
            ]
        )
        for t in sheet.terms:
            cells = [t.name, t.unit, t.weight, t.opening, t.target, t.walk_away]
            cells += [t.their_opening, t.their_target, t.their_walk_away]
            writer.writerow(
                [
                    "" if c is None else format(c, "f") if not isinstance(c, (str, int)) else str(c)
                    for c in cells
                ]
            )
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"

    def convert(to: str, source: Path) -> None:
        subprocess.run(
            [
                office,
                profile,
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
        )

    # Untimed: the .ods itself, and LibreOffice's first start with a new profile.
    convert("ods", csv_path)
    ods = folder / "worksheet.ods"
    convert("pdf", ods)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        convert("pdf", ods)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure() -> list[Row]:
    from salesdesk.brief.choose import meeting_for
    from salesdesk.brief.document import BriefRequest, build_pdf
    from salesdesk.brief.pack import build_pack
    from salesdesk.domain.analysis import analyse
    from salesdesk.domain.profile import Profile
    from salesdesk.interop.demo import sample_sheets

    today = date.today()
    sheet = sample_sheets(today)["packaging-fr"]
    request = BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, today),
        profile=Profile("Camille Durand", "Durand Solutions"),
        meeting=meeting_for(sheet, today),
    )
    rows: list[tuple[str, str, str, bool]] = []
    start = time.perf_counter()
    build_pdf(request)
    first = time.perf_counter() - start
    warm = []
    for _ in range(10):
        start = time.perf_counter()
        build_pdf(request)
        warm.append(time.perf_counter() - start)
    rows.append(("brief in-process, first (imports, fonts)", f"{first * 1000:.0f} ms", "", True))
    median = statistics.median(warm)
    rows.append(
        (
            "brief in-process, warm (median of 10)",
            f"{median * 1000:.0f} ms",
            "≤ 500 ms",
            median <= 0.5,
        )
    )

    folder = Path(tempfile.mkdtemp(prefix="salesdesk-bench-brief-"))
    try:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        db = folder / "b.db"
        script = Path(sys.executable).with_name("salesdesk")
        entry = [str(script)] if script.exists() else [sys.executable, "-m", "salesdesk"]
        subprocess.run([*entry, "--db", str(db), "demo"], check=True, env=env, capture_output=True)
        env["XDG_CACHE_HOME"] = str(folder / "cache")
        start = time.perf_counter()
        subprocess.run(
            [*entry, "--db", str(db), "brief", "1", "-o", str(folder / "b.pdf")],
            check=True,
            env=env,
            capture_output=True,
        )
        first_cold = time.perf_counter() - start
        rows.append(
            ("salesdesk brief from the shell, chart drawn", f"{first_cold:.2f} s", "", True)
        )
        cold = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(
                [*entry, "--db", str(db), "brief", "1", "-o", str(folder / "b.pdf")],
                check=True,
                env=env,
                capture_output=True,
            )
            cold.append(time.perf_counter() - start)
        imports = subprocess.run(
            [
                sys.executable,
                "-c",
                "import time; t=time.perf_counter(); "
                "import salesdesk.store.repository, salesdesk.brief.document, reportlab.platypus, "
                "svglib.svglib, matplotlib.figure;"
                " print(time.perf_counter()-t)",
            ],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
        cold_median = statistics.median(cold)
        office = libreoffice_seconds(folder, sheet)
        if office is not None:
            rows.append(
                (
                    "LibreOffice: one-sheet worksheet (.ods) to PDF",
                    f"{office:.2f} s",
                    "",
                    True,
                )
            )
        reference = office if office is not None else 1.8
        rows.append(
            (
                "salesdesk brief from the shell, chart cached",
                f"{cold_median:.2f} s ({float(imports) / cold_median:.0%} imports)",
                f"beat LibreOffice ({reference:.2f} s{'' if office else ', from NOTES'})",
                cold_median < reference,
            )
        )
        requests = []
        for i in range(50):
            copy = replace(
                request,
                sheet=replace(sheet, title=f"{sheet.title} #{i + 1}"),
                meeting=replace(request.meeting, date=today + timedelta(days=i % 7))
                if request.meeting
                else None,
            )
            requests.append(copy)
        start = time.perf_counter()
        pdf = build_pack(requests, today, today + timedelta(days=7))
        pack = time.perf_counter() - start
        rows.append(
            (f"pack of 50 briefs ({len(pdf) // 1024} KB)", f"{pack:.1f} s", "≤ 20 s", pack <= 20)
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return [Row(*r) for r in rows]


def main() -> None:
    print(text_table(measure()))


if __name__ == "__main__":
    main()
