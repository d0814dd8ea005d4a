"""A sync never sticks: a manager's approval on the server, a deal the other side cannot
take, a deletion the server refuses, a deal deleted on the server while the sync runs —
each is one deal's business; the others go, and the next sync goes on. Two laptops (two
SQLite files) and the team's real PostgreSQL server, each rep connected as their role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from salesdesk.domain.deal import Meeting
from salesdesk.domain.ledger import EntryStatus, Giver
from salesdesk.interop import sync
from salesdesk.interop.demo import sample_sheets
from salesdesk.store import approvals, deal_load, deals
from salesdesk.store import sync_state as st
from salesdesk.store.engine import Database, open_database
from tests.team import test_rls
from tests.team.test_sync import add_deals, by_uid, deal, edit, run_cli

pytestmark = [pytest.mark.server]
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date.today()


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Callable[[str], Database]]:
    made: list[Database] = []

    def make(name: str) -> Database:
        db = open_database(str(tmp_path / f"{name}-laptop.db"))
        made.append(db)
        return db

    yield make
    for db in made:
        db.close()


def _with_approval_to_ask(title: str = "Telematics") -> tuple:
    sheet = replace(sample_sheets(TODAY)["telematics-en"], uid=None, title=title)
    entry = sheet.ledger[0]
    entry.needs_approval, entry.approved, entry.declined = True, False, False
    entry.approved_by, entry.approved_at = "", None
    entry.giver, entry.status = Giver.US, EntryStatus.OFFERED
    return sheet, entry


def _on_server(url: str, uid: str):
    db = open_database(url)
    try:
        return deal(db, uid)
    finally:
        db.close()


def test_a_managers_approval_on_the_server_never_blocks_the_reps_sync(team, laptop):
    urls, roles = team
    a = laptop("a")
    sheet, entry = _with_approval_to_ask()
    deals.save_deal(a, sheet, today=TODAY)
    assert sync.sync(a, urls["a"]).sent == 1
    uid = next(iter(st.deals(a)))
    manager = open_database(urls["m"])
    try:
        approvals.decide_approval(manager, st.deals(manager)[uid].id, entry.uid, True)
        # The server's clock stamps the decision to the microsecond.
        stamped = next(e for e in deal(manager, uid).ledger if e.uid == entry.uid).approved_at
        assert stamped is not None and stamped.microsecond != 0
    finally:
        manager.close()
    assert sync.sync(a).received == 1
    got = next(e for e in deal(a, uid).ledger if e.uid == entry.uid)
    assert got.approved and got.approved_at is not None
    assert got.approved_at.microsecond == stamped.microsecond  # the package lost nothing

    # The rep edits the deal on the laptop, more than once: every sync sends it.
    for n in range(2):
        edit(a, uid, lambda s, n=n: setattr(s, "title", f"Edited after the approval {n}"))
        report = sync.sync(a)
        assert report.ok and report.sent == 1, (report.errors, report.conflicts)
        on_server = _on_server(urls["a"], uid)
        assert on_server.title == f"Edited after the approval {n}"
        approved = next(e for e in on_server.ledger if e.uid == entry.uid)
        assert approved.approved and approved.approved_by == roles["m"]
    assert sync.sync(a).moved == 0


def _synced_then_forged(a: Database, url: str, title: str) -> tuple:
    """A deal with a concession waiting for approval, synced; then, on the laptop, the
    concession ticked approved by the rep himself and the deal retitled `title`."""
    sheet, entry = _with_approval_to_ask()
    deals.save_deal(a, sheet, today=TODAY)
    assert sync.sync(a, url).sent == 1
    uid = next(iter(st.deals(a)))

    def forge(s) -> None:
        mine = next(e for e in s.ledger if e.uid == entry.uid)
        mine.approved, mine.approved_by = True, "Myself"
        s.title = title

    edit(a, uid, forge)
    return uid, entry


def test_a_laptop_never_sends_an_approval_and_its_other_edits_go(team, laptop):
    """The rep's own file lets him tick his concession approved (on SQLite he is his own
    manager): the server keeps its own decision, takes the rest, and the laptop ends with
    the server's word."""
    urls, _roles = team
    a = laptop("a")
    uid, entry = _synced_then_forged(a, urls["a"], "Forged and edited")
    report = sync.sync(a)
    assert report.ok and report.sent == 1, (report.errors, report.conflicts)
    on_server = _on_server(urls["m"], uid)
    assert on_server.title == "Forged and edited"
    kept = next(e for e in on_server.ledger if e.uid == entry.uid)
    assert not kept.approved and kept.approved_by == ""
    here = next(e for e in deal(a, uid).ledger if e.uid == entry.uid)
    assert not here.approved and here.approved_by == ""  # the server's word, here too
    assert sync.sync(a).moved == 0

    # A new deal born approved on the laptop reaches the server waiting for a manager.
    new, new_entry = _with_approval_to_ask("Born approved")
    new_entry.approved, new_entry.approved_by = True, "Myself"
    deals.save_deal(a, new, today=TODAY)
    report = sync.sync(a)
    assert report.ok and report.sent == 1, report.errors
    manager = open_database(urls["m"])
    try:
        assert new_entry.what in [r.what for r in approvals.approvals_waiting(manager)]
    finally:
        manager.close()


