"""Choosing a file, in the app's language.

A system's file dialog speaks the system's language, and Qt's own dialog shows its
sizes and dates the system locale's way ("0 bytes", "6 12 2026 14:54" under a C locale)
and, with Qt 6.11, two labels the French catalogue of Qt does not have yet ("&Look in:",
"Files of &type:"). When the app's language is not the system's, the dialog is Qt's
own, its words from our catalogue and its sizes and dates the app's way.

Every file dialog of the app goes through `save_file_name` or `open_file_name`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QHeaderView, QTreeView, QWidget

from salesdesk.domain.display import format_date
from salesdesk.i18n import language
from salesdesk.ui.models.rows import MEASURED_ROWS
from salesdesk.ui.qsettings import last_folder, remember_folder
from salesdesk.ui.translation import translate

SIZE, TYPE, DATE_MODIFIED = 1, 2, 3  # QFileSystemModel's columns
ROOMY = (900, 520)


class LocalisedFiles(QIdentityProxyModel):
    """The dialog's file list with sizes, kinds and dates in the app's language (Qt asks
    the system's locale, and its MIME descriptions: "SQLite3 database")."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        source = self.sourceModel()
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.column() in (SIZE, TYPE, DATE_MODIFIED)
            and isinstance(source, QFileSystemModel)
        ):
            original = self.mapToSource(index)
            if index.column() == TYPE:
                suffix = source.fileInfo(original).suffix()
                if source.isDir(original):
                    return translate("FileDialog", "Folder")
                if not suffix:
                    return translate("FileDialog", "File")
                return translate("FileDialog", "{suffix} file").format(suffix=suffix.upper())
            if index.column() == SIZE:
                if source.isDir(original):
                    return super().data(index, role)
                return QLocale().formattedDataSize(
                    source.size(original), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
                )
            modified = source.lastModified(original).toPython()
            if isinstance(modified, datetime):
                lang = language()
                return f"{format_date(modified.date(), lang)} {modified:%H:%M}"
        return super().data(index, role)


def qt_dialog_wanted() -> bool:
    """Whether the app speaks another language than the system (its dialogs would not)."""
    return QLocale.system().language() != QLocale().language()


def file_dialog(parent: QWidget | None, title: str, path: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, path, filters)
    if qt_dialog_wanted():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setProxyModel(LocalisedFiles(dialog))
        labels = QFileDialog.DialogLabel
        dialog.setLabelText(labels.LookIn, translate("FileDialog", "&Look in:"))
        dialog.setLabelText(labels.FileName, translate("FileDialog", "File &name:"))
        dialog.setLabelText(labels.FileType, translate("FileDialog", "Files of &type:"))
        dialog.setLabelText(labels.Reject, translate("FileDialog", "Cancel"))
        _roomy(dialog)
    return dialog


def _roomy(dialog: QFileDialog) -> None:
    """Wide enough for a French date and kind in full ("06/12/2026 14:54", not "06/12/…"):
    Qt's dialog opens small, its columns narrow."""
    screen = dialog.screen().availableGeometry()
    dialog.resize(min(ROOMY[0], screen.width() - 80), min(ROOMY[1], screen.height() - 80))
    files = dialog.findChild(QTreeView, "treeView")
    if files is not None:
        header = files.header()
        header.setResizeContentsPrecision(MEASURED_ROWS)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (SIZE, TYPE, DATE_MODIFIED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def save_file_name(
    parent: QWidget | None, title: str, name: str, filters: str, *, confirm_overwrite: bool = True
) -> str:
    """The file the rep chose to write (`name` offered in the last folder used); "" when
    they cancelled."""
    dialog = file_dialog(parent, title, last_folder(name), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    if qt_dialog_wanted():
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, translate("FileDialog", "&Save"))
    return _chosen(dialog)


def open_file_name(parent: QWidget | None, title: str, filters: str) -> str:
    """The existing file the rep chose to read; "" when they cancelled."""
    dialog = file_dialog(parent, title, last_folder(), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if qt_dialog_wanted():
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, translate("FileDialog", "&Open"))
    return _chosen(dialog)


def _chosen(dialog: QFileDialog) -> str:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return ""
        path = dialog.selectedFiles()[0]
    finally:
        dialog.deleteLater()
    remember_folder(path)
    return path
