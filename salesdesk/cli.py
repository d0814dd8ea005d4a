"""The headless command line. Never imports Qt; imports the store only when a command needs it.

User mistakes exit 2 with one line on stderr (an import that rejects a file adds at
most ten `line N, column C: reason` lines); bugs are left to raise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from salesdesk import __version__
from salesdesk.domain.errors import InputError
from salesdesk.i18n import N_, _, language, ngettext

if TYPE_CHECKING:
    from salesdesk.domain.analysis import Analysis
    from salesdesk.domain.deal import DealSheet
    from salesdesk.store.engine import Database

EXIT_USER_ERROR = 2


class UserError(Exception):
    """Stops a command with a message for the user (and optional detail lines)."""

    def __init__(self, message: str, lines: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.lines = list(lines)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: the contract says one line on stderr.
        see = _("see")  # outside the f-string, where the catalogue's extractor finds it
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {message} ({see} {self.prog} --help)\n")


MAX_DEAL_ID = 2**63 - 1  # the largest id a database row can have


def _deal_id(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_DEAL_ID:
        raise argparse.ArgumentTypeError(
            _("DEAL must be a deal's number, like 3 (see salesdesk deals); got {text!r}").format(
                text=text
            )
        )
    return int(text)


def _entry_number(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= 10_000:
        raise argparse.ArgumentTypeError(
            _(
                "ENTRY must be a concession's number in its deal's ledger, like 2 (see "
                "salesdesk approvals); got {text!r}"
            ).format(text=text)
        )
    return int(text)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date; write it as YYYY-MM-DD").format(text=text)
        ) from None


def _currency_code(text: str) -> str:
    from salesdesk.domain.money import ISO_CODES

    code = text.strip().upper()
    if code not in ISO_CODES:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a currency code (an ISO code like EUR, USD, GBP)").format(text=text)
        )
    return code


def _percent(text: str) -> Decimal:
    from salesdesk.domain.money import parse_number

    try:
        return parse_number(text.strip().rstrip("%").strip(), language())
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _limit(text: str) -> Decimal | str:
    """An authority limit: a number, or `none` to remove it."""
    if text.strip().lower() == "none":
        return "none"
    return _percent(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="salesdesk",
        description=_(
            "Prepare B2B negotiations offline. Without a command, opens the desktop app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"salesdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=_(
            "the database: a file path or a SQLAlchemy URL (default: $SALESDESK_DB, "
            "else salesdesk.db in your data folder)"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help=_("add the sample deals (twice adds nothing)"))
    demo.add_argument("--remove", action="store_true", help=_("take the sample deals out"))

    deals = commands.add_parser("deals", help=_("list deals"))
    deals_format = deals.add_mutually_exclusive_group()
    deals_format.add_argument("--json", action="store_true", help=_("print JSON"))
    deals_format.add_argument(
        "--csv",
        action="store_true",
        help=_("print the app's deal-list export (CSV, formulas neutralised)"),
    )

    show = commands.add_parser("show", help=_("a deal's worksheet with its analysis"))
    show.add_argument("deal", metavar="DEAL", type=_deal_id)
    show.add_argument("--json", action="store_true", help=_("print JSON"))

    export = commands.add_parser("export-deal", help=_("write a deal package (JSON)"))
    export.add_argument("deal", metavar="DEAL", type=_deal_id)
    export.add_argument("-o", "--output", metavar="FILE.json", required=True, type=Path)

    imp = commands.add_parser("import-deal", help=_("read a deal package (JSON)"))
    imp.add_argument("file", metavar="FILE.json", type=Path)
    imp.add_argument(
        "--as-new", action="store_true", help=_("make a copy even if the deal is already here")
    )
    imp.add_argument(
        "--overwrite",
        action="store_true",
        help=_("replace the deal even if it changed here since the package was exported"),
    )

    brief = commands.add_parser("brief", help=_("the PDF meeting brief of a deal"))
    brief.add_argument("deal", metavar="DEAL", type=_deal_id)
    brief.add_argument("-o", "--output", metavar="FILE.pdf", required=True, type=Path)
    brief.add_argument(
        "--meeting",
        metavar="DATE",
        type=_iso_date,
        help=_("the meeting's date, YYYY-MM-DD (default: the next meeting, else the latest)"),
    )
    brief.add_argument(
        "--variant",
        choices=["full", "redacted"],
        default="full",
        help=_(
            "redacted: the customer copy, only what can lie on the table in front of the customer"
        ),
    )
    brief.add_argument("--password", metavar="PW", help=_("encrypt the PDF (AES-256)"))
    brief.add_argument(
        "--paper",
        choices=["a4", "letter"],
        help=_("default: Letter for US and Canadian locales, A4 elsewhere"),
    )
    brief.add_argument("--lang", choices=["en", "fr"])

    pack = commands.add_parser(
        "pack",
        help=_("the briefs of every meeting in a date range, one PDF (default: the next 7 days)"),
    )
    pack.add_argument("-o", "--output", metavar="FILE.pdf", required=True, type=Path)
    pack.add_argument("--from", dest="start", metavar="DATE", type=_iso_date)
    pack.add_argument("--to", dest="end", metavar="DATE", type=_iso_date)
    pack.add_argument("--variant", choices=["full", "redacted"], default="full")
    pack.add_argument("--password", metavar="PW")
    pack.add_argument("--paper", choices=["a4", "letter"])
    pack.add_argument("--lang", choices=["en", "fr"])

    ics = commands.add_parser(
        "ics",
        help=_("meetings as a calendar file (.ics) that can be shared: customer-safe fields only"),
    )
    ics.add_argument("-o", "--output", metavar="FILE.ics", required=True, type=Path)
    ics.add_argument(
        "--from", dest="start", metavar="DATE", type=_iso_date, help=_("default: today")
    )
    ics.add_argument(
        "--to", dest="end", metavar="DATE", type=_iso_date, help=_("default: a year after --from")
    )
    ics.add_argument("--deal", metavar="DEAL", type=_deal_id, help=_("one deal's meetings only"))

    crm = commands.add_parser(
        "import",
        help=_(
            "bring deals in from a CRM export, CSV or Excel (Salesforce, HubSpot, Dynamics 365, "
            "Odoo, Zoho CRM, Pipedrive, or SalesDesk's own list)"
        ),
    )
    crm.add_argument("file", metavar="FILE.csv|FILE.xlsx", type=Path)
    crm.add_argument(
        "--source",
        choices=[
            "auto",
            "salesforce",
            "hubspot",
            "dynamics",
            "odoo",
            "zoho",
            "pipedrive",
            "salesdesk",
        ],
        default="auto",
    )
    crm.add_argument(
        "--dry-run",
        action="store_true",
        help=_(
            "say which column is read as what, and what would be created, updated or left "
            "alone; write nothing"
        ),
    )
    crm.add_argument(
        "--date-order",
        choices=["dmy", "mdy"],
        help=_("day-first or month-first, when the file's dates cannot tell"),
    )
    marks = crm.add_mutually_exclusive_group()
    marks.add_argument(
        "--decimal-comma",
        dest="decimal_mark",
        action="store_const",
        const=",",
        help=_("the file's amounts have a decimal comma (1.500,00), when they cannot tell"),
    )
    marks.add_argument(
        "--decimal-point",
        dest="decimal_mark",
        action="store_const",
        const=".",
        help=_("the file's amounts have a decimal point (1,500.00), when they cannot tell"),
    )
    crm.add_argument(
        "--currency",
        metavar="CODE",
        type=_currency_code,
        help=_("the currency of amounts the file gives none for (default: the profile's)"),
    )
    crm.add_argument(
        "--stage-map",
        metavar="FILE.csv",
        type=Path,
        help=_("a CSV of lines 'their stage, our stage' for stages of your own"),
    )

    team = commands.add_parser(
        "team", help=_("set up a team on a PostgreSQL server (roles, grants, who sees what)")
    )
    team_commands = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    team_commands.add_parser(
        "init", help=_("as the database's owner: group roles, grants, row-level security")
    )
    for name, helptext in (
        ("add-rep", _("let a PostgreSQL role work as a rep (created when new)")),
        ("add-manager", _("let a PostgreSQL role work as a manager (sees every deal)")),
    ):
        member = team_commands.add_parser(name, help=helptext)
        member.add_argument("role", metavar="ROLE")
    vis = team_commands.add_parser(
        "visibility", help=_("team: every rep sees every deal; private: its owner and managers")
    )
    vis.add_argument("visibility", choices=["team", "private"])
    upgrade = team_commands.add_parser(
        "upgrade",
        help=_(
            "as the team's lead: back the server up (pg_dump), then bring its schema to "
            "this release's, one upgrade at a time"
        ),
    )
    upgrade.add_argument(
        "--backup",
        metavar="FILE",
        type=Path,
        help=_("where the backup taken first goes (default: the data folder's backups)"),
    )
    limit = team_commands.add_parser(
        "limit",
        help=_(
            "as a manager: set a rep's authority limits (none removes one); without one, show them"
        ),
    )
    limit.add_argument("role", metavar="ROLE")
    limit.add_argument(
        "--discount",
        metavar="PCT",
        type=_limit,
        help=_("the largest discount, in percent, the rep gives without approval"),
    )
    limit.add_argument(
        "--amount",
        metavar="N",
        type=_limit,
        help=_("the largest concession cost the rep gives without approval"),
    )

    backup = commands.add_parser("backup", help=_("copy the database, safely while in use"))
    backup.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help=_("where to write it (default: the backups folder beside the database)"),
    )

    restore = commands.add_parser(
        "restore", help=_("put a backup in place of the database (the current one is kept aside)")
    )
    restore.add_argument("file", metavar="FILE", type=Path)

    packages = commands.add_parser(
        "packages",
        help=_("equivalent packages (MESO) worth the same to us, on each term's step"),
    )
    packages.add_argument("deal", metavar="DEAL", type=_deal_id)
    packages.add_argument(
        "--score",
        metavar="N",
        type=_percent,
        help=_("the score the packages reach for us, 0-100 (default: our latest offer's)"),
    )
    packages.add_argument("--json", action="store_true", help=_("print JSON"))
    approvals = commands.add_parser(
        "approvals", help=_("(a manager) the concessions waiting for approval")
    )
    approvals.add_argument("--json", action="store_true", help=_("print JSON"))
    approve = commands.add_parser(
        "approve", help=_("(a manager) approve or decline a concession waiting for approval")
    )
    approve.add_argument("deal", metavar="DEAL", type=_deal_id)
    approve.add_argument(
        "entry",
        metavar="ENTRY",
        type=_entry_number,
        help=_("the concession's number in its deal's ledger, as approvals lists it"),
    )
    approve.add_argument("--decline", action="store_true", help=_("decline it instead"))
    front = commands.add_parser(
        "frontier",
        help=_("the efficient frontier, the Nash package, whether a deal zone exists"),
    )
    front.add_argument("deal", metavar="DEAL", type=_deal_id)
    front.add_argument("--json", action="store_true", help=_("print JSON"))
    from salesdesk.cli_loop import add_parsers

    add_parsers(commands)  # counterpart, next-offer, rehearse
    sync = commands.add_parser(
        "sync",
        help=_("exchange changed deals with the team server"),
        description=_(
            "Send the deals changed here, bring those changed on the server. A deal changed "
            "on both sides is a conflict: both stay as they are until settled with --take."
        ),
    )
    sync.add_argument(
        "--server",
        metavar="URL",
        help=_(
            "the team server (postgresql://ROLE@HOST/DATABASE; remembered in this database, "
            "without its password: use ~/.pgpass)"
        ),
    )
    sync.add_argument(
        "--take",
        nargs=2,
        metavar=("mine|theirs", "DEAL"),
        help=_(
            "settle a conflict: the fields both sides changed take this side, the fields "
            "only one side changed keep that change"
        ),
    )

    price = commands.add_parser(
        "price-effect",
        help=_("the volume increase that keeps the same gross profit after a discount"),
    )
    price.add_argument("--discount", metavar="PCT", type=_percent, required=True)
    price.add_argument("--margin", metavar="PCT", type=_percent, required=True)
    price.add_argument("--json", action="store_true", help=_("print JSON"))
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; returns the exit status."""
    from salesdesk.store.errors import StoreError

    handler = _COMMANDS[args.command]
    try:
        return handler(args)
    except UserError as exc:
        _fail(str(exc), exc.lines)
    except (InputError, StoreError) as exc:
        _fail(str(exc), getattr(exc, "lines", ()))
    return EXIT_USER_ERROR


