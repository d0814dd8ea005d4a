import itertools
import math
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from salesdesk.domain.analysis import WarningCode, analyse
from salesdesk.domain.deal import Batna, DealSheet, Offer
from salesdesk.domain.frontier import (
    deal_map,
    frontier,
    left_on_table,
    score_package,
    term_choices,
    thinned,
)
from salesdesk.domain.meso import equivalent_packages
from salesdesk.domain.scoring import package_score
from salesdesk.domain.terms import (
    Direction,
    ScorePoint,
    Side,
    Term,
    TermKind,
    TermOption,
    candidate_values,
    positions_in_order,
    value_score,
    zopa,
)
from salesdesk.warning_text import warning_message
from tests.domain import itex_cypress as ic

TODAY = date(2026, 12, 1)


def brute_frontier(terms):
    """The oracle: every candidate package, and those no other beats (DESIGN's words)."""
    choices = term_choices(terms)
    packages = [
        score_package(terms, dict(zip([c.term.name for c in choices], combo, strict=True)))
        for combo in itertools.product(*[c.values for c in choices])
    ]
    # No other pair is at least as good on both scores: best of ours first (ties by
    # theirs), a pair is kept when its score of theirs beats every pair before it.
    kept, best_theirs = [], None
    for pair in sorted({(p.score, p.their_score) for p in packages}, reverse=True):
        if best_theirs is None or pair[1] > best_theirs:
            kept.append(pair)
            best_theirs = pair[1]
    return kept, len(packages)


def package_count(terms) -> int:
    return math.prod(len(c.values) for c in term_choices(terms))


# --- Itex–Cypress (Inspire), from the GENIUS profiles -------------------------------


def test_itex_offers_score_their_genius_utilities_and_w_ranks_above_z():
    terms = ic.terms()
    for offer in (ic.W, ic.Z):
        for side, index in ((Side.US, 0), (Side.THEM, 1)):
            score = package_score(terms, offer, side)
            # Two-decimal weights and option scores: within a tenth of a point.
            assert score is not None
            assert abs(float(score) - 100 * ic.genius_utility(offer, index)) < 0.1
    # W is worth 0.759 to Itex and Z 0.712: W ranks first (the old worksheet said 67.94
    # and 76.03, backwards).
    w, z = package_score(terms, ic.W), package_score(terms, ic.Z)
    assert w == D("75.87") and z == D("71.21")


def test_itex_frontier_equals_a_brute_force_over_the_180_packages_and_nash():
    terms = ic.terms()
    expected, count = brute_frontier(terms)
    assert count == 180
    found = frontier(terms)
    assert [(p.score, p.their_score) for p in found] == expected
    nash = deal_map(terms, None, None).nash
    assert nash is not None and nash.values == {
        "Price": "$3.47",
        "Delivery": "45 days",
        "Payment": "30 days after delivery",
        "Returns": "5% spoilage allowed",
    }


def test_itex_with_the_published_reservations_has_no_deal_zone_and_says_so():
    sheet = DealSheet(
        "Bicycle components",
        "Cypress",
        terms=ic.terms(),
        batna_ours=Batna("reservation value", score=ic.ITEX_RESERVATION),
        batna_theirs=Batna("reservation value", score=ic.CYPRESS_RESERVATION),
    )
    a = analyse(sheet, TODAY)
    assert a.deal_map is not None and not a.deal_map.deal_zone and a.deal_map.nash is None
    [w] = [w for w in a.warnings if w.code is WarningCode.NO_DEAL_ZONE]
    assert warning_message(w, "en") == (
        "No package is worth at least our BATNA's 60.3 to us and their BATNA's 71.8 "
        "to them: there is no deal zone"
    )
    # Every value is within the (unset) walk-aways: the scores alone rule it out.
    assert all(not flag for flag in a.deal_map.in_zone)


# --- The frontier against a brute force on small random deals ----------------------

option_term = st.builds(
    lambda n, scores: Term(
        f"O{n}",
        kind=TermKind.OPTIONS,
        weight=D(scores[0][0]) / 4,
        their_weight=D(scores[0][1]) / 4,
        options=[
            TermOption(f"option {i}", D(a) / 4, D(b) / 4) for i, (a, b) in enumerate(scores[1:])
        ],
    ),
    st.integers(0, 9),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), min_size=3, max_size=5),
)


