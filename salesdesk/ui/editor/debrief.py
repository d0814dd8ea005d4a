"""The debrief: what the rep brings back from a meeting, in one form.

Their counter-offer term by term (prefilled from their last offer), their answer to
each trade we had on the table, what we obtained, the outcome and next steps, whether
the deal goes on, and the next meeting with its objectives drafted from the plan (the
next offer) for the rep to edit. Saving writes it all as one undoable step
(salesdesk.domain.debrief.apply_debrief), in one transaction.

Keyboard-first: every field in reading order, Ctrl+Enter saves, Escape cancels.
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.debrief import (
    Debrief,
    debrief_round,
    draft_objectives,
    meeting_of,
    next_meeting,
    prefilled_offer,
    trades_to_answer,
    with_their_offer,
)
from salesdesk.domain.display import format_date
from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import STATUS_LABELS, EntryStatus
from salesdesk.domain.stages import DealStatus
from salesdesk.domain.terms import Side
from salesdesk.i18n import _, language
from salesdesk.ui.combos import choice
from salesdesk.ui.editor.package_form import PackageForm
from salesdesk.ui.fields import AmountField, DateField, error_label

# What we may hear of a trade we offered.
ANSWERS = (EntryStatus.ACCEPTED, EntryStatus.REFUSED, EntryStatus.OFFERED, EntryStatus.WITHDRAWN)


def _text_box(parent: QWidget, name: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class DebriefDialog(QDialog):
    def __init__(
        self,
        sheet: DealSheet,
        meeting_uid: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.meeting = meeting_of(sheet, meeting_uid)
        self.round = debrief_round(sheet, self.meeting)
        self.today = today
        lang = language()
        title = self.meeting.title or self.tr("meeting")
        self.setWindowTitle(
            self.tr("Debrief: {title}, {date}").format(
                title=title, date=format_date(self.meeting.date, lang)
            )
        )
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        columns = QHBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        # Their counter-offer.
        offer_box = QGroupBox(self.tr("Their counter-offer (round {n})").format(n=self.round), body)
        offer_layout = QVBoxLayout(offer_box)
        self.offer = PackageForm(self.tr("Their last"), self.tr("Their offer now"), offer_box)
        self.offer.set_terms(sheet.terms)
        theirs = [o for o in sheet.offers if o.side is Side.THEM and o.round < self.round]
        before = max(theirs, key=lambda o: o.round).values if theirs else None
        self.offer.set_values(prefilled_offer(sheet, self.round), before)
        offer_layout.addWidget(self.offer)
        left.addWidget(offer_box)

        # Our trades awaiting their answer.
        trades_box = QGroupBox(self.tr("Our trades on the table: their answer"), body)
        trades_form = QFormLayout(trades_box)
        self.answers: dict[str, QComboBox] = {}
        for entry in trades_to_answer(sheet):
            combo = QComboBox(trades_box)
            for status in ANSWERS:
                combo.addItem(_(STATUS_LABELS[status]), status.value)
            combo.setCurrentIndex(combo.findData(EntryStatus.OFFERED.value))
            combo.setAccessibleName(entry.what)
            said = entry.what
            if entry.counterpart:
                said = self.tr("{what} — in return: {counterpart}").format(
                    what=entry.what, counterpart=entry.counterpart
                )
            label = QLabel(said, trades_box)
            label.setWordWrap(True)
            label.setBuddy(combo)
            trades_form.addRow(label, combo)
            self.answers[entry.uid] = combo
        if not self.answers:
            trades_form.addRow(QLabel(self.tr("No trade of ours awaits their answer."), trades_box))
        left.addWidget(trades_box)

        obtained_box = QGroupBox(self.tr("What we obtained"), body)
        obtained_form = QFormLayout(obtained_box)
        self.obtained = QLineEdit(obtained_box)
        self.obtained.setAccessibleName(self.tr("What we obtained"))
        self.obtained.setPlaceholderText(self.tr("e.g. a firm volume of 400,000 cartons"))
        obtained_form.addRow(self.tr("&Obtained"), self.obtained)
        self.obtained_value = AmountField(obtained_box)
        self.obtained_value.setAccessibleName(self.tr("Its value to us"))
        self._worth: Decimal | None = None
        self.obtained_value.committed.connect(lambda v: setattr(self, "_worth", v))
        obtained_form.addRow(self.tr("Its &value to us"), self.obtained_value)
        left.addWidget(obtained_box)
        left.addStretch(1)

        # The outcome, and what comes next.
        outcome_box = QGroupBox(self.tr("Outcome"), body)
        outcome_form = QFormLayout(outcome_box)
        self.outcome = _text_box(outcome_box, self.tr("Outcome"))
        self.outcome.setPlainText(self.meeting.outcome)
        outcome_form.addRow(self.tr("O&utcome"), self.outcome)
        self.next_steps = _text_box(outcome_box, self.tr("Next steps"))
        self.next_steps.setPlainText(self.meeting.next_steps)
        outcome_form.addRow(self.tr("Next ste&ps"), self.next_steps)
        self.status = QComboBox(outcome_box)
        self.status.setAccessibleName(self.tr("The deal"))
        for result, said in (
            (DealStatus.OPEN, self.tr("goes on")),
            (DealStatus.WON, self.tr("is won")),
            (DealStatus.LOST, self.tr("is lost")),
        ):
            self.status.addItem(said, result.value)
        outcome_form.addRow(self.tr("The &deal"), self.status)
        self.lost_reason = QLineEdit(outcome_box)
        self.lost_reason.setAccessibleName(self.tr("Lost reason"))
        self.lost_reason.setText(sheet.lost_reason)
        outcome_form.addRow(self.tr("&Lost because"), self.lost_reason)
        self.competitor = QLineEdit(outcome_box)
        self.competitor.setAccessibleName(self.tr("Competitor"))
        self.competitor.setText(sheet.competitor)
        outcome_form.addRow(self.tr("&Competitor"), self.competitor)
        right.addWidget(outcome_box)

        self.next_box = QGroupBox(
            self.tr("Next meeting (round {n})").format(n=self.round + 1), body
        )
        next_form = QFormLayout(self.next_box)
        planned = next_meeting(sheet, self.round)
        self.next_date = DateField(self.next_box, optional=True, today=lambda: today)
        self.next_date.setAccessibleName(self.tr("Next meeting's date"))
        self.next_date.set_value(planned.date if planned is not None else None)
        next_form.addRow(self.tr("D&ate"), self.next_date)
        self.objectives = _text_box(self.next_box, self.tr("Objectives"), 6)
        next_form.addRow(self.tr("Ob&jectives"), self.objectives)
        self.redraft = QPushButton(self.tr("Draft again from the plan"), self.next_box)
        self.redraft.setToolTip(
            self.tr("The next offer and the trade it implies, from their offer as typed above")
        )
        next_form.addRow("", self.redraft)
        if planned is not None and planned.objectives.strip():
            self.objectives.setPlainText(planned.objectives)
        else:
            self.draft()
        right.addWidget(self.next_box)
        right.addStretch(1)

        self.problem = error_label(self)
        outer.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        save = QShortcut(QKeySequence("Ctrl+Return"), self)
        save.activated.connect(self.accept)
        self.redraft.clicked.connect(self.draft)
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self._status_changed()
        first = self.offer.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(1000, 640)

    # ------------------------------------------------------------ the form

    def _status_changed(self) -> None:
        status = choice(self.status, DealStatus) or DealStatus.OPEN
        self.lost_reason.setEnabled(status is DealStatus.LOST)
        self.next_box.setEnabled(status is DealStatus.OPEN)

    def draft(self) -> None:
        """The next meeting's objectives drafted from the plan, their offer as typed."""
        try:
            values = self.offer.values()
        except InputError as exc:
            self._fail(exc.message)
            return
        future = copy.deepcopy(self.sheet)
        with_their_offer(future, self.round, values)
        self.objectives.setPlainText(draft_objectives(future, language()))

    def _fail(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def accept(self) -> None:
        self.obtained_value.commit()
        self.next_date.commit_pending()
        if self.obtained_value.has_error() or self.next_date.has_error():
            self._fail(self.tr("Correct the fields marked in red first."))
            return
        try:
            self.offer.values()
        except InputError as exc:
            self._fail(exc.message)
            return
        super().accept()

    def debrief(self) -> Debrief:
        """The form as a debrief (after `accept`)."""
        return Debrief(
            meeting=self.meeting.uid,
            their_offer=self.offer.values(),
            answers={
                uid: choice(combo, EntryStatus) or EntryStatus.OFFERED
                for uid, combo in self.answers.items()
            },
            obtained=self.obtained.text().strip(),
            obtained_value=self._worth,
            outcome=self.outcome.toPlainText().strip(),
            next_steps=self.next_steps.toPlainText().strip(),
            status=choice(self.status, DealStatus) or DealStatus.OPEN,
            lost_reason=self.lost_reason.text().strip(),
            competitor=self.competitor.text().strip(),
            next_date=self.next_date.value(),
            next_objectives=self.objectives.toPlainText().strip(),
        )