def test_under_private_visibility_a_rep_deletes_his_own_deals(team, laptop, cli_env):
    urls, _roles = team
    assert run_cli(cli_env, "--db", urls["m"], "team", "visibility", "private").returncode == 0
    a, b = laptop("a"), laptop("b")
    add_deals(a, 2, prefix="A's ")
    add_deals(b, 2, prefix="B's ")
    assert sync.sync(b, urls["b"]).sent == 2
    assert sync.sync(a, urls["a"]).sent == 2
    gone = sorted(st.deals(a))[0]
    deals.delete_deal(a, st.deals(a)[gone].id)
    for _attempt in range(2):
        report = sync.sync(a)
        assert report.ok, (report.errors, report.conflicts)
    assert report.moved == 0
    manager = open_database(urls["m"])
    try:
        assert gone not in st.deals(manager)
        assert len(st.deals(manager)) == 3  # b's deals and accounts untouched
        assert all(s.account for s in by_uid(manager).values())
    finally:
        manager.close()
    assert sync.sync(b).ok and len(st.deals(b)) == 2


def test_a_refused_delete_of_a_colleagues_deal_is_a_conflict_settled_with_theirs(
    team, laptop, cli_env
):
    urls, _roles = team
    a, b = laptop("a"), laptop("b")
    add_deals(a, 2, prefix="A's ")
    assert sync.sync(a, urls["a"]).sent == 2
    assert sync.sync(b, urls["b"]).received == 2
    colleagues = sorted(st.deals(b))[0]
    deals.delete_deal(b, st.deals(b)[colleagues].id)
    add_deals(b, 1, prefix="B's own ")
    report = sync.sync(b)
    # Either the server refused the deletion (a conflict to settle) or, on a server
    # that lets any rep delete under team visibility, it went: never an error wall.
    assert not report.errors, report.errors
    assert report.sent == 1
    if report.conflicts:
        assert [(c.uid, c.kind) for c in report.conflicts] == [(colleagues, sync.Kind.REFUSED)]
        assert "refused" in report.conflicts[0].line()
        again = sync.sync(b)
        assert not again.errors and [c.uid for c in again.conflicts] == [colleagues]
        b.close()
        settled = run_cli(cli_env, "--db", b.location, "sync", "--take", "theirs", colleagues)
        assert settled.returncode == 0, settled.stderr
        b = open_database(b.location)
        try:
            assert deal(b, colleagues).title.startswith("A's ")
            after = sync.sync(b)
            assert after.ok and after.moved == 0
        finally:
            b.close()
        assert colleagues in st.deals(a)
    else:
        assert report.deleted_there == 1


