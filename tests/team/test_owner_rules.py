"""A deal is taken, handed over or deleted only by its owner or a manager, and every
deletion leaves its tombstone (issue 23, section 2); the rule of who sees what is one
function, read for the role asking (`current_user`) by every policy and by the search;
server settings are the lead's and managers'; authority limits are the server's."""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy.engine import make_url

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.ledger import Giver, LedgerEntry
from salesdesk.store import approvals
from salesdesk.store import deals as store_deals
from salesdesk.store.engine import open_database
from tests.conftest import server_url
from tests.team import test_rls
from tests.team.test_people_rules import load, save
from tests.team.test_rls import sql

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date(2026, 12, 6)


@pytest.mark.parametrize("visibility", ["team", "private"])
def test_only_a_manager_hands_a_deal_over_and_only_owner_or_manager_deletes(team, cli, visibility):
    urls, roles = team
    assert cli("team", "visibility", visibility).returncode == 0
    a_deal = save(urls["a"], DealSheet("Alice's deal", "Acme"))
    b_deal = save(urls["b"], DealSheet("Bob's deal", "Beta"))
    a, b = urls["a"], urls["b"]
    # rep b takes rep a's deal, rep a hands his own to rep b: both refused
    for url, deal_id, to in ((b, a_deal, roles["b"]), (a, a_deal, roles["b"])):
        with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
            assert sql(url, "UPDATE deal SET owner_role = %s WHERE id = %s", to, deal_id) == 0
    assert sql(a, "SELECT owner_role FROM deal WHERE id = %s", a_deal) == [(roles["a"],)]
    # nor does rep b delete it
    assert sql(b, "DELETE FROM deal WHERE id = %s", a_deal) == 0
    assert sql(a, "SELECT count(*) FROM deal WHERE id = %s", a_deal) == [(1,)]
    # the manager hands it over; its new owner deletes it, and it leaves a tombstone
    assert sql(urls["m"], "UPDATE deal SET owner_role = %s WHERE id = %s", roles["b"], a_deal) == 1
    uid = sql(urls["m"], "SELECT uid FROM deal WHERE id = %s", a_deal)[0][0]
    assert sql(b, "DELETE FROM deal WHERE id = %s", a_deal) == 1
    assert sql(b, "DELETE FROM deal WHERE id = %s", b_deal) == 1
    tombs = sql(urls["m"], "SELECT uid, owner_role FROM deal_tombstone ORDER BY uid")
    assert (uid, roles["b"]) in tombs and len(tombs) == 2


