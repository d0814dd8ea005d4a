"""The schema's history as Alembic scripts (`versions/`), run by salesdesk.store.migrate.

The scripts are frozen: once released, a script runs the same on any later version of
the app, so none imports the app's live code (a test holds every script to it). What
a script needs from the app (SQL text, a key function, a column type) is written into
it as it was when the script was written; a later script may read an earlier one.
"""