def _echo(*parts: object, file: Any = None) -> None:
    """`print`, with control characters from the data (ESC, BEL, CR…) shown, not obeyed:
    a deal's title cannot retitle or rewrite the terminal."""
    from salesdesk.domain.limits import printable

    print(*(printable(str(p)) for p in parts), file=file or sys.stdout)


def _fail(message: str, lines: Sequence[str] = ()) -> None:
    _echo(f"salesdesk: {message}", file=sys.stderr)
    for line in list(lines)[:10]:
        _echo(f"  {line}", file=sys.stderr)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(
            _("cannot read {file}: {reason}").format(file=path, reason=exc.strerror or exc)
        ) from None


def _writing(path: Path, write: Callable[[], object]) -> None:
    """Run `write`; a target that cannot be written is the user's one-line error."""
    try:
        write()
    except OSError as exc:
        raise UserError(
            _("cannot write {file}: {reason}").format(file=path, reason=exc.strerror or exc)
        ) from None


def _notice(message: str) -> None:
    _echo(message, file=sys.stderr)


def _report_unprintable() -> None:
    """One line naming the characters no font on this machine could print (the PDF is
    written all the same, with boxes in their place)."""
    from salesdesk.brief.fonts import take_missing

    chars = take_missing()
    if chars:
        listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars)
        message = _("no font on this machine has these characters: {chars}")
        _notice("salesdesk: " + message.format(chars=listed))


