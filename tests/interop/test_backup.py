import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from salesdesk.domain.deal import DealSheet
from salesdesk.interop.backup import (
    BackupError,
    automatic_backup,
    check_backup,
    restore_backup,
    take_backup,
)
from salesdesk.interop.demo import add_samples
from salesdesk.store import repository as repo
from salesdesk.store.engine import open_database
from salesdesk.store.migrate import SCHEMA_HEAD
from salesdesk.store.repository import DealQuery

# Backups, checks and locks of SQLite files; the server has its own tests.
pytestmark = pytest.mark.sqlite_file

TODAY = date(2026, 11, 29)


def titles(path: Path) -> list[str]:
    db = open_database(str(path))
    try:
        return sorted(d.title for d in repo.query_deals(db, DealQuery(), TODAY))
    finally:
        db.close()


def test_a_backup_taken_while_another_connection_writes(db, db_path, tmp_path):
    add_samples(db, TODAY)
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        other = open_database(str(db_path))
        i = 0
        while not stop.is_set() and i < 300:
            repo.save_deal(other, DealSheet(f"Concurrent {i}", "Writer"), today=TODAY)
            written.append(i)
            i += 1
        other.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while len(written) < 20 and time.monotonic() < deadline:
            time.sleep(0.005)
        backup = take_backup(db_path, tmp_path / "live.db")
    finally:
        stop.set()
        thread.join()
    assert check_backup(backup) == SCHEMA_HEAD
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        count = conn.execute("SELECT count(*) FROM deal").fetchone()[0]
    assert 4 + 20 <= count <= 4 + len(written)


def test_only_the_last_seven_automatic_backups_are_kept(db, db_path):
    made = [automatic_backup(db_path) for _ in range(9)]
    kept = sorted((db_path.parent / "backups").glob("auto-*.db"))
    assert kept == sorted(made[-7:])


def test_restore_puts_the_backup_back_and_keeps_the_current_aside(db, db_path, tmp_path):
    add_samples(db, TODAY)
    backup = take_backup(db_path, tmp_path / "b.db")
    repo.save_deal(db, DealSheet("Made after the backup", "Acme"), today=TODAY)
    db.close()
    kept = restore_backup(backup, db_path)
    assert kept is not None and "Made after the backup" in titles(kept)
    assert "Made after the backup" not in titles(db_path)
    assert len(titles(db_path)) == 5


@pytest.mark.parametrize("kind", ["text", "foreign", "damaged", "newer"])
def test_restore_refuses_what_is_not_a_good_backup(db, db_path, tmp_path, kind):
    add_samples(db, TODAY)
    bad = tmp_path / f"{kind}.db"
    if kind == "text":
        bad.write_text("hello")
    elif kind == "foreign":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE contacts (name TEXT)")
    elif kind == "damaged":
        take_backup(db_path, bad)
        data = bytearray(bad.read_bytes())
        data[4096:] = b"\x13" * (len(data) - 4096)
        bad.write_bytes(bytes(data))
    else:
        take_backup(db_path, bad)
        with sqlite3.connect(bad) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    with pytest.raises(BackupError) as info:
        restore_backup(bad, db_path)
    assert str(bad) in str(info.value)
    assert db_path.read_bytes() == before  # untouched
    assert not list(tmp_path.glob("*.before-restore-*"))
