"""Measure the brief as a rep waits for it: from the shell, in the app after a term edit,
in-process, and a pack of 50, every brief of a DISTINCT deal (its own terms, so its
own charts), each process with an empty cache folder of its own.

    .venv/bin/python benchmarks/bench_brief.py

Paper charts are drawn with reportlab's shapes at each build: there is no chart cache
to warm, and XDG_CACHE_HOME points every measured process at a new empty folder
anyway, so nothing from an earlier run (or the user's own cache) is read.
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
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Row, text_table

SHELL_RUNS = 6
PACK = 50


def distinct_sheets(count: int, today: date) -> list[Any]:
    """`count` deals made from the four samples, each with its own term values (every
    position scaled by its own factor, kept in order), title and meeting day."""
    from salesdesk.domain.terms import POSITION_FIELDS
    from salesdesk.interop.demo import sample_sheets

    samples = list(sample_sheets(today).values())
    sheets = []
    for i in range(count):
        base = samples[i % len(samples)]
        factor = Decimal(1) + Decimal(i + 1) / Decimal(137)

        def scaled(value: Decimal | None, factor: Decimal = factor) -> Decimal | None:
            if value is None:
                return None
            exponent = value.as_tuple().exponent
            places = Decimal(1).scaleb(min(exponent, 0) - 1) if isinstance(exponent, int) else 1
            return (value * factor).quantize(places)

        terms = []
        for t in base.terms:
            term = replace(t)
            for name in POSITION_FIELDS:
                setattr(term, name, scaled(getattr(t, name)))
            terms.append(term)
        meetings = [replace(m, date=m.date + timedelta(days=i % 7)) for m in base.meetings]
        sheets.append(
            replace(
                base,
                id=None,
                uid=None,
                title=f"{base.title} #{i + 1}",
                terms=terms,
                meetings=meetings,
            )
        )
    return sheets


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


IN_PROCESS = r"""
import pickle, sys, time, statistics
start = time.perf_counter()
from salesdesk.brief.document import BriefRequest, build_pdf
from salesdesk.brief.choose import meeting_for
from salesdesk.domain.analysis import analyse
from salesdesk.domain.profile import Profile
imported = time.perf_counter() - start
sheets, today = pickle.loads(open(sys.argv[1], "rb").read())
def request(sheet):
    return BriefRequest(sheet=sheet, analysis=analyse(sheet, today),
                        profile=Profile("Camille Durand", "Durand Solutions"),
                        meeting=meeting_for(sheet, today))
start = time.perf_counter()
build_pdf(request(sheets[0]))
first = time.perf_counter() - start
warm = []
for sheet in sheets[1:]:
    r = request(sheet)
    start = time.perf_counter()
    build_pdf(r)
    warm.append(time.perf_counter() - start)
print(imported, first, statistics.median(warm), max(warm))
"""

PACK_SCRIPT = r"""
import io, pickle, sys, time
from datetime import timedelta
begin = time.perf_counter()
from salesdesk.brief.document import BriefRequest
from salesdesk.brief.choose import meeting_for
from salesdesk.brief.pack import build_pack
from salesdesk.domain.analysis import analyse
from salesdesk.domain.profile import Profile
sheets, today = pickle.loads(open(sys.argv[1], "rb").read())
requests = [BriefRequest(sheet=s, analysis=analyse(s, today), profile=Profile("C", "D"),
                         meeting=meeting_for(s, today)) for s in sheets]
