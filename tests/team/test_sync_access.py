"""Who may sync what: a rep whose password the server refuses gets one line and nothing
moves; a deal the server stops showing to a rep leaves the rep's laptop (or, edited
there meanwhile, becomes a conflict the rep settles)."""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy.engine import make_url

from salesdesk.interop import sync
from salesdesk.interop.demo import sample_sheets
from salesdesk.store import repository as repo
from salesdesk.store import sync_state as st
from salesdesk.store.engine import Database, open_database
from tests.conftest import server_url
from tests.team import test_rls
from tests.team.test_sync import add_deals, by_uid, deal, edit, run_cli

pytestmark = [pytest.mark.server]
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date.today()


def write_pgpass(home, url: str, password: str) -> None:
    """The rep's libpq password file, as the Team dialog tells them to write it."""
    parsed = make_url(url)
    home.mkdir(parents=True, exist_ok=True)
    path = home / ".pgpass"
    path.write_text(f"{parsed.host}:{parsed.port}:{parsed.database}:{parsed.username}:{password}\n")
    os.chmod(path, 0o600)


@pytest.fixture
def pw_rep(team, cli, server):
    """A rep role that must give its password (the test server asks it of pw_login's
    members): its URL, without the password, and the password."""
    urls, _roles = team
    role = f"pw_{uuid.uuid4().hex[:8]}"
    assert cli("team", "add-rep", role).returncode == 0
    server.admin(f"ALTER ROLE \"{role}\" PASSWORD 'right horse'")
    server.admin(f'GRANT pw_login TO "{role}"')
    yield server_url(make_url(urls["a"]).database, role), "right horse"
    server.drop_all()  # the database first: the role's grants are in it
    server.admin(f'DROP ROLE IF EXISTS "{role}"')


def server_deals(url: str) -> dict:
    superuser = server_url(make_url(url).database)
    db = open_database(superuser)
    try:
        return by_uid(db)
    finally:
        db.close()


def test_a_refused_password_is_one_line_and_moves_nothing(pw_rep, tmp_path, cli_env):
    url, password = pw_rep
    laptop = open_database(str(tmp_path / "laptop.db"))
    add_deals(laptop, 2)
    laptop.close()
    before = server_deals(url)
    home = tmp_path / "home"
    assert cli_env["HOME"] == str(home)

    wrong = url.replace("@", ":not-this-one@", 1)
    missing_file = (url, "asks for the password of role")
    for given, said in ((wrong, "refused the password of role"), missing_file):
        done = run_cli(cli_env, "--db", str(tmp_path / "laptop.db"), "sync", "--server", given)
        assert done.returncode == 2, done.stdout
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and said in lines[0], done.stderr
        assert "Traceback" not in done.stderr and "cannot be reached" not in done.stderr
    write_pgpass(home, url, "an old password")
    done = run_cli(cli_env, "--db", str(tmp_path / "laptop.db"), "sync", "--server", url)
    assert done.returncode == 2 and "refused the password" in done.stderr
    # Nothing changed on either side.
    assert server_deals(url) == before
    laptop = open_database(str(tmp_path / "laptop.db"))
    try:
        assert sync.waiting(laptop) == 2 and sync.last_sync(laptop) is None
        assert sync.server_setting(laptop) is None
    finally:
        laptop.close()

    write_pgpass(home, url, password)  # the right one, where libpq looks for it
    done = run_cli(cli_env, "--db", str(tmp_path / "laptop.db"), "sync", "--server", url)
    assert done.returncode == 0, done.stderr
    assert "2 sent" in done.stdout
    assert len(server_deals(url)) == len(before) + 2
    laptop = open_database(str(tmp_path / "laptop.db"))
    try:
        assert sync.waiting(laptop) == 0 and sync.server_setting(laptop) == url
    finally:
        laptop.close()
