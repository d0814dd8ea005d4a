"""Start-up in steps: the window's frame, then its panes, then the store."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date

from tests.ui.conftest import TODAY


def test_the_frame_shows_first_and_its_panes_come_with_the_store(qtbot, tmp_path):
    from salesdesk.ui.main_window import MainWindow

    win = MainWindow(today=lambda: TODAY, panes_later=True)
    qtbot.addWidget(win)
    win.show()
    assert win.isVisible()
    assert win.centralWidget() is None
    assert [a.text() for a in win.menuBar().actions()] == ["&File", "&Edit", "&View", "&Help"]
    # What acts on the panes waits for them.
    assert not win.acts.find.isEnabled()
    assert not win.acts.today.isEnabled()
    win.build_panes()
    assert "Opening the database" in win.statusBar().currentMessage()
    assert win.open_database(str(tmp_path / "s.db"))
    assert win.centralWidget().isAncestorOf(win.splitter)
    assert win.model.rowCount() == 5
    assert win.acts.find.isEnabled()
    assert win.acts.delete in win.list_panel.table.actions()
    win.close()


def test_closing_before_the_panes_keeps_their_saved_state(qtbot, tmp_path):
    from salesdesk.ui.main_window import MainWindow

    first = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(first)
    first.show()
    assert first.open_database(str(tmp_path / "s.db"))
    first.list_panel.table.horizontalHeader().resizeSection(0, 321)
    first.close()

    early = MainWindow(today=lambda: TODAY, panes_later=True)
    qtbot.addWidget(early)
    early.show()
    early.close()  # the rep quits before the list is there: nothing to save of it

    third = MainWindow(today=lambda: TODAY, panes_later=True)
    qtbot.addWidget(third)
    third.show()
    assert third.open_database(str(tmp_path / "s.db"))
    assert third.list_panel.table.horizontalHeader().sectionSize(0) == 321
    third.close()


FRAME_ONLY = textwrap.dedent(
    """
    import enum
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    made = []
    create = enum.EnumType._create_
    def spy(cls, name, *args, **kwargs):
        made.append(name)
        return create(cls, name, *args, **kwargs)
    enum.EnumType._create_ = spy
    from salesdesk.ui.main_window import MainWindow
    window = MainWindow(panes_later=True)
    window.show()
    app.processEvents()
    print(" ".join(made))
    """
)


def test_the_frame_does_not_make_pyside_build_the_qt_namespace(tmp_path):
    """The namespace's ~95 enum classes cost 20-30 ms, which a bare window never pays.

    The frame must not touch `Qt.*` (nor call the overloads that do, such as
    `QAction.setShortcut`), or the window shows that much later.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", FRAME_ONLY],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    ).stdout.split()
    assert out, "no enum class was created at all: the check no longer sees PySide's"
    for member_of_qt in ("AlignmentFlag", "ItemDataRole", "Orientation", "ShortcutContext"):
        assert member_of_qt not in out


def test_the_usual_shortcuts_are_set(window):
    def keys(action):
        return [k.toString() for k in action.shortcuts()]

    assert "Ctrl+N" in keys(window.acts.new)
    assert "Ctrl+F" in keys(window.acts.find)
    assert "Ctrl+Z" in keys(window.acts.undo)
    assert "Ctrl+Shift+Z" in keys(window.acts.redo)
    assert "Del" in keys(window.acts.delete)
    assert "Ctrl+Q" in keys(window.acts.quit)
    assert "Ctrl+E" in keys(window.acts.export_brief)
    assert "Ctrl+P" in keys(window.acts.print_brief)


def test_ctrl_f_goes_to_the_search_box(qtbot, window):
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.list_panel.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.list_panel.search.hasFocus()


def test_pyside_import_check_gives_the_same_answers_without_caching_sources(tmp_path):
    """PySide's own check read every later module into linecache (0.1 s at start)."""
    import linecache

    from salesdesk.ui import import_hook

    feature = sys.modules[import_hook.FEATURE_MODULE]
    assert feature._mod_uses_pyside is import_hook.mentions_pyside  # set by conftest
    (tmp_path / "uses_qt_here.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain_here.py").write_text("VALUE = 1\n")
    sys.path.insert(0, str(tmp_path))
    try:
        # The `import` statement, which PySide hooks (importlib's functions are not).
        import plain_here  # noqa: F401
        import uses_qt_here  # noqa: F401
    finally:
        sys.path.remove(str(tmp_path))
    assert feature.pyside_feature_dict["uses_qt_here"] == 0  # 0: follows PySide features
    assert feature.pyside_feature_dict["plain_here"] == -1  # -1: ignored by them
    assert str(tmp_path / "uses_qt_here.py") not in linecache.cache
    assert not import_hook.mentions_pyside(sys)  # built in: no source to read


def test_the_title_names_the_file_and_the_status_bar_its_full_path(window, tmp_path):
    assert window.windowTitle() == "app.db — SalesDesk"
    assert window.statusBar().toolTip() == str(tmp_path / "app.db")


