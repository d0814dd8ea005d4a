"""`salesdesk import`: a CRM export, CSV or Excel, into the deal list (or, with --dry-run,
what it would do and how it reads the file, writing nothing, not even a new database)."""

from __future__ import annotations

import argparse
from pathlib import Path

from salesdesk.cli.common import open_db, read_bytes, today
from salesdesk.cli.output import UserError, echo, notice
from salesdesk.domain.errors import InputError
from salesdesk.i18n import _


def _no_database_yet(args: argparse.Namespace) -> bool:
    """The database is a SQLite file that does not exist yet (a dry run must not make it)."""
    from salesdesk.paths import resolve_database

    target = resolve_database(args.db)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///") :]
    elif "://" in target:
        return False
    return not Path(target).expanduser().exists()


def cmd_import(args: argparse.Namespace) -> int:
    from salesdesk.domain.profile import Profile
    from salesdesk.interop.crm_csv import Crm, parse_file
    from salesdesk.interop.crm_sources import read_stage_map

    path: Path = args.file
    raw = read_bytes(path)
    stage_map = None
    if args.stage_map is not None:
        try:
            stage_map = read_stage_map(read_bytes(args.stage_map))
        except InputError as exc:
            raise UserError(
                _("{file}: {reason}").format(file=args.stage_map, reason=exc.message),
                getattr(exc, "lines", ()),
            ) from None
    # A dry run on a database that does not exist yet reads the file against none.
    db = None if args.dry_run and _no_database_yet(args) else open_db(args)
    try:
        from salesdesk.store.crm_import import ImportCounts, apply_crm_import
        from salesdesk.store.settings import load_profile

        profile = Profile() if db is None else load_profile(db)
        try:
            crm_file = parse_file(
                raw,
                source=None if args.source == "auto" else Crm(args.source),
                date_order_hint=args.date_order,
                decimal_mark=args.decimal_mark,
                default_currency=args.currency or profile.currency,
                stage_map=stage_map,
            )
        except InputError as exc:
            raise UserError(
                _("{file}: {reason}").format(file=path, reason=exc.message),
                getattr(exc, "lines", ()),
            ) from None
        for line in crm_file.notices:
            notice(line)
        if db is None:
            counts = ImportCounts(len(crm_file.deals), 0, 0)
        else:
            counts = apply_crm_import(
                db,
                crm_file.source.value,
                crm_file.deals,
                by_record_id=crm_file.has_ids,
                dry_run=args.dry_run,
                contacts=(today(), profile.cadence),
            )
    finally:
        if db is not None:
            db.close()
    from salesdesk.interop.crm_summary import summary_lines

    for line in summary_lines(crm_file, counts, dry_run=args.dry_run):
        echo(line)
    return 0
