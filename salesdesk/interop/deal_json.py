"""The deal as JSON, the `show --json` object of DESIGN.md: money and measures as decimal
strings, dates ISO, scores and weights as numbers. The package writer adds to it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import DealSheet, Source
from salesdesk.domain.money import decimal_str, money_str
from salesdesk.domain.preferences import value_str
from salesdesk.domain.review import review
from salesdesk.domain.terms import POSITION_FIELDS, step_of
from salesdesk.i18n import language
from salesdesk.interop.loop_json import review_json
from salesdesk.interop.preferences_json import (
    batna_json,
    score_number,
    term_preferences,
    value_json,
    weight_number,
)
from salesdesk.warning_text import warning_message


def deal_to_json(sheet: DealSheet, analysis: Analysis) -> dict[str, Any]:
    """The `show --json` object of DESIGN.md."""
    cur = sheet.currency

    def money(value: Decimal | None) -> str | None:
        return None if value is None else money_str(value, cur)

    terms = []
    for term in sheet.terms:
        zopa = analysis.zopas.get(term.name)
        terms.append(
            {
                "name": term.name,
                "unit": term.unit,
                "direction": term.direction.value,
                "weight": weight_number(term.weight),
                "their_weight": weight_number(term.their_weight),
                **{name: value_json(getattr(term, name)) for name in POSITION_FIELDS},
                "step": decimal_str(step_of(term)),
                **term_preferences(term, zopa),
            }
        )
    entries = []
    for e in sheet.ledger:
        item: dict[str, Any] = {
            "giver": e.giver.value,
            "term": e.term,
            "what": e.what,
            "cost": money(e.cost),
            "value": money(e.value),
            "counterpart": e.counterpart,
            "counterpart_value": money(e.counterpart_value),
            "counterpart_cost": money(e.counterpart_cost),
            "status": e.status.value,
            "round": e.round,
            "needs_approval": e.needs_approval,
            "approved": e.approved,
        }
        if e.approved_by:
            item["approved_by"] = e.approved_by
        if e.approved_at:
            item["approved_at"] = stamp_text(e.approved_at)
        entries.append(item)
    figures = analysis.figures
    data: dict[str, Any] = {
        "id": sheet.id,
        "version": sheet.version,
        "title": sheet.title,
        "account": sheet.account,
        "currency": cur,
        "value": money(sheet.value),
        "status": sheet.status.value,
        "stage": sheet.stage.value,
        "phase": sheet.phase,
        "close_date": iso(sheet.close_date),
        "probability": sheet.probability,
        "owner": sheet.owner,
        **({"customer_language": sheet.customer_language} if sheet.customer_language else {}),
        "source": source_json(sheet.source) if sheet.source else None,
        "last_contact": iso(analysis.contact.last_contact),
        "next_contact_due": iso(analysis.contact.next_contact_due),
        "overdue": analysis.contact.overdue,
        "batna": {"ours": batna_json(sheet.batna_ours), "theirs": batna_json(sheet.batna_theirs)},
        "terms": terms,
        "offers": [
            {
                "side": s.offer.side.value,
                "round": s.offer.round,
                "values": {k: value_str(v) for k, v in s.offer.values.items()},
                "score": score_number(s.score),
                "their_score": score_number(s.their_score),
                "left_on_table": score_number(s.left_on_table),
            }
            for s in analysis.offers
        ],
        "ledger": {
            "entries": entries,
            "given_cost": money_str(figures.given_cost, cur),
            "received_value": money_str(figures.received_value, cur),
            "balance": money_str(figures.balance, cur),
        },
        "warnings": [
            {
                "code": w.code.value,
                "term": w.term,
                "entry": w.entry,
                "round": w.round,
                "message": warning_message(w, language()),
            }
            for w in analysis.warnings
        ],
    }
    # Optional keys: only a deal closed with a reason or against a competitor has them.
    for key in ("lost_reason", "competitor"):
        if getattr(sheet, key):
            data[key] = getattr(sheet, key)
    data["review"] = review_json(review(sheet, analysis), cur)
    return data


def stamp_text(moment: datetime) -> str:
    """A moment as ISO 8601 with its fraction of a second and its offset: lossless, so a
    server's stamp read back from a package is the same stamp (a naive one is UTC, as
    the databases keep them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def source_json(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"system": source.system, "id": source.id, "stage": source.stage}
    if source.details:
        out["details"] = dict(sorted(source.details.items()))
    return out
