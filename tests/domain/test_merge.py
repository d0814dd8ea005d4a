"""Merging a rep's edits onto a newer version: their changes kept, clashes named."""

import copy
from datetime import date
from decimal import Decimal as D

from salesdesk.domain.deal import Interaction
from salesdesk.domain.merge import EXISTS, merge
from salesdesk.interop.demo import sample_sheets
from tests.homonyms import OURS_LABEL, THEIRS_LABEL, two_sophies


def _three():
    base = sample_sheets(date(2026, 11, 30))["telematics-en"]
    return base, copy.deepcopy(base), copy.deepcopy(base)


def test_changes_to_different_fields_are_both_kept():
    base, mine, theirs = _three()
    mine.terms[0].target = D("101")
    mine.interactions.append(Interaction(date(2026, 11, 29), summary="call"))
    theirs.terms[1].target = D("9")
    theirs.title = "Renamed by them"
    merged, clashes = merge(base, mine, theirs)
    assert clashes == []
    assert merged.terms[0].target == D("101") and merged.terms[1].target == D("9")
    assert merged.title == "Renamed by them"
    assert merged.interactions[-1].summary == "call"


def test_the_same_field_changed_twice_is_a_clash_the_rep_settles():
    base, mine, theirs = _three()
    mine.terms[0].target = D("101")
    theirs.terms[0].target = D("102")
    merged, clashes = merge(base, mine, theirs)
    assert len(clashes) == 1
    clash = clashes[0]
    assert (clash.rows, clash.field, clash.mine, clash.theirs) == (
        "terms",
        "target",
        D("101"),
        D("102"),
    )
    assert clash.row_name == base.terms[0].name
    assert merged.terms[0].target == D("102")  # theirs unless the rep picks mine
    merged, _ = merge(base, mine, theirs, [clash.key])
    assert merged.terms[0].target == D("101")


def test_a_row_removed_by_one_and_changed_by_the_other_is_a_clash():
    base, mine, theirs = _three()
    gone = mine.ledger.pop(0)
    theirs.ledger[0].what = "changed by them"
    merged, clashes = merge(base, mine, theirs)
    assert [(c.rows, c.uid, c.field) for c in clashes] == [("ledger", gone.uid, EXISTS)]
    assert merged.ledger[0].what == "changed by them"
    merged, _ = merge(base, mine, theirs, lambda c: True)
    assert gone.uid not in [e.uid for e in merged.ledger]


def test_a_meetings_calendar_sequence_is_never_a_clash_the_rep_must_settle():
    from datetime import time

    base, mine, theirs = _three()
    mine.meetings[-1].time, mine.meetings[-1].sequence = time(16, 0), 1
    theirs.meetings[-1].location, theirs.meetings[-1].sequence = "Leeds", 2
    theirs.customer_language = "fr"
    merged, clashes = merge(base, mine, theirs)
    assert clashes == []  # different fields; the sequence is the store's, not a field
    assert (merged.meetings[-1].time, merged.meetings[-1].location) == (time(16, 0), "Leeds")
    assert merged.customer_language == "fr"
    mine.customer_language = None  # the sample says English: now as the app
    _merged, clashes = merge(base, mine, theirs)
    assert [c.field for c in clashes] == ["customer_language"]


def test_options_points_and_batna_packages_merge_field_by_field():
    from salesdesk.domain.terms import ScorePoint, TermKind, TermOption

    base, mine, theirs = _three()
    for sheet in (base, mine, theirs):
        sheet.terms[1].kind = TermKind.OPTIONS
        sheet.terms[1].options = [TermOption("24", D(0), D(100)), TermOption("48", D(100), D(0))]
    mine.terms[1].options = [*mine.terms[1].options, TermOption("36", D(60), D(50))]
    theirs.terms[2].their_points = [ScorePoint(D(10), D(100)), ScorePoint(D(25), D(0))]
    theirs.batna_ours.package = {"Price per vehicle per month": D(33)}
    merged, clashes = merge(base, mine, theirs)
    assert clashes == []
    assert [o.label for o in merged.terms[1].options] == ["24", "48", "36"]
    assert merged.terms[2].their_points == theirs.terms[2].their_points
    assert merged.batna_ours.package == {"Price per vehicle per month": D(33)}
    # Both change the same term's options: one clash, on that field.
    theirs.terms[1].options = [TermOption("24", D(10), D(100)), TermOption("48", D(100), D(0))]
    _, clashes = merge(base, mine, theirs)
    assert [(c.rows, c.field) for c in clashes] == [("terms", "options")]


def test_a_clash_on_attendees_or_an_introducer_names_the_people_not_their_uids():
    """Attendees and introducers are uids; the rep settling a clash reads who they are,
    two of one name told apart."""
    base = two_sophies(date(2026, 12, 8))
    theirs_sophie, ours_sophie, karim = base.stakeholders
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.meetings[0].attendees = [theirs_sophie.uid]
    theirs.meetings[0].attendees = [ours_sophie.uid, theirs_sophie.uid]
    mine.stakeholders[2].introduced_by = ours_sophie.uid
    theirs.stakeholders[2].introduced_by = None
    merged, clashes = merge(base, mine, theirs, lambda _c: True)
    shown = {c.field: (c.mine, c.theirs) for c in clashes}
    assert shown == {
        "attendees": ([THEIRS_LABEL], [OURS_LABEL, THEIRS_LABEL]),
        "introduced_by": (OURS_LABEL, None),
    }
    # What is settled is the people themselves, by uid.
    assert merged.meetings[0].attendees == [theirs_sophie.uid]
    assert merged.stakeholders[2].introduced_by == ours_sophie.uid
    assert karim.uid in base.meetings[0].attendees
