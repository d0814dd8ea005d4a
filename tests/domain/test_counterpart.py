"""Reading the counterpart from their offers: estimated weights, likely walk-aways, and
offers that contradict the walk-away we estimated for them."""

from datetime import date
from decimal import Decimal as D

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from salesdesk.domain.analysis import WarningCode, analyse
from salesdesk.domain.counterpart import adopt, geometric_limit, read_counterpart
from salesdesk.domain.deal import DealSheet, Offer
from salesdesk.domain.terms import Direction, Side, Term, TermKind, TermOption
from salesdesk.interop.demo import sample_sheets
from salesdesk.warning_text import warning_message

TODAY = date(2026, 12, 1)
US, THEM = Side.US, Side.THEM


def term(name, direction=Direction.HIGHER_IS_BETTER, **kw):
    return Term(name, direction=direction, weight=D(25), their_weight=D(25), **kw)


def test_the_packaging_sample_read_by_hand():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    reading = read_counterpart(sheet)
    # Price: first offers 1.32 (ours) and 1.05 (theirs), span 0.27; they moved to 1.10:
    # conceded 0.05 / 0.27, firmness 0.8148. Volume 300,000 → 340,000 of 150,000: 0.7333.
    # Payment 90 → 75 of 60 days and duration 12 → 18 of 24 months: 0.75 each.
    # Weights 100 · (f + 0.1) / Σ (f + 0.1), Σ = 3.4481: 26.53, 24.17, 24.65, 24.65.
    assert reading.offers == 2
    assert reading.weights == {
        "Prix unitaire": D("26.53"),
        "Volume annuel": D("24.17"),
        "Délai de paiement": D("24.65"),
        "Durée du contrat": D("24.65"),
    }
    # Two offers tell no trend: no likely walk-away yet.
    assert reading.walk_aways == dict.fromkeys(reading.weights)


def test_one_offer_reads_nothing_and_a_term_they_never_move_on_weighs_most():
    sheet = DealSheet(
        "T",
        "A",
        terms=[term("Price", opening=D(100), walk_away=D(80)), term("Days", opening=D(30))],
        offers=[Offer(US, 1, {"Price": D(100), "Days": D(30)})],
    )
    sheet.offers.append(Offer(THEM, 1, {"Price": D(60), "Days": D(90)}))
    assert read_counterpart(sheet).terms == ()
    sheet.offers.append(Offer(THEM, 2, {"Price": D(60), "Days": D(60)}))
    reading = read_counterpart(sheet)
    # Price held (f = 1), days half given up (f = 0.5): 1.1 / 1.7 and 0.6 / 1.7.
    assert reading.weights == {"Price": D("64.71"), "Days": D("35.29")}


def test_option_terms_are_read_on_our_option_scores():
    options = [
        TermOption("A", D(100), D(0)),
        TermOption("B", D(60), D(50)),
        TermOption("C", D(0), D(100)),
    ]
    sheet = DealSheet(
        "T",
        "A",
        terms=[term("Plan", kind=TermKind.OPTIONS, options=options, opening="A")],
        offers=[
            Offer(US, 1, {"Plan": "A"}),
            Offer(THEM, 1, {"Plan": "C"}),
            Offer(THEM, 2, {"Plan": "B"}),
        ],
    )
    (item,) = read_counterpart(sheet).terms
    # From C (0) to B (60) of a span of 100 on our scores: 0.6 conceded.
    assert item.conceded == D("0.6") and item.firmness == D("0.4") and item.walk_away is None


def test_a_geometric_concession_series_is_extrapolated_to_its_limit():
    # 1.05, 1.10, 1.13: d1 = 0.05, d2 = 0.03, r = 0.6 → 1.13 + 0.03 · 0.6 / 0.4 = 1.175,
    # on a step of 0.01 → 1.18.
    sheet = sample_sheets(TODAY)["packaging-fr"]
    prices = {1: D("1.05"), 2: D("1.10")}
    sheet.offers.append(Offer(THEM, 3, {**sheet.offers[3].values, "Prix unitaire": D("1.13")}))
    assert [o.values["Prix unitaire"] for o in sheet.offers if o.side is THEM][:2] == list(
        prices.values()
    )
    reading = read_counterpart(sheet)
    assert reading.offers == 3
    assert reading.of("Prix unitaire").walk_away == D("1.18")
    # Volume 300,000, 340,000, 340,000: no shrinking series, no limit.
    assert reading.of("Volume annuel").walk_away is None