start = time.perf_counter()
pdf = build_pack(requests, today, today + timedelta(days=7))
end = time.perf_counter()
from pypdf import PdfReader
pages = len(PdfReader(io.BytesIO(pdf)).pages)
print(end - start, end - begin, len(pdf), pages)
"""

APP_EDIT = r"""
import sys, time, statistics
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.models import terms as cols
w = MainWindow(); w.resize(1500, 940); w.show()
assert w.open_database(sys.argv[1])
def settle(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents(); time.sleep(0.005)
settle(1.0)
ids = {w.model.deal_at(r).title: w.model.deal_at(r).id for r in range(w.model.rowCount())}
w.open_deal(ids["Renouvellement cartons 2027"])
editor = w.editor
sheet_tab, brief = editor.worksheet, editor.brief
editor.setCurrentWidget(brief)          # the first brief: imports, fonts
settle(1.0)
times, builds = [], []
for value in ("310000", "305000", "315000", "302000", "318000", "308000", "312000"):
    editor.setCurrentWidget(sheet_tab)
    settle(0.3)
    index = sheet_tab.model.index(1, cols.FIRST_POSITION + 5)  # their walk-away, volume
    start = time.perf_counter()
    sheet_tab.model.setData(index, value)  # what the cell editor does on Enter
    editor.setCurrentWidget(brief)         # the rep turns to the Brief tab
    while brief._stale:
        app.processEvents(); time.sleep(0.001)
    app.processEvents()                    # the preview painted
    times.append(time.perf_counter() - start)
    builds.append(brief.build_seconds)
    settle(1.2)                            # the edit saved before the next one
print(statistics.median(times), max(times), statistics.median(builds))
"""


def _env(folder: Path, name: str) -> dict[str, str]:
    """A process of its own with an empty cache folder and private settings."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        XDG_CACHE_HOME=str(folder / f"cache-{name}"),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_STATE_HOME=str(folder / "state"),
        HOME=str(folder / "home"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def _script(script: str, arg: Path, env: dict[str, str]) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", script, str(arg)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    return [float(x) for x in out.split()]


def measure() -> list[Row]:
    import pickle

    from salesdesk.store import repository as repo
    from salesdesk.store.engine import open_database

    today = date.today()
    rows: list[tuple[str, str, str, bool]] = []
    folder = Path(tempfile.mkdtemp(prefix="salesdesk-bench-brief-"))
    try:
        script = Path(sys.executable).with_name("salesdesk")
        entry = [str(script)] if script.exists() else [sys.executable, "-m", "salesdesk"]
        db_path = folder / "b.db"
        subprocess.run(
            [*entry, "--db", str(db_path), "demo"],
            check=True,
            env=_env(folder, "demo"),
            capture_output=True,
        )
        shell_sheets = distinct_sheets(SHELL_RUNS, today)
        db = open_database(str(db_path))
        try:
            ids = [repo.save_deal(db, sheet) for sheet in shell_sheets]
        finally:
            db.close()

        # From the shell: a new process per brief, each on its own deal, empty cache.
        shell = []
        for n, deal in enumerate(ids):
            start = time.perf_counter()
            subprocess.run(
                [*entry, "--db", str(db_path), "brief", str(deal), "-o", str(folder / "b.pdf")],
                check=True,
                env=_env(folder, f"shell-{n}"),
                capture_output=True,
            )
            shell.append(time.perf_counter() - start)
        imports = float(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import time; t=time.perf_counter(); "
                    "import salesdesk.cli, salesdesk.store.repository, salesdesk.brief.document, "
                    "salesdesk.brief.paper_charts, reportlab.platypus, "
                    "reportlab.graphics.shapes, pypdf; print(time.perf_counter()-t)",
                ],
                check=True,
                env=_env(folder, "imports"),
                capture_output=True,
                text=True,
            ).stdout
        )
        shell_median = statistics.median(shell)
        office = libreoffice_seconds(folder, shell_sheets[0])
        if office is not None:
            rows.append(
                ("LibreOffice: one-sheet worksheet (.ods) to PDF", f"{office:.2f} s", "", True)
            )
        rows.append(
            (
                f"salesdesk brief from the shell, charts drawn ({SHELL_RUNS} distinct deals, "
                "median; empty cache)",
                f"{shell_median:.2f} s (worst {max(shell):.2f} s; "
                f"{imports / shell_median:.0%} imports)",
                # Without LibreOffice there is nothing to beat: no target, never "met".
                f"beat LibreOffice ({office:.2f} s)" if office is not None else "",
                office is not None and shell_median < office,
            )
        )

        # In-process, in a fresh process: the first brief pays imports and fonts.
        inproc = distinct_sheets(11, today)
        data = folder / "inproc.pickle"
        data.write_bytes(pickle.dumps((inproc, today)))
        imported, first, warm, warm_worst = _script(IN_PROCESS, data, _env(folder, "inproc"))
        rows.append(
            (
                "brief in-process, first (fonts; its imports took "
                f"{imported * 1000:.0f} ms before)",
                f"{first * 1000:.0f} ms",
                "",
                True,
            )
        )
        rows.append(
            (
                "brief in-process, next 10 distinct deals (median / worst)",
                f"{warm * 1000:.0f} / {warm_worst * 1000:.0f} ms",
                "≤ 500 ms",
                warm_worst <= 0.5,
            )
        )

        # In the app: a term edited on the worksheet, then the Brief tab.
        edit, edit_worst, build = _script(APP_EDIT, db_path, _env(folder, "app"))
        rows.append(
            (
                "app: term edited → Brief tab shows the new PDF (median / worst of 7)",
                f"{edit * 1000:.0f} / {edit_worst * 1000:.0f} ms "
                f"(PDF built in {build * 1000:.0f} ms)",
                "≤ 300 ms",
                edit_worst <= 0.3,
            )
        )

        # The pack: 50 distinct deals, every chart drawn.
        data = folder / "pack.pickle"
        data.write_bytes(pickle.dumps((distinct_sheets(PACK, today), today)))
        pack, total, size, pages = _script(PACK_SCRIPT, data, _env(folder, "pack"))
        rows.append(
            (
                f"pack of {PACK} distinct deals ({int(pages)} pages, {int(size) // 1024} KB; "
                f"process {total:.1f} s)",
                f"{pack:.1f} s",
                "≤ 20 s",
                pack <= 20,
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return [Row(*r) for r in rows]


def main() -> None:
    print(text_table(measure()))


if __name__ == "__main__":
    main()
