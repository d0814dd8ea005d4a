"""The third attack on the team server (issue 23), and what became of each breach it
found on the code of migration 0021/0022 (fixed by migration 0025 and the app):

- a rep reads a colleague's private titles, accounts and values through EXPLAIN ANALYZE
  (an index scan's leakproof condition runs before the row rules; "Rows Removed by
  Filter" counts the colleague's rows): a limit of PostgreSQL's row-level security, not
  fixed; the README says what a rep with psql can infer. The test stays, expected to
  fail (strict), to prove the limit is still there;
- a rep who `SET ROLE salesdesk_rep` (his group) wrote concessions with no limit: every
  change made as another role than the login's is refused;
- a rep rewrote what was given in return for an approved concession: it stayed approved;
- a rep deleting his own deal removed a person from a colleague's deal (the orphaned
  account deleted by the server, the person with it);
- a laptop's last contact the server refused stayed on the laptop: the two differed for
  good, and the sync said all went well.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy.engine import make_url

from salesdesk.domain.deal import DealSheet, Meeting, PartySide, Role, Stakeholder, Stance
from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import Giver, LedgerEntry
from salesdesk.interop import sync
from salesdesk.store import approvals, deal_load, deals
from salesdesk.store.engine import open_database
from tests.conftest import server_url
from tests.team import test_rls
from tests.team.test_people_rules import load, save
from tests.team.test_rls import sql
from tests.team.test_sync import add_deals, by_uid, differences

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date.today()


def _limit(cli, urls, role, amount="1000", discount="5"):
    done = cli("--db", urls["m"], "team", "limit", role, "--discount", discount,
               "--amount", amount, db=False)  # fmt: skip
    assert done.returncode == 0, done.stderr


def _removed_by_filter(url: str, where: str, *params) -> int:
    """What EXPLAIN ANALYZE tells `url`'s role of rows it may not see."""
    with psycopg.connect(url) as conn:
        conn.execute("SET enable_seqscan = off")
        conn.execute("SET enable_bitmapscan = off")
        plan = "\n".join(
            row[0]
            for row in conn.execute(
                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
                f"SELECT id FROM deal WHERE {where}",  # type: ignore[arg-type]
                params,
            )
        )
    found = re.search(r"Rows Removed by Filter: (\d+)", plan)
    return int(found.group(1)) if found else 0


@pytest.mark.xfail(
    strict=True,
    reason="a limit of PostgreSQL's row-level security (README, 'What a rep with psql can "
    "still infer'): leakproof operators run below the row rules, and EXPLAIN ANALYZE "
    "counts the rows they keep; a team that must prevent it gives reps no database "
    "credentials",
)
def test_explain_analyze_tells_a_rep_nothing_of_a_colleagues_private_deal(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    save(urls["a"], DealSheet("Zqx merger", "Zqx Holdings", value=Decimal(4_321_000)))
    b = urls["b"]
    assert sql(b, "SELECT count(*) FROM deal") == [(0,)]
    # Rep b asks whether a hidden title lies between two strings: a binary search then
    # spells every colleague's title, account (search_key) and value out (0.5 s for 3).
    assert _removed_by_filter(b, "title >= %s AND title < %s", "Zqx m", "Zqx n") == 0
    assert _removed_by_filter(b, "value > %s", 4_000_000 * 10_000) == 0
    assert (
        _removed_by_filter(
            b,
            "search_key >= %s AND search_key < %s AND octet_length(search_key) <= 2000",
            "zqx",
            "zqy",
        )
        == 0
    )


def test_a_rep_acting_as_his_group_role_writes_nothing(team, cli):
    """SET ROLE to the group would make deals owned by the group and changes traced to
    no person, with no authority limit of his own: every write made so is refused."""
    urls, roles = team
    assert cli("team", "visibility", "team").returncode == 0
    _limit(cli, urls, roles["b"])
    b = urls["b"]
    deal_id = save(b, DealSheet("Fleet", "Acme", value=Decimal(1_000_000)))
    writes = (
        "INSERT INTO ledger_entry (deal_id, position, giver, what, cost, counterpart, "
        "status, needs_approval, approved, approved_by, uid) VALUES "
        f"({deal_id}, 0, 'us', 'Rebate', 900000000, '', 'accepted', false, false, '', 'x1')",
        f"UPDATE deal SET title = 'Group''s now' WHERE id = {deal_id}",
        f"DELETE FROM deal WHERE id = {deal_id}",
        "INSERT INTO setting VALUES ('profile.name@salesdesk_rep', 'Nobody')",
    )
    for group in ("salesdesk_rep",):
        for statement in writes:
            with psycopg.connect(b, autocommit=True) as conn:
                conn.execute(f"SET ROLE {group}")
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)  # type: ignore[arg-type]
    with psycopg.connect(b, autocommit=True) as conn:
        conn.execute("SET ROLE salesdesk_rep")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO account (name, name_key) VALUES ('Group Co', 'group co')")
        conn.execute("RESET ROLE")  # as himself, the same connection writes
        conn.execute("UPDATE deal SET title = 'Fleet 2' WHERE id = %s", (deal_id,))
    sheet = load(b, deal_id)
    assert (sheet.title, sheet.ledger) == ("Fleet 2", [])
    assert sql(b, "SELECT owner_role FROM deal") == [(roles["b"],)]
    # Should a group ever write, it has no authority: anything it gives needs approval.
    assert sql(b, "SELECT salesdesk_limit('max_concession_cost', 'salesdesk_rep')") == [(0,)]