@st.composite
def numeric_term(draw, n):
    walk = D(draw(st.integers(0, 20)))
    span = D(draw(st.integers(1, 6)))
    higher = draw(st.booleans())
    ours = (walk + span, walk) if higher else (walk, walk + span)
    their_walk = walk + D(draw(st.integers(-2, 8)))
    their_span = D(draw(st.integers(1, 6)))
    theirs = (
        (their_walk - their_span, their_walk) if higher else (their_walk + their_span, their_walk)
    )
    term = Term(
        f"N{n}",
        direction=Direction.HIGHER_IS_BETTER if higher else Direction.LOWER_IS_BETTER,
        weight=D(draw(st.integers(0, 4000))) / 100,
        their_weight=D(draw(st.integers(0, 4000))) / 100,
        opening=ours[0],
        walk_away=ours[1],
        their_opening=theirs[0],
        their_walk_away=theirs[1],
    )
    if draw(st.booleans()):  # a preference of theirs that rises and falls
        low, high = min(ours + theirs), max(ours + theirs)
        term.their_points = [
            ScorePoint(low, D(draw(st.integers(0, 100)))),
            ScorePoint((low + high) / 2, D(100)),
            ScorePoint(high, D(draw(st.integers(0, 100)))),
        ]
        term.their_opening = term.their_walk_away = None
    return term


@st.composite
def small_deal(draw):
    count = draw(st.integers(1, 4))
    terms = []
    for n in range(count):
        term = draw(option_term) if draw(st.booleans()) else draw(numeric_term(n))
        term.name = f"T{n}"
        terms.append(term)
    if sum(t.weight_of(Side.US) for t in terms) == 0:
        terms[0].weight = D(1)
    if sum(t.weight_of(Side.THEM) for t in terms) == 0:
        terms[0].their_weight = D(1)
    return terms


@settings(max_examples=150, deadline=None)
@given(small_deal())
def test_the_frontier_equals_a_brute_force_on_small_deals(terms):
    # The oracle scores every package: deals of more than 20,000 are left to the
    # Itex–Cypress and large-deal tests.
    assume(package_count(terms) <= 20_000)
    expected, _ = brute_frontier(terms)
    found = frontier(terms)
    assert [(p.score, p.their_score) for p in found] == expected
    for package in found:  # each package is what it says it is
        assert package_score(terms, package.values) == package.score
        assert package_score(terms, package.values, Side.THEM) == package.their_score


# --- Preferences a rep can state ---------------------------------------------------


def delivery() -> Term:
    """Best at 45 days for us: 20 → 25, 45 → 100, 60 → 5."""
    return Term(
        "Delivery",
        unit="days",
        weight=D("19.15"),
        opening=D(45),
        target=D(40),
        walk_away=D(60),
        points=[ScorePoint(D(20), D(25)), ScorePoint(D(45), D(100)), ScorePoint(D(60), D(5))],
    )


def test_score_points_rise_and_fall_and_order_is_read_on_them():
    term = delivery()
    scores = [value_score(term, D(v)) for v in (10, 20, 30, 45, 50, 60, 90)]
    assert [s.quantize(D("0.000001")) for s in scores] == [
        D(25),
        D(25),
        D(55),  # 25 + 75 × 10/25
        D(100),
        D("68.333333"),  # 100 − 95 × 5/15, exact (28 digits)
        D(5),
        D(5),
    ]
    # Opening 45 (100) ≥ target 40 (85) ≥ walk-away 60 (5): in order, though 40 < 45 < 60.
    assert positions_in_order(term, Side.US)
    term.target = D(25)  # 40 points: still in order
    term.walk_away = D(30)  # 55 > 40: out of order
    assert not positions_in_order(term, Side.US)


