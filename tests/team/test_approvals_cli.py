"""The approvals queue on the command line: a manager lists the concessions waiting for
approval (`approvals --json`, each numbered in its deal's ledger from 1) and decides one
(`approve DEAL ENTRY [--decline]`); a rep gets one line saying it is a manager's."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.interop.demo import sample_sheets
from salesdesk.store import deal_load, deals
from salesdesk.store.engine import open_database
from tests.team import test_rls
from tests.team.test_sync import run_cli

pytestmark = [pytest.mark.server]
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date.today()


def save_waiting(url: str, title: str, what: str, account: str | None = None) -> tuple[int, int]:
    """A rep's deal whose last concession, `what`, waits for approval: (deal, entry)."""
    sheet = replace(sample_sheets(TODAY)["telematics-en"], uid=None, title=title)
    if account is not None:
        sheet = replace(sheet, account=account)
    for entry in sheet.ledger:
        entry.needs_approval = entry.approved = entry.declined = False
    sheet.ledger.append(
        LedgerEntry(
            giver=Giver.US,
            what=what,
            cost=Decimal("18000"),
            status=EntryStatus.OFFERED,
            needs_approval=True,
        )
    )
    rep = open_database(url)
    try:
        deal_id = deals.save_deal(rep, sheet, today=TODAY)
    finally:
        rep.close()
    return deal_id, len(sheet.ledger)  # the last of the deal's entries


def test_a_manager_lists_and_decides_the_approvals_a_rep_may_not(team, cli_env):
    urls, roles = team
    deal_id, number = save_waiting(urls["a"], "Fleet for Acme", "Free second year of support")

    listed = run_cli(cli_env, "--db", urls["m"], "approvals", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [
        {
            "deal": deal_id,
            "entry": number,
            "title": "Fleet for Acme",
            "what": "Free second year of support",
            "giver": "us",
            "cost": "18000.00",
            "rep": roles["a"],
        }
    ]
    text = run_cli(cli_env, "--db", urls["m"], "approvals")
    assert f"Deal {deal_id} (Fleet for Acme), entry {number}" in text.stdout

    for command in (["approvals"], ["approve", str(deal_id), str(number)]):
        refused = run_cli(cli_env, "--db", urls["a"], *command)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert len(refused.stderr.splitlines()) == 1 and "Only a manager" in refused.stderr

    wrong = run_cli(cli_env, "--db", urls["m"], "approve", str(deal_id), "1")
    assert wrong.returncode == 2 and "does not wait for approval" in wrong.stderr
    past = run_cli(cli_env, "--db", urls["m"], "approve", str(deal_id), str(number + 1))
    assert past.returncode == 2 and f"numbered 1 to {number}" in past.stderr

    done = run_cli(cli_env, "--db", urls["m"], "approve", str(deal_id), str(number), "--decline")
    assert done.returncode == 0, done.stderr
    assert "Declined" in done.stdout
    manager = open_database(urls["m"])
    try:
        decided = deal_load.load_deal(manager, deal_id).ledger[number - 1]
        assert decided.declined and decided.approved_by == roles["m"]
    finally:
        manager.close()
    empty = run_cli(cli_env, "--db", urls["m"], "approvals", "--json")
    assert json.loads(empty.stdout) == []
