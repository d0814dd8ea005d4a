"""Syncing a laptop's database with the team's server, one deal at a time, as deal packages.

The laptop's SQLite file stays the place the rep works. A sync compares, deal by deal
(by uid), each side's version with the versions recorded at the last sync
(`sync_state`): a deal changed only here is sent, with the server version it started
from; a deal changed only on the server is brought here; a deal changed on both sides
is a conflict, even when different fields changed, and both sides stay as they are
until the rep settles it (`resolve`, the same field-by-field choice as the window's
conflict dialog). Deletions travel as tombstones; a deal deleted on one side and
changed on the other is a conflict too. Sample deals never travel.

Each deal is one transaction on each side, the server's first; the laptop records the
new state in the same transaction as the deal it writes. A sync killed between the two
leaves a deal whose content is already the same on both sides: the next sync sees that
and records it, so nothing is lost, doubled or reported as a conflict.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.merge import Clash, merge
from salesdesk.i18n import N_, _
from salesdesk.interop.package import deal_to_package, read_package
from salesdesk.store import deal_load, deals, settings
from salesdesk.store import sync_state as st
from salesdesk.store.engine import Database, open_database
from salesdesk.store.errors import DatabaseUnavailable, Login, StoreError

SERVER_KEY = "team.server"
LAST_SYNC_KEY = "team.last_sync"


NO_SERVER = N_("No team server is set: give --server URL, or set it in Settings → Team.")


class SyncError(Exception):
    """A sync that could not start or settle a deal; `str()` is one translated line."""


class Take(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"


class Kind(StrEnum):
    CHANGED = "changed"  # changed on both sides
    DELETED_HERE = "deleted_here"  # deleted here, changed on the server
    DELETED_THERE = "deleted_there"  # changed here, deleted on the server
    UNSEEN = "unseen"  # changed here, no longer shown to this rep by the server


# The sync state's `conflict` for a deal the server stopped showing to this rep.
UNSEEN_MARK = -1


@dataclass(frozen=True, slots=True)
class SyncConflict:
    uid: str
    deal_id: int | None  # the deal here (None: deleted here)
    title: str
    kind: Kind

    def what(self) -> str:
        if self.kind is Kind.UNSEEN:
            return _("changed here and is no longer shared with you on the server")
        if self.kind is Kind.DELETED_HERE:
            return _("deleted here and changed on the server")
        if self.kind is Kind.DELETED_THERE:
            return _("changed here and deleted on the server")
        return _("changed here and on the server")

    def line(self) -> str:
        name = str(self.deal_id) if self.deal_id is not None else self.uid
        what = self.what()
        if self.kind is Kind.UNSEEN:
            return _(
                "Conflict: deal {deal} ({title}) {what}; your copy is kept. Keep it as your "
                "own new deal with: salesdesk sync --take mine {deal} (or drop it with "
                "--take theirs {deal})"
            ).format(deal=name, title=self.title, what=what)
        return _(
            "Conflict: deal {deal} ({title}) was {what} since the last sync; both are kept. "
            "Settle it with: salesdesk sync --take mine {deal} (or --take theirs {deal})"
        ).format(deal=name, title=self.title, what=what)


@dataclass(slots=True)
class SyncReport:
    sent: int = 0
    received: int = 0
    deleted_there: int = 0
    deleted_here: int = 0
    # Copies of deals the server no longer shows to this rep, removed here.
    unshared: int = 0
    conflicts: list[SyncConflict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def moved(self) -> int:
        """Deals written on either side (0 for a sync with nothing to do)."""
        return self.sent + self.received + self.deleted_there + self.deleted_here + self.unshared

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.errors

    def summary(self) -> str:
        line = _(
            "Sync: {sent} sent, {received} received, {gone_there} deleted on the server, "
            "{gone_here} deleted here, {conflicts} in conflict."
        ).format(
            sent=self.sent,
            received=self.received,
            gone_there=self.deleted_there,
            gone_here=self.deleted_here,
            conflicts=len(self.conflicts),
        )
        if self.unshared:
            line += " " + _(
                "{count} no longer shared with you on the server, removed here."
            ).format(count=self.unshared)
        return line


# ---------------------------------------------------------------- settings


def server_setting(local: Database) -> str | None:
    return settings.get_setting(local, SERVER_KEY) or None


def remember_server(local: Database, url: str | None) -> None:
    """Keep the server's URL in the local database, never its password (libpq's
    ~/.pgpass or PGPASSWORD gives it)."""
    settings.set_setting(local, SERVER_KEY, without_password(url) if url else None)


def without_password(url: str) -> str:
    # URL.set() takes None as "unchanged": the field is cleared on the tuple itself.
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def last_sync(local: Database) -> datetime | None:
    text = settings.get_setting(local, LAST_SYNC_KEY)
    return datetime.fromisoformat(text) if text else None


def waiting(local: Database) -> int:
    """Deals changed here that the next sync sends."""
    return st.waiting(local)


# ---------------------------------------------------------------- packages


def _package(db_id: str, sheet: DealSheet) -> str:
    # Computed fields travel for the reader's eyes only: the frontier is not needed here.
    data = deal_to_package(sheet, analyse(sheet, date.today(), frontier=False), db_id)
    # A package shows the computed last contact, which an import takes as the recorded
    # date; between a laptop and its server the recorded one travels, so that the deal
    # is the same on both sides.
    data["last_contact"] = sheet.last_contact.isoformat() if sheet.last_contact else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _sheet(text: str) -> DealSheet:
    sheet, _provenance = read_package(text, "sync")
    return sheet


def _same(a: DealSheet, b: DealSheet) -> bool:
    """The same deal content, wherever stored (row ids and versions aside)."""
    return replace(a, id=None, version=0) == replace(b, id=None, version=0)


# ---------------------------------------------------------------- the exchange


def open_server(url: str, notice: Callable[[str], None] | None = None) -> Database:
    try:
        return open_database(url, notice=notice)
    except DatabaseUnavailable as exc:
        role = make_url(url).username or ""
        if exc.login is Login.PASSWORD_REFUSED:
            reason = _(
                "The team server refused the password of role {role}: correct it in "
                "~/.pgpass (server:port:database:role:password)."
            ).format(role=role)
        elif exc.login is Login.NO_PASSWORD:
            reason = _(
                "The team server asks for the password of role {role}: put it in "
                "~/.pgpass (server:port:database:role:password)."
            ).format(role=role)
        else:
            reason = _("The team server cannot be reached: {reason}").format(reason=exc)
        raise SyncError(reason) from exc


def sync(
    local: Database,
    url: str | None = None,
    *,
    notice: Callable[[str], None] | None = None,
    today: date | None = None,
) -> SyncReport:
    """Exchange every changed deal with the server at `url` (else the remembered one).

    Raises SyncError when there is no server or it cannot be reached; a failure
    part-way is an error line of the report, everything exchanged before it kept.
    """
    url = url or server_setting(local)
    if not url:
        raise SyncError(_(NO_SERVER))
    server = open_server(url, notice)
    try:
        report = _exchange(local, server, today or date.today())
    finally:
        server.close()
    if url != server_setting(local):
        remember_server(local, url)
    if not report.errors:
        settings.set_setting(local, LAST_SYNC_KEY, datetime.now(UTC).isoformat(timespec="seconds"))
    return report


def _exchange(local: Database, server: Database, today: date) -> SyncReport:
    report = SyncReport()
    try:
        local_id = settings.database_id(local)
        server_id = settings.database_id(server)
        here = st.deals(local)
        states = st.states(local)
        there = st.deals(server)
        gone_there = st.tombstones(server)
    except (SQLAlchemyError, DatabaseUnavailable) as exc:
        # The connection went before anything moved (a network cut, a server restart).
        report.errors.append(_stopped(exc))
        return report
    for uid in sorted(set(here) | set(states) | set(there)):
        mine, state, theirs = here.get(uid), states.get(uid), there.get(uid)
        if state is None:
            changed_here = mine is not None
            changed_there = theirs is not None
        else:
            changed_here = mine is None or mine.version != state.local_version
            changed_there = (
                theirs.version != state.server_version if theirs is not None else uid in gone_there
            )
        # Synced before, gone from the server without a tombstone this rep may read: the
        # server no longer shows it to this rep (made private, or in other hands). A rep
        # always sees their own deals, so it is someone else's now.
        unseen = (
            state is not None
            and state.server_version is not None
            and theirs is None
            and uid not in gone_there
        )
        if not (changed_here or changed_there or unseen):
            continue
        try:
            if unseen:
                assert state is not None
                _unseen(local, uid, mine, state, changed_here, report)
            elif changed_here and changed_there:
                _both_changed(local, server, uid, mine, theirs, report, local_id)
            elif changed_here and mine is not None:
                expected = state.server_version if state and state.server_version else 0
                _move(local, local_id, server, uid, expected, today, sending=True)
                report.sent += 1
            elif changed_here and state is not None and theirs is not None:
                with server.transaction() as session:
                    if not deals.delete_deal_in(session, theirs.id, state.server_version):
                        raise SyncError(_("it changed on the server during the sync"))
                with local.transaction() as session:
                    st.forget(session, uid)
                report.deleted_there += 1
            elif changed_here and state is not None:
                # Deleted here, and no longer on the server (or not visible to this role).
                with local.transaction() as session:
                    st.forget(session, uid)
            elif theirs is not None:
                expected = mine.version if mine is not None else 0
                _move(server, server_id, local, uid, expected, today, sending=False)
                report.received += 1
            elif mine is not None and state is not None:
                with local.transaction() as session:
                    if not deals.delete_deal_in(session, mine.id, state.local_version):
                        raise SyncError(_("it changed here during the sync"))
                    st.forget(session, uid)
                report.deleted_here += 1
        except (SyncError, StoreError) as exc:
            if not isinstance(exc, DatabaseUnavailable):
                report.errors.append(_("Deal {uid}: {reason}").format(uid=uid, reason=exc))
                continue
            report.errors.append(_stopped(exc))
            break
        except SQLAlchemyError as exc:
            # The server or the network went away: stop; what was exchanged is kept.
            report.errors.append(_stopped(exc))
            break
    return report


def _stopped(exc: BaseException) -> str:
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return _("The sync stopped: {reason}. Nothing was lost; the next sync goes on.").format(
        reason=reason
    )


def _move(
    source: Database,
    source_id: str,
    target: Database,
    uid: str,
    expected: int,
    today: date,
    *,
    sending: bool,
) -> None:
    """Copy the deal `uid` from one side to the other as a package, one transaction on
    each side: sending, the laptop is the source and the server the target; receiving,
    the other way round. A deal the target already holds is saved over only at
    `expected`, the version it had there at the last sync (else the save is refused).
    The laptop records the new state, in the same transaction as the deal when it is
    the target, and after the server's write when it sent the deal."""
    with source.reading() as session:
        sheet = deal_load.load_deal_in(session, st.held(session, uid).id)  # type: ignore[union-attr]
        text = _package(source_id, sheet)
    incoming = _sheet(text)

    def record(session: Session) -> None:
        # The version sent: an edit made here meanwhile is still waiting after this.
        server_version, local_version = (
            (incoming.version, sheet.version) if sending else (sheet.version, incoming.version)
        )
        st.record(
            session,
            uid,
            server_version=server_version,
            local_version=local_version,
            base=text,
            conflict=None,
        )

    with target.transaction() as session:
        found = st.held(session, uid)
        if found is not None:
            incoming.id, incoming.version = found.id, expected
        deals.save_deal_in(session, incoming, today)
        if not sending:
            record(session)
    if sending:
        with source.transaction() as session:
            record(session)