def test_first_start_asks_the_reps_name_and_marks_the_samples(window, qtbot):
    from salesdesk.store import settings

    assert settings.load_profile(window.workspace.db).name == ""  # not the sample persona
    banner = window.profile_banner
    assert banner is not None and banner.isVisible()
    titles = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert titles and all(t.endswith("(sample)") for t in titles)
    banner.name.setText("Alex Martin")
    banner.company.setText("Cartonnages Martin")
    banner.save.click()
    assert not banner.isVisible()
    profile = settings.load_profile(window.workspace.db)
    assert (profile.name, profile.company) == ("Alex Martin", "Cartonnages Martin")
    assert window.editor.profile.name == "Alex Martin"


def test_not_now_skips_the_question_until_the_next_start(window):
    from salesdesk.store import settings

    window.profile_banner.later.click()
    assert not window.profile_banner.isVisible()
    assert settings.load_profile(window.workspace.db).name == ""


def test_the_guide_opens_from_help_and_from_today(window, qtbot):
    window.acts.guide.trigger()
    text = window.guide.text.toPlainText()
    for words in (
        "eight stages",
        "Qualification",
        "Loyalty",
        "Five maturity phases",
        "a contact every 7 day",
        "walk-away",
        "BATNA (MESORE)",
        "on condition that",
    ):
        assert words in text
    window.guide.close()
    window.show_today()
    window.today_view.guide.linkActivated.emit("guide")
    assert window.guide.isVisible()
    window.guide.close()


def test_an_empty_chart_points_to_the_guide(window, qtbot):
    window.new_deal()
    for tab in (window.editor.worksheet, window.editor.offers, window.editor.ledger):
        window.editor.setCurrentWidget(tab)
        chart = tab.chart
        qtbot.waitUntil(lambda chart=chart: not chart.pending)
        assert chart.empty.isVisible() and 'href="guide"' in chart.empty.text()
        chart.empty.linkActivated.emit("guide")
        assert window.guide.isVisible()
        window.guide.close()


def test_the_first_start_of_the_day_updates_contact_dates_off_the_gui_thread(qtbot, tmp_path):
    import threading
    from datetime import timedelta

    from salesdesk.interop.demo import add_samples
    from salesdesk.store import contacts
    from salesdesk.store.engine import open_database
    from salesdesk.ui.main_window import MainWindow

    path = tmp_path / "yesterday.db"
    db = open_database(str(path))
    add_samples(db, TODAY - timedelta(days=1))
    contacts.refresh_contact_dates(db, TODAY - timedelta(days=1), (7, 5, 3, 2, 1))
    db.close()
    threads: list[str] = []
    original = contacts.refresh_contact_dates

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    contacts.refresh_contact_dates = spy
    try:
        win = MainWindow(today=lambda: TODAY)
        qtbot.addWidget(win)
        win.show()
        assert win.open_database(str(path))
        assert win.model.rowCount() == 5  # the list is there before the refresh ends
        qtbot.waitUntil(
            lambda: win.workspace.contacts_job is not None and win.workspace.contacts_job.wait(0)
        )
        qtbot.waitUntil(lambda: "up to date" in win.statusBar().currentMessage())
    finally:
        contacts.refresh_contact_dates = original
    assert threads == ["contact dates"]
    assert contacts.contact_dates_fresh(win.workspace.db, TODAY, win.workspace.profile.cadence)
    win.close()


FIRST_PAINT = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QTableView
    app = QApplication([])
    painted = []

    class FirstRows(QObject):
        # The deal list's first paint with rows: what the rep saw, and what was loaded.
        def eventFilter(self, watched, event):
            view = watched.parent()
            if (
                not painted
                and event.type() == QEvent.Type.Paint
                and isinstance(view, QTableView)
                and view.accessibleName() == "Deals"
                and view.model().rowCount()
            ):
                model = view.model()
                titles = [model.index(r, 0).data() for r in range(model.rowCount())]
                painted.append({"titles": titles, "store": "sqlalchemy" in sys.modules})
            return False

    spy = FirstRows()
    app.installEventFilter(spy)

    def opened():
        windows = [w for w in app.topLevelWidgets() if hasattr(w, "workspace")]
        if windows and windows[0].workspace.db is not None:
            app.quit()

    poll = QTimer()
    poll.timeout.connect(opened)
    poll.start(20)
    from salesdesk.ui.app import run_app
    run_app(sys.argv[1])
    print(json.dumps(painted[0] if painted else None))
    """
)


def test_the_deals_are_painted_before_the_database_layer_is_loaded(tmp_path):
    """At start the list's rows show in about the time of a bare window: read straight
    from the file, before SQLAlchemy (most of a second) is imported, and the same rows
    the store then reads."""
    import json

    from benchmarks.fill import fill
    from salesdesk.domain.listing import DealQuery
    from salesdesk.store import deal_list
    from salesdesk.store.engine import open_database
    from salesdesk.ui.models.deals import COL_TITLE, DealListModel

    path = tmp_path / "rep.db"
    fill(str(path), 300, 0)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout
    first = json.loads(out.strip().splitlines()[-1])
    assert first is not None, "the list never painted its rows"
    assert not first["store"]
    db = open_database(str(path))
    rows = deal_list.query_deals(db, DealQuery(), date.today(), 0, 200)
    db.close()
    assert first["titles"] == [DealListModel._display(row, COL_TITLE) for row in rows]