def test_every_delete_leaves_a_tombstone_by_the_servers_clock(team):
    """A deal deleted in psql, by its owner, leaves its tombstone: its last version, its
    owner, the server's time; a rep cannot write or remove tombstones himself."""
    urls, roles = team
    deal_id = save(urls["a"], DealSheet("Gone", "Acme"))
    uid, version = sql(urls["a"], "SELECT uid, version FROM deal WHERE id = %s", deal_id)[0]
    assert sql(urls["a"], "DELETE FROM deal WHERE id = %s", deal_id) == 1
    found = sql(
        urls["a"],
        "SELECT version, owner_role, abs(extract(epoch FROM now() - deleted_at)) < 60 "
        "FROM deal_tombstone WHERE uid = %s",
        uid,
    )
    assert found == [(version, roles["a"], True)]
    # the account that deal left behind goes with it
    assert sql(urls["m"], "SELECT count(*) FROM account WHERE name = 'Acme'") == [(0,)]
    for statement in (
        "DELETE FROM deal_tombstone",
        "UPDATE deal_tombstone SET version = 99",
        "INSERT INTO deal_tombstone (uid, version, deleted_at) VALUES ('forged', 1, now())",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql(urls["a"], statement)


def test_the_visibility_rule_is_one_function_read_for_current_user(team, cli):
    """Every policy of a deal, a person or an account calls the one rule; no function of
    the team reads `session_user` to decide what one sees; a session that became rep b
    (SET ROLE) searches as rep b, not as the superuser it logged in as."""
    urls, roles = team
    assert cli("team", "visibility", "private").returncode == 0
    save(urls["a"], DealSheet("Alice's private", "Acme"))
    superuser = server_url(make_url(urls["a"]).database)
    policies = sql(
        superuser,
        "SELECT tablename, policyname, coalesce(qual, '') || coalesce(with_check, '') "
        "FROM pg_policies WHERE tablename IN ('deal', 'account', 'stakeholder', "
        "'deal_tombstone')",
    )
    assert policies
    for table, name, rule in policies:
        assert "salesdesk_sees_all(CURRENT_USER)" in rule or (
            "salesdesk_is_manager(CURRENT_USER)" in rule
        ), (table, name, rule)
    sources = dict(
        sql(superuser, "SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'salesdesk%%'")
    )
    assert "salesdesk_sees_all(who)" in sources["salesdesk_matching_as"]  # the search's too
    # the rule itself is in one place
    assert [n for n, s in sources.items() if "team.visibility" in s] == ["salesdesk_sees_all"]
    reading_session_user = sorted(
        n for n, s in sources.items() if "session_user" in s and "pg_has_role(session_user" not in s
    )
    # …but the guard that refuses a change made as another role than the login's
    # (SET ROLE to the group): it compares the two, it decides nothing of what one sees.
    assert reading_session_user == ["salesdesk_guard_acting_role"]
    with psycopg.connect(superuser.replace("postgresql+psycopg", "postgresql")) as conn:
        conn.execute(f'SET ROLE "{roles["b"]}"')
        seen = conn.execute("SELECT count(*) FROM salesdesk_matching('%%', 10)").fetchone()
        deals = conn.execute("SELECT count(*) FROM deal").fetchone()
    assert seen == deals == (0,)


def test_server_settings_are_the_leads_and_managers(team):
    urls, roles = team
    b = urls["b"]
    for key in ("database.id", "contacts.refreshed", "team.visibility", "anything.new"):
        assert sql(b, "UPDATE setting SET value = 'forged' WHERE key = %s", key) == 0
        assert sql(b, "DELETE FROM setting WHERE key = %s", key) == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql(b, "INSERT INTO setting VALUES (%s, 'forged')", key + ".x")
    ids = sql(urls["a"], "SELECT value FROM setting WHERE key = 'database.id'")
    assert ids and ids[0][0] != "forged"
    # a rep's own contact-refresh stamp and profile are his
    assert sql(b, "INSERT INTO setting VALUES (%s, 'x')", f"contacts.refreshed@{roles['b']}") == 1
    assert sql(b, "INSERT INTO setting VALUES (%s, 'Bob')", f"profile.name@{roles['b']}") == 1
    # a manager writes server settings
    assert sql(urls["m"], "UPDATE setting SET value = value WHERE key = 'database.id'") == 1


def _entry(cost: str, **kw: object) -> LedgerEntry:
    return LedgerEntry(giver=Giver.US, what="Free installation", cost=Decimal(cost), **kw)


def test_authority_limits_are_enforced_by_the_server(team, cli):
    """Rep b may give 1,000 and 5 % without approval: a concession past either needs a
    manager's approval whatever b's app or psql says; b may set it, never clear it; only
    a manager's decision settles it."""
    urls, roles = team
    done = cli("--db", urls["m"], "team", "limit", roles["b"], "--amount", "1000",
               "--discount", "5", db=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheet = DealSheet("Fleet", "Acme", value=Decimal(10000))
    sheet.ledger = [
        _entry("99999999", needs_approval=False),  # past the amount
        _entry("600"),  # 6 % of the deal's value: past the discount
        _entry("400"),  # within both
    ]
    deal_id = save(urls["b"], sheet)
    assert [e.needs_approval for e in load(urls["b"], deal_id).ledger] == [True, True, False]
    b = urls["b"]
    # psql: a rep clears it, or writes one past his limit as not needing approval
    sql(b, "UPDATE ledger_entry SET needs_approval = false WHERE deal_id = %s", deal_id)
    sql(b, "UPDATE ledger_entry SET cost = 50000000 WHERE deal_id = %s AND cost = 4000000",
        deal_id)  # fmt: skip
    assert [e.needs_approval for e in load(b, deal_id).ledger] == [True, True, True]
    # the app: unticked by the rep, ticked again by the server
    mine = load(b, deal_id)
    for entry in mine.ledger:
        entry.needs_approval = False
    db = open_database(b)
    try:
        store_deals.save_deal(db, mine, today=TODAY)
    finally:
        db.close()
    assert all(e.needs_approval for e in load(b, deal_id).ledger)
    # a manager decides; a rep raising the cost of an approved concession loses it
    boss = open_database(urls["m"])
    try:
        approvals.decide_approval(boss, deal_id, mine.ledger[1].uid, True)
    finally:
        boss.close()
    assert load(b, deal_id).ledger[1].approved
    sql(b, "UPDATE ledger_entry SET cost = cost + 10000 WHERE uid = %s", mine.ledger[1].uid)
    assert not load(b, deal_id).ledger[1].approved
