"""A team server that speaks French (`lc_messages = 'fr_FR.UTF-8'`): each trouble of the
server still becomes its clear sentence, since troubles are sorted by SQLSTATE and by
libpq's own flags, never by the server's words.

The server is one of the test's own (initdb, seconds): the language of a refused login is
the server's setting, before any database's or role's applies.
"""

from __future__ import annotations

import locale
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from salesdesk.domain.deal import DealSheet
from salesdesk.interop import sync
from salesdesk.store import deal_list, deal_load, deals, team
from salesdesk.store import engine as engine_module
from salesdesk.store.engine import open_database
from salesdesk.store.errors import Busy, Clash, DatabaseUnavailable, Problem

pytestmark = pytest.mark.server

FRENCH = "fr_FR.UTF-8"
TODAY = date(2026, 11, 30)


def _pg_bin() -> Path:
    given = os.environ.get("SALESDESK_TEST_PG_BIN")
    found = [Path(given)] if given else sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    for folder in found:
        if (folder / "initdb").exists():
            return folder
    pytest.skip("PostgreSQL's server programs are not installed")


def _has_locale(name: str) -> bool:
    saved = locale.setlocale(locale.LC_MESSAGES)
    try:
        locale.setlocale(locale.LC_MESSAGES, name)
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_MESSAGES, saved)
    return True


class FrenchServer:
    """A throwaway PostgreSQL server whose messages are in French, on a loopback port."""

    def __init__(self, folder: Path) -> None:
        self.bin = _pg_bin()
        self.folder = folder
        self.data = folder / "data"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # initdb and the server refuse root: they run as postgres, in a folder it owns.
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]

    def run(self, *argv: str) -> None:
        # A server keeps its own clock: not the one tools/test moves for the tests.
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and "FAKETIME" not in k}
        subprocess.run(
            [*self.as_owner, *argv], check=True, capture_output=True, timeout=120, env=env
        )

    def start(self) -> None:
        self.run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            f"--lc-messages={FRENCH}",
        )
        # Members of pw_login give their password (as on tools/test's server).
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            "local all +pw_login scram-sha-256\n"
            "host all +pw_login 127.0.0.1/32 scram-sha-256\n" + hba.read_text()
        )
        self.resume()
        self.admin("CREATE ROLE pw_login NOLOGIN")

    def pg_ctl(self, *argv: str) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", *argv)

    def resume(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self.pg_ctl("start", "-l", str(self.folder / "log"), "-o", options)

    def stop(self) -> None:
        self.pg_ctl("stop", "-m", "fast")

    def url(self, database: str = "postgres", role: str = "postgres", password: str = "") -> str:
        login = f"{role}:{password}" if password else role
        return f"postgresql://{login}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> list[tuple[object, ...]]:
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(sql)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f'CREATE DATABASE "{name}"')
        open_database(self.url(name)).close()  # migrated, as the team's owner would
        return name


@pytest.fixture(scope="module")
def french() -> Iterator[FrenchServer]:
    if not _has_locale(FRENCH):
        pytest.skip(f"the {FRENCH} locale is not installed (tools/bootstrap.sh makes it)")
    folder = Path(tempfile.mkdtemp(prefix="salesdesk-fr-"))
    server = FrenchServer(folder)
    try:
        server.start()
        # The server really speaks French, or this whole module would prove nothing.
        with pytest.raises(psycopg.OperationalError, match="n'existe pas"):
            psycopg.connect(server.url("nulle_part")).close()
        yield server
    finally:
        if (server.data / "postmaster.pid").exists():
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock waited for 0.3 s instead of 5 before the rep is told."""
    monkeypatch.setattr(engine_module, "LOCK_TIMEOUT_MS", 300)


def test_a_refused_password_a_missing_one_and_a_missing_database_are_told_apart(
    french, tmp_path, monkeypatch
):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    database = french.new_database()
    french.admin("CREATE ROLE camille LOGIN PASSWORD 'cheval correct' IN ROLE pw_login")
    try:
        said = {}
        for case, url in {
            "wrong": french.url(database, "camille", "cheval faux"),
            "none": french.url(database, "camille"),
            "no database": french.url("nulle_part", "camille", "cheval correct"),
            "no server": f"postgresql://camille@127.0.0.1:{_closed_port()}/{database}",
        }.items():
            with pytest.raises(sync.SyncError) as info:
                sync.open_server(url)
            said[case] = str(info.value)
        assert "The team server refused the password of role camille" in said["wrong"]
        assert "The team server asks for the password of role camille" in said["none"]
        # The right password, a database that does not exist: not a password problem.
        assert said["no database"].startswith("The team server cannot be reached")
        assert "n'existe pas" in said["no database"]  # the server's own words, in French
        assert said["no server"].startswith("The team server cannot be reached")
    finally:
        french.admin("DROP ROLE camille")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _refused_save(french: FrenchServer, database: str) -> DatabaseUnavailable:
    """The trouble a new deal's save on `database` raises."""
    db = open_database(french.url(database))
    try:
        with pytest.raises(DatabaseUnavailable) as info:
            deals.save_deal(db, DealSheet("Fleet renewal", "Acme"), today=TODAY)
    finally:
        db.close()
    return info.value