def test_option_terms_score_labels_and_check_order_on_option_scores():
    term = Term(
        "Payment",
        kind=TermKind.OPTIONS,
        weight=D(50),
        their_weight=D(50),
        options=[
            TermOption("Upon delivery", D(40), D(100)),
            TermOption("30 days", D(100), D(40)),
            TermOption("60 days", D(4), D("6.67")),
        ],
        opening="30 days",
        walk_away="Upon delivery",
        their_opening="Upon delivery",
        their_walk_away="30 days",
    )
    assert value_score(term, "30 days") == 100 and value_score(term, "60 days", Side.THEM) == D(
        "6.67"
    )
    assert value_score(term, "90 days") is None
    assert candidate_values(term) == ["Upon delivery", "30 days", "60 days"]
    assert positions_in_order(term, Side.US) and positions_in_order(term, Side.THEM)
    # Both walk-aways allow "Upon delivery" and "30 days", not "60 days".
    assert zopa(term).options == ("Upon delivery", "30 days")
    term.target = "60 days"  # 4 < walk-away's 40
    assert not positions_in_order(term, Side.US)
    assert package_score([term], {"Payment": "Upon delivery"}) is None


def test_weights_with_two_decimals_divide_by_their_sum():
    terms = [
        Term("A", weight=D("33.33"), opening=D(10), walk_away=D(0)),
        Term("B", weight=D("16.67"), opening=D(10), walk_away=D(0)),
    ]
    # (33.33 × 100 + 16.67 × 0) / 50 = 66.66
    assert package_score(terms, {"A": D(10), "B": D(0)}) == D("66.66")
    sheet = DealSheet("Deal", "Acme", terms=terms)
    [w] = [w for w in analyse(sheet, TODAY).warnings if w.code is WarningCode.WEIGHTS_NOT_100]
    assert w.params == {"total": D("50.00")}


# --- Left on the table, thinning, MESO on the frontier -------------------------------


def test_left_on_the_table_for_an_offer_of_each_side():
    terms = ic.terms()
    found = frontier(terms)
    # W: 75.87 for us, 42.44 for them; on the frontier at ≥ 75.87 for us, the best
    # for them is (3.71, 45 days, 30 days, 5 %): 75.99 and 58.82.
    assert left_on_table(found, D("75.87"), D("42.44"), ours=True) == D("16.38")
    on = found[3]
    assert left_on_table(found, on.score, on.their_score, ours=True) == 0
    # Their offer Z seen from us: the most we gain at no loss to them.
    assert left_on_table(found, D("71.21"), D("53.82"), ours=False) == D("4.78")
    sheet = DealSheet("Deal", "Cypress", terms=terms, offers=[Offer(Side.US, 1, dict(ic.W))])
    [item] = analyse(sheet, TODAY).offers
    assert item.left_on_table == D("16.38")


def test_the_frontier_shown_is_thinned_evenly_keeping_both_ends_and_nash():
    found = frontier(ic.terms())
    nash = found[7]
    shown = thinned(found, nash, limit=5)
    assert len(shown) == 5 and shown[0] is found[0] and shown[-1] is found[-1]
    assert nash in shown


def test_carton_sample_meso_packages_are_worth_something_to_the_buyer():
    from salesdesk.interop.demo import sample_sheets

    sheet = sample_sheets(TODAY)["packaging-fr"]
    a = analyse(sheet, TODAY)
    latest = [o for o in a.offers if o.offer.side is Side.US][-1].score
    packages = equivalent_packages(
        sheet.terms, latest, a.batna_score, their_batna=a.their_batna_score
    )
    assert packages
    for package in packages:
        assert package.their_score is not None and package.their_score >= a.their_batna_score > 0
        assert abs(package.score - latest) <= 1
    assert len({frozenset(p.moves) for p in packages}) == len(packages)


def test_meso_never_offers_a_package_below_their_batna_when_another_exists():
    terms = ic.terms()
    # At 80 for us the frontier offers 36.19 and 49.42 for them (moves differ).
    both = equivalent_packages(terms, D(80))
    assert [p.their_score for p in both][:2] == [D("49.42"), D("36.19")]
    kept = equivalent_packages(terms, D(80), their_batna=D(40))
    assert kept and all(p.their_score >= 40 for p in kept)
    # None reaches 60 for them: the best there is, rather than nothing.
    assert equivalent_packages(terms, D(80), their_batna=D(60))


def test_a_worksheet_without_their_estimates_has_no_frontier():
    terms = [Term("Price", weight=D(100), opening=D(120), walk_away=D(100))]
    a = analyse(DealSheet("Deal", "Acme", terms=terms), TODAY)
    assert a.deal_map is None
    from salesdesk.domain.errors import InputError

    with pytest.raises(InputError, match="estimated weight for them"):
        deal_map(terms, None, None)
