"""Settings → Team and the sync with the team's server, off the GUI thread.

Without a server set, nothing shows and nothing runs. With one, a sync runs when the
database opens, every five minutes, and on File → Sync now; the status bar says when
the last one succeeded and how many deals wait to be sent, or, in one line, why the
last one failed. The password is never stored here: libpq reads ~/.pgpass.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from salesdesk.interop import sync
from salesdesk.store.engine import Database, open_database
from salesdesk.store.errors import StoreError
from salesdesk.ui.background import Job
from salesdesk.ui.dialogs import ok_cancel
from salesdesk.ui.fields import error_label

if TYPE_CHECKING:
    from salesdesk.ui.window_actions import WindowActions
    from salesdesk.ui.workspace import Workspace

INTERVAL_MS = 5 * 60 * 1000


def attach(window: QMainWindow, workspace: Workspace, acts: WindowActions) -> TeamSync | None:
    """The sync of the workspace's database file, in the window: its line in the status
    bar, its Team…, Sync now and Settle sync conflicts… actions; None without a file."""
    db = workspace.db
    if db is None or db.path is None:
        return None
    label = QLabel(window)
    window.statusBar().addPermanentWidget(label)
    team = TeamSync(db, label, window)
    team.received.connect(workspace.check_outside_changes)
    team.server_set.connect(acts.sync.setEnabled)
    team.server_set.connect(acts.settle.setEnabled)

    def settle() -> None:
        if workspace.session is not None:
            workspace.session.save_now()  # the open deal as the rep left it
        team.settle(window)

    acts.team.triggered.connect(lambda _checked=False: team.edit_server(window))
    acts.sync.triggered.connect(lambda _checked=False: team.sync_now())
    acts.settle.triggered.connect(lambda _checked=False: settle())
    acts.team.setEnabled(True)
    acts.sync.setEnabled(team.url is not None)
    acts.settle.setEnabled(team.url is not None)
    return team


class TeamDialog(QDialog):
    """The team server's address and the rep's role on it."""

    def __init__(self, url: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Team"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("postgresql://server/salesdesk_team")
        self.role = QLineEdit(self)
        if url:
            parsed = make_url(url)
            self.role.setText(parsed.username or "")
            self.server.setText(
                parsed._replace(username=None, password=None).render_as_string(hide_password=False)
            )
        form.addRow(self.tr("Team server:"), self.server)
        form.addRow(self.tr("Your role:"), self.role)
        note = QLabel(
            self.tr(
                "SalesDesk never stores your password: put it in ~/.pgpass "
                "(server:port:database:role:password). Leave the server empty to work alone."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.url: str | None = url

    def accept(self) -> None:
        text = self.server.text().strip()
        if not text:
            self.url = None
            super().accept()
            return
        try:
            parsed = make_url(text)
        except ArgumentError:
            parsed = None
        if parsed is None or parsed.get_backend_name() != "postgresql":
            self.error.setText(
                self.tr("Team server: a PostgreSQL URL such as postgresql://server/database")
            )
            self.error.show()
            return
        role = self.role.text().strip() or parsed.username
        self.url = sync.without_password(
            parsed._replace(username=role or None).render_as_string(hide_password=False)
        )
        super().accept()


class TeamSync(QObject):
    """The window's sync: when to run it, on which thread, and what the status bar says."""

    # Emitted in the GUI thread after each sync that wrote something here.
    received = Signal()
    # Whether a server is set, each time it is set or cleared.
    server_set = Signal(bool)

    def __init__(self, db: Database, label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.label = label
        self.job: Job | None = None
        self.settling: SettleDialog | None = None
        self.failure: str | None = None
        # This computer's clock as the sync reads it (a test sets another), and the
        # warning when it is off the server's.
        self.clock: Callable[[], datetime] | None = None
        self.clock_warning: str | None = None
        self.clock_note: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.sync_now)
        self.start()

    @property
    def url(self) -> str | None:
        return sync.server_setting(self.db) if self.db.path is not None else None

    def start(self) -> None:
        """A sync now and every five minutes, when a server is set (else nothing)."""
        if self.url:
            self.timer.start()
            self.sync_now()
        else:
            self.timer.stop()
        self.show_state()

    def edit_server(self, parent: QWidget) -> None:
        """Settings → Team: the rep sets the server (and role), or clears it."""
        dialog = TeamDialog(self.url, parent)
        if dialog.exec() == TeamDialog.DialogCode.Accepted:
            self.set_server(dialog.url)

    def set_server(self, url: str | None) -> None:
        sync.remember_server(self.db, url)
        self.failure = None
        self.start()
        self.server_set.emit(url is not None)

    def sync_now(self) -> None:
        if self.job is not None or self.settling is not None:
            return
        if not self.url or self.db.path is None:
            return
        path = str(self.db.path)
        clock = self.clock

        def work() -> sync.SyncReport:
            # Its own connections, on its own thread: the window keeps working.
            local = open_database(path)
            try:
                return sync.sync(local, clock=clock)
            finally:
                local.close()

        self.job = Job(work, "team-sync")
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.label.setText(self.tr("Syncing…"))
        self.label.show()
        self.job.start()

    def settle(self, parent: QWidget) -> SettleDialog:
        """Settle the pending conflicts, one by one, in a dialog that shows the progress
        and the result; the server is contacted on a worker thread only."""
        if self.settling is None:
            self.settling = SettleDialog(self, parent)
            self.settling.finished.connect(self._settled)
            self.settling.open()
            self.settling.start()
        return self.settling

    def _settled(self) -> None:
        self.settling = None
        self.received.emit()
        self.show_state()

    def wait(self, seconds: float) -> None:
        if self.job is not None:
            self.job.wait(seconds)

    def stop(self, seconds: float) -> None:
        """No sync after this one; it is given `seconds` to finish (the window closes)."""
        self.timer.stop()
        self.wait(seconds)

    def _done(self, report: sync.SyncReport) -> None:
        self.job = None
        self.clock_warning = report.clock_warning()
        self.clock_note = report.clock_note()
        if report.errors:
            self.failure = report.errors[0]
        elif report.conflicts:
            self.failure = self.tr(
                "%n deal(s) changed here and on the server: settle with salesdesk sync --take",
                "",
                len(report.conflicts),
            )
        else:
            self.failure = None
        if report.received or report.deleted_here or report.unshared or report.corrected:
            self.received.emit()
        self.show_state()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        if not isinstance(exc, sync.SyncError | StoreError):
            raise exc
        self.failure = str(exc)
        self.show_state()

    def show_state(self) -> None:
        if not self.url:
            self.label.hide()
            return
        waiting = sync.waiting(self.db)
        last = sync.last_sync(self.db)
        when = (
            last.astimezone().strftime("%H:%M")
            if last is not None and last.date() == datetime.now(last.tzinfo).date()
            else (last.astimezone().strftime("%d %b %H:%M") if last else self.tr("never"))
        )
        text = self.tr("Synced %1 · %2 waiting").replace("%1", when).replace("%2", str(waiting))
        if self.failure:
            text = self.tr("Sync failed: %1").replace("%1", self.failure) + " · " + text
        if self.clock_note:
            text = "⚠ " + self.clock_note + " · " + text
        self.label.setText(text)
        self.label.setToolTip("\n".join(t for t in (self.clock_warning, self.failure) if t))
        self.label.show()


