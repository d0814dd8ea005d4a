"""The command line's grammar: every command, its arguments and their types.

Building it imports argparse and the translations only; what a command does is in its
`cmd_*` module, imported when it runs.
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from salesdesk import __version__
from salesdesk.cli.output import EXIT_USER_ERROR, write
from salesdesk.domain.errors import InputError
from salesdesk.i18n import _, language

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: the contract says one line on stderr.
        see = _("see")  # outside the f-string, where the catalogue's extractor finds it
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {message} ({see} {self.prog} --help)\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # Help, --version and the error line quote what was typed: shown, never obeyed.
        if message:
            write(message, cast("TextIO | None", file))


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


def _positive(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= 100:
        raise argparse.ArgumentTypeError(
            _("expected a whole number from 1 to 100, got {text!r}").format(text=text)
        )
    return int(text)


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a whole number, got {text!r}").format(text=text)
        ) from None


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
    brief.add_argument(
        "--lang", choices=["en", "fr"], help=_("the brief's language (default: the app's)")
    )

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
    pack.add_argument(
        "--lang", choices=["en", "fr"], help=_("the pack's language (default: the app's)")
    )

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
    _add_loop_parsers(commands)
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


def _add_loop_parsers(commands: argparse._SubParsersAction[_Parser]) -> None:
    """After the meeting: counterpart, next-offer, rehearse."""
    counterpart = commands.add_parser(
        "counterpart", help=_("their weights and likely walk-aways, read from their offers")
    )
    counterpart.add_argument("deal", metavar="DEAL", type=_deal_id)
    counterpart.add_argument("--json", action="store_true", help=_("print JSON"))
    nxt = commands.add_parser("next-offer", help=_("the package to put on the table next"))
    nxt.add_argument("deal", metavar="DEAL", type=_deal_id)
    nxt.add_argument("--json", action="store_true", help=_("print JSON"))
    rehearse = commands.add_parser(
        "rehearse",
        help=_("play against a simulated counterpart (JSON lines)"),
        description=_(
            'Reads our offers as JSON lines {"values": {"<term>": value}} on standard input '
            "and answers each with a line {round, action, values, score, their_score, "
            "aspiration}. A term an offer leaves out keeps our previous value. Nothing is "
            "stored."
        ),
    )
    rehearse.add_argument("deal", metavar="DEAL", type=_deal_id)
    rehearse.add_argument(
        "--tactic", choices=["boulware", "conceder", "tit-for-tat"], required=True
    )
    rehearse.add_argument(
        "--rounds",
        metavar="N",
        type=_positive,
        help=_("how many rounds they play (default: the deal's planned rounds, at least 3)"),
    )
    rehearse.add_argument(
        "--seed",
        metavar="N",
        type=_seed,
        help=_(
            "their aspiration then wanders up to 2 points each round, the same way for the "
            "same N (without it, the tactic's formula exactly)"
        ),
    )
