"""The team's members and their authority limits, on a team's server: a manager sets a
rep's limits here, through the same store function as `salesdesk team limit`. The
server is read and written on a worker thread; a refusal is one line under the form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number, parse_number
from salesdesk.i18n import language
from salesdesk.store.engine import Database
from salesdesk.store.errors import StoreError
from salesdesk.store.team import Member
from salesdesk.ui.background import Job
from salesdesk.ui.fields import error_label

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_ROLE, COL_KIND, COL_DISCOUNT, COL_AMOUNT = range(5)


def _limit(value: Decimal | None, places: int | None = None) -> str:
    return "" if value is None else format_number(value, language(), places)


class MembersModel(QAbstractTableModel):
    """The team's members: display name, role, rep or manager, and their two limits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members: list[Member] = []
        self._headers = (
            self.tr("Name"),
            self.tr("Role"),
            self.tr("Rep or manager"),
            self.tr("Discount limit (%)"),
            self.tr("Amount limit"),
        )

    def set_members(self, members: list[Member]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self.endResetModel()

    def member(self, row: int) -> Member:
        return self._members[row]

    def replace(self, member: Member) -> int:
        """Show `member` as saved; its row (-1 when not listed)."""
        for row, old in enumerate(self._members):
            if old.role == member.role:
                self._members[row] = member
                self.dataChanged.emit(self.index(row, 0), self.index(row, COL_AMOUNT))
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member, column = self._members[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return member.name
            if column == COL_ROLE:
                return member.role
            if column == COL_KIND:
                return self.tr("Manager") if member.manager else self.tr("Rep")
            if column == COL_DISCOUNT:
                return _limit(member.max_discount_pct)
            if column == COL_AMOUNT:
                return _limit(member.max_concession_cost, 2)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_DISCOUNT, COL_AMOUNT):
            limit = (
                member.max_discount_pct if column == COL_DISCOUNT else member.max_concession_cost
            )
            return self.tr("No limit") if limit is None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_DISCOUNT, COL_AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TeamMembersDialog(QDialog):
    """Lists the team (read on a worker thread) and saves a member's limits."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Team members"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A concession a rep gives that costs more than their amount limit is "
                "marked for a manager's approval. Leave a limit empty for none."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = MembersModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Team members"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.who = QLabel(self)
        form.addRow(self.tr("Limits of"), self.who)
        self.discount = QLineEdit(self)
        self.discount.setPlaceholderText(self.tr("no limit"))
        self.discount.setAccessibleName(self.tr("Discount limit (%)"))
        form.addRow(self.tr("&Discount limit (%)"), self.discount)
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(self.tr("no limit"))
        self.amount.setAccessibleName(self.tr("Amount limit"))
        form.addRow(self.tr("&Amount limit"), self.amount)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.status = QLabel(self)
        row.addWidget(self.status, 1)
        self.save = QPushButton(self.tr("&Save limits"), self)
        self.save.clicked.connect(self.save_limits)
        row.addWidget(self.save)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._set_editable(False)
        self.resize(760, 460)
        self.reload()

    # ------------------------------------------------------------ the server, off the GUI thread

    def busy(self) -> bool:
        return self.job is not None

    def _run(self, work: Any, done: Any, waiting: str) -> None:
        self._set_editable(False)
        self.status.setText(waiting)
        job = Job(work, "team-members")
        job.done.connect(done)
        job.failed.connect(self._failed)
        self.job = job
        job.start()

    def reload(self) -> None:
        from salesdesk.store import team

        db = self.db
        self._run(lambda: team.members(db), self._loaded, self.tr("Reading the team…"))

    def _loaded(self, members: object) -> None:
        self.job = None
        assert isinstance(members, list)
        self.model.set_members(members)
        self.status.setText(self.tr("%n member(s)", "", len(members)))
        if members:
            self.table.selectRow(0)
        self._show_selected()

    def _failed(self, exc: object) -> None:
        self.job = None
        if not isinstance(exc, StoreError):
            raise exc if isinstance(exc, BaseException) else RuntimeError(exc)
        self.status.clear()
        self._say(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        self._show_selected()

    # ------------------------------------------------------------ the form

    def _selected(self) -> Member | None:
        row = self.table.currentIndex().row()
        return self.model.member(row) if 0 <= row < self.model.rowCount() else None

    def _set_editable(self, on: bool) -> None:
        for widget in (self.discount, self.amount, self.save):
            widget.setEnabled(on)

    def _show_selected(self) -> None:
        member = self._selected()
        self._set_editable(member is not None and self.job is None)
        if member is None:
            self.who.clear()
            return
        self.who.setText(f"{member.name} ({member.role})" if member.name else member.role)
        self.discount.setText(_limit(member.max_discount_pct))
        self.amount.setText(_limit(member.max_concession_cost))

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _read(self, field: QLineEdit, label: str) -> Decimal | None:
        """The limit typed in `field` (None: empty, no limit); InputError names the field."""
        text = field.text().strip().rstrip("%").strip()
        if not text:
            return None
        try:
            value = parse_number(text, language())
        except InputError as exc:
            raise InputError(f"{label}: {exc.message}") from None
        if value < 0:
            raise InputError(self.tr("{field}: cannot be negative.").format(field=label))
        return value

    def save_limits(self) -> None:
        from salesdesk.store import team

        member = self._selected()
        if member is None or self.job is not None:
            return
        try:
            discount = self._read(self.discount, self.tr("Discount limit"))
            amount = self._read(self.amount, self.tr("Amount limit"))
        except InputError as exc:
            self._say(exc.message)
            return
        if discount is not None and discount > 100:
            self._say(self.tr("Discount limit: a percentage between 0 and 100."))
            self.discount.setFocus()
            return
        self._say("")
        db, role = self.db, member.role
        self._run(
            lambda: team.set_limits(db, role, amount=amount, discount=discount),
            self._saved,
            self.tr("Saving…"),
        )

    def _saved(self, member: object) -> None:
        self.job = None
        assert isinstance(member, Member)
        row = self.model.replace(member)
        if row >= 0:
            self.table.selectRow(row)
        self.status.setText(self.tr("Limits of {role} saved.").format(role=member.role))
        self._show_selected()
