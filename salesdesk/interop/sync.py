"""Syncing a laptop's database with the team's server, one deal at a time, as deal packages.

The laptop's SQLite file stays the place the rep works. A sync compares, deal by deal
(by uid), each side's version with the versions recorded at the last sync
(`sync_state`): a deal changed only here is sent, with the server version it started
from; a deal changed only on the server is brought here; a deal changed on both sides
is a conflict, even when different fields changed, and both sides stay as they are
until the rep settles it (`resolve`, the same field-by-field choice as the window's
conflict dialog) — except a manager's decision on an approval, which is the server's
own and never makes a conflict. Deletions travel as tombstones; a deal deleted on one
side and changed on the other is a conflict too, and so is a deletion the server's
rules refuse. Sample deals never travel.

Each deal is its own step: one transaction on each side, the server's first; the laptop
records the new state in the same transaction as the deal it writes. A deal one side
cannot take (a field past today's limits, a rule of the server) is listed with the
reason and stays waiting; the others go. A sync killed between the two transactions
leaves a deal whose content is already the same on both sides: the next sync sees that
and records it, so nothing is lost, doubled or reported as a conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.i18n import _
from salesdesk.interop.sync_package import (
    Unreadable,
    decisions_of,
    keep_servers_decisions,
    package_text,
    read_sheet,
    same,
    same_decisions,
    without_decisions,
)
from salesdesk.interop.sync_report import (
    REFUSED_MARK,
    UNSEEN_MARK,
    Kind,
    SyncConflict,
    SyncError,
    SyncReport,
    Take,
)
from salesdesk.interop.sync_server import clock_off as _clock_off
from salesdesk.interop.sync_server import (
    last_sync,
    mark_synced,
    open_server,
    remember_server,
    server_now,
    server_setting,
    server_url,
    without_password,
)
from salesdesk.interop.sync_settle import clashes, conflict_uid, pending_conflicts, resolve
from salesdesk.store import approvals as store_approvals
from salesdesk.store import deal_load, deals, settings
from salesdesk.store import sync_state as st
from salesdesk.store.engine import Database
from salesdesk.store.errors import (
    Busy,
    DatabaseUnavailable,
    Refused,
    StoreError,
    connection_lost,
    is_busy,
)

__all__ = [
    "Kind",
    "SyncConflict",
    "SyncError",
    "SyncReport",
    "Take",
    "clashes",
    "conflict_uid",
    "last_sync",
    "pending_conflicts",
    "remember_server",
    "resolve",
    "server_setting",
    "sync",
    "waiting",
    "without_password",
]

Progress = Callable[[int, int], None]


def waiting(local: Database) -> int:
    """Deals changed here that the next sync sends."""
    return st.waiting(local)


def sync(
    local: Database,
    url: str | None = None,
    *,
    notice: Callable[[str], None] | None = None,
    today: date | None = None,
    clock: Callable[[], datetime] | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Exchange every changed deal with the server at `url` (else the remembered one).

    Raises SyncError when there is no server or it cannot be reached; a deal that cannot
    move is an error line of the report (it stays waiting), the others go. `clock` is
    this computer's (checked against the server's); `progress(done, total)` is called
    before each deal's step.
    """
    url = server_url(local, url)
    server = open_server(url, notice)
    report = SyncReport()
    there_now: datetime | None = None
    try:
        if url != server_setting(local):
            remember_server(local, url)  # reached: remembered, whatever happens next
        try:
            there_now = server_now(server)
        except (SQLAlchemyError, StoreError) as exc:
            report.errors.append(_stopped(exc))
            return report
        here_now = clock() if clock is not None else datetime.now(UTC)
        report.clock_off = _clock_off(here_now, there_now)
        _Exchange(local, server, today or date.today(), report).run(progress)
    finally:
        server.close()
    if not report.errors:
        mark_synced(local, there_now)
    return report


