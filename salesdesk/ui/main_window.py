"""The main window: the deal list on the left, Today or the deal's editor on the right.

At start-up the window is built in two steps. Its frame (title, menus, toolbar)
is shown first; the list and Today panes are built in the next turn of the event
loop, then the store is opened. Anything that touches `PySide6.QtCore.Qt` belongs to
the second step: the first access to that namespace makes PySide create its ~95
enum classes, 20-30 ms that a bare window never spends.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from salesdesk import __version__
from salesdesk.ui import qsettings

if TYPE_CHECKING:
    import threading
    from datetime import date, datetime

    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QSplitter, QStackedWidget

    from salesdesk.domain.deal import DealSheet, Stakeholder
    from salesdesk.domain.listing import DealQuery, DealSummary
    from salesdesk.domain.profile import Profile
    from salesdesk.interop.backup import DamagedDatabase
    from salesdesk.store.engine import Database
    from salesdesk.ui.background import Job
    from salesdesk.ui.deal_list import DealListPanel
    from salesdesk.ui.editor.editor import DealEditor
    from salesdesk.ui.models.deals import DealListModel
    from salesdesk.ui.profile_banner import ProfileBanner
    from salesdesk.ui.session import DealSession
    from salesdesk.ui.team_sync import TeamSync
    from salesdesk.ui.today import TodayView

log = logging.getLogger(__name__)
POLL_MS = 2000
CONTACTS_SHOWN = 500  # on Today; beyond, the title says how many more are due


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


class MainWindow(QMainWindow):
    # The rep's profile, read with the database.
    profile: Profile
    # The panes, made by `build_panes()`.
    model: DealListModel
    list_panel: DealListPanel
    stack: QStackedWidget
    today_view: TodayView
    splitter: QSplitter

    def __init__(
        self,
        today: Callable[[], date] | None = None,
        parent: QWidget | None = None,
        *,
        panes_later: bool = False,
    ) -> None:
        """`today` defaults to the system's date; `panes_later`: the caller shows the
        frame, then calls `build_panes()`."""
        super().__init__(parent)
        if today is None:
            from datetime import date

            today = date.today
        self.today = today
        # The store is imported once the window is on screen.
        self.db: Database | None = None
        self.session: DealSession | None = None
        self.editor: DealEditor | None = None
        self.backup_job: Job | None = None
        self.contacts_job: Job | None = None
        self.backup_cancel: threading.Event | None = None
        self.team_sync: TeamSync | None = None
        self._token: object = None
        self.setWindowTitle("SalesDesk")
        self._default_size()
        self.panes_built = False
        self._make_actions()
        # Counting every match scans the table: done once typing pauses, not per keystroke.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(300)
        self._count_timer.timeout.connect(self._show_count)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check_external_changes)
        self._restore_geometry()
        if not panes_later:
            self.build_panes()

    def build_panes(self) -> None:
        """The deal list and Today, in the window's splitter; once."""
        if self.panes_built:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget

        from salesdesk.ui.deal_list import DealListPanel
        from salesdesk.ui.models.deals import DealListModel
        from salesdesk.ui.today import TodayView

        self.panes_built = True
        # The status bar too: its first creation costs ~8 ms.
        self.saved_label = QLabel(self)
        # Someone else's version merged into the save under way (said once saved).
        self._merged_version: int | None = None
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().showMessage(self.tr("Opening the database…"))
        self.model = DealListModel(parent=self, fetch_in_background=True)
        self.list_panel = DealListPanel(self.model, self)
        self.stack = QStackedWidget(self)
        self.today_view = TodayView(self.today(), self.stack)
        self.stack.addWidget(self.today_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([380, max(self.width() - 380, 600)])
        from PySide6.QtWidgets import QVBoxLayout

        central = QWidget(self)
        self._central = QVBoxLayout(central)
        self._central.setContentsMargins(0, 0, 0, 0)
        self._central.setSpacing(0)
        self._central.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.profile_banner: ProfileBanner | None = None
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.list_panel.table.addAction(self.act_delete)
        self.list_panel.deal_selected.connect(self.show_deal)
        self.list_panel.query_changed.connect(self._count_timer.start)
        self.today_view.deal_requested.connect(self.open_deal)
        self.today_view.guide_requested.connect(self.show_guide)
        self.act_today.setEnabled(True)
        self.act_find.setEnabled(True)
        from salesdesk.ui.keys import ShortcutRouter

        # The window's shortcuts reach it from any field (Ctrl+Z: the field's typing first).
        self._keys = ShortcutRouter(self, self.act_undo, self.act_redo)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._keys)
        self._restore_panes()

    # ------------------------------------------------------------ actions and menus

    def _action(
        self,
        text: str,
        shortcut: QKeySequence.StandardKey | str | None,
        slot: Callable[[], object] | None,
        tip: str = "",
    ) -> QAction:
        # QAction(text, parent) would make PySide build QIcon's enums (~6 ms) while it
        # weighs the (icon, text, parent) overload.
        action = QAction(self)
        action.setText(text)
        if shortcut is not None:
            action.setShortcuts(shortcuts(shortcut))
        action.setStatusTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        return action

    def _default_size(self) -> None:
        """First start: most of the screen, up to 1440×900 (a 1366×768 laptop fits)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1440, 900
        if screen is not None and screen.width() > 0:
            width = min(width, int(screen.width() * 0.92))
            height = min(height, int(screen.height() * 0.92))
        self.resize(width, height)

    def _make_actions(self) -> None:
        self.act_today = self._action(
            self.tr("&Today"),
            "Ctrl+T",
            self.show_today,
            self.tr("Contacts due and this week's meetings"),
        )
        self.act_new = self._action(
            self.tr("&New deal"), QKeySequence.StandardKey.New, self.new_deal
        )
        self.act_from_template = self._action(
            self.tr("New deal from &template…"), "Ctrl+Shift+N", self.new_deal_from_template
        )
        self.act_duplicate = self._action(self.tr("D&uplicate deal"), "Ctrl+D", self.duplicate_deal)
        self.act_delete = self._action(
            self.tr("&Delete deal…"), QKeySequence.StandardKey.Delete, self.delete_deal
        )
        self.act_find = self._action(
            self.tr("&Find"), QKeySequence.StandardKey.Find, self.focus_search
        )
        self.act_refresh = self._action(
            self.tr("&Refresh"), QKeySequence.StandardKey.Refresh, self.refresh_lists
        )
        self.act_import_crm = self._action(
            self.tr("&Import from a CRM…"), "Ctrl+I", lambda: file_actions().import_from_crm(self)
        )
        self.act_export_deal = self._action(
            self.tr("E&xport deal…"), "Ctrl+Shift+E", lambda: file_actions().export_deal(self)
        )
        self.act_export_brief = self._action(
            self.tr("Export the &brief…"), "Ctrl+E", self.export_brief
        )
        self.act_print_brief = self._action(
            self.tr("&Print the brief…"), QKeySequence.StandardKey.Print, self.print_brief
        )
        self.act_export_pack = self._action(
            self.tr("Export a meeting &pack…"), "Ctrl+Shift+P", self.export_pack
        )
        self.act_import_deal = self._action(
            self.tr("Import &deal…"), None, lambda: file_actions().import_deal(self)
        )
        self.act_export_list = self._action(
            self.tr("Export the deal &list as CSV…"),
            None,
            lambda: file_actions().export_deal_list(self),
        )
        self.act_export_ics = self._action(
            self.tr("Export &meetings to a calendar (.ics)…"),
            None,
            lambda: file_actions().export_meetings(self),
        )
        self.act_backup = self._action(
            self.tr("&Back up now…"), None, lambda: file_actions().back_up(self)
        )
        self.act_restore = self._action(
            self.tr("&Restore a backup…"), None, lambda: file_actions().restore(self)
        )
        self.act_settings = self._action(self.tr("&Settings…"), "Ctrl+,", self.edit_settings)
        self.act_approvals = self._action(self.tr("&Approvals waiting…"), None, self.show_approvals)
        self.act_team = self._action(self.tr("&Team…"), None, self.edit_team)
        self.act_sync = self._action(self.tr("S&ync now"), None, self.sync_now)
        self.act_settle = self._action(
            self.tr("Settle sync &conflicts…"), None, self.settle_sync_conflicts
        )
        self.act_team.setEnabled(False)
        self.act_sync.setEnabled(False)
        self.act_settle.setEnabled(False)
        # Quit has no standard key on Windows nor on some Linux desktops: Ctrl+Q everywhere.
        self.act_quit = self._action(self.tr("&Quit"), "Ctrl+Q", self.close)
        self.act_guide = self._action(
            self.tr("The &method in short"), "F1", self.show_guide, self.tr("A short guide")
        )
        self.act_about = self._action(self.tr("&About SalesDesk"), None, self.about)
        # Connected to the deal's undo stack once the store is open.
        self.act_undo = self._action(self.tr("&Undo"), QKeySequence.StandardKey.Undo, None)
        # The toolbar keeps a short, steady label; the menu says what would be undone.
        self.act_undo.setIconText(self.tr("Undo"))
        self.act_undo.setEnabled(False)
        self.act_redo = self._action(self.tr("&Redo"), None, None)
        self.act_redo.setShortcuts(shortcuts("Ctrl+Shift+Z", QKeySequence.StandardKey.Redo))
        self.act_redo.setIconText(self.tr("Redo"))
        self.act_redo.setEnabled(False)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (self.act_new, self.act_from_template, self.act_duplicate, self.act_delete):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (
            self.act_import_crm,
            self.act_import_deal,
            self.act_export_deal,
            self.act_export_list,
            self.act_export_ics,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.act_export_brief, self.act_print_brief, self.act_export_pack):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.act_backup)
        file_menu.addAction(self.act_restore)
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addAction(self.act_team)
        file_menu.addAction(self.act_sync)
        file_menu.addAction(self.act_settle)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.act_today)
        view_menu.addAction(self.act_refresh)
        view_menu.addAction(self.act_approvals)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_guide)
        help_menu.addAction(self.act_about)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        for action in (
            self.act_today,
            self.act_new,
            self.act_duplicate,
            self.act_delete,
            self.act_undo,
            self.act_redo,
            self.act_settings,
        ):
            toolbar.addAction(action)
        self._set_deal_actions(False)
        # They act on the panes, which come just after the frame.
        self.act_today.setEnabled(False)
        self.act_find.setEnabled(False)

    def _set_deal_actions(self, enabled: bool) -> None:
        for action in (
            self.act_duplicate,
            self.act_delete,
            self.act_export_deal,
            self.act_export_brief,
            self.act_print_brief,
        ):
            action.setEnabled(enabled)
        for action in (
            self.act_new,
            self.act_from_template,
            self.act_settings,
            self.act_refresh,
            self.act_import_crm,
            self.act_import_deal,
            self.act_export_list,
            self.act_export_ics,
            self.act_export_pack,
            self.act_backup,
            self.act_restore,
            self.act_approvals,
        ):
            action.setEnabled(self.db is not None)
        self._set_backup_actions()

    def _set_backup_actions(self) -> None:
        """On a server database, backups need PostgreSQL's tools: without them the actions
        are off and say why."""
        why = ""
        if self.db is not None and not self.db.is_sqlite:
            from salesdesk.interop.server_backup import tools_missing

            why = tools_missing() or ""
        for action in (self.act_backup, self.act_restore):
            if why:
                action.setEnabled(False)
            action.setToolTip(why or action.text().replace("&", "").rstrip("…"))

    # ------------------------------------------------------------ the database

    def open_database(self, target: str | None) -> bool:
        """Open the store (importing it now); on failure offer another file. False: gave up."""
        self.build_panes()
        from salesdesk.interop.demo import add_samples
        from salesdesk.store import repository as repo
        from salesdesk.store.engine import open_database
        from salesdesk.store.errors import StoreError
        from salesdesk.ui.models.deals import PAGE

        while True:
            try:
                db = open_database(target)
                if db.created:
                    add_samples(db, self.today())
                profile = repo.load_profile(db)
                # The first start of the day recomputes every deal's next contact: on a
                # thread, once the list and Today are on screen (4.5 s at 100,000 deals).
                if db.created:  # the samples alone: at once
                    repo.refresh_contact_dates(db, self.today(), profile.cadence)
                stale = not repo.contact_dates_fresh(db, self.today(), profile.cadence)
                # The list's first page, read here: damage met there gets the recovery
                # offer like any other (it is cached for the list a moment later).
                repo.query_deals(db, self.model.query, self.today(), 0, PAGE)
                break
            except StoreError as exc:
                log.warning("cannot open %s: %s", target, exc)
                target = self._ask_other_database(str(exc), self._backup_for(exc))
                if target is None:
                    self.statusBar().showMessage(str(exc))
                    return False
        self._attach(db, profile)
        if stale:
            self._refresh_contacts_in_background()
        return True

    def _refresh_contacts_in_background(self) -> None:
        from salesdesk.store import repository as repo
        from salesdesk.ui.background import Job

        if self.db is None:
            return
        db, today, cadence = self.db, self.today(), self.profile.cadence
        self.statusBar().showMessage(self.tr("Updating the next contact dates for today…"))
        job = self.contacts_job = Job(
            lambda: repo.refresh_contact_dates(db, today, cadence), "contact dates"
        )
        job.done.connect(self._contacts_refreshed)
        job.failed.connect(self._contacts_failed)
        job.start()

    def _contacts_refreshed(self, changed: object) -> None:
        log.info("next contact dates updated for today: %s changed", changed)
        if changed:
            self.refresh_lists()
            if self.stack.currentWidget() is self.today_view:
                self.refresh_today()
        self.statusBar().showMessage(self.tr("Next contact dates up to date"), 3000)

    def _contacts_failed(self, exc: object) -> None:
        from salesdesk.store.errors import StoreError

        if not isinstance(exc, StoreError):
            raise exc if isinstance(exc, BaseException) else RuntimeError(exc)  # our bug
        log.warning("next contact dates not updated: %s", exc)
        self.statusBar().showMessage(str(exc), 8000)

    @staticmethod
    def _backup_for(exc: Exception) -> tuple[Path, Path] | None:
        """(database, latest good backup) when a damaged database has one to go back to."""
        from salesdesk.interop.backup import BackupError, check_backup, latest_backups
        from salesdesk.store.errors import DatabaseUnavailable, Problem

        if not isinstance(exc, DatabaseUnavailable) or exc.problem is not Problem.CORRUPT:
            return None
        path = Path(exc.location)
        for backup in latest_backups(path) if path.is_file() else []:
            try:
                check_backup(backup)
            except BackupError:
                continue  # a damaged backup is skipped for an older, good one
            return path, backup
        return None

    def _ask_other_database(
        self, message: str, restorable: tuple[Path, Path] | None = None
    ) -> str | None:
        """Offer another file, or the latest backup of a damaged database; None: give up."""
        from datetime import datetime

        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from salesdesk.interop.backup import restore_backup
        from salesdesk.store.errors import StoreError

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("SalesDesk"),
            message,
            QMessageBox.StandardButton.Cancel,
            self,
        )
        restore = None
        if restorable is not None:
            restore = box.addButton(
                self.tr("Restore the backup of {date}").format(
                    date=datetime.fromtimestamp(restorable[1].stat().st_mtime).strftime(
                        "%Y-%m-%d %H:%M"
                    )
                ),
                QMessageBox.ButtonRole.AcceptRole,
            )
        choose = box.addButton(self.tr("Choose another file…"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if restore is not None and box.clickedButton() is restore and restorable is not None:
            database, backup = restorable
            try:
                kept = restore_backup(backup, database)
            except StoreError as exc:
                QMessageBox.warning(self, self.tr("SalesDesk"), str(exc))
                return None
            log.info("restored %s; the damaged database was kept at %s", backup, kept)
            self.statusBar().showMessage(
                self.tr("Backup restored; the damaged file was kept at {path}").format(path=kept)
            )
            return str(database)
        if box.clickedButton() is not choose:
            return None
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Open or create a SalesDesk database"),
            qsettings.last_folder(),
            self.tr("SalesDesk databases (*.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return path or None

    def _attach(self, db: Database, profile: Profile) -> None:
        from salesdesk.store import repository as repo
        from salesdesk.ui.editor.editor import DealEditor
        from salesdesk.ui.models.deals import DealSource
        from salesdesk.ui.session import DealSession

        self.db = db
        self.profile = profile
        session = self.session = DealSession(db, self.today, self)
        session.saved.connect(self._on_saved)
        session.failed.connect(self._on_save_failed)
        session.conflict.connect(self._on_conflict)
        session.merged.connect(self._on_merged)
        editor = self.editor = DealEditor(
            self.session,
            profile,
            self._account_people,
            self.templates_folder(),
            self.stack,
        )
        self.stack.addWidget(editor)
        stack = session.undo_group
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        # Bound methods, not lambdas: Qt disconnects them when the window goes away.
        stack.undoTextChanged.connect(self._show_undo_text)
        stack.redoTextChanged.connect(self._show_redo_text)
        self.act_undo.triggered.connect(stack.undo)
        self.act_redo.triggered.connect(stack.redo)
        self.model.set_source(DealSource(self._fetch_deals, self._count_deals, self._locate_deal))
        self._token = repo.change_token(db)
        self.list_panel.set_owners([] if db.is_sqlite else repo.deal_owners(db))
        # The file's name in the title; its full path (or URL) where the pointer asks.
        self.setWindowTitle(f"{db.path.name if db.path else db.location} — SalesDesk")
        self.statusBar().setToolTip(db.location)
        self.saved_label.setToolTip(db.location)
        self.refresh_today()
        self._show_count()
        self._set_deal_actions(False)
        self._ask_profile()
        self._poll.start()
        if db.path is not None:
            QTimer.singleShot(0, self._automatic_backup)
            QTimer.singleShot(0, self._start_team_sync)
        last = qsettings.read(qsettings.LAST_DEAL)
        if last and self.list_panel.select(last):
            return
        self.show_today()

    def _fetch_deals(self, query: DealQuery, offset: int, limit: int) -> list[DealSummary]:
        from salesdesk.store import repository as repo

        if self.db is None:
            return []
        return repo.query_deals(self.db, query, self.today(), offset, limit)

    def _count_deals(self, query: DealQuery) -> int:
        from salesdesk.store import repository as repo

        return 0 if self.db is None else repo.count_deals(self.db, query, self.today())

    def _locate_deal(self, query: DealQuery, deal_id: int) -> int | None:
        from salesdesk.store import repository as repo

        if self.db is None:
            return None
        return repo.deal_position(self.db, query, self.today(), deal_id)

    def _account_people(self, account: str) -> list[Stakeholder]:
        from salesdesk.store import repository as repo

        return [] if self.db is None else repo.account_people(self.db, account)

    def replace_database(self, db: Database) -> None:
        """Carry on with another database object (after a restore) in the same window."""
        self.db = db
        if self.session is not None:
            self.session.db = db
        self._token = None
        self.refresh_lists()
        self.show_today()

    def _automatic_backup(self) -> None:
        """A backup at every start, the last seven kept beside the database.

        On its own thread: copying a large database takes a while (0.25 s at 100,000
        deals) and the rep is already using the window.
        """
        from salesdesk.interop.backup import automatic_backup
        from salesdesk.ui.background import Job

        if self.db is None or self.db.path is None:
            return
        import threading

        path = self.db.path
        self.backup_cancel = threading.Event()
        cancel = self.backup_cancel
        self.backup_job = Job(lambda: automatic_backup(path, cancel=cancel), "automatic backup")
        self.backup_job.done.connect(self._backup_done)
        self.backup_job.failed.connect(self._backup_failed)
        self.backup_job.start()

    def _backup_done(self, path: object) -> None:
        log.info("automatic backup at %s", path)

    def _backup_failed(self, exc: object) -> None:
        from salesdesk.interop.backup import BackupCancelled, DamagedDatabase
        from salesdesk.store.errors import StoreError

        if isinstance(exc, BackupCancelled):
            return
        if not isinstance(exc, StoreError):
            raise exc if isinstance(exc, BaseException) else RuntimeError(exc)  # our bug
        log.warning("automatic backup failed: %s", exc)
        if isinstance(exc, DamagedDatabase):
            self._offer_recovery(exc)
            return
        self.statusBar().showMessage(str(exc), 8000)

    def _offer_recovery(self, exc: DamagedDatabase) -> None:
        """The start-up backup found the database damaged: the offer made for unreadable
        files (the latest good backup, or another file) rather than writing into it."""
        from PySide6.QtWidgets import QMessageBox

        from salesdesk.store.engine import open_database
        from salesdesk.store.errors import DatabaseUnavailable, Problem, StoreError

        if self.db is not None:
            self.db.engine.dispose()  # let the restore take the file
        problem = DatabaseUnavailable(Problem.CORRUPT, str(exc.db_path))
        target = self._ask_other_database(str(exc), self._backup_for(problem))
        if target is None:
            self.statusBar().showMessage(str(exc))
            return
        try:
            db = open_database(target)
        except StoreError as error:
            QMessageBox.warning(self, self.tr("SalesDesk"), str(error))
            return
        old, self.db = self.db, db
        self.replace_database(db)
        if old is not None:
            old.close()

    def _show_undo_text(self, what: str) -> None:
        self.act_undo.setText(
            self.tr("&Undo {what}").format(what=what) if what else self.tr("&Undo")
        )
        self.act_undo.setToolTip(self.act_undo.text().replace("&", ""))

    def _show_redo_text(self, what: str) -> None:
        self.act_redo.setText(
            self.tr("&Redo {what}").format(what=what) if what else self.tr("&Redo")
        )
        self.act_redo.setToolTip(self.act_redo.text().replace("&", ""))

    # ------------------------------------------------------------ deals

    def show_deal(self, deal_id: int) -> None:
        from salesdesk.store.errors import StoreError

        if self.session is None or self.editor is None:
            return
        sheet = self.session.sheet
        if sheet is not None and sheet.id == deal_id and self.stack.currentWidget() is self.editor:
            return  # already open: a click on its row again changes nothing
        self.editor.commit_pending()  # typing in progress belongs to the deal left
        try:
            self.session.open(deal_id)
        except StoreError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.stack.setCurrentWidget(self.editor)
        self._set_deal_actions(True)
        qsettings.write(qsettings.LAST_DEAL, deal_id)

    def open_deal(self, deal_id: int) -> None:
        """Select a deal in the list (clearing filters that hide it) and edit it."""
        if not self.list_panel.select(deal_id):
            self.list_panel.search.clear()
            for combo in (self.list_panel.stage, self.list_panel.phase, self.list_panel.status):
                combo.setCurrentIndex(0)
            self.list_panel.overdue.setChecked(False)
            self.list_panel.apply_filters()
            self.list_panel.select(deal_id)
        self.show_deal(deal_id)

    def show_today(self) -> None:
        if self.session is not None:
            self.session.close()
        self.list_panel.forget_current()
        self.refresh_today()
        self.stack.setCurrentWidget(self.today_view)
        self._set_deal_actions(False)

    def new_deal(self) -> None:
        if self.db is None:
            return
        from salesdesk.domain.deal import DealSheet

        sheet = DealSheet(
            title=self.tr("New deal"),
            account=self.tr("New account"),
            currency=self.profile.currency,
            owner=self.profile.name,
        )
        self._create(sheet, self.tr("New deal created"))
        if self.editor is not None:
            self.editor.setCurrentIndex(0)
            self.editor.overview.title.setFocus()
            self.editor.overview.title.selectAll()

    def export_brief(self) -> None:
        if self.editor is not None and self.session is not None and self.session.sheet:
            self.editor.commit_pending()
            self.editor.brief.export()

    def print_brief(self) -> None:
        if self.editor is not None and self.session is not None and self.session.sheet:
            self.editor.commit_pending()
            self.editor.brief.print_brief()

    def export_pack(self) -> None:
        from salesdesk.ui.editor.brief_tab import export_pack

        if self.db is None:
            return
        if self.session is not None:
            self.session.save_now()
        written = export_pack(self, self.db, self.today())
        if written is not None:
            self.statusBar().showMessage(
                self.tr("Meeting pack written to {file}").format(file=written), 8000
            )

    def templates_folder(self) -> Path:
        from salesdesk.interop.templates import template_dir
        from salesdesk.paths import data_dir

        if self.db is not None and self.db.path is not None:
            return template_dir(self.db.path)
        return data_dir() / "templates"

    def new_deal_from_template(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from salesdesk.interop.package import PackageError
        from salesdesk.interop.templates import list_templates, new_sheet_from

        if self.db is None:
            return
        templates = list_templates(self.templates_folder())
        if not templates:
            QMessageBox.information(
                self,
                self.tr("New deal from template"),
                self.tr(
                    "There is no template yet. Open a deal's Worksheet tab and choose "
                    "“Save as template…”."
                ),
            )
            return
        names = [t.name for t in templates]
        name, ok = QInputDialog.getItem(
            self, self.tr("New deal from template"), self.tr("Template:"), names, 0, False
        )
        if not ok:
            return
        template = templates[names.index(name)]
        try:
            sheet = new_sheet_from(template.path, self.tr("New deal"), self.tr("New account"))
        except (PackageError, OSError) as exc:
            QMessageBox.warning(self, self.tr("New deal from template"), str(exc))
            return
        sheet.owner = self.profile.name
        self._create(sheet, self.tr("New deal created from “{name}”").format(name=name))
        if self.editor is not None:
            self.editor.setCurrentIndex(0)
            self.editor.overview.title.setFocus()
            self.editor.overview.title.selectAll()

    def duplicate_deal(self) -> None:
        if self.session is None or self.session.sheet is None:
            return
        self.session.save_now()
        sheet = copy.deepcopy(self.session.sheet)
        sheet.id = None
        sheet.uid = None
        sheet.source = None
        sheet.title = self.tr("{title} (copy)").format(title=sheet.title)
        self._create(sheet, self.tr("Deal duplicated"))

    def _create(self, sheet: DealSheet, message: str) -> None:
        from salesdesk.store import repository as repo

        if self.db is None:
            return
        deal_id = repo.save_deal(self.db, sheet, today=self.today())
        self.list_panel.search.clear()
        self.refresh_lists()
        self.open_deal(deal_id)
        self.statusBar().showMessage(message, 4000)

    def delete_deal(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from salesdesk.store import repository as repo

        if self.db is None or self.session is None or self.session.sheet is None:
            return
        sheet = self.session.sheet
        if sheet.id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete deal"),
            self.tr(
                "Delete “{title}” ({account}) with its worksheet, ledger, meetings and "
                "history? This cannot be undone."
            ).format(title=sheet.title, account=sheet.account),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        deal_id = sheet.id
        self.session.close()
        self.session.forget(deal_id)
        repo.delete_deal(self.db, deal_id)
        self.refresh_lists()
        self.show_today()
        self.statusBar().showMessage(self.tr("Deal deleted"), 4000)

    def focus_search(self) -> None:
        self.list_panel.search.setFocus()
        self.list_panel.search.selectAll()

    # ------------------------------------------------------------ refreshing

    def refresh_lists(self) -> None:
        if self.db is None:
            return
        from salesdesk.store import repository as repo

        current = self.list_panel.selected_deal()
        if not self.db.is_sqlite:  # a new rep's deal brings a new owner to filter by
            self.list_panel.set_owners(repo.deal_owners(self.db))
        self.model.reload(keep=True)
        if current is not None:
            self.list_panel.select(current, emit=False)
        if self.stack.currentWidget() is self.today_view:
            self.refresh_today()  # otherwise when it is shown again (`show_today`)
        self._show_count()
        self._token = repo.change_token(self.db)

    def refresh_today(self) -> None:
        if self.db is None:
            return
        from salesdesk.store import repository as repo

        today = self.today()
        self.today_view.set_today(today)
        due = repo.contacts_due(self.db, today, CONTACTS_SHOWN)
        self.today_view.set_items(
            due,
            repo.upcoming_meetings(self.db, today),
            len(due) if len(due) < CONTACTS_SHOWN else repo.count_contacts_due(self.db, today),
        )

    def _show_count(self) -> None:
        if self.db is None:
            return
        from salesdesk.store import repository as repo

        count = self.model.known_count()
        if count is None:  # not yet counted: the model holds only the first page
            count = repo.count_deals(self.db, self.model.query, self.today())
            self.model.set_count(count)
        self.statusBar().showMessage(self.tr("%Ln deal(s)", "", count))

    def check_external_changes(self) -> None:
        """Show what the command line (an import, a restore) changed meanwhile."""
        if self.db is None or (self.session is not None and self.session.dirty):
            return
        from salesdesk.store import repository as repo
        from salesdesk.store.errors import StoreError

        try:
            token = repo.change_token(self.db)
            if token == self._token:
                return
            log.info("the database changed outside this window; refreshing")
            if self.session is not None:
                self.session.reload_if_unchanged_here()
            self.refresh_lists()
        except StoreError as exc:
            self.statusBar().showMessage(str(exc))

    def _on_saved(self, when: datetime) -> None:
        text = self.tr("Saved at {time}").format(time=when.strftime("%H:%M:%S"))
        if self._merged_version is not None:
            text = self.tr(
                "Saved at {time} with the changes someone else saved meanwhile (version {v})"
            ).format(time=when.strftime("%H:%M:%S"), v=self._merged_version)
            self._merged_version = None
        self.saved_label.setText(text)
        self.refresh_lists()

    def _on_conflict(self, clashes: list[object]) -> None:
        """Someone else changed the same fields: the rep chooses, then it is saved."""
        from salesdesk.domain.merge import Clash
        from salesdesk.ui.conflict_dialog import ConflictDialog

        if self.session is None or self.session.sheet is None:
            return
        self.saved_label.setText(self.tr("Not saved: changed by someone else"))
        dialog = ConflictDialog(
            [c for c in clashes if isinstance(c, Clash)], self.session.sheet.title, self
        )
        dialog.exec()  # closing it keeps their values, as the choices preset
        self.session.resolve(dialog.chosen_mine())

    def _on_merged(self, version: int) -> None:
        self._merged_version = version

    def _on_save_failed(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.saved_label.setText(self.tr("Not saved"))
        QMessageBox.warning(self, self.tr("Not saved"), message)

    # ------------------------------------------------------------ settings

    def show_guide(self) -> None:
        from salesdesk.ui.guide import show_guide

        profile = getattr(self, "profile", None)
        self.guide = show_guide(self, profile.cadence) if profile else show_guide(self)

    def _ask_profile(self) -> None:
        """A profile without a name: ask it above the panes (the rep may skip it)."""
        if self.profile.name:
            if self.profile_banner is not None:
                self.profile_banner.hide()
            return
        if self.profile_banner is None:
            from salesdesk.ui.profile_banner import ProfileBanner

            banner = ProfileBanner(self)
            banner.saved.connect(self._save_name)
            self._central.insertWidget(0, banner)
            self.profile_banner = banner
        self.profile_banner.show()

    def _save_name(self, name: str, company: str) -> None:
        from dataclasses import replace

        from salesdesk.store import repository as repo

        if self.db is None:
            return
        self.profile = replace(self.profile, name=name, company=company)
        repo.save_profile(self.db, self.profile)
        if self.editor is not None:
            self.editor.set_profile(self.profile)
        self.statusBar().showMessage(
            self.tr("Your briefs will say “Prepared by {who}”.").format(
                who=", ".join(p for p in (name, company) if p)
            ),
            5000,
        )

    def edit_settings(self) -> None:
        if self.db is None:
            return
        from PySide6.QtWidgets import QMessageBox

        from salesdesk.store import repository as repo
        from salesdesk.store.errors import StoreError
        from salesdesk.store.team import is_manager
        from salesdesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.profile, self)
        if not is_manager(self.db):
            # On a team's server the cadence and the limits are a manager's to set.
            why = self.tr("Set by a manager of the team")
            for widget in (*dialog.cadence, dialog.max_cost, dialog.max_discount):
                widget.setEnabled(False)
                widget.setToolTip(why)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        try:
            repo.save_profile(self.db, dialog.profile)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Settings"), str(exc))
            return
        self.profile = dialog.profile
        repo.refresh_contact_dates(self.db, self.today(), self.profile.cadence)
        if self.editor is not None:
            self.editor.set_profile(self.profile)
        self._ask_profile()
        self.refresh_lists()
        if dialog.language_changed:
            self.statusBar().showMessage(
                self.tr("Settings saved; the language changes at the next start"), 8000
            )
        else:
            self.statusBar().showMessage(self.tr("Settings saved"), 4000)

    def show_approvals(self) -> None:
        """The manager's queue: the team's concessions over a rep's authority."""
        from PySide6.QtWidgets import QMessageBox

        from salesdesk.store.team import is_manager
        from salesdesk.ui.approvals_dialog import ApprovalsDialog

        if self.db is None:
            return
        if not is_manager(self.db):
            QMessageBox.information(
                self,
                self.tr("Approvals waiting"),
                self.tr("Approvals are a manager's: ask a manager of the team."),
            )
            return
        if self.session is not None:
            self.session.save_now()
        dialog = ApprovalsDialog(self.db, self)
        dialog.exec()
        if dialog.decided:
            self.check_external_changes()  # the open deal shows the decisions at once
            self.refresh_lists()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About SalesDesk"),
            self.tr("SalesDesk {version}\nPrepare B2B negotiations offline.").format(
                version=__version__
            ),
        )

    # ------------------------------------------------------------ window state

    def bring_to_front(self) -> None:
        from PySide6.QtCore import Qt

        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def _restore_geometry(self) -> None:
        geometry = qsettings.read(qsettings.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = qsettings.read(qsettings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)

    def _restore_panes(self) -> None:
        splitter = qsettings.read(qsettings.SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = qsettings.read(qsettings.DEAL_COLUMNS)
        if not header.isEmpty():
            self.list_panel.table.horizontalHeader().restoreState(header)

    def save_state(self) -> None:
        qsettings.write(qsettings.GEOMETRY, QByteArray(self.saveGeometry()))
        qsettings.write(qsettings.WINDOW_STATE, QByteArray(self.saveState()))
        if not self.panes_built:
            return  # closed before its panes were made: their saved state still holds
        qsettings.write(qsettings.SPLITTER, QByteArray(self.splitter.saveState()))
        qsettings.write(
            qsettings.DEAL_COLUMNS, QByteArray(self.list_panel.table.horizontalHeader().saveState())
        )

    def _start_team_sync(self) -> None:
        """The sync with the team's server (nothing runs without one set)."""
        from salesdesk.ui.team_sync import TeamSync

        if self.db is None or self.db.path is None or self.team_sync is not None:
            return
        self.sync_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.team_sync = TeamSync(self.db, self.sync_label, self)
        self.team_sync.received.connect(self.check_external_changes)
        self.team_sync.server_set.connect(self.act_sync.setEnabled)
        self.team_sync.server_set.connect(self.act_settle.setEnabled)
        self.act_team.setEnabled(True)
        self.act_sync.setEnabled(self.team_sync.url is not None)
        self.act_settle.setEnabled(self.team_sync.url is not None)

    def edit_team(self) -> None:
        from salesdesk.ui.team_sync import TeamDialog

        if self.team_sync is None:
            return
        dialog = TeamDialog(self.team_sync.url, self)
        if dialog.exec() != TeamDialog.DialogCode.Accepted:
            return
        self.team_sync.set_server(dialog.url)

    def sync_now(self) -> None:
        if self.team_sync is not None:
            self.team_sync.sync_now()

    def settle_sync_conflicts(self) -> None:
        """Each deal changed here and on the server, settled field by field."""
        if self.team_sync is None:
            return
        if self.session is not None:
            self.session.save_now()
        self.team_sync.settle(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.session is not None and not self.session.save_now():
            answer = QMessageBox.question(
                self,
                self.tr("Not saved"),
                self.tr("The last changes could not be saved. Quit anyway?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self._poll.stop()
        if self.team_sync is not None:
            self.team_sync.timer.stop()
            self.team_sync.wait(60)
        self.save_state()
        if self.backup_job is not None:
            # A quit in the first seconds: the integrity check of the copy stops (the
            # copy is dropped) and the job ends while Qt can still hear of it.
            if self.backup_cancel is not None:
                self.backup_cancel.set()
            self.backup_job.wait(60)
        if self.contacts_job is not None:
            self.contacts_job.wait(60)
        if self.db is not None:
            self.db.close()
        event.accept()
