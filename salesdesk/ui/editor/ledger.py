"""Ledger tab: every concession given and received, its counterpart, and the balance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.analysis import Analysis, WarningCode
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.ledger import (
    STATUS_LABELS,
    Giver,
    LedgerEntry,
    cost_to_them,
    cost_to_us,
    value_to_them,
    value_to_us,
)
from salesdesk.domain.money import format_money
from salesdesk.domain.profile import Profile
from salesdesk.i18n import _, language
from salesdesk.ui.chart_view import ChartView
from salesdesk.ui.colors import error_colour, good_colour
from salesdesk.ui.editor.trade_dialog import TradeDialog
from salesdesk.ui.models.rows import MEASURED_ROWS, Column, RowsModel
from salesdesk.ui.session import DealSession
from salesdesk.warning_text import warning_message

LEDGER_CODES = (
    WarningCode.UNILATERAL_CONCESSION,
    WarningCode.GROWING_CONCESSIONS,
    WarningCode.NEEDS_APPROVAL,
    WarningCode.CONCESSIONS_PAST_WALK_AWAY,
)


@dataclass(frozen=True)
class LedgerRow:
    index: int
    entry: LedgerEntry
    currency: str
    problems: tuple[str, ...]


def _money(row: LedgerRow, value: Any) -> str:
    return "" if value is None else format_money(value, row.currency, language())


def _amount_column(
    title: str, amount: Callable[[LedgerEntry], Decimal | None]
) -> Column[LedgerRow]:
    return Column(title, lambda r: _money(r, amount(r.entry)), align_right=True)


def ledger_model(parent: QWidget | None = None) -> RowsModel[LedgerRow]:
    def approval(row: LedgerRow) -> str:
        entry = row.entry
        if not entry.needs_approval:
            return ""
        if entry.approved:
            return _("approved by {who}").format(who=entry.approved_by)
        if entry.declined:
            return _("declined by {who}").format(who=entry.approved_by)
        return _("awaiting approval")

    return RowsModel[LedgerRow](
        [
            Column(
                _("Round"),
                lambda r: "" if r.entry.round is None else str(r.entry.round),
                align_right=True,
            ),
            Column(_("Giver"), lambda r: _("we") if r.entry.giver is Giver.US else _("they")),
            Column(_("Term"), lambda r: r.entry.term or ""),
            Column(_("What"), lambda r: r.entry.what),
            # Whether it was accepted, offered or planned stays in sight on a laptop screen.
            Column(_("Status"), lambda r: _(STATUS_LABELS[r.entry.status])),
            # Each amount sits in the column of whose cost or value it is, so the
            # headline's given cost and received value add up the first two by eye.
            _amount_column(_("Cost to us"), cost_to_us),
            _amount_column(_("Value to us"), value_to_us),
            Column(_("On condition that…"), lambda r: r.entry.counterpart),
            _amount_column(_("Cost to them"), cost_to_them),
            _amount_column(_("Value to them"), value_to_them),
            Column(_("Approval"), approval),
        ],
        parent,
        alert=lambda r: "\n".join(r.problems) or None,
    )


class LedgerTab(QWidget):
    def __init__(
        self,
        session: DealSession,
        profile: Callable[[], Profile],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._profile = profile
        self._sheet: DealSheet | None = None
        self.model = ledger_model(self)
        outer = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.ours_button = QPushButton(self.tr("Our concession…"), self)
        self.ours_button.setToolTip(self.tr("Trade a concession for something in return"))
        self.theirs_button = QPushButton(self.tr("Their concession…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        for button in (self.ours_button, self.theirs_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        # The accepted figures on one row; what is still on the table on the next, apart
        # because it is not in the balance (and so the window stays narrow in French).
        figures, pending = QHBoxLayout(), QHBoxLayout()
        self.given = QLabel(self)
        self.received = QLabel(self)
        self.balance = QLabel(self)
        self.offered = QLabel(self)
        for label, name, row in (
            (self.given, self.tr("Given (cost to us)"), figures),
            (self.received, self.tr("Received (value to us)"), figures),
            (self.balance, self.tr("Balance"), figures),
            (self.offered, self.tr("Offered, not yet answered (cost to us)"), pending),
        ):
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(label)
        for row in (figures, pending):
            row.addStretch(1)
            outer.addLayout(row)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(splitter, 1)
        top = QSplitter(Qt.Orientation.Horizontal, splitter)
        self.table = QTableView(top)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Give-and-get ledger"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        box = QGroupBox(self.tr("Watch out"), top)
        box_layout = QVBoxLayout(box)
        self.warnings = QListWidget(box)
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName(self.tr("Ledger warnings"))
        box_layout.addWidget(self.warnings)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 1)
        self.chart = ChartView(
            self._ledger_figure,
            self.tr("The chart appears once an accepted entry has a round."),
            splitter,
        )
        self.chart.setAccessibleName(self.tr("Given and received per round"))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.ours_button.clicked.connect(lambda: self.add_entry(Giver.US))
        self.theirs_button.clicked.connect(lambda: self.add_entry(Giver.THEM))
        self.edit_button.clicked.connect(self.edit_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        self.table.doubleClicked.connect(lambda _i: self.edit_entry())

    # ------------------------------------------------------------ showing

    def show_sheet(self, sheet: DealSheet, analysis: Analysis) -> None:
        self._sheet = sheet
        problems: dict[int, list[str]] = {}
        for warning in analysis.warnings:
            if warning.entry is not None:
                problems.setdefault(warning.entry, []).append(warning_message(warning, language()))
        self.model.set_rows(
            [
                LedgerRow(i, entry, sheet.currency, tuple(problems.get(i, ())))
                for i, entry in enumerate(sheet.ledger)
            ]
        )
        lang = language()
        figures = analysis.figures
        self.given.setText(
            self.tr("Given (accepted): {amount} cost to us").format(
                amount=format_money(figures.given_cost, sheet.currency, lang)
            )
        )
        self.received.setText(
            self.tr("Received (accepted): {amount} value to us").format(
                amount=format_money(figures.received_value, sheet.currency, lang)
            )
        )
        self.balance.setText(
            self.tr("Balance: {amount}").format(
                amount=format_money(figures.balance, sheet.currency, lang)
            )
        )
        self.balance.setToolTip(
            self.tr(
                "Value received minus cost given, over the accepted entries: the “Value to "
                "us” column minus the “Cost to us” column of the accepted rows."
            )
        )
        self.offered.setText(
            self.tr("Offered, awaiting an answer: {amount} cost to us").format(
                amount=format_money(figures.offered_cost, sheet.currency, lang)
            )
        )
        colour = good_colour() if figures.balance >= 0 else error_colour()
        self.balance.setStyleSheet(f"font-weight: bold; color: {colour};")
        self.warnings.clear()
        for warning in analysis.warnings:
            if warning.code in LEDGER_CODES:
                item = QListWidgetItem("⚠ " + warning_message(warning, language()), self.warnings)
                item.setToolTip(warning_message(warning, language()))
        if self.warnings.count() == 0:
            QListWidgetItem(self.tr("Every concession is traded."), self.warnings)
        self.chart.schedule()

    def _ledger_figure(self) -> Any:
        if self._sheet is None:
            return None
        from salesdesk.brief.charts import ledger_figure

        return ledger_figure(self._sheet.ledger, self._sheet.currency, language())

    def selected_index(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()).index if index.isValid() else None

    # ------------------------------------------------------------ editing

    def _dialog(self, giver: Giver, entry: LedgerEntry | None) -> TradeDialog:
        sheet = self._sheet
        names = [t.name for t in sheet.terms] if sheet else []
        rounds = [e.round for e in sheet.ledger if e.round] if sheet else []
        return TradeDialog(
            giver,
            names,
            self._profile(),
            entry,
            max(rounds, default=1),
            parent=self,
            deal_value=sheet.value if sheet else None,
        )

    def add_entry(self, giver: Giver) -> None:
        dialog = self._dialog(giver, None)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        entry = dialog.entry()
        title = self.tr("Add concession “{what}”").format(what=entry.what)
        self.session.edit(title, lambda sheet: sheet.ledger.append(entry))

    def edit_entry(self) -> None:
        index = self.selected_index()
        if index is None or self._sheet is None:
            return
        original = self._sheet.ledger[index]
        dialog = self._dialog(original.giver, original)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        entry = dialog.entry()

        def change(sheet: DealSheet) -> None:
            sheet.ledger[index] = entry

        self.session.edit(self.tr("Edit concession “{what}”").format(what=entry.what), change)

    def remove_entry(self) -> None:
        index = self.selected_index()
        if index is None or self._sheet is None:
            return
        what = self._sheet.ledger[index].what

        def change(sheet: DealSheet) -> None:
            del sheet.ledger[index]

        self.session.edit(self.tr("Remove concession “{what}”").format(what=what), change)
