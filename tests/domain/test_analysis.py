from datetime import date, timedelta
from decimal import Decimal as D

from salesdesk.domain.analysis import WarningCode, analyse
from salesdesk.domain.deal import Batna, DealSheet, Interaction, Offer
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.stages import DealStatus
from salesdesk.domain.terms import Direction, Side, Term
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)


def sheet(**kw) -> DealSheet:
    base = dict(
        title="Deal",
        account="Acme",
        terms=[
            Term(
                "Price",
                direction=Direction.HIGHER_IS_BETTER,
                weight=70,
                their_weight=50,
                opening=D(120),
                target=D(110),
                walk_away=D(100),
                their_opening=D(90),
                their_target=D(95),
                their_walk_away=D(105),
            ),
            Term(
                "Days",
                direction=Direction.LOWER_IS_BETTER,
                weight=30,
                their_weight=50,
                opening=D(30),
                target=D(45),
                walk_away=D(60),
                their_opening=D(90),
                their_target=D(75),
                their_walk_away=D(60),
            ),
        ],
    )
    base.update(kw)
    return DealSheet(**base)


def codes(s: DealSheet) -> list[str]:
    return [w.code.value for w in analyse(s, TODAY).warnings]


def test_a_clean_worksheet_has_no_warning():
    assert codes(sheet()) == []


def test_no_zopa_names_the_term():
    s = sheet()
    s.terms[0].their_walk_away = D(99)
    [w] = analyse(s, TODAY).warnings
    assert (w.code, w.term) == (WarningCode.NO_ZOPA, "Price")


def test_positions_out_of_order_ours_and_theirs():
    s = sheet()
    s.terms[0].target = D(125)
    s.terms[1].their_target = D(95)
    found = [(w.code.value, w.term) for w in analyse(s, TODAY).warnings]
    assert found == [("positions_out_of_order", "Price"), ("positions_out_of_order", "Days")]


def test_walk_away_worse_than_batna():
    s = sheet(batna_ours=Batna("other buyer", D(103), "Price", D(20)))
    assert codes(s) == ["walk_away_worse_than_batna"]
    s.batna_ours.value = D(100)  # equal is not worse
    assert codes(s) == []
    s = sheet(batna_ours=Batna("cash now", D(50), "Days", None))  # lower is better
    assert codes(s) == ["walk_away_worse_than_batna"]


def test_weights_not_100():
    s = sheet()
    s.terms[1].weight = 20
    assert codes(s) == ["weights_not_100"]
    s.terms[0].weight = s.terms[1].weight = None
    assert codes(s) == []  # no weight given at all


def test_offer_scores_and_below_batna():
    s = sheet(
        batna_ours=Batna("alt", None, None, D(40)),
        offers=[
            Offer(Side.US, 1, {"Price": D(110), "Days": D(45)}),
            Offer(Side.THEM, 1, {"Price": D(95), "Days": D(75)}),
            Offer(Side.US, 2, {"Price": D(105), "Days": D(50)}),
        ],
    )
    a = analyse(s, TODAY)
    assert [(o.score, o.their_score) for o in a.offers] == [
        (D("50.00"), D("0.00")),
        (D("0.00"), D("58.33")),
        (D("27.50"), D("0.00")),
    ]
    # Scores run from the walk-away (0) to the opening (100).
    # Round 1 for us: price (110−100)/(120−100) = 50, days (45−60)/(30−60) = 50 → 50.00.
    # Their round 1, for them: price (95−105)/(90−105) = 66.67 × 50, days (75−60)/(90−60)
    # = 50 × 50 → 58.33. Our round 2: price 5/20 = 25 × 70 + days 10/30 = 33.33 × 30
    # → 27.50, below the BATNA's 40; round 1's 50 is not.
    below = [w for w in a.warnings if w.code is WarningCode.OFFER_BELOW_BATNA]
    assert [(w.round, w.term, w.params) for w in below] == [
        (2, None, {"score": D("27.50"), "batna": D(40)})
    ]
    # Our target (110 and 45 days) sits half-way on both terms.
    assert a.target_score == D("50.00")
    assert a.batna_score == D(40)


