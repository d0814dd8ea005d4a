"""Price effect: how much more volume a discount needs to keep the same gross profit."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number
from salesdesk.domain.price import required_volume_increase
from salesdesk.domain.terms import Term
from salesdesk.i18n import language
from salesdesk.ui.colors import error_style
from salesdesk.ui.fields import AmountField


def discount_between(term: Term) -> Decimal | None:
    """The discount from our opening price to our target, in percent, when both are known."""
    opening, target = term.number("opening"), term.number("target")
    if opening is None or target is None or opening == 0:
        return None
    pct = (opening - target) / opening * 100
    return pct.quantize(Decimal("0.01")) if pct > 0 else None


class PriceEffectDialog(QDialog):
    def __init__(
        self,
        term: Term | None,
        margin_pct: Decimal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Price effect"))
        form = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "A discount costs gross profit that only more volume can win back. "
                "Enter the discount and your gross margin, both as a percentage of the price."
            ),
            self,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.discount = AmountField(self, allow_empty=False)
        self.discount.setAccessibleName(self.tr("Discount in percent"))
        form.addRow(self.tr("&Discount (%)"), self.discount)
        self.margin = AmountField(self, allow_empty=False)
        self.margin.setAccessibleName(self.tr("Gross margin in percent"))
        form.addRow(self.tr("Gross &margin (%)"), self.margin)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(self.tr("Volume increase needed"))
        form.addRow(self.tr("Volume needed"), self.outcome)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._discount: Decimal | None = None
        self._margin: Decimal | None = margin_pct
        if term is not None:
            self._discount = discount_between(term)
        self.discount.set_value(self._discount)
        self.margin.set_value(self._margin)
        self.discount.committed.connect(self._on_discount)
        self.margin.committed.connect(self._on_margin)
        self.resize(420, self.sizeHint().height())
        self._update()

    def _on_discount(self, value: Decimal | None) -> None:
        self._discount = value
        self._update()

    def _on_margin(self, value: Decimal | None) -> None:
        self._margin = value
        self._update()

    def _update(self) -> None:
        if self._discount is None or self._margin is None:
            self.outcome.setText(self.tr("Enter a discount and a gross margin."))
            self.outcome.setStyleSheet("")
            return
        try:
            increase = required_volume_increase(self._discount, self._margin)
        except InputError as exc:
            self.outcome.setText(exc.message)
            self.outcome.setStyleSheet(error_style())
            return
        self.outcome.setText(
            self.tr("Sell {pct} % more volume to keep the same gross profit.").format(
                pct=format_number(increase, language())
            )
        )
        self.outcome.setStyleSheet("font-weight: bold;")
