"""The team's rules are the schema's (migration 0012), not `team init`'s: a database
migrated on a server with or without the team's roles, by a role that may or may not
create roles, has its policies; rep B cannot read, change or delete rep A's private
deal or its tombstone; nobody writes another rep's profile or their own authority
limits; only a manager sets a concession's approval."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import psycopg
import pytest

from salesdesk.interop.demo import sample_sheets
from salesdesk.store import approvals, deal_load, deals, settings
from salesdesk.store import team as team_setup
from salesdesk.store.engine import open_database
from salesdesk.store.errors import StoreError
from tests.conftest import server_url
from tests.team import test_rls
from tests.team.test_rls import sql

TODAY = date(2026, 12, 1)

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
POLICIES = "SELECT tablename, policyname FROM pg_policies ORDER BY 1, 2"


def _group_roles() -> int:
    with psycopg.connect(server_url("postgres"), autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname IN (%s, %s)",
            (team_setup.REP, team_setup.MANAGER),
        ).fetchone()[0]


def test_init_makes_roles_and_grants_only():
    statements = " ".join(team_setup._init_statements("x")).upper()
    assert "POLICY" not in statements and "ROW LEVEL SECURITY" not in statements
    assert "CREATE ROLE" in statements and "GRANT" in statements


def test_the_migration_makes_the_rules_with_or_without_the_roles(server, cli_env, tmp_path):
    from tests.conftest import CliRunner

    # A server where the team's roles do not exist (yet): they are server-wide, so
    # another test's init may have left them; nothing depends on them once its
    # databases are gone.
    server.admin(f"DROP ROLE IF EXISTS {team_setup.MANAGER}, {team_setup.REP}")
    assert _group_roles() == 0
    first = server_url(server.new_database())
    assert CliRunner(cli_env, first)("deals").returncode == 0
    assert _group_roles() == 0  # the migration made none
    policies = sql(first, POLICIES)
    for table in ("deal", "term", "ledger_entry", "checklist_tick", "deal_tombstone"):
        assert any(t == table for t, _p in policies), table
    assert ("setting", "setting_write") in policies
    # harmless without the roles: the owner works as before
    owner = open_database(first)
    try:
        deal_id = deals.save_deal(
            owner, sample_sheets(date(2026, 12, 1))["telematics-en"], today=TODAY
        )
        assert deal_load.load_deal(owner, deal_id).title
        deals.delete_deal(owner, deal_id)
    finally:
        owner.close()

    # A database owner who may not create roles migrates its own database too.
    suffix = uuid.uuid4().hex[:8]
    keeper = f"keeper_{suffix}"
    server.admin(f'CREATE ROLE "{keeper}" LOGIN NOCREATEROLE NOSUPERUSER')
    name = f"t_{suffix}"
    server.admin(f'CREATE DATABASE "{name}" OWNER "{keeper}"')
    server.made.append(name)
    try:
        done = CliRunner(cli_env, server_url(name, keeper))("deals")
        assert done.returncode == 0, done.stderr
        assert sql(server_url(name), POLICIES) == policies
    finally:
        server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.admin(f'DROP ROLE IF EXISTS "{keeper}"')

    # Now the roles exist (a team on this server): a second database migrates too.
    assert CliRunner(cli_env, first)("team", "init").returncode == 0
    assert _group_roles() == 2
    second = server_url(server.new_database())
    assert CliRunner(cli_env, second)("deals").returncode == 0, "migrates with the roles"
    assert sql(second, POLICIES) == policies
    assert CliRunner(cli_env, second)("team", "init").returncode == 0
    assert CliRunner(cli_env, second)("team", "init").returncode == 0  # safe to re-run


def test_a_private_deals_tombstone_is_its_owners_and_managers(team, cli):
    urls, roles = team
    assert cli("team", "visibility", "private").returncode == 0
    a = open_database(urls["a"])
    try:
        sheet = sample_sheets(date(2026, 12, 1))["telematics-en"]
        deal_id = deals.save_deal(a, sheet, today=TODAY)
        uid = deal_load.load_deal(a, deal_id).uid
        # b may not delete it, nor forge its tombstone
        assert sql(urls["b"], "DELETE FROM deal WHERE id = %s", deal_id) == 0
        deals.delete_deal(a, deal_id)
    finally:
        a.close()
    tomb = "SELECT uid, owner_role FROM deal_tombstone WHERE uid = %s"
    assert sql(urls["a"], tomb, uid) == [(uid, roles["a"])]
    assert sql(urls["m"], tomb, uid) == [(uid, roles["a"])]
    assert sql(urls["b"], tomb, uid) == []  # not even that it existed
    # tombstones are the server's: no rep writes them (migration 0015)
    for statement in (
        "UPDATE deal_tombstone SET version = 99 WHERE uid = %s",
        "DELETE FROM deal_tombstone WHERE uid = %s",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql(urls["b"], statement, uid)
    assert sql(urls["a"], "SELECT version FROM deal_tombstone WHERE uid = %s", uid) != [(99,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(
            urls["b"],
            "INSERT INTO deal_tombstone (uid, version, deleted_at, owner_role) "
            "VALUES ('forged', 1, now(), %s)",
            roles["a"],
        )


def test_profiles_and_limits_are_guarded_by_the_server(team, cli):
    urls, roles = team
    a_name = f"profile.name@{roles['a']}"
    b_limit = f"profile.max_discount_pct@{roles['b']}"
    assert sql(urls["a"], "INSERT INTO setting VALUES (%s, 'Alice')", a_name) == 1
    b = urls["b"]
    # b writes neither a's profile ...
    assert sql(b, "UPDATE setting SET value = 'Mallory' WHERE key = %s", a_name) == 0
    assert sql(b, "DELETE FROM setting WHERE key = %s", a_name) == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(b, "INSERT INTO setting VALUES (%s, 'x')", f"profile.company@{roles['a']}")
    # ... nor their own limits ...
    for key in (b_limit, f"profile.max_concession_cost@{roles['b']}"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql(b, "INSERT INTO setting VALUES (%s, '90')", key)
    # ... but their own name, yes
    assert sql(b, "INSERT INTO setting VALUES (%s, 'Bob')", f"profile.name@{roles['b']}") == 1
    assert sql(urls["a"], "SELECT value FROM setting WHERE key = %s", a_name) == [("Alice",)]

    # The manager sets b's limits from the command line; b's app reads them.
    done = cli("--db", urls["m"], "team", "limit", roles["b"], "--discount", "7.5",
               "--amount", "20000", db=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (f"{roles['b']}: concessions up to 20,000, discounts up to 7.5 %")
    bob = open_database(b)
    try:
        profile = settings.load_profile(bob)
        assert (profile.max_discount_pct, profile.max_concession_cost) == (
            Decimal("7.5"),
            Decimal(20000),
        )
        assert profile.name == "Bob"
    finally:
        bob.close()
    cleared = cli("--db", urls["m"], "team", "limit", roles["b"], "--amount", "none", db=False)
    assert "concessions up to no limit, discounts up to 7.5 %" in cleared.stdout
    # b setting their own limits: one line, exit 2, nothing changed
    refused = cli("--db", b, "team", "limit", roles["b"], "--discount", "50", db=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().endswith("Only a manager sets a rep's authority limits.")
    assert sql(b, "SELECT value FROM setting WHERE key = %s", b_limit) == [("7.5",)]
    # a role not on the team, a discount over 100: one line each
    stranger = cli("--db", urls["m"], "team", "limit", "nobody_here", "--discount", "5", db=False)
    assert stranger.returncode == 2 and "is not on the team" in stranger.stderr
    over = cli("--db", urls["m"], "team", "limit", roles["b"], "--discount", "150", db=False)
    assert over.returncode == 2 and "at most 100" in over.stderr
    boss = open_database(urls["m"])
    try:
        listed = {m.role: m for m in team_setup.members(boss)}
    finally:
        boss.close()
    assert listed[roles["b"]].name == "Bob" and not listed[roles["b"]].manager
    assert listed[roles["m"]].manager


def test_only_a_manager_sets_an_approval(team):
    urls, roles = team
    a = open_database(urls["a"])
    try:
        sheet = sample_sheets(date(2026, 12, 1))["telematics-en"]
        for entry in sheet.ledger:
            entry.approved, entry.declined, entry.approved_by, entry.approved_at = (
                False,
                False,
                "",
                None,
            )
        sheet.ledger[0].needs_approval = True
        deal_id = deals.save_deal(a, sheet, today=TODAY)
        uid = sheet.ledger[0].uid
        # through SQL: refused, with the server's own code
        for url, change in ((urls["a"], "approved = true"), (urls["b"], "approved_by = 'me'")):
            with pytest.raises(psycopg.Error) as raised:
                sql(url, f"UPDATE ledger_entry SET {change} WHERE uid = %s", uid)
            assert raised.value.sqlstate == "SD001"
        # through the app's save: one clear line, nothing written
        mine = deal_load.load_deal(a, deal_id)
        mine.ledger[0].approved, mine.ledger[0].approved_by = True, "Alice"
        with pytest.raises(StoreError) as refused:
            deals.save_deal(a, mine, today=TODAY)
        assert str(refused.value) == (
            f"Only a manager approves or declines a concession (“{sheet.ledger[0].what}”); "
            "nothing was saved."
        )
        assert not deal_load.load_deal(a, deal_id).ledger[0].approved
        # a rep's ordinary edit of the entry still goes through
        mine = deal_load.load_deal(a, deal_id)
        mine.ledger[0].what = "Renamed by the rep"
        deals.save_deal(a, mine, today=TODAY)
        assert deal_load.load_deal(a, deal_id).ledger[0].what == "Renamed by the rep"
        # the manager, through SQL and through the app
        assert sql(urls["m"], "UPDATE ledger_entry SET approved_by = %s WHERE uid = %s",
                   roles["m"], uid) == 1  # fmt: skip
        m = open_database(urls["m"])
        try:
            approvals.decide_approval(m, deal_id, uid, True)
        finally:
            m.close()
        seen = deal_load.load_deal(a, deal_id).ledger[0]
        assert seen.approved and seen.approved_by == roles["m"]
        # and the rep saves the deal again afterwards, the approval untouched
        seen_deal = deal_load.load_deal(a, deal_id)
        seen_deal.title = "Renamed deal"
        deals.save_deal(a, seen_deal, today=TODAY)
        assert deal_load.load_deal(a, deal_id).ledger[0].approved
        # a new entry the rep adds already approved: refused
        forged = deal_load.load_deal(a, deal_id)
        extra = sheet.ledger[1]
        extra.uid, extra.approved, extra.approved_by = None, True, "Alice"
        forged.ledger.append(extra)
        with pytest.raises(StoreError, match="Only a manager approves"):
            deals.save_deal(a, forged, today=TODAY)
    finally:
        a.close()
