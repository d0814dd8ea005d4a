"""The deal list's first page, read from a SQLite file before the store is imported.

At start the window shows its list rows in the time of a bare Qt window: the page is
read here with the standard library's `sqlite3`, one statement, no SQLAlchemy, SQLModel
nor Alembic (their import alone takes most of a second). The store is opened next, as
usual, and reads the same page again; it alone migrates, checks and writes.

Anything this reader is unsure of answers None, and the list then waits for the store:
a file at another schema revision (migrations to run), a search or a filter (never at
start), a value the list could not show. `tests/store/test_first_page.py` holds it to
`query_deals`, row for row, in every order.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from salesdesk.domain.listing import DealQuery, DealSummary, SortKey
from salesdesk.domain.money import MAX_SCALE, tidy
from salesdesk.store.errors import Damaged
from salesdesk.store.list_rows import summary
from salesdesk.store.migrate import SCHEMA_HEAD
from salesdesk.store.search_index import stage_order

HEADER = b"SQLite format 3\x00"
# The list's order by each key, as `deal_list._order_keys` has it: the key, whether
# empty values go last first, then the id as tie-break.
_ORDER = {
    SortKey.TITLE: ("deal.title", False),
    SortKey.ACCOUNT: ("account.name_key", False),
    SortKey.STAGE: (f"({stage_order('deal.stage')})", False),
    SortKey.PHASE: ("deal.phase", False),
    SortKey.STATUS: ("deal.status", False),
    SortKey.VALUE: ("deal.value", True),
    SortKey.NEXT_CONTACT: ("deal.next_contact_due", True),
    SortKey.OWNER: ("deal.owner_role", False),
}
_COLUMNS = (
    "deal.id, deal.uid, deal.title, account.name, deal.stage, deal.phase, deal.status, "
    "deal.value, deal.currency, deal.last_contact, deal.next_contact_due, deal.sample, "
    "deal.owner_role"
)


def _statement(query: DealQuery) -> str:
    key, nullable = _ORDER[query.sort]
    way = " DESC" if query.descending else ""
    order = [f"{key} IS NULL"] if nullable else []
    order += [f"{key}{way}", f"deal.id{way}"]
    return (
        f"SELECT {_COLUMNS} FROM deal JOIN account ON account.id = deal.account_id "
        f"ORDER BY {', '.join(order)} LIMIT ?"
    )


def unfiltered(query: DealQuery) -> bool:
    """Whether `query` lists every deal (in any order): the only list read here."""
    return (
        not query.text
        and query.stage is None
        and query.phase is None
        and query.status is None
        and query.owner is None
        and not query.overdue_only
    )


def first_page(path: Path, query: DealQuery, today: date, limit: int) -> list[DealSummary] | None:
    """The first `limit` rows the list shows for `query`, read from the SQLite file at
    `path`; None when the store must answer (see the module's description)."""
    if not unfiltered(query):
        return None
    try:
        with path.open("rb") as file:
            if file.read(len(HEADER)) != HEADER:
                return None
        # Read and write, not created: a read-only open of a file in WAL mode can fail
        # where the store's own open succeeds. Nothing is written here.
        uri = f"file:{quote(str(path.resolve()))}?mode=rw"
        connection = sqlite3.connect(uri, uri=True, timeout=0.2)
        try:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if found != [(SCHEMA_HEAD,)]:
                return None
            rows = connection.execute(_statement(query), (limit,)).fetchall()
        finally:
            connection.close()
        return [_summary(row, today) for row in rows]
    except (OSError, sqlite3.Error, ValueError, TypeError, Damaged):
        return None


def _summary(row: tuple[object, ...], today: date) -> DealSummary:
    """The row as the store's list makes it (`list_rows.summary`), from its stored form;
    Damaged or ValueError for what the list could not show."""
    value, last, due = row[7], row[9], row[10]
    stored = (
        *row[:7],
        None if value is None else tidy(Decimal(int(str(value))).scaleb(-MAX_SCALE)),
        row[8],
        None if last is None else date.fromisoformat(str(last)),
        None if due is None else date.fromisoformat(str(due)),
    )
    return summary(stored, today, sample=row[11] is not None, owner=str(row[12] or ""))