def test_an_approved_concession_rewritten_by_its_rep_is_approved_no_more(team, cli):
    urls, roles = team
    _limit(cli, urls, roles["b"])
    b = urls["b"]
    given = LedgerEntry(
        giver=Giver.US, what="15 % off", cost=Decimal(5000), counterpart="a 3-year contract"
    )
    deal_id = save(b, DealSheet("Fleet", "Acme", value=Decimal(1_000_000), ledger=[given]))
    entry = load(b, deal_id).ledger[0]
    assert entry.needs_approval
    boss = open_database(urls["m"])
    try:
        approvals.decide_approval(boss, deal_id, entry.uid, True)
    finally:
        boss.close()
    assert load(b, deal_id).ledger[0].approved
    # The manager said yes to 15 % for a 3-year contract; the rep drops the contract.
    sql(b, "UPDATE ledger_entry SET counterpart = '', what = '15 pct off, no strings' "
           "WHERE deal_id = %s", deal_id)  # fmt: skip
    entry = load(b, deal_id).ledger[0]
    assert entry.counterpart == ""
    assert not entry.approved, "the approval still stands for what the manager never saw"
    assert entry.needs_approval  # a manager's decision again
    # Approved again; the rep moves it on (offered, then accepted): his progress through
    # what the manager allowed keeps the approval…
    boss = open_database(urls["m"])
    try:
        approvals.decide_approval(boss, deal_id, entry.uid, True)
    finally:
        boss.close()
    sql(b, "UPDATE ledger_entry SET status = 'accepted', cost = 4000 WHERE deal_id = %s",
        deal_id)  # fmt: skip
    assert load(b, deal_id).ledger[0].approved
    # …and so does the deal saved again unchanged by the app; what it gives, edited in
    # the app, does not.
    sheet = load(b, deal_id)
    save(b, replace(sheet, title="Fleet renewal"))
    assert load(b, deal_id).ledger[0].approved
    sheet = load(b, deal_id)
    sheet.ledger[0] = replace(sheet.ledger[0], what="20 % off")
    save(b, sheet)
    entry = load(b, deal_id).ledger[0]
    assert (entry.what, entry.approved, entry.needs_approval) == ("20 % off", False, True)


def test_a_concession_never_costs_less_than_nothing(team):
    urls, _roles = team
    b = urls["b"]
    given = LedgerEntry(giver=Giver.US, what="Free training", cost=Decimal(500))
    deal_id = save(b, DealSheet("Fleet", "Acme", ledger=[given]))
    with pytest.raises(psycopg.errors.CheckViolation):
        sql(b, "UPDATE ledger_entry SET cost = -10000 WHERE deal_id = %s", deal_id)
    sheet = load(b, deal_id)
    sheet.ledger[0] = replace(sheet.ledger[0], cost=Decimal(-1))
    with pytest.raises(InputError) as refused:
        save(b, sheet)
    assert refused.value.field == "cost"
    assert "The cost of the concession “Free training” is -1" in str(refused.value)
    assert load(b, deal_id).ledger[0].cost == Decimal(500)


