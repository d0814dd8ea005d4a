"""Storing preferences: an option term's choices, score points, BATNA packages, and the
values of option terms (positions, offers, BATNAs) as their option's number.

An option term's value is kept in the same exact-decimal columns as a number: the
`position` of its option in `term_option` (0, 1, 2…). Every save writes the options
and the values together, from the labels, so the numbers always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session, col

from salesdesk.domain.terms import POSITION_FIELDS, ScorePoint, Side, Term, TermOption, Value
from salesdesk.store import tables as t
from salesdesk.store.values import decode, encode

__all__ = [
    "decode",
    "encode",
    "load_batna_packages",
    "load_term_preferences",
    "save_batna_package",
    "save_term_preferences",
    "term_columns",
]


def term_columns(term: Term) -> dict[str, Any]:
    """The term row's kind and positions (labels as option numbers)."""
    return {
        "kind": term.kind.value,
        **{name: encode(term, getattr(term, name)) for name in POSITION_FIELDS},
    }


def save_term_preferences(session: Session, terms: Sequence[Term], ids: Mapping[str, int]) -> None:
    """Make each term's options and score points those of the sheet (rewritten only for
    the terms whose stored ones differ)."""
    stored = load_term_preferences(session, list(ids.values()))
    for term in terms:
        term_id = ids[term.uid]
        options = term.options if term.is_options else []
        now = (options, term.points, term.their_points)
        if stored.get(term_id, ([], [], [])) == now:
            continue
        session.execute(delete(t.TermOption).where(t.TermOption.term_id == term_id))  # type: ignore[arg-type]
        session.execute(delete(t.TermPoint).where(t.TermPoint.term_id == term_id))  # type: ignore[arg-type]
        if options:
            session.execute(
                insert(t.TermOption),
                [
                    {
                        "term_id": term_id,
                        "position": i,
                        "label": o.label,
                        "score": o.score,
                        "their_score": o.their_score,
                    }
                    for i, o in enumerate(options)
                ],
            )
        points = [("us", term.points), ("them", term.their_points)]
        rows = [
            {"term_id": term_id, "side": side, "position": i, "value": p.value, "score": p.score}
            for side, side_points in points
            for i, p in enumerate(side_points)
        ]
        if rows:
            session.execute(insert(t.TermPoint), rows)


def load_term_preferences(
    session: Session, term_ids: Sequence[int]
) -> dict[int, tuple[list[TermOption], list[ScorePoint], list[ScorePoint]]]:
    """Per term id: its options and its score points (ours, theirs), in order."""
    out: dict[int, tuple[list[TermOption], list[ScorePoint], list[ScorePoint]]] = {}
    if not term_ids:
        return out
    for row in session.execute(
        select(t.TermOption)
        .where(t.TermOption.term_id.in_(term_ids))  # type: ignore[union-attr]
        .order_by(t.TermOption.term_id, t.TermOption.position)  # type: ignore[arg-type]
    ).scalars():
        assert row.term_id is not None
        out.setdefault(row.term_id, ([], [], []))[0].append(
            TermOption(row.label, row.score, row.their_score)
        )
    for point in session.execute(
        select(t.TermPoint)
        .where(t.TermPoint.term_id.in_(term_ids))  # type: ignore[union-attr]
        .order_by(t.TermPoint.term_id, t.TermPoint.side, t.TermPoint.position)  # type: ignore[arg-type]
    ).scalars():
        assert point.term_id is not None
        lists = out.setdefault(point.term_id, ([], [], []))
        (lists[1] if point.side == Side.US.value else lists[2]).append(
            ScorePoint(point.value, point.score)
        )
    return out


def save_batna_package(
    session: Session,
    batna_id: int,
    package: Mapping[str, Value] | None,
    terms: Mapping[str, Term],
    term_ids: Mapping[str, int],
) -> None:
    """Make the BATNA's package values those given (all rewritten when they differ)."""
    wanted = {
        term_ids[name]: figure
        for name, value in (package or {}).items()
        if name in term_ids and (figure := encode(terms.get(name), value)) is not None
    }
    stored = {
        row.term_id: row.value
        for row in session.execute(
            select(t.BatnaValue).where(t.BatnaValue.batna_id == batna_id)  # type: ignore[arg-type]
        ).scalars()
    }
    if stored == wanted:
        return
    session.execute(delete(t.BatnaValue).where(t.BatnaValue.batna_id == batna_id))  # type: ignore[arg-type]
    if wanted:
        session.execute(
            insert(t.BatnaValue),
            [{"batna_id": batna_id, "term_id": k, "value": v} for k, v in wanted.items()],
        )


def load_batna_packages(
    session: Session, deal_id: int, terms: Mapping[int, Term]
) -> dict[int, dict[str, Value]]:
    """Per BATNA id of the deal: its package (values in the worksheet's term order)."""
    out: dict[int, dict[str, Value]] = {}
    rows = session.execute(
        select(col(t.BatnaValue.batna_id), col(t.BatnaValue.term_id), col(t.BatnaValue.value))
        .join(t.Batna, col(t.Batna.id) == col(t.BatnaValue.batna_id))
        .where(col(t.Batna.deal_id) == deal_id)
    ).all()
    order = {term_id: i for i, term_id in enumerate(terms)}
    for batna_id, term_id, stored in sorted(rows, key=lambda r: order.get(r[1], 0)):
        term = terms.get(term_id)
        value = decode(term, stored)
        if term is not None and value is not None:
            out.setdefault(batna_id, {})[term.name] = value
    return out
