"""deal versions, stable row uids, the database's own id, PostgreSQL's trigram search

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-30
"""

import logging
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

DEAL_ROWS = ("term", "ledger_entry", "offer", "meeting", "interaction")
ROWS = (*DEAL_ROWS, "stakeholder")
# PostgreSQL's trigram index of the search keys (pg_trgm), for LIKE '%text%'.
CREATE_TRIGRAM = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ix_deal_search_trgm ON deal USING gin (search_key gin_trgm_ops)",
)
DROP_TRIGRAM = "DROP INDEX IF EXISTS ix_deal_search_trgm"


def upgrade() -> None:
    # Plain ADD COLUMNs: no table is recreated, so no row can be lost on SQLite.
    op.add_column("deal", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column(
        "deal", sa.Column("owner_role", sa.String(length=63), nullable=False, server_default="")
    )
    op.create_index("ix_deal_owner_role", "deal", ["owner_role"], unique=False)
    op.add_column(
        "ledger_entry",
        sa.Column("declined", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    bind = op.get_bind()
    for table in ROWS:
        op.add_column(table, sa.Column("uid", sa.String(length=64), nullable=True))
        ids = bind.execute(sa.text(f"SELECT id FROM {table}")).scalars().all()
        if ids:
            bind.execute(
                sa.text(f"UPDATE {table} SET uid = :uid WHERE id = :id"),
                [{"id": i, "uid": str(uuid.uuid4())} for i in ids],
            )
    for table in DEAL_ROWS:
        op.create_index(f"ux_{table}_uid", table, ["deal_id", "uid"], unique=True)
    op.create_index("ix_stakeholder_uid", "stakeholder", ["uid"], unique=False)
    # The database's own id, carried by the packages it exports as their origin.
    bind.execute(
        sa.text("INSERT INTO setting (key, value) VALUES ('database.id', :id)"),
        {"id": str(uuid.uuid4())},
    )
    if bind.dialect.name == "postgresql":
        # Optional: a role that may not create the extension still gets a working
        # database (search then scans, as before).
        try:
            with bind.begin_nested():
                for statement in CREATE_TRIGRAM:
                    bind.exec_driver_sql(statement)
        except sa.exc.DBAPIError as exc:
            logging.getLogger(__name__).warning("no trigram search index: %s", exc.orig)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DROP_TRIGRAM)
    op.execute("DELETE FROM setting WHERE key = 'database.id'")
    op.drop_index("ix_stakeholder_uid", table_name="stakeholder")
    for table in DEAL_ROWS:
        op.drop_index(f"ux_{table}_uid", table_name=table)
    for table in ROWS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("uid")
            if table == "ledger_entry":
                batch_op.drop_column("declined")
    op.drop_index("ix_deal_owner_role", table_name="deal")
    with op.batch_alter_table("deal") as batch_op:
        batch_op.drop_column("owner_role")
        batch_op.drop_column("version")
