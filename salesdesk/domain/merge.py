"""Merging a rep's edits with a newer version of the same deal saved by someone else.

`base` is the deal as the rep started editing it, `mine` as it is now on the rep's
screen, `theirs` the newer version in the database. Every change the rep made is
carried onto `theirs`; a field both changed to different values is a `Clash` the rep
decides (theirs or mine). A field only they changed keeps their value: nothing of
theirs is reverted by an edit that did not touch it.

Rows are matched by their stable uid, fields compared one by one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from dataclasses import dataclass, fields
from typing import Any

from salesdesk.domain.deal import DealSheet

# The deal's own fields merged one by one; lists of rows are merged row by row.
DEAL_FIELDS = (
    "title",
    "account",
    "currency",
    "value",
    "status",
    "stage",
    "phase",
    "close_date",
    "probability",
    "owner",
    "source",
    "last_contact",
    "lost_reason",
    "competitor",
    "batna_ours",
    "batna_theirs",
    "checklist",
    "customer_language",
)
ROW_LISTS = ("terms", "offers", "ledger", "stakeholders", "meetings", "interactions")
# A row's fields that point at the deal's people (by uid).
PEOPLE_FIELDS = ("attendees", "introduced_by")
# A row that one side removed and the other changed.
EXISTS = "exists"


@dataclass(frozen=True, slots=True)
class Clash:
    """One field both sides changed: `rows` names the list (None: the deal itself),
    `uid` the row, `field` the field (EXISTS: one removed the row, the other changed it)."""

    rows: str | None
    uid: str | None
    field: str
    row_name: str
    mine: Any
    theirs: Any

    @property
    def key(self) -> tuple[str | None, str | None, str]:
        return (self.rows, self.uid, self.field)


def _row_fields(row: Any) -> list[str]:
    """The fields a person edits (not a row's uid, nor a meeting's calendar sequence,
    which the store raises itself)."""
    return [f.name for f in fields(row) if f.compare]


def row_name(row: Any) -> str:
    """How a row is named to the rep: a term or person by name, others by what they hold."""
    for attr in ("name", "what", "title", "summary"):
        value = getattr(row, attr, None)
        if value:
            return str(value)
    for attr in ("date", "round"):
        value = getattr(row, attr, None)
        if value is not None:
            return str(value)
    return ""


def merge(
    base: DealSheet,
    mine: DealSheet,
    theirs: DealSheet,
    mine_wins: Callable[[Clash], bool] | Collection[tuple[str | None, str | None, str]] = (),
) -> tuple[DealSheet, list[Clash]]:
    """`theirs` with every change of `mine` since `base`; clashes resolved by `mine_wins`
    (a predicate or the keys of the clashes to settle in favour of mine).

    Returns the merged sheet (carrying `theirs`' version) and every clash met.
    """
    if callable(mine_wins):
        wins = mine_wins
    else:
        keys = set(mine_wins)

        def wins(clash: Clash) -> bool:
            return clash.key in keys

    out = copy.deepcopy(theirs)
    clashes: list[Clash] = []
    for name in DEAL_FIELDS:
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if m in (b, t):
            continue
        if t != b:
            clash = Clash(None, None, name, "", m, t)
            clashes.append(clash)
            if not wins(clash):
                continue
        setattr(out, name, copy.deepcopy(m))
    for rows in ROW_LISTS:
        setattr(out, rows, _merge_rows(rows, base, mine, theirs, wins, clashes))
    return out, clashes


def _merge_rows(
    rows: str,
    base: DealSheet,
    mine: DealSheet,
    theirs: DealSheet,
    wins: Callable[[Clash], bool],
    clashes: list[Clash],
) -> list[Any]:
    b_rows = {r.uid: r for r in getattr(base, rows)}
    m_rows = {r.uid: r for r in getattr(mine, rows)}
    merged = [copy.deepcopy(r) for r in getattr(theirs, rows)]
    t_rows = {r.uid: r for r in merged}
    for uid, b in b_rows.items():
        m, t = m_rows.get(uid), t_rows.get(uid)
        if m is None:
            # Removed here: removed there too, unless they changed it meanwhile.
            if t is None:
                continue
            if t != b:
                clash = Clash(rows, uid, EXISTS, row_name(t), None, t)
                clashes.append(clash)
                if not wins(clash):
                    continue
            merged = [r for r in merged if r.uid != uid]
            continue
        if m == b:
            continue
        if t is None:
            # Changed here, removed there.
            clash = Clash(rows, uid, EXISTS, row_name(m), m, None)
            clashes.append(clash)
            if wins(clash):
                merged.append(copy.deepcopy(m))
            continue
        for name in _row_fields(b):
            bv, mv, tv = getattr(b, name), getattr(m, name), getattr(t, name)
            if mv in (bv, tv):
                continue
            if tv != bv:
                clash = Clash(
                    rows,
                    uid,
                    name,
                    row_name(m),
                    _shown(name, mv, mine),
                    _shown(name, tv, theirs),
                )
                clashes.append(clash)
                if not wins(clash):
                    continue
            setattr(t, name, copy.deepcopy(mv))
    # Rows added here, in the place they have on the rep's screen.
    order = [r.uid for r in getattr(mine, rows)]
    for uid, m in m_rows.items():
        if uid in b_rows or uid in t_rows:
            continue
        at = order.index(uid)
        before = {u for u in order[:at]}
        place = max((i + 1 for i, r in enumerate(merged) if r.uid in before), default=0)
        merged.insert(place, copy.deepcopy(m))
    return merged


def _shown(field: str, value: Any, sheet: DealSheet) -> Any:
    """A clash's value as the rep reads it: people (attendees, an introducer) by their
    label in that version of the deal, not by uid."""
    if field not in PEOPLE_FIELDS:
        return value
    labels = sheet.labels()
    if isinstance(value, list):
        return [labels.get(uid, "?") for uid in value]
    return labels.get(value, "?") if value else value
