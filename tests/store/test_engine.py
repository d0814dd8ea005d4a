import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from salesdesk.store import engine as engine_module
from salesdesk.store.engine import open_database
from salesdesk.store.errors import DatabaseUnavailable, Problem

TODAY = date(2026, 11, 29)

# Opening SQLite files; the server's opening has its own tests.
pytestmark = pytest.mark.sqlite_file


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_a_new_path_becomes_a_database_and_says_so(tmp_path):
    notices: list[str] = []
    path = tmp_path / "new.db"
    db = open_database(str(path), notice=notices.append)
    db.close()
    assert db.created and path.exists()
    assert notices == [f"Creating a new SalesDesk database at {path}"]
    again = open_database(str(path), notice=notices.append)
    again.close()
    assert not again.created and len(notices) == 1


def test_a_path_in_a_missing_folder_is_refused_naming_the_folder(tmp_path):
    path = tmp_path / "typo" / "new.db"
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(str(path))
    assert f"the folder {tmp_path / 'typo'} does not exist" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_the_default_database_creates_its_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = open_database(None)
    db.close()
    assert db.path is not None and db.path.exists() and db.path.parent.parent.parent == tmp_path


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
    from salesdesk.store.deals import save_deal

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
            save_deal(db, DealSheet("x", "y"), today=TODAY)
        assert info.value.problem is Problem.LOCKED
        assert "locked by another program" in str(info.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        db.close()


def test_an_old_database_is_backed_up_then_migrated_keeping_every_row(tmp_path):
    from datetime import date

    from sqlalchemy import create_engine

    from salesdesk.domain.listing import DealQuery
    from salesdesk.store.deal_list import query_deals
    from salesdesk.store.deal_load import load_deal
    from salesdesk.store.migrate import SCHEMA_HEAD, upgrade

    path = tmp_path / "old.db"
    old = create_engine(f"sqlite:///{path}")
    upgrade(old, "0001")
    with old.begin() as conn:
        for sql in (
            "INSERT INTO account (id, name, name_key) VALUES (1, 'Société Générale', 'sg')",
            "INSERT INTO deal (id, uid, account_id, title, currency, status, stage, phase, owner,"
            " created_at, updated_at) VALUES (1, 'u1', 1, 'Kept', 'EUR', 'open', 'needs', 2, '',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            "INSERT INTO term (id, deal_id, position, name, unit, direction)"
            " VALUES (1, 1, 0, 'Price', '', 'higher_is_better')",
            "INSERT INTO ledger_entry (deal_id, position, giver, what, counterpart, status,"
            " needs_approval, approved, approved_by, term_id)"
            " VALUES (1, 0, 'us', 'discount', 'volume', 'accepted', 0, 0, '', 1)",
        ):
            conn.exec_driver_sql(sql)
    old.dispose()
    db = open_database(str(path))
    [backup] = tmp_path.glob(f"old.before-{SCHEMA_HEAD}.bak")
    sheet = load_deal(db, 1)
    assert [t.name for t in sheet.terms] == ["Price"]
    assert [(e.what, e.term) for e in sheet.ledger] == [("discount", "Price")]
    # the new search key was filled in: an accent-free search finds the deal
    assert [d.id for d in query_deals(db, DealQuery(text="societe"), date.today())] == [1]
    db.close()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(str(tmp_path))
    assert info.value.problem is Problem.CANNOT_OPEN


def test_an_in_memory_url_works():
    from datetime import date

    from salesdesk.store.deal_list import list_deals

    db = open_database("sqlite://")
    assert list_deals(db, date.today()) == []
    db.close()
