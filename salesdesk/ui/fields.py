"""Small input widgets that validate as the rep types and say what is wrong at the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from salesdesk.domain.display import date_example, format_date, parse_typed_date
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number, parse_amount
from salesdesk.i18n import language
from salesdesk.ui.colors import error_colour, error_style

TYPING_PAUSE_MS = 600


def date_format() -> str:
    """How a date field shows its date: the French or the English way."""
    return "dd/MM/yyyy" if language() == "fr" else "d MMM yyyy"


def set_text(edit: QLineEdit, text: str) -> None:
    """Show `text` without firing edit signals, and without moving a cursor in use.

    Text the rep is typing and has not committed yet is left alone: a refresh caused by
    another field's commit would otherwise put the old value back and lose the typing.
    """
    if isinstance(edit, CommitLineEdit) and edit.pending():
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


def forget_typing(edit: QLineEdit) -> None:
    """Drop a line edit's own undo history, its text, cursor and selection kept (Qt has
    no call for it but `setText`)."""
    if not (edit.isUndoAvailable() or edit.isRedoAvailable()):
        return
    cursor, start, length = edit.cursorPosition(), edit.selectionStart(), len(edit.selectedText())
    edit.blockSignals(True)
    edit.setText(edit.text())
    if length and cursor == start:
        edit.setSelection(start + length, -length)
    elif length:
        edit.setSelection(start, length)
    else:
        edit.setCursorPosition(cursor)
    edit.blockSignals(False)


class FieldEdit(QLineEdit):
    """The line edit of a field that commits to the deal: Ctrl+Z in it undoes the typing
    of this visit only. What was typed in an earlier visit is already a step of the deal's
    history, and Qt's own history of it would take back more than the last edit (a title
    typed minutes earlier, "Alpha" of "Alpha Beta")."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        forget_typing(self)
        super().focusInEvent(event)


class CommitLineEdit(FieldEdit):
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

    def commit_pending(self) -> None:
        if self.pending():
            self._commit()

    def _commit(self) -> None:
        self._pause.stop()
        self.committed.emit(self.text())

    def pending(self) -> bool:
        """Whether typing waits for the pause to be committed."""
        return self._pause.isActive()

    def flush(self) -> None:
        """Commit at once what is typed and still waits for the pause (before moving on)."""
        self.commit_pending()


def commit_pending(root: QWidget) -> None:
    """Commit what the rep has typed under `root` and not committed yet, so that what is
    built next (the brief's preview, an export) sees it."""
    fields: list[CommitLineEdit | AmountField | DateField] = [
        *root.findChildren(CommitLineEdit),
        *root.findChildren(AmountField),
        *root.findChildren(DateField),
    ]
    for field in fields:
        field.commit_pending()


class AmountField(QWidget):
    """An amount as people type it (`1 234,56 €`, `$12,500`). A pause in typing commits what
    already reads as an amount, without touching the text; leaving the field formats it, or
    shows the mistake here and commits nothing until it is fixed."""

    committed = Signal(object)  # Decimal | None

    def __init__(self, parent: QWidget | None = None, *, allow_empty: bool = True) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = FieldEdit(self)
        self.error = error_label(self)
        self.error.setObjectName("fieldError")
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(lambda: self._on_commit(self.edit.text(), quiet=True))
        self.edit.textEdited.connect(lambda _text: self._pause.start())
        self.edit.editingFinished.connect(lambda: self._on_commit(self.edit.text()))
        self.setFocusProxy(self.edit)

    def set_value(self, value: Decimal | None, decimals: int | None = None) -> None:
        """Show `value`, with `decimals` places when given (a money term's 1.10)."""
        if not self.error.isHidden() or self.edit.hasFocus() or self._pause.isActive():
            return  # keep the rep's text while they type or fix it
        set_text(self.edit, "" if value is None else format_number(value, language(), decimals))

    def commit(self) -> None:
        """Take what is typed now, as leaving the field would (before an OK button acts)."""
        self._on_commit(self.edit.text())

    def commit_pending(self) -> None:
        """Take typing that still waits for its pause (before a preview or an export)."""
        if self._pause.isActive():
            self._on_commit(self.edit.text())

    def show_error(self, message: str) -> None:
        """Say at the field what is wrong (also used for rules of the form around it)."""
        self._fail(message)

    def has_error(self) -> bool:
        return not self.error.isHidden()

    def _on_commit(self, text: str, *, quiet: bool = False) -> None:
        self._pause.stop()
        if not text.strip():
            if self.allow_empty:
                self._ok()
                self.committed.emit(None)
            elif not quiet:
                self._fail(self.tr("An amount is required here."))
            return
        try:
            money = parse_amount(text, lang=language())
        except InputError as exc:
            if not quiet:
                self._fail(exc.message)
            return
        self._ok()
        if not quiet:
            set_text(self.edit, format_number(money.amount, language()))
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