def _reason(exc: BaseException) -> str:
    """Why, in one translated clause (no full stop of its own): our messages as they are,
    a lost connection or a busy server in our words, else the server's own (in its
    language)."""
    if isinstance(exc, StoreError | SyncError | InputError | Unreadable):
        said = str(exc)
    elif is_busy(exc):
        said = str(Busy(None))
    elif connection_lost(exc):
        said = _("the connection to the team server was lost (a network cut, or a restart)")
    else:
        said = str(getattr(exc, "orig", None) or exc)
    lines = said.strip().splitlines()
    return lines[0].rstrip(". ") if lines else ""


def _stopped(exc: BaseException) -> str:
    return _("The sync stopped: {reason}. Nothing was lost; the next sync goes on.").format(
        reason=_reason(exc)
    )


def _cut(exc: BaseException) -> bool:
    """The connection went (a network cut, a server restart), as opposed to one deal the
    other side refused: the sync stops, what was exchanged is kept."""
    if isinstance(exc, DatabaseUnavailable):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError)


class _Skipped(Exception):
    """The deal moved on one side while the sync ran: left for the next sync."""


class _Exchange:
    """One sync: a look at both sides, then one step per deal that changed."""

    def __init__(self, local: Database, server: Database, today: date, report: SyncReport):
        self.local, self.server, self.today, self.report = local, server, today, report
        self.title = ""  # the title of the deal at hand, for its error line

    def run(self, progress: Progress | None) -> None:
        try:
            self.local_id = settings.database_id(self.local)
            self.server_id = settings.database_id(self.server)
            here = st.deals(self.local)
            states = st.states(self.local)
            there = st.deals(self.server)
            gone_there = st.tombstones(self.server)
        except (SQLAlchemyError, StoreError) as exc:
            self.report.errors.append(_stopped(exc))
            return
        steps = []
        for uid in sorted(set(here) | set(states) | set(there)):
            mine, state, theirs = here.get(uid), states.get(uid), there.get(uid)
            if state is None:
                changed_here, changed_there = mine is not None, theirs is not None
            else:
                changed_here = mine is None or mine.version != state.local_version
                changed_there = (
                    theirs.version != state.server_version
                    if theirs is not None
                    else uid in gone_there
                )
            # Synced before, gone from the server without a tombstone this rep may read:
            # the server no longer shows it to this rep (made private, or in other hands).
            unseen = (
                state is not None
                and state.server_version is not None
                and theirs is None
                and uid not in gone_there
            )
            if changed_here or changed_there or unseen:
                steps.append((uid, mine, state, theirs, changed_here, changed_there, unseen))
        for done, (uid, mine, *rest) in enumerate(steps):
            if progress is not None:
                progress(done, len(steps))
            self.title = ""
            try:
                self.step(uid, mine, *rest)  # type: ignore[arg-type]
            except _Skipped:
                continue
            except (SQLAlchemyError, StoreError, SyncError, InputError, Unreadable) as exc:
                if _cut(exc):
                    self.report.errors.append(_stopped(exc))
                    break
                self.report.errors.append(self.refusal(uid, mine, exc))
        if progress is not None:
            progress(len(steps), len(steps))

    def refusal(self, uid: str, mine: st.Held | None, exc: BaseException) -> str:
        """One line: the deal that did not move and why; it stays waiting."""
        reason = _reason(exc)
        name = str(mine.id) if mine is not None else uid
        title = self.title if len(self.title) <= 60 else self.title[:59] + "…"
        return _("Deal {deal} ({title}) did not move: {reason}").format(
            deal=name, title=title, reason=reason
        )

    def step(
        self,
        uid: str,
        mine: st.Held | None,
        state: st.State | None,
        theirs: st.Held | None,
        changed_here: bool,
        changed_there: bool,
        unseen: bool,
    ) -> None:
        report = self.report
        if unseen:
            assert state is not None
            self.unseen(uid, mine, state, changed_here)
        elif changed_here and changed_there:
            self.both_changed(uid, mine, theirs)
        elif changed_here and mine is not None:
            expected = state.server_version if state and state.server_version else 0
            self.send(uid, expected)
            report.sent += 1
        elif changed_here and state is not None and theirs is not None:
            self.delete_there(uid, theirs, state.server_version)
        elif changed_here and state is not None:
            # Deleted here, and no longer on the server (or not visible to this role).
            with self.local.transaction() as session:
                st.forget(session, uid)
        elif theirs is not None:
            self.receive(uid, mine.version if mine is not None else 0)
            report.received += 1
        elif mine is not None and state is not None:
            with self.local.transaction() as session:
                if not deals.delete_deal_in(session, mine.id, state.local_version):
                    raise SyncError(_("it changed here during the sync"))
                st.forget(session, uid)
            report.deleted_here += 1

    # ------------------------------------------------------------ the steps

    def send(self, uid: str, expected: int) -> None:
        """The laptop's deal written on the server at `expected` (the version it had
        there at the last sync; 0: a new deal), carrying the server's own decisions;
        then recorded here, with the server's word brought back when it differs."""
        with self.local.reading() as session:
            here = st.held(session, uid)
            if here is None:
                raise _Skipped  # deleted here meanwhile: the next sync carries it
            sheet = deal_load.load_deal_in(session, here.id)
        self.title = sheet.title
        try:
            outgoing = read_sheet(package_text(self.local_id, sheet, self.today))
        except Unreadable as exc:
            raise SyncError(_("the server cannot take it: {reason}").format(reason=exc)) from exc
        with self.server.transaction() as session:
            found = st.held(session, uid)
            if found is None and expected:
                raise _Skipped  # deleted on the server meanwhile: the next sync says so
            on_server = store_approvals.decisions_in(session, found.id) if found else {}
            outgoing = keep_servers_decisions(outgoing, on_server)
            if found is not None:
                outgoing.id, outgoing.version = found.id, expected
            deal_id = deals.save_deal_in(session, outgoing, self.today)
            # The deal as the server keeps it: its rules may have decided more than the
            # laptop sent (an approval needed, a last contact in the future not taken).
            result = deal_load.load_deal_in(session, deal_id)
        self.record(uid, sheet, result)

    def record(self, uid: str, sheet: DealSheet, result: DealSheet) -> None:
        """Record here that the server holds `result` for the laptop's `sheet`; when the
        server's word differs (its decisions, a field it did not take), it is written
        here too, unless the deal was edited here meanwhile (that edit is still
        waiting): the laptop's copy is the server's."""
        text = package_text(self.server_id, result, self.today)
        local_version = sheet.version
        with self.local.transaction() as session:
            if not (same_decisions(result, sheet) and same(result, sheet)):
                now = st.held(session, uid)
                if now is not None and now.version == sheet.version:
                    back = read_sheet(text)
                    back.id, back.version = now.id, now.version
                    deals.save_deal_in(session, back, self.today)
                    local_version = back.version
                    self.report.corrected += 1
            st.record(
                session,
                uid,
                server_version=result.version,
                local_version=local_version,
                base=text,
                conflict=None,
            )

    def receive(self, uid: str, expected: int) -> None:
        """The server's deal written here at `expected` (its version here at the snapshot)."""
        with self.server.reading() as session:
            found = st.held(session, uid)
            if found is None:
                raise _Skipped  # deleted on the server meanwhile: the next sync brings it
            sheet = deal_load.load_deal_in(session, found.id)
        self.title = sheet.title
        text = package_text(self.server_id, sheet, self.today)
        try:
            incoming = read_sheet(text)
        except Unreadable as exc:
            raise SyncError(_("this laptop cannot take it: {reason}").format(reason=exc)) from exc
        with self.local.transaction() as session:
            now = st.held(session, uid)
            if now is not None:
                incoming.id, incoming.version = now.id, expected
            deals.save_deal_in(session, incoming, self.today)
            st.record(
                session,
                uid,
                server_version=sheet.version,
                local_version=incoming.version,
                base=text,
                conflict=None,
            )

    def delete_there(self, uid: str, theirs: st.Held, version: int | None) -> None:
        """Deleted here: deleted on the server (at `version`, the one it had there at the
        last sync), unless it changed there meanwhile or the server's rules refuse it (a
        conflict the rep settles; never a wall)."""
        try:
            with self.server.transaction() as session:
                if not deals.delete_deal_in(session, theirs.id, version):
                    still = st.held(session, uid)
                    if still is None or still.version != version:
                        raise SyncError(_("it changed on the server during the sync"))
                    raise Refused(_("the server refused the deletion"))
        except Refused:
            base = st.base(self.local, uid)
            try:
                self.title = read_sheet(base).title if base else ""
            except Unreadable:
                self.title = ""
            with self.local.transaction() as session:
                st.record(session, uid, conflict=REFUSED_MARK)
            self.report.conflicts.append(SyncConflict(uid, None, self.title, Kind.REFUSED))
            return
        with self.local.transaction() as session:
            st.forget(session, uid)
        self.report.deleted_there += 1

    def unseen(self, uid: str, mine: st.Held | None, state: st.State, changed_here: bool) -> None:
        """A deal the server no longer shows to this rep: its copy here goes, unless it was
        changed here since the last sync (then it is a conflict: keep it as the rep's own
        new deal, or drop it)."""
        if mine is not None and changed_here:
            title = deal_load.load_deal(self.local, mine.id).title
            with self.local.transaction() as session:
                st.record(session, uid, conflict=UNSEEN_MARK)
            self.report.conflicts.append(SyncConflict(uid, mine.id, title, Kind.UNSEEN))
            return
        with self.local.transaction() as session:
            if mine is not None:
                if not deals.delete_deal_in(session, mine.id, state.local_version):
                    raise SyncError(_("it changed here during the sync"))
                self.report.unshared += 1
            st.forget(session, uid)

    def both_changed(self, uid: str, mine: st.Held | None, theirs: st.Held | None) -> None:
        if mine is None and theirs is None:
            # Deleted on both sides: nothing left to say.
            with self.local.transaction() as session:
                st.forget(session, uid)
            return
        mine_sheet = deal_load.load_deal(self.local, mine.id) if mine is not None else None
        theirs_sheet = deal_load.load_deal(self.server, theirs.id) if theirs is not None else None
        self.title = (mine_sheet or theirs_sheet).title  # type: ignore[union-attr]
        if mine_sheet is not None and theirs_sheet is not None:
            assert theirs is not None
            theirs_decided = keep_servers_decisions(mine_sheet, decisions_of(theirs_sheet))
            if same(theirs_decided, theirs_sheet):
                # The same content on both sides, the server's decisions aside (a sync cut
                # short after the server's write): recorded, the server's word brought here.
                self.record(uid, mine_sheet, theirs_sheet)
                return
            if self.only_decided_there(uid, theirs_sheet):
                # A manager's decision is all that changed there: the rep's edits go.
                self.send(uid, theirs.version)
                self.report.sent += 1
                return
        elif (
            theirs is not None
            and theirs_sheet is not None
            and self.only_decided_there(uid, theirs_sheet)
        ):
            # Deleted here; a manager's decision is all that changed there: it goes.
            self.delete_there(uid, theirs, theirs.version)
            return
        kind = (
            Kind.DELETED_HERE
            if mine is None
            else Kind.DELETED_THERE
            if theirs is None
            else Kind.CHANGED
        )
        with self.local.transaction() as session:
            st.record(session, uid, conflict=theirs.version if theirs is not None else 0)
        self.report.conflicts.append(SyncConflict(uid, mine.id if mine else None, self.title, kind))

    def only_decided_there(self, uid: str, theirs: DealSheet) -> bool:
        """Whether the server's copy differs from the last synced one, and only by
        approval decisions (the server's own)."""
        base = st.base(self.local, uid)
        try:
            before = read_sheet(base) if base else None
        except Unreadable:
            return False
        return (
            before is not None
            and not same(before, theirs)
            and same(without_decisions(before), without_decisions(theirs))
        )
