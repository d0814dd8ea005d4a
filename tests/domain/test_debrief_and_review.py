"""The debrief applied to a deal in one change, and the review of a closed deal."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Meeting
from salesdesk.domain.debrief import (
    Debrief,
    apply_debrief,
    debrief_round,
    draft_objectives,
    prefilled_offer,
    trades_to_answer,
)
from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import EntryStatus, Giver
from salesdesk.domain.review import review
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.domain.terms import Side
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 12, 1)


def packaging():
    return sample_sheets(TODAY)["packaging-fr"]


def test_the_form_starts_from_their_last_offer_and_our_trades_on_the_table():
    sheet = packaging()
    third = sheet.meetings[2]
    assert debrief_round(sheet, third) == 3
    assert prefilled_offer(sheet, 3) == sheet.offers[3].values  # their round-2 offer
    assert [e.what for e in trades_to_answer(sheet)] == [
        "Stock de sécurité gratuit de deux semaines"
    ]
    # A meeting without a round takes the one after their latest offer.
    assert debrief_round(sheet, Meeting(TODAY)) == 3


def test_a_debrief_writes_their_offer_the_answers_the_outcome_and_the_next_meeting():
    sheet = packaging()
    third = sheet.meetings[2]
    stock = trades_to_answer(sheet)[0]
    offer = {**sheet.offers[3].values, "Prix unitaire": D("1.13"), "Volume annuel": D("360000")}
    apply_debrief(
        sheet,
        Debrief(
            meeting=third.uid,
            their_offer=offer,
            answers={stock.uid: EntryStatus.ACCEPTED},
            obtained="Contrat porté à 24 mois",
            obtained_value=D("30000"),
            outcome="Prix et volume rapprochés",
            next_steps="Envoyer le contrat",
            next_date=third.date + timedelta(days=7),
            next_objectives="Signer",
        ),
    )
    theirs = [o for o in sheet.offers if o.side is Side.THEM]
    assert (theirs[-1].round, theirs[-1].values) == (3, offer)
    assert next(e for e in sheet.ledger if e.uid == stock.uid).status is EntryStatus.ACCEPTED
    got = sheet.ledger[-1]
    assert (got.giver, got.what, got.value, got.status, got.round) == (
        Giver.THEM,
        "Contrat porté à 24 mois",
        D("30000"),
        EntryStatus.ACCEPTED,
        3,
    )
    assert (third.outcome, third.next_steps) == ("Prix et volume rapprochés", "Envoyer le contrat")
    fourth = sheet.meetings[-1]
    assert (fourth.round, fourth.date, fourth.objectives, fourth.title) == (
        4,
        third.date + timedelta(days=7),
        "Signer",
        "Round 4",
    )
    assert fourth.attendees == third.attendees
    assert sheet.status is DealStatus.OPEN


def test_debriefing_again_replaces_the_rounds_offer_and_updates_the_planned_meeting():
    sheet = packaging()
    second = sheet.meetings[1]  # round 2, their offer recorded; round 3 planned
    apply_debrief(
        sheet,
        Debrief(
            second.uid,
            {**sheet.offers[3].values, "Prix unitaire": D("1.11")},
            next_date=TODAY,
            next_objectives="X",
        ),
    )
    assert len(sheet.offers) == 4 and sheet.offers[3].values["Prix unitaire"] == D("1.11")
    assert len(sheet.meetings) == 3
    third = next(m for m in sheet.meetings if m.round == 3)
    assert (third.date, third.objectives) == (TODAY, "X")


def test_a_deal_lost_at_the_meeting_keeps_why_and_to_whom_and_plans_nothing():
    sheet = packaging()
    third = sheet.meetings[2]
    apply_debrief(
        sheet,
        Debrief(
            third.uid,
            status=DealStatus.LOST,
            lost_reason="Prix trop élevé",
            competitor="Cartonnages Dumas",
            next_date=TODAY,
        ),
    )
    assert (sheet.status, sheet.lost_reason, sheet.competitor) == (
        DealStatus.LOST,
        "Prix trop élevé",
        "Cartonnages Dumas",
    )
    assert sheet.close_date == third.date and len(sheet.meetings) == 3
    won = packaging()
    apply_debrief(won, Debrief(won.meetings[2].uid, status=DealStatus.WON))
    assert won.stage is Stage.ROLLOUT and won.lost_reason == ""
    with pytest.raises(InputError):
        apply_debrief(won, Debrief("no such meeting"))


def test_the_next_meetings_objectives_are_drafted_from_the_plan():
    text = draft_objectives(packaging(), "en")
    lines = text.splitlines()
    assert lines[0].startswith("Put our offer for round 3 on the table: Prix unitaire 1.15;")
    assert lines[0].endswith("(scores 40.19 for us)")
    assert lines[1].startswith("We give Prix unitaire 1.26 → 1.15")
    assert lines[2] == (
        "They hold firmest on Prix unitaire (read from 2 offers): expect resistance there"
    )


def test_the_review_of_a_won_deal():
    sheet = sample_sheets(TODAY)["scanners-en"]
    found = review(sheet, analyse(sheet, TODAY))
    assert found is not None and found.status is DealStatus.WON
    # Agreed: our round-2 offer, the latest (they made none in round 2).
    assert found.agreed.offer.round == 2 and found.agreed.offer.side is Side.US
    assert (found.agreed.score, found.target_score, found.batna_score) == (D(20), D(40), D(20))
    assert found.nash is not None and found.deal_zone is True
    assert (found.left_for_us, found.left_for_them) == (D(40), D(50))
    assert found.figures.balance == D("6000.00")
    assert review(packaging(), analyse(packaging(), TODAY)) is None  # open: none yet


def test_the_review_of_a_lost_deal_weighs_our_last_offer():
    sheet = packaging()
    sheet.status = DealStatus.LOST
    sheet.lost_reason = "Prix"
    found = review(sheet, analyse(sheet, TODAY))
    assert found.agreed is None and found.compared is found.ours_last
    assert (found.ours_last.offer.round, found.theirs_last.offer.round) == (2, 2)
    assert found.lost_reason == "Prix"
