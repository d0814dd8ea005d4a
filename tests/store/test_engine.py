import hashlib
import sqlite3
from pathlib import Path

import pytest

from salesdesk.store import engine as engine_module
from salesdesk.store.engine import open_database
from salesdesk.store.errors import DatabaseUnavailable, Problem


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_a_new_path_becomes_a_database_and_says_so(tmp_path):
    notices: list[str] = []
    path = tmp_path / "sub" / "new.db"
    db = open_database(str(path), notice=notices.append)
    db.close()
    assert db.created and path.exists()
    assert notices == [f"Creating a new SalesDesk database at {path}"]
    again = open_database(str(path), notice=notices.append)
    again.close()
    assert not again.created and len(notices) == 1


def test_a_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my shopping list")
    before = fingerprint(path)
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(str(path))
    assert info.value.problem is Problem.NOT_SALESDESK
    assert "not a SalesDesk database" in str(info.value)
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(str(path))
    assert info.value.problem is Problem.NOT_SALESDESK
    assert fingerprint(path) == before
    journal = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "delete"  # not even switched to WAL


def test_a_damaged_database_is_reported_as_such(tmp_path):
    path = tmp_path / "damaged.db"
    open_database(str(path)).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(str(path))
    assert info.value.problem is Problem.CORRUPT


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    open_database(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(str(path))
    assert info.value.problem is Problem.TOO_NEW


def test_a_locked_database_gives_a_clear_error(tmp_path, monkeypatch):
    from salesdesk.domain.deal import DealSheet
    from salesdesk.store.repository import save_deal

    path = tmp_path / "locked.db"
    db = open_database(str(path))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout=100")
        monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
        db.engine.dispose()  # new connections get the short timeout
        with pytest.raises(DatabaseUnavailable) as info:
            save_deal(db, DealSheet("x", "y"))
        assert info.value.problem is Problem.LOCKED
        assert "locked by another program" in str(info.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        db.close()


def test_a_schema_change_is_preceded_by_a_backup(tmp_path, monkeypatch):
    from salesdesk.domain.deal import DealSheet
    from salesdesk.store.repository import list_deals, save_deal

    path = tmp_path / "old.db"
    db = open_database(str(path))
    save_deal(db, DealSheet("Kept", "Acme"))
    db.close()
    upgrades: list[object] = []
    monkeypatch.setattr(engine_module, "SCHEMA_HEAD", "0002")
    monkeypatch.setattr(engine_module, "KNOWN_REVISIONS", ("0001", "0002"))
    monkeypatch.setattr(engine_module, "upgrade", upgrades.append)
    open_database(str(path)).close()
    assert len(upgrades) == 1
    [backup] = tmp_path.glob("old.before-0002.*.bak")
    from datetime import date

    monkeypatch.undo()
    restored = open_database(str(backup))
    assert [r.title for r in list_deals(restored, date.today())] == ["Kept"]
    restored.close()


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(str(tmp_path))
    assert info.value.problem is Problem.CANNOT_OPEN


def test_an_in_memory_url_works():
    from datetime import date

    from salesdesk.store.repository import list_deals

    db = open_database("sqlite://")
    assert list_deals(db, date.today()) == []
    db.close()
