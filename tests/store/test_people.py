"""A person is their uid (issue 23, section 6): two people of one name on a deal, one
on each side, are both saved and read back with their own role and stance; two
namesakes at one account in two deals stay two people; the same name twice on the same
side of one deal is refused with a clear message, nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from salesdesk.domain.deal import DealSheet, PartySide, Role, Stakeholder, Stance
from salesdesk.domain.errors import InputError
from salesdesk.store import deal_list, deal_load, deals
from salesdesk.store import people as store_people

TODAY = date(2026, 12, 6)


def test_one_name_on_each_side_of_a_deal_is_two_people(db):
    theirs = Stakeholder("Sophie Martin", PartySide.THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC)
    ours = Stakeholder(
        "Sophie Martin", PartySide.OURS, Role.INFLUENCER, Stance.CHAMPION, "Sophie Martin"
    )
    deal_id = deals.save_deal(
        db, DealSheet("Two Sophies", "Acme", stakeholders=[theirs, ours]), today=TODAY
    )
    people = deal_load.load_deal(db, deal_id).stakeholders
    assert [(p.name, p.side, p.role, p.stance) for p in people] == [
        ("Sophie Martin", PartySide.THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC),
        ("Sophie Martin", PartySide.OURS, Role.INFLUENCER, Stance.CHAMPION),
    ]
    assert [p.uid for p in people] == [theirs.uid, ours.uid]
    # saved again unchanged, still two
    again = deal_load.load_deal(db, deal_id)
    deals.save_deal(db, again, today=TODAY)
    assert len(deal_load.load_deal(db, deal_id).stakeholders) == 2


def test_namesakes_at_one_account_stay_two_people(db):
    first = Stakeholder("Jean Dupont", role=Role.DECISION_MAKER, stance=Stance.CHAMPION)
    one = deals.save_deal(db, DealSheet("One", "Acme", stakeholders=[first]), today=TODAY)
    other = Stakeholder("Jean Dupont", role=Role.GATEKEEPER, stance=Stance.OPPONENT)
    two = deals.save_deal(db, DealSheet("Two", "Acme", stakeholders=[other]), today=TODAY)
    assert deal_load.load_deal(db, one).stakeholders[0].role is Role.DECISION_MAKER
    assert deal_load.load_deal(db, two).stakeholders[0].role is Role.GATEKEEPER
    assert {p.uid for p in store_people.account_people(db, "Acme")} == {first.uid, other.uid}


def test_the_same_person_twice_on_one_side_is_refused(db):
    sheet = DealSheet(
        "Twice", "Acme", stakeholders=[Stakeholder("Anne Roy"), Stakeholder("Anne Roy ")]
    )
    with pytest.raises(InputError) as refused:
        deals.save_deal(db, sheet, today=TODAY)
    assert str(refused.value) == (
        "stakeholders: Anne Roy is twice on their side of this deal: keep one, or tell them apart"
    )
    assert deal_list.list_deals(db, date(2026, 12, 6)) == []
