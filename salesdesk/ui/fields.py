"""Small input widgets that validate as the rep types and say what is wrong at the field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number, parse_amount
from salesdesk.i18n import language
from salesdesk.ui.colors import error_colour, error_style

NO_DATE = QDate(1900, 1, 1)
TYPING_PAUSE_MS = 600


def date_format() -> str:
    """How a date field shows its date: the French or the English way."""
    return "dd/MM/yyyy" if language() == "fr" else "d MMM yyyy"


def set_text(edit: QLineEdit, text: str) -> None:
    """Show `text` without firing edit signals, and without moving a cursor in use.

    Text the rep is typing and has not committed yet is left alone: a refresh caused by
    another field's commit would otherwise put the old value back and lose the typing.
    """
    if isinstance(edit, CommitLineEdit) and edit.pending:
        return
    if edit.text() != text:
        edit.blockSignals(True)
        edit.setText(text)
        edit.blockSignals(False)


def error_label(parent: QWidget) -> QLabel:
    """A hidden line that says what is wrong, in the palette's error colour."""
    label = QLabel(parent)
    label.setStyleSheet(error_style())
    label.setWordWrap(True)
    label.hide()
    return label


class CommitLineEdit(QLineEdit):
    """Emits `committed(text)` when editing finishes or the rep pauses typing."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._commit)
        self.textEdited.connect(lambda _text: self._pause.start())
        self.editingFinished.connect(self._commit)

    @property
    def pending(self) -> bool:
        """Typed text not committed yet (the typing pause has not passed)."""
        return self._pause.isActive()

    def commit_pending(self) -> None:
        if self.pending:
            self._commit()

    def _commit(self) -> None:
        self._pause.stop()
        self.committed.emit(self.text())


def commit_pending(root: QWidget) -> None:
    """Commit what the rep has typed under `root` and not committed yet, so that what is
    built next (the brief's preview, an export) sees it."""
    for edit in root.findChildren(CommitLineEdit):
        edit.commit_pending()


class AmountField(QWidget):
    """An amount as people type it (`1 234,56 €`, `$12,500`); a mistake is shown here and
    nothing is committed until it is fixed."""

    committed = Signal(object)  # Decimal | None

    def __init__(self, parent: QWidget | None = None, *, allow_empty: bool = True) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = CommitLineEdit(self)
        self.error = error_label(self)
        self.error.setObjectName("fieldError")
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.edit.committed.connect(self._on_commit)
        self.setFocusProxy(self.edit)

    def set_value(self, value: Decimal | None) -> None:
        if not self.error.isHidden():
            return  # keep the rep's text until they fix it
        set_text(self.edit, "" if value is None else format_number(value, language()))

    def _on_commit(self, text: str) -> None:
        if not text.strip():
            if self.allow_empty:
                self._ok()
                self.committed.emit(None)
            else:
                self._fail(self.tr("An amount is required here."))
            return
        try:
            money = parse_amount(text, lang=language())
        except InputError as exc:
            self._fail(exc.message)
            return
        self._ok()
        self.committed.emit(money.amount)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.edit.setStyleSheet(f"border: 1px solid {error_colour()};")
        self.edit.setToolTip(message)

    def _ok(self) -> None:
        self.error.hide()
        self.edit.setStyleSheet("")
        self.edit.setToolTip("")


class OptionalDateEdit(QWidget):
    """A date that may be empty (shown as "—"), with a button to clear it."""

    committed = Signal(object)  # date | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(date_format())
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText("—")
        self.edit.setDate(NO_DATE)
        self.clear = QToolButton(self)
        self.clear.setText("×")
        self.clear.setToolTip(self.tr("No date"))
        self.clear.setAccessibleName(self.tr("Clear the date"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(lambda _d: self.committed.emit(self.value()))
        self.clear.clicked.connect(lambda: self.edit.setDate(NO_DATE))

    def set_value(self, value: date | None) -> None:
        self.edit.blockSignals(True)
        self.edit.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))
        self.edit.blockSignals(False)

    def value(self) -> date | None:
        qdate = self.edit.date()
        return None if qdate == NO_DATE else date(qdate.year(), qdate.month(), qdate.day())
