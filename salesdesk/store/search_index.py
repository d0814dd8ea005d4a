"""The deal list's search index on SQLite: an FTS5 table with the trigram tokenizer.

`LIKE '%text%'` on the index's column is answered from the trigrams instead of
scanning every deal, for any text of three characters or more; shorter text falls
back to the scan (few keystrokes, and the first page is found quickly anyway). The
table mirrors `deal.search_key` through triggers, so every writer keeps it in step.
Other databases (PostgreSQL) search the column directly.
"""

from __future__ import annotations

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
DROP = (
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TABLE IF EXISTS {TABLE}",
)


def is_index_table(name: str | None) -> bool:
    """The FTS table and the shadow tables SQLite keeps for it (not in the models)."""
    return bool(name) and (name == TABLE or str(name).startswith(TABLE + "_"))
