"""The frontier's array kernels give exactly what the plain computation gives: the
MESO's band search forms only the pairs in its band, and one packed sort orders as
numpy's lexsort does, ties included, so every package and its order are unchanged; the
MESO builds only the packages it may choose, and chooses the same ones."""

from decimal import Decimal as D

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from salesdesk.domain import meso
from salesdesk.domain.frontier import term_choices
from salesdesk.domain.package_search import (
    Choices,
    _in_band,
    _move_masks,
    _moves,
    _sorted_by,
    pareto_packages,
)
from salesdesk.domain.terms import Side, Term
from tests.domain.test_frontier import small_deal

small = st.integers(min_value=-50, max_value=50)
wide = st.integers(min_value=-(2**40), max_value=2**40)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(small, min_size=1, max_size=30),
    st.lists(small, min_size=1, max_size=30),
    small,
    st.integers(min_value=-5, max_value=60),
)
def test_the_band_search_keeps_exactly_the_pairs_of_the_outer_sum_in_the_band(
    sums, adds, low, span
):
    a, c = np.asarray(sums, dtype=np.int64), np.asarray(adds, dtype=np.int64)
    high = low + span
    outer = (a[:, None] + c[None, :]).ravel()
    expected = np.flatnonzero((outer >= low) & (outer <= high))
    assert _in_band(a, c, low, high).tolist() == expected.tolist()


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=40).flatmap(
        lambda n: st.tuples(
            st.lists(small, min_size=n, max_size=n),
            st.lists(small, min_size=n, max_size=n),
            st.lists(st.one_of(small, wide), min_size=n, max_size=n),
        )
    )
)
def test_one_packed_sort_orders_as_lexsort_ties_and_wide_ranges_included(columns):
    keys = [np.asarray(k, dtype=np.int64) for k in columns]
    expected = np.lexsort(tuple(reversed(keys))) if keys[0].size else np.zeros(0)
    assert _sorted_by(keys).tolist() == expected.tolist()


def _term(name: str) -> Term:
    return Term(name=name, unit="", opening=D(0), walk_away=D(10), weight=D(1))


def test_the_terms_a_package_moves_are_read_per_package_even_past_sixty_two_terms():
    for count in (3, 70):
        terms = [_term(f"t{i}") for i in range(count)]
        choices = [Choices(t, [D(0), D(5)], [D(100), D(50)], [D(0), D(50)]) for t in terms]
        rng = np.random.default_rng(count)
        picks = [rng.integers(0, 2, size=9, dtype=np.int64) for _ in terms]
        expected = [
            tuple(t.name for t, p in zip(terms, picks, strict=True) if p[row] == 1)
            for row in range(9)
        ]
        assert _moves(choices, picks, _move_masks(choices, picks)) == expected


@settings(max_examples=300, deadline=None)
@given(
    small_deal(),
    st.integers(min_value=0, max_value=10_000),
    st.one_of(st.none(), st.integers(min_value=0, max_value=100)),
    st.integers(min_value=1, max_value=5),
)
def test_the_meso_builds_only_its_contenders_and_chooses_what_the_whole_band_gives(
    terms, hundredths, their_batna, count
):
    aim = D(hundredths) / 100
    band = (max(aim - meso.TOLERANCE, D(0)), aim + meso.TOLERANCE)
    choices = term_choices(terms, (Side.US,))
    whole = pareto_packages(terms, choices, band)
    built = pareto_packages(terms, choices, band, aim=aim)
    assert all(package in whole for package in built)
    # The MESO's two readings: the best for us (which term to hold next), and per set
    # of moves the best for them, nearest the aim.
    assert whole[:1] == built[:1]
    batna = None if their_batna is None else D(their_batna)
    assert meso._distinct(built, aim, count, batna) == meso._distinct(whole, aim, count, batna)
