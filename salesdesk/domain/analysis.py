"""Everything the worksheet computes from a deal: ZOPAs, scores, ledger figures, warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from salesdesk.domain import limits
from salesdesk.domain.deal import DealSheet, Offer
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
    WEIGHTS_NOT_100 = "weights_not_100"
    OFFER_BELOW_BATNA = "offer_below_batna"
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


@dataclass(frozen=True, slots=True)
class Analysis:
    contact: ContactState
    zopas: dict[str, Zopa | None]
    offers: list[ScoredOffer]
    figures: LedgerFigures
    warnings: list[DealWarning]
    # Our target's score (the mark "at target"), and our BATNA's (typed or from its value).
    target_score: Decimal | None = None
    batna_score: Decimal | None = None

    def codes(self) -> set[str]:
        return {w.code.value for w in self.warnings}


def analyse(sheet: DealSheet, today: date, cadence: Sequence[int] = DEFAULT_CADENCE) -> Analysis:
    scored = [
        ScoredOffer(
            offer,
            package_score(sheet.terms, offer.values, Side.US),
            package_score(sheet.terms, offer.values, Side.THEM),
        )
        for offer in sheet.offers
    ]
    contact = contact_state(
        recorded=sheet.last_contact,
        events=sheet.contact_events(),
        phase=sheet.phase,
        status=sheet.status,
        today=today,
        cadence=cadence,
    )
    our_batna = batna_score(sheet.batna_ours, sheet.terms)
    warnings = [
        *_term_warnings(sheet),
        *_offer_warnings(sheet, scored, our_batna),
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
    )


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
    batna = sheet.batna_ours
    batna_term = sheet.term(batna.term)
    if (
        batna_term is not None
        and batna.value is not None
        and batna_term.walk_away is not None
        and not batna_term.at_least_as_good(batna_term.walk_away, batna.value)
    ):
        out.append(
            DealWarning(
                WarningCode.WALK_AWAY_WORSE_THAN_BATNA,
                term=batna_term.name,
                params={"walk_away": batna_term.walk_away, "batna": batna.value},
            )
        )
    weights = [t.weight for t in sheet.terms if t.weight is not None]
    if weights and sum(weights) != 100:
        out.append(DealWarning(WarningCode.WEIGHTS_NOT_100, params={"total": sum(weights)}))
    return out


def _offer_warnings(
    sheet: DealSheet, scored: list[ScoredOffer], batna: Decimal | None
) -> list[DealWarning]:
    out: list[DealWarning] = []
    for item in scored:
        offer = item.offer
        if offer.side is not Side.US:
            continue
        if batna is not None and item.score is not None and item.score < batna:
            out.append(
                DealWarning(
                    WarningCode.OFFER_BELOW_BATNA,
                    round=offer.round,
                    params={"score": item.score, "batna": batna},
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
