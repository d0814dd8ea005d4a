"""Everything the worksheet computes from a deal: ZOPAs, scores, ledger figures, warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from salesdesk.domain import limits
from salesdesk.domain.deal import DealSheet, Offer
from salesdesk.domain.display import format_date
from salesdesk.domain.ledger import (
    LedgerFigures,
    entries_awaiting_approval,
    growing_rounds,
    ledger_figures,
    unilateral_entries,
)
from salesdesk.domain.money import decimal_str
from salesdesk.domain.scoring import package_score
from salesdesk.domain.stages import DEFAULT_CADENCE, ContactState, contact_state
from salesdesk.domain.terms import Side, Zopa, has_no_zopa, positions_in_order, zopa
from salesdesk.i18n import _, language


def num(value: Decimal | None) -> str:
    return "" if value is None else decimal_str(value)


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


@dataclass(frozen=True, slots=True)
class DealWarning:
    code: WarningCode
    message: str
    term: str | None = None
    entry: int | None = None
    round: int | None = None


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
    warnings = [
        *_term_warnings(sheet),
        *_offer_warnings(sheet, scored),
        *_ledger_warnings(sheet),
        *_length_warnings(sheet),
    ]
    if contact.overdue and contact.next_contact_due is not None:
        warnings.append(
            DealWarning(
                WarningCode.CONTACT_OVERDUE,
                _("Contact overdue: the next contact was due on {due}").format(
                    due=format_date(contact.next_contact_due, language())
                ),
            )
        )
    return Analysis(
        contact=contact,
        zopas={t.name: zopa(t) for t in sheet.terms},
        offers=scored,
        figures=ledger_figures(sheet.ledger),
        warnings=warnings,
    )


def _length_warnings(sheet: DealSheet) -> list[DealWarning]:
    """Texts stored before the limits existed: kept and exported, but flagged."""
    found: list[tuple[str, int, int]] = [
        (_("the title"), len(sheet.title), limits.NAME),
        (_("the account"), len(sheet.account), limits.NAME),
    ]
    found += [(_("a term's name"), len(t.name), limits.NAME) for t in sheet.terms]
    found += [(_("a unit"), len(t.unit), limits.NAME) for t in sheet.terms]
    found += [(_("a person's name"), len(p.name), limits.NAME) for p in sheet.stakeholders]
    for entry in sheet.ledger:
        found += [(_("a ledger text"), len(entry.what), limits.SHORT)]
        found += [(_("a ledger text"), len(entry.counterpart), limits.SHORT)]
    for m in sheet.meetings:
        found.append((_("a meeting's title"), len(m.title), limits.SHORT))
        for text in (m.objectives, m.agenda, m.outcome, m.next_steps):
            found.append((_("a meeting's notes"), len(text), limits.LONG))
    found += [
        (_("an interaction's summary"), len(i.summary), limits.LONG) for i in sheet.interactions
    ]
    out: list[DealWarning] = []
    seen: set[str] = set()
    for field, length, limit in found:
        if length > limit and field not in seen:
            seen.add(field)
            out.append(
                DealWarning(
                    WarningCode.TEXT_TOO_LONG,
                    _("{field} is {n} characters long; shorten it to at most {limit}").format(
                        field=field, n=f"{length:,}", limit=f"{limit:,}"
                    ),
                )
            )
    return out


def _term_warnings(sheet: DealSheet) -> list[DealWarning]:
    out: list[DealWarning] = []
    for term in sheet.terms:
        if not positions_in_order(term, Side.US):
            out.append(
                DealWarning(
                    WarningCode.POSITIONS_OUT_OF_ORDER,
                    _("{term}: our opening, target and walk-away are not in order").format(
                        term=term.name
                    ),
                    term=term.name,
                )
            )
        if not positions_in_order(term, Side.THEM):
            out.append(
                DealWarning(
                    WarningCode.POSITIONS_OUT_OF_ORDER,
                    _(
                        "{term}: their estimated opening, target and walk-away are not in order"
                    ).format(term=term.name),
                    term=term.name,
                )
            )
        if has_no_zopa(term):
            out.append(
                DealWarning(
                    WarningCode.NO_ZOPA,
                    _(
                        "{term}: no zone of agreement — our walk-away {ours} and theirs {theirs} "
                        "do not overlap"
                    ).format(
                        term=term.name, ours=num(term.walk_away), theirs=num(term.their_walk_away)
                    ),
                    term=term.name,
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
                _(
                    "{term}: our walk-away {walk_away} is worse than our BATNA ({batna}): "
                    "we would accept less than our alternative"
                ).format(
                    term=batna_term.name,
                    walk_away=num(batna_term.walk_away),
                    batna=num(batna.value),
                ),
                term=batna_term.name,
            )
        )
    weights = [t.weight for t in sheet.terms if t.weight is not None]
    if weights and sum(weights) != 100:
        out.append(
            DealWarning(
                WarningCode.WEIGHTS_NOT_100,
                _("The weights of the terms sum to {total}, not 100").format(total=sum(weights)),
            )
        )
    return out


def _offer_warnings(sheet: DealSheet, scored: list[ScoredOffer]) -> list[DealWarning]:
    out: list[DealWarning] = []
    batna_score = sheet.batna_ours.score
    for item in scored:
        offer = item.offer
        if offer.side is not Side.US:
            continue
        if batna_score is not None and item.score is not None and item.score < batna_score:
            out.append(
                DealWarning(
                    WarningCode.OFFER_BELOW_BATNA,
                    _("Round {round}: our offer scores {score}, below our BATNA's {batna}").format(
                        round=offer.round, score=item.score, batna=batna_score
                    ),
                    round=offer.round,
                )
            )
        for term in sheet.terms:
            value = offer.values.get(term.name)
            if value is not None and term.past_walk_away(value):
                out.append(
                    DealWarning(
                        WarningCode.CONCESSIONS_PAST_WALK_AWAY,
                        _(
                            "Round {round}: our offer of {value} on {term} is past our walk-away "
                            "{walk_away}"
                        ).format(
                            round=offer.round,
                            value=num(value),
                            term=term.name,
                            walk_away=num(term.walk_away),
                        ),
                        term=term.name,
                        round=offer.round,
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
                _("Concession without counterpart: “{what}” — ask for something in return").format(
                    what=entry.what
                ),
                term=entry.term,
                entry=index,
                round=entry.round,
            )
        )
    for previous, round_ in growing_rounds(entries):
        out.append(
            DealWarning(
                WarningCode.GROWING_CONCESSIONS,
                _(
                    "Round {round}: our concessions cost more than in round {previous}; "
                    "they should shrink"
                ).format(round=round_, previous=previous),
                round=round_,
            )
        )
    for index in entries_awaiting_approval(entries):
        entry = entries[index]
        out.append(
            DealWarning(
                WarningCode.NEEDS_APPROVAL,
                _("“{what}” exceeds your authority and is not approved yet").format(
                    what=entry.what
                ),
                term=entry.term,
                entry=index,
                round=entry.round,
            )
        )
    return out
