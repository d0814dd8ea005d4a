"""The deal list: the app's pages, search, counts and positions; the command line's list.

Filtered, sorted and paged by the database, through the deal table's indexes (see
`search_index`), so a page of 100,000 deals comes in a few milliseconds on either
engine. Rows are `DealSummary`s read in short sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import ARRAY, Integer, any_, bindparam, func, literal_column, select
from sqlmodel import Session, col

from salesdesk.domain.listing import CrmFields, DealQuery, DealSummary, SortKey
from salesdesk.domain.stages import (
    DEFAULT_CADENCE,
    ContactState,
    DealStatus,
)
from salesdesk.domain.text import search_key
from salesdesk.store import dialect, search_index
from salesdesk.store import list_rows as list_rows_
from salesdesk.store import tables as t
from salesdesk.store.engine import Database

__all__ = [
    "BROAD_MATCHES",
    "COUNT_CAP",
    "FIRST_PAGE_WALK",
    "NULLABLE_SORTS",
    "count_deals",
    "crm_fields",
    "deal_owners",
    "deal_position",
    "filtered",
    "list_deals",
    "list_order",
    "list_query",
    "list_rows",
    "query_deals",
    "summary",
]

# ---------------------------------------------------------------- the command line's list


def list_deals(
    db: Database, today: date, cadence: Sequence[int] = DEFAULT_CADENCE
) -> list[DealSummary]:
    """Every deal with its contact state, ordered by account then title."""
    with db.reading() as session:
        return list_rows(session, list_query(today), today, cadence)


def list_query(today: date) -> Any:
    """Every deal's list columns with its latest meeting and interaction up to `today`,
    from which `list_rows` computes the exact contact state."""
    last_meeting = (
        select(col(t.Meeting.deal_id), func.max(col(t.Meeting.date)).label("d"))
        .where(col(t.Meeting.date) <= today)
        .group_by(col(t.Meeting.deal_id))
        .subquery()
    )
    last_interaction = (
        select(col(t.Interaction.deal_id), func.max(col(t.Interaction.date)).label("d"))
        .where(col(t.Interaction.date) <= today)
        .group_by(col(t.Interaction.deal_id))
        .subquery()
    )
    return (
        # The list's columns up to last_contact, then the latest meeting and interaction.
        select(*_SUMMARY_COLUMNS[:10], last_meeting.c.d, last_interaction.c.d)
        .join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
        .outerjoin(last_meeting, last_meeting.c.deal_id == col(t.Deal.id))
        .outerjoin(last_interaction, last_interaction.c.deal_id == col(t.Deal.id))
        .order_by(col(t.Account.name_key), col(t.Deal.title), col(t.Deal.id))
    )


def list_rows(
    session: Session, query: Any, today: date, cadence: Sequence[int]
) -> list[DealSummary]:
    """The rows of `list_query`, each with its contact state computed exactly."""
    return [list_rows_.listed(row, today, cadence) for row in session.execute(query)]


# ---------------------------------------------------------------- the app's deal list


def _like_pattern(text: str) -> str:
    escaped = search_key(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filtered(
    query: DealQuery, today: date, indexed: bool = False, matches: Sequence[int] | None = None
) -> Any:
    """The list's rows (`summary` reads them) that `query` keeps, not yet ordered."""
    stmt = select(*_SUMMARY_COLUMNS).join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
    return stmt.where(*_conditions(query, today, indexed, matches))


def _conditions(
    query: DealQuery, today: date, indexed: bool, matches: Sequence[int] | None = None
) -> list[Any]:
    """The list's filters, on the deal table alone. `indexed`: the search's matches are
    taken from SQLite's search index; `matches`: they were found already (on a server,
    through its trigram index: see `_server_matches`)."""
    found: list[Any] = []
    text = search_key(query.text)
    if text and matches is not None:
        # One array parameter, not one per id: a list of 2,000 ids is bound and planned
        # in a fraction of the time (only a server finds matches beforehand).
        found.append(col(t.Deal.id) == any_(bindparam("matches", list(matches), ARRAY(Integer))))
    elif text and len(text) >= search_index.MIN_LENGTH and indexed:
        # Answered from the trigram index rather than by reading every deal.
        found.append(col(t.Deal.id).in_(search_index.matching_ids(text)))
    elif text:
        key: Any = col(t.Deal.search_key)
        if len(text) < search_index.MIN_LENGTH:
            # Short text scans on every database: PostgreSQL's trigram index cannot narrow
            # one or two letters, and the planner would still walk all of it.
            key = key.op("||")("")
        found.append(key.like(_like_pattern(text), escape="\\"))
    if query.stage is not None:
        found.append(col(t.Deal.stage) == query.stage.value)
    if query.phase is not None:
        found.append(col(t.Deal.phase) == query.phase)
    if query.status is not None:
        found.append(col(t.Deal.status) == query.status.value)
    if query.owner is not None:
        found.append(col(t.Deal.owner_role) == query.owner)
    if query.overdue_only:
        found.append(col(t.Deal.status) == DealStatus.OPEN.value)
        found.append(col(t.Deal.next_contact_due) < today)
    return found


