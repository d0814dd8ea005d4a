"""The window's shortcuts reach it wherever the cursor is.

A text field takes Ctrl+Z for its own undo and some fields take other Ctrl keys for
cursor moves (Ctrl+E is "end of line" on Linux). Here, a field keeps Ctrl+Z / Ctrl+Shift+Z
only while it has typing of its own to undo or redo; the window's other commands
(Ctrl+E export, Ctrl+P print, Ctrl+N, Ctrl+D, …) always go to the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def _own_history(widget: QObject | None, redo: bool) -> bool:
    """Whether the focused widget has typing of its own to undo (or redo)."""
    if isinstance(widget, QAbstractSpinBox):
        widget = widget.findChild(QLineEdit)
    elif isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        if widget.isReadOnly():
            return False
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return False


class ShortcutRouter(QObject):
    """An application event filter deciding who gets a Ctrl key: the field or the window."""

    def __init__(self, window: QWidget, undo: QAction, redo: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.undo = undo
        self.redo = redo

    def _window_actions(self) -> list[QAction]:
        return [
            action
            for action in self.window.findChildren(QAction)
            if action.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False  # plain keys (Del, letters) belong to the field
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not self.window:
            return False
        pressed = QKeySequence(event.keyCombination())
        for action, redo in ((self.undo, False), (self.redo, True)):
            if any(
                pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                for key in action.shortcuts()
            ):
                # The field's own typing first; else the deal's undo history.
                if _own_history(focus, redo) or not action.isEnabled():
                    return False
                event.ignore()
                return True
        for action in self._window_actions():
            if action.isEnabled() and any(
                pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                for key in action.shortcuts()
            ):
                event.ignore()  # not taken by the field: the window's shortcut fires
                return True
        return False
