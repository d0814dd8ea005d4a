from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from salesdesk.domain.deal import Batna
from salesdesk.domain.scoring import batna_score, package_score, target_score, term_score
from salesdesk.domain.terms import (
    Direction,
    Side,
    Term,
    Zopa,
    has_no_zopa,
    positions_in_order,
    step_of,
    zopa,
)

HIGH, LOW = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def price(**kw) -> Term:
    base = dict(
        name="Price",
        direction=HIGH,
        weight=100,
        opening=D(120),
        target=D(110),
        walk_away=D(100),
        their_opening=D(90),
        their_target=D(95),
        their_walk_away=D(105),
    )
    base.update(kw)
    return Term(**base)


def test_positions_in_order_follow_the_direction():
    assert positions_in_order(price(), Side.US)
    assert positions_in_order(price(), Side.THEM)
    assert not positions_in_order(price(target=D(125)), Side.US)
    assert not positions_in_order(price(their_target=D(80)), Side.THEM)
    days = Term(
        "Payment",
        direction=LOW,
        opening=D(30),
        target=D(45),
        walk_away=D(60),
        their_opening=D(90),
        their_target=D(75),
        their_walk_away=D(60),
    )
    assert positions_in_order(days, Side.US) and positions_in_order(days, Side.THEM)
    assert not positions_in_order(Term("x", direction=LOW, opening=D(60), target=D(30)), Side.US)


def test_order_compares_only_present_positions_and_equal_is_in_order():
    assert positions_in_order(price(target=None), Side.US)
    assert not positions_in_order(price(target=None, opening=D(90)), Side.US)
    assert positions_in_order(price(opening=D(110), target=D(110), walk_away=D(110)), Side.US)


def test_zopa_higher_is_better():
    assert zopa(price()) == Zopa(D(100), D(105))
    assert zopa(price(their_walk_away=D(100))) == Zopa(D(100), D(100))  # ends included
    assert zopa(price(their_walk_away=D(99))) is None
    assert has_no_zopa(price(their_walk_away=D(99)))


def test_zopa_lower_is_better():
    t = Term("Days", direction=LOW, walk_away=D(60), their_walk_away=D(45))
    assert zopa(t) == Zopa(D(45), D(60))
    t.their_walk_away = D(70)
    assert zopa(t) is None and has_no_zopa(t)


def test_unknown_walk_away_means_no_zopa_and_no_warning():
    t = price(their_walk_away=None)
    assert zopa(t) is None
    assert not has_no_zopa(t)


def test_term_score_runs_from_the_walk_away_to_the_opening():
    t = price()  # opening 120, target 110, walk-away 100
    assert term_score(t, D(120)) == 100
    assert term_score(t, D(100)) == 0
    assert term_score(t, D(110)) == 50  # the target is half-way: moving to it shows
    assert term_score(t, D(119)) == 95  # every move from the opening costs points
    assert term_score(t, D(130)) == 100  # clamped
    assert term_score(t, D(90)) == 0
    flat = price(opening=D(100), target=D(100), walk_away=D(100))
    assert term_score(flat, D(100)) == 100 and term_score(flat, D(99)) == 0
    assert term_score(flat, D(101)) == 100  # better than the opening


def test_term_score_when_less_is_better():
    days = Term("Days", direction=LOW, opening=D(30), target=D(45), walk_away=D(60))
    assert term_score(days, D(30)) == 100
    assert term_score(days, D(60)) == 0
    assert term_score(days, D(40)) == D(100) * 20 / 30  # 66.66…
    assert term_score(days, D(20)) == 100 and term_score(days, D(70)) == 0


def test_their_score_uses_their_opening_and_walk_away():
    t = price()
    # they want it low: their opening 90 scores 100, their walk-away 105 scores 0
    assert term_score(t, D(90), Side.THEM) == 100
    assert term_score(t, D(105), Side.THEM) == 0
    assert term_score(t, D(99), Side.THEM) == 40  # (99−105)/(90−105)
    assert term_score(t, D(95), Side.THEM) == D(1000) / 15  # 66.66…, their target


def test_package_score_is_weighted_mean_with_two_decimals():
    terms = [
        price(weight=60),
        Term("Months", direction=HIGH, weight=40, opening=D(36), walk_away=D(12)),
    ]
    values = {"Price": D(105), "Months": D(20)}
    # price (105−100)/(120−100) = 25; months (20−12)/(36−12) = 33.333…
    # 60·25 + 40·33.333… = 2833.33… / 100 = 28.33
    assert package_score(terms, values) == D("28.33")


