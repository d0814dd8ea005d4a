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
from salesdesk.domain.terms import Direction, Side, Term

TODAY = date(2026, 11, 29)


def worksheet() -> list[Term]:
    return [
        Term(
            "Price",
            direction=Direction.HIGHER_IS_BETTER,
            weight=50,
            their_weight=30,
            opening=Decimal(120),
            target=Decimal(110),
            walk_away=Decimal(100),
            their_opening=Decimal(90),
            their_target=Decimal(95),
            their_walk_away=Decimal(105),
        ),
        Term(
            "Payment days",
            direction=Direction.LOWER_IS_BETTER,
            weight=30,
            their_weight=50,
            opening=Decimal(30),
            target=Decimal(45),
            walk_away=Decimal(60),
            their_opening=Decimal(90),
            their_target=Decimal(60),
            their_walk_away=Decimal(30),
        ),
        Term(
            "Years",
            direction=Direction.HIGHER_IS_BETTER,
            weight=20,
            their_weight=20,
            opening=Decimal(3),
            target=Decimal(3),
            walk_away=Decimal(1),
            their_opening=Decimal(1),
            their_target=Decimal(1),
            their_walk_away=Decimal(3),
        ),
    ]


def test_three_packages_equal_for_us_the_best_for_them_first():
    packages = equivalent_packages(worksheet(), Decimal(80), batna_score=Decimal(40))
    # At 80 ± 1 for us, the packages on the frontier of what we accept, best for them
    # first, each moving other terms:
    # 1. Years 3 → 1 costs us 20 (weight 20) and gives them 20 (their opening); one
    #    more payment day costs us 1/30 × 30 = 1 and gives them 1/60 × 50 = 0.83.
    # 2. Years alone: 80.00 for us, 20.00 for them.
    # 3. Payment days alone, 30 → 51: 21/30 × 30 = 21 for us → 79.00; for them
    #    (51 − 30)/(90 − 30) × 50 → 17.50. (Price gives them least per point of ours.)
    assert [(p.values, p.moves, p.score, p.their_score) for p in packages] == [
        (
            {"Price": 120, "Payment days": 31, "Years": 1},
            ("Payment days", "Years"),
            Decimal("79.00"),
            Decimal("20.83"),
        ),
        (
            {"Price": 120, "Payment days": 30, "Years": 1},
            ("Years",),
            Decimal("80.00"),
            Decimal("20.00"),
        ),
        (
            {"Price": 120, "Payment days": 51, "Years": 3},
            ("Payment days",),
            Decimal("79.00"),
            Decimal("17.50"),
        ),
    ]


def test_packages_stay_on_a_coarse_step_within_a_point():
    terms = worksheet()
    terms[1].step = Decimal(15)  # payment days only in 15-day steps: 30, 45, 60
    terms[0].step = Decimal(5)
    for package in equivalent_packages(terms, Decimal(85)):
        assert package.values["Payment days"] in (30, 45, 60)
        assert package.values["Price"] % 5 == 0
        assert package.values["Years"] in (1, 2, 3)
        assert package.score is not None and abs(package.score - 85) <= 1
    moves = [frozenset(p.moves) for p in equivalent_packages(terms, Decimal(85))]
    assert len(moves) == len(set(moves))


def test_out_of_range_and_unscorable_worksheets_are_refused():
    with pytest.raises(InputError, match="BATNA's score \\(40\\)"):
        equivalent_packages(worksheet(), Decimal(30), batna_score=Decimal(40))
    broken = worksheet()
    broken[0].walk_away = Decimal(130)  # walk-away better than opening: out of order
    with pytest.raises(InputError) as caught:
        equivalent_packages(broken, Decimal(80))
    assert caught.value.field == "Price"


