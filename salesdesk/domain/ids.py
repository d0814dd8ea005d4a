"""Stable identifiers: every deal and every row of a deal keeps its own for life.

A child row (term, offer, ledger entry, person, meeting, interaction) gets its uid
when it is made, so a save can tell an edited row from a new one, a rename from a
removal, and a package or a sync can find the same row in another database.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

T = TypeVar("T")


def new_uid() -> str:
    return str(uuid.uuid4())


def with_uid(row: T, uid: str | None) -> T:
    """`row` keeping a uid it already had (read from a database or a package)."""
    if uid:
        row.uid = uid  # type: ignore[attr-defined]
    return row
