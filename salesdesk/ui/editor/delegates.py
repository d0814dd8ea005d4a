"""Cell editors that offer a choice: a combo box where a cell takes one of a few values
(a direction, a kind, an option term's labels), the usual line edit elsewhere, which
keeps what the rep types when the grid is shown again meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
# (text shown, value given to the model's setData) per choice; None: no choice here.
Choices = Callable[[Index], list[tuple[str, Any]] | None]
EMPTY = "—"  # the choice that clears a cell


def label_choices(labels: list[str] | None) -> list[tuple[str, Any]] | None:
    """An option term's labels to choose among, and a blank to clear the cell."""
    if labels is None:
        return None
    return [(EMPTY, ""), *((label, label) for label in labels)]


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the cells `choices` gives a list for; the default editor else."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        choices = self._choices(index)
        if choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setAccessibleName(
            str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
        )
        for text, value in choices:
            combo.addItem(text, value)

        def chosen(_i: int) -> None:
            # A pick in the list is the rep's answer: taken at once, as Enter would.
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

        combo.activated.connect(chosen)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit) and editor.isModified():
            return  # the grid shown again while the rep types: what is typed stays
        if not isinstance(editor, QComboBox):
            super().setEditorData(editor, index)
            return
        current = index.data(Qt.ItemDataRole.EditRole)
        found = editor.findData(current if current is not None else "")
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, QComboBox):
            super().setModelData(editor, model, index)
            return
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