def test_a_reps_own_deletion_never_takes_a_person_out_of_a_colleagues_deal(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "team").returncode == 0
    buyer = Stakeholder("Zqx Buyer", PartySide.THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC)
    bobs = save(urls["b"], DealSheet("B's", "B's account", stakeholders=[buyer]))
    alices = save(urls["a"], DealSheet("A's", "A's account"))
    person = sql(urls["b"], "SELECT stakeholder_id FROM deal_stakeholder WHERE deal_id = %s",
                 bobs)[0][0]  # fmt: skip
    # Rep a, who may see the person while deals are team-visible, puts them in her deal.
    link = (
        "INSERT INTO deal_stakeholder (deal_id, stakeholder_id, position, role, stance) "
        "VALUES (%s, %s, 0, 'decision_maker', 'champion')"
    )
    sql(urls["a"], link, alices, person)
    sql(urls["a"], "UPDATE deal SET version = version + 1 WHERE id = %s", alices)
    before = load(urls["a"], alices)
    assert [p.name for p in before.stakeholders] == ["Zqx Buyer"]
    assert cli("team", "visibility", "private").returncode == 0
    db = open_database(urls["b"])
    try:
        deals.delete_deal(db, bobs)
    finally:
        db.close()
    after = load(urls["a"], alices)
    assert after.version == before.version
    assert [p.name for p in after.stakeholders] == ["Zqx Buyer"], "b's deletion changed a's deal"
    # An account that is truly nobody's any more still goes with its last deal.
    lonely = save(urls["b"], DealSheet("B's other", "B's lonely account", stakeholders=[
        Stakeholder("Nobody Else", PartySide.THEIRS)]))  # fmt: skip
    db = open_database(urls["b"])
    try:
        deals.delete_deal(db, lonely)
    finally:
        db.close()
    superuser = server_url(make_url(urls["a"]).database)
    assert sql(superuser, "SELECT name FROM account ORDER BY name") == [
        ("A's account",),
        ("B's account",),
    ]
    assert sql(superuser, "SELECT name FROM stakeholder") == [("Zqx Buyer",)]


def test_a_last_contact_the_server_refused_does_not_stay_on_the_laptop(server, tmp_path):
    from tests.conftest import server_url

    url = server_url(server.new_database())
    laptop = open_database(str(tmp_path / "laptop.db"))
    try:
        (deal_id,) = add_deals(laptop, 1)
        sheet = deal_load.load_deal(laptop, deal_id)
        # Recorded on a laptop whose clock read a year ahead.
        deals.save_deal(
            laptop, replace(sheet, last_contact=TODAY + timedelta(days=365)), today=TODAY
        )
        report = sync.sync(laptop, url)
        assert report.ok and report.sent == 1
        there = open_database(url)
        try:
            # The server kept its own word (not a year ahead)…
            assert differences(by_uid(laptop), by_uid(there)) == [], (
                "the laptop and the server differ after a sync that said all went well"
            )
        finally:
            there.close()
        # …the laptop's copy is now the server's, and the sync said so in one line.
        assert deal_load.load_deal(laptop, deal_id).last_contact is None
        assert report.corrected == 1
        assert "1 sent is kept otherwise by the server" in report.summary()
        assert "\n" not in report.summary()
        # Nothing waits: the next sync has nothing to do, and an ordinary send is not
        # said to have been corrected.
        again = sync.sync(laptop, url)
        assert (again.ok, again.moved, again.corrected) == (True, 0, 0)
        sheet = deal_load.load_deal(laptop, deal_id)
        deals.save_deal(laptop, replace(sheet, last_contact=TODAY), today=TODAY)
        plain = sync.sync(laptop, url)
        assert (plain.ok, plain.sent, plain.corrected) == (True, 1, 0)
    finally:
        laptop.close()


def test_a_deals_currency_changed_by_its_rep_takes_the_approvals_away(team, cli):
    urls, roles = team
    _limit(cli, urls, roles["b"])
    b = urls["b"]
    given = LedgerEntry(giver=Giver.US, what="Free install", cost=Decimal(19_200))
    deal_id = save(b, DealSheet("Fleet", "Acme", value=Decimal(1_000_000), ledger=[given]))
    entry = load(b, deal_id).ledger[0]
    boss = open_database(urls["m"])
    try:
        approvals.decide_approval(boss, deal_id, entry.uid, True)
    finally:
        boss.close()
    assert load(b, deal_id).ledger[0].approved
    # The manager said yes to 19,200 €; in dinars the same figure is three times that.
    sql(b, "UPDATE deal SET currency = 'KWD' WHERE id = %s", deal_id)
    entry = load(b, deal_id).ledger[0]
    assert (entry.approved, entry.needs_approval) == (False, True)


def test_a_deal_with_a_meeting_takes_its_lonely_account_with_it(team):
    urls, _roles = team
    b = urls["b"]
    guest = Stakeholder("Lone Guest", PartySide.THEIRS)
    meeting = Meeting(date(2026, 12, 10), "Kick-off", attendees=[guest.uid])
    deal_id = save(b, DealSheet("B's", "Lonely Inc", stakeholders=[guest], meetings=[meeting]))
    assert load(b, deal_id).meetings[0].attendees == [guest.uid]
    db = open_database(b)
    try:
        deals.delete_deal(db, deal_id)
    finally:
        db.close()
    superuser = server_url(make_url(b).database)
    assert sql(superuser, "SELECT name FROM account") == []
    assert sql(superuser, "SELECT name FROM stakeholder") == []
