"""The team's commands show the bidirectional overrides a deal's title may hold (our
entrances accept them: right-to-left text uses them) rather than letting them reorder
the line: a sync's conflict line and its settling, the approvals queue."""

from __future__ import annotations

import pytest

from salesdesk.interop.sync import conflict_uid
from salesdesk.store import sync_state as st
from salesdesk.store.engine import open_database
from tests.cli.test_terminal_safety import assert_shown_not_obeyed
from tests.team import test_rls
from tests.team.test_approvals_cli import save_waiting
from tests.team.test_sync import add_deals, edit, laptops, run_cli, url

pytestmark = [pytest.mark.server]
team = test_rls.team
__all__ = ["laptops", "team", "url"]  # fixtures

# "From B (gpj.exe" shown to the reader as "From B (exe.jpg": an override hiding a name.
HIDING = "From B \u202egpj.exe\u202c \u2066x\u2069"


def test_a_conflict_line_and_its_settling_show_the_overrides(laptops, url, cli_env):
    a, b = laptops
    add_deals(a, 1)
    a.close(), b.close()
    assert run_cli(cli_env, "--db", a.location, "sync", "--server", url).returncode == 0
    assert run_cli(cli_env, "--db", b.location, "sync", "--server", url).returncode == 0
    for location, title in ((a.location, "From A"), (b.location, HIDING)):
        db = open_database(location)
        try:
            edit(db, sorted(st.deals(db))[0], lambda s, title=title: setattr(s, "title", title))
        finally:
            db.close()
    assert run_cli(cli_env, "--db", a.location, "sync").returncode == 0
    clash = run_cli(cli_env, "--db", b.location, "sync")
    assert clash.returncode == 2
    assert_shown_not_obeyed(clash)
    assert "\\u202egpj.exe" in clash.stderr
    db = open_database(b.location)
    try:
        conflict_uid(db, "1")  # the conflict is pending, as the line says
    finally:
        db.close()
    settled = run_cli(cli_env, "--db", b.location, "sync", "--take", "mine", "1")
    assert settled.returncode == 0, settled.stderr
    assert_shown_not_obeyed(settled)


def test_the_approvals_queue_shows_the_overrides(team, cli_env):
    urls, _roles = team
    save_waiting(urls["a"], HIDING, "Free year \u202eraey eerf", account=HIDING)
    for args in (("approvals",), ("approvals", "--json")):
        listed = run_cli(cli_env, "--db", urls["m"], *args)
        assert listed.returncode == 0, listed.stderr
        assert_shown_not_obeyed(listed)
        assert "gpj.exe" in listed.stdout