class SettleDialog(QDialog):
    """The pending sync conflicts, settled one after the other: the rep chooses (the
    same field-by-field dialog as a save's conflict, or which side to keep), the server
    is read and written on a worker thread, and each result is listed here."""

    def __init__(self, team: TeamSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team = team
        self.path = str(team.db.path)
        self.setWindowTitle(self.tr("Settle sync conflicts"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = QProgressBar(self)
        layout.addWidget(self.progress)
        self.results = QListWidget(self)
        layout.addWidget(self.results)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.conflicts = sync.pending_conflicts(team.db)  # local only
        self.index = 0
        self.settled = 0
        self.job: Job | None = None
        self.done_all = False
        self.progress.setRange(0, max(len(self.conflicts), 1))

    def start(self) -> None:
        self._next()

    def _local(self) -> Database:
        # Its own connections on the worker's thread, as the app's sync does.
        return open_database(self.path)

    def _run(self, work: Callable[[Database], object], then: Callable[[object], None]) -> None:
        def job() -> object:
            local = self._local()
            try:
                return work(local)
            finally:
                local.close()

        self.progress.setRange(0, 0)  # busy while the server is asked
        self.job = Job(job, "team-settle")
        self.job.done.connect(lambda result: self._answered(then, result))
        self.job.failed.connect(self._failed)
        self.job.start()

    def _answered(self, then: Callable[[object], None], result: object) -> None:
        self.job = None
        self.progress.setRange(0, max(len(self.conflicts), 1))
        self.progress.setValue(self.index)
        then(result)

    def _next(self) -> None:
        if self.team.job is not None:  # a sync is running: settle after it
            QTimer.singleShot(200, self._next)
            return
        self.progress.setValue(self.index)
        if self.index >= len(self.conflicts):
            self._finish()
            return
        conflict = self.conflicts[self.index]
        if conflict.kind is sync.Kind.CHANGED:
            self.status.setText(
                self.tr("Asking the server about “%1” (%2 of %3)…")
                .replace("%1", conflict.title)
                .replace("%2", str(self.index + 1))
                .replace("%3", str(len(self.conflicts)))
            )
            self._run(lambda local: sync.clashes(local, conflict.uid), self._choose_fields)
        else:
            self._choose_side(conflict)

    def _choose_fields(self, found: object) -> None:
        from salesdesk.ui.conflict_dialog import ConflictDialog

        conflict = self.conflicts[self.index]
        clashes = list(found)  # type: ignore[call-overload]
        if not clashes:  # the server no longer holds its version: which side stays
            self._choose_side(conflict)
            return
        dialog = ConflictDialog(clashes, conflict.title, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._skip(conflict)
            return
        keys = set(dialog.chosen_mine())
        self._write(conflict, lambda clash: clash.key in keys)

    def _choose_side(self, conflict: sync.SyncConflict) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Sync conflict"))
        box.setIcon(QMessageBox.Icon.Question)
        if conflict.kind is sync.Kind.UNSEEN:
            box.setText(
                self.tr(
                    "“%1” was changed here and is no longer shared with you on the server. "
                    "Keep this copy as your own new deal, or drop it?"
                ).replace("%1", conflict.title)
            )
            mine = box.addButton(self.tr("Keep as my own new deal"), QMessageBox.ButtonRole.YesRole)
            theirs = box.addButton(self.tr("Drop it"), QMessageBox.ButtonRole.NoRole)
        else:
            box.setText(
                self.tr("“%1”: %2. Keep this laptop's side?")
                .replace("%1", conflict.title)
                .replace("%2", conflict.what())
            )
            mine = box.addButton(QMessageBox.StandardButton.Yes)
            theirs = box.addButton(QMessageBox.StandardButton.No)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is mine:
            self._write(conflict, sync.Take.MINE)
        elif box.clickedButton() is theirs:
            self._write(conflict, sync.Take.THEIRS)
        else:
            self._skip(conflict)

    def _write(self, conflict: sync.SyncConflict, choose: sync.Take | Callable[..., bool]) -> None:
        self.status.setText(
            self.tr("Writing “%1” on the server and here…").replace("%1", conflict.title)
        )
        self._run(lambda local: sync.resolve(local, conflict.uid, choose), self._written)

    def _written(self, message: object) -> None:
        self.results.addItem(str(message))
        self.settled += 1
        self.team.failure = None
        self.index += 1
        self._next()

    def _skip(self, conflict: sync.SyncConflict) -> None:
        self.results.addItem(self.tr("“%1”: left as it is.").replace("%1", conflict.title))
        self.index += 1
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        if not isinstance(exc, sync.SyncError | StoreError):
            raise exc
        self.team.failure = str(exc)
        self.results.addItem(str(exc))
        self._finish()

    def _finish(self) -> None:
        self.progress.setRange(0, max(len(self.conflicts), 1))
        self.progress.setValue(self.progress.maximum())
        self.status.setText(
            self.tr("%n conflict(s) settled.", "", self.settled)
            if self.conflicts
            else self.tr("There is no sync conflict to settle.")
        )
        self.done_all = True

    def reject(self) -> None:
        if self.job is not None:  # the server is being written: wait for the answer
            return
        super().reject()
