"""The manager's pack: the briefs of every meeting in a date range, one PDF with a table
of contents and an outline. Briefs are built in parallel, one process per core.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime
from xml.sax.saxutils import escape

from salesdesk.brief.document import BriefRequest, build_pdf, encrypt
from salesdesk.brief.fonts import BOLD, REGULAR, markup, note_missing, register, take_missing
from salesdesk.domain.display import format_date
from salesdesk.domain.limits import shorten
from salesdesk.i18n import _


@dataclass(frozen=True)
class PackItem:
    request: BriefRequest

    @property
    def label(self) -> str:
        meeting = self.request.meeting
        when = format_date(meeting.date, self.request.lang) if meeting else ""
        sheet = self.request.sheet
        return f"{when} — {shorten(sheet.title, 80)} ({shorten(sheet.account, 60)})"


def _build(request: BriefRequest) -> tuple[bytes, list[str]]:
    """A brief, and the characters no font could print (a worker process's own record)."""
    return build_pdf(request), take_missing()


def _contents(
    items: Sequence[PackItem],
    first_pages: Sequence[int],
    start: date,
    end: date,
    lang: str,
    generated: datetime,
) -> bytes:
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    register()
    title = ParagraphStyle("t", fontName=BOLD, fontSize=17, leading=22)
    base = ParagraphStyle("b", fontName=REGULAR, fontSize=9.5, leading=12.5)
    rows = [[Paragraph(escape(_("Meeting")), base), Paragraph(escape(_("Page")), base)]]
    for item, page in zip(items, first_pages, strict=True):
        rows.append([Paragraph(markup(item.label), base), Paragraph(str(page), base)])
    table = Table(rows, colWidths=[400, 60], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, "#888888"),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ]
        )
    )
    paper = items[0].request.paper if items else "a4"
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=LETTER if paper == "letter" else A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=_("Meeting pack"),
        creator="SalesDesk",
        initialFontName=REGULAR,
    )
    heading = _("Meeting pack, {start} to {end}").format(
        start=format_date(start, lang), end=format_date(end, lang)
    )
    stamp = _("Generated {stamp}").format(
        stamp=f"{format_date(generated.date(), lang)} {generated:%H:%M}"
    )
    doc.build(
        [
            Paragraph(escape(heading), title),
            Paragraph(escape(stamp), base),
            Paragraph("&nbsp;", base),
            table,
        ]
    )
    return buffer.getvalue()


class PackCancelled(Exception):
    """The person building the pack stopped it."""


def build_pack(
    requests: Sequence[BriefRequest],
    start: date,
    end: date,
    *,
    password: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    workers: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """One PDF: a table of contents, then each brief, with an outline entry per meeting.

    Raises PackCancelled when `cancelled()` turns true between two briefs.
    """
    from pypdf import PdfReader, PdfWriter

    items = [PackItem(r) for r in requests]
    generated = datetime.now()
    requests = [replace(r, generated_at=generated) for r in requests]
    lang = requests[0].lang if requests else "en"
    pdfs: list[bytes] = []
    count = len(requests)
    processes = workers or min(count, os.cpu_count() or 1)

    def done(index: int) -> None:
        if progress:
            progress(index, count, items[index - 1].label)
        if cancelled is not None and cancelled():
            raise PackCancelled

    if processes > 1:
        with ProcessPoolExecutor(max_workers=processes) as pool:
            try:
                for index, (pdf, missing) in enumerate(pool.map(_build, requests), start=1):
                    pdfs.append(pdf)
                    note_missing(missing)
                    done(index)
            except PackCancelled:
                pool.shutdown(cancel_futures=True)
                raise
    else:
        for index, request in enumerate(requests, start=1):
            pdfs.append(build_pdf(request))
            done(index)
    readers = [PdfReader(io.BytesIO(pdf)) for pdf in pdfs]
    # The contents' own length decides where the briefs start: try one page, then adjust.
    toc_pages = 1
    while True:
        first_pages, page = [], toc_pages + 1
        for reader in readers:
            first_pages.append(page)
            page += len(reader.pages)
        toc = PdfReader(io.BytesIO(_contents(items, first_pages, start, end, lang, generated)))
        if len(toc.pages) == toc_pages:
            break
        toc_pages = len(toc.pages)
    writer = PdfWriter()
    writer.append(toc)
    writer.add_outline_item(title=_("Contents"), page_number=0)
    for item, reader, first in zip(items, readers, first_pages, strict=True):
        writer.append(reader)
        writer.add_outline_item(title=item.label, page_number=first - 1)
    writer.add_metadata({"/Title": _("Meeting pack"), "/Creator": "SalesDesk"})
    out = io.BytesIO()
    writer.write(out)
    pdf = out.getvalue()
    return encrypt(pdf, password) if password else pdf
