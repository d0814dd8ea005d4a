"""The brief's fonts: DejaVu Sans, shipped in resources/fonts, embedded as subsets.

The 14 standard PDF fonts cannot draw most names outside Latin-1 (Łódź, Ελένη,
Дмитрий); a TrueType font registered once can.
"""

from __future__ import annotations

from functools import cache

from salesdesk.paths import resource_path

REGULAR = "SalesDeskSans"
BOLD = "SalesDeskSans-Bold"


@cache
def register() -> tuple[str, str]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD


@cache
def register_for_svg() -> None:
    """Let svglib map the charts' "DejaVu Sans" text to our embedded font (no fc-match)."""
    from reportlab.graphics.shapes import STATE_DEFAULTS
    from svglib.fonts import register_font_family

    register()
    register_font_family("DejaVu Sans", REGULAR, bold=BOLD)
    # A drawing's default font would otherwise be listed, unembedded, in the PDF.
    STATE_DEFAULTS["fontName"] = REGULAR
