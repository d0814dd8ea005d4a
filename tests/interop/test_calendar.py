"""The calendar export read back by a real iCalendar parser (icalendar): only what the
customer copy may say, times in the rep's zone, each meeting's own length and place,
stable UIDs with their sequence, cancelled events, the customer's language."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar

from salesdesk.domain.deal import Batna, Meeting, Stakeholder
from salesdesk.domain.ledger import Giver, LedgerEntry
from salesdesk.domain.meetings import CancelledMeeting
from salesdesk.interop.calendar import meetings_ics
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


def events(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    found = list(calendar.walk("VEVENT"))
    for event in found:  # what RFC 5545 requires of every event
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert required in event, (required, event)
    return found


def test_an_event_carries_the_customer_copy_whitelist_and_no_internal_field():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    meeting = sheet.meetings[-1]
    # A marker in every internal field a deal has.
    meeting.objectives = "SECRET-OBJECTIVE floor 1.15"
    meeting.outcome = "SECRET-OUTCOME"
    meeting.next_steps = "SECRET-NEXT"
    meeting.agenda = "1. Prix et volume"
    meeting.customer_note = "Merci pour votre accueil"
    meeting.location = "Lyon, 12 rue de la République"
    sheet.batna_ours = Batna("SECRET-BATNA-OURS", Decimal("1.12"), "Prix unitaire")
    sheet.batna_theirs = Batna("SECRET-BATNA-THEIRS")
    sheet.ledger.append(
        LedgerEntry(Giver.US, "SECRET-CONCESSION", counterpart="SECRET-COUNTERPART")
    )
    for term in sheet.terms:
        term.walk_away = Decimal("987654.321")
        term.target = Decimal("876543.219")
    sheet.stakeholders.append(Stakeholder("SECRET-PERSON-NOT-ATTENDING"))
    sheet.interactions[0].summary = "SECRET-INTERACTION"
    sheet.owner = "SECRET-OWNER"
    sheet.value = Decimal("456789.12")
    sheet.meetings = [meeting]
    text = meetings_ics([sheet], NOW, zone=PARIS)
    unfolded = text.replace("\r\n ", "")
    assert "SECRET" not in unfolded
    for figure in ("987", "876", "456789", "1.12", "1,12"):
        assert figure not in unfolded, figure
    (event,) = events(text)
    assert str(event["SUMMARY"]) == "Troisième tour : conclusion — Société Lyonnaise d'Emballage"
    description = str(event["DESCRIPTION"])
    for allowed in (
        sheet.title,
        "1. Prix et volume",
        "Merci pour votre accueil",
        "Nathalie Roux, Karim Benali, Camille Durand, Sophie Martin",
    ):
        assert allowed in description
    assert str(event["LOCATION"]) == "Lyon, 12 rue de la République"


def test_times_are_the_reps_in_utc_with_the_meetings_own_length():
    sheet = sample_sheets(TODAY)["telematics-en"]
    winter = Meeting(date(2027, 1, 12), "Winter", time(9, 30), minutes=90)
    summer = Meeting(date(2027, 7, 12), "Summer", time(9, 30))
    whole_day = Meeting(date(2027, 3, 1), "Workshop")
    sheet.meetings = [winter, summer, whole_day]
    written = events(meetings_ics([sheet], NOW, zone=PARIS))
    found = {str(e["SUMMARY"]).split(" — ")[0]: e for e in written}
    start = found["Winter"].decoded("DTSTART")
    assert start == datetime(2027, 1, 12, 8, 30, tzinfo=UTC)  # 09:30 in Paris, winter
    assert start.astimezone(PARIS).time() == time(9, 30)
    assert found["Winter"].decoded("DTEND") - start == timedelta(minutes=90)
    summer_start = found["Summer"].decoded("DTSTART")
    assert summer_start == datetime(2027, 7, 12, 7, 30, tzinfo=UTC)  # summer time
    assert found["Summer"].decoded("DTEND") - summer_start == timedelta(hours=1)
    assert found["Workshop"].decoded("DTSTART") == date(2027, 3, 1)  # a day, no time
    # Not floating: every timed start says its zone.
    assert all(e.decoded("DTSTART").tzinfo is not None for e in (found["Winter"], found["Summer"]))


def test_the_uid_is_the_meetings_own_and_the_sequence_its_stored_one():
    sheet = sample_sheets(TODAY)["telematics-en"]
    meeting = sheet.meetings[-1]
    meeting.sequence = 3
    sheet.meetings = [meeting]
    (event,) = events(meetings_ics([sheet], NOW, zone=PARIS))
    assert str(event["UID"]) == meeting.uid
    assert int(event["SEQUENCE"]) == 3
    moved = meeting.date + timedelta(days=2)
    meeting.date = moved
    (again,) = events(meetings_ics([sheet], NOW, zone=PARIS))
    assert str(again["UID"]) == meeting.uid  # rescheduled: the same event


def test_a_cancelled_meeting_is_sent_as_cancelled_under_its_uid():
    sheet = sample_sheets(TODAY)["telematics-en"]
    sheet.meetings = []
    gone = CancelledMeeting(
        deal_id=1,
        uid="3b0c6a5e-1111-4222-8333-444455556666",
        date=date(2027, 1, 12),
        time=time(14, 0),
        minutes=45,
        title="Pricing review",
        location="Leeds",
        sequence=2,
    )
    (event,) = events(meetings_ics([sheet], NOW, zone=PARIS, cancelled=[(sheet, gone)]))
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == gone.uid and int(event["SEQUENCE"]) == 2
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
    assert "Pricing review" in str(event["SUMMARY"])


def test_events_speak_the_deals_customer_language():
    sheet = sample_sheets(TODAY)["telematics-en"]
    meeting = sheet.meetings[-1]
    meeting.agenda = "1. Prices"
    meeting.customer_note = "See you there"
    sheet.meetings = [meeting]
    sheet.customer_language = "fr"
    (event,) = events(meetings_ics([sheet], NOW, zone=PARIS))
    description = str(event["DESCRIPTION"])
    assert "Ordre du jour :\n1. Prices" in description
    assert "Participants : " in description
    sheet.customer_language = None  # the app's (English in tests)
    (event,) = events(meetings_ics([sheet], NOW, zone=PARIS))
    assert "Agenda:\n1. Prices" in str(event["DESCRIPTION"])


def test_in_a_french_app_the_samples_english_customers_are_written_to_in_english():
    from salesdesk.i18n import set_language

    sheets = sample_sheets(TODAY)
    set_language("fr")
    try:
        found = events(meetings_ics(list(sheets.values()), NOW, zone=PARIS))
    finally:
        set_language("en")
    said = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in found}
    for key, sheet in sheets.items():
        written = [d for s, d in said.items() if sheet.title in d or sheet.account in s]
        assert written, key
        heading = "Agenda:" if key.endswith("-en") else "Ordre du jour :"
        assert all(heading in d for d in written if "1." in d), (key, written)