def _unseen(
    local: Database,
    uid: str,
    mine: st.Held | None,
    state: st.State,
    changed_here: bool,
    report: SyncReport,
) -> None:
    """A deal the server no longer shows to this rep: its copy here goes, unless it was
    changed here since the last sync (then it is a conflict: keep it as the rep's own new
    deal, or drop it)."""
    if mine is not None and changed_here:
        title = deal_load.load_deal(local, mine.id).title
        with local.transaction() as session:
            st.record(session, uid, conflict=UNSEEN_MARK)
        report.conflicts.append(SyncConflict(uid, mine.id, title, Kind.UNSEEN))
        return
    with local.transaction() as session:
        if mine is not None:
            if not deals.delete_deal_in(session, mine.id, state.local_version):
                raise SyncError(_("it changed here during the sync"))
            report.unshared += 1
        st.forget(session, uid)


def _both_changed(
    local: Database,
    server: Database,
    uid: str,
    mine: st.Held | None,
    theirs: st.Held | None,
    report: SyncReport,
    local_id: str,
) -> None:
    if mine is None and theirs is None:
        # Deleted on both sides: nothing left to say.
        with local.transaction() as session:
            st.forget(session, uid)
        return
    mine_sheet = theirs_sheet = None
    if mine is not None:
        mine_sheet = deal_load.load_deal(local, mine.id)
    if theirs is not None:
        theirs_sheet = deal_load.load_deal(server, theirs.id)
    if mine_sheet is not None and theirs_sheet is not None and _same(mine_sheet, theirs_sheet):
        # The same content on both sides (a sync cut short after the server's write).
        assert mine is not None and theirs is not None
        with local.transaction() as session:
            st.record(
                session,
                uid,
                server_version=theirs.version,
                local_version=mine.version,
                base=_package(local_id, mine_sheet),
                conflict=None,
            )
        return
    kind = (
        Kind.DELETED_HERE
        if mine is None
        else Kind.DELETED_THERE
        if theirs is None
        else Kind.CHANGED
    )
    title = (mine_sheet or theirs_sheet).title  # type: ignore[union-attr]
    with local.transaction() as session:
        st.record(session, uid, conflict=theirs.version if theirs is not None else 0)
    report.conflicts.append(SyncConflict(uid, mine.id if mine else None, title, kind))


