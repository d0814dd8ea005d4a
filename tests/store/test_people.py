"""A person is their uid (issue 23, section 6): two people of one name on a deal, one
on each side, are both saved and read back with their own role and stance, and the
meeting one attends and the person the other introduced keep which one it was; two
namesakes at one account in two deals stay two people; the same person (uid) twice, or
the same name twice on the same side of one deal, is refused with a clear message,
nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from salesdesk.domain.deal import DealSheet, PartySide, Role, Stakeholder, Stance
from salesdesk.domain.errors import InputError
from salesdesk.interop.deal_import import import_sheet
from salesdesk.interop.package_read import Provenance
from salesdesk.store import deal_list, deal_load, deals
from salesdesk.store import people as store_people
from tests.homonyms import EXPECTED, OURS_LABEL, THEIRS_LABEL, two_sophies, who

TODAY = date(2026, 12, 6)


def test_one_name_on_each_side_of_a_deal_is_two_people(db):
    theirs = Stakeholder("Sophie Martin", PartySide.THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC)
    ours = Stakeholder(
        "Sophie Martin", PartySide.OURS, Role.INFLUENCER, Stance.CHAMPION, theirs.uid
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


def test_who_attended_and_who_introduced_keep_which_sophie_it_was(db):
    deal_id = deals.save_deal(db, two_sophies(TODAY), today=TODAY)
    loaded = deal_load.load_deal(db, deal_id)
    assert who(loaded) == EXPECTED
    labels = loaded.labels()
    assert set(labels.values()) == {"Karim Benali", OURS_LABEL, THEIRS_LABEL}
    # Saved again (nothing changed, then the attendee's role), still the same people.
    deals.save_deal(db, loaded, today=TODAY)
    again = deal_load.load_deal(db, deal_id)
    assert who(again) == EXPECTED
    ours = next(p for p in again.stakeholders if p.side is PartySide.OURS)
    ours.role = Role.DECISION_MAKER
    deals.save_deal(db, again, today=TODAY)
    attending, introducer = who(deal_load.load_deal(db, deal_id))
    assert attending[0] == ("Sophie Martin", PartySide.OURS, Role.DECISION_MAKER)
    assert introducer == "Sophie Martin/theirs"


def test_a_copy_of_the_deal_keeps_which_sophie_is_which(db):
    """A copy (import --as-new, as the app's Duplicate) points at the same people."""
    first = deals.save_deal(db, two_sophies(TODAY), today=TODAY)
    original = deal_load.load_deal(db, first)
    imported = import_sheet(db, original, Provenance(None, None), as_new=True, today=TODAY)
    assert imported.deal_id != first
    assert who(deal_load.load_deal(db, imported.deal_id)) == EXPECTED
    assert who(deal_load.load_deal(db, first)) == EXPECTED


def test_the_same_person_listed_twice_is_refused(db):
    """One uid twice is a true duplicate, whatever the names say; nothing is written."""
    anne = Stakeholder("Anne Roy")
    twin = Stakeholder("Anne Roy-Martin", PartySide.OURS)
    twin.uid = anne.uid
    with pytest.raises(InputError) as refused:
        deals.save_deal(db, DealSheet("Twice", "Acme", stakeholders=[anne, twin]), today=TODAY)
    assert str(refused.value) == (
        "stakeholders: Anne Roy-Martin is listed twice in this deal: keep one"
    )
    assert deal_list.list_deals(db, TODAY) == []
