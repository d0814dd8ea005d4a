"""The next offer: a smaller concession than the last, within our walk-aways, never
below our BATNA, on the frontier of what we can accept."""

import itertools
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesdesk.domain.deal import Batna, DealSheet, Offer
from salesdesk.domain.errors import InputError
from salesdesk.domain.frontier import score_package, term_choices
from salesdesk.domain.next_offer import next_offer, trade_text
from salesdesk.domain.scoring import package_score, target_score
from salesdesk.domain.terms import Side
from salesdesk.interop.demo import sample_sheets
from tests.domain.test_frontier import small_deal

TODAY = date(2026, 12, 1)
US, THEM = Side.US, Side.THEM


def test_the_packaging_sample_concedes_0_6_of_its_last_concession():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    plan = next_offer(sheet)
    # Our offers scored 100 then 62.61: a concession of 37.39; 0.6 of it is 22.43, so
    # the next offer scores at least 62.61 − 22.43 = 40.18, as good for them as that allows.
    assert plan.round == 3
    assert plan.previous == D("37.39") and plan.latest_score == D("62.61")
    assert plan.package.score >= D("40.18") and plan.concession <= D("37.39") * D("0.6")
    assert plan.package.values == {
        "Prix unitaire": D("1.15"),
        "Volume annuel": D("347000"),
        "Délai de paiement": D("30"),
        "Durée du contrat": D("36"),
    }
    # What we give moves from our latest offer; what we ask, on the other terms, from theirs.
    assert [m.term for m in plan.gives] == ["Prix unitaire", "Volume annuel"]
    assert [(m.term, m.before, m.after) for m in plan.asks] == [
        ("Délai de paiement", D("75"), D("30")),
        ("Durée du contrat", D("18"), D("36")),
    ]
    assert trade_text(plan, sheet.terms, "en") == (
        "We give Prix unitaire 1.26 → 1.15 €/carton; Volume annuel 420,000 → 347,000 cartons, "
        "on condition that you give Délai de paiement 75 → 30 jours; Durée du contrat 18 → 36 mois"
    )


def test_with_one_offer_a_third_of_the_way_to_target_and_never_below_our_batna():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    sheet.offers = [o for o in sheet.offers if o.round == 1]
    plan = next_offer(sheet)
    aim = max(target_score(sheet.terms), D(30))  # target 54.06, BATNA 30
    assert plan.previous is None and plan.round == 2
    assert plan.package.score >= D(100) - (D(100) - aim) / 3
    sheet.batna_ours = Batna(score=D(90))
    assert next_offer(sheet).package.score >= D(90)


def test_without_their_estimates_it_says_which_term_lacks_what():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    for term in sheet.terms:
        term.their_weight = None
    with pytest.raises(InputError) as caught:
        next_offer(sheet)
    assert caught.value.field == "their_weight"


def _within_our_walk_aways(terms, values):
    return all(
        t.walk_away is None or t.at_least_as_good(values[t.name], t.walk_away, US)
        for t in terms
        if t.name in values
    )


@st.composite
def negotiation(draw):
    terms = draw(small_deal())
    choices = term_choices(terms, (US,))
    names = [c.term.name for c in choices]
    if any(not c.values for c in choices):
        return terms, None
    candidates = [
        dict(zip(names, combo, strict=True))
        for combo in itertools.product(*[c.values for c in choices])
    ]
    picks = draw(st.lists(st.sampled_from(candidates), min_size=0, max_size=3))
    if not picks and any(c.term.opening is None for c in choices):
        picks = [draw(st.sampled_from(candidates))]  # our opening: our first offer
    batna = draw(st.one_of(st.none(), st.integers(0, 60)))
    sheet = DealSheet(
        "T",
        "A",
        terms=terms,
        offers=[Offer(US, n + 1, values) for n, values in enumerate(picks)],
        batna_ours=Batna(score=None if batna is None else D(batna)),
    )
    return terms, (sheet, candidates)


@settings(max_examples=150, deadline=None)
@given(negotiation())
def test_the_next_offer_concedes_less_than_the_last_and_lies_on_our_frontier(case):
    terms, found = case
    if found is None:
        return
    sheet, candidates = found
    plan = next_offer(sheet)
    package = plan.package
    assert package_score(terms, package.values, US) == package.score
    assert _within_our_walk_aways(terms, package.values)
    ours = [package_score(terms, o.values, US) for o in sheet.offers]
    if len(ours) >= 2 and ours[-2] - ours[-1] > 0:
        # Smaller than the last concession (0.6 of it at most).
        assert plan.concession < ours[-2] - ours[-1]
        assert plan.concession <= (ours[-2] - ours[-1]) * D("0.6")
    batna = sheet.batna_ours.score
    best = max(package_score(terms, c, US) for c in candidates)
    if batna is not None and best >= batna:
        assert package.score >= batna  # never below our BATNA when that can be kept
    # On the frontier of what we can accept: no package within our walk-aways is at
    # least as good for both and better for one.
    for values in candidates:
        other = score_package(terms, values)
        assert not (
            other.score >= package.score
            and other.their_score >= package.their_score
            and (other.score, other.their_score) != (package.score, package.their_score)
        )
