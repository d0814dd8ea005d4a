from datetime import date
from decimal import Decimal as D

import pytest

from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import (
    EntryStatus,
    Giver,
    LedgerEntry,
    entries_awaiting_approval,
    growing_rounds,
    ledger_figures,
    unilateral_entries,
)
from salesdesk.domain.price import required_volume_increase
from salesdesk.domain.stages import DealStatus, Stage, contact_interval, contact_state

US, THEM = Giver.US, Giver.THEM
ACC, OFF, PLA, REF, WIT = (
    EntryStatus.ACCEPTED,
    EntryStatus.OFFERED,
    EntryStatus.PLANNED,
    EntryStatus.REFUSED,
    EntryStatus.WITHDRAWN,
)


def test_figures_count_accepted_entries_only_and_missing_amounts_as_zero():
    entries = [
        LedgerEntry(
            US,
            "discount",
            cost=D(100),
            value=D(90),
            counterpart="volume",
            counterpart_value=D(150),
            counterpart_cost=D(20),
            status=ACC,
        ),
        LedgerEntry(
            THEM,
            "faster payment",
            cost=D(5),
            value=D(40),
            counterpart="delivery",
            counterpart_value=D(1),
            counterpart_cost=D(30),
            status=ACC,
        ),
        LedgerEntry(US, "not accepted", cost=D(1000), status=OFF, counterpart="x"),
        LedgerEntry(US, "no amounts", status=ACC, counterpart="y"),
    ]
    f = ledger_figures(entries)
    assert f.given_cost == D(130)  # 100 (ours) + 30 (their counterpart's cost to us)
    assert f.received_value == D(190)  # 40 (theirs) + 150 (our counterpart's value)
    assert f.balance == D(60)


def test_unilateral_means_ours_in_play_without_counterpart():
    entries = [
        LedgerEntry(US, "a", counterpart="", status=OFF),
        LedgerEntry(US, "b", counterpart="   ", status=PLA),
        LedgerEntry(US, "c", counterpart="", status=REF),
        LedgerEntry(US, "d", counterpart="", status=WIT),
        LedgerEntry(THEM, "e", counterpart="", status=ACC),
        LedgerEntry(US, "f", counterpart="something", status=ACC),
    ]
    assert unilateral_entries(entries) == [0, 1]


def test_growing_concessions_compare_with_previous_round_that_has_ours():
    entries = [
        LedgerEntry(US, "r1", cost=D(100), status=ACC, round=1),
        LedgerEntry(US, "r2 planned only", cost=D(999), status=PLA, round=2),
        LedgerEntry(US, "r3", cost=D(60), status=OFF, round=3),
        LedgerEntry(US, "r3b", cost=D(50), status=OFF, round=3),  # 110 > 100
        LedgerEntry(US, "no round", cost=D(5000), status=OFF),
        LedgerEntry(THEM, "theirs", cost=D(9999), status=ACC, round=4),
        LedgerEntry(US, "r5", cost=D(10), status=ACC, round=5),
    ]
    assert growing_rounds(entries) == [(1, 3)]


def test_needs_approval_only_while_in_play_and_not_approved():
    entries = [
        LedgerEntry(US, "a", needs_approval=True, status=PLA),
        LedgerEntry(US, "b", needs_approval=True, approved=True, status=OFF),
        LedgerEntry(US, "c", needs_approval=True, status=REF),
        LedgerEntry(US, "d", needs_approval=True, status=ACC),
    ]
    assert entries_awaiting_approval(entries) == [0, 3]


def test_stages_are_ordered():
    assert [s.number for s in Stage] == list(range(1, 9))
    assert Stage.CONTRACT.number == 5


def test_cadence_defaults_and_overdue():
    assert [contact_interval(p) for p in range(1, 6)] == [7, 5, 3, 2, 1]
    today = date(2026, 11, 29)
    state = contact_state(
        recorded=date(2026, 11, 20),
        events=[date(2026, 11, 25)],
        phase=3,
        status=DealStatus.OPEN,
        today=today,
    )
    assert state.last_contact == date(2026, 11, 25)
    assert state.next_contact_due == date(2026, 11, 28)
    assert state.overdue
    on_due_day = contact_state(
        recorded=date(2026, 11, 26), events=[], phase=3, status=DealStatus.OPEN, today=today
    )
    assert not on_due_day.overdue  # overdue means after the due date


def test_future_events_do_not_count_and_closed_deals_are_never_overdue():
    today = date(2026, 11, 29)
    state = contact_state(
        recorded=date(2026, 11, 1),
        events=[date(2026, 12, 5)],
        phase=1,
        status=DealStatus.OPEN,
        today=today,
    )
    assert state.last_contact == date(2026, 11, 1) and state.overdue
    for status in (DealStatus.WON, DealStatus.LOST):
        assert not contact_state(
            recorded=date(2026, 1, 1), events=[], phase=5, status=status, today=today
        ).overdue


def test_custom_cadence():
    state = contact_state(
        recorded=date(2026, 11, 20),
        events=[],
        phase=1,
        status=DealStatus.OPEN,
        today=date(2026, 11, 29),
        cadence=(14, 7, 3, 2, 1),
    )
    assert state.next_contact_due == date(2026, 12, 4) and not state.overdue


def test_price_effect():
    assert required_volume_increase(D(10), D(30)) == D("50.00")
    assert required_volume_increase(D(5), D(25)) == D("25.00")
    assert required_volume_increase(D(0), D(25)) == D("0.00")
    assert required_volume_increase(D(10), D(35)) == D("40.00")
    assert required_volume_increase(D(7), D(30)) == D("30.43")
    with pytest.raises(InputError, match="no volume increase"):
        required_volume_increase(D(30), D(30))
    with pytest.raises(InputError):
        required_volume_increase(D(40), D(30))


def test_search_key_folds_case_and_accents():
    from salesdesk.domain.text import search_key

    assert search_key("  Société   GÉNÉRALE ") == "societe generale"
    assert search_key("Łódzkie Zakłady") == "lodzkie zaklady"
    assert search_key("Straße Œuvre") == "strasse oeuvre"
