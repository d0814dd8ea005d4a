"""Import from a CRM: the file's source, a preview of what each row becomes, then import.

CSV files and Excel workbooks; what the import decided or assumed (decimal mark, date
order, currency, skipped rows and footer, possible duplicates) is shown under the
preview, and the decimal mark, date order and currency can be chosen. Any other file
can be mapped column by column; the mapping is kept for the next file with the same
columns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.display import format_date
from salesdesk.domain.errors import InputError
from salesdesk.domain.imported import ImportedDeal
from salesdesk.domain.money import ISO_CODES, format_money
from salesdesk.domain.stages import STAGE_LABELS, STATUS_LABELS, phase_for_stage
from salesdesk.i18n import _, language
from salesdesk.interop.crm_csv import (
    CRM_NAMES,
    FIELDS,
    Crm,
    CrmFile,
    ImportRejected,
    parse_file,
)
from salesdesk.interop.crm_read import read_table
from salesdesk.store import crm_import
from salesdesk.store.crm_import import ImportCounts
from salesdesk.store.engine import Database
from salesdesk.ui.models.rows import MEASURED_ROWS, Column, RowsModel

FIELD_LABELS = {
    "title": _("Title"),
    "account": _("Account"),
    "amount": _("Amount"),
    "currency": _("Currency"),
    "close_date": _("Close date"),
    "stage": _("Stage"),
    "status": _("Status (won / lost)"),
    "probability": _("Probability"),
    "owner": _("Owner"),
    "record_id": _("Record id"),
    "last_contact": _("Last contact"),
    "lost_reason": _("Lost reason"),
    "competitor": _("Competitor"),
    "phase": _("Phase"),
}


def preview_model(parent: QWidget | None = None) -> RowsModel[ImportedDeal]:
    lang = language()
    return RowsModel[ImportedDeal](
        [
            Column(_("Line"), lambda d: str(d.line), align_right=True),
            Column(_("Title"), lambda d: d.title),
            Column(_("Account"), lambda d: d.account),
            Column(
                _("Value"),
                lambda d: "" if d.value is None else format_money(d.value, d.currency, lang),
                align_right=True,
            ),
            Column(
                _("Currency"),
                lambda d: (
                    _("{code} (assumed)").format(code=d.currency)
                    if d.currency_assumed
                    else d.currency
                ),
            ),
            Column(_("Stage"), lambda d: _(STAGE_LABELS[d.stage])),
            Column(_("Status"), lambda d: _(STATUS_LABELS[d.status])),
            Column(_("Close date"), lambda d: format_date(d.close_date, lang)),
            Column(_("Last contact"), lambda d: format_date(d.last_contact, lang)),
            Column(_("Phase"), lambda d: str(phase_for_stage(d.stage)), align_right=True),
            Column(_("CRM stage"), lambda d: d.source_stage or ""),
        ],
        parent,
    )


def _mapping_key(header: list[str]) -> str:
    digest = hashlib.sha1("\x1f".join(header).encode("utf-8")).hexdigest()[:16]
    return f"import/mapping/{digest}"


class ImportDialog(QDialog):
    def __init__(
        self, db: Database, path: Path, default_currency: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from a CRM — {file}").format(file=path.name))
        self.resize(980, 640)
        self.db = db
        self.raw = path.read_bytes()
        self.default_currency = default_currency
        self.header = read_table(self.raw).header
        self.crm_file: CrmFile | None = None
        self.counts: ImportCounts | None = None
        # (today, cadence): the contact dates refreshed in the import's own transaction.
        self.contacts: tuple[date, Sequence[int]] | None = None
        layout = QVBoxLayout(self)
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        layout.addWidget(self.source)

        self.own_mapping = QCheckBox(self.tr("Map the columns myself"), self)
        layout.addWidget(self.own_mapping)
        self.mapping_box = QGroupBox(self.tr("Which column holds what"), self)
        form = QFormLayout(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        for name in FIELDS:
            combo = QComboBox(self.mapping_box)
            combo.addItem("—", "")
            for column in self.header:
                combo.addItem(column, column)
            combo.setAccessibleName(FIELD_LABELS[name])
            form.addRow(FIELD_LABELS[name], combo)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
            self.combos[name] = combo
        layout.addWidget(self.mapping_box)
        order_row = QFormLayout()
        self.order = QComboBox(self)
        self.order.addItem(self.tr("decided from the file"), None)
        self.order.addItem(self.tr("day first (27/11/2026)"), "dmy")
        self.order.addItem(self.tr("month first (11/27/2026)"), "mdy")
        order_row.addRow(self.tr("Dates"), self.order)
        self.marks = QComboBox(self)
        self.marks.addItem(self.tr("decided from the file"), None)
        self.marks.addItem(self.tr("decimal comma (1.500,00)"), ",")
        self.marks.addItem(self.tr("decimal point (1,500.00)"), ".")
        order_row.addRow(self.tr("Amounts"), self.marks)
        # A currency the file does not state is assumed, shown so, and can be changed here.
        self.currency = QComboBox(self)
        self.currency.setAccessibleName(self.tr("Currency when the file states none"))
        common = ("EUR", "USD", "GBP", "CHF", "PLN", "CAD", "JPY")
        self.currency.addItems([*common, *sorted(ISO_CODES - set(common))])
        self.currency.setCurrentText(default_currency)
        order_row.addRow(self.tr("Currency when the file states none"), self.currency)
        layout.addLayout(order_row)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("Problems in the file"))
        self.problems.setMaximumHeight(120)
        layout.addWidget(self.problems)
        self.preview = preview_model(self)
        self.table = QTableView(self)
        self.table.setModel(self.preview)
        self.table.setAccessibleName(self.tr("Preview"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._prefill()
        self.own_mapping.toggled.connect(self._on_own_mapping)
        self.order.currentIndexChanged.connect(lambda _i: self.refresh())
        self.marks.currentIndexChanged.connect(lambda _i: self.refresh())
        self.currency.currentTextChanged.connect(self._on_currency)
        self.refresh()

    # ------------------------------------------------------------ mapping

    def _prefill(self) -> None:
        saved = QSettings().value(_mapping_key(self.header))
        detected = self._detected()
        if saved:
            mapping = json.loads(str(saved))
            self.own_mapping.setChecked(True)
        elif detected is not None:
            mapping = detected
        else:
            mapping = {}
            self.own_mapping.setChecked(True)
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(name, ""))))
            combo.blockSignals(False)
        self.mapping_box.setVisible(self.own_mapping.isChecked())

    def _detected(self) -> dict[str, str] | None:
        from salesdesk.interop.crm_sources import detect

        try:
            detected = detect(self.header)
        except ImportRejected:
            return None
        return {name: self.header[index] for name, index in detected.columns.items()}

    def _on_own_mapping(self, checked: bool) -> None:
        self.mapping_box.setVisible(checked)
        self.refresh()

    def _on_currency(self, code: str) -> None:
        self.default_currency = code
        self.refresh()

    def mapping(self) -> dict[str, str] | None:
        if not self.own_mapping.isChecked():
            return None
        return {
            name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()
        }

    # ------------------------------------------------------------ preview and import

    def refresh(self) -> None:
        self.crm_file = None
        self.problems.clear()
        try:
            crm_file = parse_file(
                self.raw,
                mapping=self.mapping(),
                date_order_hint=self.order.currentData(),
                decimal_mark=self.marks.currentData(),
                default_currency=self.default_currency,
            )
            counts = crm_import.apply_crm_import(
                self.db,
                crm_file.source.value,
                crm_file.deals,
                by_record_id=crm_file.has_ids,
                dry_run=True,
            )
        except InputError as exc:
            self.preview.set_rows([])
            self.source.setText(
                self.tr("This file cannot be imported yet: {reason}").format(reason=exc.message)
            )
            self.problems.setPlainText("\n".join(getattr(exc, "lines", [])))
            self.problems.setVisible(bool(self.problems.toPlainText()))
            self.summary.setText("")
            self.import_button.setEnabled(False)
            return
        self.crm_file = crm_file
        name = CRM_NAMES[crm_file.source]
        self.source.setText(
            self.tr("{source} export, %n row(s).", "", crm_file.rows).format(source=name)
            if crm_file.source is not Crm.OTHER
            else self.tr("Columns mapped by hand, %n row(s).", "", crm_file.rows)
        )
        self.preview.set_rows(crm_file.deals)
        # What was decided or assumed, the rows skipped and the possible duplicates:
        # the same lines the command line prints under its summary.
        from salesdesk.interop.crm_summary import summary_lines

        said = [line.strip() for line in summary_lines(crm_file, counts, dry_run=True)[1:]]
        self.problems.setPlainText("\n".join([*crm_file.notices, *said]))
        self.problems.setVisible(bool(self.problems.toPlainText()))
        text = self.tr(
            "{c} deals will be created, {u} updated, {n} left as they are. What you prepared "
            "in SalesDesk (worksheet, ledger, people) is never overwritten."
        ).format(c=counts.created, u=counts.updated, n=counts.unchanged)
        if crm_file.skipped:
            text += " " + self.tr("{s} empty rows are skipped.").format(s=len(crm_file.skipped))
        self.summary.setText(text)
        self.import_button.setEnabled(True)

    def do_import(self) -> None:
        if self.crm_file is None:
            return
        crm_file = self.crm_file
        self.counts = crm_import.apply_crm_import(
            self.db,
            crm_file.source.value,
            crm_file.deals,
            by_record_id=crm_file.has_ids,
            contacts=self.contacts,
        )
        mapping = self.mapping()
        if mapping is not None:
            QSettings().setValue(_mapping_key(self.header), json.dumps(mapping))
        self.accept()
