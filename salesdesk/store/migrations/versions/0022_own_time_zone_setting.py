"""a rep writes his own time zone on a team's server

Migration 0016 gave the profile a time zone (the calendar export's), saved like the
rep's name as `profile.time_zone@<role>`; the server's rule on settings (0015) let a rep
write only his name, company, currency and contact-refresh stamp, so every profile save
of a rep was refused. The rule, once more, with the time zone among his own keys.

Revision ID: 0022
Revises: 0020
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0020"
branch_labels = None
depends_on = None

MANAGER_NOW = "(SELECT public.salesdesk_is_manager(current_user))"
BEFORE = ("profile.name@", "profile.company@", "profile.currency@", "contacts.refreshed@")
AFTER = (*BEFORE, "profile.time_zone@")


def _policy(keys: tuple[str, ...]) -> str:
    own = ", ".join(f"'{k}' || current_user" for k in keys)
    allowed = f"({MANAGER_NOW} OR key IN ({own}))"
    return f"CREATE POLICY setting_write ON setting FOR ALL USING {allowed} WITH CHECK {allowed}"


def _replace(keys: tuple[str, ...]) -> None:
    # Row rules exist on PostgreSQL only; a laptop's SQLite file has nothing to change.
    if op.get_bind().dialect.name != "postgresql":
        return
    exists = op.get_bind().execute(
        sa.text("SELECT 1 FROM pg_catalog.pg_policies WHERE policyname = 'setting_write'")
    )
    if exists.first() is None:
        return
    op.execute("DROP POLICY setting_write ON setting")
    op.execute(_policy(keys))


def upgrade() -> None:
    _replace(AFTER)


def downgrade() -> None:
    _replace(BEFORE)
