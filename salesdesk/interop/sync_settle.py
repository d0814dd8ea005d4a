"""Settling a sync conflict: the fields both sides changed take the side the rep chooses,
the fields only one side changed keep that change; the result is written on the server,
then here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.merge import Clash, merge
from salesdesk.i18n import _
from salesdesk.interop.sync_package import (
    Unreadable,
    decisions_of,
    keep_servers_decisions,
    package_text,
    read_sheet,
    same,
)
from salesdesk.interop.sync_report import UNSEEN_MARK, SyncConflict, SyncError, Take, kind_of
from salesdesk.interop.sync_server import open_server, server_url
from salesdesk.store import deal_load, deals, settings
from salesdesk.store import sync_state as st
from salesdesk.store.engine import Database
from salesdesk.store.errors import StoreError


def _base(local: Database, uid: str) -> DealSheet | None:
    text = st.base(local, uid)
    try:
        return read_sheet(text) if text else None
    except Unreadable:
        return None


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
        elif (base := _base(local, uid)) is not None:
            title = base.title
        kind = kind_of(state.conflict, mine is not None)
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
    url = server_url(local, url)
    here = st.deals(local).get(uid)
    base = _base(local, uid)
    if here is None or base is None:
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
    _merged, found = merge(base, deal_load.load_deal(local, here.id), theirs)
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
    result on the server (carrying the server's approval decisions), then here. Returns
    one line saying what was done."""
    today = today or date.today()
    state = st.states(local).get(uid)
    if state is None or state.conflict is None:
        raise SyncError(_("Deal {deal} has no sync conflict to settle.").format(deal=uid))
    if state.conflict == UNSEEN_MARK:
        return _settle_unseen(local, uid, choose if isinstance(choose, Take) else Take.MINE)
    url = server_url(local, url)
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
        return _settle(local, server, local_id, uid, take, mine_wins, today)
    except StoreError as exc:
        raise SyncError(str(exc)) from exc
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc) or exc).splitlines()[0]
        raise SyncError(
            _("The server went away: {reason}. Nothing was lost; settle it again.").format(
                reason=reason
            )
        ) from exc
    finally:
        server.close()


def _settle(
    local: Database,
    server: Database,
    local_id: str,
    uid: str,
    take: Take,
    mine_wins: Callable[..., bool],
    today: date,
) -> str:
    here = st.deals(local).get(uid)
    with server.reading() as session:
        there = st.held(session, uid)
    mine = deal_load.load_deal(local, here.id) if here else None
    theirs = deal_load.load_deal(server, there.id) if there else None
    base = _base(local, uid)
    result: DealSheet | None
    if mine is not None and theirs is not None and base is not None:
        result, _clashes = merge(base, mine, theirs, mine_wins)
    else:
        result = mine if take is Take.MINE else theirs
    if result is None:
        if there is not None:
            with server.transaction() as session:
                if not deals.delete_deal_in(session, there.id, there.version):
                    if st.held(session, uid) == there:
                        raise SyncError(
                            _(
                                "The server refused the deletion of deal {deal}: your role "
                                "may not delete it. Bring it back with --take theirs."
                            ).format(deal=uid)
                        )
                    raise SyncError(_("it changed on the server meanwhile; sync again"))
        with local.transaction() as session:
            if here is not None and not deals.delete_deal_in(session, here.id, here.version):
                raise SyncError(_("it changed here meanwhile; sync again"))
            st.forget(session, uid)
        return _("Deal {deal}: deleted on both sides.").format(deal=uid)
    try:
        out = read_sheet(package_text(local_id, result, today))
    except Unreadable as exc:
        raise SyncError(_("the server cannot take it: {reason}").format(reason=exc)) from exc
    if theirs is not None and same(out, theirs):
        # The server's copy is the result already: nothing to write there.
        server_version, text = theirs.version, package_text(local_id, theirs, today)
    else:
        with server.transaction() as session:
            out = keep_servers_decisions(out, decisions_of(theirs) if theirs else {})
            if there is not None:
                out.id, out.version = there.id, there.version
            deal_id = deals.save_deal_in(session, out, today)
            written = deal_load.load_deal_in(session, deal_id)
        server_version, text = written.version, package_text(local_id, written, today)
    back = read_sheet(text)
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
    return _("Deal {id} ({title}) settled: the same version here and on the server.").format(
        id=deal_id, title=result.title
    )


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
