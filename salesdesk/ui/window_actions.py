"""The main window's actions: their words and keys, the menus and toolbar that show
them, and when each is enabled.

Built with the window's frame, before the panes: nothing here may touch
`PySide6.QtCore.Qt` (see `main_window`). The actions know the window only as a
`QMainWindow` to hang their menus on: the window connects them to what they do (`on`).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow


def file_actions() -> ModuleType:
    """The File menu's exchanges, imported on first use."""
    from salesdesk.ui import file_actions as module

    return module


def shortcuts(*keys: QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Every binding the platform gives a standard key, plus the named ones, once each.

    Always a list for `QAction.setShortcuts()`: `setShortcut()` makes PySide build the
    Qt namespace's enums (20-30 ms) before the window shows.
    """
    found: list[QKeySequence] = []
    for key in keys:
        for sequence in (
            [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key)
        ):
            if sequence not in found:
                found.append(sequence)
    return found


class WindowActions(QObject):
    """Every action of the main window, by name (`acts.new`, `acts.undo`…)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._named: list[tuple[QAction, str]] = []  # the actions' own keys ("Ctrl+D")
        key = QKeySequence.StandardKey
        self.today = self._action(
            self.tr("&Today"),
            "Ctrl+T",
            tip=self.tr("Contacts due and this week's meetings"),
        )
        self.new = self._action(self.tr("&New deal"), key.New)
        self.from_template = self._action(self.tr("New deal from &template…"), "Ctrl+Shift+N")
        self.duplicate = self._action(self.tr("D&uplicate deal"), "Ctrl+D")
        self.delete = self._action(self.tr("&Delete deal…"), key.Delete)
        self.find = self._action(self.tr("&Find"), key.Find)
        self.refresh = self._action(self.tr("&Refresh"), key.Refresh)
        self.import_crm = self._action(self.tr("&Import from a CRM…"), "Ctrl+I")
        self.export_deal = self._action(self.tr("E&xport deal…"), "Ctrl+Shift+E")
        self.export_brief = self._action(self.tr("Export the &brief…"), "Ctrl+E")
        self.print_brief = self._action(self.tr("&Print the brief…"), key.Print)
        self.export_pack = self._action(self.tr("Export a meeting &pack…"), "Ctrl+Shift+P")
        self.import_deal = self._action(self.tr("Import &deal…"), None)
        self.export_list = self._action(self.tr("Export the deal &list as CSV…"), None)
        self.export_ics = self._action(self.tr("Export &meetings to a calendar (.ics)…"), None)
        self.backup = self._action(self.tr("&Back up now…"), None)
        self.restore = self._action(self.tr("&Restore a backup…"), None)
        self.settings = self._action(self.tr("&Settings…"), "Ctrl+,")
        self.approvals = self._action(self.tr("&Approvals waiting…"), None)
        # Connected by the team sync once a database file is open (`team_sync.attach`).
        self.team = self._action(self.tr("&Team…"), None)
        self.members = self._action(self.tr("Team &members…"), None)
        self.sync = self._action(self.tr("S&ync now"), None)
        self.settle = self._action(self.tr("Settle sync &conflicts…"), None)
        for action in (self.team, self.members, self.sync, self.settle):
            action.setEnabled(False)
        # Quit has no standard key on Windows nor on some Linux desktops: Ctrl+Q everywhere.
        self.quit = self._action(self.tr("&Quit"), "Ctrl+Q")
        self.guide = self._action(self.tr("The &method in short"), "F1", self.tr("A short guide"))
        self.about = self._action(self.tr("&About SalesDesk"), None)
        # Connected to the deal's undo stack once the store is open.
        self.undo = self._action(self.tr("&Undo"), key.Undo)
        # The toolbar keeps a short, steady label; the menu says what would be undone.
        self.undo.setIconText(self.tr("Undo"))
        self.redo = self._action(self.tr("&Redo"), None)
        self.redo.setShortcuts(shortcuts("Ctrl+Shift+Z", key.Redo))
        self.redo.setIconText(self.tr("Redo"))
        self._untangle_keys()
        self._make_menus()
        self.enable(deal_open=False, database_open=False)
        # They act on the panes, which come just after the frame.
        for action in (self.today, self.find, self.undo, self.redo):
            action.setEnabled(False)

    def _action(
        self,
        text: str,
        shortcut: QKeySequence.StandardKey | str | None,
        tip: str = "",
    ) -> QAction:
        # QAction(text, parent) would make PySide build QIcon's enums (~6 ms) while it
        # weighs the (icon, text, parent) overload.
        action = QAction(self.window)
        action.setText(text)
        if isinstance(shortcut, str):
            self._named.append((action, shortcut))
        if shortcut is not None:
            action.setShortcuts(shortcuts(shortcut))
        action.setStatusTip(tip)
        return action

    @staticmethod
    def on(action: QAction, slot: Callable[[], object]) -> None:
        """`slot` runs when `action` is triggered (its `checked` argument dropped)."""
        action.triggered.connect(lambda _checked=False: slot())

    def _untangle_keys(self) -> None:
        """A key the platform adds to a standard one never takes another action's own key:
        X11's Delete is Del *and* Ctrl+D, which made Ctrl+D (duplicate) ambiguous in the
        deal list, where the delete action listens, and it did nothing."""
        named = {QKeySequence(key): action for action, key in self._named}
        for action in self.window.findChildren(QAction):
            keys = action.shortcuts()
            kept = [k for k in keys if named.get(k, action) is action]
            if kept != keys:
                action.setShortcuts(kept)

    def _make_menus(self) -> None:
        menus: list[tuple[str, list[QAction | None]]] = [
            (
                self.tr("&File"),
                [
                    *(self.new, self.from_template, self.duplicate, self.delete),
                    None,
                    *(self.import_crm, self.import_deal, self.export_deal),
                    *(self.export_list, self.export_ics),
                    None,
                    *(self.export_brief, self.print_brief, self.export_pack),
                    None,
                    *(self.backup, self.restore),
                    None,
                    *(self.settings, self.team, self.members, self.sync, self.settle),
                    None,
                    self.quit,
                ],
            ),
            (self.tr("&Edit"), [self.undo, self.redo, None, self.find]),
            (self.tr("&View"), [self.today, self.refresh, self.approvals]),
            (self.tr("&Help"), [self.guide, self.about]),
        ]
        for title, actions in menus:
            menu = self.window.menuBar().addMenu(title)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        toolbar = self.window.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        for action in (
            *(self.today, self.new, self.duplicate, self.delete),
            *(self.undo, self.redo, self.settings),
        ):
            toolbar.addAction(action)

    def enable(self, *, deal_open: bool, database_open: bool, backups_off: str = "") -> None:
        """The actions on a deal follow whether one is open, the others whether a database
        is. `backups_off`: why backups cannot be taken here (the actions say it)."""
        for action in (
            *(self.duplicate, self.delete, self.export_deal),
            *(self.export_brief, self.print_brief),
        ):
            action.setEnabled(deal_open)
        for action in (
            *(self.new, self.from_template, self.settings, self.refresh),
            *(self.import_crm, self.import_deal, self.export_list),
            *(self.export_ics, self.export_pack, self.backup, self.restore),
            self.approvals,
        ):
            action.setEnabled(database_open)
        for action in (self.backup, self.restore):
            if backups_off:
                action.setEnabled(False)
            action.setToolTip(backups_off or action.text().replace("&", "").rstrip("…"))

    def show_undo_text(self, what: str) -> None:
        self.undo.setText(self.tr("&Undo {what}").format(what=what) if what else self.tr("&Undo"))
        self.undo.setToolTip(self.undo.text().replace("&", ""))

    def show_redo_text(self, what: str) -> None:
        self.redo.setText(self.tr("&Redo {what}").format(what=what) if what else self.tr("&Redo"))
        self.redo.setToolTip(self.redo.text().replace("&", ""))
