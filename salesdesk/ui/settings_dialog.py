"""The rep's profile: printed on briefs, cadence intervals, authority limits."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import ISO_CODES, format_number, parse_number
from salesdesk.domain.profile import Profile
from salesdesk.i18n import LANGUAGE_NAMES, detect_language, language
from salesdesk.interop.calendar import zone_names
from salesdesk.ui import qsettings
from salesdesk.ui.dialogs import ok_cancel
from salesdesk.ui.editor.overview import COMMON_CURRENCIES
from salesdesk.ui.fields import AmountField, error_label


class SettingsDialog(QDialog):
    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.profile = profile
        self.language_changed = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.name = QLineEdit(profile.name, self)
        self.name.setAccessibleName(self.tr("Your name"))
        form.addRow(self.tr("Your &name (printed on briefs)"), self.name)
        self.company = QLineEdit(profile.company, self)
        form.addRow(self.tr("Your &company"), self.company)
        self.currency = QComboBox(self)
        self.currency.addItems([*COMMON_CURRENCIES, *sorted(ISO_CODES - set(COMMON_CURRENCIES))])
        self.currency.setCurrentText(profile.currency)
        form.addRow(self.tr("&Default currency"), self.currency)
        cadence = QHBoxLayout()
        self.cadence: list[QSpinBox] = []
        for phase, days in enumerate(profile.cadence, start=1):
            spin = QSpinBox(self)
            spin.setRange(1, 365)
            spin.setValue(days)
            spin.setPrefix(self.tr("P{n}: ").format(n=phase))
            spin.setSuffix(self.tr(" d"))
            spin.setAccessibleName(self.tr("Days between contacts at phase {n}").format(n=phase))
            cadence.addWidget(spin)
            self.cadence.append(spin)
        form.addRow(self.tr("Contact every (days) by phase"), cadence)
        self.max_cost = AmountField(self)
        self.max_cost.set_value(profile.max_concession_cost)
        form.addRow(self.tr("A concession costing more than this needs approval"), self.max_cost)
        self.max_discount = QLineEdit(
            ""
            if profile.max_discount_pct is None
            else format_number(profile.max_discount_pct, language()),
            self,
        )
        self.max_discount.setPlaceholderText(self.tr("e.g. 10"))
        self.discount_error = error_label(self)
        box = QVBoxLayout()
        box.addWidget(self.max_discount)
        box.addWidget(self.discount_error)
        form.addRow(self.tr("A discount deeper than this % needs approval"), box)
        self.language = QComboBox(self)
        self.language.addItem(
            self.tr("As the system (currently {lang})").format(
                lang=LANGUAGE_NAMES.get(detect_language(), detect_language())
            ),
            "",
        )
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(
            max(self.language.findData(qsettings.read(qsettings.LANGUAGE)), 0)
        )
        self.language.setAccessibleName(self.tr("Language"))
        form.addRow(self.tr("&Language (from the next start)"), self.language)
        # Meetings leave the app (calendars) at their time in this zone.
        self.time_zone = QComboBox(self)
        self.time_zone.setEditable(True)
        self.time_zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.time_zone.addItem(self.tr("As the system"), "")
        for name in zone_names():
            self.time_zone.addItem(name, name)
        self.time_zone.setCurrentIndex(max(self.time_zone.findData(profile.time_zone), 0))
        self.time_zone.setAccessibleName(self.tr("Time zone"))
        self.zone_error = error_label(self)
        zone_box = QVBoxLayout()
        zone_box.addWidget(self.time_zone)
        zone_box.addWidget(self.zone_error)
        form.addRow(self.tr("&Time zone of your meetings"), zone_box)
        self._cost: Decimal | None = profile.max_concession_cost
        self.max_cost.committed.connect(self._on_cost)
        layout.addWidget(ok_cancel(self))

    def _on_cost(self, value: Decimal | None) -> None:
        self._cost = value

    def _zone(self) -> str | None:
        """The zone chosen or typed ("" for the system's), None when not a zone."""
        text = self.time_zone.currentText().strip()
        index = self.time_zone.findText(text)
        if index >= 0:
            return str(self.time_zone.itemData(index))
        return text if text in zone_names() else None

    def accept(self) -> None:
        self.max_cost.commit()
        if not self.max_cost.error.isHidden():
            self.max_cost.setFocus()
            return
        text = self.max_discount.text().strip().rstrip("%").strip()
        discount: Decimal | None = None
        if text:
            try:
                discount = parse_number(text, language())
            except InputError as exc:
                self.discount_error.setText(exc.message)
                self.discount_error.show()
                return
            if not 0 <= discount <= 100:
                self.discount_error.setText(self.tr("A percentage between 0 and 100."))
                self.discount_error.show()
                return
        zone = self._zone()
        if zone is None:
            self.zone_error.setText(
                self.tr("Not a time zone: choose one in the list, like Europe/Paris.")
            )
            self.zone_error.show()
            self.time_zone.setFocus()
            return
        days = [s.value() for s in self.cadence]
        self.profile = replace(
            self.profile,
            name=self.name.text().strip(),
            company=self.company.text().strip(),
            currency=self.currency.currentText(),
            cadence=(days[0], days[1], days[2], days[3], days[4]),
            max_concession_cost=self._cost,
            max_discount_pct=discount,
            time_zone=zone,
        )
        self.language_changed = self.language.currentData() != qsettings.read(qsettings.LANGUAGE)
        qsettings.write(qsettings.LANGUAGE, self.language.currentData())
        super().accept()
