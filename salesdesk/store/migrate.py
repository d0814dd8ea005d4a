"""Alembic migrations, run in-process (no ini file), and the SQLite backup taken before.

`SCHEMA_HEAD` and `KNOWN_REVISIONS` let start-up decide without importing Alembic
whether anything must run; a test keeps them equal to the scripts' own history.

To write a new migration after changing `tables.py`:
    python -m salesdesk.store.migrate new "what changed"
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine

SCHEMA_HEAD = "0012"
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0010", "0012")
SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`, with SQLite's foreign keys off meanwhile.

    A batch migration recreates tables; with foreign keys on, SQLite would
    cascade the drop of a parent table into every child row.
    """
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()
        if sqlite:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
            if broken:
                raise RuntimeError(f"migration left broken references: {broken[:5]}")


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a live SQLite database with the online backup API (safe while in use)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}.{stamp}.bak")
    copy_sqlite(path, target)
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