def test_package_score_is_null_when_it_would_mislead():
    terms = [price(weight=60), Term("Months", weight=40, opening=D(36), walk_away=D(12))]
    assert package_score(terms, {"Price": D(105)}) is None  # a weighted term without value
    out_of_order = [price(weight=100, target=D(130))]
    assert package_score(out_of_order, {"Price": D(105)}) is None
    no_opening = [price(weight=100, opening=None)]
    assert package_score(no_opening, {"Price": D(105)}) is None
    unweighted = [price(weight=None)]
    assert package_score(unweighted, {"Price": D(105)}) is None
    # an unweighted term needs no value; a missing target does not matter
    assert package_score([price(target=None), Term("Other")], {"Price": D(120)}) == 100


def test_target_score_is_shown_beside_the_scores():
    terms = [
        price(weight=60),  # target 110: 50
        Term("Months", weight=40, opening=D(36), target=D(30), walk_away=D(12)),  # 75
    ]
    assert target_score(terms) == D("60.00")  # 60·50 + 40·75 = 6000 / 100


def test_batna_score_typed_or_from_its_package_never_from_one_term():
    terms = [price(their_weight=100)]
    # A value on one term describes the alternative: its per-term score (15 here) is
    # not a package score and is never taken for one.
    assert batna_score(Batna("other buyer", D(103), "Price", None), terms) is None
    assert Batna("other buyer", D(103), "Price", None).needs_score
    assert batna_score(Batna("other buyer", D(103), "Price", D(40)), terms) == D(40)
    # A BATNA package: a value per weighted term, scored as any package.
    assert batna_score(Batna("other buyer", package={"Price": D(103)}), terms) == D("15.00")
    # Their BATNA's package is scored from their side: 103 is 2/15 of their way.
    assert batna_score(Batna("other supplier", package={"Price": D(103)}), terms, Side.THEM) == D(
        "13.33"
    )
    assert batna_score(Batna("description only"), terms) is None


decimals = st.decimals(
    min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False
)


@given(decimals, decimals, decimals, st.sampled_from([HIGH, LOW]))
def test_term_score_is_bounded_and_monotone(value, opening, walk_away, direction):
    assume(opening != walk_away)
    t = Term("x", direction=direction, opening=opening, walk_away=walk_away, weight=100)
    s = term_score(t, value)
    assert s is not None and 0 <= s <= 100
    better = value + (1 if (opening > walk_away) else -1)
    assert term_score(t, better) >= s


@given(st.lists(st.tuples(st.integers(1, 50), decimals), min_size=1, max_size=5))
def test_package_score_lies_between_the_term_scores(items):
    terms = [
        Term(f"t{i}", weight=w, opening=D(100), walk_away=D(0)) for i, (w, _) in enumerate(items)
    ]
    values = {f"t{i}": v for i, (_, v) in enumerate(items)}
    score = package_score(terms, values)
    singles = [term_score(t, values[t.name]) for t in terms]
    assert score is not None
    assert min(singles) - D("0.01") <= score <= max(singles) + D("0.01")


def test_default_step_follows_the_positions_decimals():
    assert step_of(price()) == 1
    assert step_of(price(opening=D("14.5"), target=D("14.2"), walk_away=D("13.8"))) == D("0.1")
    assert step_of(price(market_low=D("9.99"))) == D("0.01")
    assert step_of(price(step=D("0.5"))) == D("0.5")  # typed wins
    cartons = Term("Volume", opening=D(450_000), target=D(400_000), walk_away=D(320_000))
    assert step_of(cartons) == 1000  # large round counts: thousands, never coarser
    assert step_of(Term("Units", opening=D(12_000), walk_away=D(10_500))) == 100
    assert step_of(price(opening=D(200), target=D(150), walk_away=D(100))) == 1


@pytest.mark.parametrize("direction", [HIGH, LOW])
def test_past_walk_away(direction):
    t = Term("x", direction=direction, walk_away=D(100))
    worse = D(99) if direction is HIGH else D(101)
    assert t.past_walk_away(worse)
    assert not t.past_walk_away(D(100))
