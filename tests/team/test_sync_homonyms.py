"""Two "Sophie Martin" on one deal synced through the team's PostgreSQL server to a second
laptop and back (issue 23, section 6): the second laptop holds the same two people, the
one of ours attending, the customer's having introduced Karim; an edit made there (the
customer's Sophie now attends too) comes back to the first laptop as that Sophie."""

from __future__ import annotations

import pytest

from salesdesk.domain.deal import PartySide, Role
from salesdesk.interop import sync
from salesdesk.store import deals
from salesdesk.store import sync_state as st
from tests.homonyms import EXPECTED, two_sophies, who
from tests.team.test_sync import TODAY, deal, edit, laptops, url  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.server]


def test_a_second_laptop_keeps_which_sophie_is_which_both_ways(laptops, url):  # noqa: F811
    a, b = laptops
    sheet = two_sophies(TODAY)
    deals.save_deal(a, sheet, today=TODAY)
    assert sync.sync(a, url).sent == 1
    assert sync.sync(b, url).received == 1
    uid = next(iter(st.deals(b)))
    on_b = deal(b, uid)
    assert who(on_b) == EXPECTED
    assert {p.uid for p in on_b.stakeholders} == {p.uid for p in sheet.stakeholders}

    theirs = next(p for p in on_b.stakeholders if p.side is PartySide.THEIRS)

    def customer_attends_too(s) -> None:
        s.meetings[0].attendees.append(theirs.uid)

    edit(b, uid, customer_attends_too)
    assert sync.sync(b).sent == 1
    assert sync.sync(a).received == 1
    attending, introducer = who(deal(a, uid))
    assert attending == [
        *EXPECTED[0],
        ("Sophie Martin", PartySide.THEIRS, Role.ECONOMIC_BUYER),
    ]
    assert introducer == "Sophie Martin/theirs"
    assert sync.sync(a).moved == sync.sync(b).moved == 0
