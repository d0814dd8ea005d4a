"""A meeting's calendar sequence and the meetings cancelled since they were sent to a
calendar, as every save keeps them: the app's, `import-deal`'s, a sync's."""

from __future__ import annotations

import copy
import json
from datetime import date, time, timedelta

import pytest

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Meeting
from salesdesk.interop.deal_import import import_sheet
from salesdesk.interop.deal_json import dumps
from salesdesk.interop.demo import sample_sheets
from salesdesk.interop.package_read import read_package
from salesdesk.interop.package_write import deal_to_package
from salesdesk.store import deal_load, deals
from salesdesk.store.meeting_calendar import cancelled_meetings_between

TODAY = date(2026, 11, 30)


def _saved(db, key="telematics-en"):
    return deals.save_deal(db, sample_sheets(TODAY)[key], today=TODAY)


def _coming(sheet):
    return next(m for m in sheet.meetings if m.date >= TODAY)


def test_length_place_and_customer_language_are_stored(db):
    deal_id = _saved(db, "packaging-fr")
    sheet = deal_load.load_deal(db, deal_id)
    assert sheet.customer_language == "fr"
    meeting = _coming(sheet)
    assert meeting.minutes == 90 and meeting.location.startswith("Société Lyonnaise")
    assert meeting.sequence == 0


def test_a_change_of_time_length_title_or_place_raises_the_sequence_once_per_save(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    uid = _coming(sheet).uid
    steps = [
        ("time", time(16, 0)),
        ("minutes", 30),
        ("title", "Commercial proposal, revised"),
        ("location", "Leeds office"),
        ("date", _coming(sheet).date + timedelta(days=1)),
    ]
    for expected, (field, value) in enumerate(steps, start=1):
        sheet = deal_load.load_deal(db, deal_id)
        setattr(_coming(sheet), field, value)
        deals.save_deal(db, sheet, today=TODAY)
        again = deal_load.load_deal(db, deal_id)
        assert (_coming(again).uid, _coming(again).sequence) == (uid, expected), field
    # What a calendar does not show changes nothing.
    sheet = deal_load.load_deal(db, deal_id)
    _coming(sheet).objectives = "Hold the line"
    _coming(sheet).agenda = "1. Price"
    deals.save_deal(db, sheet, today=TODAY)
    assert _coming(deal_load.load_deal(db, deal_id)).sequence == len(steps)


def test_an_imported_package_raises_the_sequence_and_never_lowers_it(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    package = deal_to_package(sheet, analyse(sheet, TODAY), "elsewhere")
    coming = next(m for m in package["meetings"] if m["date"] >= TODAY.isoformat())
    coming["time"] = "17:30"  # rescheduled elsewhere, where the sequence stayed 0
    incoming, provenance = read_package(dumps(package), "deal.json")
    import_sheet(db, incoming, provenance, today=TODAY)
    after = _coming(deal_load.load_deal(db, deal_id))
    assert (after.time, after.sequence) == (time(17, 30), 1)
    # A package with a higher sequence and no change: its sequence is kept.
    coming["sequence"] = 7
    incoming, provenance = read_package(dumps(package), "deal.json")
    import_sheet(db, incoming, provenance, today=TODAY)
    assert _coming(deal_load.load_deal(db, deal_id)).sequence == 7
    # An older package (sequence 0) with another time: above the stored one, never below.
    coming["sequence"], coming["time"] = 0, "08:00"
    incoming, provenance = read_package(dumps(package), "deal.json")
    import_sheet(db, incoming, provenance, today=TODAY)
    assert _coming(deal_load.load_deal(db, deal_id)).sequence == 8


def test_a_deleted_meeting_is_remembered_as_cancelled_and_forgotten_when_back(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    before = copy.deepcopy(sheet)
    gone = _coming(sheet)
    gone.sequence = 2
    sheet.meetings.remove(gone)
    deals.save_deal(db, sheet, today=TODAY)
    found = cancelled_meetings_between(db, TODAY, TODAY + timedelta(days=30))
    assert [(c.deal_id, c.uid, c.date, c.time, c.minutes) for c in found] == [
        (deal_id, gone.uid, gone.date, gone.time, gone.minutes)
    ]
    assert found[0].sequence == 1  # the stored sequence (0) plus one
    assert cancelled_meetings_between(db, TODAY + timedelta(days=31), date(2027, 12, 31)) == []
    # Undone: the meeting is back, the cancellation forgotten.
    before.version = deal_load.load_deal(db, deal_id).version
    deals.save_deal(db, before, today=TODAY)
    assert cancelled_meetings_between(db, TODAY, TODAY + timedelta(days=30)) == []


# On a team server the store takes the server's day whatever `today` says: the year's
# boundary is tried where the day is the caller's.
@pytest.mark.sqlite_file
def test_a_cancellation_is_forgotten_a_year_after_its_date(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    old = Meeting(date(2026, 6, 1), "Kick-off", time(10, 0))
    sheet.meetings.append(old)
    deals.save_deal(db, sheet, today=TODAY)
    sheet = deal_load.load_deal(db, deal_id)
    sheet.meetings = [m for m in sheet.meetings if m.uid != old.uid]
    deals.save_deal(db, sheet, today=TODAY)
    assert len(cancelled_meetings_between(db, date(2024, 1, 1), TODAY)) == 1
    # A year after its date, the next save of the deal forgets it.
    sheet = deal_load.load_deal(db, deal_id)
    deals.save_deal(db, sheet, today=date(2027, 6, 1))
    assert len(cancelled_meetings_between(db, date(2024, 1, 1), TODAY)) == 1
    sheet = deal_load.load_deal(db, deal_id)
    deals.save_deal(db, sheet, today=date(2027, 6, 3))
    assert cancelled_meetings_between(db, date(2024, 1, 1), TODAY) == []


def test_a_deleted_deal_takes_its_cancellations_with_it(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    sheet.meetings = []
    deals.save_deal(db, sheet, today=TODAY)
    assert cancelled_meetings_between(db, date(2020, 1, 1), date(2030, 1, 1))
    deals.delete_deal(db, deal_id)
    assert cancelled_meetings_between(db, date(2020, 1, 1), date(2030, 1, 1)) == []


def test_a_copy_imported_as_new_gets_meetings_of_its_own(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    text = dumps(deal_to_package(sheet, analyse(sheet, TODAY)))
    incoming, provenance = read_package(text, "deal.json")
    copy_id = import_sheet(db, incoming, provenance, as_new=True, today=TODAY).deal_id
    original = {m.uid for m in deal_load.load_deal(db, deal_id).meetings}
    copied = {m.uid for m in deal_load.load_deal(db, copy_id).meetings}
    assert copied and not original & copied
    assert json.loads(text)["meetings"]  # the package itself kept the original's uids