# ---------------------------------------------------------------- settling a conflict


def pending_conflicts(local: Database) -> list[SyncConflict]:
    """The conflicts the last sync found and the rep has not settled yet."""
    here = st.deals(local)
    found = []
    for uid, state in sorted(st.states(local).items()):
        if state.conflict is None:
            continue
        mine = here.get(uid)
        title = ""
        if mine is not None:
            title = deal_load.load_deal(local, mine.id).title
        elif base := st.base(local, uid):
            title = _sheet(base).title
        kind = (
            Kind.DELETED_HERE
            if mine is None
            else Kind.UNSEEN
            if state.conflict == UNSEEN_MARK
            else Kind.DELETED_THERE
            if state.conflict == 0
            else Kind.CHANGED
        )
        found.append(SyncConflict(uid, mine.id if mine else None, title, kind))
    return found


def conflict_uid(local: Database, deal: str) -> str:
    """The uid of the deal named on the command line (its id here, or its uid)."""
    if deal.isdigit():
        for uid, held in st.deals(local).items():
            if held.id == int(deal):
                return uid
        raise SyncError(_("There is no deal {id}.").format(id=deal))
    return deal


def clashes(local: Database, uid: str, url: str | None = None) -> list[Clash]:
    """The fields both sides changed in a conflicting deal, each with both values (what
    the window's conflict dialog asks about); empty when one side deleted it."""
    url = url or server_setting(local)
    if not url:
        raise SyncError(_(NO_SERVER))
    here = st.deals(local).get(uid)
    base_text = st.base(local, uid)
    if here is None or not base_text:
        return []
    server = open_server(url)
    try:
        with server.reading() as session:
            there = st.held(session, uid)
            theirs = deal_load.load_deal_in(session, there.id) if there else None
    except SQLAlchemyError as exc:
        raise SyncError(str(getattr(exc, "orig", exc)).splitlines()[0]) from exc
    finally:
        server.close()
    if theirs is None:
        return []
    _merged, found = merge(_sheet(base_text), deal_load.load_deal(local, here.id), theirs)
    return found


