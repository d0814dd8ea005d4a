"""People and accounts are under the same rules as deals (issue 23, section 1): a rep
in psql finds nothing of a colleague's private deal in any table of the schema, changes
and deletes none of its people or accounts, and links none of them to a deal of his
own; a person's role, stance and introducer are the deal's, so another rep's import or
save never changes a colleague's deal; "People already known at the account" shows only
people of deals the rep may see."""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy.engine import make_url

from salesdesk.domain.deal import DealSheet, Meeting, PartySide, Role, Stakeholder, Stance
from salesdesk.domain.ledger import Giver, LedgerEntry
from salesdesk.domain.terms import Term
from salesdesk.store import deal_load, deals, people
from salesdesk.store.engine import open_database
from tests.conftest import server_url
from tests.team import test_rls
from tests.team.test_rls import sql

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date(2026, 12, 6)
MARK = "zqxmarker"  # in every text of rep a's private deal


def marked_deal(mark: str = MARK) -> DealSheet:
    """A deal whose every text carries `mark`: its title, account, people on both sides
    (one introducing the other), a term, a concession, a meeting with attendees."""
    buyer = Stakeholder(f"Buyer {mark}", PartySide.THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC)
    return DealSheet(
        title=f"Deal {mark}",
        account=f"Account {mark}",
        value=Decimal(50000),
        terms=[Term(name=f"Price {mark}", unit="EUR", weight=100)],
        ledger=[LedgerEntry(giver=Giver.US, what=f"Free {mark}", cost=Decimal(10))],
        stakeholders=[
            buyer,
            Stakeholder(
                f"Ally {mark}", PartySide.OURS, Role.INFLUENCER, Stance.CHAMPION, buyer.uid
            ),
        ],
        meetings=[
            Meeting(TODAY, f"Kick-off {mark}", agenda=f"Agenda {mark}", attendees=[buyer.uid])
        ],
    )


def save(url: str, sheet: DealSheet, today: date = TODAY) -> int:
    """The deal saved by the app connected as `url`'s role; its id."""
    db = open_database(url)
    try:
        return deals.save_deal(db, sheet, today=today)
    finally:
        db.close()


def tables(url: str) -> list[str]:
    return [
        r[0]
        for r in sql(
            url,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY 1",
        )
    ]


def readable_text(url: str, table: str) -> str:
    """Everything `url`'s role reads of `table` as one text ('' when it may not read it)."""
    try:
        return repr(sql(url, f'SELECT * FROM "{table}"'))
    except psycopg.errors.InsufficientPrivilege:
        return ""


