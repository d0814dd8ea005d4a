"""The Itex–Cypress case (Inspire), entered as a rep would from its GENIUS profiles
(ANAC 2010, `ItexvsCypress_Itex.xml` and `ItexvsCypress_Cypress.xml` as NegMAS ships
them): we are Itex, the seller of bicycle components; Cypress buys.

Each option's score is 100 × its rating / the term's best rating, two decimals; the
weights are GENIUS's, in percent with two decimals.
"""

from __future__ import annotations

from decimal import Decimal

from salesdesk.domain.terms import Term, TermKind, TermOption

# Ratings (Itex, Cypress) per option, and the profiles' weights (Itex, Cypress).
PROFILES: dict[str, tuple[tuple[float, float], list[tuple[str, int, int]]]] = {
    "Price": (
        (0.28812635027374, 0.4700166576535899),
        [
            ("$4.37", 30, 1),
            ("$4.12", 20, 10),
            ("$3.98", 10, 25),
            ("$3.71", 5, 33),
            ("$3.47", 1, 40),
        ],
    ),
    "Delivery": (
        (0.1915290482981283, 0.1220816713696379),
        [("60 days", 1, 1), ("45 days", 20, 10), ("30 days", 10, 19), ("20 days", 5, 25)],
    ),
    "Payment": (
        (0.24212575877553694, 0.17727008190772825),
        [
            ("Upon delivery", 10, 15),
            ("30 days after delivery", 25, 6),
            ("60 days after delivery", 1, 1),
        ],
    ),
    "Returns": (
        (0.2782188426525948, 0.2306315890690439),
        [("Full price", 1, 20), ("5% spoilage allowed", 30, 7), ("10% spoilage allowed", 5, 1)],
    ),
}
# The published reservation values (Inspire): Itex 0.603, Cypress 0.718.
ITEX_RESERVATION = Decimal("60.30")
CYPRESS_RESERVATION = Decimal("71.80")


def _share(rating: int, best: int) -> Decimal:
    return (Decimal(100) * rating / best).quantize(Decimal("0.01"))


def terms() -> list[Term]:
    out = []
    for name, ((ours, theirs), options) in PROFILES.items():
        best_ours = max(r for _, r, _ in options)
        best_theirs = max(r for _, _, r in options)
        out.append(
            Term(
                name,
                kind=TermKind.OPTIONS,
                # Each side opens with its best option; no walk-away is published.
                opening=next(label for label, r, _ in options if r == best_ours),
                their_opening=next(label for label, _, r in options if r == best_theirs),
                weight=Decimal(str(ours * 100)).quantize(Decimal("0.01")),
                their_weight=Decimal(str(theirs * 100)).quantize(Decimal("0.01")),
                options=[
                    TermOption(label, _share(a, best_ours), _share(b, best_theirs))
                    for label, a, b in options
                ],
            )
        )
    return out


def genius_utility(values: dict[str, str], side: int) -> float:
    """The profile's own utility of a package (0–1), side 0 Itex, 1 Cypress."""
    total = 0.0
    for name, (weights, options) in PROFILES.items():
        ratings = {label: (a, b)[side] for label, a, b in options}
        best = max(ratings.values())
        total += weights[side] * ratings[values[name]] / best
    return total


W = {
    "Price": "$4.12",
    "Delivery": "45 days",
    "Payment": "Upon delivery",
    "Returns": "5% spoilage allowed",
}
Z = {
    "Price": "$3.98",
    "Delivery": "30 days",
    "Payment": "30 days after delivery",
    "Returns": "5% spoilage allowed",
}
