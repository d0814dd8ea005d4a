"""Rehearsing against a simulated counterpart: the tactics' aspirations, their replies
never below their BATNA, boulware holding longer than conceder, the rehearsal kept as
a note and never as an offer."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.frontier import deal_map
from salesdesk.domain.rehearsal import (
    Action,
    Counterpart,
    Tactic,
    keep_note,
    planned_rounds,
    rehearsal_note,
    rehearsed_sheet,
    time_aspiration,
)
from salesdesk.domain.scoring import package_score
from salesdesk.domain.terms import Side
from salesdesk.interop.demo import sample_sheets
from tests.domain.test_frontier import small_deal

TODAY = date(2026, 12, 1)
US, THEM = Side.US, Side.THEM


def test_aspiration_by_hand():
    # B + (100 − B) · (1 − (t / T)^(1/e)), B = 10, T = 4.
    assert time_aspiration(1, 4, D(10), 0.2) == D("99.91")  # 1 − 0.25⁵ = 0.99902
    assert time_aspiration(1, 4, D(10), 2.0) == D("55.00")  # 1 − √0.25 = 0.5
    assert time_aspiration(4, 4, D(10), 0.2) == D("10.00")  # the last round: their BATNA
    assert planned_rounds([1, 2, None]) == 3 and planned_rounds([5]) == 5


def test_the_packaging_sample_against_each_tactic():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    ours = sheet.offers[2].values  # our round-2 offer: 0 for them
    player = Counterpart(sheet.terms, D(10), Tactic.BOULWARE, 3)
    first = player.answer(ours)
    assert first.action is Action.COUNTER and first.aspiration == D("99.63")
    assert first.their_score >= first.aspiration
    # Best for us among the frontier packages worth that much to them.
    frontier = deal_map(sheet.terms, None, D(10)).frontier
    assert first.score == max(p.score for p in frontier if p.their_score >= first.aspiration)
    player.answer(ours)
    last = player.answer(ours)
    assert last.action is Action.WALK_AWAY and last.values is None  # 0 < their BATNA 10
    assert player.done
    with pytest.raises(InputError):
        player.answer(ours)
    # Their own last offer is worth 90 to them: a conceder accepts it at once.
    generous = Counterpart(sheet.terms, D(10), Tactic.CONCEDER, 3)
    assert generous.answer(sheet.offers[3].values).action is Action.ACCEPT


def test_tit_for_tat_mirrors_our_concession_on_their_score():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    player = Counterpart(sheet.terms, D(10), Tactic.TIT_FOR_TAT, 5)
    tough = dict(sheet.offers[2].values)  # 0 for them
    softer = {**tough, "Prix unitaire": D("1.15"), "Durée du contrat": D("12")}
    gained = package_score(sheet.terms, softer, THEM) - package_score(sheet.terms, tough, THEM)
    assert player.answer(tough).aspiration == D(100)
    assert player.answer(softer).aspiration == D(100) - gained
    # Taking it back raises their aspiration again.
    assert player.answer(tough).aspiration == D(100)


def test_a_missing_value_is_named():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    player = Counterpart(sheet.terms, D(10), Tactic.CONCEDER, 3)
    with pytest.raises(InputError) as caught:
        player.answer({"Prix unitaire": D("1.20")})
    assert caught.value.field == "Volume annuel"


@st.composite
def rehearsal(draw):
    terms = draw(small_deal())
    frontier = deal_map(terms, None, None).frontier
    batna = D(draw(st.integers(0, 90)))
    rounds = draw(st.integers(1, 6))
    offers = draw(st.lists(st.sampled_from(frontier), min_size=rounds, max_size=rounds))
    return (
        terms,
        batna,
        rounds,
        [dict(p.values) for p in offers],
        draw(st.one_of(st.none(), st.integers(0, 9))),
    )


@settings(max_examples=150, deadline=None)
@given(rehearsal(), st.sampled_from(list(Tactic)))
def test_no_reply_of_any_tactic_goes_below_its_batna(case, tactic):
    terms, batna, rounds, offers, seed = case
    player = Counterpart(terms, batna, tactic, rounds, seed=seed)
    for values in offers:
        if player.done:
            break
        reply = player.answer(values)
        assert batna <= reply.aspiration <= 100
        if reply.action is not Action.WALK_AWAY:
            # Accepted or countered: worth at least their BATNA to them.
            assert reply.their_score is not None and reply.their_score >= batna
            assert package_score(terms, reply.values, THEM) == reply.their_score
        if reply.action is Action.COUNTER:
            assert reply.their_score >= reply.aspiration


@settings(max_examples=150, deadline=None)
@given(rehearsal())
def test_boulware_concedes_less_than_conceder_in_the_first_half(case):
    terms, batna, rounds, offers, _seed = case
    tough = Counterpart(terms, batna, Tactic.BOULWARE, rounds)
    soft = Counterpart(terms, batna, Tactic.CONCEDER, rounds)
    for t, values in enumerate(offers, start=1):
        if 2 * t > rounds or tough.done or soft.done:
            break
        a, b = tough.answer(values), soft.answer(values)
        assert a.aspiration >= b.aspiration
        if a.action is Action.COUNTER and b.action is Action.COUNTER:
            # Their counter asks at least as much of us.
            assert a.their_score >= b.their_score and a.score <= b.score
        if a.action is Action.ACCEPT:
            assert b.action is Action.ACCEPT  # what satisfies a boulware satisfies a conceder


def test_a_seed_makes_the_wandering_reproducible():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    ours = sheet.offers[2].values

    def play(seed):
        player = Counterpart(sheet.terms, D(10), Tactic.CONCEDER, 4, seed=seed)
        return [player.answer(ours).aspiration for _ in range(3)]

    assert play(7) == play(7)
    assert play(7) != play(8)
    exact = Counterpart(sheet.terms, D(10), Tactic.CONCEDER, 4)
    assert exact.answer(ours).aspiration == time_aspiration(1, 4, D(10), 2.0)


def test_a_rehearsal_is_never_an_offer_and_can_be_kept_as_a_note():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    player = Counterpart(sheet.terms, D(10), Tactic.BOULWARE, 3)
    for _ in range(3):
        player.answer(sheet.offers[2].values)
    drawn = rehearsed_sheet(sheet, player.replies)
    assert [(o.side, o.round) for o in drawn.offers] == [
        (US, 1),
        (THEM, 1),
        (US, 2),
        (THEM, 2),
        (US, 3),
    ]
    assert len(sheet.offers) == 4  # the deal's own offers untouched
    after = rehearsed_sheet(sheet, player.replies, after_real=True)
    assert [o.round for o in after.offers][4:] == [3, 3, 4, 4, 5]
    note = rehearsal_note(Tactic.BOULWARE, 3, player.replies, sheet.terms, "en")
    lines = note.splitlines()
    assert lines[0] == "Rehearsal against a counterpart playing Boulware, over 3 rounds:"
    assert lines[1] == (
        "- round 1: our offer 62.61 for us, 0.00 for them; they countered at 0.00 for us, "
        "100.00 for them"
    )
    assert lines[3] == "- round 3: our offer 62.61 for us, 0.00 for them; they walked away"
    assert lines[4].startswith("Last package on the table: Prix unitaire 1.26; Volume annuel")
    meeting = keep_note(sheet, note, TODAY)
    assert meeting.round == 3 and meeting.objectives.endswith(note)
    assert meeting.objectives.startswith("Conclure à 1,22 €/carton")
    with pytest.raises(InputError):
        keep_note(DealSheet("T", "A"), note, TODAY)
