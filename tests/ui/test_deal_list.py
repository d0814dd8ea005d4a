import os
import sys
import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.listing import DealQuery
from salesdesk.store import deal_list, deal_load
from salesdesk.store import deals as store_deals
from salesdesk.ui.models.deals import (
    COL_NEXT,
    COL_TITLE,
    COL_VALUE,
    PAGE,
    DealListModel,
    DealSource,
)
from tests.ui.conftest import TODAY, deal_ids


def store_source(db) -> DealSource:
    return DealSource(
        lambda q, offset, limit: deal_list.query_deals(db, q, TODAY, offset, limit),
        lambda q: deal_list.count_deals(db, q, TODAY),
        lambda q, deal_id: deal_list.deal_position(db, q, TODAY, deal_id),
    )


def test_deal_list_model_is_a_well_behaved_virtual_model(qtmodeltester, db):
    for i in range(PAGE + 30):
        store_deals.save_deal(db, DealSheet(f"Deal {i:03d}", f"Account {i % 7}"), today=TODAY)
    model = DealListModel()
    model.set_source(store_source(db))
    assert model.rowCount() == PAGE  # only one page is fetched at first
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE + 30 and not model.canFetchMore()
    model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)  # the database sorts
    assert model.index(0, COL_TITLE).data() == f"Deal {PAGE + 29:03d}"
    while model.canFetchMore():
        model.fetchMore()
    qtmodeltester.check(model)


def test_the_model_spans_every_match_and_reads_only_the_pages_shown(qtmodeltester, db, monkeypatch):
    from salesdesk.ui.models import deals

    monkeypatch.setattr(deals, "PAGE", 5)
    monkeypatch.setattr(deals, "CACHED_PAGES", 3)
    for i in range(42):
        store_deals.save_deal(db, DealSheet(f"Deal {i:03d}", f"Account {i % 7}"), today=TODAY)
    asked: list[int] = []

    def fetch(query, offset, limit):
        asked.append(offset)
        return deal_list.query_deals(db, query, TODAY, offset, limit)

    model = DealListModel()
    model.set_source(store_source(db)._replace(fetch=fetch))
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 5 and model.canFetchMore()  # a keystroke costs one page
    model.fetchMore()
    assert model.rowCount() == 42 and not model.canFetchMore()  # counted, not read
    asked.clear()
    assert model.index(37, COL_TITLE).data() == "Deal 037"
    assert asked == [35]  # the page shown, not the seven before it
    for row in (3, 41, 12, 20):
        assert model.deal_at(row).title == f"Deal {row:03d}"
    asked.clear()
    assert model.deal_at(21).title == "Deal 021"
    assert asked == []  # a page shown lately is kept
    assert model.deal_at(4).title == "Deal 004"
    assert asked == [0]  # three pages kept: the least recently shown was let go, read again
    asked.clear()
    deep = deal_list.query_deals(db, model.query, TODAY, 28, 1)[0]
    assert model.locate(deep.id) == 28
    assert asked == []  # the database said where; no row before it was read
    model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 5
    model.set_count(42)  # the count the status bar asked for, once typing paused
    assert model.rowCount() == 42 and not model.canFetchMore()
    assert model.deal_at(41).title == "Deal 000"
    qtmodeltester.check(model)


def test_a_deal_far_down_the_list_is_opened_and_selected(window, monkeypatch):
    from salesdesk.ui.models import deals

    monkeypatch.setattr(deals, "PAGE", 5)
    for i in range(40):
        store_deals.save_deal(window.workspace.db, DealSheet(f"Deal {i:03d}", "Acme"), today=TODAY)
    window.refresh_lists()
    order = deal_list.query_deals(window.workspace.db, window.model.query, TODAY, 0, 100)
    deep = order[37]
    window.list_panel.search.setText("")
    window.open_deal(deep.id)
    assert window.list_panel.selected_deal() == deep.id
    assert window.list_panel.table.currentIndex().row() == 37
    assert window.workspace.session.sheet.title == deep.title
    # A search that keeps it off the first page leaves the editor as it was.
    window.list_panel.search.setText("deal")
    window.list_panel.apply_filters()
    assert window.workspace.session.sheet.title == deep.title


