""" "Propose next offer": the package to put on the table next, editable before it is
recorded as our offer of the next round (salesdesk.domain.next_offer).

The scores and the trade are said again as the rep edits a value; recording it can
also write the trade into the ledger, planned, so the brief proposes it "on condition
that…".
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.deal import DealSheet, Offer
from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.money import format_number
from salesdesk.domain.next_offer import (
    NextOffer,
    latest_values,
    list_separator,
    move_text,
    trade_moves,
    trade_text,
)
from salesdesk.domain.scoring import package_score
from salesdesk.domain.terms import Side, Value
from salesdesk.i18n import language
from salesdesk.ui.editor.package_form import PackageForm
from salesdesk.ui.fields import error_label


class NextOfferDialog(QDialog):
    def __init__(self, sheet: DealSheet, plan: NextOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.plan = plan
        self.setWindowTitle(self.tr("Our next offer (round {n})").format(n=plan.round))
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "A smaller concession than the last one, within our walk-aways and never "
                "below our BATNA, on the frontier: as good for them as that score allows. "
                "Change any value before recording it."
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.form = PackageForm(self.tr("Our latest"), self.tr("Propose"), self)
        self.form.set_terms([t for t in sheet.terms if t.name in plan.values])
        self.latest = {
            **{t.name: t.opening for t in sheet.terms if t.opening is not None},
            **latest_values(sheet, Side.US),
        }
        self.form.set_values(plan.values, self.latest)
        layout.addWidget(self.form)
        self.scores = QLabel(self)
        self.scores.setWordWrap(True)
        self.scores.setAccessibleName(self.tr("Scores of the offer"))
        layout.addWidget(self.scores)
        self.trade = QLabel(self)
        self.trade.setWordWrap(True)
        self.trade.setAccessibleName(self.tr("The trade it implies"))
        layout.addWidget(self.trade)
        self.add_trade = QCheckBox(self.tr("Write the trade into the ledger (planned)"), self)
        self.add_trade.setChecked(True)
        layout.addWidget(self.add_trade)
        self.problem = error_label(self)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.record = buttons.addButton(
            self.tr("&Record as our offer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.accept)
        self.form.edited.connect(self.describe)
        self.describe()
        first = self.form.first_field()
        if first is not None:
            first.setFocus()

    def values(self) -> dict[str, Value]:
        return {**self.plan.values, **self.form.values()}

    def describe(self) -> None:
        """The offer's scores and trade, as it now stands in the form."""
        lang = language()
        try:
            values = self.values()
        except InputError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        self.problem.hide()
        terms = self.sheet.terms
        ours = package_score(terms, values, Side.US)
        theirs = package_score(terms, values, Side.THEM)
        if ours is None or theirs is None:
            self.scores.setText(self.tr("Give every term a value to score the offer."))
        else:
            self.scores.setText(
                self.tr(
                    "Scores {score} for us and {their} for them (est.); our latest offer "
                    "scored {latest}."
                ).format(
                    score=format_number(ours, lang, 2),
                    their=format_number(theirs, lang, 2),
                    latest=format_number(self.plan.latest_score, lang, 2),
                )
            )
        gives, asks = trade_moves(self.sheet, values)
        edited = NextOffer(
            self.plan.round,
            self.plan.package,
            self.plan.latest_score,
            self.plan.concession,
            self.plan.previous,
            gives,
            asks,
        )
        self.trade.setText(trade_text(edited, terms, lang))

    def accept(self) -> None:
        try:
            self.values()
        except InputError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        super().accept()

    def apply(self, sheet: DealSheet) -> None:
        """Record the offer (and the trade, when asked) in `sheet`."""
        values = self.values()
        gives, asks = trade_moves(sheet, values)  # against our offers before this one
        sheet.offers.append(Offer(Side.US, self.plan.round, values))
        if not self.add_trade.isChecked() or not gives:
            return
        lang = language()
        sheet.ledger.append(
            LedgerEntry(
                Giver.US,
                list_separator(lang).join(move_text(m, sheet.terms, lang) for m in gives),
                gives[0].term if len(gives) == 1 else None,
                counterpart=list_separator(lang).join(
                    move_text(m, sheet.terms, lang) for m in asks
                ),
                status=EntryStatus.PLANNED,
                round=self.plan.round,
            )
        )
