from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from salesdesk.domain.scoring import package_score, term_score
from salesdesk.domain.terms import (
    Direction,
    Side,
    Term,
    Zopa,
    has_no_zopa,
    positions_in_order,
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


def test_term_score_formula():
    t = price()
    assert term_score(t, D(110)) == 100
    assert term_score(t, D(100)) == 0
    assert term_score(t, D(105)) == 50
    assert term_score(t, D(130)) == 100  # clamped
    assert term_score(t, D(90)) == 0
    flat = price(target=D(100), walk_away=D(100))
    assert term_score(flat, D(100)) == 100 and term_score(flat, D(99)) == 0


def test_their_score_uses_their_positions():
    t = price()
    # they want it low: their target 95 scores 100, their walk-away 105 scores 0
    assert term_score(t, D(95), Side.THEM) == 100
    assert term_score(t, D(105), Side.THEM) == 0
    assert term_score(t, D(100), Side.THEM) == 50


def test_package_score_is_weighted_mean_with_two_decimals():
    terms = [
        price(weight=60),
        Term("Months", direction=HIGH, weight=40, target=D(36), walk_away=D(12)),
    ]
    values = {"Price": D(105), "Months": D(20)}
    # 60·50 + 40·33.333… = 4333.33… / 100 = 43.33
    assert package_score(terms, values) == D("43.33")


def test_package_score_is_null_when_it_would_mislead():
    terms = [price(weight=60), Term("Months", weight=40, target=D(36), walk_away=D(12))]
    assert package_score(terms, {"Price": D(105)}) is None  # a weighted term without value
    out_of_order = [price(weight=100, target=D(130))]
    assert package_score(out_of_order, {"Price": D(105)}) is None
    no_target = [price(weight=100, target=None)]
    assert package_score(no_target, {"Price": D(105)}) is None
    unweighted = [price(weight=None)]
    assert package_score(unweighted, {"Price": D(105)}) is None
    # an unweighted term needs no value
    assert package_score([price(), Term("Other")], {"Price": D(110)}) == 100


decimals = st.decimals(
    min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False
)


@given(decimals, decimals, decimals, st.sampled_from([HIGH, LOW]))
def test_term_score_is_bounded_and_monotone(value, target, walk_away, direction):
    assume(target != walk_away)
    t = Term("x", direction=direction, target=target, walk_away=walk_away, weight=100)
    s = term_score(t, value)
    assert s is not None and 0 <= s <= 100
    better = value + (1 if (target > walk_away) else -1)
    assert term_score(t, better) >= s


@given(st.lists(st.tuples(st.integers(1, 50), decimals), min_size=1, max_size=5))
def test_package_score_lies_between_the_term_scores(items):
    terms = [
        Term(f"t{i}", weight=w, target=D(100), walk_away=D(0)) for i, (w, _) in enumerate(items)
    ]
    values = {f"t{i}": v for i, (_, v) in enumerate(items)}
    score = package_score(terms, values)
    singles = [term_score(t, values[t.name]) for t in terms]
    assert score is not None
    assert min(singles) - D("0.01") <= score <= max(singles) + D("0.01")


@pytest.mark.parametrize("direction", [HIGH, LOW])
def test_past_walk_away(direction):
    t = Term("x", direction=direction, walk_away=D(100))
    worse = D(99) if direction is HIGH else D(101)
    assert t.past_walk_away(worse)
    assert not t.past_walk_away(D(100))
