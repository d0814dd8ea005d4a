"""A migration or a first creation killed at any point leaves a database that opens."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from salesdesk.store.migrate import SCHEMA_HEAD
from tests.conftest import sqlite_disk_full
from tests.faults.helpers import kill_while_opening, make_old_database, timed_open

DEALS = 4000
KILLS = int(os.environ.get("SALESDESK_KILLS", "8"))  # raise for a longer run


def _revision_and_deals(path: Path) -> tuple[str, int]:
    from salesdesk.store.engine import open_database

    db = open_database(str(path))
    db.close()
    conn = sqlite3.connect(path)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        deals = conn.execute("SELECT count(*) FROM deal").fetchone()[0]
    finally:
        conn.close()
    return revision, deals


@pytest.fixture(scope="module")
def old_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("old") / "old.db"
    make_old_database(path, DEALS)
    return path


def test_a_migration_killed_anywhere_leaves_the_previous_revision(old_db, tmp_path):
    rng = random.Random(14)
    probe = tmp_path / "probe" / "deals.db"
    probe.parent.mkdir()
    shutil.copy(old_db, probe)
    window = timed_open(probe) * 1.2
    killed = 0
    for run in range(KILLS):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        path = folder / "deals.db"
        shutil.copy(old_db, path)
        # Killed twice in a row, as a rep restarting at once would.
        for _ in range(2):
            killed += kill_while_opening(path, window, rng)
            conn = sqlite3.connect(path)
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            conn.close()
            assert revision in ("0001", SCHEMA_HEAD)
        # The next start simply migrates again, losing nothing.
        assert _revision_and_deals(path) == (SCHEMA_HEAD, DEALS)
        backups = [p for p in folder.iterdir() if p.suffix in (".bak", ".part")]
        assert len(backups) <= 1, backups
    print(f"\nmigration: {killed} of {2 * KILLS} kills landed mid-migration, 0 lost")
    assert killed >= KILLS // 2  # most kills landed inside the migration


def test_a_creation_killed_anywhere_leaves_nothing_or_a_whole_database(tmp_path):
    rng = random.Random(41)
    probe = tmp_path / "probe.db"
    window = timed_open(probe) * 1.2
    killed = 0
    for run in range(KILLS):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        path = folder / "deals.db"
        killed += kill_while_opening(path, window, rng)
        assert not path.exists() or _revision_and_deals(path)[0] == SCHEMA_HEAD
        assert _revision_and_deals(path) == (SCHEMA_HEAD, 0)
        leftovers = [p.name for p in folder.iterdir() if not p.name.startswith("deals.db")]
        assert leftovers == []
    print(f"\ncreation: {killed} of {KILLS} kills landed mid-creation, 0 lost")
    assert killed >= KILLS // 2


def test_an_import_killed_anywhere_imports_all_or_nothing(tmp_path):
    from salesdesk.store.engine import open_database

    rows = 3000
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(
        "Id,Name,Account.Name,Amount,CloseDate,StageName\n"
        + "".join(
            f"R{i},Deal {i},Account {i % 50},{i},2026-12-15,Qualification\n" for i in range(rows)
        )
    )
    template = tmp_path / "template.db"
    open_database(str(template)).close()
    probe = tmp_path / "probe" / "deals.db"
    probe.parent.mkdir()
    shutil.copy(template, probe)
    window = timed_open(probe, "import", str(csv_path)) * 1.2
    rng = random.Random(1414)
    killed = 0
    for run in range(KILLS):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        path = folder / "deals.db"
        shutil.copy(template, path)
        killed += kill_while_opening(path, window, rng, "import", str(csv_path))
        revision, deals = _revision_and_deals(path)
        assert revision == SCHEMA_HEAD and deals in (0, rows)
    print(f"\nimport: {killed} of {KILLS} kills landed mid-import, 0 half-imported")
    assert killed >= KILLS // 2


def test_a_migration_failing_half_way_leaves_the_previous_schema(tmp_path):
    """A disk filling up mid-migration (SQLite's own SQLITE_FULL, the file not allowed
    to grow): the migration's first index finds no room after its ALTER TABLE has run,
    and the ALTER TABLE is rolled back with it."""
    from salesdesk.store.engine import open_database
    from salesdesk.store.errors import DatabaseUnavailable, Problem

    path = tmp_path / "deals.db"
    make_old_database(path, 50)
    with sqlite_disk_full(), pytest.raises(DatabaseUnavailable) as info:
        open_database(str(path))
    assert info.value.problem is Problem.DISK_FULL
    assert "ix_deal_" in str(info.value.__cause__)  # failed at an index, after the DDL
    conn = sqlite3.connect(path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(deal)")}
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert "search_key" not in columns  # the ALTER TABLE was rolled back too
    conn.close()
    # Space freed: the next start migrates.
    assert _revision_and_deals(path) == (SCHEMA_HEAD, 50)
