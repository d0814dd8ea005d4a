"""Who may sync what: a rep whose password the server refuses gets one line and nothing
moves; a deal the server stops showing to a rep leaves the rep's laptop (or, edited
there meanwhile, becomes a conflict the rep settles)."""

from __future__ import annotations

import os
import uuid
from datetime import date

import pytest
from sqlalchemy.engine import make_url

from salesdesk.interop import sync
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


def titles(db: Database) -> dict[str, str]:
    return {uid: s.title for uid, s in by_uid(db).items()}


def test_deals_no_longer_shown_to_a_rep_leave_the_laptop_or_become_a_conflict(
    team, tmp_path, cli_env
):
    """Team visibility, then private: rep b's laptop loses its untouched copies of a's
    deals, keeps the ones b edited meanwhile as conflicts (kept as b's own new deal, or
    dropped); a deal that changes hands leaves its former owner's laptop too."""
    urls, roles = team
    a, b = (open_database(str(tmp_path / f"{name}-laptop.db")) for name in ("a", "b"))
    try:
        add_deals(a, 3, prefix="A's ")
        assert sync.sync(a, urls["a"]).sent == 3
        assert sync.sync(b, urls["b"]).received == 3
        first, second, third = sorted(st.deals(b), key=lambda uid: deal(b, uid).title)
        edit(b, second, lambda s: setattr(s, "title", "Edited on B"))
        edit(b, third, lambda s: setattr(s, "title", "Also edited on B"))
        on_server = server_deals(urls["a"])

        assert run_cli(cli_env, "--db", urls["m"], "team", "visibility", "private").returncode == 0
        b.close()
        done = run_cli(cli_env, "--db", b.location, "sync")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert "1 no longer shared with you on the server, removed here." in done.stdout
        lines = done.stderr.splitlines()
        assert len(lines) == 2 and all("is no longer shared with you" in x for x in lines)
        assert "Edited on B" in done.stderr and "--take mine" in done.stderr
        b = open_database(b.location)
        assert set(st.deals(b)) == {second, third}  # the untouched copy is gone
        assert server_deals(urls["a"]) == on_server  # nothing changed on the server
        # Reported again until settled, both copies kept.
        again = sync.sync(b)
        assert {c.uid for c in again.conflicts} == {second, third} and again.unshared == 0
        assert {c.kind for c in sync.pending_conflicts(b)} == {sync.Kind.UNSEEN}

        kept = sync.resolve(b, second, sync.Take.MINE)
        assert "your own new deal" in kept
        assert "dropped" in sync.resolve(b, third, sync.Take.THEIRS)
        report = sync.sync(b)
        assert report.ok and report.sent == 1 and report.moved == 1
        assert list(titles(b).values()) == ["Edited on B"]
        mine_uid = next(iter(st.deals(b)))
        assert mine_uid not in (first, second, third)
        after = server_deals(urls["a"])
        assert after[mine_uid].title == "Edited on B" and len(after) == 4
        assert {uid: after[uid] for uid in on_server} == on_server  # a's deals as they were
        assert sync.sync(a).moved == 0  # b's new deal is b's alone
        assert sync.sync(b).moved == 0

        # The deal changes hands (to a): it leaves b's laptop, untouched there.
        test_rls.sql(
            urls["m"], "UPDATE deal SET owner_role = %s WHERE uid = %s", roles["a"], mine_uid
        )
        report = sync.sync(b)
        assert report.ok and report.unshared == 1 and st.deals(b) == {}
        assert sync.waiting(b) == 0 and sync.pending_conflicts(b) == []
        assert sync.sync(a).received == 1 and titles(a)[mine_uid] == "Edited on B"
    finally:
        a.close(), b.close()


def test_a_lead_who_may_not_create_roles_is_told_so_in_one_line(server, cli_env):
    """The README's first steps with a database owner lacking CREATEROLE: `team add-rep`
    says what is missing instead of a traceback."""
    lead = f"lead_{uuid.uuid4().hex[:8]}"
    server.admin(f'CREATE ROLE "{lead}" LOGIN')
    database = server.new_database()
    server.admin(f'ALTER DATABASE "{database}" OWNER TO "{lead}"')
    url = server_url(database, lead)
    try:
        assert run_cli(cli_env, "--db", url, "deals").returncode == 0
        run_cli(cli_env, "--db", url, "team", "init")  # the group roles may exist already
        done = run_cli(cli_env, "--db", url, "team", "add-rep", f"rep_{lead}")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        # The server's own reason between ours, in its language (lc_messages).
        (line,) = done.stderr.splitlines()
        assert line.startswith(
            f"salesdesk: The server refused to create or grant the role rep_{lead}: "
        ), line
        assert line.endswith(
            ". Run this as a role with CREATEROLE "
            "(createuser --createrole LEAD, by the server's administrator)."
        ), line
        assert ".." not in line
    finally:
        server.drop_all()
        server.admin(f'DROP ROLE IF EXISTS "{lead}"')
