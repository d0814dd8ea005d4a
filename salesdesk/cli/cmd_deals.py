"""The deals themselves: `demo`, `deals`, `show`, `export-deal`, `import-deal`."""

from __future__ import annotations

import argparse
from pathlib import Path

from salesdesk.cli.common import analysed, load_deal, open_db, read_bytes, today, writing
from salesdesk.cli.output import UserError, echo, print_json, print_json_lines, write
from salesdesk.i18n import _, language, ngettext


def cmd_demo(args: argparse.Namespace) -> int:
    from salesdesk.interop import demo

    db = open_db(args)
    try:
        if args.remove:
            n = demo.remove_samples(db)
            echo(ngettext("Removed {n} sample deal.", "Removed {n} sample deals.", n).format(n=n))
        else:
            added = demo.add_samples(db, today())
            if added:
                echo(
                    ngettext(
                        "Added {n} sample deal: {ids}.",
                        "Added {n} sample deals: {ids}.",
                        len(added),
                    ).format(n=len(added), ids=", ".join(f"#{i}" for i in added))
                )
            else:
                echo(_("The sample deals are already there; nothing added."))
    finally:
        db.close()
    return 0


def cmd_deals(args: argparse.Namespace) -> int:
    from salesdesk.store.sqlite_read import open_reader

    # The list and the JSON lines of a SQLite file at the current schema are read with
    # sqlite3 (store.sqlite_read); the CSV's CRM fields, a server, a file to create or
    # migrate, through the store.
    reader = None if args.csv else open_reader(args.db)
    if reader is not None:
        with reader:
            rows = reader.list_deals(today(), reader.load_profile().cadence)
    else:
        from salesdesk.store import deal_list, settings

        db = open_db(args)
        try:
            profile = settings.load_profile(db)
            rows = deal_list.list_deals(db, today(), profile.cadence)
            if args.csv:
                crm = deal_list.crm_fields(db, [r.id for r in rows])
        finally:
            db.close()
    if args.json:
        from salesdesk.interop.exports import summary_record

        print_json_lines([summary_record(r) for r in rows])
        return 0
    if args.csv:
        from salesdesk.interop.exports import deals_csv

        write(deals_csv(rows, crm), as_bytes=True)
        return 0
    from salesdesk.cli.text import deals_table

    echo(deals_table(rows, language()))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    sheet, analysis = load_deal(args)
    if args.json:
        from salesdesk.interop.deal_json import deal_to_json

        print_json(deal_to_json(sheet, analysis))
        return 0
    from salesdesk.cli.text import worksheet_text

    echo(worksheet_text(sheet, analysis, language()))
    return 0


def cmd_export_deal(args: argparse.Namespace) -> int:
    from salesdesk.files import atomic_write_text
    from salesdesk.interop.deal_json import dumps
    from salesdesk.interop.package_write import deal_to_package
    from salesdesk.store import settings

    db = open_db(args)
    try:
        sheet, analysis = analysed(db, args.deal)
        origin = settings.database_id(db)
    finally:
        db.close()
    output: Path = args.output
    package = deal_to_package(sheet, analysis, origin)
    writing(output, lambda: atomic_write_text(output, dumps(package)))
    echo(_("Exported deal #{id} to {file}").format(id=sheet.id, file=output))
    return 0


def cmd_import_deal(args: argparse.Namespace) -> int:
    from salesdesk.interop.deal_import import Outcome, import_sheet
    from salesdesk.interop.package_read import read_package
    from salesdesk.store.errors import Conflict

    path: Path = args.file
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            _("{file} is not a UTF-8 text file (byte {pos})").format(file=path, pos=exc.start)
        ) from None
    sheet, provenance = read_package(text, str(path))
    db = open_db(args)
    try:
        done = import_sheet(
            db, sheet, provenance, today=today(), as_new=args.as_new, overwrite=args.overwrite
        )
    except Conflict as exc:
        raise UserError(
            _(
                "Deal #{id} ({title}) changed here since {file} was exported: it is at "
                "version {theirs}, the package has version {mine}; --overwrite replaces it."
            ).format(id=exc.deal_id, title=exc.title, file=path, theirs=exc.theirs, mine=exc.mine)
        ) from None
    finally:
        db.close()
    deal_id = done.deal_id
    if done.outcome is Outcome.UPDATED:
        echo(
            _("Updated deal #{id} ({title}) from {file}").format(
                id=deal_id, title=sheet.title, file=path
            )
        )
    elif done.outcome is Outcome.REPLACED:
        echo(
            _("Replaced deal #{id} ({title}) with {file}").format(
                id=deal_id, title=done.title, file=path
            )
        )
    else:
        echo(
            _("Imported {file} as deal #{id} ({title})").format(
                id=deal_id, title=sheet.title, file=path
            )
        )
    return 0
