"""preferences as negotiators state them: a term's kind and options, score points per
side, weights with two decimals, BATNA packages

Revision ID: 0017
Revises: 0018
Create Date: 2026-12-06

- `term.kind`: every existing term is numeric (the server default).
- `term.weight` and `term.their_weight` become exact decimals (a count of 1/10,000 as
  every decimal column here, in the same integer column: at most 1,000,000): 30 is
  stored as 300000, so every existing score stays as it was; a weight may now have two
  decimals. No table is rebuilt.
- `term_option` (an option term's choices, its positions and offer values stored as the
  option's `position`), `term_point` (score points per side) and `batna_value` (a BATNA
  package: a value per term) are new and empty; existing numeric terms have no points,
  so their scores are unchanged.
- BATNA scores: only a typed score was ever stored (`batna.score`); a BATNA valued on
  one term now has no package score until the rep gives one, and the analysis says so.
On PostgreSQL the new tables get the row rules of 0012: a row is visible with its term
(options, points) or its BATNA (package values), hence with its deal.

Frozen history: nothing here imports the application; the column types are spelled out.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0018"
branch_labels = None
depends_on = None

# The stored count per unit of an exact decimal (store/types.py's ExactDecimal, 10**4).
SCALE = 10_000
# New tables and the row that makes each visible (the team's row rules).
INDIRECT_ROWS = {
    "term_option": ("term", "term_id"),
    "term_point": ("term", "term_id"),
    "batna_value": ("batna", "batna_id"),
}


def _exact(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=nullable)


def upgrade() -> None:
    bind = op.get_bind()
    # A column with a default is added in place: no table recreate, no cascade to fear.
    op.add_column(
        "term", sa.Column("kind", sa.String(length=10), nullable=False, server_default="numeric")
    )
    bind.execute(
        sa.text("UPDATE term SET weight = weight * :scale, their_weight = their_weight * :scale"),
        {"scale": SCALE},
    )
    op.create_table(
        "term_option",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        _exact("score"),
        _exact("their_score"),
        sa.ForeignKeyConstraint(["term_id"], ["term.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("term_id", "position"),
    )
    op.create_index("ix_term_option_term_id", "term_option", ["term_id"])
    op.create_table(
        "term_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _exact("value"),
        _exact("score"),
        sa.ForeignKeyConstraint(["term_id"], ["term.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("term_id", "side", "position"),
    )
    op.create_index("ix_term_point_term_id", "term_point", ["term_id"])
    op.create_table(
        "batna_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batna_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        _exact("value"),
        sa.ForeignKeyConstraint(["batna_id"], ["batna.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["term_id"], ["term.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("batna_id", "term_id"),
    )
    op.create_index("ix_batna_value_batna_id", "batna_value", ["batna_id"])
    op.create_index("ix_batna_value_term_id", "batna_value", ["term_id"])
    if bind.dialect.name == "postgresql":
        for table, (parent, key) in INDIRECT_ROWS.items():
            for statement in (
                f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                f"DROP POLICY IF EXISTS {table}_of_deal ON {table}",
                f"CREATE POLICY {table}_of_deal ON {table} USING "
                f"(EXISTS (SELECT 1 FROM {parent} WHERE {parent}.id = {table}.{key}))",
            ):
                bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    for table in ("batna_value", "term_point", "term_option"):
        op.drop_table(table)
    # Two-decimal weights keep their whole part: the older schema holds no more.
    bind.execute(
        sa.text("UPDATE term SET weight = weight / :scale, their_weight = their_weight / :scale"),
        {"scale": SCALE},
    )
    with op.batch_alter_table("term") as batch_op:
        batch_op.drop_column("kind")
