"""The team on its server: `team` (set-up, members, limits, upgrade), `approvals`,
`approve` and `sync`."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from salesdesk.cli.common import open_db, server_url
from salesdesk.cli.output import EXIT_USER_ERROR, UserError, echo, notice, print_json
from salesdesk.i18n import _, language

if TYPE_CHECKING:
    from salesdesk.store.engine import Database


def cmd_team(args: argparse.Namespace) -> int:
    from salesdesk.store import team

    if args.team_command == "upgrade":
        return _team_upgrade(args)
    db = open_db(args)
    try:
        if args.team_command == "init":
            team.init(db)
            echo(
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
            echo(
                (_("{role} is now a manager") if manager else _("{role} is now a rep")).format(
                    role=args.role
                )
                + (_(" (new login role: set its password on the server)") if created else "")
            )
        elif args.team_command == "limit":
            echo(_limits_line(_set_limits(db, args)))
        else:
            team.set_visibility(db, args.visibility)
            echo(
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

    url = server_url(args)
    if url is None:
        raise UserError(
            _("salesdesk team upgrade is for a team's PostgreSQL server; a file is upgraded "
              "by opening it.")
        )  # fmt: skip
    db = open_database(url, as_is=True, notice=notice)
    try:
        location, before, lead = db.location, schema_revision(db), team.is_lead(db)
    finally:
        db.close()
    if before == SCHEMA_HEAD:
        echo(_("The team server {db} is up to date.").format(db=location))
        return 0
    if not lead:
        raise UserError(
            _("Only the team's lead (the database's owner) upgrades the team server {db}.")
            .format(db=location)
        )  # fmt: skip
    backup = server_backup(url, args.backup)
    echo(_("Backed up {db} to {file}").format(db=location, file=backup))
    open_database(url, upgrade_server=True).close()
    echo(
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


def cmd_approvals(args: argparse.Namespace) -> int:
    from salesdesk.domain.money import format_money
    from salesdesk.interop import approvals

    db = open_db(args)
    try:
        found = approvals.waiting(db)
    finally:
        db.close()
    if args.json:
        print_json([w.as_json() for w in found])
        return 0
    if not found:
        echo(_("No concession is waiting for approval."))
    for w in found:
        cost = _("no cost") if w.cost is None else format_money(w.cost, w.currency, language())
        echo(
            _("Deal {deal} ({title}), entry {entry}: {what} — {cost}, rep {rep}").format(
                deal=w.deal, title=w.title, entry=w.entry, what=w.what, cost=cost, rep=w.rep
            )
        )
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    from salesdesk.interop import approvals

    db = open_db(args)
    try:
        echo(approvals.decide(db, args.deal, args.entry, not args.decline))
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
    db = open_db(args)
    try:
        if take is not None:
            try:
                uid = sync.conflict_uid(db, args.take[1])
                echo(sync.resolve(db, uid, take, args.server))
            except sync.SyncError as exc:
                raise UserError(str(exc)) from None
            return 0
        try:
            report = sync.sync(db, args.server, notice=notice)
        except sync.SyncError as exc:
            raise UserError(str(exc)) from None
    finally:
        db.close()
    echo(report.summary())
    warning = report.clock_warning()
    if warning:
        notice(f"salesdesk: {warning}")
    # Lines that carry deal titles go through _echo: a title cannot drive the terminal.
    for conflict in report.conflicts:
        notice(conflict.line())
    for error in report.errors:
        notice(f"salesdesk: {error}")
    return 0 if report.ok else EXIT_USER_ERROR
