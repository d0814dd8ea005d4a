"""Preferences in JSON (`show --json`, deal packages, `frontier --json`): a term's kind,
options and score points, values that are numbers or option labels, BATNA packages.

Every key here is optional on import: a package written before terms had kinds reads
as numeric terms with whole weights, as it always did.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from salesdesk.domain.deal import Batna
from salesdesk.domain.frontier import DealMap, thinned
from salesdesk.domain.package_search import ScoredPackage
from salesdesk.domain.preferences import check_options, check_points, value_str
from salesdesk.domain.terms import ScorePoint, Term, TermKind, TermOption, Value, Zopa
from salesdesk.i18n import _

if TYPE_CHECKING:
    from salesdesk.interop.json_reader import Reader
    from salesdesk.interop.jsonpos import Path

_CENT = Decimal("0.01")


def score_number(score: Decimal | None) -> int | float | None:
    # Scores are JSON numbers (two decimals): ratios on a 0–100 scale, never money.
    if score is None:
        return None
    return int(score) if score == score.to_integral_value() else float(score)


def value_json(value: Value | None) -> str | None:
    return None if value is None else value_str(value)


def _points(points: list[ScorePoint]) -> list[dict[str, Any]] | None:
    if not points:
        return None
    return [{"value": value_str(p.value), "score": score_number(p.score)} for p in points]


def term_preferences(term: Term, zone: Zopa | None) -> dict[str, Any]:
    """The keys of a term beyond its positions: kind, points, options, ZOPA."""
    if zone is None:
        zopa: dict[str, Any] | None = None
    elif zone.options is not None:
        zopa = {"options": list(zone.options)}
    else:
        zopa = {"low": value_json(zone.low), "high": value_json(zone.high)}
    return {
        "kind": term.kind.value,
        "points": _points(term.points),
        "their_points": _points(term.their_points),
        "options": [
            {
                "label": o.label,
                "score": score_number(o.score),
                "their_score": score_number(o.their_score),
            }
            for o in term.options
        ]
        if term.is_options
        else None,
        "zopa": zopa,
    }


def weight_number(weight: Decimal | None) -> int | float | None:
    return score_number(weight)


def batna_json(b: Batna) -> dict[str, Any]:
    return {
        "description": b.description,
        "value": value_json(b.value),
        "term": b.term,
        "score": score_number(b.score),
        "package": {k: value_str(v) for k, v in b.package.items()} if b.package else None,
    }


def _package(p: ScoredPackage) -> dict[str, Any]:
    return {
        "score": f"{p.score:.2f}",
        "their_score": f"{p.their_score:.2f}",
        "values": {k: value_str(v) for k, v in p.values.items()},
    }


def frontier_to_json(found: DealMap) -> dict[str, Any]:
    """`frontier --json`: at most 40 frontier packages (ends and Nash kept), Nash, zone."""
    flags = dict(zip(map(id, found.frontier), found.in_zone, strict=True))
    return {
        "frontier": [
            {**_package(p), "in_deal_zone": flags.get(id(p), False)}
            for p in thinned(found.frontier, found.nash)
        ],
        "nash": _package(found.nash) if found.nash is not None else None,
        "deal_zone": found.deal_zone,
    }


# ---------------------------------------------------------------- reading


def read_weight(r: Reader, obj: dict[str, Any], key: str, path: Path) -> Decimal | None:
    """A weight: 0–100 with two decimals at most (whole numbers in older packages)."""
    value = r.decimal(obj, key, path)
    if value is None:
        return None
    if not Decimal(0) <= value <= Decimal(100) or value != value.quantize(_CENT):
        r.fail((*path, key), _("a weight is a number from 0 to 100 with two decimals at most"))
        return None
    return value


def _read_points(r: Reader, obj: dict[str, Any], key: str, path: Path) -> list[ScorePoint]:
    out = []
    for where, raw in r.items(obj, key, path):
        item = r.obj(raw, where)
        if item is None:
            continue
        value, score = r.decimal(item, "value", where), r.decimal(item, "score", where)
        if value is None or score is None:
            r.fail(where, _("a score point needs a value and a score"))
            continue
        out.append(ScorePoint(value, score))
    try:
        check_points(out, key)
    except Exception as exc:  # InputError: said at the list's place
        r.fail((*path, key), str(getattr(exc, "message", exc)))
        return []
    return out


def _read_options(r: Reader, obj: dict[str, Any], path: Path) -> list[TermOption]:
    out = []
    for where, raw in r.items(obj, "options", path):
        item = r.obj(raw, where)
        if item is None:
            continue
        label = r.text(item, "label", where, required=True).strip()
        score, theirs = r.decimal(item, "score", where), r.decimal(item, "their_score", where)
        if score is None or theirs is None:
            r.fail(where, _("an option needs a score and their score"))
            continue
        out.append(TermOption(label, score, theirs))
    try:
        check_options(out)
    except Exception as exc:  # InputError: said at the list's place
        r.fail((*path, "options"), str(getattr(exc, "message", exc)))
        return []
    return out


def read_term_preferences(r: Reader, obj: dict[str, Any], path: Path) -> dict[str, Any]:
    """Term() keyword arguments for kind, options and points."""
    kind = r.choice(obj, "kind", path, TermKind, TermKind.NUMERIC) or TermKind.NUMERIC
    return {
        "kind": kind,
        "options": _read_options(r, obj, path) if kind is TermKind.OPTIONS else [],
        "points": _read_points(r, obj, "points", path),
        "their_points": _read_points(r, obj, "their_points", path),
    }


def read_value(
    r: Reader, parent: dict[str, Any], key: str, path: Path, term: Term | None
) -> Value | None:
    """A value of `term`: one of its option labels, or a number."""
    if term is None or not term.is_options:
        return r.decimal(parent, key, path)
    raw = parent.get(key)
    if raw is None:
        return None
    if not isinstance(raw, str) or term.option(raw) is None:
        r.fail(
            (*path, key),
            _("{value} is not one of the options of {term}").format(
                value=raw if isinstance(raw, str) else repr(raw), term=term.name
            ),
        )
        return None
    return raw


def read_batna_package(
    r: Reader, obj: dict[str, Any], path: Path, terms: dict[str, Term]
) -> dict[str, Value] | None:
    raw = r.obj(obj.get("package"), (*path, "package"))
    if raw is None:
        return None
    out: dict[str, Value] = {}
    for name in raw:
        if name not in terms:
            r.fail(
                (*path, "package", name),
                _("the term {name} is not defined in this package").format(name=name),
            )
            continue
        value = read_value(r, raw, name, (*path, "package"), terms[name])
        if value is not None:
            out[name] = value
    return out or None