def test_first_start_shows_the_samples_and_today(window):
    assert window.model.rowCount() == 5
    today = window.today_view
    assert window.stack.currentWidget() is today
    assert [r.title for r in today.due.rows()] == [
        "Fleet telematics roll-out, 240 vehicles",
        "Renouvellement cartons 2027",
    ]
    assert [m.date for m in today.meetings.rows()] == [
        TODAY + timedelta(days=3),
        TODAY + timedelta(days=6),
    ]
    overdue = [
        window.model.index(r, COL_NEXT).data()
        for r in range(5)
        if window.model.index(r, COL_NEXT).data(Qt.ItemDataRole.ToolTipRole)
    ]
    assert overdue == ["26 Nov 2026 ⚠"]
    assert {window.model.index(r, COL_VALUE).data() for r in range(5)} >= {"£186,000.00"}


def test_search_as_you_type_ignores_case_and_accents(window, qtbot):
    window.acts.find.trigger()
    assert window.list_panel.search.hasFocus()
    qtbot.keyClicks(window.list_panel.search, "SOCIETE")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=2000)
    assert window.model.index(0, COL_TITLE).data() == "Renouvellement cartons 2027 (sample)"
    window.list_panel.search.clear()
    window.list_panel.overdue.setChecked(True)  # asked of the list's thread too

    def overdue_only() -> bool:
        title = window.model.index(0, COL_TITLE).data()
        return window.model.rowCount() == 1 and title.startswith("Fleet telematics")

    qtbot.waitUntil(overdue_only, timeout=2000)
    assert window.model.index(0, COL_TITLE).data() == (
        "Fleet telematics roll-out, 240 vehicles (sample)"
    )


