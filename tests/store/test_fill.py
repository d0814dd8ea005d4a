"""The benchmark filler works on both engines, and the app writes after it."""

from datetime import date
from decimal import Decimal

from benchmarks.fill import fill
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.listing import DealQuery
from salesdesk.store import deal_list, deal_load, deals


def test_a_filled_database_takes_new_deals_and_saves(db, db_target):
    fill(db_target, 40, 3)
    today = date.today()  # the filler's own day
    assert deal_list.count_deals(db, DealQuery(), today) == 40
    new_id = deals.save_deal(
        db, DealSheet(title="After the fill", account="Fresh account"), today=today
    )
    assert new_id == 41
    sheet = deal_load.load_deal(db, 7)
    sheet.terms[0].target = Decimal("111")
    sheet.interactions.pop()
    deals.save_deal(db, sheet, today=today)
    again = deal_load.load_deal(db, 7)
    assert again.terms[0].target == Decimal("111") and len(again.interactions) == 1
    assert deal_list.count_deals(db, DealQuery(text="after the"), today) == 1


def test_filled_deals_are_shaped_like_a_reps(db, db_target):
    """What the benchmarks measure on: offers, people, meetings behind and ahead, weights
    summing to 100, and next-contact dates by the store, some overdue, as in a rep's list."""
    fill(db_target, 60, 2)
    today = date.today()
    overdue = deal_list.count_deals(db, DealQuery(overdue_only=True), today)
    assert 0 < overdue < 30
    sheet = deal_load.load_deal(db, 12)
    assert len(sheet.offers) == 2 and len(sheet.stakeholders) == 1
    assert sorted(m.date > today for m in sheet.meetings) == [False, True]
    assert sum(t.weight or 0 for t in sheet.terms) == 100
