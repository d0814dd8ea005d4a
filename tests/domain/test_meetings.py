"""A meeting's calendar sequence: raised by what a calendar shows, never lowered."""

from datetime import date, time

from salesdesk.domain.deal import Meeting
from salesdesk.domain.meetings import cancelled, next_sequence


def _meeting(**changes):
    meeting = Meeting(date(2027, 1, 12), "Pricing", time(9, 30), minutes=60, location="Lyon")
    for name, value in changes.items():
        setattr(meeting, name, value)
    return meeting


def test_a_new_meeting_keeps_the_sequence_it_came_with():
    assert next_sequence(None, _meeting()) == 0
    assert next_sequence(None, _meeting(sequence=4)) == 4


def test_what_a_calendar_shows_raises_it_once_and_nothing_else_does():
    stored = _meeting(sequence=2)
    for change in (
        {"date": date(2027, 1, 13)},
        {"time": time(10, 0)},
        {"time": None},
        {"minutes": 90},
        {"title": "Pricing, again"},
        {"location": "Paris"},
    ):
        assert next_sequence(stored, _meeting(sequence=2, **change)) == 3, change
    for change in ({"objectives": "x"}, {"agenda": "y"}, {"customer_note": "z"}, {"round": 4}):
        assert next_sequence(stored, _meeting(sequence=2, **change)) == 2, change


def test_a_higher_sequence_from_elsewhere_is_kept_a_lower_one_never_lowers():
    stored = _meeting(sequence=5)
    assert next_sequence(stored, _meeting(sequence=9)) == 9  # unchanged, but ahead
    assert next_sequence(stored, _meeting(sequence=9, location="Nice")) == 9
    assert next_sequence(stored, _meeting(sequence=0)) == 5
    assert next_sequence(stored, _meeting(sequence=0, location="Nice")) == 6


def test_a_cancellation_is_sent_one_sequence_above_the_meeting():
    gone = cancelled(3, _meeting(sequence=2))
    assert (gone.deal_id, gone.sequence, gone.location, gone.minutes) == (3, 3, "Lyon", 60)
