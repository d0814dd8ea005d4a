"""The application's state driven without a window: what the rep would see happen to
their deals and files, through the workspace's public methods and signals."""

from __future__ import annotations

import subprocess
import sys

import pytest

from salesdesk.domain.listing import DealQuery
from salesdesk.store import deal_load, deals
from salesdesk.store.engine import open_database
from salesdesk.ui.backups import OpenProblem, Recover
from salesdesk.ui.workspace import Workspace
from tests.ui.conftest import TODAY


def never_asked(problem: OpenProblem) -> None:
    raise AssertionError(f"the rep was asked: {problem.message}")


@pytest.fixture
def work(qtbot, tmp_path):
    workspace = Workspace(lambda: TODAY, never_asked)
    with qtbot.waitSignal(workspace.database_opened):
        assert workspace.open(str(tmp_path / "work.db"))
    yield workspace
    workspace.close()


def titles(work: Workspace) -> list[str]:
    return sorted(d.title for d in work.fetch_deals(DealQuery(), 0, 100))


def test_a_new_file_opens_with_the_samples_listed(work):
    assert work.count_deals(DealQuery()) == 5 == len(titles(work))
    first = work.fetch_deals(DealQuery(), 0, 1)[0]
    assert work.locate_deal(DealQuery(), first.id) == 0
    assert work.locate_deal(DealQuery(text="no such deal"), first.id) is None
    assert work.profile is not None and work.profile.name == ""
    items = work.today_items()
    assert items.due_count == len(items.due) and items.meetings  # the samples' week


def test_create_duplicate_and_delete_a_deal(work, qtbot):
    with qtbot.waitSignal(work.deals_changed):
        new_id = work.new_deal()
    assert "New deal" in titles(work)
    assert work.count_deals(DealQuery()) == 6
    work.session.open(new_id)
    work.session.edit("title", lambda s: setattr(s, "title", "Fleet renewal"))
    with qtbot.waitSignal(work.deals_changed):
        copy_id = work.duplicate_deal()  # the open deal is saved first, then copied
    assert copy_id is not None and copy_id != new_id
    assert {"Fleet renewal", "Fleet renewal (copy)"} <= set(titles(work))
    assert deal_load.load_deal(work.db, copy_id).uid != deal_load.load_deal(work.db, new_id).uid
    work.session.open(copy_id)
    with qtbot.waitSignal(work.deals_changed):
        assert work.delete_open_deal()
    assert work.sheet is None  # nothing open any more
    assert "Fleet renewal (copy)" not in titles(work)
    assert work.count_deals(DealQuery()) == 6
    assert not work.delete_open_deal()  # nothing to delete


def test_a_duplicate_takes_the_worksheet_and_people_not_the_calendar(work, qtbot):
    deal = work.fetch_deals(DealQuery(text="Renouvellement"), 0, 1)[0]
    work.session.open(deal.id)
    original = work.session.sheet
    assert any(m.date >= TODAY for m in original.meetings)  # a meeting to come
    meetings_before = work.today_items().meetings
    with qtbot.waitSignal(work.deals_changed):
        copy_id = work.duplicate_deal()
    copy = deal_load.load_deal(work.db, copy_id)
    assert copy.terms == original.terms and copy.offers == original.offers
    assert copy.batna_ours == original.batna_ours
    assert [p.name for p in copy.stakeholders] == [p.name for p in original.stakeholders]
    assert copy.meetings == []  # Today and the calendar show each meeting once
    assert work.today_items().meetings == meetings_before


def test_a_change_made_outside_is_seen_by_the_poll(work, qtbot, tmp_path):
    deal = work.fetch_deals(DealQuery(text="Renouvellement"), 0, 1)[0]
    work.session.open(deal.id)
    assert not work.check_outside_changes()  # nothing changed yet
    # Another program (the command line) renames the open deal.
    other = open_database(str(tmp_path / "work.db"))
    sheet = deal_load.load_deal(other, deal.id)
    sheet.title = "Renamed elsewhere"
    deals.save_deal(other, sheet, today=TODAY)
    other.close()
    with qtbot.waitSignal(work.outside_change, timeout=5000):
        pass  # the timer's poll, not a call of ours
    assert work.sheet is not None and work.sheet.title == "Renamed elsewhere"
    assert "Renamed elsewhere" in titles(work)
    assert not work.check_outside_changes()  # seen once


def test_writes_made_here_are_not_taken_for_outside_changes(work, qtbot):
    outside: list[bool] = []
    work.outside_change.connect(lambda: outside.append(True))
    work.new_deal()
    deal_id = work.fetch_deals(DealQuery(), 0, 1)[0].id
    work.session.open(deal_id)
    work.session.edit("account", lambda s: setattr(s, "account", "Elsewhere Ltd"))
    assert work.session.save_now()
    assert not work.check_outside_changes()
    assert outside == []