def test_one_deal_the_other_side_cannot_take_stays_waiting_and_the_others_go(team, laptop, cli_env):
    """A release-1 title over today's 200 characters (kept, flagged, on the laptop) and a
    25,000-character agenda written on the server: each is listed with its reason and
    stays waiting; every other deal goes both ways, and the server is remembered."""
    urls, _roles = team
    a = laptop("a")
    ids = add_deals(a, 6, prefix="Fine ")
    long_title = "Release one " + "t" * 240
    with a.engine.begin() as conn:  # as a first release stored it
        conn.execute(
            text("UPDATE deal SET title = :t WHERE id = :i"), {"t": long_title, "i": ids[2]}
        )
    stuck_here = deal_load.load_deal(a, ids[2]).uid
    other = laptop("other")
    add_deals(other, 2, prefix="Server ")
    assert sync.sync(other, urls["b"]).sent == 2
    manager = open_database(urls["m"])
    try:
        uid_there = sorted(st.deals(manager))[0]
        long_agenda = replace(deal(manager, uid_there))
        long_agenda.meetings.append(Meeting(date=TODAY, title="Long one", agenda="a " * 12_500))
        deals.save_deal(manager, long_agenda, today=TODAY)
    finally:
        manager.close()

    a.close()
    done = run_cli(cli_env, "--db", a.location, "sync", "--server", urls["a"])
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "5 sent, 1 received" in done.stdout, done.stdout
    problems = done.stderr.splitlines()
    assert len(problems) == 2, done.stderr
    assert any(f"Deal {ids[2]} (" in line and "200" in line for line in problems), problems
    assert any("agenda" in line and "20000" in line.replace(",", "") for line in problems)
    a = open_database(a.location)
    try:
        assert sync.server_setting(a) == urls["a"]
        assert sync.waiting(a) == 1  # the long title waits here
        again = sync.sync(a)
        assert again.sent == again.received == 0 and len(again.errors) == 2
        # Mended on each side, both go.
        edit(a, stuck_here, lambda s: setattr(s, "title", "Release one, shortened"))
        manager = open_database(urls["m"])
        try:
            mended = deal(manager, uid_there)
            next(m for m in mended.meetings if m.title == "Long one").agenda = "short now"
            deals.save_deal(manager, mended, today=TODAY)
        finally:
            manager.close()
        last = sync.sync(a)
        assert last.ok and last.sent == 1 and last.received == 1, last.errors
    finally:
        a.close()


def test_a_deal_deleted_on_the_server_while_the_sync_runs_never_crashes_it(
    team, laptop, monkeypatch
):
    """Between the sync's look at the server and its reading of the deal, a colleague
    deletes it: the sync goes on with the others, and the next one brings the deletion."""
    urls, _roles = team
    a, b = laptop("a"), laptop("b")
    add_deals(a, 3)
    assert sync.sync(a, urls["a"]).sent == 3
    assert sync.sync(b, urls["b"]).received == 3
    first, second, third = sorted(st.deals(a))
    edit(a, first, lambda s: setattr(s, "title", "Changed on the server"))
    edit(a, third, lambda s: setattr(s, "title", "Changed on the server too"))
    assert sync.sync(a).sent == 2
    edit(b, second, lambda s: setattr(s, "title", "Changed on B"))

    real = st.tombstones

    def deleted_meanwhile(db: Database) -> dict[str, int]:
        found = real(db)
        if not db.is_sqlite:  # right after the snapshot of the server's deals
            rep_a = open_database(urls["a"])
            try:
                deals.delete_deal(rep_a, st.deals(rep_a)[first].id)
            finally:
                rep_a.close()
        return found

    monkeypatch.setattr(st, "tombstones", deleted_meanwhile)
    report = sync.sync(b)
    monkeypatch.undo()
    assert report.sent == 1 and report.received == 1, (report.errors, report.conflicts)
    assert deal(b, third).title == "Changed on the server too"
    after = sync.sync(b)
    assert after.ok and after.deleted_here == 1, (after.errors, after.conflicts)
    assert first not in st.deals(b)


