"""ATTACK (third attack on the team server, issue 23): breaches found on the code of
migration 0021/0022, each a test that FAILS on that code, on purpose, until it is fixed.

- a rep reads a colleague's private titles, accounts and values through EXPLAIN ANALYZE
  (an index scan's leakproof condition runs before the row rules; "Rows Removed by
  Filter" counts the colleague's rows);
- a rep who `SET ROLE salesdesk_rep` (his group) writes concessions with no limit
  (fixed here by migration 0025: a group role has no authority; this test passes);
- a rep rewrites what was given in return for an approved concession: it stays approved;
- a rep deleting his own deal removes a person from a colleague's deal (the orphaned
  account is deleted by the server, the person goes with it, the deal's version stays);
- a laptop's last contact the server refused stays on the laptop: the two differ for
  good, and the sync says all went well.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import psycopg
import pytest

from salesdesk.domain.deal import DealSheet, PartySide, Role, Stakeholder, Stance
from salesdesk.domain.ledger import Giver, LedgerEntry
from salesdesk.interop import sync
from salesdesk.store import repository as repo
from salesdesk.store.engine import open_database
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


def test_a_rep_acting_as_his_group_role_is_held_to_his_own_limits(team, cli):
    urls, roles = team
    assert cli("team", "visibility", "team").returncode == 0
    _limit(cli, urls, roles["b"])
    b = urls["b"]
    deal_id = save(b, DealSheet("Fleet", "Acme", value=Decimal(1_000_000)))
    with psycopg.connect(b) as conn:
        conn.execute("SET ROLE salesdesk_rep")
        conn.execute(
            "INSERT INTO ledger_entry (deal_id, position, giver, what, cost, counterpart, "
            "status, needs_approval, approved, approved_by, uid) VALUES "
            "(%s, 0, 'us', 'Rebate', 900000000, '', 'accepted', false, false, '', 'x1')",
            (deal_id,),
        )
    entry = load(b, deal_id).ledger[0]
    assert entry.cost == Decimal(90_000)
    assert entry.needs_approval, "a 90,000 concession under a 1,000 limit needs no approval"


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
        repo.decide_approval(boss, deal_id, entry.uid, True)
    finally:
        boss.close()
    assert load(b, deal_id).ledger[0].approved
    # The manager said yes to 15 % for a 3-year contract; the rep drops the contract.
    sql(b, "UPDATE ledger_entry SET counterpart = '', what = '15 pct off, no strings' "
           "WHERE deal_id = %s", deal_id)  # fmt: skip
    entry = load(b, deal_id).ledger[0]
    assert entry.counterpart == ""
    assert not entry.approved, "the approval still stands for what the manager never saw"


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
        repo.delete_deal(db, bobs)
    finally:
        db.close()
    after = load(urls["a"], alices)
    assert after.version == before.version
    assert [p.name for p in after.stakeholders] == ["Zqx Buyer"], "b's deletion changed a's deal"


def test_a_last_contact_the_server_refused_does_not_stay_on_the_laptop(server, tmp_path):
    from tests.conftest import server_url

    url = server_url(server.new_database())
    laptop = open_database(str(tmp_path / "laptop.db"))
    try:
        (deal_id,) = add_deals(laptop, 1)
        sheet = repo.load_deal(laptop, deal_id)
        # Recorded on a laptop whose clock read a year ahead.
        repo.save_deal(laptop, replace(sheet, last_contact=TODAY + timedelta(days=365)))
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
    finally:
        laptop.close()
