"""Damage is found, reported, never written into and never copied over a good backup."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from salesdesk.interop.backup import DamagedDatabase, automatic_backup, check_backup
from salesdesk.store.engine import open_database
from tests.faults.helpers import damage_deal_page, make_old_database

# Damage to a SQLite file and its backups (a server's: tests/store/test_server_in_french).
pytestmark = pytest.mark.sqlite_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "deals.db"
    make_old_database(path, 300)
    open_database(str(path)).close()
    return path


def test_the_cli_reports_damage_instead_of_reading_or_writing(damaged, cli, tmp_path):
    good = automatic_backup(damaged)
    damage_deal_page(damaged)
    before = digest(damaged)
    csv_path = tmp_path / "export.csv"
    csv_path.write_text("Id,Name,Account.Name,Amount,StageName\nR1,New,X,10,Qualification\n")
    for argv in (["show", "1"], ["deals"], ["import", str(csv_path)], ["demo"]):
        result = cli("--db", str(damaged), *argv, db=False)
        assert result.returncode == 2, (argv, result.stdout, result.stderr)
        assert "is damaged" in result.stderr and "Traceback" not in result.stderr
        assert "There is no deal" not in result.stderr
    assert digest(damaged) == before
    assert good.exists()


def test_a_backup_of_a_damaged_database_exits_2_and_writes_nothing(damaged, cli, tmp_path):
    damage_deal_page(damaged)
    out = tmp_path / "copy.db"
    for extra in ([], ["-o", str(out)]):
        result = cli("--db", str(damaged), "backup", *extra, db=False)
        assert result.returncode == 2, result.stderr
        assert "is damaged" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    backups = damaged.parent / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []
    assert list(tmp_path.rglob("*.part")) == []


def test_start_up_backups_of_a_damaged_database_never_push_out_the_good_ones(damaged):
    good = [automatic_backup(damaged) for _ in range(7)]
    damage_deal_page(damaged)
    for _ in range(7):
        with pytest.raises(DamagedDatabase):
            automatic_backup(damaged)
    folder = damaged.parent / "backups"
    assert sorted(folder.iterdir()) == sorted(good)
    for backup in good:
        check_backup(backup)


def test_a_quit_stops_the_check_of_the_start_up_copy_and_drops_it(damaged):
    import threading

    from salesdesk.interop.backup import BackupCancelled

    good = automatic_backup(damaged)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(BackupCancelled):
        automatic_backup(damaged, cancel=cancel)
    assert sorted((damaged.parent / "backups").iterdir()) == [good]