def test_clicking_a_meeting_in_today_opens_its_deal(window, qtbot):
    table = window.today_view.meetings_table
    rect = table.visualRect(window.today_view.meetings.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.editor
    assert window.workspace.session.sheet.title == "Fleet telematics roll-out, 240 vehicles"


def test_new_duplicate_and_delete(window, qtbot, monkeypatch):
    window.acts.new.trigger()
    assert deal_list.count_deals(window.workspace.db, DealQuery(), TODAY) == 6
    assert window.editor.overview.title.text() == "New deal"
    window.acts.duplicate.trigger()
    assert deal_list.count_deals(window.workspace.db, DealQuery(text="new deal (copy)"), TODAY) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.acts.delete.trigger()
    assert deal_list.count_deals(window.workspace.db, DealQuery(), TODAY) == 7
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.acts.delete.trigger()
    assert deal_list.count_deals(window.workspace.db, DealQuery(), TODAY) == 6
    assert window.stack.currentWidget() is window.today_view


def test_changes_made_elsewhere_appear(window, tmp_path):
    from salesdesk.store.engine import open_database

    other = open_database(str(tmp_path / "app.db"))
    ids = deal_ids(window)
    sheet = deal_load.load_deal(other, ids["Audit énergétique des bâtiments"])
    sheet.title = "Audit énergétique (revu)"
    store_deals.save_deal(other, sheet, today=TODAY)
    other.close()
    window.workspace.check_outside_changes()
    assert "Audit énergétique (revu)" in deal_ids(window)


def test_a_foreign_file_gets_a_dialog_and_is_untouched(qtbot, tmp_path, monkeypatch):
    from salesdesk.ui.main_window import MainWindow

    path = tmp_path / "foreign.db"
    path.write_text("not ours")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    win = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    assert not win.open_database(str(path))
    assert shown and "not a SalesDesk database" in shown[0]
    assert path.read_text() == "not ours"
    assert win.model.rowCount() == 0


def test_window_state_is_restored(qtbot, tmp_path):
    from salesdesk.ui import qsettings
    from salesdesk.ui.main_window import MainWindow

    first = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(first)
    first.show()
    assert first.open_database(str(tmp_path / "s.db"))
    first.open_deal(deal_ids(first)["Renouvellement cartons 2027"])
    first.splitter.setSizes([300, 900])
    first.list_panel.table.horizontalHeader().resizeSection(0, 321)
    first.close()
    assert qsettings.read(qsettings.LAST_DEAL) == deal_ids(first)["Renouvellement cartons 2027"]
    second = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(second)
    second.show()
    assert second.open_database(str(tmp_path / "s.db"))
    assert second.list_panel.table.horizontalHeader().sectionSize(0) == 321
    assert second.workspace.session.sheet.title == "Renouvellement cartons 2027"
    second.close()


def test_a_damaged_database_at_start_offers_its_latest_backup(qtbot, tmp_path, monkeypatch):
    from salesdesk.interop.backup import automatic_backup
    from salesdesk.store.engine import open_database
    from salesdesk.ui.main_window import MainWindow

    path = tmp_path / "damaged.db"
    db = open_database(str(path))
    from salesdesk.interop.demo import add_samples

    add_samples(db, TODAY)
    db.close()
    good = automatic_backup(path)
    # a newer backup that is itself damaged is passed over for the good one
    newer = good.with_name("auto-damaged-99999999.db")
    newer.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    import os

    os.utime(newer, (good.stat().st_mtime + 60, good.stat().st_mtime + 60))
    data = bytearray(path.read_bytes())
    data[100:] = b"\x00\xff" * ((len(data) - 100) // 2)
    path.write_bytes(bytes(data))

    def click_restore(box):
        next(b for b in box.buttons() if b.text().startswith("Restore")).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    win = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    assert win.open_database(str(path))
    assert win.model.rowCount() == 5
    damaged = list(tmp_path.glob("damaged.before-restore-*.db"))
    assert damaged  # the damaged file was moved aside, not deleted
    win.close()


def test_the_start_up_backup_is_taken_beside_the_database(window, tmp_path, qtbot):
    qtbot.waitUntil(
        lambda: window.workspace.backup_job is not None and window.workspace.backup_job.wait(0),
        timeout=5000,
    )
    backups = list((tmp_path / "backups").glob("auto-app-*.db"))
    assert len(backups) == 1
    from salesdesk.interop.backup import check_backup

    check_backup(backups[0])  # a whole, readable SalesDesk database


def test_a_start_up_backup_that_cannot_be_written_is_said_in_the_status_bar(qtbot, tmp_path):
    from salesdesk.ui.main_window import MainWindow

    (tmp_path / "backups").write_text("a file where the backups folder should be")
    win = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database(str(tmp_path / "app.db"))
    qtbot.waitUntil(lambda: "backup" in win.statusBar().currentMessage().lower(), timeout=5000)
    assert win.model.rowCount() == 5  # the app carries on
    win.close()


def test_today_says_how_many_contacts_are_due_beyond_those_shown(window, monkeypatch):
    from salesdesk.ui import workspace

    monkeypatch.setattr(workspace, "CONTACTS_SHOWN", 1)
    window.show_today()
    assert window.today_view.due.rowCount() == 1
    assert window.today_view.due_box.title() == "Contacts due or overdue (the first 1 of 2)"
    monkeypatch.setattr(workspace, "CONTACTS_SHOWN", 500)
    window.show_today()
    assert window.today_view.due_box.title() == "Contacts due or overdue (2)"


def test_quitting_at_once_lets_the_start_up_backup_end(qtbot, tmp_path):
    from salesdesk.interop.backup import check_backup
    from salesdesk.ui.main_window import MainWindow

    win = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database(str(tmp_path / "quick.db"))
    qtbot.waitUntil(lambda: win.workspace.backup_job is not None, timeout=2000)
    win.close()
    assert win.workspace.backup_job.wait(0)  # closing waited for it
    backups = list((tmp_path / "backups").iterdir())
    assert [p.name.startswith("auto-quick-") and p.suffix == ".db" for p in backups] == [True]
    check_backup(backups[0])


@pytest.mark.parametrize("how", ["click", "double click", "Enter"])
def test_after_today_the_deal_last_open_opens_again_from_the_list(window, qtbot, how):
    from tests.ui.conftest import deal_ids

    deal = deal_ids(window)["Renouvellement cartons 2027"]
    window.open_deal(deal)
    row = window.model.row_of(deal)
    window.acts.today.trigger()
    assert window.stack.currentWidget() is window.today_view
    assert not window.acts.duplicate.isEnabled()
    table = window.list_panel.table
    rect = table.visualRect(window.model.index(row, 0))
    if how == "click":
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    elif how == "double click":
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    else:
        table.setFocus()
        table.setCurrentIndex(window.model.index(row, 0))
        window.acts.today.trigger()  # Today again with the row current
        table.setFocus()
        table.selectionModel().setCurrentIndex(
            window.model.index(row, 0), table.selectionModel().SelectionFlag.NoUpdate
        )
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.editor
    assert window.workspace.session.sheet.id == deal
    assert window.acts.duplicate.isEnabled() and window.acts.delete.isEnabled()


def test_pages_scrolled_to_are_read_on_a_thread_and_shown_when_read(db, qtbot, monkeypatch):
    import threading

    from salesdesk.ui.models import deals

    monkeypatch.setattr(deals, "PAGE", 5)
    for i in range(30):
        store_deals.save_deal(db, DealSheet(f"Deal {i:03d}", "Acme"), today=TODAY)
    threads: list[str] = []

    def fetch(query, offset, limit):
        threads.append(threading.current_thread().name)
        return deal_list.query_deals(db, query, TODAY, offset, limit)

    model = DealListModel(fetch_in_background=True)
    model.set_source(store_source(db)._replace(fetch=fetch))
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    model.fetchMore()
    threads.clear()
    index = model.index(22, COL_TITLE)
    assert index.data() == "…"  # not read yet: painting does not wait for it
    qtbot.waitUntil(lambda: index.data() == "Deal 022", timeout=3000)  # told by dataChanged
    assert set(threads) == {"deal list pages"}  # the page shown and those beside it
    model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)  # a new query: old pages dropped
    model.fetchMore()
    assert model.deal_at(22).title == "Deal 007"  # a selection still reads at once


def test_a_manager_filters_the_team_by_owner(window, qtbot):
    from sqlalchemy import text

    from salesdesk.ui.models.deals import COL_OWNER

    panel = window.list_panel
    assert panel.table.isColumnHidden(COL_OWNER) and not panel.owner.isVisible()
    ids = list(deal_ids(window).values())
    with window.workspace.db.engine.begin() as conn:  # as a team's server records them
        for i, deal_id in enumerate(ids):
            conn.execute(
                text("UPDATE deal SET owner_role = :o WHERE id = :id"),
                {"o": "alice" if i == 0 else "bob", "id": deal_id},
            )
    panel.set_owners(deal_list.deal_owners(window.workspace.db))
    assert not panel.table.isColumnHidden(COL_OWNER) and panel.owner.isVisible()
    assert [panel.owner.itemText(i) for i in range(panel.owner.count())] == [
        "All owners",
        "alice",
        "bob",
    ]
    panel.owner.setCurrentIndex(1)
    model = window.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)  # read on the list's thread
    rows = [model.deal_at(r) for r in range(model.rowCount())]
    assert [r.id for r in rows] == [ids[0]]
    assert model.index(0, COL_OWNER).data() == "alice"


