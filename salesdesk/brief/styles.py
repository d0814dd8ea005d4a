"""The brief's paragraph styles, and the markup of plain text set in them."""

from __future__ import annotations

import copy
import weakref
from functools import cache
from typing import Any

from salesdesk.brief.figures import NARROW_NBSP, NBSP
from salesdesk.brief.fonts import BOLD, REGULAR, markup


def para_text(text: str) -> str:
    """Paragraph markup of plain text: characters outside our font take a fallback one,
    and a French narrow no-break space stays unbreakable (reportlab would break a line
    there) with its narrow width."""
    return markup(text).replace(NARROW_NBSP, '<font size="5">' + NBSP + "</font>")


@cache
def _paragraph_class() -> type:
    from reportlab.platypus import Paragraph

    class Kept(Paragraph):
        """A paragraph that keeps its lines while it is offered the same width again:
        a table is measured to fit, then to place, then drawn, and each time reportlab
        breaks every cell's lines anew, to the same lines (a third of a brief's
        layout). Another width breaks them again."""

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            kept = getattr(self, "_kept", None)
            # Its lines as the last wrap left them: a split may have dropped them.
            if (
                kept is not None
                and kept[0] == availWidth
                and kept[1] is self.frags
                and kept[2] is self.__dict__.get("blPara")
            ):
                return kept[3]
            self._kept = None
            size = super().wrap(availWidth, availHeight)
            lines = self.__dict__.get("blPara")
            if lines is not None and size[0] == availWidth:
                self._kept = (availWidth, self.frags, lines, size)
            return size

    return Kept


def paragraph(text: str, style: Any) -> Any:
    """A reportlab Paragraph of this markup, laid out once per width it is given.

    Plain text (no tag, no entity: most cells) is not parsed: reportlab's parser would
    give the one fragment it gives any plain text in this style, with this text (read
    once per style; a test compares the two on every style of the brief)."""
    if "<" in text or "&" in text:
        return _paragraph_class()(text, style)
    from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags

    cleaned = cleanBlockQuotedText(text)
    if not cleaned:
        return _paragraph_class()(text, style)
    fragment = copy.copy(_plain_fragment(style))
    fragment.text = cleaned
    textTransformFrags([fragment], style)
    return _paragraph_class()(cleaned, style, frags=[fragment])


_fragments: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def _plain_fragment(style: Any) -> Any:
    """The fragment reportlab's parser makes of plain text in `style`."""
    fragment = _fragments.get(style)
    if fragment is None:
        from reportlab.platypus.paraparser import ParaParser

        _style, fragments, _bullet = ParaParser().parse("x", style)
        fragment = _fragments[style] = fragments[0]
    return fragment


def paragraph_styles() -> dict[str, Any]:
    """The styles by name: body text, small print, title, headings, list items."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9, leading=11.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=16, leading=19, spaceAfter=1
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=base,
            fontSize=11,
            leading=13.5,
            textColor=colors.HexColor("#444444"),
        ),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=BOLD, fontSize=14, leading=18, spaceAfter=2
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=10.5,
            leading=13,
            spaceBefore=7,
            spaceAfter=3,
            textColor=colors.HexColor("#1f4e79"),
            keepWithNext=1,
        ),
        "item": ParagraphStyle(
            "item", parent=base, leftIndent=10, firstLineIndent=-10, spaceAfter=1.5
        ),
    }