@given(
    terms=st.lists(
        st.tuples(
            st.integers(1, 60),  # weight
            st.integers(0, 500),  # walk-away
            st.integers(1, 300),  # room to the opening, in steps
            st.sampled_from(["1", "0.5", "0.01", "5", "1000"]),  # step
            st.booleans(),  # more is better
        ),
        min_size=1,
        max_size=5,
    ),
    score=st.integers(0, 100),
)
def test_every_package_is_on_its_steps_within_a_point_and_moves_differ(terms, score):
    sheet_terms = []
    for i, (weight, walk, room, step, higher) in enumerate(terms):
        step_d = Decimal(step)
        low, high = Decimal(walk) * step_d, (Decimal(walk) + room) * step_d
        sheet_terms.append(
            Term(
                f"T{i}",
                direction=Direction.HIGHER_IS_BETTER if higher else Direction.LOWER_IS_BETTER,
                weight=weight,
                their_weight=(i * 7) % 40 + 1,
                opening=high if higher else low,
                walk_away=low if higher else high,
                step=step_d,
            )
        )
    packages = equivalent_packages(sheet_terms, Decimal(score))
    for package in packages:
        assert package.score is not None and abs(package.score - score) <= 1
        for term in sheet_terms:
            value = package.values[term.name]
            assert term.step is not None and (value / term.step) % 1 == 0, (term, value)
            low, high = sorted((term.opening, term.walk_away))
            assert low <= value <= high
        assert set(package.moves) == {
            t.name for t in sheet_terms if package.values[t.name] != t.opening
        }
    assert len({frozenset(p.moves) for p in packages}) == len(packages)


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
    # price 110→105: 5 of the 20 from opening to walk-away, 25 % of weight 50
    assert ours is not None and ours.per_round == Decimal("12.50")
    assert theirs is not None and theirs.per_round == Decimal(4)  # 2/15 of their range, weight 30 %
    assert faster_conceder(scored) is Side.US
    assert pace(scored[:1], Side.US) is None


def test_the_sample_deals_show_the_concessions_made_where_terms_moved():
    from salesdesk.interop.demo import sample_sheets

    seen = 0
    for sheet in sample_sheets(TODAY).values():
        scored = analyse(sheet, TODAY).offers
        for side in (Side.US, Side.THEM):
            mine = sorted((o for o in sheet.offers if o.side is side), key=lambda o: o.round)
            if len(mine) >= 2 and mine[0].values != mine[-1].values:
                found = pace(scored, side)
                assert found is not None and found.conceded > 0, (sheet.title, side)
                seen += 1
    assert seen >= 3


def test_no_package_of_the_sample_deals_is_off_a_step():
    from salesdesk.domain.terms import step_of
    from salesdesk.interop.demo import sample_sheets

    proposed = 0
    for sheet in sample_sheets(TODAY).values():
        analysis = analyse(sheet, TODAY)
        floor = int(analysis.batna_score or 0)
        for score in range(floor, 101, 5):
            try:
                packages = equivalent_packages(sheet.terms, Decimal(score), analysis.batna_score)
            except InputError:
                continue  # below what the worksheet allows: refused, not proposed
            for package in packages:
                proposed += 1
                assert package.score is not None and abs(package.score - score) <= 1
                for term in sheet.terms:
                    value = package.values[term.name]
                    if term.is_options:  # one of its options, never something else
                        assert term.option(value) is not None, (sheet.title, term.name, value)
                        continue
                    assert value % step_of(term) == 0, (sheet.title, term.name, value)
    assert proposed > 20


def test_the_brief_s_packages_read_from_the_deal_map_are_the_ones_computed_afresh():
    """Page one takes the candidates its deal map already scored (a pack draws fifty
    briefs): the same packages, the same order, at every score, the held-term
    frontiers included, even from a map cached for equal terms of another sheet."""
    from copy import deepcopy

    from salesdesk.interop.demo import sample_sheets

    compared = 0
    for sheet in sample_sheets(TODAY).values():
        analysis = analyse(sheet, TODAY)
        if analysis.deal_map is None:
            continue
        twin = deepcopy(sheet.terms)  # equal terms, other objects: the map's cache key
        for score in range(int(analysis.batna_score or 0), 101, 3):
            args = (Decimal(score), analysis.batna_score)
            their = {"their_batna": analysis.their_batna_score}
            try:
                afresh = equivalent_packages(sheet.terms, *args, **their)
            except InputError:
                with pytest.raises(InputError):
                    equivalent_packages(twin, *args, **their, deal=analysis.deal_map)
                continue
            shared = equivalent_packages(twin, *args, **their, deal=analysis.deal_map)
            assert shared == afresh, (sheet.title, score)
            compared += len(afresh)
    assert compared > 20


def test_a_long_worksheet_still_gets_packages_on_steps():
    terms = [
        Term(
            f"T{i}",
            weight=5 + i,
            their_weight=(i * 7) % 40 + 1,
            opening=Decimal(100 + 5 * i),  # the positions lie on the steps
            walk_away=Decimal(10),
            step=Decimal(1) if i % 2 else Decimal(5),
        )
        for i in range(20)
    ]
    packages = equivalent_packages(terms, Decimal(63))
    assert len(packages) == 3
    for package in packages:
        assert package.score is not None and abs(package.score - 63) <= 1
        assert all(package.values[t.name] % t.step == 0 for t in terms)