def test_a_row_scrolled_to_shows_its_deal_and_the_gui_thread_never_reads_it(window, qtbot):
    import threading

    from salesdesk.ui.models import deals

    for i in range(3 * deals.PAGE):
        store_deals.save_deal(window.workspace.db, DealSheet(f"Deal {i:04d}", "Acme"), today=TODAY)
    # Those saves are another connection's: taken in now, not by the poll mid-scroll (a
    # list reloaded after an outside change reads its first page at once, by design).
    window.workspace.check_outside_changes()
    window.resize(1280, 720)
    readers: list[int] = []
    source = window.model._source
    window.model.set_source(
        source._replace(
            fetch=lambda q, o, n: readers.append(threading.get_ident()) or source.fetch(q, o, n)
        )
    )
    window.model.sort(deals.COL_TITLE, Qt.SortOrder.AscendingOrder)
    window.model.fetchMore()
    readers.clear()
    table = window.list_panel.table
    row = 2 * deals.PAGE + 17
    table.scrollTo(window.model.index(row, 0), table.ScrollHint.PositionAtTop)
    table.viewport().repaint()  # painted at once: the page is asked, not read here
    qtbot.waitUntil(lambda: window.model.cell(row, COL_TITLE) is not None, timeout=3000)
    expected = deal_list.query_deals(window.workspace.db, window.model.query, TODAY, row, 1)[0]
    assert window.model.cell(row, COL_TITLE)[0] == expected.title
    table.viewport().repaint()
    assert readers and threading.get_ident() not in readers


