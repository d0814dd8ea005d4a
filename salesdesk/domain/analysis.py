"""Everything the worksheet computes from a deal: ZOPAs, scores, ledger figures, warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from salesdesk.domain import limits
from salesdesk.domain.counterpart import contradicting
from salesdesk.domain.deal import DealSheet, Offer
from salesdesk.domain.errors import InputError
from salesdesk.domain.frontier import DealMap, check_scorable, deal_map, left_on_table
from salesdesk.domain.ledger import (
    LedgerFigures,
    entries_awaiting_approval,
    growing_rounds,
    ledger_figures,
    unilateral_entries,
)
from salesdesk.domain.scoring import batna_score, package_score, target_score
from salesdesk.domain.stages import DEFAULT_CADENCE, ContactState, contact_state
from salesdesk.domain.terms import Side, Zopa, has_no_zopa, positions_in_order, zopa


class WarningCode(StrEnum):
    NO_ZOPA = "no_zopa"
    POSITIONS_OUT_OF_ORDER = "positions_out_of_order"
    WALK_AWAY_WORSE_THAN_BATNA = "walk_away_worse_than_batna"
    THEIR_WALK_AWAY_PAST_BATNA = "their_walk_away_past_batna"
    WEIGHTS_NOT_100 = "weights_not_100"
    OFFER_BELOW_BATNA = "offer_below_batna"
    OFFER_BELOW_THEIR_BATNA = "offer_below_their_batna"
    NO_DEAL_ZONE = "no_deal_zone"
    ESTIMATE_CONTRADICTED = "estimate_contradicted"
    UNILATERAL_CONCESSION = "unilateral_concession"
    GROWING_CONCESSIONS = "growing_concessions"
    CONCESSIONS_PAST_WALK_AWAY = "concessions_past_walk_away"
    NEEDS_APPROVAL = "needs_approval"
    CONTACT_OVERDUE = "contact_overdue"
    TEXT_TOO_LONG = "text_too_long"


Param = Decimal | int | str | date


@dataclass(frozen=True, slots=True)
class DealWarning:
    """A fact worth a warning: its code and what it concerns, no words.

    `params` holds the amounts and texts a sentence needs (walk-aways, scores, the
    entry's text, the previous round, a due date); salesdesk.warning_text words it.
    """

    code: WarningCode
    term: str | None = None
    entry: int | None = None
    round: int | None = None
    params: dict[str, Param] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScoredOffer:
    offer: Offer
    score: Decimal | None
    their_score: Decimal | None
    # What the other side could still gain, at no loss to the offer's maker, on the
    # frontier; None when the frontier cannot be told.
    left_on_table: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    contact: ContactState
    zopas: dict[str, Zopa | None]
    offers: list[ScoredOffer]
    figures: LedgerFigures
    warnings: list[DealWarning]
    # Our target's score (the mark "at target"), and our BATNA's (typed or from its package).
    target_score: Decimal | None = None
    batna_score: Decimal | None = None
    their_batna_score: Decimal | None = None
    # Sides ("us", "them") whose BATNA is valued on one term only and needs a score on
    # the package scale (deals saved before BATNAs had one): said, never guessed.
    batna_needs_score: tuple[str, ...] = ()
    # The frontier, the deal zone and the Nash package; None when packages cannot be
    # scored from both sides (no estimates of theirs, a term without positions).
    deal_map: DealMap | None = None

    def codes(self) -> set[str]:
        return {w.code.value for w in self.warnings}


def analyse(
    sheet: DealSheet,
    today: date,
    cadence: Sequence[int] = DEFAULT_CADENCE,
    *,
    frontier: bool = True,
) -> Analysis:
    """What the worksheet computes. Without `frontier` (a sync moving packages, whose
    computed fields the receiver ignores), no deal map: no `no_deal_zone` warning and no
    offer's `left_on_table`."""
    our_batna = batna_score(sheet.batna_ours, sheet.terms, Side.US)
    their_batna = batna_score(sheet.batna_theirs, sheet.terms, Side.THEM)
    found = None
    if frontier:
        try:
            check_scorable(sheet.terms)
        except InputError:
            pass
        else:
            found = deal_map(sheet.terms, our_batna, their_batna)
    scored = [_scored(sheet, offer, found) for offer in sheet.offers]
    contact = contact_state(
        recorded=sheet.last_contact,
        events=sheet.contact_events(),
        phase=sheet.phase,
        status=sheet.status,
        today=today,
        cadence=cadence,
    )
    warnings = [
        *_term_warnings(sheet),
        *_deal_zone_warnings(found),
        *_offer_warnings(sheet, scored, our_batna, their_batna),
        *_ledger_warnings(sheet),
        *_length_warnings(sheet),
    ]
    if contact.overdue and contact.next_contact_due is not None:
        warnings.append(
            DealWarning(WarningCode.CONTACT_OVERDUE, params={"due": contact.next_contact_due})
        )
    return Analysis(
        contact=contact,
        zopas={t.name: zopa(t) for t in sheet.terms},
        offers=scored,
        figures=ledger_figures(sheet.ledger),
        warnings=warnings,
        target_score=target_score(sheet.terms),
        batna_score=our_batna,
        their_batna_score=their_batna,
        batna_needs_score=tuple(
            side
            for side, batna in (("us", sheet.batna_ours), ("them", sheet.batna_theirs))
            if batna.needs_score
        ),
        deal_map=found,
    )


def _scored(sheet: DealSheet, offer: Offer, found: DealMap | None) -> ScoredOffer:
    score = package_score(sheet.terms, offer.values, Side.US)
    their_score = package_score(sheet.terms, offer.values, Side.THEM)
    left = None
    if found is not None and score is not None and their_score is not None:
        left = left_on_table(found.frontier, score, their_score, offer.side is Side.US)
    return ScoredOffer(offer, score, their_score, left)


def _deal_zone_warnings(found: DealMap | None) -> list[DealWarning]:
    """No package both sides prefer to their alternatives: said when both are known."""
    if found is None or found.deal_zone:
        return []
    if found.our_batna is None or found.their_batna is None:
        return []
    return [
        DealWarning(
            WarningCode.NO_DEAL_ZONE,
            params={"ours": found.our_batna, "theirs": found.their_batna},
        )
    ]


def _length_warnings(sheet: DealSheet) -> list[DealWarning]:
    """Texts stored before the limits existed: kept and exported, but flagged."""
    found: list[tuple[str, int, int]] = [
        ("title", len(sheet.title), limits.NAME),
        ("account", len(sheet.account), limits.NAME),
    ]
    found += [("term_name", len(t.name), limits.NAME) for t in sheet.terms]
    found += [("unit", len(t.unit), limits.NAME) for t in sheet.terms]
    found += [("person_name", len(p.name), limits.NAME) for p in sheet.stakeholders]
    for entry in sheet.ledger:
        found += [("ledger_text", len(entry.what), limits.SHORT)]
        found += [("ledger_text", len(entry.counterpart), limits.SHORT)]
    for m in sheet.meetings:
        found.append(("meeting_title", len(m.title), limits.SHORT))
        for text in (m.objectives, m.agenda, m.outcome, m.next_steps):
            found.append(("meeting_notes", len(text), limits.LONG))
    found += [("summary", len(i.summary), limits.LONG) for i in sheet.interactions]
    out: list[DealWarning] = []
    seen: set[str] = set()
    for name, length, limit in found:
        if length > limit and name not in seen:
            seen.add(name)
            out.append(
                DealWarning(
                    WarningCode.TEXT_TOO_LONG,
                    params={"field": name, "length": length, "limit": limit},
                )
            )
    return out


def _term_warnings(sheet: DealSheet) -> list[DealWarning]:
    out: list[DealWarning] = []
    for term in sheet.terms:
        if not positions_in_order(term, Side.US):
            out.append(
                DealWarning(
                    WarningCode.POSITIONS_OUT_OF_ORDER, term=term.name, params={"side": "us"}
                )
            )
        if not positions_in_order(term, Side.THEM):
            out.append(
                DealWarning(
                    WarningCode.POSITIONS_OUT_OF_ORDER, term=term.name, params={"side": "them"}
                )
            )
        if has_no_zopa(term):
            assert term.walk_away is not None and term.their_walk_away is not None
            out.append(
                DealWarning(
                    WarningCode.NO_ZOPA,
                    term=term.name,
                    params={"ours": term.walk_away, "theirs": term.their_walk_away},
                )
            )
    out += _batna_value_warnings(sheet)
    weights = [t.weight for t in sheet.terms if t.weight is not None]
    if weights and sum(weights) != 100:
        total = sum(weights, Decimal(0))
        out.append(DealWarning(WarningCode.WEIGHTS_NOT_100, params={"total": total}))
    return out


def _batna_value_warnings(sheet: DealSheet) -> list[DealWarning]:
    """A walk-away worse than the side's own alternative on that term: ours accepts
    less than we can get elsewhere; theirs (as we estimate it) would be refused by them."""
    out = []
    for side, batna, code in (
        (Side.US, sheet.batna_ours, WarningCode.WALK_AWAY_WORSE_THAN_BATNA),
        (Side.THEM, sheet.batna_theirs, WarningCode.THEIR_WALK_AWAY_PAST_BATNA),
    ):
        term = sheet.term(batna.term)
        if term is None or batna.value is None:
            continue
        walk_away = term.positions(side)[2]
        if walk_away is not None and not term.at_least_as_good(walk_away, batna.value, side):
            out.append(
                DealWarning(
                    code, term=term.name, params={"walk_away": walk_away, "batna": batna.value}
                )
            )
    return out


def _offer_warnings(
    sheet: DealSheet,
    scored: list[ScoredOffer],
    batna: Decimal | None,
    their_batna: Decimal | None,
) -> list[DealWarning]:
    out: list[DealWarning] = []
    for item in scored:
        offer = item.offer
        if offer.side is not Side.US:
            out += _contradicted(sheet, offer)
            continue
        if batna is not None and item.score is not None and item.score < batna:
            out.append(
                DealWarning(
                    WarningCode.OFFER_BELOW_BATNA,
                    round=offer.round,
                    params={"score": item.score, "batna": batna},
                )
            )
        if (
            their_batna is not None
            and item.their_score is not None
            and item.their_score < their_batna
        ):
            out.append(
                DealWarning(
                    WarningCode.OFFER_BELOW_THEIR_BATNA,
                    round=offer.round,
                    params={"score": item.their_score, "batna": their_batna},
                )
            )
        for term in sheet.terms:
            value = offer.values.get(term.name)
            if value is not None and term.past_walk_away(value):
                assert term.walk_away is not None
                out.append(
                    DealWarning(
                        WarningCode.CONCESSIONS_PAST_WALK_AWAY,
                        term=term.name,
                        round=offer.round,
                        params={"value": value, "walk_away": term.walk_away},
                    )
                )
    return out


def _contradicted(sheet: DealSheet, offer: Offer) -> list[DealWarning]:
    """An offer of theirs already past their estimated walk-away: the estimate is wrong."""
    out = []
    for term in sheet.terms:
        value = offer.values.get(term.name)
        if value is not None and contradicting(term, value):
            assert term.their_walk_away is not None
            out.append(
                DealWarning(
                    WarningCode.ESTIMATE_CONTRADICTED,
                    term=term.name,
                    round=offer.round,
                    params={"value": value, "walk_away": term.their_walk_away},
                )
            )
    return out


def _ledger_warnings(sheet: DealSheet) -> list[DealWarning]:
    out: list[DealWarning] = []
    entries = sheet.ledger
    for index in unilateral_entries(entries):
        entry = entries[index]
        out.append(
            DealWarning(
                WarningCode.UNILATERAL_CONCESSION,
                term=entry.term,
                entry=index,
                round=entry.round,
                params={"what": entry.what},
            )
        )
    for previous, round_ in growing_rounds(entries):
        out.append(
            DealWarning(
                WarningCode.GROWING_CONCESSIONS, round=round_, params={"previous": previous}
            )
        )
    for index in entries_awaiting_approval(entries):
        entry = entries[index]
        out.append(
            DealWarning(
                WarningCode.NEEDS_APPROVAL,
                term=entry.term,
                entry=index,
                round=entry.round,
                params={"what": entry.what},
            )
        )
    return out
