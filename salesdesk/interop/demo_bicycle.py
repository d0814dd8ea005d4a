"""The fifth sample: the Itex–Cypress case (Inspire's bicycle components negotiation,
whose preference profiles ship with GENIUS), stated as a rep states preferences.

We are Itex, the maker; Cypress buys. Payment and returns are options, each scored for
both sides (100 × the profile's rating / its best rating); price and delivery are
numbers whose scores are shaped by points (delivery is best for us at 45 days and
falls either side). The BATNA scores are the published reservation values (0.603 for
Itex, 0.718 for Cypress): no package is worth both, and the worksheet says so.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from salesdesk.domain.deal import (
    Batna,
    Channel,
    DealSheet,
    Interaction,
    Meeting,
    Offer,
    PartySide,
    Role,
    Stakeholder,
    Stance,
)
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.domain.terms import (
    Direction,
    ScorePoint,
    Side,
    Term,
    TermKind,
    TermOption,
    Value,
)

D = Decimal
US, THEM = Side.US, Side.THEM
THEIRS, OURS = PartySide.THEIRS, PartySide.OURS
UPON, DAYS_30, DAYS_60 = "Upon delivery", "30 days after delivery", "60 days after delivery"
FULL, SPOIL_5, SPOIL_10 = "Full price", "5% spoilage allowed", "10% spoilage allowed"


def _points(*pairs: tuple[str, str]) -> list[ScorePoint]:
    return [ScorePoint(D(value), D(score)) for value, score in pairs]


def _options(rows: tuple[tuple[str, str, str], ...]) -> list[TermOption]:
    return [TermOption(label, D(ours), D(theirs)) for label, ours, theirs in rows]


def terms() -> list[Term]:
    return [
        Term(
            "Price",
            "$/unit",
            Direction.HIGHER_IS_BETTER,
            weight=D("28.81"),
            their_weight=D("47.00"),
            opening=D("4.37"),
            target=D("4.12"),
            walk_away=D("3.71"),
            their_opening=D("3.47"),
            their_target=D("3.71"),
            their_walk_away=D("4.12"),
            step=D("0.01"),
            # Ratings 30, 20, 10, 5, 1 for us and 1, 10, 25, 33, 40 for them.
            points=_points(
                ("3.47", "3.33"),
                ("3.71", "16.67"),
                ("3.98", "33.33"),
                ("4.12", "66.67"),
                ("4.37", "100"),
            ),
            their_points=_points(
                ("3.47", "100"),
                ("3.71", "82.50"),
                ("3.98", "62.50"),
                ("4.12", "25"),
                ("4.37", "2.50"),
            ),
        ),
        Term(
            "Delivery",
            "days",
            Direction.HIGHER_IS_BETTER,
            weight=D("19.15"),
            their_weight=D("12.21"),
            opening=D("45"),
            target=D("30"),
            walk_away=D("20"),
            their_opening=D("20"),
            their_target=D("30"),
            their_walk_away=D("45"),
            step=D("5"),
            # Best for us at 45 days, worse sooner and much worse later.
            points=_points(("20", "25"), ("30", "50"), ("45", "100"), ("60", "5")),
            their_points=_points(("20", "100"), ("30", "76"), ("45", "40"), ("60", "4")),
        ),
        Term(
            "Payment",
            kind=TermKind.OPTIONS,
            weight=D("24.21"),
            their_weight=D("17.73"),
            opening=DAYS_30,
            target=UPON,
            walk_away=UPON,
            their_opening=UPON,
            their_target=UPON,
            their_walk_away=DAYS_30,
            options=_options(((UPON, "40", "100"), (DAYS_30, "100", "40"), (DAYS_60, "4", "6.67"))),
        ),
        Term(
            "Returns",
            kind=TermKind.OPTIONS,
            weight=D("27.83"),
            their_weight=D("23.06"),
            opening=SPOIL_5,
            target=SPOIL_5,
            walk_away=SPOIL_10,
            their_opening=FULL,
            their_target=FULL,
            their_walk_away=SPOIL_5,
            options=_options(
                ((FULL, "3.33", "100"), (SPOIL_5, "100", "35"), (SPOIL_10, "16.67", "5"))
            ),
        ),
    ]


def _package(price: str, days: str, payment: str, returns: str) -> dict[str, Value]:
    return {"Price": D(price), "Delivery": D(days), "Payment": payment, "Returns": returns}


def bicycle(today: date, uid: str) -> DealSheet:
    """English, at the contract stage: option terms, shaped scores, no deal zone."""
    day = today.__add__
    return DealSheet(
        uid=uid,
        checklist={"contract": [0]},
        title="Bicycle components, 2027 supply",
        account="Cypress Cycles",
        currency="USD",
        value=D("412000.00"),
        status=DealStatus.OPEN,
        stage=Stage.CONTRACT,
        phase=4,
        close_date=day(timedelta(days=45)),
        probability=50,
        owner="Camille Durand",
        batna_ours=Batna(
            "Sell the season's output to Velo Parts at list price, payment on delivery",
            score=D("60.30"),
        ),
        batna_theirs=Batna(
            "Buy from Tristar Components: cheaper, but 60-day delivery", score=D("71.80")
        ),
        terms=terms(),
        offers=[
            Offer(US, 1, _package("4.37", "45", DAYS_30, SPOIL_5)),
            Offer(THEM, 1, _package("3.47", "20", UPON, FULL)),
            # W and Z of the case: W is worth more to us (75.9) than Z (71.2).
            Offer(US, 2, _package("4.12", "45", UPON, SPOIL_5)),
            Offer(THEM, 2, _package("3.98", "30", DAYS_30, SPOIL_5)),
        ],
        ledger=[
            LedgerEntry(
                Giver.US,
                "Payment 30 days after delivery instead of on delivery",
                "Payment",
                cost=D("2400"),
                value=D("4000"),
                counterpart="5% spoilage allowance on returns",
                counterpart_value=D("6000"),
                counterpart_cost=D("1500"),
                status=EntryStatus.PLANNED,
                round=3,
            ),
        ],
        stakeholders=[
            Stakeholder("Dana Whitfield", THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC),
            Stakeholder(
                "Marco Alvarez", THEIRS, Role.TECHNICAL_BUYER, Stance.SUPPORTER, "Dana Whitfield"
            ),
            Stakeholder("Camille Durand", OURS, Role.INFLUENCER, Stance.CHAMPION),
        ],
        meetings=[
            Meeting(
                day(timedelta(days=-9)),
                "Second round",
                time(14, 0),
                2,
                "Hold 45-day delivery; move on payment only against returns",
                "1. Price\n2. Delivery\n3. Payment and returns",
                "Cypress offered $3.98 with 30-day delivery and payment",
                "Look for a package better for both",
                ["Dana Whitfield", "Marco Alvarez", "Camille Durand"],
            ),
            Meeting(
                day(timedelta(days=8)),
                "Third round",
                time(10, 30),
                3,
                "Test whether their reservation really is above ours: no deal zone on paper",
                "1. Their alternative\n2. A package on the frontier",
                "",
                "",
                ["Dana Whitfield", "Camille Durand"],
                "Thank you for the second round. Below, our proposal for the 2027 season.",
                minutes=90,
                location="Cypress Cycles, Portland: meeting room B",
            ),
        ],
        interactions=[
            Interaction(
                day(timedelta(days=-1)),
                Channel.CALL,
                "Marco Alvarez: Tristar quoted lower but cannot deliver before 60 days",
            ),
        ],
    )
