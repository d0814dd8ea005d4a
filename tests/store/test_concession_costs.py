"""A concession costs nothing or more: a negative cost (a sign typed by mistake, a file
written by hand) is refused on every road in, with the field named (issue 23: the team
server's CHECK says the same in psql)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import Giver, LedgerEntry
from salesdesk.domain.limits import edit_problem
from salesdesk.store import deal_list, deal_load, deals
from salesdesk.store.engine import open_database

TODAY = date(2026, 11, 30)


def test_a_negative_cost_is_refused_naming_the_field_and_nothing_is_written(tmp_path):
    db = open_database(str(tmp_path / "deals.db"))
    try:
        given = LedgerEntry(giver=Giver.US, what="Free training", cost=Decimal(500))
        deal_id = deals.save_deal(db, DealSheet("Fleet", "Acme", ledger=[given]), today=TODAY)
        sheet = deal_load.load_deal(db, deal_id)
        sheet.ledger[0] = replace(sheet.ledger[0], cost=Decimal("-500"))
        with pytest.raises(InputError) as refused:
            deals.save_deal(db, sheet, today=TODAY)
        assert refused.value.field == "cost"
        assert refused.value.message == (
            "The cost of the concession “Free training” is -500: a cost cannot be negative"
        )
        assert deal_load.load_deal(db, deal_id).ledger[0].cost == Decimal(500)
        with pytest.raises(InputError):
            deals.save_deal(db, DealSheet("New", "Acme", ledger=sheet.ledger), today=TODAY)
        assert [d.title for d in deal_list.list_deals(db, TODAY)] == ["Fleet"]
    finally:
        db.close()


def test_the_editor_refuses_a_negative_cost_as_it_is_typed():
    given = LedgerEntry(giver=Giver.US, what="Free training", cost=Decimal(500))
    before = DealSheet("Fleet", "Acme", ledger=[given])
    after = DealSheet("Fleet", "Acme", ledger=[replace(given, cost=Decimal(-1))])
    assert edit_problem(before, after) == (
        "The cost of the concession “Free training” is -1: a cost cannot be negative"
    )
    assert edit_problem(before, replace(before, title="Fleet 2")) is None
    zero = DealSheet("Fleet", "Acme", ledger=[replace(given, cost=Decimal(0))])
    assert edit_problem(before, zero) is None
