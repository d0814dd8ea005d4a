"""The trade form: a concession is written down with what we get for it.

Leaving "on condition that…" empty for one of our concessions needs an explicit
"give it without counterpart", and the entry is then flagged as unilateral.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from salesdesk.domain.ledger import (
    STATUS_LABELS,
    EntryStatus,
    Giver,
    LedgerEntry,
    over_authority,
)
from salesdesk.domain.profile import Profile
from salesdesk.i18n import _
from salesdesk.ui.combos import choice
from salesdesk.ui.dialogs import ok_cancel
from salesdesk.ui.fields import AmountField, error_label


class TradeDialog(QDialog):
    def __init__(
        self,
        giver: Giver,
        term_names: list[str],
        profile: Profile,
        entry: LedgerEntry | None = None,
        next_round: int = 1,
        parent: QWidget | None = None,
        deal_value: Decimal | None = None,
    ) -> None:
        super().__init__(parent)
        self.giver = giver
        self.profile = profile
        self.deal_value = deal_value
        self._chosen = False
        self._original = entry
        self._amounts: dict[str, Decimal | None] = {}
        ours = giver is Giver.US
        self.setWindowTitle(self.tr("Our concession") if ours else self.tr("Their concession"))
        form = self.form = QFormLayout(self)
        self.what = QLineEdit(self)
        self.what.setAccessibleName(self.tr("What is given"))
        self.what.setPlaceholderText(
            self.tr("e.g. 2 % off the unit price") if ours else self.tr("e.g. a 3-year commitment")
        )
        form.addRow(self.tr("&What we give") if ours else self.tr("&What they give"), self.what)
        self.term = QComboBox(self)
        self.term.setAccessibleName(self.tr("Term"))
        self.term.addItem(self.tr("(no term)"), None)
        for name in term_names:
            self.term.addItem(name, name)
        form.addRow(self.tr("&Term"), self.term)
        self.cost = self._amount(
            "cost", self.tr("Cost to us") if ours else self.tr("Cost to them"), form
        )
        self.value = self._amount(
            "value", self.tr("Value to them") if ours else self.tr("Value to us"), form
        )
        self.counterpart = QLineEdit(self)
        self.counterpart.setAccessibleName(self.tr("On condition that"))
        self.counterpart.setPlaceholderText(
            self.tr("what we get in return") if ours else self.tr("what they get in return")
        )
        form.addRow(self.tr("On &condition that…"), self.counterpart)
        self.counterpart_value = self._amount(
            "counterpart_value",
            self.tr("Counterpart's value to us")
            if ours
            else self.tr("Counterpart's value to them"),
            form,
        )
        self.counterpart_cost = self._amount(
            "counterpart_cost",
            self.tr("Counterpart's cost to them") if ours else self.tr("Counterpart's cost to us"),
            form,
        )
        self.unilateral = QCheckBox(self.tr("Give it without counterpart"), self)
        self.unilateral.setToolTip(
            self.tr("It will be flagged as a unilateral concession in the ledger and the brief.")
        )
        self.unilateral.setVisible(ours)
        form.addRow("", self.unilateral)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for status in EntryStatus:
            self.status.addItem(_(STATUS_LABELS[status]), status.value)
        form.addRow(self.tr("&Status"), self.status)
        self.round = QSpinBox(self)
        self.round.setRange(0, 99)
        self.round.setSpecialValueText("—")
        self.round.setAccessibleName(self.tr("Round"))
        self.round.setValue(next_round)
        form.addRow(self.tr("&Round"), self.round)
        self.needs_approval = QCheckBox(self.tr("Needs a manager's approval"), self)
        form.addRow("", self.needs_approval)
        self.approved_by = QLineEdit(self)
        self.approved_by.setAccessibleName(self.tr("Approved by"))
        self.approved_by.setPlaceholderText(self.tr("name of the manager who approved it"))
        form.addRow(self.tr("&Approved by"), self.approved_by)
        self.approval_note = QLabel(self)
        self.approval_note.setWordWrap(True)
        form.addRow("", self.approval_note)
        self.problem = error_label(self)
        form.addRow(self.problem)
        form.addRow(ok_cancel(self))
        self.cost.committed.connect(lambda _v: self._suggest_approval())
        # A message about the form goes as soon as the rep acts on it.
        self.what.textEdited.connect(self._clear_problem)
        self.counterpart.textEdited.connect(self._clear_problem)
        self.unilateral.toggled.connect(self._clear_problem)
        for field in self._fields().values():
            field.committed.connect(self._clear_problem)
        self.needs_approval.toggled.connect(self.approved_by.setEnabled)
        self.approved_by.setEnabled(False)
        if entry is not None:
            self._load(entry)
        self._suggest_approval()
        self.resize(480, self.sizeHint().height())

    def _amount(self, key: str, label: str, form: QFormLayout) -> AmountField:
        field = AmountField(self)
        field.setAccessibleName(label)
        self._amounts[key] = None
        field.committed.connect(lambda v: self._amounts.__setitem__(key, v))
        form.addRow(label, field)
        return field

    def _load(self, entry: LedgerEntry) -> None:
        self.what.setText(entry.what)
        self.term.setCurrentIndex(max(self.term.findData(entry.term), 0))
        for key, field in self._fields().items():
            value = getattr(entry, key)
            self._amounts[key] = value
            field.set_value(value)
        self.counterpart.setText(entry.counterpart)
        self.unilateral.setChecked(entry.giver is Giver.US and not entry.has_counterpart)
        self.status.setCurrentIndex(max(self.status.findData(entry.status.value), 0))
        self.round.setValue(entry.round or 0)
        self.needs_approval.setChecked(entry.needs_approval)
        self.approved_by.setText(entry.approved_by)
        if entry.approved and entry.approved_at is not None:
            self.approval_note.setText(
                self.tr("Approved on {when}").format(
                    when=entry.approved_at.strftime("%Y-%m-%d %H:%M")
                )
            )

    def _fields(self) -> dict[str, AmountField]:
        return {
            "cost": self.cost,
            "value": self.value,
            "counterpart_value": self.counterpart_value,
            "counterpart_cost": self.counterpart_cost,
        }

    def _suggest_approval(self) -> None:
        """Past the rep's authority (or already waiting for a manager), the concession
        needs approval and the box cannot be unticked: the server would tick it again.
        Only a manager's decision settles it."""
        required = over_authority(
            self.giver,
            self._amounts.get("cost"),
            self.deal_value,
            self.profile.max_concession_cost,
            self.profile.max_discount_pct,
        ) or bool(self._original and self._original.needs_approval)
        box = self.needs_approval
        if required and box.isEnabled():
            self._chosen = box.isChecked()  # the rep's own choice, back when within limits
        if required:
            box.setChecked(True)
        elif not box.isEnabled():
            box.setChecked(self._chosen)
        box.setEnabled(not required)
        self.needs_approval.setToolTip(
            self.tr("Past your authority, or already waiting: a manager decides.")
            if required
            else ""
        )

    def _fail(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        # The wrapped message gets the height it needs: the dialog grows, never clips it.
        self.form.activate()
        needed = self.form.heightForWidth(self.width())
        self.resize(self.width(), max(self.height(), needed, self.sizeHint().height()))

    def _clear_problem(self) -> None:
        self.problem.hide()

    def accept(self) -> None:
        # A field still showing a mistake keeps the dialog open.
        for field in self._fields().values():
            field.commit()
            if not field.error.isHidden():
                self._fail(self.tr("Correct the amounts marked in red first."))
                return
        if not self.what.text().strip():
            self._fail(self.tr("Say what is given."))
            self.what.setFocus()
            return
        if (
            self.giver is Giver.US
            and not self.counterpart.text().strip()
            and not self.unilateral.isChecked()
        ):
            self._fail(
                self.tr(
                    "Say what we get in return (“on condition that…”), or tick "
                    "“Give it without counterpart”."
                )
            )
            self.counterpart.setFocus()
            return
        super().accept()

    def entry(self) -> LedgerEntry:
        approved_by = self.approved_by.text().strip() if self.needs_approval.isChecked() else ""
        original = self._original
        approved_at: datetime | None = None
        if approved_by:
            unchanged = original is not None and original.approved_by == approved_by
            approved_at = original.approved_at if unchanged and original else datetime.now(UTC)
            approved_at = approved_at or datetime.now(UTC)
        status = choice(self.status, EntryStatus) or EntryStatus.PLANNED
        base = original or LedgerEntry(giver=self.giver, what="")
        return replace(
            base,
            giver=self.giver,
            what=self.what.text().strip(),
            term=self.term.currentData(),
            cost=self._amounts["cost"],
            value=self._amounts["value"],
            counterpart=self.counterpart.text().strip(),
            counterpart_value=self._amounts["counterpart_value"],
            counterpart_cost=self._amounts["counterpart_cost"],
            status=status,
            round=self.round.value() or None,
            needs_approval=self.needs_approval.isChecked(),
            approved=bool(approved_by),
            approved_by=approved_by,
            approved_at=approved_at.replace(microsecond=0) if approved_at else None,
        )
