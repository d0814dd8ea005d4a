"""Upgrades of a team server are the lead's (issue 23, section 5): a rep's app never
migrates a team server, it says the server needs `salesdesk team upgrade`; the lead's
upgrade takes a pg_dump first, then migrates under an advisory lock; an app older than
its server says so in those words, also when it syncs."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from salesdesk.interop import sync
from salesdesk.store.engine import open_database
from salesdesk.store.errors import DatabaseUnavailable
from salesdesk.store.migrate import SCHEMA_HEAD, alembic_config
from tests.conftest import server_url
from tests.team import test_rls
from tests.team.test_rls import sql

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
PREVIOUS = "0017"  # the schema of the release before this one


def revision(url: str) -> str:
    return sql(url, "SELECT version_num FROM alembic_version")[0][0]


def downgrade(superuser: str, to: str) -> None:
    engine = create_engine(superuser)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, to)
    finally:
        engine.dispose()


def sync_refused(folder, url: str) -> str:
    """What a laptop's sync with the server at `url` says when it is refused."""
    laptop = open_database(str(folder / "laptop.db"))
    try:
        with pytest.raises(sync.SyncError) as said:
            sync.sync(laptop, url)
    finally:
        laptop.close()
    return str(said.value)


def test_a_reps_app_never_upgrades_the_server_the_lead_does(team, cli, tmp_path):
    urls, _roles = team
    superuser = server_url(make_url(urls["a"]).database)
    downgrade(superuser, PREVIOUS)
    # the rep's app and command line: one line naming the lead's command, nothing migrated
    with pytest.raises(DatabaseUnavailable) as refused:
        open_database(urls["a"])
    assert "needs an upgrade that only the team's lead makes" in str(refused.value)
    assert "salesdesk team upgrade" in str(refused.value)
    listed = cli("--db", urls["a"], "deals", db=False)
    assert listed.returncode == 2 and "salesdesk team upgrade" in listed.stderr
    assert "Traceback" not in listed.stderr
    said = sync_refused(tmp_path, urls["a"])
    assert "salesdesk team upgrade" in said and "cannot be reached" not in said
    # a rep may not run the lead's upgrade either
    by_rep = cli("--db", urls["a"], "team", "upgrade", db=False)
    assert by_rep.returncode == 2 and "Only the team's lead" in by_rep.stderr
    assert revision(superuser) == PREVIOUS
    # the lead: a backup first, then the upgrade
    backup = tmp_path / "before.dump"
    done = cli("team", "upgrade", "--backup", str(backup))
    assert done.returncode == 0, done.stderr
    assert backup.read_bytes().startswith(b"PGDMP")
    assert f"{PREVIOUS} → {SCHEMA_HEAD}" in done.stdout
    assert revision(superuser) == SCHEMA_HEAD
    open_database(urls["a"]).close()  # the rep works again
    again = cli("team", "upgrade")
    assert again.returncode == 0 and "is up to date" in again.stdout


def test_an_app_older_than_its_server_says_so(team, tmp_path):
    urls, _roles = team
    superuser = server_url(make_url(urls["a"]).database)
    engine = create_engine(superuser)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseUnavailable) as refused:
        open_database(urls["a"])
    assert "was upgraded by a newer SalesDesk than this one" in str(refused.value)
    said = sync_refused(tmp_path, urls["a"])
    assert "was upgraded by a newer SalesDesk" in said and "cannot be reached" not in said


def test_the_upgrade_takes_the_servers_migration_lock(team):
    """While another session holds the migration lock, an upgrade waits for it (here:
    gives up at its lock timeout) and migrates nothing."""
    import psycopg

    from salesdesk.store.errors import LOCK_NOT_AVAILABLE, sqlstate
    from salesdesk.store.migrate import MIGRATION_LOCK

    urls, _roles = team
    superuser = server_url(make_url(urls["a"]).database)
    downgrade(superuser, PREVIOUS)
    plain = superuser.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(plain) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        engine = create_engine(superuser, connect_args={"options": "-c lock_timeout=500"})
        try:
            from salesdesk.store.migrate import upgrade

            with pytest.raises(Exception) as waited:
                upgrade(engine)
        finally:
            engine.dispose()
    # Its code, not its words: a server's messages are in its own language.
    assert sqlstate(waited.value) == LOCK_NOT_AVAILABLE, waited.value
    assert revision(superuser) == PREVIOUS
