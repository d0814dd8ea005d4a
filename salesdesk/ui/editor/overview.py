"""Overview tab: the deal's facts, its place on the relationship path and its cadence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.display import format_date
from salesdesk.domain.money import ISO_CODES
from salesdesk.domain.profile import Profile
from salesdesk.domain.stages import (
    PHASE_LABELS,
    PHASES,
    STAGE_CHECKLISTS,
    STATUS_LABELS,
    DealStatus,
    Stage,
    contact_interval,
    contact_state,
)
from salesdesk.i18n import LANGUAGE_NAMES, SUPPORTED, _, language
from salesdesk.ui.colors import error_style
from salesdesk.ui.combos import choice
from salesdesk.ui.editor.stage_path import StagePath
from salesdesk.ui.fields import (
    AmountField,
    CommitLineEdit,
    DateField,
    PercentField,
    beside,
    set_text,
)
from salesdesk.ui.session import DealSession

COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "PLN", "CAD", "JPY")


class OverviewTab(QWidget):
    def __init__(
        self, session: DealSession, profile: Profile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.profile = profile
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)

        self.title = CommitLineEdit(self)
        self.title.setAccessibleName(self.tr("Deal title"))
        form.addRow(self.tr("&Title"), self.title)
        self.account = CommitLineEdit(self)
        self.account.setAccessibleName(self.tr("Account"))
        form.addRow(self.tr("&Account"), self.account)

        value_row = QHBoxLayout()
        self.value = AmountField(self)
        self.value.setAccessibleName(self.tr("Deal value"))
        self.currency = QComboBox(self)
        self.currency.setAccessibleName(self.tr("Currency"))
        others = sorted(ISO_CODES - set(COMMON_CURRENCIES))
        self.currency.addItems([*COMMON_CURRENCIES, *others])
        value_row.addWidget(self.value, 1)
        value_row.addWidget(self.currency)
        form.addRow(self.tr("Value"), value_row)

        self.close_date = DateField(self, today=session.today)
        self.close_date.setAccessibleName(self.tr("Close date"))
        form.addRow(self.tr("&Close date"), self.close_date)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for status in DealStatus:
            self.status.addItem(_(STATUS_LABELS[status]), status.value)
        form.addRow(self.tr("&Status"), self.status)
        # A closed deal's review: why it was lost, and the competitor.
        closed_row = QHBoxLayout()
        self.lost_reason = CommitLineEdit(self)
        self.lost_reason.setAccessibleName(self.tr("Lost reason"))
        self.lost_reason.setPlaceholderText(self.tr("why it was lost"))
        self.competitor = CommitLineEdit(self)
        self.competitor.setAccessibleName(self.tr("Competitor"))
        self.competitor.setPlaceholderText(self.tr("competitor"))
        closed_row.addWidget(self.lost_reason, 2)
        closed_row.addWidget(self.competitor, 1)
        self.closed_label = QLabel(self.tr("Lost &because"), self)
        self.closed_label.setBuddy(self.lost_reason)
        form.addRow(self.closed_label, closed_row)
        self._form = form
        probability_row = QHBoxLayout()
        self.probability = PercentField(self)
        self.probability.setAccessibleName(self.tr("Probability"))
        self.probability.setMaximumWidth(self.probability.fontMetrics().horizontalAdvance("0") * 8)
        probability_row.addWidget(self.probability)
        probability_row.addWidget(QLabel("%", self))
        probability_row.addStretch(1)
        probability_label = QLabel(self.tr("&Probability"), self)
        probability_label.setBuddy(self.probability)
        form.addRow(probability_label, probability_row)
        self.owner = CommitLineEdit(self)
        self.owner.setAccessibleName(self.tr("Owner"))
        # The customer's language beside the owner: the form stays as tall as before.
        self.customer_language = QComboBox(self)
        self.customer_language.setAccessibleName(self.tr("Customer's language"))
        self.customer_language.setToolTip(
            self.tr("The language of the customer copy of the brief and of calendar events")
        )
        self.customer_language.addItem(self.tr("As the app"), None)
        for code in SUPPORTED:
            self.customer_language.addItem(LANGUAGE_NAMES[code], code)
        owner_label = QLabel(self.tr("&Owner"), self)
        owner_label.setBuddy(self.owner)
        form.addRow(
            owner_label,
            beside(self.owner, self.tr("C&ustomer reads"), self.customer_language),
        )

        self.path = StagePath(self)
        form.addRow(self.tr("Relationship path"), self.path)
        # The stage's checklist: one box per item, ticked per deal and stage.
        self.checklist = QWidget(self)
        self.checklist.setAccessibleName(self.tr("Checklist of the stage"))
        self._checklist_layout = QVBoxLayout(self.checklist)
        self._checklist_layout.setContentsMargins(0, 0, 0, 0)
        self.checklist_boxes: list[QCheckBox] = []
        self._checklist_stage: Stage | None = None
        form.addRow(self.tr("At this stage"), self.checklist)

        self.phase = QComboBox(self)
        self.phase.setAccessibleName(self.tr("Project maturity phase"))
        for phase in PHASES:
            self.phase.addItem(f"{phase} — {_(PHASE_LABELS[phase])}", phase)
        form.addRow(self.tr("&Maturity phase"), self.phase)
        self.last_contact = DateField(self, today=session.today)
        self.last_contact.setAccessibleName(self.tr("Last contact (recorded)"))
        form.addRow(self.tr("Last contact"), self.last_contact)
        self.cadence = QLabel(self)
        self.cadence.setWordWrap(True)
        form.addRow(self.tr("Contact cadence"), self.cadence)
        outer.addStretch(1)

        self.title.committed.connect(lambda v: self._set("title", v.strip(), self.tr("Title")))
        self.account.committed.connect(
            lambda v: self._set("account", v.strip(), self.tr("Account"))
        )
        self.owner.committed.connect(lambda v: self._set("owner", v.strip(), self.tr("Owner")))
        self.lost_reason.committed.connect(
            lambda v: self._set("lost_reason", v.strip(), self.tr("Lost reason"))
        )
        self.competitor.committed.connect(
            lambda v: self._set("competitor", v.strip(), self.tr("Competitor"))
        )
        self.customer_language.currentIndexChanged.connect(
            lambda _i: self._set(
                "customer_language",
                self.customer_language.currentData(),
                self.tr("Customer's language"),
            )
        )
        self.value.committed.connect(self._on_value)
        self.currency.currentTextChanged.connect(
            lambda code: self._set("currency", code, self.tr("Currency"))
        )
        self.close_date.committed.connect(
            lambda d: self._set("close_date", d, self.tr("Close date"))
        )
        self.status.currentIndexChanged.connect(
            lambda _i: self._set("status", choice(self.status, DealStatus), self.tr("Status"))
        )
        self.probability.committed_value.connect(
            lambda v: self._set("probability", v, self.tr("Probability"))
        )
        self.path.stage_chosen.connect(lambda s: self._set("stage", s, self.tr("Stage")))
        self.phase.currentIndexChanged.connect(
            lambda _i: self._set("phase", self.phase.currentData(), self.tr("Maturity phase"))
        )
        self.last_contact.committed.connect(self._on_last_contact)

    # ------------------------------------------------------------ edits

    def _set(self, field: str, value: object, label: str) -> None:
        sheet = self.session.sheet
        if sheet is None or getattr(sheet, field) == value:
            return
        if field in ("title", "account") and not value:
            return  # a deal keeps a title and an account; the field shows the old one back
        self.session.edit(
            self.tr("Change {field}").format(field=label),
            lambda s: setattr(s, field, value),
            merge_key=field,
        )

    def _on_value(self, amount: Decimal | None) -> None:
        self._set("value", amount, self.tr("Value"))

    def _on_last_contact(self, day: date | None) -> None:
        if day is not None and day > self.session.today():
            self.last_contact.show_error(self.tr("A contact cannot be in the future."))
            return
        self.last_contact.clear_error()
        self._set("last_contact", day, self.tr("Last contact"))

    # ------------------------------------------------------------ display

    def show_sheet(self, sheet: DealSheet) -> None:
        set_text(self.title, sheet.title)
        set_text(self.account, sheet.account)
        set_text(self.owner, sheet.owner)
        set_text(self.lost_reason, sheet.lost_reason)
        set_text(self.competitor, sheet.competitor)
        self._form.setRowVisible(self.closed_label, sheet.status is not DealStatus.OPEN)
        self.lost_reason.setVisible(sheet.status is DealStatus.LOST)
        self.closed_label.setText(
            self.tr("Lost &because") if sheet.status is DealStatus.LOST else self.tr("Comp&etitor")
        )
        self.closed_label.setBuddy(
            self.lost_reason if sheet.status is DealStatus.LOST else self.competitor
        )
        self.value.set_value(sheet.value)
        for widget, value in (
            (self.currency, sheet.currency),
            (self.status, sheet.status.value),
            (self.phase, sheet.phase),
            (self.customer_language, sheet.customer_language),
        ):
            widget.blockSignals(True)
            if widget is self.currency:
                widget.setCurrentText(str(value))
            else:
                widget.setCurrentIndex(max(0, widget.findData(value)))
            widget.blockSignals(False)
        self.probability.set_value(sheet.probability)
        self.close_date.set_value(sheet.close_date)
        self.last_contact.set_value(sheet.last_contact)
        self.path.set_stage(sheet.stage, sheet.checklist)
        self._show_checklist(sheet)
        self._show_cadence(sheet)

    def _show_checklist(self, sheet: DealSheet) -> None:
        stage = sheet.stage
        if stage is not self._checklist_stage:
            for box in self.checklist_boxes:
                self._checklist_layout.removeWidget(box)
                box.hide()  # gone at once, not when the event loop deletes it
                box.deleteLater()
            self.checklist_boxes = []
            for i, item in enumerate(STAGE_CHECKLISTS[stage]):
                box = QCheckBox(_(item), self.checklist)
                box.toggled.connect(lambda on, i=i: self._tick(i, on))
                self._checklist_layout.addWidget(box)
                self.checklist_boxes.append(box)
            self._checklist_stage = stage
        ticked = set(sheet.checklist.get(stage.value, ()))
        for i, box in enumerate(self.checklist_boxes):
            box.blockSignals(True)
            box.setChecked(i in ticked)
            box.blockSignals(False)

    def _tick(self, index: int, on: bool) -> None:
        stage = self._checklist_stage
        if self.session.sheet is None or stage is None:
            return
        item = _(STAGE_CHECKLISTS[stage][index])

        def change(sheet: DealSheet) -> None:
            items = set(sheet.checklist.get(stage.value, ()))
            if on:
                items.add(index)
            else:
                items.discard(index)
            if items:
                sheet.checklist[stage.value] = sorted(items)
            else:
                sheet.checklist.pop(stage.value, None)

        label = self.tr("Tick “{item}”") if on else self.tr("Untick “{item}”")
        self.session.edit(label.format(item=item), change)

    def _show_cadence(self, sheet: DealSheet) -> None:
        today = self.session.today()
        state = contact_state(
            recorded=sheet.last_contact,
            events=sheet.contact_events(),
            phase=sheet.phase,
            status=sheet.status,
            today=today,
            cadence=self.profile.cadence,
        )
        lang = language()
        every = contact_interval(sheet.phase, self.profile.cadence)
        parts = [self.tr("Every %n day(s) at this phase", "", every)]
        # The last contact itself is shown once, in its field: the date recorded there, or
        # else the latest meeting or interaction, shown in grey with where it comes from.
        if sheet.last_contact is None and state.last_contact is not None:
            self.last_contact.edit.setPlaceholderText(
                self.tr("{date} (latest meeting or interaction)").format(
                    date=format_date(state.last_contact, lang)
                )
            )
        else:
            self.last_contact.edit.setPlaceholderText("—")
        if state.last_contact:
            due = format_date(state.next_contact_due, lang)
            if state.overdue:
                parts.append(self.tr("next contact was due {date} — overdue").format(date=due))
            else:
                parts.append(self.tr("next contact due {date}").format(date=due))
        else:
            parts.append(self.tr("no contact recorded yet"))
        self.cadence.setText(" · ".join(parts))
        self.cadence.setStyleSheet(error_style() + " font-weight: bold;" if state.overdue else "")