def test_a_read_only_server_is_said(french):
    database = french.new_database()
    french.admin(f'ALTER DATABASE "{database}" SET default_transaction_read_only = on')
    refused = _refused_save(french, database)
    assert refused.problem is Problem.READ_ONLY
    assert str(refused).startswith(f"The server's database {refused.location} accepts no changes")


def test_a_lock_held_too_long_and_a_serialization_failure_are_busy(french, short_waits):
    database = french.new_database()
    db = open_database(french.url(database))
    try:
        deal_id = deals.save_deal(db, DealSheet("Fleet renewal", "Acme"), today=TODAY)
        sheet = deal_load.load_deal(db, deal_id)
        with psycopg.connect(french.url(database)) as holder:
            holder.execute("SELECT id FROM deal WHERE id = %s FOR UPDATE", (deal_id,))
            with pytest.raises(Busy) as info:
                deals.save_deal(db, sheet, today=TODAY)
            assert str(info.value) == (
                f"Deal {deal_id} is being saved by someone else; try again in a moment."
            )
        # A server that runs every transaction serializable: a row changed by someone
        # else since this transaction began cannot be written; trying again works.
        serializable = "SET default_transaction_isolation = serializable"
        french.admin(f'ALTER DATABASE "{database}" {serializable}')
        db.engine.dispose()
        other = psycopg.connect(french.url(database), autocommit=True)
        try:
            with pytest.raises(Busy) as info, db.transaction() as session:
                session.execute(text("SELECT title FROM deal WHERE id = :id"), {"id": deal_id})
                other.execute("UPDATE deal SET title = 'Theirs' WHERE id = %s", (deal_id,))
                session.execute(
                    text("UPDATE deal SET title = 'Mine' WHERE id = :id"), {"id": deal_id}
                )
        finally:
            other.close()
        assert str(info.value) == (
            "The database is busy with someone else's change; try again in a moment."
        )
    finally:
        db.close()


def test_a_change_the_servers_rules_refuse_is_said(french):
    database = french.new_database()
    owner = open_database(french.url(database))
    rep = f"rep_{uuid.uuid4().hex[:8]}"
    try:
        team.init(owner)
        team.add_member(owner, rep, manager=False)
    finally:
        owner.close()
    db = open_database(french.url(database, rep))
    try:
        with pytest.raises(Clash) as info:
            team.set_visibility(db, "private")  # a manager's setting
    finally:
        db.close()
        french.admin(f'DROP DATABASE "{database}" WITH (FORCE)')
        french.admin(f'DROP ROLE "{rep}"')
    assert str(info.value).startswith("The server refused this change: your role may not make it")


def test_a_full_disk_on_the_server_is_said(french):
    """The deal table on a 1 MB file system that something else filled."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    small = french.folder / "small"  # where the server's user may reach it
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(small)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    database = ""
    try:
        shutil.chown(small, "postgres", "postgres")
        french.admin(f"CREATE TABLESPACE small LOCATION '{small}'")
        database = french.new_database()
        french.admin("ALTER TABLE deal SET TABLESPACE small", database)
        with (small / "filler").open("wb") as filler, pytest.raises(OSError):
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        refused = _refused_save(french, database)
        assert refused.problem is Problem.DISK_FULL
        assert str(refused) == (
            f"The disk of the server holding {refused.location} is full; ask its administrator "
            "to free some space."
        )
    finally:
        if database:
            french.admin(f'DROP DATABASE "{database}" WITH (FORCE)')
        french.admin("DROP TABLESPACE IF EXISTS small")
        subprocess.run(["umount", "-l", str(small)], check=False)


def test_damaged_data_on_the_server_is_said(french):
    """A page of the deal table damaged on the server's disk (the server stopped meanwhile)."""
    database = french.new_database()
    db = open_database(french.url(database))
    try:
        deals.save_deal(db, DealSheet("Fleet renewal", "Acme"), today=TODAY)
    finally:
        db.close()
    [(relative,)] = french.admin("SELECT pg_relation_filepath('deal')", database)
    french.admin("CHECKPOINT")
    french.stop()
    try:
        with (french.data / str(relative)).open("r+b") as heap:
            heap.write(b"\xff" * 24)  # the page header: its free-space pointers impossible
    finally:
        french.resume()
    db = open_database(french.url(database))
    try:
        with pytest.raises(DatabaseUnavailable) as info:
            deal_list.list_deals(db, TODAY)
    finally:
        db.close()
    assert info.value.problem is Problem.CORRUPT
    assert str(info.value).startswith(f"The server's database {db.location} reports damaged data")
