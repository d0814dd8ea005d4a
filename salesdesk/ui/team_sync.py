"""Settings → Team and the sync with the team's server, off the GUI thread.

Without a server set, nothing shows and nothing runs. With one, a sync runs when the
database opens, every five minutes, and on File → Sync now; the status bar says when
the last one succeeded and how many deals wait to be sent, or, in one line, why the
last one failed. The password is never stored here: libpq reads ~/.pgpass.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from salesdesk.interop import sync
from salesdesk.store.engine import Database, open_database
from salesdesk.store.errors import StoreError
from salesdesk.ui.background import Job
from salesdesk.ui.dialogs import ok_cancel
from salesdesk.ui.fields import error_label

INTERVAL_MS = 5 * 60 * 1000


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
        self.failure: str | None = None
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

    def set_server(self, url: str | None) -> None:
        sync.remember_server(self.db, url)
        self.failure = None
        self.start()
        self.server_set.emit(url is not None)

    def sync_now(self) -> None:
        if self.job is not None or not self.url or self.db.path is None:
            return
        path = str(self.db.path)

        def work() -> sync.SyncReport:
            # Its own connections, on its own thread: the window keeps working.
            local = open_database(path)
            try:
                return sync.sync(local)
            finally:
                local.close()

        self.job = Job(work, "team-sync")
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.label.setText(self.tr("Syncing…"))
        self.label.show()
        self.job.start()

    def settle(self, parent: QWidget) -> int:
        """Ask the rep, conflict by conflict, which side each field both changed takes
        (the same dialog as a save's conflict), then write the result on both sides.
        Returns how many were settled."""
        from PySide6.QtWidgets import QMessageBox

        from salesdesk.ui.conflict_dialog import ConflictDialog

        settled = 0
        for conflict in sync.pending_conflicts(self.db):
            try:
                found = sync.clashes(self.db, conflict.uid)
                if conflict.kind is sync.Kind.CHANGED and found:
                    dialog = ConflictDialog(found, conflict.title, parent)
                    if dialog.exec() != QDialog.DialogCode.Accepted:
                        continue
                    keys = set(dialog.chosen_mine())
                    message = sync.resolve(
                        self.db, conflict.uid, lambda c, keys=keys: c.key in keys
                    )
                else:
                    answer = QMessageBox.question(
                        parent,
                        self.tr("Sync conflict"),
                        self.tr("“%1”: %2. Keep this laptop's side?")
                        .replace("%1", conflict.title)
                        .replace("%2", conflict.what()),
                        QMessageBox.StandardButton.Yes
                        | QMessageBox.StandardButton.No
                        | QMessageBox.StandardButton.Cancel,
                    )
                    if answer == QMessageBox.StandardButton.Cancel:
                        continue
                    take = (
                        sync.Take.MINE
                        if answer == QMessageBox.StandardButton.Yes
                        else sync.Take.THEIRS
                    )
                    message = sync.resolve(self.db, conflict.uid, take)
            except (sync.SyncError, StoreError) as exc:
                self.failure = str(exc)
                break
            settled += 1
            self.failure = None
            self.label.setToolTip(message)
        self.received.emit()
        self.show_state()
        return settled

    def wait(self, seconds: float) -> None:
        if self.job is not None:
            self.job.wait(seconds)

    def _done(self, report: sync.SyncReport) -> None:
        self.job = None
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
        if report.received or report.deleted_here or report.unshared:
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
        self.label.setText(text)
        self.label.setToolTip(self.failure or "")
        self.label.show()