def test_the_status_bar_counts_a_broad_search_up_to_the_cap(window, qtbot, monkeypatch):
    """Past the cap the status bar says "more than" (the same on both engines); the list
    still spans every match once the rep scrolls; a narrower search gets its number."""
    from benchmarks.fill import fill
    from salesdesk.store import deal_list

    monkeypatch.setattr(deal_list, "COUNT_CAP", 20)
    fill(window.workspace.db.location, 300, 0)
    window.refresh_lists()
    qtbot.keyClicks(window.list_panel.search, "a")
    true = deal_list.count_deals(window.workspace.db, DealQuery(text="a"), TODAY)
    assert true > 20
    qtbot.waitUntil(lambda: "More than" in window.statusBar().currentMessage(), timeout=3000)
    assert window.statusBar().currentMessage().startswith("More than 20 deal")
    while window.model.canFetchMore():  # scrolled to the end
        window.model.fetchMore()
    assert window.model.rowCount() == true
    window.list_panel.search.setText("audit cloud 1")
    narrow = deal_list.count_deals(window.workspace.db, DealQuery(text="audit cloud 1"), TODAY)
    assert narrow <= 20
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith(f"{narrow} deal"), timeout=3000
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's niceness is Linux's")
def test_the_start_up_backup_yields_the_processor_to_the_window(qtbot, tmp_path, monkeypatch):
    """Copying and checking a large database keeps a processor busy for seconds while the
    rep already scrolls the list: the backup's thread runs below the window's priority,
    and the window's own priority is left as it was."""
    from salesdesk.interop import backup
    from salesdesk.ui.main_window import MainWindow

    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    window_niceness = niceness()
    if window_niceness >= 19:
        pytest.skip("the tests already run at the lowest priority")
    seen: list[int] = []
    take = backup.automatic_backup

    def recorded(*args, **kwargs):
        seen.append(niceness())
        return take(*args, **kwargs)

    monkeypatch.setattr(backup, "automatic_backup", recorded)
    win = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database(str(tmp_path / "app.db"))
    qtbot.waitUntil(
        lambda: win.workspace.backup_job is not None and win.workspace.backup_job.wait(0),
        timeout=5000,
    )
    assert seen and seen[0] > window_niceness
    assert niceness() == window_niceness
    assert list((tmp_path / "backups").glob("auto-app-*.db"))  # and it was taken
    win.close()
