"""Dialog pieces: OK and Cancel wired to the dialog; a line of text or a choice asked of
the rep; every dialog as wide as its title; writing a file the rep chose, done
atomically by the caller, a failure said in a message box; what to open when the
database cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

if TYPE_CHECKING:
    from salesdesk.ui.backups import Choice, OpenProblem


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, accepting and rejecting `dialog`."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


# A title bar's own room: the window's icon and its three buttons, with their margins.
TITLE_BAR_EXTRA = 140


def title_width(dialog: QWidget) -> int:
    """The width a dialog needs for its whole title in the title bar, where the desktop
    adds the app's name ("Enregistrer comme modèle — SalesDesk") in a bold font."""
    shown = dialog.windowTitle()
    name = QGuiApplication.applicationDisplayName()
    if name and name not in shown:  # as Qt itself adds it
        shown = f"{shown} — {name}"
    font = dialog.font()
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(shown) + TITLE_BAR_EXTRA


def fit_title(dialog: QWidget) -> None:
    """A dialog made wide enough for its title (a template's showed "Enregi…sDesk")."""
    needed = title_width(dialog)
    if dialog.width() >= needed:
        return
    if isinstance(dialog, QMessageBox):
        # A message box sets its own size from its text's at every layout: its text is
        # given the room instead.
        label = dialog.findChild(QLabel, "qt_msgbox_label")
        if label is not None:
            label.setMinimumWidth(label.width() + needed - dialog.width())
        return
    dialog.setMinimumWidth(needed)
    dialog.resize(needed, dialog.height())


class TitleFitter(QObject):
    """An application event filter: every dialog, ours or Qt's, is made wide enough for
    its title as it shows (French titles are long, and the desktop cuts them)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            # After the dialog's own show handling, which sets a message box's size.
            QTimer.singleShot(0, watched, lambda: fit_title(watched))
        return False


def _input(parent: QWidget, title: str, label: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    return dialog


def _answer(dialog: QInputDialog) -> str | None:
    try:
        return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the rep; None when they cancelled."""
    dialog = _input(parent, title, label)
    dialog.setTextValue(text)
    return _answer(dialog)


def ask_item(parent: QWidget, title: str, label: str, items: list[str]) -> str | None:
    """One of `items`, chosen by the rep; None when they cancelled."""
    dialog = _input(parent, title, label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    return _answer(dialog)


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

    from salesdesk.ui.backups import Recover
    from salesdesk.ui.file_dialogs import save_file_name

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
    path = save_file_name(
        parent,
        QCoreApplication.translate("Database", "Open or create a SalesDesk database"),
        "",
        QCoreApplication.translate("Database", "SalesDesk databases (*.db);;All files (*)"),
        confirm_overwrite=False,
    )
    return path or None
