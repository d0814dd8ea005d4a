"""Tables laid out to fit the page: column widths from the content, then a smaller
size, then the columns split over several tables that repeat the first ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from salesdesk.brief.fonts import BOLD, REGULAR
from salesdesk.brief.styles import para_text, paragraph
from salesdesk.domain.limits import shorten

# The longest text a table cell shows; the rest is cut with an ellipsis.
CELL_LIMIT = 5_000


def fitted_tables(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    kinds: str,
    page_width: float,
    *,
    keep: int = 0,
    bold_last: bool = False,
    largest: float = 8.0,
) -> list[Any]:
    """A table laid out to fit `page_width`: `kinds` has a letter per column — `t` text
    that may wrap (at spaces only), `n` a number (right-aligned, never wrapped), `v` a
    term's value (right-aligned like a number, but an option's label wraps at spaces like
    text: "30 days after delivery"), `f` a short fixed text (never wrapped). Column
    widths come from the content; when the table is too wide the size goes down, and
    then it is split into several tables that repeat the first `keep` columns."""
    # A value column of numbers only is a number column: only labels wrap.
    kinds = "".join(
        "n" if k == "v" and not any(" " in row[c] for row in rows) else k
        for c, k in enumerate(kinds)
    )
    for size in (s for s in (8.0, 7.5, 7.0, 6.5) if s <= largest):
        widths = _widths(header, rows, kinds, size, page_width)
        if widths is not None:
            return [_table(header, rows, kinds, widths, size, bold_last)]
    if keep <= 0 or len(kinds) <= keep + 1:
        size = 6.5
        widths = _widths(header, rows, kinds, size, page_width, force=True)
        assert widths is not None
        return [_table(header, rows, kinds, widths, size, bold_last)]
    # Split the other columns into as few tables as fit.
    rest = list(range(keep, len(kinds)))
    chunks: list[list[int]] = []
    current: list[int] = []
    for column in rest:
        trial = [*current, column]
        columns = list(range(keep)) + trial
        if current and _widths(*_pick(header, rows, kinds, columns), 7.0, page_width) is None:
            chunks.append(current)
            current = [column]
        else:
            current = trial
    if current:
        chunks.append(current)
    tables = []
    for chunk in chunks:
        columns = list(range(keep)) + chunk
        sub = _pick(header, rows, kinds, columns)
        widths = _widths(*sub, 7.0, page_width, force=True)
        assert widths is not None
        tables.append(_table(*sub, widths, 7.0, bold_last))
    return tables


def _pick(
    header: Sequence[str], rows: Sequence[Sequence[str]], kinds: str, columns: list[int]
) -> tuple[list[str], list[list[str]], str]:
    return (
        [header[c] for c in columns],
        [[row[c] for c in columns] for row in rows],
        "".join(kinds[c] for c in columns),
    )


def _widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    kinds: str,
    size: float,
    page_width: float,
    force: bool = False,
) -> list[float] | None:
    from salesdesk.brief.fonts import string_width

    pad = 6.5

    def width(text: str, font: str = REGULAR) -> float:
        # Measured in the fonts that will draw it: a fallback's glyphs are wider.
        return string_width(text, size, bold=font == BOLD)

    def longest_word(text: str, font: str = REGULAR) -> float:
        return max((width(w, font) for w in text.replace("\n", " ").split(" ")), default=0)

    minimum: list[float] = []
    natural: list[float] = []
    for c, kind in enumerate(kinds):
        head_word = longest_word(header[c], BOLD) if header[c] else 0.0
        head_full = width(header[c], BOLD)
        cells = [row[c] for row in rows]
        if kind in "tv":
            low = max([head_word, *(longest_word(x) for x in cells)])
            high = max([head_full, *(width(line) for x in cells for line in x.split("\n"))])
        else:
            low = max([head_word, *(width(x) for x in cells)])
            high = max(low, head_full)
        minimum.append(low + pad + 1)
        natural.append(high + pad + 1)
    if sum(minimum) > page_width and not force:
        return None
    widths = list(minimum)
    spare = page_width - sum(widths)
    # Text columns grow first (a name on one line), then headers get theirs.
    for grows in ("tv", "nf"):
        spare = page_width - sum(widths)
        wants = [
            max(0.0, n - w) if k in grows else 0.0
            for n, w, k in zip(natural, widths, kinds, strict=True)
        ]
        total = sum(wants)
        if spare > 0 and total > 0:
            share = min(1.0, spare / total)
            widths = [w + want * share for w, want in zip(widths, wants, strict=True)]
    return widths


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    kinds: str,
    widths: Sequence[float],
    size: float,
    bold_last: bool,
) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, TableStyle

    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=size, leading=size + 2)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD, splitLongWords=0, wordWrap=None)
    head_right = ParagraphStyle("head_right", parent=head, alignment=2)
    value = ParagraphStyle("value", parent=cell, alignment=2)
    data: list[list[Any]] = []
    data.append(
        [
            paragraph(para_text(h), head_right if k in "nv" else head)
            for h, k in zip(header, kinds, strict=True)
        ]
    )
    for row in rows:
        data.append(
            [
                paragraph(para_text(shorten(x, CELL_LIMIT)), cell)
                if k == "t"
                else paragraph(para_text(x), value)
                if k == "v"
                else x
                for x, k in zip(row, kinds, strict=True)
            ]
        )
    # A row taller than a page (a long BATNA description) is split across pages.
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=1)
    grey = colors.HexColor("#c8d0d8")
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size + 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, grey),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.HexColor("#8899aa")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for c, kind in enumerate(kinds):
        if kind == "n":
            style.append(("ALIGN", (c, 1), (c, -1), "RIGHT"))
    if bold_last:
        style.append(("FONTNAME", (0, -1), (-1, -1), BOLD))
    table.setStyle(TableStyle(style))
    return table