def resolve(
    local: Database,
    uid: str,
    choose: Take | Callable[..., bool],
    url: str | None = None,
    *,
    today: date | None = None,
) -> str:
    """Settle a conflict: every field both sides changed takes `choose` (mine or theirs,
    or a predicate over merge.Clash, True for mine); a field only one side changed keeps
    that side's change. A deletion against a change keeps the chosen side. Writes the
    result on the server, then here. Returns one line saying what was done."""
    today = today or date.today()
    state = st.states(local).get(uid)
    if state is None or state.conflict is None:
        raise SyncError(_("Deal {deal} has no sync conflict to settle.").format(deal=uid))
    if state.conflict == UNSEEN_MARK:
        return _settle_unseen(local, uid, choose if isinstance(choose, Take) else Take.MINE)
    url = url or server_setting(local)
    if not url:
        raise SyncError(_(NO_SERVER))
    if isinstance(choose, Take):
        take = choose

        def mine_wins(_clash: object) -> bool:
            return take is Take.MINE
    else:
        mine_wins = choose
        take = Take.MINE
    local_id = settings.database_id(local)
    server = open_server(url)
    try:
        here = st.deals(local).get(uid)
        with server.reading() as session:
            there = st.held(session, uid)
        mine = deal_load.load_deal(local, here.id) if here else None
        theirs = deal_load.load_deal(server, there.id) if there else None
        base_text = st.base(local, uid)
        result: DealSheet | None
        if mine is not None and theirs is not None and base_text:
            result, _clashes = merge(_sheet(base_text), mine, theirs, mine_wins)
        elif mine is not None and theirs is not None:
            result = mine if take is Take.MINE else theirs
        else:
            result = mine if take is Take.MINE else theirs
        try:
            if result is None:
                if there is not None:
                    with server.transaction() as session:
                        if not deals.delete_deal_in(session, there.id, there.version):
                            raise SyncError(_("it changed on the server meanwhile; sync again"))
                with local.transaction() as session:
                    if here is not None and not deals.delete_deal_in(
                        session, here.id, here.version
                    ):
                        raise SyncError(_("it changed here meanwhile; sync again"))
                    st.forget(session, uid)
                return _("Deal {deal}: deleted on both sides.").format(deal=uid)
            text = _package(local_id, result)
            out = _sheet(text)
            with server.transaction() as session:
                if there is not None:
                    out.id, out.version = there.id, there.version
                deals.save_deal_in(session, out, today)
            server_version = out.version
            back = _sheet(text)
            with local.transaction() as session:
                if here is not None:
                    back.id, back.version = here.id, here.version
                deal_id = deals.save_deal_in(session, back, today)
                st.record(
                    session,
                    uid,
                    server_version=server_version,
                    local_version=back.version,
                    base=text,
                    conflict=None,
                )
        except StoreError as exc:
            raise SyncError(str(exc)) from exc
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", exc) or exc).splitlines()[0]
            raise SyncError(
                _("The server went away: {reason}. Nothing was lost; settle it again.").format(
                    reason=reason
                )
            ) from exc
        return _("Deal {id} ({title}) settled: the same version here and on the server.").format(
            id=deal_id, title=result.title
        )
    finally:
        server.close()


def _settle_unseen(local: Database, uid: str, take: Take) -> str:
    """A deal changed here that the server no longer shows to this rep: MINE keeps this
    copy as the rep's own new deal (a new uid: the next sync sends it as new), THEIRS
    drops it here. The server is not contacted."""
    with local.transaction() as session:
        here = st.held(session, uid)
        st.forget(session, uid)
        if here is None:
            return _("Deal {deal}: already gone here.").format(deal=uid)
        title = deal_load.load_deal_in(session, here.id).title
        if take is Take.MINE:
            st.renew_uid(session, here.id)
            return _(
                "Deal {id} ({title}) is now your own new deal; the next sync sends it."
            ).format(id=here.id, title=title)
        deals.delete_deal_in(session, here.id)
        return _("Deal {id} ({title}) dropped from this laptop.").format(id=here.id, title=title)