@settings(max_examples=200, deadline=None)
@given(
    first=st.integers(-10_000, 10_000),
    step=st.integers(1, 500),
    ratio=st.sampled_from([D("0.2"), D("0.25"), D("0.4"), D("0.5"), D("0.6"), D("0.75"), D("0.8")]),
    sign=st.sampled_from([1, -1]),
)
def test_any_geometric_series_is_extrapolated_to_its_limit(first, step, ratio, sign):
    d1 = D(step * 20 * sign)
    v1 = D(first)
    v2 = v1 + d1
    v3 = v2 + d1 * ratio
    # The sum of every concession d1 · r^k: v1 + d1 / (1 − r). A third does not end in
    # Decimal's 28 digits: the two ways of summing may differ in the last one.
    limit = geometric_limit(v1, v2, v3)
    assert limit is not None and abs(limit - (v1 + d1 / (1 - ratio))) < D("1e-20")
    assert geometric_limit(v1, v2, v2 + d1) is None  # not shrinking
    assert geometric_limit(v1, v2, v2 - d1 * ratio) is None  # turning back


@st.composite
def known_agent(draw):
    """A counterpart that weighs its terms as `weights` says and concedes on each, from
    its first offer towards ours, less the more the term weighs to it."""
    count = draw(st.integers(2, 5))
    weights = draw(st.lists(st.integers(1, 60), min_size=count, max_size=count, unique=True))
    terms, ours, theirs1, theirs2 = [], {}, {}, {}
    for n, weight in enumerate(weights):
        name = f"T{n}"
        higher = draw(st.booleans())
        span = D(draw(st.integers(1, 50)) * 1000)
        start = D(draw(st.integers(0, 100)) * 1000)
        toward = 1 if higher else -1  # our first offer is better for us: up or down
        terms.append(
            Term(
                name,
                direction=Direction.HIGHER_IS_BETTER if higher else Direction.LOWER_IS_BETTER,
                weight=D(10),
                their_weight=D(weight),
                opening=start + toward * span,
            )
        )
        ours[name] = start + toward * span
        theirs1[name] = start
        # The share it gives up: 1 − weight / (max + 1), on a step of 1.
        share = 1 - D(weight) / D(max(weights) + 1)
        theirs2[name] = start + toward * (span * share).to_integral_value()
    sheet = DealSheet(
        "T",
        "A",
        terms=terms,
        offers=[Offer(US, 1, ours), Offer(THEM, 1, theirs1), Offer(THEM, 2, theirs2)],
    )
    return sheet, dict(zip([t.name for t in terms], weights, strict=True))


@settings(max_examples=200, deadline=None)
@given(known_agent())
def test_weights_read_from_a_known_agents_offers_rank_its_terms_as_it_weighs_them(case):
    sheet, weights = case
    reading = read_counterpart(sheet)
    assert reading.offers == 2 and len(reading.terms) == len(weights)
    by_agent = sorted(weights, key=weights.__getitem__)
    by_reading = sorted(reading.weights, key=reading.weights.__getitem__)
    assume(len(set(reading.weights.values())) == len(weights))  # rounding can tie close ones
    assert by_reading == by_agent
    assert abs(sum(reading.weights.values()) - 100) <= D("0.05")


def test_their_offer_past_their_estimated_walk_away_contradicts_the_estimate():
    sheet = sample_sheets(TODAY)["telematics-en"]
    analysis = analyse(sheet, TODAY)
    found = [w for w in analysis.warnings if w.code is WarningCode.ESTIMATE_CONTRADICTED]
    assert [(w.term, w.round) for w in found] == [("Installation lead time", 1)]
    assert warning_message(found[0], "en") == (
        "Round 1: they offered 28 on Installation lead time, past the walk-away we estimated "
        "for them (25): correct the estimate"
    )
    # Within their walk-away (25 days or fewer): no warning.
    sheet.offers[1].values["Installation lead time"] = D(25)
    assert WarningCode.ESTIMATE_CONTRADICTED not in {w.code for w in analyse(sheet, TODAY).warnings}


def test_adopting_takes_the_reading_for_one_term_or_every_term():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    sheet.offers.append(Offer(THEM, 3, {**sheet.offers[3].values, "Prix unitaire": D("1.13")}))
    reading = read_counterpart(sheet)
    before = {t.name: (t.their_weight, t.their_walk_away) for t in sheet.terms}
    adopt(sheet, reading, ["Prix unitaire"])
    price = sheet.term("Prix unitaire")
    assert (price.their_weight, price.their_walk_away) == (
        reading.weights["Prix unitaire"],
        D("1.18"),
    )
    volume = sheet.term("Volume annuel")
    assert (volume.their_weight, volume.their_walk_away) == before["Volume annuel"]
    adopt(sheet, reading)
    assert {t.name: t.their_weight for t in sheet.terms} == reading.weights
    # No walk-away read for volume: the typed one stays.
    assert sheet.term("Volume annuel").their_walk_away == before["Volume annuel"][1]