def _ordered_ids(
    query: DealQuery,
    today: date,
    indexed: bool,
    *columns: Any,
    matches: Sequence[int] | None = None,
) -> Any:
    """Deal ids (and `columns`) in the list's order, read from the deal table's indexes;
    the account is joined only when the list is sorted by it."""
    stmt = select(col(t.Deal.id), *columns)
    if query.sort is SortKey.ACCOUNT:
        stmt = stmt.join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
    return stmt.where(*_conditions(query, today, indexed, matches))


_SUMMARY_COLUMNS = (
    col(t.Deal.id),
    col(t.Deal.uid),
    col(t.Deal.title),
    col(t.Account.name),
    col(t.Deal.stage),
    col(t.Deal.phase),
    col(t.Deal.status),
    col(t.Deal.value),
    col(t.Deal.currency),
    col(t.Deal.last_contact),
    col(t.Deal.next_contact_due),
    col(t.Deal.sample),
    col(t.Deal.owner_role),
)


def list_order(query: DealQuery) -> list[Any]:
    """The ORDER BY of the list `query` shows."""
    return [key.desc() if descending else key for key, descending in _order_keys(query)]


def _order_keys(query: DealQuery) -> list[tuple[Any, bool]]:
    """The list's order: each key, and whether it is walked in descending order."""
    column: Any = {
        SortKey.TITLE: col(t.Deal.title),
        SortKey.ACCOUNT: col(t.Account.name_key),
        SortKey.STAGE: literal_column(f"({search_index.stage_order('deal.stage')})"),
        SortKey.PHASE: col(t.Deal.phase),
        SortKey.STATUS: col(t.Deal.status),
        SortKey.VALUE: col(t.Deal.value),
        SortKey.NEXT_CONTACT: col(t.Deal.next_contact_due),
        SortKey.OWNER: col(t.Deal.owner_role),
    }[query.sort]
    # Empty values last in either direction, then a stable tie-break on the id. Only the
    # columns that can be empty say so: the others then match their indexes as they are.
    empty_last = [(column.is_(None), False)] if query.sort in NULLABLE_SORTS else []
    return [*empty_last, (column, query.descending), (col(t.Deal.id), query.descending)]


NULLABLE_SORTS = (SortKey.VALUE, SortKey.NEXT_CONTACT)


def summary(row: Any, today: date, contact: ContactState | None = None) -> DealSummary:
    """A deal-list row of `_SUMMARY_COLUMNS`, in that order.

    The contact state is the stored one unless `contact` (computed exactly) is given.
    """
    # By position (sample, then owner_role): reading them by name built a mapping a row.
    return list_rows_.summary(
        row, today, contact, sample=row[11] is not None, owner=str(row[12] or "")
    )


def query_deals(
    db: Database, query: DealQuery, today: date, offset: int = 0, limit: int = 200
) -> list[DealSummary]:
    """One page of the deal list, filtered and sorted by the database."""
    with db.reading() as session:
        if not offset and _walk_first(db, query):
            walked = _first_page_walked(session, query, today, limit)
            if walked is not None:
                return walked
        indexed = _few_matches(session, db, query.text)
        matches = _server_matches(session, db, query.text, BROAD_MATCHES)
        if matches is None and search_key(query.text) and not db.is_sqlite:
            # A broad search: walking the list's order index stops at the page's end. A
            # rep's planner cannot tell, as the row rules hide the search key's statistics
            # from LIKE (it is not leakproof), and would sort every match instead (70-90
            # ms at 100,000 deals, not 3). For this page's statement only.
            dialect.set_local(session, "enable_sort", "off")
        if matches is None and offset:
            stmt = _deep_page(query, today, indexed)
            rows = session.execute(stmt, {"page_offset": offset, "page_limit": limit})
            return [summary(row, today) for row in rows]
        stmt = filtered(query, today, indexed, matches).order_by(*list_order(query))
        if matches is not None:
            # A server's matches are put in order as a page deep in the list is (see
            # `_deep_page`), so only the page's deals are joined to their accounts.
            page = _ordered_ids(query, today, indexed, matches=matches).order_by(*list_order(query))
            stmt = stmt.where(col(t.Deal.id).in_(page.offset(offset).limit(limit)))
        else:
            stmt = stmt.limit(limit)
        return [summary(row, today) for row in session.execute(stmt)]


