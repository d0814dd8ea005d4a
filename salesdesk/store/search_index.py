"""The deal list's indexes beyond the models: search (FTS5 trigram) and list order.

The search index, on SQLite, is an FTS5 table with the trigram tokenizer.

A phrase query (`MATCH '"text"'`) finds every key holding the text from the
trigrams instead of scanning every deal, for any text of three characters or more
(a `LIKE` with an `ESCAPE` clause would not reach the index); shorter text falls
back to the scan (few keystrokes, and the first page is found quickly anyway). The
table mirrors `deal.search_key` through triggers, so every writer keeps it in step.
PostgreSQL has a trigram index and a scan index of the same column (see below).
"""

from __future__ import annotations

from typing import Any

from salesdesk.domain.stages import Stage

TABLE = "deal_search"
MIN_LENGTH = 3  # a trigram index cannot answer shorter text

CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "search_key, content='deal', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON deal BEGIN "
    f"INSERT INTO {TABLE}(rowid, search_key) VALUES (new.id, new.search_key); END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON deal BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF search_key ON deal BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); "
    f"INSERT INTO {TABLE}(rowid, search_key) VALUES (new.id, new.search_key); END",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
)
# The list's default order (next contact due, empty ones last): walked in order, a page
# of a broad search stops after its rows instead of sorting every match. An index on
# an expression, which the models cannot declare; created by migration 0004.
ORDER_INDEX = "ix_deal_next_contact_order"
CREATE_ORDER = (
    f"CREATE INDEX {ORDER_INDEX} ON deal ((next_contact_due IS NULL), next_contact_due, id)"
)
DROP_ORDER = f"DROP INDEX {ORDER_INDEX}"
# The list's other orders, each in the direction it is walked, empty values last;
# title and account are served by their own indexes. Created by migration 0005.
SORT_INDEXES = {
    "ix_deal_next_contact_order_desc": "(next_contact_due IS NULL), next_contact_due DESC, id DESC",
    "ix_deal_value_order": "(value IS NULL), value, id",
    "ix_deal_value_order_desc": "(value IS NULL), value DESC, id DESC",
    "ix_deal_phase_order": "phase, id",
    "ix_deal_status_order": "status, id",
}
CREATE_SORTS = tuple(f"CREATE INDEX {name} ON deal ({on})" for name, on in SORT_INDEXES.items())
DROP_SORTS = tuple(f"DROP INDEX {name}" for name in SORT_INDEXES)


def stage_order(column: str) -> str:
    """The stage's place on the path, as SQL with literal values: the list sorts by it,
    and an index can match it (bound parameters would not). Created by migration 0006."""
    cases = " ".join(f"WHEN '{stage.value}' THEN {stage.number}" for stage in Stage)
    return f"CASE {column} {cases} END"


STAGE_INDEX = "ix_deal_stage_order"
CREATE_STAGE = f"CREATE INDEX {STAGE_INDEX} ON deal (({stage_order('stage')}), id)"
DROP_STAGE = f"DROP INDEX {STAGE_INDEX}"

# On PostgreSQL: a trigram index (pg_trgm) that answers LIKE '%text%' on the search key
# for text of MIN_LENGTH characters or more; shorter text scans, as on SQLite (the index
# cannot narrow one or two letters and only slows them). Created by migration 0010 when
# the connecting role may create the extension (PostgreSQL's trusted extensions).
TRIGRAM_INDEX = "ix_deal_search_trgm"
CREATE_TRIGRAM = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON deal USING gin (search_key gin_trgm_ops)",
)
DROP_TRIGRAM = f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}"

# On PostgreSQL: the search keys alone, in a B-tree that a search reads without the
# deals (an index-only scan): what a short or broad search scans, at a fraction of the
# cost of the deal rows, whose key sits behind twenty other columns (30 ms for every key
# instead of 55; 0.6 ms for a broad search's first thousand instead of 2-4). A B-tree
# entry holds at most 2,704 bytes and a key of 700 four-byte characters would not fit:
# keys longer than SCAN_BYTES are left to a second, tiny index. Created by migration 0014.
SCAN_INDEX = "ix_deal_search_scan"
LONG_INDEX = "ix_deal_search_long"
SCAN_BYTES = 2000
CREATE_SCAN = (
    f"CREATE INDEX IF NOT EXISTS {SCAN_INDEX} ON deal (search_key) INCLUDE (id, owner_role) "
    f"WHERE octet_length(search_key) <= {SCAN_BYTES}",
    f"CREATE INDEX IF NOT EXISTS {LONG_INDEX} ON deal (id) "
    f"WHERE octet_length(search_key) > {SCAN_BYTES}",
)
DROP_SCAN = (f"DROP INDEX IF EXISTS {SCAN_INDEX}", f"DROP INDEX IF EXISTS {LONG_INDEX}")

DROP = (
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TABLE IF EXISTS {TABLE}",
)


def is_index_table(name: str | None) -> bool:
    """The FTS table and the shadow tables SQLite keeps for it (not in the models)."""
    return bool(name) and (name == TABLE or str(name).startswith(TABLE + "_"))


def outside_models(name: str | None, kind: str) -> bool:
    """What a comparison of the schema with the models must leave aside (and a team
    server's `deal_bump`, its triggers' own record of the deals each transaction
    advanced, migration 0023)."""
    if kind == "table":
        return is_index_table(name) or name == "deal_bump"
    return kind == "index" and (
        name in (ORDER_INDEX, STAGE_INDEX, TRIGRAM_INDEX, SCAN_INDEX, LONG_INDEX)
        or name in SORT_INDEXES
    )


def phrase(text: str) -> str:
    """An FTS5 phrase for `text`: quoted, so no character of it is query syntax."""
    return '"' + text.replace('"', '""') + '"'


def _matching(text: str, *columns: Any) -> Any:
    from sqlalchemy import bindparam, column, select, table
    from sqlalchemy import text as sql

    index = table(TABLE, column("rowid"))
    condition = sql(f"{TABLE} MATCH :phrase").bindparams(bindparam("phrase", phrase(text)))
    return select(*(c(index) for c in columns)).select_from(index).where(condition)


def matching_ids(text: str) -> Any:
    """`SELECT rowid` of the deals whose search key holds `text`."""
    return _matching(text, lambda index: index.c.rowid)


# On PostgreSQL: the ids of at most `most` deals matching a LIKE pattern, among those the
# session's role sees, found through the trigram index or the scan index even by a rep
# (the row rules keep a rep's own LIKE off both). A function of migrations 0013, 0014.
SERVER_MATCHING = "salesdesk_matching"


def server_matching_ids(pattern: str, most: int) -> Any:
    """The ids of at most `most` deals whose search key is LIKE `pattern`, as one array
    (None when there are none): one row crosses the wire, not one per deal."""
    from sqlalchemy import func, select

    found = func.salesdesk_matching(pattern, most).table_valued("id").render_derived()
    return select(func.array_agg(found.c.id))


def server_count(pattern: str, most: int | None) -> Any:
    """`SELECT count(*)` of the deals whose search key is LIKE `pattern`, counting no
    further than `most` (None: all of them)."""
    from sqlalchemy import Integer, func, literal, select

    found = func.salesdesk_matching(pattern, literal(most, Integer)).table_valued("id")
    return select(func.count()).select_from(found)


def count_matching(text: str) -> Any:
    """`SELECT count(*)` of the deals whose search key holds `text`."""
    from sqlalchemy import func

    return _matching(text, lambda _index: func.count())
