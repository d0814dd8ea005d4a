"""Paper and calendars: `brief`, `pack` (the briefs of a date range) and `ics`."""

from __future__ import annotations

import argparse
from pathlib import Path

from salesdesk.cli.common import date_range, open_db, read_deal, today, writing
from salesdesk.cli.output import UserError, echo, notice, report_unprintable
from salesdesk.i18n import N_, _, language, ngettext

# What each variant is called when said (the customer copy is `--variant redacted`).
VARIANT_WRITTEN = {
    "full": N_("Wrote the full brief of deal #{id} to {file}"),
    "redacted": N_("Wrote the customer copy of deal #{id}'s brief to {file}"),
}


def cmd_brief(args: argparse.Namespace) -> int:
    from salesdesk.brief.choose import brief_language, default_paper, meeting_for
    from salesdesk.brief.document import BriefRequest, Variant, check_password, write_brief
    from salesdesk.i18n import set_language

    check_password(args.password)
    if args.lang:
        set_language(args.lang)
    sheet, analysis, profile = read_deal(args)
    request = BriefRequest(
        sheet=sheet,
        analysis=analysis,
        profile=profile,
        meeting=meeting_for(sheet, today(), args.meeting),
        variant=Variant(args.variant),
        paper=args.paper or default_paper(),
        lang=brief_language(sheet, args.variant, args.lang),
    )
    output: Path = args.output
    writing(output, lambda: write_brief(output, request, args.password))
    report_unprintable()
    echo(_(VARIANT_WRITTEN[args.variant]).format(id=sheet.id, file=output))
    return 0


def cmd_pack(args: argparse.Namespace) -> int:

    from salesdesk.brief.choose import default_paper
    from salesdesk.brief.document import Variant, check_password
    from salesdesk.brief.pack import build_pack
    from salesdesk.brief.requests import pack_requests
    from salesdesk.files import atomic_write_bytes
    from salesdesk.i18n import set_language
    from salesdesk.store.sqlite_read import open_reader

    check_password(args.password)
    if args.lang:
        set_language(args.lang)
    start, end = date_range(args, 7)
    # A SQLite file at the current schema is read with sqlite3 (store.sqlite_read).
    source = open_reader(args.db) or open_db(args)
    try:
        requests = pack_requests(
            source,
            start,
            end,
            today(),
            variant=Variant(args.variant),
            paper=args.paper or default_paper(),
            lang=args.lang,
        )
    finally:
        source.close()
    if not requests:
        raise UserError(
            _("there is no meeting from {start} to {end}").format(
                start=start.isoformat(), end=end.isoformat()
            )
        )

    def progress(done: int, total: int, label: str) -> None:
        notice(_("brief {done}/{total}: {label}").format(done=done, total=total, label=label))

    pdf = build_pack(
        requests, start, end, password=args.password, progress=progress, lang=language()
    )
    output: Path = args.output
    writing(output, lambda: atomic_write_bytes(output, pdf))
    report_unprintable()
    echo(_("Wrote {n} briefs to {file}").format(n=len(requests), file=output))
    return 0


def cmd_ics(args: argparse.Namespace) -> int:
    from salesdesk.files import atomic_write_bytes
    from salesdesk.interop.calendar import calendar_file

    start, end = date_range(args, 365)
    db = open_db(args)
    try:
        written = calendar_file(db, start, end, deal_id=args.deal)
    finally:
        db.close()
    output: Path = args.output
    writing(output, lambda: atomic_write_bytes(output, written.text.encode("utf-8")))
    echo(
        ngettext(
            "Wrote {n} meeting to {file}", "Wrote {n} meetings to {file}", written.meetings
        ).format(n=written.meetings, file=output)
        + (
            ngettext(" and {n} cancellation", " and {n} cancellations", written.cancelled).format(
                n=written.cancelled
            )
            if written.cancelled
            else ""
        )
    )
    return 0