def test_a_second_reps_import_of_an_export_another_rep_imported_works(team, tmp_path, cli_env):
    """Private visibility: the CRM record id is unique per owner, so rep B imports the
    export rep A imported before him, and gets his own deals."""
    urls, roles = team
    assert run_cli(cli_env, "--db", urls["m"], "team", "visibility", "private").returncode == 0
    export = tmp_path / "hubspot.csv"
    export.write_text(
        "Record ID,Deal Name,Associated Company,Amount,Deal Stage,Close Date\n"
        "101,Fleet renewal,Acme Logistics,12000,Contract sent,2027-03-01\n"
        "102,Cold storage,Borealis Foods,8000,Qualified to buy,2027-04-01\n",
        encoding="utf-8",
    )
    for rep in ("a", "b"):
        done = run_cli(cli_env, "--db", urls[rep], "import", str(export), "--source", "hubspot")
        assert done.returncode == 0, done.stderr
        assert "2" in done.stdout
    again = run_cli(cli_env, "--db", urls["b"], "import", str(export), "--source", "hubspot")
    assert again.returncode == 0, again.stderr
    manager = open_database(urls["m"])
    try:
        with manager.engine.connect() as conn:
            owners = conn.execute(
                text("SELECT owner_role, count(*) FROM deal GROUP BY owner_role ORDER BY 1")
            ).all()
    finally:
        manager.close()
    assert owners == sorted([(roles["a"], 2), (roles["b"], 2)])


def test_a_sync_cut_after_the_server_took_a_deal_ends_at_the_next_without_conflict(
    team, laptop, monkeypatch
):
    """The server took the laptop's deal (and kept its own decision on an approval the
    laptop forged); the connection went before the laptop recorded it. The next sync
    finds the laptop's content on the server and records it, the server's word here."""
    from sqlalchemy.exc import OperationalError

    from salesdesk.interop.sync import _Exchange

    urls, _roles = team
    a = laptop("a")
    uid, entry = _synced_then_forged(a, urls["a"], "Edited, then cut")

    def cut(self, *args) -> None:
        raise OperationalError("record", {}, Exception("server closed the connection"))

    monkeypatch.setattr(_Exchange, "record", cut)
    first = sync.sync(a)
    assert first.errors and "The sync stopped" in first.errors[0]
    monkeypatch.undo()
    assert _on_server(urls["m"], uid).title == "Edited, then cut"
    again = sync.sync(a)
    assert again.ok, (again.errors, again.conflicts)
    here = deal(a, uid)
    assert here.title == "Edited, then cut"
    assert not next(e for e in here.ledger if e.uid == entry.uid).approved
    assert sync.sync(a).moved == 0


def test_a_managers_decision_while_the_rep_worked_offline_is_no_conflict(team, laptop):
    """The manager decides on the server while the rep, offline, edits one deal and
    deletes another: the edit and the deletion go, the decision stays, no conflict."""
    urls, roles = team
    a = laptop("a")
    edited, entry = _with_approval_to_ask("Edited offline")
    dropped, dropped_entry = _with_approval_to_ask("Deleted offline")
    deals.save_deal(a, edited, today=TODAY)
    deals.save_deal(a, dropped, today=TODAY)
    assert sync.sync(a, urls["a"]).sent == 2
    uids = {deal(a, uid).title: uid for uid in st.deals(a)}
    manager = open_database(urls["m"])
    try:
        held = st.deals(manager)
        approvals.decide_approval(manager, held[uids["Edited offline"]].id, entry.uid, False)
        approvals.decide_approval(
            manager, held[uids["Deleted offline"]].id, dropped_entry.uid, True
        )
    finally:
        manager.close()
    edit(a, uids["Edited offline"], lambda s: setattr(s, "title", "Edited offline, again"))
    deals.delete_deal(a, st.deals(a)[uids["Deleted offline"]].id)
    report = sync.sync(a)
    assert report.ok, (report.errors, report.conflicts)
    assert report.sent == 1 and report.deleted_there == 1
    on_server = _on_server(urls["m"], uids["Edited offline"])
    assert on_server.title == "Edited offline, again"
    declined = next(e for e in on_server.ledger if e.uid == entry.uid)
    assert declined.declined and declined.approved_by == roles["m"]
    here = next(e for e in deal(a, uids["Edited offline"]).ledger if e.uid == entry.uid)
    assert here.declined  # the decision reached the laptop in the same sync
    manager = open_database(urls["m"])
    try:
        assert uids["Deleted offline"] not in st.deals(manager)
    finally:
        manager.close()
    assert sync.sync(a).moved == 0