# The statements of the pages read last, by what they list: the list's thread reads the
# same one again at each page scrolled to, and building it anew (0.3 ms a page) held the
# interpreter's lock from the window's thread while it painted.
_DEEP_PAGES: dict[tuple[DealQuery, date, bool], Any] = {}
_DEEP_PAGES_KEPT = 8


def _deep_page(query: DealQuery, today: date, indexed: bool) -> Any:
    """The statement of a page deep in the list, its offset and limit bound when read:
    the rows before it are skipped on an index alone, then only the page's deals are read
    (2-5 ms at row 50,000 of 100,000, where skipping whole rows took 0.1-0.2 s)."""
    key = (query, today, indexed)
    stmt = _DEEP_PAGES.get(key)
    if stmt is None:
        page = (
            _ordered_ids(query, today, indexed)
            .order_by(*list_order(query))
            .offset(bindparam("page_offset"))
            .limit(bindparam("page_limit"))
        )
        stmt = (
            filtered(query, today, indexed)
            .order_by(*list_order(query))
            .where(col(t.Deal.id).in_(page))
        )
        if len(_DEEP_PAGES) >= _DEEP_PAGES_KEPT:
            _DEEP_PAGES.clear()
        _DEEP_PAGES[key] = stmt
    return stmt


# On a server, the first page of a one- or two-letter search is looked for among this
# many deals in the list's order first: such text is mostly found in many deals, and
# the page is then there at once (one statement), without asking the search function
# (another round trip and a scan of up to BROAD_MATCHES keys: 3-5 ms more at 100,000).
FIRST_PAGE_WALK = 2000


def _walk_first(db: Database, query: DealQuery) -> bool:
    key = search_key(query.text)
    return (
        not db.is_sqlite
        and 0 < len(key) < search_index.MIN_LENGTH
        and query.sort is not SortKey.ACCOUNT  # the walk reads the deal table alone
    )


def _first_page_walked(
    session: Session, query: DealQuery, today: date, limit: int
) -> list[DealSummary] | None:
    """The first page of a short search, when the first FIRST_PAGE_WALK deals in the
    list's order hold a page of matches (None: fewer, so the page is looked for as any
    other). Those deals come off the order's index; the search text is compared as they
    come, and the walk stops at the page's end."""
    from sqlalchemy.sql.util import ClauseAdapter

    rest = replace(query, text="")
    # The order's keys are columns of the walk, so the planner knows its rows come in
    # the page's order and stops once the page is full, instead of sorting the walk.
    keys = _order_keys(rest)
    walked = (
        select(
            t.metadata.tables["deal"], *(k.label(f"order_{i}") for i, (k, _d) in enumerate(keys))
        )
        .where(*_conditions(rest, today, False))
        .order_by(*list_order(rest))
        .limit(FIRST_PAGE_WALK)
        .subquery("deal")  # named as the table: the stage order names `deal.stage`
    )
    adapter = ClauseAdapter(walked)

    def on_walked(expression: Any) -> Any:
        """`expression` on the walked deals instead of the deal table."""
        return adapter.traverse(getattr(expression, "__clause_element__", lambda: expression)())

    order = [
        walked.c[f"order_{i}"].desc() if descending else walked.c[f"order_{i}"]
        for i, (_k, descending) in enumerate(keys)
    ]
    key = walked.c.search_key.op("||")("")  # never the trigram index: one or two letters
    stmt = (
        select(*(on_walked(c) for c in _SUMMARY_COLUMNS))
        .select_from(walked)
        .join(t.Account, col(t.Account.id) == walked.c.account_id)
        .where(key.like(_like_pattern(query.text), escape="\\"))
        .order_by(*order)
        .limit(limit)
    )
    rows = session.execute(stmt).all()
    return [summary(row, today) for row in rows] if len(rows) == limit else None


def deal_position(db: Database, query: DealQuery, today: date, deal_id: int) -> int | None:
    """The deal's row in the list `query` shows (0 first), or None when it is not there."""
    with db.reading() as session:
        indexed = _few_matches(session, db, query.text)
        numbered = _ordered_ids(
            query,
            today,
            indexed,
            func.row_number().over(order_by=list_order(query)).label("row"),
            matches=_server_matches(session, db, query.text, BROAD_MATCHES),
        ).subquery()
        found = session.execute(
            select(numbered.c.row).where(numbered.c.id == deal_id)
        ).scalar_one_or_none()
    return None if found is None else int(found) - 1


