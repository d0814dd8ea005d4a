"""Backup and restore of a server database, through pg_dump and pg_restore."""

import json

import pytest

from salesdesk.interop import server_backup
from salesdesk.interop.backup import BackupError

pytestmark = pytest.mark.server


def test_backup_and_restore_commands_on_the_server(cli, tmp_path):
    assert cli("demo").returncode == 0
    target = tmp_path / "team.dump"
    done = cli("backup", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"PGDMP")
    cli("demo", "--remove")
    assert json.loads(cli("deals", "--json").stdout) == []
    restored = cli("restore", str(target))
    assert restored.returncode == 0, restored.stderr
    assert "The previous database was kept at" in restored.stdout
    assert len(json.loads(cli("deals", "--json").stdout)) == 5
    not_a_dump = tmp_path / "notes.txt"
    not_a_dump.write_text("hello")
    line = cli("restore", str(not_a_dump)).stderr.strip()
    assert line == f"salesdesk: {not_a_dump} is not a PostgreSQL backup (pg_dump custom format)"


def test_without_the_tools_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setattr(server_backup, "pg_tool", lambda name: None)
    reason = server_backup.tools_missing()
    assert reason is not None and "pg_dump / pg_restore" in reason
    with pytest.raises(BackupError) as info:
        server_backup.server_backup("postgresql://rep@127.0.0.1/team", tmp_path / "x.dump")
    assert str(info.value) == reason
