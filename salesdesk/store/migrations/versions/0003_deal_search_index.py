"""deal search index (SQLite FTS5, trigram)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from alembic import op

# The search index as this revision made it, written out so that it stays as it was.
CREATE = (
    "CREATE VIRTUAL TABLE deal_search USING fts5("
    "search_key, content='deal', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER deal_search_insert AFTER INSERT ON deal BEGIN "
    "INSERT INTO deal_search(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER deal_search_delete AFTER DELETE ON deal BEGIN "
    "INSERT INTO deal_search(deal_search, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER deal_search_update AFTER UPDATE OF search_key ON deal BEGIN "
    "INSERT INTO deal_search(deal_search, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO deal_search(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO deal_search(deal_search) VALUES ('rebuild')",
)
DROP = (
    "DROP TRIGGER IF EXISTS deal_search_update",
    "DROP TRIGGER IF EXISTS deal_search_delete",
    "DROP TRIGGER IF EXISTS deal_search_insert",
    "DROP TABLE IF EXISTS deal_search",
)

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in CREATE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in DROP:
        op.execute(statement)
