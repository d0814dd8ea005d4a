"""Dialog pieces: OK and Cancel wired to the dialog; writing a file the rep chose, done
atomically by the caller, a failure said in a message box; what to open when the
database cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

if TYPE_CHECKING:
    from salesdesk.ui.workspace import Choice, OpenProblem


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, accepting and rejecting `dialog`."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def write_or_warn(parent: QWidget, title: str, path: Path, write: Callable[[], object]) -> bool:
    """Run `write`; on a file-system error, a dialog naming the file and the reason."""
    try:
        write()
    except OSError as exc:
        QMessageBox.warning(
            parent,
            title,
            QCoreApplication.translate("Files", "{file} could not be written: {reason}").format(
                file=path, reason=exc.strerror or exc
            ),
        )
        return False
    return True


def choose_database(parent: QWidget, problem: OpenProblem) -> Choice:
    """A database that cannot be used, put to the rep: its latest good backup (when it is
    damaged and has one), another file, or nothing (None)."""
    from datetime import datetime

    from PySide6.QtWidgets import QFileDialog

    from salesdesk.ui.qsettings import last_folder
    from salesdesk.ui.workspace import Recover

    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Database", "SalesDesk"),
        problem.message,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    restore = None
    if problem.backup is not None:
        when = datetime.fromtimestamp(problem.backup.stat().st_mtime)
        restore = box.addButton(
            QCoreApplication.translate("Database", "Restore the backup of {date}").format(
                date=when.strftime("%Y-%m-%d %H:%M")
            ),
            QMessageBox.ButtonRole.AcceptRole,
        )
    choose = box.addButton(
        QCoreApplication.translate("Database", "Choose another file…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.exec()
    if restore is not None and box.clickedButton() is restore:
        return Recover.RESTORE
    if box.clickedButton() is not choose:
        return None
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Database", "Open or create a SalesDesk database"),
        last_folder(),
        QCoreApplication.translate("Database", "SalesDesk databases (*.db);;All files (*)"),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return path or None
