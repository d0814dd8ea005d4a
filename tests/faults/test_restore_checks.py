"""Restore refuses what it cannot use, leaving everything as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from salesdesk.interop.backup import BackupError, restore_backup, take_backup
from salesdesk.store.engine import open_database
from salesdesk.store.migrate import SCHEMA_HEAD
from tests.faults.helpers import make_old_database

# Backups and restores are of SQLite files (a server has its own, tests/team).
pytestmark = pytest.mark.sqlite_file


def _foreign(path: Path, revision: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE deal (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    conn.execute("INSERT INTO deal(title) VALUES ('not ours')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("revision", [SCHEMA_HEAD, "0006", "0001"])
def test_a_foreign_sqlite_file_with_a_deal_table_is_refused(tmp_path, revision):
    db_path = tmp_path / "deals.db"
    open_database(str(db_path)).close()
    before = db_path.read_bytes()
    foreign = tmp_path / "foreign.db"
    _foreign(foreign, revision)
    with pytest.raises(BackupError, match="tables do not match"):
        restore_backup(foreign, db_path)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("deals.db")) == [
        "foreign.db"
    ]


def test_an_old_real_backup_is_still_restored(tmp_path):
    old = tmp_path / "old.db"
    make_old_database(old, 20)
    db_path = tmp_path / "deals.db"
    open_database(str(db_path)).close()
    restore_backup(old, db_path)
    db = open_database(str(db_path))
    db.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM deal").fetchone()[0] == 20
    conn.close()


def test_restoring_into_a_folder_is_refused_and_the_folder_left_alone(tmp_path, cli):
    db_path = tmp_path / "deals.db"
    open_database(str(db_path)).close()
    backup = take_backup(db_path, tmp_path / "good.db")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me")
    result = cli("--db", str(folder), "restore", str(backup), db=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "is a folder" in result.stderr
    assert (folder / "mine.txt").read_text() == "keep me"
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("deals.db-"))
    assert names == ["deals.db", "folder", "good.db"]
