"""Limits instead of surprises: over-long texts refused naming the field, old ones kept
and flagged, paper and file names cut with an ellipsis; no traceback anywhere."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess

import pytest
from pypdf import PdfReader

from tests.cli.test_cli import one_line_error

# Limits are the readers', before any database (the fuzz tests throw files past them at
# the server too); these start from a copy of one SQLite file, made once.
pytestmark = pytest.mark.sqlite_file


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    """A database with the samples and the package of deal 1, made once in-process."""
    from datetime import date

    from salesdesk.domain.analysis import analyse
    from salesdesk.interop.deal_json import dumps
    from salesdesk.interop.demo import add_samples
    from salesdesk.interop.package_write import deal_to_package
    from salesdesk.store import deal_load
    from salesdesk.store.engine import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(str(path))
    add_samples(db, date.today())
    sheet = deal_load.load_deal(db, 1)
    package = json.loads(dumps(deal_to_package(sheet, analyse(sheet, date.today()))))
    db.close()
    return path, package


@pytest.fixture
def package(demo_files):
    data = json.loads(json.dumps(demo_files[1]))
    data["uid"] = None
    return data


@pytest.fixture
def demo_db(cli, demo_files):
    shutil.copy(demo_files[0], cli.db_path)
    return cli


def _import(cli, tmp_path, text: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    return cli("import-deal", str(path))


def _deals(cli) -> int:
    conn = sqlite3.connect(cli.db_path)
    try:
        return conn.execute("SELECT count(*) FROM deal").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("where", "value", "said"),
    [
        (("title",), "T" * 201, "title: the text is 201 characters long; at most 200"),
        (("account",), "A" * 5000, "account: the text is 5,000 characters long; at most 200"),
        (("terms", 0, "name"), "N" * 201, "terms[0].name: the text is 201 characters"),
        (("terms", 0, "unit"), "U" * 201, "terms[0].unit: the text is 201 characters"),
        (("ledger", "entries", 0, "what"), "W" * 501, "what: the text is 501 characters"),
        (("meetings", 0, "title"), "M" * 501, "meetings[0].title: the text is 501"),
        (("meetings", 0, "agenda"), "a" * 20_001, "agenda: the text is 20,001 characters"),
        (("title",), "Bell\x07", "title: the text holds the control character U+0007"),
        (("meetings", 0, "date"), "9999-12-31", '"9999-12-31" is not a date from 1900 to 9000'),
        (("last_contact",), "9999-12-31", '"9999-12-31" is not a date from 1900 to 9000'),
    ],
)
def test_a_package_over_a_limit_is_refused_naming_the_field(
    demo_db, package, tmp_path, where, value, said
):
    target = package
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    before = _deals(demo_db)
    result = _import(demo_db, tmp_path, json.dumps(package))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert said in result.stderr, result.stderr
    assert _deals(demo_db) == before


def test_multi_line_notes_keep_their_line_breaks_and_tabs(demo_db, package, tmp_path):
    package["meetings"][0]["agenda"] = "1.\tOpening\n2.\tPrices"
    result = _import(demo_db, tmp_path, json.dumps(package))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "salesdesk.deal/1", "title": "\\ud800", "account": "x"}', "lone surrogate"),
    ],
)
def test_hostile_json_is_one_line_and_exit_2(demo_db, tmp_path, text, said):
    before = _deals(demo_db)
    result = _import(demo_db, tmp_path, text)
    assert said in one_line_error(result)
    assert _deals(demo_db) == before


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["show", "99999999999999999999999"], "DEAL must be a deal's number"),
        (["--db", "foo://bar", "deals"], "foo is not a kind of database"),
        (["--db", "://", "deals"], "neither a file path nor a database URL"),
    ],
)
def test_former_tracebacks_are_one_line_and_exit_2(demo_db, argv, said):
    db = argv[0] != "--db"
    assert said in one_line_error(demo_db(*argv, db=db))


def test_a_pack_from_the_last_day_of_the_calendar_does_not_overflow(demo_db, tmp_path):
    result = demo_db("pack", "-o", str(tmp_path / "p.pdf"), "--from", "9999-12-31")
    assert "Traceback" not in result.stderr
    assert "there is no meeting from 9999-12-31 to 9999-12-31" in one_line_error(result)


def test_a_db_in_a_missing_folder_is_refused_naming_it(cli, tmp_path):
    line = one_line_error(cli("--db", str(tmp_path / "nope" / "x.db"), "deals", db=False))
    assert f"the folder {tmp_path / 'nope'} does not exist" in line
    assert not (tmp_path / "nope").exists()


def test_old_over_limit_data_is_kept_flagged_exported_and_cut_on_paper(demo_db, tmp_path):
    conn = sqlite3.connect(demo_db.db_path)
    conn.execute("UPDATE deal SET title = ? WHERE id = 1", ("Long " * 1000 + "END",))
    conn.execute("UPDATE batna SET description = ? WHERE deal_id = 1", ("why " * 5000,))
    conn.commit()
    conn.close()
    shown = demo_db("show", "1", "--json")
    assert shown.returncode == 0, shown.stderr
    warnings = json.loads(shown.stdout)["warnings"]
    assert {
        "code": "text_too_long",
        "message": "The title is 5,003 characters long; shorten it to at most 200",
        "term": None,
        "entry": None,
        "round": None,
    } in warnings
    exported = tmp_path / "deal.json"
    assert demo_db("export-deal", "1", "-o", str(exported)).returncode == 0
    assert json.loads(exported.read_text())["title"].endswith("END")
    brief = tmp_path / "brief.pdf"
    result = demo_db("brief", "1", "-o", str(brief))
    assert result.returncode == 0, result.stderr
    first_page = PdfReader(brief).pages[0].extract_text()
    assert "Long Long" in first_page and "…" in first_page and "END" not in first_page
    pack = demo_db(
        "pack", "-o", str(tmp_path / "pack.pdf"), "--from", "2000-01-01", "--to", "2100-01-01"
    )
    assert pack.returncode == 0, pack.stderr
