"""Dialog pieces: OK and Cancel wired to the dialog; writing a file the rep chose, done
atomically by the caller, a failure said in a message box."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget


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
