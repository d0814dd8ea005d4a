"""The second attack on the team server (issue 23): a word the app does not know in one
column stops only that deal; authority limits hold when a deal's value moves or a
concession changes deal; a rep never marks a deal as a sample, and every deletion
leaves its tombstone."""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy.engine import make_url

from salesdesk.domain.deal import (
    Channel,
    DealSheet,
    Interaction,
    Meeting,
    Offer,
    PartySide,
    Role,
    Stakeholder,
    Stance,
)
from salesdesk.domain.ledger import Giver, LedgerEntry
from salesdesk.domain.terms import Side, Term
from salesdesk.interop import sync
from salesdesk.store import approvals, deal_load, deals
from salesdesk.store import sync_state as st
from salesdesk.store.engine import open_database
from tests.conftest import server_url
from tests.team import test_rls
from tests.team.test_people_rules import load, save
from tests.team.test_rls import sql

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date(2026, 12, 6)

# Every column of one of the app's words, with a word it does not know.
ODD_WORDS = (
    ("deal", "status", "'bogus'"),
    ("deal", "stage", "'bogus'"),
    ("deal", "phase", "99"),
    ("ledger_entry", "giver", "'US'"),
    ("ledger_entry", "status", "'bogus'"),
    ("term", "direction", "'bogus'"),
    ("term", "kind", "'bogus'"),
    ("offer", "side", "'bogus'"),
    ("deal_stakeholder", "role", "'boss'"),
    ("deal_stakeholder", "stance", "'hostile'"),
    ("interaction", "channel", "'bogus'"),
)


def full_deal(title: str) -> DealSheet:
    """A deal with a row of every table holding one of the app's words."""
    buyer = Stakeholder("Buyer", PartySide.THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC)
    return DealSheet(
        title=title,
        account=f"Account of {title}",
        value=Decimal(50000),
        terms=[Term(name="Price", unit="EUR", weight=100)],
        ledger=[LedgerEntry(giver=Giver.US, what="Free training", cost=Decimal(10))],
        offers=[Offer(Side.US, 1)],
        stakeholders=[buyer],
        interactions=[Interaction(TODAY, Channel.CALL, "First call")],
        meetings=[Meeting(TODAY, f"Meeting on {title}", attendees=[buyer.uid])],
    )


def _where(table: str) -> str:
    if table == "deal":
        return "id = %s"
    return "deal_id = %s"


def test_the_server_takes_no_word_the_app_does_not_know(team, cli):
    """As a rep in psql, under team visibility: every column of one of the app's words
    refuses a word it does not know (`US` for `us` too, which got round the limits)."""
    urls, _roles = team
    assert cli("team", "visibility", "team").returncode == 0
    deal_id = save(urls["a"], full_deal("Words"))
    for table, column, word in ODD_WORDS:
        where = _where(table)
        with pytest.raises(psycopg.errors.CheckViolation):
            sql(urls["b"], f"UPDATE {table} SET {column} = {word} WHERE {where}", deal_id)
    with pytest.raises(psycopg.errors.CheckViolation):  # a person is his maker's to change
        sql(
            urls["a"],
            "UPDATE stakeholder SET side = 'bogus' WHERE id IN "
            "(SELECT stakeholder_id FROM deal_stakeholder WHERE deal_id = %s)",
            deal_id,
        )
    assert load(urls["a"], deal_id).stakeholders[0].stance is Stance.SKEPTIC


