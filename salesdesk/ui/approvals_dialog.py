"""The manager's approval queue: concessions over a rep's authority, approved or
declined one by one (who and when are the server's: the connected role, its clock)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.money import format_number
from salesdesk.i18n import language
from salesdesk.store import approvals
from salesdesk.store.engine import Database
from salesdesk.store.errors import StoreError


class ApprovalsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.decided = 0
        self.setWindowTitle(self.tr("Approvals waiting"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Deal"), self.tr("Owner"), self.tr("Round"), self.tr("What"), self.tr("Cost")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.approve = QPushButton(self.tr("&Approve"), self)
        self.decline = QPushButton(self.tr("&Decline"), self)
        self.approve.clicked.connect(lambda: self._decide(True))
        self.decline.clicked.connect(lambda: self._decide(False))
        row.addWidget(self.approve)
        row.addWidget(self.decline)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 380)
        self.reload()

    def reload(self) -> None:
        self.requests = approvals.approvals_waiting(self.db)
        self.table.setRowCount(len(self.requests))
        for r, item in enumerate(self.requests):
            cost = "" if item.cost is None else format_number(item.cost, language(), places=2)
            for c, text in enumerate(
                (
                    f"#{item.deal_id} {item.deal_title}",
                    item.owner_role,
                    "" if item.round is None else str(item.round),
                    item.what,
                    cost,
                )
            ):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.requests:
            self.table.selectRow(0)
        self.summary.setText(
            self.tr("Concessions over a rep's authority waiting for a decision: {n}").format(
                n=len(self.requests)
            )
        )
        for button in (self.approve, self.decline):
            button.setEnabled(bool(self.requests))

    def _decide(self, approve: bool) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.requests):
            return
        item = self.requests[row]
        try:
            approvals.decide_approval(self.db, item.deal_id, item.entry_uid, approve)
        except StoreError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.decided += 1
        self.reload()
