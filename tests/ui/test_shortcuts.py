"""Every shortcut the README lists does what it says wherever the cursor is: in a text
field, in a grid cell (selected or being edited) and in the deal list.

On X11 a text field claims Ctrl+E (end of line) for itself; offscreen it does not, so
`ClaimsCtrlE` does it the same way here. The whole file also runs under Xvfb:
`xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/pytest tests/ui/test_shortcuts.py`."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from salesdesk.store import deal_load
from tests.ui.conftest import TODAY, deal_ids, wait_saved


class ClaimsCtrlE(QObject):
    """What an X11 text field does with Ctrl+E: it takes it for its own cursor move."""

    def eventFilter(self, watched, event):
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.keyCombination() == QKeySequence("Ctrl+E")[0]
        ):
            event.accept()
        return False


class Caught(QObject):
    """Records which action a shortcut reached, without running it (no dialogs)."""

    def __init__(self) -> None:
        super().__init__()
        self.fired: list[str] = []

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Shortcut:
            self.fired.append(watched.objectName())
            return True
        return False


README_SHORTCUTS = {
    "Ctrl+N": "new",
    "Ctrl+Shift+N": "from_template",
    "Ctrl+D": "duplicate",
    "Ctrl+F": "find",
    "Ctrl+T": "today",
    "Ctrl+,": "settings",
    "F5": "refresh",
    "Ctrl+Q": "quit",
    "Ctrl+I": "import_crm",
    "Ctrl+E": "export_brief",
    "Ctrl+P": "print_brief",
    "Ctrl+Shift+P": "export_pack",
    "Ctrl+Shift+E": "export_deal",
}


@pytest.fixture
def opened(window):
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    caught = Caught()
    for name in {*README_SHORTCUTS.values(), "delete"}:
        action = getattr(window.acts, name)
        action.setObjectName(name)
        action.installEventFilter(caught)
    window.caught = caught
    window.activateWindow()
    return window


def press(qtbot, widget, keys: str) -> None:
    combination = QKeySequence(keys)[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def focus(qtbot, win, place: str):
    editor = win.editor
    if place == "text field":
        win.editor.setCurrentWidget(editor.overview)
        widget = editor.overview.title
    elif place == "brief field":
        win.editor.setCurrentWidget(editor.brief)
        widget = editor.brief.password
    elif place == "grid cell":
        win.editor.setCurrentWidget(editor.worksheet)
        widget = editor.worksheet.table
        widget.setCurrentIndex(widget.model().index(0, 1))
    elif place == "cell being edited":
        win.editor.setCurrentWidget(editor.worksheet)
        table = editor.worksheet.table
        index = table.model().index(0, 1)
        table.setCurrentIndex(index)
        table.setFocus()
        table.edit(index)
        widget = QApplication.focusWidget()
    else:
        widget = win.list_panel.table
    if not hasattr(win, "claims"):
        win.claims = ClaimsCtrlE()
    widget.installEventFilter(win.claims)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget


@pytest.mark.parametrize(
    "place", ["text field", "brief field", "grid cell", "cell being edited", "the list"]
)
def test_every_listed_shortcut_reaches_its_command_from(opened, qtbot, place):
    for keys, name in README_SHORTCUTS.items():
        widget = focus(qtbot, opened, place)
        opened.caught.fired.clear()
        press(qtbot, widget, keys)
        assert opened.caught.fired == [name], f"{keys} with focus in {place}"


@pytest.mark.parametrize("place", ["text field", "cell being edited", "the list"])
def test_del_deletes_the_deal_only_from_the_list(opened, qtbot, place):
    widget = focus(qtbot, opened, place)
    press(qtbot, widget, "Del")
    assert opened.caught.fired == (["delete"] if place == "the list" else [])


def test_the_password_field_is_cleared_for_the_next_deal_and_not_reached_by_tab(opened, qtbot):
    brief = opened.editor.brief
    brief.password.setText("secret")
    first = opened.workspace.session.sheet.id
    opened.open_deal(next(i for i in deal_ids(opened).values() if i != first))
    assert brief.password.text() == ""
    assert brief.password.focusPolicy() == Qt.FocusPolicy.ClickFocus


def test_ctrl_z_undoes_the_fields_typing_first_then_the_deals_history(opened, qtbot):
    overview = opened.editor.overview
    owner = focus(qtbot, opened, "text field")
    # an earlier change, made in another field, is in the deal's history
    opened.editor.overview.account.setText("SLE")
    opened.editor.overview.account.editingFinished.emit()
    wait_saved(qtbot, opened)
    owner = overview.owner
    owner.setFocus()
    owner.end(False)
    qtbot.keyClicks(owner, "xy")
    press(qtbot, owner, "Ctrl+Z")
    assert owner.text() == "Camille Durand"  # the field undid its own typing
    assert opened.workspace.session.sheet.account == "SLE"
    press(qtbot, owner, "Ctrl+Z")  # nothing left to undo in the field: the deal's history
    assert opened.workspace.session.sheet.account != "SLE"
    assert overview.account.text() != "SLE"
    press(qtbot, owner, "Ctrl+Shift+Z")  # the field's own typing is redone first
    assert owner.text() == "Camille Durandxy"
    assert opened.workspace.session.sheet.account != "SLE"


@pytest.mark.parametrize("place", ["grid cell", "the list"])
def test_ctrl_z_from_a_grid_cell_or_the_list_undoes_the_deal(opened, qtbot, place):
    opened.editor.overview.account.setText("SLE")
    opened.editor.overview.account.editingFinished.emit()
    widget = focus(qtbot, opened, place)
    press(qtbot, widget, "Ctrl+Z")
    assert opened.workspace.session.sheet.account != "SLE"
    press(qtbot, widget, "Ctrl+Shift+Z")
    assert opened.workspace.session.sheet.account == "SLE"


def test_undo_history_is_per_deal_and_survives_a_visit_elsewhere(opened, qtbot):
    ids = deal_ids(opened)
    first = ids["Renouvellement cartons 2027"]
    opened.editor.overview.account.setText("SLE")
    opened.editor.overview.account.editingFinished.emit()
    other = next(i for i in ids.values() if i != first)
    opened.open_deal(other)
    assert not opened.acts.undo.isEnabled()  # the other deal has nothing to undo
    opened.open_deal(first)
    assert opened.acts.undo.isEnabled()
    opened.acts.undo.trigger()
    wait_saved(qtbot, opened)
    assert opened.workspace.session.sheet.account != "SLE"
    assert opened.editor.overview.account.text() == opened.workspace.session.sheet.account


def test_ctrl_z_in_the_title_takes_back_its_last_edit_only(window, qtbot):
    """The reported week: a new deal's title typed, left, come back to and extended; Ctrl+Z
    takes back " Beta" and nothing typed before it, and that is what is saved."""
    window.activateWindow()
    press(qtbot, window.list_panel.table, "Ctrl+N")
    title = window.editor.overview.title
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title)
    qtbot.keyClicks(title, "Alpha")
    press(qtbot, title, "Tab")
    qtbot.wait(2000)
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    press(qtbot, title, "End")
    qtbot.keyClicks(title, " Beta")
    qtbot.wait(2000)
    assert window.workspace.session.sheet.title == "Alpha Beta"
    press(qtbot, title, "Ctrl+Z")
    assert title.text() == "Alpha"
    qtbot.wait(1200)  # the field's pause, then the save
    wait_saved(qtbot, window)
    deal_id = window.workspace.session.sheet.id
    assert deal_load.load_deal(window.workspace.db, deal_id).title == "Alpha"
    # Once more: the field has nothing left of its own, the deal's step before goes.
    press(qtbot, title, "Ctrl+Z")
    wait_saved(qtbot, window)
    assert title.text() == "New deal"
    assert deal_load.load_deal(window.workspace.db, deal_id).title == "New deal"


def test_ctrl_d_duplicates_from_the_deal_list_where_del_also_has_ctrl_d(qtbot, tmp_path):
    """On X11 (KDE, GNOME, Xfce) the platform's Delete is Del and Ctrl+D: given to the
    list's delete action it made Ctrl+D ambiguous there, and nothing happened."""
    from salesdesk.ui.main_window import MainWindow

    platform_keys = QKeySequence.keyBindings
    x11 = {QKeySequence.StandardKey.Delete: [QKeySequence("Del"), QKeySequence("Ctrl+D")]}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QKeySequence, "keyBindings", lambda key: x11.get(key) or platform_keys(key))
        window = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    assert window.open_database(str(tmp_path / "app.db"))
    assert QKeySequence("Del") in window.acts.delete.shortcuts()
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    window.activateWindow()
    table = window.list_panel.table
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    press(qtbot, table, "Ctrl+D")
    assert "Renouvellement cartons 2027 (copy)" in deal_ids(window)
    window.close()


def test_ctrl_z_elsewhere_takes_back_the_last_visit_to_a_field_only(window, qtbot):
    """Typing in the title in two visits makes two steps: undone from the deal list, the
    second visit goes and the first stays."""
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    window.activateWindow()
    title = window.editor.overview.title
    for typed in (" 2028", " bis"):
        title.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is title)
        press(qtbot, title, "End")
        qtbot.keyClicks(title, typed)
        qtbot.wait(800)  # the typing pause commits it
        window.list_panel.table.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.list_panel.table)
    assert window.workspace.session.sheet.title == "Renouvellement cartons 2027 2028 bis"
    press(qtbot, window.list_panel.table, "Ctrl+Z")
    assert window.workspace.session.sheet.title == "Renouvellement cartons 2027 2028"
    assert title.text() == "Renouvellement cartons 2027 2028"
