"""Alembic environment, driven only from salesdesk.store.migrate.

No `fileConfig()`: it would disable the application's loggers. This file, unlike the
scripts in `versions/`, is not history: it reads the live models, against which a new
migration is generated (`python -m salesdesk.store.migrate new`).
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.types import TypeDecorator

from salesdesk.store.search_index import outside_models
from salesdesk.store.tables import metadata


def render_item(kind: str, item: Any, _context: AutogenContext) -> str | Literal[False]:
    """A column of the app's own type (a TypeDecorator such as ExactDecimal) written as
    the plain SQLAlchemy type it stores, so a generated script imports no live code."""
    if kind == "type" and isinstance(item, TypeDecorator):
        return f"sa.{item.impl_instance!r}"
    return False  # Alembic's own rendering


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through salesdesk.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
    # The search index lives beside the models, not in them.
    include_name=lambda name, kind, _parents: not outside_models(name, kind),
)
with context.begin_transaction():
    context.run_migrations()