def test_a_batna_valued_on_one_term_needs_a_score_and_is_never_compared_with_packages():
    # Another buyer pays 105: on price alone that would be 25, but a package's score
    # weighs every term; the worksheet asks for a score instead of inventing one.
    s = sheet(batna_ours=Batna("other buyer", D(105), "Price", None))
    s.offers = [Offer(Side.US, 1, {"Price": D(104), "Days": D(60)})]  # 20 × 70 + 0 → 14.00
    a = analyse(s, TODAY)
    assert a.batna_score is None
    assert a.batna_needs_score == ("us",)
    assert WarningCode.OFFER_BELOW_BATNA.value not in a.codes()
    # A BATNA package (105, 45 days): 25 × 70 + 50 × 30 → 32.50, and 14.00 is below it.
    s.batna_ours.package = {"Price": D(105), "Days": D(45)}
    a = analyse(s, TODAY)
    assert (a.batna_score, a.batna_needs_score) == (D("32.50"), ())
    found = [w for w in a.warnings if w.code is WarningCode.OFFER_BELOW_BATNA]
    assert [w.params["score"] for w in found] == [D("14.00")]
    # A typed score wins over the package.
    s.batna_ours.score = D(10)
    assert analyse(s, TODAY).batna_score == D(10)
    assert WarningCode.OFFER_BELOW_BATNA.value not in codes(s)


def test_their_walk_away_past_their_own_batna_is_flagged():
    # They can buy at 102 elsewhere, yet we estimate they would pay up to 105.
    s = sheet(batna_theirs=Batna("other supplier", D(102), "Price", None))
    a = analyse(s, TODAY)
    [w] = [w for w in a.warnings if w.code is WarningCode.THEIR_WALK_AWAY_PAST_BATNA]
    assert (w.term, w.params) == ("Price", {"walk_away": D(105), "batna": D(102)})
    assert a.batna_needs_score == ("them",)
    s.batna_theirs.value = D(106)
    assert WarningCode.THEIR_WALK_AWAY_PAST_BATNA.value not in codes(s)


def test_an_offer_below_their_batna_and_no_deal_zone():
    s = sheet(
        batna_ours=Batna("other buyer", score=D(40)),
        batna_theirs=Batna("other supplier", score=D(30)),
        offers=[Offer(Side.US, 1, {"Price": D(110), "Days": D(45)})],
    )
    a = analyse(s, TODAY)
    # For them: price (105 − 110)/(105 − 90) → 0 × 50, days (45 − 60)/(90 − 60) → 0 → 0.
    [w] = [w for w in a.warnings if w.code is WarningCode.OFFER_BELOW_THEIR_BATNA]
    assert (w.round, w.params) == (1, {"score": D("0.00"), "batna": D(30)})
    # Within both walk-aways (price 100–105, 60 days) our best is 25 × 70 → 17.50:
    # below our BATNA's 40, so no package suits both sides.
    [w] = [w for w in a.warnings if w.code is WarningCode.NO_DEAL_ZONE]
    assert w.params == {"ours": D(40), "theirs": D(30)}
    assert a.deal_map is not None and not a.deal_map.deal_zone and a.deal_map.nash is None
    # With both alternatives at 5, price 102 and 60 days suits both (7.00 and 10.00).
    s.batna_ours.score = s.batna_theirs.score = D(5)
    assert WarningCode.NO_DEAL_ZONE.value not in codes(s)


def test_concessions_past_walk_away_look_at_our_offers_only():
    s = sheet(
        offers=[
            Offer(Side.US, 2, {"Price": D(99), "Days": D(60)}),
            Offer(Side.THEM, 2, {"Price": D(50), "Days": D(120)}),
        ]
    )
    past = [(w.code.value, w.term, w.round) for w in analyse(s, TODAY).warnings]
    assert past == [("concessions_past_walk_away", "Price", 2)]


def test_ledger_warnings_point_at_entries_and_rounds():
    s = sheet(
        ledger=[
            LedgerEntry(Giver.US, "free delivery", cost=D(10), status=EntryStatus.OFFERED, round=1),
            LedgerEntry(
                Giver.US,
                "discount",
                cost=D(50),
                counterpart="volume",
                status=EntryStatus.OFFERED,
                round=2,
                needs_approval=True,
            ),
        ]
    )
    found = [(w.code.value, w.entry, w.round) for w in analyse(s, TODAY).warnings]
    assert found == [
        ("unilateral_concession", 0, 1),
        ("growing_concessions", None, 2),
        ("needs_approval", 1, 2),
    ]


def test_contact_overdue_only_for_open_deals():
    s = sheet(phase=5, interactions=[Interaction(TODAY - timedelta(days=2))])
    assert codes(s) == ["contact_overdue"]
    s.status = DealStatus.WON
    assert codes(s) == []


def test_the_samples_show_every_warning_code():
    seen = set()
    for s in sample_sheets(TODAY).values():
        seen |= analyse(s, TODAY).codes()
    # text_too_long flags texts stored before the limits; no sample is one.
    assert seen == {c.value for c in WarningCode} - {WarningCode.TEXT_TOO_LONG.value}
