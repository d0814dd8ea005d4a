"""SQLite's troubles are sorted by SQLite's result codes, never by the words of a message:
each real failure of a real file becomes its clear sentence, and a message that merely
reads like one (a rule of the database quoting those words) is not taken for it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from salesdesk.interop.crm_csv import parse_file
from salesdesk.store import crm_import
from salesdesk.store.engine import open_database
from salesdesk.store.errors import DatabaseUnavailable, Problem, classify
from tests.conftest import sqlite_disk_full

pytestmark = pytest.mark.sqlite_file


def _raised(target: Path | str, sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        conn = sqlite3.connect(target, uri=isinstance(target, str))
        try:
            conn.execute(sql)
            conn.commit()
        finally:
            conn.close()
    return info.value


def test_each_real_sqlite_failure_is_sorted_by_its_code(tmp_path):
    path = tmp_path / "deals.db"
    open_database(str(path)).close()
    read_only = f"{path.resolve().as_uri()}?mode=ro"
    said = {
        Problem.READ_ONLY: _raised(read_only, "DELETE FROM deal"),
        Problem.CANNOT_OPEN: _raised(tmp_path / "no" / "such.db", "SELECT 1"),
    }
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all " * 200)
    said[Problem.CORRUPT] = _raised(garbage, "SELECT * FROM sqlite_master")
    for problem, error in said.items():
        found = classify(error, str(path))
        assert found is not None and found.problem is problem, (problem, error)


def test_a_rule_quoting_the_words_of_a_trouble_is_not_that_trouble(tmp_path):
    path = tmp_path / "deals.db"
    open_database(str(path)).close()
    conn = sqlite3.connect(path)
    for words in ("database is locked", "database or disk is full", "readonly database"):
        conn.execute("DROP TRIGGER IF EXISTS rule")
        conn.execute(
            "CREATE TRIGGER rule BEFORE INSERT ON account "
            f"BEGIN SELECT RAISE(ABORT, '{words}'); END"
        )
        with pytest.raises(sqlite3.IntegrityError) as info:
            conn.execute("INSERT INTO account(name, name_key) VALUES ('A', 'a')")
        assert str(info.value) == words
        assert classify(info.value, str(path)) is None  # a rule of ours, not the user's disk
    conn.close()


def test_an_import_on_a_full_disk_is_said_and_imports_nothing(tmp_path):
    path = tmp_path / "deals.db"
    open_database(str(path)).close()
    crm = parse_file(
        (
            "Id,Name,Account.Name,Amount,CloseDate,StageName\n"
            + "".join(
                f"R{i},Deal {i},Account {i},{i},2026-12-15,Qualification\n" for i in range(500)
            )
        ).encode()
    )
    db = open_database(str(path))
    try:
        with sqlite_disk_full(), pytest.raises(DatabaseUnavailable) as info:
            crm_import.apply_crm_import(db, "salesforce", crm.deals, by_record_id=True)
        assert info.value.problem is Problem.DISK_FULL
        assert str(info.value) == f"The disk holding {path} is full; free some space and try again."
    finally:
        db.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM deal").fetchone() == (0,)
    conn.close()
