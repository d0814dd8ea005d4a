"""Copies of the database: `backup` and `restore`, of a SQLite file or a team server."""

from __future__ import annotations

import argparse
from pathlib import Path

from salesdesk.cli.common import server_url
from salesdesk.cli.output import UserError, echo, notice
from salesdesk.i18n import _


def cmd_backup(args: argparse.Namespace) -> int:
    from salesdesk.interop.backup import take_backup
    from salesdesk.store.engine import check_sqlite_file

    url = server_url(args)
    if url is not None:
        from salesdesk.interop.server_backup import server_backup
        from salesdesk.store.engine import open_database

        db = open_database(url, as_is=True)  # a SalesDesk database, reachable: then dump it
        location = db.location
        db.close()
        written = server_backup(url, args.output)
        echo(_("Backed up {db} to {file}").format(db=location, file=written))
        return 0
    path = _sqlite_path(args)
    if path.exists():
        check_sqlite_file(path)  # refuse to "back up" a file that is not ours (the copy is
        # then checked page by page before it counts)
    written = take_backup(path, args.output)
    echo(_("Backed up {db} to {file}").format(db=path, file=written))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from salesdesk.interop.backup import restore_backup
    from salesdesk.store.engine import open_database

    url = server_url(args)
    if url is not None:
        from salesdesk.interop.server_backup import server_restore

        kept_dump = server_restore(url, args.file)
        db = open_database(url, notice=notice)  # migrates a backup of an older version
        location = db.location
        db.close()
        echo(_("Restored {file} into {db}").format(file=args.file, db=location))
        echo(_("The previous database was kept at {kept}").format(kept=kept_dump))
        return 0
    path = _sqlite_path(args)
    kept = restore_backup(args.file, path)
    # Opening migrates a backup made by an older SalesDesk.
    open_database(str(path), notice=notice).close()
    echo(_("Restored {file} into {db}").format(file=args.file, db=path))
    if kept is not None:
        echo(_("The previous database was kept at {kept}").format(kept=kept))
    return 0


def _sqlite_path(args: argparse.Namespace) -> Path:
    from salesdesk.paths import resolve_database

    target = resolve_database(args.db)
    if "://" in target:
        if target.startswith("sqlite:///") and len(target) > len("sqlite:///"):
            return Path(target[len("sqlite:///") :])
        raise UserError(
            _(
                "backup and restore work on a SQLite file; back up a server "
                "database with its own tools (pg_dump)"
            )
        )
    return Path(target).expanduser()
