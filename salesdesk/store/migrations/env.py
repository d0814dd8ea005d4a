"""Alembic environment, driven only from salesdesk.store.migrate.

No `fileConfig()`: it would disable the application's loggers.
"""

from alembic import context

from salesdesk.store.search_index import outside_models
from salesdesk.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through salesdesk.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
    # The search index lives beside the models, not in them.
    include_name=lambda name, kind, _parents: not outside_models(name, kind),
)
with context.begin_transaction():
    context.run_migrations()
