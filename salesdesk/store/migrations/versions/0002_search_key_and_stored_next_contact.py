"""search key and stored next contact

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The deals' search keys as this revision computes them: `salesdesk.domain.text`'s fold
# as it was when the scripts were frozen (December 2026), copied so that a later change
# to the app's fold leaves this history as it was (0014 reads it from here too).
# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
    }
)


def search_key(text: str) -> str:
    """Case- and accent-free form: `Société Générale` → `societe generale`, `Łódź` → `lodz`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


def upgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("search_key", sa.String(length=700), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("next_contact_due", sa.Date(), nullable=True))
        batch_op.create_index("ix_deal_next_contact_due", ["next_contact_due"], unique=False)
        batch_op.create_index("ix_deal_title", ["title"], unique=False)
        batch_op.create_index("ix_deal_updated_at", ["updated_at"], unique=False)
        batch_op.create_index("ix_deal_value", ["value"], unique=False)
    # Existing deals get their search key now; next_contact_due is refreshed at start.
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT deal.id, deal.title, account.name FROM deal "
            "JOIN account ON account.id = deal.account_id"
        )
    ).all()
    if rows:
        bind.execute(
            sa.text("UPDATE deal SET search_key = :key WHERE id = :id"),
            [{"id": r[0], "key": search_key(f"{r[1]} {r[2]}")} for r in rows],
        )


def downgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_value")
        batch_op.drop_index("ix_deal_updated_at")
        batch_op.drop_index("ix_deal_title")
        batch_op.drop_index("ix_deal_next_contact_due")
        batch_op.drop_column("next_contact_due")
        batch_op.drop_column("search_key")
