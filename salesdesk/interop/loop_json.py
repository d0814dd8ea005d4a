"""After the meeting, in JSON: `counterpart --json`, `next-offer --json`, the rehearsal's
replies (JSON lines), a closed deal's `"review"` in `show --json`, and reading our
offers from the rehearsal's input lines.

Scores and weights are JSON numbers (as in `show --json`), values decimal strings on
their steps or option labels.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from salesdesk.domain.analysis import ScoredOffer
from salesdesk.domain.counterpart import Reading
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import money_str, to_decimal
from salesdesk.domain.next_offer import NextOffer
from salesdesk.domain.package_search import ScoredPackage
from salesdesk.domain.preferences import value_str
from salesdesk.domain.rehearsal import Reply
from salesdesk.domain.review import Review
from salesdesk.domain.terms import Term, Value
from salesdesk.i18n import _
from salesdesk.interop.preferences_json import score_number, value_json, weight_number


def _values(values: Mapping[str, Value] | None) -> dict[str, str] | None:
    return None if values is None else {k: value_str(v) for k, v in values.items()}


def counterpart_json(reading: Reading) -> dict[str, Any]:
    """`{"offers": N, "weights": {"<term>": number}, "walk_away": {"<term>": value | null}}`."""
    return {
        "offers": reading.offers,
        "weights": {t.term: weight_number(t.weight) for t in reading.terms},
        "walk_away": {t.term: value_json(t.walk_away) for t in reading.terms},
    }


def next_offer_json(offer: NextOffer) -> dict[str, Any]:
    """`{"round", "score", "their_score", "values", "concession"}`."""
    return {
        "round": offer.round,
        "score": score_number(offer.package.score),
        "their_score": score_number(offer.package.their_score),
        "values": _values(offer.values),
        "concession": score_number(offer.concession),
    }


def reply_json(reply: Reply) -> dict[str, Any]:
    """`{"round", "action", "values", "score", "their_score", "aspiration"}`."""
    return {
        "round": reply.round,
        "action": reply.action.value,
        "values": _values(reply.values),
        "score": score_number(reply.score),
        "their_score": score_number(reply.their_score),
        "aspiration": score_number(reply.aspiration),
    }


def read_offer_line(line: str, terms: Sequence[Term]) -> dict[str, Value]:
    """One line of the rehearsal's input, `{"values": {"<term>": value}}`: numbers as
    JSON numbers or decimal strings, options as their labels. Raises InputError naming
    the term (the caller names the line)."""

    def fail(reason: str) -> InputError:
        return InputError(reason)

    try:
        data = json.loads(line, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise fail(_("not JSON ({reason})").format(reason=exc.msg)) from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        raise fail(_('expected an object like {"values": {"<term>": value}}'))
    by_name = {t.name: t for t in terms}
    out: dict[str, Value] = {}
    for name, raw in data["values"].items():
        term = by_name.get(name)
        if term is None:
            raise fail(_("there is no term called {term!r}").format(term=name))
        if term.is_options:
            if not isinstance(raw, str) or term.option(raw) is None:
                labels = ", ".join(o.label for o in term.options)
                raise fail(_("{term}: choose one of {labels}").format(term=name, labels=labels))
            out[name] = raw
            continue
        if isinstance(raw, bool) or not isinstance(raw, int | Decimal | str):
            raise fail(_("{term}: expected a number").format(term=name))
        try:
            out[name] = to_decimal(raw, name)
        except InputError as exc:
            raise fail(f"{name}: {exc.message}") from None
    return out


def _scored(item: ScoredOffer | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "side": item.offer.side.value,
        "round": item.offer.round,
        "values": _values(item.offer.values),
        "score": score_number(item.score),
        "their_score": score_number(item.their_score),
    }


def _package(p: ScoredPackage | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "score": score_number(p.score),
        "their_score": score_number(p.their_score),
        "values": _values(p.values),
    }


def review_json(review: Review | None, currency: str) -> dict[str, Any] | None:
    """A closed deal's review (null while it is open)."""
    if review is None:
        return None
    f = review.figures
    return {
        "status": review.status.value,
        "agreed": _scored(review.agreed),
        "last_offers": {"us": _scored(review.ours_last), "them": _scored(review.theirs_last)},
        "target_score": score_number(review.target_score),
        "batna": {
            "ours": score_number(review.batna_score),
            "theirs": score_number(review.their_batna_score),
        },
        "nash": _package(review.nash),
        "deal_zone": review.deal_zone,
        "left_on_table": None
        if review.left_for_us is None
        else {
            "for_us": score_number(review.left_for_us),
            "for_them": score_number(review.left_for_them),
        },
        "given_cost": money_str(f.given_cost, currency),
        "received_value": money_str(f.received_value, currency),
        "balance": money_str(f.balance, currency),
        "lost_reason": review.lost_reason or None,
        "competitor": review.competitor or None,
    }
