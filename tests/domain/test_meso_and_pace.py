from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdesk.domain.analysis import analyse
from salesdesk.domain.concessions import faster_conceder, pace
from salesdesk.domain.deal import DealSheet, Offer
from salesdesk.domain.errors import InputError
from salesdesk.domain.meso import equivalent_packages
from salesdesk.domain.scoring import package_score
from salesdesk.domain.terms import Direction, Side, Term

TODAY = date(2026, 11, 29)


def worksheet() -> list[Term]:
    return [
        Term(
            "Price",
            direction=Direction.HIGHER_IS_BETTER,
            weight=50,
            their_weight=30,
            target=Decimal(110),
            walk_away=Decimal(100),
            their_target=Decimal(90),
            their_walk_away=Decimal(105),
        ),
        Term(
            "Payment days",
            direction=Direction.LOWER_IS_BETTER,
            weight=30,
            their_weight=50,
            target=Decimal(30),
            walk_away=Decimal(60),
            their_target=Decimal(60),
            their_walk_away=Decimal(30),
        ),
        Term(
            "Years",
            direction=Direction.HIGHER_IS_BETTER,
            weight=20,
            their_weight=20,
            target=Decimal(3),
            walk_away=Decimal(1),
            their_target=Decimal(1),
            their_walk_away=Decimal(3),
        ),
    ]


def test_three_packages_equal_for_us_different_for_them():
    packages = equivalent_packages(worksheet(), Decimal(80), batna_score=Decimal(40))
    assert len(packages) == 3
    for package in packages:
        assert package.score is not None and Decimal(80) <= package.score <= Decimal(81)
        assert package.score == package_score(worksheet(), package.values, Side.US)
    assert len({p.their_score for p in packages}) == 3
    # The cheapest concession first: payment days weigh most for them per point of ours.
    assert packages[0].conceding_terms == ("Payment days",)
    assert packages[0].values["Payment days"] == Decimal(50)
    assert packages[0].values["Price"] == Decimal(110)


def test_out_of_range_and_unscorable_worksheets_are_refused():
    with pytest.raises(InputError, match="BATNA's score \\(40\\)"):
        equivalent_packages(worksheet(), Decimal(30), batna_score=Decimal(40))
    broken = worksheet()
    broken[0].walk_away = Decimal(120)  # walk-away better than target: out of order
    with pytest.raises(InputError) as caught:
        equivalent_packages(broken, Decimal(80))
    assert caught.value.field == "Price"


@given(
    weights=st.lists(st.integers(1, 60), min_size=1, max_size=5),
    score=st.integers(0, 100),
)
def test_every_package_reaches_the_chosen_score(weights, score):
    terms = [
        Term(
            f"T{i}",
            weight=w,
            their_weight=(i * 7) % 40 + 1,
            target=Decimal(100 + i),
            walk_away=Decimal(50 - i),
        )
        for i, w in enumerate(weights)
    ]
    for package in equivalent_packages(terms, Decimal(score)):
        assert package.score is not None
        # Values are rounded in our favour: never below, at most a point above.
        assert Decimal(score) <= package.score <= Decimal(score) + 1


def test_pace_of_concessions_and_who_concedes_faster():
    terms = worksheet()
    sheet = DealSheet(
        "Deal",
        "Account",
        terms=terms,
        offers=[
            Offer(
                Side.US,
                1,
                {"Price": Decimal(110), "Payment days": Decimal(30), "Years": Decimal(3)},
            ),
            Offer(
                Side.US,
                2,
                {"Price": Decimal(105), "Payment days": Decimal(30), "Years": Decimal(3)},
            ),
            Offer(
                Side.THEM,
                1,
                {"Price": Decimal(90), "Payment days": Decimal(60), "Years": Decimal(1)},
            ),
            Offer(
                Side.THEM,
                2,
                {"Price": Decimal(92), "Payment days": Decimal(60), "Years": Decimal(1)},
            ),
        ],
    )
    scored = analyse(sheet, TODAY).offers
    ours, theirs = pace(scored, Side.US), pace(scored, Side.THEM)
    assert ours is not None and ours.per_round == Decimal(25)  # price 110→105: 50 % of weight 50
    assert theirs is not None and theirs.per_round == Decimal(4)  # 2/15 of their range, weight 30 %
    assert faster_conceder(scored) is Side.US
    assert pace(scored[:1], Side.US) is None