def _open(args: argparse.Namespace) -> Database:
    from salesdesk.store.engine import open_database

    # Every page read first: damage is reported (exit 2), never written into or read as
    # missing deals.
    return open_database(args.db, notice=_notice, verify=True)


def _today() -> date:
    return date.today()


def _analysed(db: Database, deal_id: int) -> tuple[DealSheet, Analysis]:
    from salesdesk.domain.analysis import analyse
    from salesdesk.store import repository as repo

    sheet = repo.load_deal(db, deal_id)
    profile = repo.load_profile(db)
    return sheet, analyse(sheet, _today(), profile.cadence)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _print_json_lines(items: Sequence[Any]) -> None:
    """A JSON list with one item per line: readable, and C-encoded (indent= is pure Python,
    several times slower on a long list)."""
    out = sys.stdout
    out.write("[\n")
    for i, item in enumerate(items):
        out.write(("  " if i == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
    out.write("\n]\n" if items else "]\n")


# ---------------------------------------------------------------- commands


def cmd_demo(args: argparse.Namespace) -> int:
    from salesdesk.interop import demo

    db = _open(args)
    try:
        if args.remove:
            n = demo.remove_samples(db)
            _echo(ngettext("Removed {n} sample deal.", "Removed {n} sample deals.", n).format(n=n))
        else:
            added = demo.add_samples(db, _today())
            if added:
                _echo(
                    ngettext(
                        "Added {n} sample deal: {ids}.",
                        "Added {n} sample deals: {ids}.",
                        len(added),
                    ).format(n=len(added), ids=", ".join(f"#{i}" for i in added))
                )
            else:
                _echo(_("The sample deals are already there; nothing added."))
    finally:
        db.close()
    return 0


def cmd_deals(args: argparse.Namespace) -> int:
    from salesdesk.store import repository as repo

    db = _open(args)
    try:
        profile = repo.load_profile(db)
        rows = repo.list_deals(db, _today(), profile.cadence)
        if args.csv:
            from salesdesk.store.deal_list import crm_fields

            crm = crm_fields(db, [r.id for r in rows])
    finally:
        db.close()
    if args.json:
        from salesdesk.interop.exports import summary_record

        _print_json_lines([summary_record(r) for r in rows])
        return 0
    if args.csv:
        from salesdesk.interop.exports import deals_csv

        sys.stdout.flush()
        sys.stdout.buffer.write(deals_csv(rows, crm).encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    from salesdesk.cli_text import deals_table

    _echo(deals_table(rows, language()))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        sheet, analysis = _analysed(db, args.deal)
    finally:
        db.close()
    if args.json:
        from salesdesk.interop.deal_json import deal_to_json

        _print_json(deal_to_json(sheet, analysis))
        return 0
    from salesdesk.cli_text import worksheet_text

    _echo(worksheet_text(sheet, analysis, language()))
    return 0


def cmd_export_deal(args: argparse.Namespace) -> int:
    from salesdesk.files import atomic_write_text
    from salesdesk.interop.deal_json import dumps
    from salesdesk.interop.package_write import deal_to_package
    from salesdesk.store import repository as repo

    db = _open(args)
    try:
        sheet, analysis = _analysed(db, args.deal)
        origin = repo.database_id(db)
    finally:
        db.close()
    output: Path = args.output
    package = deal_to_package(sheet, analysis, origin)
    _writing(output, lambda: atomic_write_text(output, dumps(package)))
    _echo(_("Exported deal #{id} to {file}").format(id=sheet.id, file=output))
    return 0


def cmd_import_deal(args: argparse.Namespace) -> int:
    from salesdesk.interop.deal_import import Outcome, import_sheet
    from salesdesk.interop.package_read import read_package
    from salesdesk.store.errors import Conflict

    path: Path = args.file
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            _("{file} is not a UTF-8 text file (byte {pos})").format(file=path, pos=exc.start)
        ) from None
    sheet, provenance = read_package(text, str(path))
    db = _open(args)
    try:
        done = import_sheet(db, sheet, provenance, as_new=args.as_new, overwrite=args.overwrite)
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
        _echo(
            _("Updated deal #{id} ({title}) from {file}").format(
                id=deal_id, title=sheet.title, file=path
            )
        )
    elif done.outcome is Outcome.REPLACED:
        _echo(
            _("Replaced deal #{id} ({title}) with {file}").format(
                id=deal_id, title=done.title, file=path
            )
        )
    else:
        _echo(
            _("Imported {file} as deal #{id} ({title})").format(
                id=deal_id, title=sheet.title, file=path
            )
        )
    return 0


# What each variant is called when said (the customer copy is `--variant redacted`).
VARIANT_WRITTEN = {
    "full": N_("Wrote the full brief of deal #{id} to {file}"),
    "redacted": N_("Wrote the customer copy of deal #{id}'s brief to {file}"),
}


def cmd_brief(args: argparse.Namespace) -> int:
    from salesdesk.brief.choose import brief_language, default_paper, meeting_for
    from salesdesk.brief.document import BriefRequest, Variant, check_password, write_brief
    from salesdesk.i18n import set_language
    from salesdesk.store import repository as repo

    check_password(args.password)
    if args.lang:
        set_language(args.lang)
    db = _open(args)
    try:
        sheet, analysis = _analysed(db, args.deal)
        profile = repo.load_profile(db)
    finally:
        db.close()
    request = BriefRequest(
        sheet=sheet,
        analysis=analysis,
        profile=profile,
        meeting=meeting_for(sheet, _today(), args.meeting),
        variant=Variant(args.variant),
        paper=args.paper or default_paper(),
        lang=brief_language(sheet, args.variant, args.lang),
    )
    output: Path = args.output
    _writing(output, lambda: write_brief(output, request, args.password))
    _report_unprintable()
    _echo(_(VARIANT_WRITTEN[args.variant]).format(id=sheet.id, file=output))
    return 0


def cmd_pack(args: argparse.Namespace) -> int:

    from salesdesk.brief.choose import default_paper
    from salesdesk.brief.document import Variant, check_password
    from salesdesk.brief.pack import build_pack
    from salesdesk.brief.requests import pack_requests
    from salesdesk.files import atomic_write_bytes
    from salesdesk.i18n import set_language

    check_password(args.password)
    if args.lang:
        set_language(args.lang)
    start, end = _date_range(args, 7)
    db = _open(args)
    try:
        requests = pack_requests(
            db,
            start,
            end,
            _today(),
            variant=Variant(args.variant),
            paper=args.paper or default_paper(),
            lang=args.lang,
        )
    finally:
        db.close()
    if not requests:
        raise UserError(
            _("there is no meeting from {start} to {end}").format(
                start=start.isoformat(), end=end.isoformat()
            )
        )

    def progress(done: int, total: int, label: str) -> None:
        _echo(
            _("brief {done}/{total}: {label}").format(done=done, total=total, label=label),
            file=sys.stderr,
        )

    pdf = build_pack(
        requests, start, end, password=args.password, progress=progress, lang=language()
    )
    output: Path = args.output
    _writing(output, lambda: atomic_write_bytes(output, pdf))
    _report_unprintable()
    _echo(_("Wrote {n} briefs to {file}").format(n=len(requests), file=output))
    return 0


def _date_range(args: argparse.Namespace, days: int) -> tuple[date, date]:
    """--from (default today) and --to (default `days` later), in order."""
    from datetime import timedelta

    start = args.start or _today()
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


def cmd_ics(args: argparse.Namespace) -> int:
    from salesdesk.files import atomic_write_bytes
    from salesdesk.interop.calendar import calendar_file

    start, end = _date_range(args, 365)
    db = _open(args)
    try:
        written = calendar_file(db, start, end, deal_id=args.deal)
    finally:
        db.close()
    output: Path = args.output
    _writing(output, lambda: atomic_write_bytes(output, written.text.encode("utf-8")))
    _echo(
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


def cmd_import(args: argparse.Namespace) -> int:
    from salesdesk.cli_import import run_import

    return run_import(args)


def _loop_command(name: str) -> Callable[[argparse.Namespace], int]:
    """A command of salesdesk.cli_loop, imported when run."""

    def run(args: argparse.Namespace) -> int:
        from salesdesk import cli_loop

        command: Callable[[argparse.Namespace], int] = getattr(cli_loop, name)
        return command(args)

    return run


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


def _server_url(args: argparse.Namespace) -> str | None:
    """The PostgreSQL URL the command works on, or None for a SQLite file."""
    from salesdesk.paths import resolve_database

    target = resolve_database(args.db)
    return target if target.startswith("postgresql") else None


def cmd_backup(args: argparse.Namespace) -> int:
    from salesdesk.interop.backup import take_backup
    from salesdesk.store.engine import check_sqlite_file

    url = _server_url(args)
    if url is not None:
        from salesdesk.interop.server_backup import server_backup
        from salesdesk.store.engine import open_database

        db = open_database(url, as_is=True)  # a SalesDesk database, reachable: then dump it
        location = db.location
        db.close()
        written = server_backup(url, args.output)
        print(_("Backed up {db} to {file}").format(db=location, file=written))
        return 0
    path = _sqlite_path(args)
    if path.exists():
        check_sqlite_file(path)  # refuse to "back up" a file that is not ours (the copy is
        # then checked page by page before it counts)
    written = take_backup(path, args.output)
    _echo(_("Backed up {db} to {file}").format(db=path, file=written))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from salesdesk.interop.backup import restore_backup
    from salesdesk.store.engine import open_database

    url = _server_url(args)
    if url is not None:
        from salesdesk.interop.server_backup import server_restore

        kept_dump = server_restore(url, args.file)
        db = open_database(url, notice=_notice)  # migrates a backup of an older version
        location = db.location
        db.close()
        print(_("Restored {file} into {db}").format(file=args.file, db=location))
        print(_("The previous database was kept at {kept}").format(kept=kept_dump))
        return 0
    path = _sqlite_path(args)
    kept = restore_backup(args.file, path)
    # Opening migrates a backup made by an older SalesDesk.
    open_database(str(path), notice=_notice).close()
    _echo(_("Restored {file} into {db}").format(file=args.file, db=path))
    if kept is not None:
        _echo(_("The previous database was kept at {kept}").format(kept=kept))
    return 0


def _latest_score(analysis: Analysis) -> Decimal | None:
    from salesdesk.domain.terms import Side

    ours = [s for s in analysis.offers if s.offer.side is Side.US and s.score is not None]
    return max(ours, key=lambda s: s.offer.round).score if ours else None


def cmd_packages(args: argparse.Namespace) -> int:
    from salesdesk.domain.meso import equivalent_packages
    from salesdesk.domain.preferences import value_str

    db = _open(args)
    try:
        sheet, analysis = _analysed(db, args.deal)
    finally:
        db.close()
    score = args.score if args.score is not None else _latest_score(analysis)
    if score is None:
        raise UserError(
            _("deal {id} has no scored offer of ours yet: give the score with --score N").format(
                id=args.deal
            )
        )
    packages = equivalent_packages(
        sheet.terms, score, analysis.batna_score, their_batna=analysis.their_batna_score
    )
    if args.json:
        _print_json(
            [
                {
                    "score": None if p.score is None else f"{p.score:.2f}",
                    "their_score": None if p.their_score is None else f"{p.their_score:.2f}",
                    "values": {k: value_str(v) for k, v in p.values.items()},
                    "moves": list(p.moves),
                }
                for p in packages
            ]
        )
        return 0
    from salesdesk.cli_text import packages_text

    print(packages_text(sheet, packages, score, analysis.target_score, language()))
    return 0


def cmd_frontier(args: argparse.Namespace) -> int:
    from salesdesk.domain.frontier import deal_map, thinned

    db = _open(args)
    try:
        sheet, analysis = _analysed(db, args.deal)
    finally:
        db.close()
    # Computed again (not analysis.deal_map) so a worksheet that cannot be scored from
    # both sides says which term is missing what.
    found = analysis.deal_map or deal_map(
        sheet.terms, analysis.batna_score, analysis.their_batna_score
    )
    if args.json:
        from salesdesk.interop.preferences_json import frontier_to_json

        _print_json(frontier_to_json(found))
        return 0
    from salesdesk.cli_text import frontier_text

    shown = thinned(found.frontier, found.nash)
    _echo(frontier_text(sheet, found, shown, language()))
    return 0


def cmd_team(args: argparse.Namespace) -> int:
    from salesdesk.store import team

    if args.team_command == "upgrade":
        return _team_upgrade(args)
    db = _open(args)
    try:
        if args.team_command == "init":
            team.init(db)
            print(
                _(
                    "Team set up on {db}: roles {rep} and {manager}, grants and row-level "
                    "security; deals are visible to the {visibility}."
                ).format(
                    db=db.location,
                    rep=team.REP,
                    manager=team.MANAGER,
                    visibility=_("whole team")
                    if team.visibility(db) == "team"
                    else _("owner and managers only"),
                )
            )
        elif args.team_command in ("add-rep", "add-manager"):
            manager = args.team_command == "add-manager"
            created = team.add_member(db, args.role, manager)
            print(
                (_("{role} is now a manager") if manager else _("{role} is now a rep")).format(
                    role=args.role
                )
                + (_(" (new login role: set its password on the server)") if created else "")
            )
        elif args.team_command == "limit":
            print(_limits_line(_set_limits(db, args)))
        else:
            team.set_visibility(db, args.visibility)
            print(
                _("Deals are now visible to the whole team")
                if args.visibility == "team"
                else _("Each deal is now visible to its owner and the managers only")
            )
    finally:
        db.close()
    return 0


def _team_upgrade(args: argparse.Namespace) -> int:
    """The lead's upgrade of a team server: a pg_dump first, then the migration (which
    takes the server's migration lock, so a second upgrade waits and finds it done)."""
    from salesdesk.interop.server_backup import server_backup
    from salesdesk.store import team
    from salesdesk.store.engine import open_database, schema_revision
    from salesdesk.store.migrate import SCHEMA_HEAD

    url = _server_url(args)
    if url is None:
        raise UserError(
            _("salesdesk team upgrade is for a team's PostgreSQL server; a file is upgraded "
              "by opening it.")
        )  # fmt: skip
    db = open_database(url, as_is=True, notice=_notice)
    try:
        location, before, lead = db.location, schema_revision(db), team.is_lead(db)
    finally:
        db.close()
    if before == SCHEMA_HEAD:
        print(_("The team server {db} is up to date.").format(db=location))
        return 0
    if not lead:
        raise UserError(
            _("Only the team's lead (the database's owner) upgrades the team server {db}.")
            .format(db=location)
        )  # fmt: skip
    backup = server_backup(url, args.backup)
    print(_("Backed up {db} to {file}").format(db=location, file=backup))
    open_database(url, upgrade_server=True).close()
    print(
        _("The team server {db} is upgraded (schema {before} → {after}).").format(
            db=location, before=before or "—", after=SCHEMA_HEAD
        )
    )
    return 0


def _set_limits(db: Database, args: argparse.Namespace) -> Any:
    from salesdesk.store import team

    def given(value: Decimal | str | None) -> object:
        if value is None:
            return team.KEEP
        return None if value == "none" else value

    if args.discount is None and args.amount is None:
        found = [m for m in team.members(db) if m.role == args.role]
        if not found:
            raise UserError(
                _(
                    "{role} is not on the team: add them first (salesdesk team add-rep {role})"
                ).format(role=args.role)
            )
        return found[0]
    return team.set_limits(db, args.role, amount=given(args.amount), discount=given(args.discount))


def _limits_line(member: Any) -> str:
    from salesdesk.domain.money import format_number

    lang = language()
    amount = (
        _("no limit")
        if member.max_concession_cost is None
        else format_number(member.max_concession_cost, lang)
    )
    discount = (
        _("no limit")
        if member.max_discount_pct is None
        else format_number(member.max_discount_pct, lang) + " %"
    )
    return _("{role}: concessions up to {amount}, discounts up to {discount}").format(
        role=member.role, amount=amount, discount=discount
    )


def cmd_price_effect(args: argparse.Namespace) -> int:
    from salesdesk.domain.money import format_number
    from salesdesk.domain.price import required_volume_increase

    increase = required_volume_increase(args.discount, args.margin)
    if args.json:
        _print_json({"required_volume_increase": f"{increase:.2f}"})
        return 0
    lang = language()
    _echo(
        _(
            "A {d} % discount at a {m} % gross margin needs {v} % more volume "
            "to keep the same gross profit."
        ).format(
            d=format_number(args.discount, lang),
            m=format_number(args.margin, lang),
            v=format_number(increase, lang, 2),
        )
    )
    return 0


def cmd_approvals(args: argparse.Namespace) -> int:
    from salesdesk.domain.money import format_money
    from salesdesk.interop import approvals

    db = _open(args)
    try:
        found = approvals.waiting(db)
    finally:
        db.close()
    if args.json:
        _print_json([w.as_json() for w in found])
        return 0
    if not found:
        _echo(_("No concession is waiting for approval."))
    for w in found:
        cost = _("no cost") if w.cost is None else format_money(w.cost, w.currency, language())
        _echo(
            _("Deal {deal} ({title}), entry {entry}: {what} — {cost}, rep {rep}").format(
                deal=w.deal, title=w.title, entry=w.entry, what=w.what, cost=cost, rep=w.rep
            )
        )
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    from salesdesk.interop import approvals

    db = _open(args)
    try:
        _echo(approvals.decide(db, args.deal, args.entry, not args.decline))
    finally:
        db.close()
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from salesdesk.interop import sync

    take = None
    if args.take:
        try:
            take = sync.Take(args.take[0])
        except ValueError:
            raise UserError(
                _("--take: choose mine or theirs, not {choice}").format(choice=args.take[0])
            ) from None
    db = _open(args)
    try:
        if take is not None:
            try:
                uid = sync.conflict_uid(db, args.take[1])
                print(sync.resolve(db, uid, take, args.server))
            except sync.SyncError as exc:
                raise UserError(str(exc)) from None
            return 0
        try:
            report = sync.sync(db, args.server, notice=_notice)
        except sync.SyncError as exc:
            raise UserError(str(exc)) from None
    finally:
        db.close()
    _echo(report.summary())
    warning = report.clock_warning()
    if warning:
        _notice(f"salesdesk: {warning}")
    # Lines that carry deal titles go through _echo: a title cannot drive the terminal.
    for conflict in report.conflicts:
        _notice(conflict.line())
    for error in report.errors:
        _notice(f"salesdesk: {error}")
    return 0 if report.ok else EXIT_USER_ERROR


_COMMANDS = {
    "sync": cmd_sync,
    "approvals": cmd_approvals,
    "approve": cmd_approve,
    "demo": cmd_demo,
    "deals": cmd_deals,
    "show": cmd_show,
    "export-deal": cmd_export_deal,
    "import-deal": cmd_import_deal,
    "brief": cmd_brief,
    "pack": cmd_pack,
    "ics": cmd_ics,
    "import": cmd_import,
    "team": cmd_team,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "packages": cmd_packages,
    "frontier": cmd_frontier,
    "counterpart": _loop_command("cmd_counterpart"),
    "next-offer": _loop_command("cmd_next_offer"),
    "rehearse": _loop_command("cmd_rehearse"),
    "price-effect": cmd_price_effect,
}
