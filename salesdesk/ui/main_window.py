"""The main window: the deal list on the left, Today or the deal's editor on the right.

The window holds widgets only; the database, the profile, the open deal, backups and
the watch for outside changes belong to its `Workspace` (`ui/workspace.py`), which the
window wires its widgets to and asks its questions for.

At start-up the window is built in two steps. Its frame (title, menus, toolbar)
is shown first; the list and Today panes are built in the next turn of the event
loop, then the store is opened. Anything that touches `PySide6.QtCore.Qt` belongs to
the second step: the first access to that namespace makes PySide create its ~95
enum classes, 20-30 ms that a bare window never spends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from salesdesk.ui import qsettings
from salesdesk.ui.backups import Choice, OpenProblem
from salesdesk.ui.window_actions import WindowActions, file_actions
from salesdesk.ui.workspace import Workspace

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout

    from salesdesk.domain.profile import Profile
    from salesdesk.ui.background import Job
    from salesdesk.ui.deal_list import DealListPanel
    from salesdesk.ui.editor.editor import DealEditor
    from salesdesk.ui.models.deals import DealListModel
    from salesdesk.ui.profile_banner import ProfileBanner
    from salesdesk.ui.team_sync import TeamSync
    from salesdesk.ui.today import TodayView

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # The panes, made by `build_panes()`.
    model: DealListModel
    list_panel: DealListPanel
    stack: QStackedWidget
    today_view: TodayView
    splitter: QSplitter
    central: QVBoxLayout

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
        self.workspace = Workspace(today, self.choose_database, self)
        self.workspace.database_opened.connect(self._database_opened)
        self.workspace.deals_changed.connect(self.refresh_lists)
        self.workspace.outside_change.connect(self.refresh_lists)
        self.workspace.profile_changed.connect(self._profile_changed)
        self.workspace.notice.connect(self._say)
        self.workspace.failed.connect(self._say)
        self.editor: DealEditor | None = None
        self.team_sync: TeamSync | None = None
        self.manager_job: Job | None = None  # asks the server whether the user is a manager
        self.profile_banner: ProfileBanner | None = None
        self.setWindowTitle("SalesDesk")
        self._default_size()
        self.panes_built = False
        self.acts = WindowActions(self)
        self._connect_actions()
        self._restore_geometry()
        if not panes_later:
            self.build_panes()

    def build_panes(self) -> None:
        """The deal list and Today, in the window's splitter; once."""
        if self.panes_built:
            return
        from PySide6.QtCore import Qt

        from salesdesk.ui.dialogs import TitleFitter
        from salesdesk.ui.keys import ShortcutRouter
        from salesdesk.ui.save_status import SaveStatus

        self.panes_built = True
        # The status bar too: its first creation costs ~8 ms.
        self.saved_label = SaveStatus(self)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().showMessage(self.tr("Opening the database…"))
        self._make_panes()
        self.acts.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.list_panel.table.addAction(self.acts.delete)
        self.list_panel.deal_selected.connect(self.show_deal)
        self.list_panel.query_changed.connect(self._show_count)
        self.model.counted.connect(self._say_count)  # a search's, read on the list's thread
        self.today_view.deal_requested.connect(self.open_deal)
        self.today_view.debrief_requested.connect(self.debrief_meeting)
        self.today_view.guide_requested.connect(self.show_guide)
        self.acts.today.setEnabled(True)
        self.acts.find.setEnabled(True)
        # The window's shortcuts reach it from any field (Ctrl+Z: the field's typing first).
        self._keys = ShortcutRouter(self, self.acts.undo, self.acts.redo)
        # Every dialog as wide as its title (a French title is long).
        self._titles = TitleFitter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._keys)
            app.installEventFilter(self._titles)
        self._restore_panes()

    def _make_panes(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout

        from salesdesk.ui.deal_list import DealListPanel
        from salesdesk.ui.models.deals import DealListModel
        from salesdesk.ui.today import TodayView

        self.model = DealListModel(parent=self, fetch_in_background=True)
        self.list_panel = DealListPanel(self.model, self)
        self.stack = QStackedWidget(self)
        self.today_view = TodayView(self.workspace.today(), self.stack)
        self.stack.addWidget(self.today_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([380, max(self.width() - 380, 600)])
        central = QWidget(self)
        self.central = QVBoxLayout(central)
        self.central.setContentsMargins(0, 0, 0, 0)
        self.central.setSpacing(0)
        self.central.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    # ------------------------------------------------------------ actions

    def _connect_actions(self) -> None:
        """Each action to what it does; the File menu's exchanges import their module
        when first triggered. (Team…, Sync now and Settle: `team_sync.attach`.)"""
        acts, on, work = self.acts, self.acts.on, self.workspace
        for action, slot in (
            *((acts.today, self.show_today), (acts.new, self.new_deal)),
            *((acts.from_template, self.new_deal_from_template), (acts.find, self.focus_search)),
            *((acts.duplicate, self.duplicate_deal), (acts.delete, self.delete_deal)),
            *((acts.refresh, self.refresh_lists), (acts.export_brief, self.export_brief)),
            *((acts.print_brief, self.print_brief), (acts.export_pack, self.export_pack)),
            *((acts.settings, self.edit_settings), (acts.approvals, self.show_approvals)),
            *((acts.members, self.show_team_members), (acts.quit, self.close)),
            *((acts.guide, self.show_guide), (acts.about, self.about)),
        ):
            on(action, slot)
        on(acts.import_crm, lambda: file_actions().import_from_crm(work, self))
        on(acts.export_deal, lambda: file_actions().export_deal(work, self))
        on(acts.import_deal, lambda: file_actions().import_deal(work, self, self.open_deal))
        on(acts.export_list, lambda: file_actions().export_deal_list(work, self, self.model.query))
        on(acts.export_ics, lambda: file_actions().export_meetings(work, self))
        on(acts.backup, lambda: file_actions().back_up(work, self))
        on(acts.restore, lambda: file_actions().restore(work, self))

    def _default_size(self) -> None:
        """First start: most of the screen, up to 1440×900 (a 1366×768 laptop fits)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1440, 900
        if screen is not None and screen.width() > 0:
            width = min(width, int(screen.width() * 0.92))
            height = min(height, int(screen.height() * 0.92))
        self.resize(width, height)

    def set_deal_actions(self, deal_open: bool) -> None:
        """The actions on a deal follow whether one is open; the others, the database."""
        self.acts.enable(
            deal_open=deal_open,
            database_open=self.workspace.db is not None,
            backups_off=self.workspace.backups_off(),
        )

    def _say(self, message: str, milliseconds: int = 0) -> None:
        self.statusBar().showMessage(message, milliseconds)

    # ------------------------------------------------------------ the database

    def open_database(self, target: str | None) -> bool:
        """Open the store (importing it now); on failure offer another file. False: gave up."""
        self.build_panes()
        return self.workspace.open(target, self.model.query)

    def choose_database(self, problem: OpenProblem) -> Choice:
        """The database cannot be used: the rep chooses what to open instead."""
        from salesdesk.ui.dialogs import choose_database

        return choose_database(self, problem)

    def _database_opened(self) -> None:
        """A database is open: at start the editor is made; after a restore, Today shows."""
        db, profile = self.workspace.db, self.workspace.profile
        assert db is not None and profile is not None
        first = self.editor is None
        if self.editor is None:
            self._make_editor(profile)
        else:
            self.editor.set_profile(profile)
        self.model.set_source(self.workspace.deal_source())
        self.list_panel.set_owners(self.workspace.owners())
        # The file's name in the title; its full path (or URL) where the pointer asks.
        self.setWindowTitle(f"{db.path.name if db.path else db.location} — SalesDesk")
        self.statusBar().setToolTip(db.location)
        self.saved_label.setToolTip(db.location)
        self._ask_profile()
        self._check_manager()
        if not first:
            self.refresh_lists()
            self.show_today()
            return
        self.refresh_today()
        self._show_count()
        self.set_deal_actions(False)
        if db.path is not None:
            QTimer.singleShot(0, self._start_team_sync)
        last = qsettings.read(qsettings.LAST_DEAL)
        if not (last and self.list_panel.select(last)):
            self.show_today()

    def _make_editor(self, profile: Profile) -> None:
        from salesdesk.ui.editor.editor import DealEditor

        session = self.workspace.session
        assert session is not None
        self.saved_label.follow(session)
        self.editor = DealEditor(
            session,
            profile,
            self.workspace.account_people,
            self.workspace.templates_folder(),
            self.stack,
        )
        self.editor.message.connect(self.statusBar().showMessage)
        self.editor.guide_requested.connect(self.show_guide)
        self.stack.addWidget(self.editor)
        stack = session.undo_group
        stack.canUndoChanged.connect(self.acts.undo.setEnabled)
        stack.canRedoChanged.connect(self.acts.redo.setEnabled)
        # Bound methods, not lambdas: Qt disconnects them when the window goes away.
        stack.undoTextChanged.connect(self.acts.show_undo_text)
        stack.redoTextChanged.connect(self.acts.show_redo_text)
        self.acts.undo.triggered.connect(stack.undo)
        self.acts.redo.triggered.connect(stack.redo)

    # ------------------------------------------------------------ deals

    def show_deal(self, deal_id: int) -> None:
        from salesdesk.store.errors import StoreError

        session = self.workspace.session
        if session is None or self.editor is None:
            return
        sheet = session.sheet
        if sheet is not None and sheet.id == deal_id and self.stack.currentWidget() is self.editor:
            return  # already open: a click on its row again changes nothing
        self.editor.commit_pending()  # typing in progress belongs to the deal left
        try:
            session.open(deal_id)
        except StoreError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.stack.setCurrentWidget(self.editor)
        self.set_deal_actions(True)
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

    def debrief_meeting(self, deal_id: int, meeting_uid: str) -> None:
        """From Today: the deal's Meetings tab, and the meeting's debrief form."""
        from PySide6.QtCore import QTimer

        self.open_deal(deal_id)
        editor = getattr(self, "editor", None)
        if editor is None or self.workspace.sheet is None:
            return
        editor.setCurrentWidget(editor.meetings)
        # Once the editor shows: the form then opens over it.
        QTimer.singleShot(0, lambda: editor.meetings.debrief(meeting_uid))

    def show_today(self) -> None:
        if self.workspace.session is not None:
            self.workspace.session.close()
        self.list_panel.forget_current()
        self.refresh_today()
        self.stack.setCurrentWidget(self.today_view)
        self.set_deal_actions(False)

    def new_deal(self) -> None:
        if self.workspace.db is not None:
            self._created(self.workspace.new_deal(), self.tr("New deal created"))
            self._edit_title()

    def new_deal_from_template(self) -> None:
        from salesdesk.ui.deal_actions import new_deal_from_template

        made = new_deal_from_template(self.workspace, self)
        if made is not None:
            deal_id, name = made
            self._created(deal_id, self.tr("New deal created from “{name}”").format(name=name))
            self._edit_title()

    def duplicate_deal(self) -> None:
        deal_id = self.workspace.duplicate_deal()
        if deal_id is not None:
            self._created(deal_id, self.tr("Deal duplicated"))

    def _created(self, deal_id: int, message: str) -> None:
        self.list_panel.search.clear()
        self.open_deal(deal_id)
        self.statusBar().showMessage(message, 4000)

    def _edit_title(self) -> None:
        if self.editor is not None:
            self.editor.setCurrentIndex(0)
            self.editor.overview.title.setFocus()
            self.editor.overview.title.selectAll()

    def delete_deal(self) -> None:
        from salesdesk.ui.deal_actions import delete_open_deal

        if delete_open_deal(self.workspace, self):
            self.show_today()
            self.statusBar().showMessage(self.tr("Deal deleted"), 4000)

    def focus_search(self) -> None:
        self.list_panel.search.setFocus()
        self.list_panel.search.selectAll()

    def export_brief(self) -> None:
        if self.editor is not None and self.workspace.sheet is not None:
            self.editor.commit_pending()
            self.editor.brief.export()

    def print_brief(self) -> None:
        if self.editor is not None and self.workspace.sheet is not None:
            self.editor.commit_pending()
            self.editor.brief.print_brief()

    def export_pack(self) -> None:
        from salesdesk.ui.deal_actions import export_pack

        export_pack(self.workspace, self)

    # ------------------------------------------------------------ refreshing

    def refresh_lists(self) -> None:
        if self.workspace.db is None:
            return
        current = self.list_panel.selected_deal()
        if not self.workspace.db.is_sqlite:  # a new rep's deal brings a new owner to filter by
            self.list_panel.set_owners(self.workspace.owners())
        self.model.reload(keep=True)
        if current is not None:
            self.list_panel.select(current, emit=False)
        if self.stack.currentWidget() is self.today_view:
            self.refresh_today()  # otherwise when it is shown again (`show_today`)
        self._show_count()

    def refresh_today(self) -> None:
        if self.workspace.db is None:
            return
        items = self.workspace.today_items()
        self.today_view.set_today(self.workspace.today())
        self.today_view.set_items(
            items.due, items.meetings, items.due_count, items.owners, items.to_debrief
        )

    def _show_count(self) -> None:
        if self.workspace.db is None:
            return
        count = self.model.known_count()
        if count is None:  # not yet counted: the model holds only the first page
            count = self.workspace.shown_count(self.model.query)
        self._say_count(count)

    def _say_count(self, count: int) -> None:
        """The list's count in the status bar. A search's matches are counted up to the
        cap (a few ms on either engine): past it, "more than"; the list spans them all
        once the rep scrolls past its first page."""
        from salesdesk.store.deal_list import COUNT_CAP

        if self.model.query.text and count > COUNT_CAP:
            self.statusBar().showMessage(self.tr("More than %Ln deal(s)", "", COUNT_CAP))
            return
        self.model.set_count(count)
        self.statusBar().showMessage(self.tr("%Ln deal(s)", "", count))

    # ------------------------------------------------------------ settings

    def show_guide(self) -> None:
        from salesdesk.ui.guide import show_guide

        profile = self.workspace.profile
        self.guide = show_guide(self, profile.cadence) if profile else show_guide(self)

    def _ask_profile(self) -> None:
        """A profile without a name: ask it above the panes (the rep may skip it)."""
        profile = self.workspace.profile
        if profile is None or profile.name:
            if self.profile_banner is not None:
                self.profile_banner.hide()
            return
        if self.profile_banner is None:
            from salesdesk.ui.profile_banner import ProfileBanner

            banner = ProfileBanner(self)
            banner.saved.connect(self._save_name)
            self.central.insertWidget(0, banner)
            self.profile_banner = banner
        self.profile_banner.show()

    def _save_name(self, name: str, company: str) -> None:
        from salesdesk.ui.settings_actions import save_name

        save_name(self.workspace, self, name, company)

    def _profile_changed(self, profile: Profile) -> None:
        if self.editor is not None:
            self.editor.set_profile(profile)
        self._ask_profile()

    def edit_settings(self) -> None:
        from salesdesk.ui.settings_actions import edit_settings

        edit_settings(self.workspace, self)

    def show_approvals(self) -> None:
        """The manager's queue: the team's concessions over a rep's authority."""
        from salesdesk.ui.settings_actions import show_approvals

        if show_approvals(self.workspace, self):
            self.refresh_lists()

    def about(self) -> None:
        from salesdesk.ui.settings_actions import about

        about(self)

    # ------------------------------------------------------------ the team's server

    def _start_team_sync(self) -> None:
        """The sync with the team's server (nothing runs without one set)."""
        from salesdesk.ui import team_sync

        if self.team_sync is None:
            self.team_sync = team_sync.attach(self, self.workspace, self.acts)

    def _check_manager(self) -> None:
        """The team's members and their limits are a manager's, on a team's server: the
        server is asked off the GUI thread; until it answers, and for anyone else, the
        action is off and says why."""
        db = self.workspace.db
        self._manager_answer(False)
        if db is None or db.is_sqlite:
            return
        from salesdesk.store.team import is_manager
        from salesdesk.ui.background import Job

        self.manager_job = Job(lambda: is_manager(db), "team-manager")
        self.manager_job.done.connect(self._manager_answer)
        self.manager_job.failed.connect(lambda _exc: None)  # the action stays off
        self.manager_job.start()

    def _manager_answer(self, manager: object) -> None:
        action, db = self.acts.members, self.workspace.db
        action.setEnabled(bool(manager) and db is not None and not db.is_sqlite)
        if db is None or db.is_sqlite:
            why = self.tr("Team members are a team server's: this database is your own file.")
        elif manager:
            why = self.tr("The team's members and the reps' authority limits")
        else:
            why = self.tr("Only a manager of the team sets the reps' authority limits.")
        action.setToolTip(why)
        action.setStatusTip(why)

    def show_team_members(self) -> None:
        """A manager sets the reps' authority limits (as `salesdesk team limit` does)."""
        from salesdesk.ui.settings_actions import show_team_members

        if self.acts.members.isEnabled():
            show_team_members(self.workspace, self)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtWidgets import QMessageBox

        session = self.workspace.session
        if session is not None and not session.save_now():
            answer = QMessageBox.question(
                self,
                self.tr("Not saved"),
                self.tr("The last changes could not be saved. Quit anyway?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self.team_sync is not None:
            self.team_sync.stop(60)
        self.save_state()
        self.workspace.close()
        event.accept()