# Above this many matches, walking the list in its order and stopping at the page's end
# beats collecting every match from the search index and sorting them.
BROAD_MATCHES = 2000


def _few_matches(session: Session, db: Database, text: str) -> bool:
    """Whether to take the page's matches from SQLite's search index (few of them)."""
    key = search_key(text)
    if not db.is_sqlite or len(key) < search_index.MIN_LENGTH:
        return False
    found = session.execute(search_index.count_matching(key)).scalar_one()
    return int(found) <= BROAD_MATCHES


def _server_matches(session: Session, db: Database, text: str, most: int) -> list[int] | None:
    """On a server, the ids of the deals the search finds when there are at most `most`
    (None: more, no text, or SQLite). Read by a function of the schema through the
    trigram index (few matches) or the index of the keys alone (many, or one or two
    letters), which a rep's row rules would otherwise keep the search from (migrations
    0013, 0014); it stops past `most`, so a broad search is told apart quickly."""
    key = search_key(text)
    if db.is_sqlite or not key:
        return None
    found = session.execute(search_index.server_matching_ids(_like_pattern(key), most + 1))
    # One array: fetched row by row, 2,000 ids took 6-10 ms of Python.
    ids = [int(i) for i in found.scalar_one() or ()]
    return ids if len(ids) <= most else None


def deal_owners(db: Database) -> list[str]:
    """The roles owning the deals the connected user sees (a manager: the team)."""
    stmt = (
        select(col(t.Deal.owner_role))
        .where(col(t.Deal.owner_role) != "")
        .distinct()
        .order_by(col(t.Deal.owner_role))
    )
    with db.reading() as session:
        return [str(r) for r in session.execute(stmt).scalars()]


# The status bar counts a search's matches up to this many: past it, it says "more than
# 1,000", the same on every engine. Counting every match of a broad search reads every
# deal (30-90 ms at 100,000, whichever the engine); stopping past the cap takes a few ms.
COUNT_CAP = 1000


def count_deals(db: Database, query: DealQuery, today: date, cap: int | None = None) -> int:
    """How many deals the list shows for `query`; with `cap`, counting stops once past it
    (then the answer is `cap + 1`: more than `cap`)."""
    key = search_key(query.text)
    text_only = replace(query, text="", sort=DealQuery().sort, descending=False) == DealQuery()
    indexed = db.is_sqlite and len(key) >= search_index.MIN_LENGTH
    with db.reading() as session:
        if not db.is_sqlite and key and text_only:
            # The server's search function counts them (up to the cap): through its
            # indexes, by the row rules, and without a row of them crossing the wire.
            most = None if cap is None else cap + 1
            stmt = search_index.server_count(_like_pattern(key), most)
            return int(session.execute(stmt).scalar_one())
        if not db.is_sqlite and key:
            # With other filters: the few matches it finds are filtered here; past
            # BROAD_MATCHES the deals are read instead.
            matches = _server_matches(session, db, query.text, BROAD_MATCHES)
        else:
            matches = None
        if indexed and text_only and cap is None:
            # SQLite's index counts its own matches, without reading the deals.
            stmt = search_index.count_matching(key)
        else:
            # The deal table alone: every deal has its account; joining changes nothing.
            ids = (
                search_index.matching_ids(key)
                if indexed and text_only
                else select(col(t.Deal.id)).where(*_conditions(query, today, indexed, matches))
            )
            if cap is not None:
                ids = ids.limit(cap + 1)
            stmt = select(func.count()).select_from(ids.subquery())
        return int(session.execute(stmt).scalar_one())


# ---------------------------------------------------------------- the list's CSV export

_CRM_FIELDS_CHUNK = 500  # ids per statement: far below any database's bound-value limit


def crm_fields(db: Database, ids: Sequence[int]) -> dict[int, CrmFields]:
    """The CRM fields of these deals the list does not show (close date, probability,
    the CRM's owner, source), for the list's CSV export."""
    deal = t.metadata.tables["deal"]
    found: dict[int, CrmFields] = {}
    with db.reading() as session:
        for start in range(0, len(ids), _CRM_FIELDS_CHUNK):
            chunk = list(ids[start : start + _CRM_FIELDS_CHUNK])
            rows = session.execute(
                select(
                    deal.c.id,
                    deal.c.close_date,
                    deal.c.probability,
                    deal.c.owner,
                    deal.c.source_system,
                    deal.c.source_id,
                ).where(deal.c.id.in_(chunk))
            )
            for deal_id, close_date, probability, owner, system, source_id in rows:
                found[deal_id] = CrmFields(close_date, probability, owner, system, source_id)
    return found