def date_order() -> str:
    """The order of a date typed with digits: the French way, else the system locale's."""
    if language() == "fr":
        return "dmy"
    pattern = QLocale.system().dateFormat(QLocale.FormatType.ShortFormat).lower()
    return "mdy" if pattern.lstrip().startswith("m") else "dmy"


class DateField(QWidget):
    """A date typed in the locale's order, with a month name or in ISO, or picked from a
    calendar; an impossible date is refused here with its reason. With `optional`, the
    field may be empty and a button clears it."""

    committed = Signal(object)  # date | None

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        optional: bool = True,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self._today = today
        self._value: date | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(2)
        outer.addLayout(row)
        self.edit = FieldEdit(self)
        self.edit.setPlaceholderText("—" if optional else date_example(language(), date_order()))
        self.edit.setToolTip(
            self.tr("Type a date like {example} or {iso}, or pick it from the calendar.").format(
                example=date_example(language(), date_order()), iso="2027-03-31"
            )
        )
        self.edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[\w\s/.,\-]{0,40}"), self.edit)
        )
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(False)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self._menu = menu
        self.pick = QToolButton(self)
        self.pick.setArrowType(Qt.ArrowType.DownArrow)
        self.pick.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.pick.setToolTip(self.tr("Pick the date from a calendar"))
        self.pick.setAccessibleName(self.tr("Open the calendar"))
        self.pick.setMenu(menu)
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear = QToolButton(self)
        self.clear.setText("×")
        self.clear.setToolTip(self.tr("No date"))
        self.clear.setAccessibleName(self.tr("Clear the date"))
        self.clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear.setVisible(optional)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pick)
        row.addWidget(self.clear)
        self.error = error_label(self)
        self.error.setObjectName("fieldError")
        outer.addWidget(self.error)
        self.setFocusProxy(self.edit)
        menu.aboutToShow.connect(self._open_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.edit.editingFinished.connect(self._take_text)
        self.edit.textEdited.connect(self._typing)
        self.clear.clicked.connect(self._cleared)

    # ------------------------------------------------------------ reading

    def value(self) -> date | None:
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show `value` (from the deal), unless the rep is correcting a refused date."""
        if not self.error.isHidden():
            return
        if self.edit.text() != format_date(self._value, language()):
            return  # a date being typed: it is taken when the rep leaves the field
        self._value = value
        set_text(self.edit, format_date(value, language()))

    def show_error(self, message: str) -> None:
        """Say at the field what is wrong with the date (also used for rules of the form)."""
        self.error.setText(message)
        self.error.show()
        self.edit.setStyleSheet(f"border: 1px solid {error_colour()};")

    def clear_error(self) -> None:
        self.error.hide()
        self.edit.setStyleSheet("")

    def has_error(self) -> bool:
        return not self.error.isHidden()

    def commit_pending(self) -> None:
        """Take a date typed and not yet left (before a preview or an export)."""
        if self.edit.text() != format_date(self._value, language()) and not self.has_error():
            self._take_text()

    # ------------------------------------------------------------ input

    def _typing(self, text: str) -> None:
        if self.has_error():
            try:
                parse_typed_date(text, language(), date_order())
            except InputError:
                return
            self.clear_error()  # corrected: the message goes as soon as the date is right

    def _take_text(self) -> None:
        text = self.edit.text().strip()
        if not text:
            if not self.optional:
                self.show_error(self.tr("A date is required here."))
                return
            self._accept(None)
            return
        try:
            day = parse_typed_date(text, language(), date_order())
        except InputError as exc:
            self.show_error(exc.message)
            return
        self._accept(day)

    def _accept(self, day: date | None) -> None:
        self.clear_error()
        set_text(self.edit, format_date(day, language()))
        if day != self._value:
            self._value = day
            self.committed.emit(day)

    def _open_calendar(self) -> None:
        day = self._value or self._today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, qdate: QDate) -> None:
        self._menu.close()
        self._accept(date(qdate.year(), qdate.month(), qdate.day()))

    def _cleared(self) -> None:
        self._accept(None)


class PercentField(CommitLineEdit):
    """A whole percentage (0 to 100) that may be empty ("—"); typing it is enough."""

    committed_value = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"100|[1-9]?\d|"), self))
        self.setPlaceholderText("—")
        self.committed.connect(self._on_committed)

    def _on_committed(self, text: str) -> None:
        digits = text.strip()
        self.committed_value.emit(int(digits) if digits.isdigit() else None)

    def set_value(self, value: int | None) -> None:
        if not self.hasFocus():
            set_text(self, "" if value is None else str(value))


def beside(main: QWidget, label: str, companion: QWidget) -> QHBoxLayout:
    """A form row's field `main`, then a second one with its own label (whose mnemonic
    reaches it): two fields on one row keep a form as tall as before."""
    row = QHBoxLayout()
    row.addWidget(main, 1)
    caption = QLabel(label, main.parentWidget())
    caption.setBuddy(companion)
    row.addWidget(caption)
    row.addWidget(companion)
    return row