def test_the_start_up_backup_is_written_beside_the_database(work, qtbot, tmp_path):
    from salesdesk.interop.backup import check_backup

    with qtbot.waitSignal(work.backup_finished, timeout=10000) as written:
        pass
    path = written.args[0]
    assert path.parent == tmp_path / "backups" and path.name.startswith("auto-work-")
    check_backup(path)  # a whole, readable SalesDesk database


def test_a_backup_taken_by_hand_and_restored(work, qtbot, tmp_path):
    target = tmp_path / "by-hand.db"
    work.back_up(target)
    work.check_backup(target)
    work.new_deal()
    assert work.count_deals(DealQuery()) == 6
    with qtbot.waitSignal(work.database_opened):
        kept = work.restore(target)
    assert work.count_deals(DealQuery()) == 5  # as at the backup
    assert kept is not None and kept.exists()  # the replaced database is kept aside


def test_a_profile_saved_reaches_the_next_start(work, qtbot, tmp_path):
    with qtbot.waitSignal(work.profile_changed):
        work.save_name("Alex Rep", "Acme")
    assert work.profile.name == "Alex Rep"
    work.close()
    again = Workspace(lambda: TODAY, never_asked)
    assert again.open(str(tmp_path / "work.db"))
    assert (again.profile.name, again.profile.company) == ("Alex Rep", "Acme")
    again.close()


def test_a_file_that_is_not_a_database_is_put_to_the_rep(qtbot, tmp_path):
    stranger = tmp_path / "notes.db"
    stranger.write_text("shopping list")
    asked: list[OpenProblem] = []

    def choose(problem: OpenProblem) -> str:
        asked.append(problem)
        return str(tmp_path / "instead.db")

    work = Workspace(lambda: TODAY, choose)
    assert work.open(str(stranger))
    assert len(asked) == 1 and "notes.db" in asked[0].message
    assert work.db.path == tmp_path / "instead.db"
    assert stranger.read_text() == "shopping list"  # untouched
    work.close()
    gave_up = Workspace(lambda: TODAY, lambda problem: None)
    failures: list[str] = []
    gave_up.failed.connect(failures.append)
    assert not gave_up.open(str(stranger))
    assert failures and "notes.db" in failures[0]


def test_a_damaged_database_is_replaced_by_its_latest_backup(qtbot, tmp_path):
    path = tmp_path / "damaged.db"
    first = Workspace(lambda: TODAY, never_asked)
    assert first.open(str(path))
    qtbot.waitSignal(first.backup_finished, timeout=10000).wait()
    first.close()
    data = bytearray(path.read_bytes())
    data[100:] = b"\x00\xff" * ((len(data) - 100) // 2)
    path.write_bytes(bytes(data))
    offered: list[OpenProblem] = []

    def choose(problem: OpenProblem) -> Recover:
        offered.append(problem)
        return Recover.RESTORE

    work = Workspace(lambda: TODAY, choose)
    notices: list[str] = []
    work.notice.connect(lambda text, _ms: notices.append(text))
    assert work.open(str(path))
    assert offered and offered[0].database == path and offered[0].backup is not None
    assert work.count_deals(DealQuery()) == 5
    assert any("damaged file was kept" in n for n in notices)
    work.close()


def test_the_command_line_import_is_seen_without_a_restart(work, qtbot, tmp_path):
    package = tmp_path / "deal.json"
    deal = work.fetch_deals(DealQuery(), 0, 1)[0]
    run = [sys.executable, "-m", "salesdesk", "--db", str(tmp_path / "work.db")]
    subprocess.run([*run, "export-deal", str(deal.id), "-o", str(package)], check=True)
    subprocess.run([*run, "import-deal", str(package), "--as-new"], check=True)
    qtbot.waitSignal(work.outside_change, timeout=5000).wait()
    assert work.count_deals(DealQuery()) == 6


@pytest.mark.server
def test_a_team_servers_backup_taken_and_restored(qtbot, server, tmp_path):
    from salesdesk.interop.server_backup import tools_missing
    from tests.conftest import server_url

    if tools_missing():
        pytest.skip("needs pg_dump and pg_restore")
    work = Workspace(lambda: TODAY, never_asked)
    assert work.open(server_url(server.new_database()))
    assert work.backups_off() == ""
    assert work.backup_name() == f"salesdesk-{TODAY.isoformat()}.dump"
    target = tmp_path / "team.dump"
    work.back_up(target)
    work.new_deal()
    assert work.count_deals(DealQuery()) == 6
    with qtbot.waitSignal(work.database_opened):
        kept = work.restore(target)
    assert work.count_deals(DealQuery()) == 5  # the team's deals as at the backup
    assert kept is not None and kept.exists()  # what it replaced was dumped aside
    work.close()
