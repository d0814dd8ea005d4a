import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.listing import DealQuery
from salesdesk.interop.backup import (
    BackupError,
    automatic_backup,
    check_backup,
    restore_backup,
    take_backup,
)
from salesdesk.interop.demo import add_samples
from salesdesk.store import deal_list, deals
from salesdesk.store.engine import open_database
from salesdesk.store.migrate import SCHEMA_HEAD

# Backups, checks and locks of SQLite files; the server has its own tests.
pytestmark = pytest.mark.sqlite_file

TODAY = date(2026, 11, 29)


def titles(path: Path) -> list[str]:
    db = open_database(str(path))
    try:
        return sorted(d.title for d in deal_list.query_deals(db, DealQuery(), TODAY))
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
            deals.save_deal(other, DealSheet(f"Concurrent {i}", "Writer"), today=TODAY)
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


def test_start_up_backups_taken_with_the_clock_in_2031_never_push_out_the_new_ones(
    db, db_path, cli_env
):
    """Seven starts with the clock in 2031, then the clock set right: every new backup
    stays, and the seven kept are the last seven taken (file names and dates aside)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    # The clock of 2031 alone, not on top of the suite's own shifted clock (tools/test
    # runs the core a year ahead): libfaketime's settings of this process left out.
    env = {k: v for k, v in cli_env.items() if not k.startswith("FAKETIME") and k != "LD_PRELOAD"}
    taken = subprocess.run(
        [
            "faketime",
            "2031-06-01 12:00:00",
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from salesdesk.interop.backup import automatic_backup; "
            "[print(automatic_backup(Path(sys.argv[1]))) for _ in range(7)]",
            str(db_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    ).stdout.split()
    assert len(taken) == 7 and all("-2031" in name for name in taken)
    for _ in range(3):
        taken.append(str(automatic_backup(db_path)))
        assert Path(taken[-1]).exists()  # never deleted the moment it is written
    kept = sorted(str(p) for p in (db_path.parent / "backups").glob("auto-*.db"))
    assert kept == sorted(taken[-7:])


def test_files_named_like_backups_are_left_alone_and_never_push_ours_out(db, db_path):
    folder = db_path.parent / "backups"
    folder.mkdir()
    junk = [folder / f"auto-{db_path.stem}-2099123{i}-000000-000000.db" for i in range(7)]
    for path in junk:
        path.write_text("not a database, only named like one")
    foreign = folder / f"auto-{db_path.stem}-20991240-000000-000000.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (text)")
    made = [automatic_backup(db_path) for _ in range(9)]
    assert all(path.exists() for path in junk) and foreign.exists()
    ours = set(folder.glob("auto-*.db")) - {*junk, foreign}
    assert ours == set(made[-7:])
    for path in ours:
        assert check_backup(path) == SCHEMA_HEAD


def test_restore_puts_the_backup_back_and_keeps_the_current_aside(db, db_path, tmp_path):
    add_samples(db, TODAY)
    backup = take_backup(db_path, tmp_path / "b.db")
    deals.save_deal(db, DealSheet("Made after the backup", "Acme"), today=TODAY)
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
