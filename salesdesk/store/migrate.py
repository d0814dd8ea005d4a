"""Alembic migrations, run in-process (no ini file), and the SQLite backup taken before.

`SCHEMA_HEAD` and `KNOWN_REVISIONS` let start-up decide without importing Alembic
whether anything must run; a test keeps them equal to the scripts' own history.

To write a new migration after changing `tables.py`:
    python -m salesdesk.store.migrate new "what changed"
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine

# Kept in store.revisions, which start-up reads without this module's imports.
from salesdesk.store.revisions import KNOWN_REVISIONS, SCHEMA_HEAD  # noqa: F401

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"
# Any 64-bit number names an advisory lock; this one is a server's migration: a second
# upgrade waits for the first to commit, then finds nothing left to do.
MIGRATION_LOCK = 0x5A1E5D3A1E3B


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` in one transaction: all of it or none of it.

    On SQLite the transaction is begun explicitly (`BEGIN IMMEDIATE`), so the DDL runs
    inside it too: Python's sqlite3 module would otherwise run each CREATE, ALTER and
    DROP on its own, and a migration cut short would leave the schema ahead of
    `alembic_version`. On a server the transaction first takes the migration's
    advisory lock, so two upgrades never run at once. On SQLite foreign keys are off
    meanwhile (a batch migration recreates tables; with them on, SQLite would cascade
    the drop of a parent into every child row) and checked before the commit.
    """
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.dbapi_connection
        if sqlite:
            assert raw is not None
            # Outside any transaction: inside one, this pragma does nothing.
            raw.execute("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, revision)
            if sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken references: {broken[:5]}")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def backup_sqlite(path: Path, label: str) -> Path:
    """The copy taken before a migration, one per step: a retry replaces it.

    Written beside the database under a fixed name through a fixed temporary name, so
    a migration retried after an interruption never multiplies full-size copies.
    """
    target = path.with_name(f"{path.stem}.{label}.bak")
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    try:
        copy_sqlite(path, part, self_contained=True)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return target


def copy_sqlite(source: Path, target: Path, *, self_contained: bool = False) -> None:
    """Copy a SQLite database with the online backup API (safe while others use it).

    `self_contained` leaves the copy in rollback-journal mode: one file, whatever
    the source's journal mode (a WAL database's copy would otherwise want a -wal file).
    """
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            if self_contained:
                dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _new_revision(message: str) -> None:
    """Autogenerate a migration against a database at the current head."""
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    if KNOWN_REVISIONS:
        upgrade(engine)
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        rev_id = f"{len(KNOWN_REVISIONS) + 1:04d}"
        command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
    print(f"now add {rev_id!r} to KNOWN_REVISIONS and SCHEMA_HEAD in {__file__}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "new":
        _new_revision(sys.argv[2])
    else:
        print(__doc__)