def _odd_word_written(urls: dict, deal_id: int, table: str, column: str, word: str) -> None:
    """A word this release does not know, as a newer release (or a server without the
    check) would have written it: the check is dropped by the server's superuser."""
    superuser = server_url(make_url(urls["a"]).database)
    sql(superuser, f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS ck_{table}_{column}_known")
    sql(superuser, f"UPDATE {table} SET {column} = {word} WHERE {_where(table)}", deal_id)
    sql(superuser, "UPDATE deal SET version = version + 1 WHERE id = %s", deal_id)


def test_a_deal_with_an_unknown_word_is_its_own_trouble_in_sync_and_on_the_desk(
    team, cli, tmp_path
):
    """One deal with `hostile` as a stance: the laptops' sync lists it as not moved,
    naming the field, and takes the others; the manager's list, approvals and pack say
    it in one line, without a traceback."""
    urls, _roles = team
    assert cli("team", "visibility", "team").returncode == 0
    laptop = open_database(str(tmp_path / "laptop.db"))
    try:
        odd = save(urls["a"], full_deal("Odd one"))
        save(urls["a"], full_deal("Fine one"))
        assert sync.sync(laptop, urls["b"]).received == 2
        _odd_word_written(urls, odd, "deal_stakeholder", "stance", "'hostile'")
        other = save(urls["a"], full_deal("Another fine one"))
        report = sync.sync(laptop)
        assert report.received == 1  # the new one came
        assert len(report.errors) == 1, report.errors
        assert "did not move" in report.errors[0]
        assert "deal_stakeholder.stance" in report.errors[0]
        assert "hostile" in report.errors[0]
        titles = {deal_load.load_deal(laptop, held.id).title for held in st.deals(laptop).values()}
        assert {"Odd one", "Fine one", "Another fine one"} == titles
        assert other
    finally:
        laptop.close()
    # the manager's desk: one line each, never a traceback
    pdf = tmp_path / "pack.pdf"
    _odd_word_written(urls, odd, "deal", "status", "'bogus'")
    for args in (("deals",), ("approvals",), ("pack", "-o", str(pdf), "--from", TODAY.isoformat())):
        done = cli("--db", urls["m"], *args, db=False)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        if done.returncode != 0:
            assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
            assert "deal.status" in done.stderr and "bogus" in done.stderr
    assert not pdf.exists()  # no half-written pack


def test_a_deal_s_value_moved_checks_its_concessions_again(team, cli):
    """Rep b, 5 % discount limit and 1,000 a concession: a deal's value set to 0 while
    a concession of 5,000,000 goes in, then back, leaves it needing approval; a
    manager's approval stands no longer once the value drops under it."""
    urls, roles = team
    done = cli("--db", urls["m"], "team", "limit", roles["b"], "--discount", "5",
               "--amount", "100000000", db=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    b = urls["b"]
    deal_id = save(b, DealSheet("Fleet", "Acme", value=Decimal(1_860_000)))
    sql(b, "UPDATE deal SET value = 0 WHERE id = %s", deal_id)
    sheet = load(b, deal_id)
    sheet.ledger = [LedgerEntry(giver=Giver.US, what="Rebate", cost=Decimal(5_000_000))]
    sheet.value = Decimal(0)
    db = open_database(b)
    try:
        deals.save_deal(db, sheet, today=TODAY)
    finally:
        db.close()
    assert not load(b, deal_id).ledger[0].needs_approval  # no value: no discount yet
    sql(b, "UPDATE deal SET value = 1860000 WHERE id = %s", deal_id)
    entry = load(b, deal_id).ledger[0]
    assert entry.needs_approval
    # within the limit at 200,000,000 (2.5 %): approved by the manager…
    small = save(b, DealSheet("Small", "Acme", value=Decimal(200_000_000)))
    mine = load(b, small)
    mine.ledger = [LedgerEntry(giver=Giver.US, what="Install", cost=Decimal(5_000_000),
                               needs_approval=True)]  # fmt: skip
    db = open_database(b)
    try:
        deals.save_deal(db, mine, today=TODAY)
    finally:
        db.close()
    entry = load(b, small).ledger[0]
    boss = open_database(urls["m"])
    try:
        approvals.decide_approval(boss, small, entry.uid, True)
    finally:
        boss.close()
    assert load(b, small).ledger[0].approved
    # …then the value lowered in psql: the concession is now 50 %, the approval goes
    sql(b, "UPDATE deal SET value = 10000000 WHERE id = %s", small)
    entry = load(b, small).ledger[0]
    assert entry.needs_approval and not entry.approved


def test_a_rep_moves_no_concession_to_another_deal(team):
    urls, _roles = team
    b = urls["b"]
    given = LedgerEntry(giver=Giver.US, what="X", cost=Decimal(1))
    one = save(b, DealSheet("One", "Acme", value=Decimal(1000), ledger=[given]))
    other = save(b, DealSheet("Other", "Acme", value=Decimal(1000)))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(b, "UPDATE ledger_entry SET deal_id = %s WHERE deal_id = %s", other, one)
    assert len(load(b, one).ledger) == 1


def test_a_rep_marks_no_deal_as_a_sample_and_every_deletion_leaves_a_tombstone(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "team").returncode == 0
    a_deal = save(urls["a"], DealSheet("Alice's", "Acme"))
    b_deal = save(urls["b"], DealSheet("Bob's", "Beta"))
    for url, deal_id in ((urls["b"], a_deal), (urls["b"], b_deal)):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql(url, "UPDATE deal SET sample = 'renewal' WHERE id = %s", deal_id)
    assert sql(urls["m"], "SELECT count(*) FROM deal WHERE sample IS NOT NULL") == [(0,)]
    # a deal marked a sample (by a manager) and deleted still leaves its tombstone
    uid = sql(urls["m"], "SELECT uid FROM deal WHERE id = %s", b_deal)[0][0]
    assert sql(urls["m"], "UPDATE deal SET sample = 'x' WHERE id = %s", b_deal) == 1
    with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
        sql(urls["b"], "DELETE FROM deal WHERE id = %s", b_deal)
    sql(urls["m"], "DELETE FROM deal WHERE id = %s", b_deal)
    assert sql(urls["m"], "SELECT count(*) FROM deal_tombstone WHERE uid = %s", uid) == [(1,)]


def test_a_rep_cannot_switch_the_change_counter_off(team):
    """A window notices a rep's psql change, whatever setting the rep made first (or a
    temporary table named like the counter)."""
    urls, _roles = team
    a = urls["a"]
    deal_id = save(a, DealSheet("Counted", "Acme"))
    seen = sql(urls["m"], "SELECT n FROM deal_change")[0][0]
    with psycopg.connect(a.replace("postgresql+psycopg", "postgresql")) as conn:
        conn.execute("SET salesdesk.counted = 'yes'")
        conn.execute("CREATE TEMPORARY TABLE deal_change (n integer)")
        conn.execute("INSERT INTO deal_change VALUES (0)")
        conn.execute("UPDATE deal SET version = version + 1 WHERE id = %s", (deal_id,))
        conn.execute("UPDATE deal SET version = version + 1 WHERE id = %s", (deal_id,))
        conn.commit()
    assert sql(urls["m"], "SELECT n FROM deal_change")[0][0] == seen + 1  # once, as ever


def test_a_rep_links_no_colleagues_person_or_account_by_any_road(team, cli):
    """Under private visibility: rep b names none of rep a's people as the introducer of
    his own, as an attendee of his meeting, nor puts his person at a's account."""
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    a_deal = save(urls["a"], full_deal("Alice's"))
    sheet = full_deal("Bob's")
    sheet.stakeholders.append(Stakeholder("Bob's ally", PartySide.OURS))
    b_deal = save(urls["b"], sheet)
    superuser = server_url(make_url(urls["a"]).database)
    theirs = sql(superuser, "SELECT stakeholder_id FROM deal_stakeholder WHERE deal_id = %s",
                 a_deal)[0][0]  # fmt: skip
    account = sql(superuser, "SELECT account_id FROM deal WHERE id = %s", a_deal)[0][0]
    b = urls["b"]
    for statement, params in (
        ("UPDATE deal_stakeholder SET introduced_by_id = %s WHERE deal_id = %s",
         (theirs, b_deal)),
        ("UPDATE meeting_attendee SET stakeholder_id = %s WHERE meeting_id IN "
         "(SELECT id FROM meeting WHERE deal_id = %s)", (theirs, b_deal)),
        ("UPDATE stakeholder SET account_id = %s WHERE id IN (SELECT stakeholder_id "
         "FROM deal_stakeholder WHERE deal_id = %s)", (account, b_deal)),
    ):  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql(b, statement, *params)
