"""What the commands share: the database opened, today's date, a deal read and analysed,
files read and written with a user's error when they cannot be."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from salesdesk.cli.output import UserError, notice
from salesdesk.i18n import _

if TYPE_CHECKING:
    from salesdesk.domain.analysis import Analysis
    from salesdesk.domain.deal import DealSheet
    from salesdesk.domain.profile import Profile
    from salesdesk.store.engine import Database


def open_db(args: argparse.Namespace) -> Database:
    from salesdesk.store.engine import open_database

    # Every page read first: damage is reported (exit 2), never written into or read as
    # missing deals.
    return open_database(args.db, notice=notice, verify=True)


def today() -> date:
    return date.today()


def analysed(db: Database, deal_id: int) -> tuple[DealSheet, Analysis]:
    from salesdesk.domain.analysis import analyse
    from salesdesk.store import deal_load, settings

    sheet = deal_load.load_deal(db, deal_id)
    profile = settings.load_profile(db)
    return sheet, analyse(sheet, today(), profile.cadence)


def load_deal(args: argparse.Namespace) -> tuple[DealSheet, Analysis]:
    """The deal `args.deal` and its analysis, read in one short visit to the database."""
    db = open_db(args)
    try:
        return analysed(db, args.deal)
    finally:
        db.close()


def read_deal(args: argparse.Namespace) -> tuple[DealSheet, Analysis, Profile]:
    """The deal `args.deal`, its analysis and the rep's profile, for a command that only
    reads (a brief): from a SQLite file at the current schema with the standard
    library's sqlite3 (store.sqlite_read: no SQLAlchemy to import); from a server, or a
    file to create or migrate, through the store."""
    from salesdesk.domain.analysis import analyse
    from salesdesk.store.sqlite_read import open_reader

    reader = open_reader(args.db)
    if reader is not None:
        with reader:
            sheet = reader.load_deal(args.deal)
            profile = reader.load_profile()
    else:
        from salesdesk.store import deal_load, settings

        db = open_db(args)
        try:
            sheet = deal_load.load_deal(db, args.deal)
            profile = settings.load_profile(db)
        finally:
            db.close()
    return sheet, analyse(sheet, today(), profile.cadence), profile


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(
            _("cannot read {file}: {reason}").format(file=path, reason=exc.strerror or exc)
        ) from None


def writing(path: Path, write: Callable[[], object]) -> None:
    """Run `write`; a target that cannot be written is the user's one-line error."""
    try:
        write()
    except OSError as exc:
        raise UserError(
            _("cannot write {file}: {reason}").format(file=path, reason=exc.strerror or exc)
        ) from None


def date_range(args: argparse.Namespace, days: int) -> tuple[date, date]:
    """--from (default today) and --to (default `days` later), in order."""
    from datetime import timedelta

    start = args.start or today()
    try:
        end = args.end or start + timedelta(days=days)
    except OverflowError:
        end = date.max
    if end < start:
        raise UserError(
            _("--to {end} is before --from {start}").format(
                end=end.isoformat(), start=start.isoformat()
            )
        )
    return start, end


def server_url(args: argparse.Namespace) -> str | None:
    """The PostgreSQL URL the command works on, or None for a SQLite file."""
    from salesdesk.paths import resolve_database

    target = resolve_database(args.db)
    return target if target.startswith("postgresql") else None
