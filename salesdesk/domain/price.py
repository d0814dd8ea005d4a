"""The effect of a price offer: the volume needed to keep the same gross profit."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number
from salesdesk.i18n import _, language


def required_volume_increase(discount_pct: Decimal, margin_pct: Decimal) -> Decimal:
    """Percent more volume needed after a discount `d` at gross margin `m`: d / (m − d).

    Both are percentages of the price. Raises InputError when the discount is not
    below the margin: no volume can make up for selling at or below cost.
    """
    if discount_pct < 0:
        raise InputError(_("the discount cannot be negative"), "discount")
    if not 0 < margin_pct <= 100:
        raise InputError(_("the gross margin must be above 0 % and at most 100 %"), "margin")
    if discount_pct >= margin_pct:
        raise InputError(
            _(
                "a discount of {d} % eats the whole gross margin of {m} %: "
                "no volume increase can keep the same gross profit"
            ).format(
                d=format_number(discount_pct, language()), m=format_number(margin_pct, language())
            ),
            "discount",
        )
    result = Decimal(100) * discount_pct / (margin_pct - discount_pct)
    return result.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