def test_no_table_of_the_schema_shows_a_colleagues_private_deal(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    deal_id = save(urls["a"], marked_deal())
    b = urls["b"]
    every = tables(b)
    assert {"stakeholder", "account", "deal_stakeholder", "deal", "setting"} <= set(every)
    leaking = [t for t in every if MARK in readable_text(b, t)]
    assert leaking == []
    # the owner and a manager read them all
    assert MARK in readable_text(urls["a"], "stakeholder")
    assert MARK in readable_text(urls["m"], "account")
    # nothing of it is changed or removed by rep b, and the deal's version stays
    version = sql(urls["a"], "SELECT version FROM deal WHERE id = %s", deal_id)
    for statement in (
        "UPDATE stakeholder SET name = 'Mallory'",
        "DELETE FROM stakeholder",
        "UPDATE account SET name = 'Mallory'",
        "DELETE FROM account",
        "DELETE FROM deal_stakeholder",
        "UPDATE deal_stakeholder SET stance = 'opponent'",
    ):
        with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
            assert sql(b, statement) == 0, statement
    assert MARK in readable_text(urls["a"], "stakeholder")
    assert sql(urls["a"], "SELECT version FROM deal WHERE id = %s", deal_id) == version
    assert [p.name for p in load(urls["a"], deal_id).stakeholders] == [
        f"Buyer {MARK}",
        f"Ally {MARK}",
    ]


def load(url: str, deal_id: int) -> DealSheet:
    db = open_database(url)
    try:
        return deal_load.load_deal(db, deal_id)
    finally:
        db.close()


def test_a_reps_grants_are_no_wider_than_the_row_rules(team):
    """Every table a rep may read or write has row-level security, but the counter and
    the schema's revision, which hold nothing of a deal; and a rep writes neither."""
    urls, _roles = team
    rows = sql(
        server_url(make_url(urls["a"]).database),
        "SELECT c.relname, c.relrowsecurity, "
        "has_table_privilege('salesdesk_rep', c.oid, 'SELECT'), "
        "has_table_privilege('salesdesk_rep', c.oid, 'INSERT, UPDATE, DELETE') "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1",
    )
    exposed = [name for name, rls, read, write in rows if (read or write) and not rls]
    assert sorted(exposed) == ["alembic_version", "deal_change"]
    # and every table of the app is granted (a table a migration adds is listed there),
    # but the triggers' own record of the deals each transaction advanced (0023)
    assert [name for name, _rls, read, _write in rows if not read] == ["deal_bump", "sync_state"]
    written = {name for name, _rls, _read, write in rows if write}
    assert not written & {"alembic_version", "deal_change", "deal_tombstone", "sync_state"}


def test_a_rep_links_none_of_a_colleagues_people_or_accounts_to_his_deal(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    save(urls["a"], marked_deal())
    mine = save(urls["b"], DealSheet("Bob's deal", "Bob's account"))
    superuser = server_url(make_url(urls["a"]).database)
    person = sql(superuser, "SELECT id FROM stakeholder WHERE name = %s", f"Buyer {MARK}")[0][0]
    account = sql(superuser, "SELECT id FROM account WHERE name = %s", f"Account {MARK}")[0][0]
    b = urls["b"]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(b, "INSERT INTO deal_stakeholder (deal_id, stakeholder_id, position) "
               "VALUES (%s, %s, 0)", mine, person)  # fmt: skip
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(b, "UPDATE deal SET account_id = %s WHERE id = %s", account, mine)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(b, "INSERT INTO deal (uid, account_id, title, created_at, updated_at) "
               "VALUES ('x', %s, 'peek', now(), now())", account)  # fmt: skip
    assert MARK not in readable_text(b, "stakeholder") + readable_text(b, "account")


def test_role_and_stance_are_the_deals_so_a_colleagues_import_changes_nothing(team, cli):
    """Rep b imports his own deal naming "Sophie Martin (ours)" as a gatekeeper and an
    opponent: rep a's Sophie Martin stays his decision maker and supporter, his deal at
    the version it was."""
    urls, _roles = team
    ours = Stakeholder("Sophie Martin", PartySide.OURS, Role.DECISION_MAKER, Stance.SUPPORTER)
    a_deal = save(urls["a"], DealSheet("Alice's deal", "Acme", stakeholders=[ours]))
    before = load(urls["a"], a_deal)
    theirs = Stakeholder("Sophie Martin", PartySide.OURS, Role.GATEKEEPER, Stance.OPPONENT)
    save(urls["b"], DealSheet("Bob's deal", "Acme", stakeholders=[theirs]))
    after = load(urls["a"], a_deal)
    assert after.stakeholders == before.stakeholders
    assert (after.stakeholders[0].role, after.stakeholders[0].stance) == (
        Role.DECISION_MAKER,
        Stance.SUPPORTER,
    )
    assert after.version == before.version
    # Team-visible: rep b changes Sophie's stance in rep a's deal: that deal's alone.
    shared = load(urls["b"], a_deal)
    shared.stakeholders[0].stance = Stance.NEUTRAL
    shared.stakeholders[0].name = "Sophie Martin-Durand"
    db = open_database(urls["b"])
    try:
        deals.save_deal(db, shared, today=TODAY)
    finally:
        db.close()
    second = save(urls["a"], DealSheet("Alice's other deal", "Acme", stakeholders=[ours]))
    again = load(urls["a"], second)
    assert [(p.name, p.stance) for p in again.stakeholders] == [("Sophie Martin", Stance.SUPPORTER)]


def test_people_known_at_the_account_are_those_of_deals_the_rep_may_see(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    save(urls["a"], marked_deal())
    account = f"Account {MARK}"
    db = open_database(urls["b"])
    try:
        assert people.account_people(db, account) == []
        deals.save_deal(
            db,
            DealSheet("Bob's", account, stakeholders=[Stakeholder("Bea", role=Role.USER)]),
            today=TODAY,
        )
        assert [(p.name, p.role) for p in people.account_people(db, account)] == [
            ("Bea", Role.USER)
        ]
    finally:
        db.close()
    db = open_database(urls["a"])
    try:
        assert [p.name for p in people.account_people(db, account)] == [f"Buyer {MARK}"]
    finally:
        db.close()
