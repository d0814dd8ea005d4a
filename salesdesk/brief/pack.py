"""The manager's pack: the briefs of every meeting in a date range, one PDF with a table
of contents and an outline. Briefs are built in parallel, one process per core.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from salesdesk.brief.document import BriefRequest, render
from salesdesk.brief.fonts import (
    BOLD,
    REGULAR,
    markup,
    note_missing,
    register,
    seeded_canvas,
    take_missing,
)
from salesdesk.brief.kept_fonts import KeptFonts
from salesdesk.brief.pdf_meta import DocumentInfo, finish_writer
from salesdesk.brief.protect import check_password
from salesdesk.domain.display import format_date
from salesdesk.domain.limits import shorten
from salesdesk.i18n import _, language, speaking


@dataclass(frozen=True)
class PackItem:
    request: BriefRequest

    @property
    def label(self) -> str:
        meeting = self.request.meeting
        when = format_date(meeting.date, self.request.lang) if meeting else ""
        sheet = self.request.sheet
        return f"{when} — {shorten(sheet.title, 80)} ({shorten(sheet.account, 60)})"


Seed = Mapping[str, str]
Built = tuple[bytes, dict[str, str], list[str], int]

# What every brief of a pack gives its fonts first: Latin-1, the typography and the
# signs the brief draws, with the requests' own text (in one subset of 256 codes for
# most packs). Briefs that draw nothing
# else embed identical subsets, kept once in the pack; the others are built again with
# every character any of them drew (`_one_encoding`).
_ALPHABET = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "".join(chr(c) for c in range(0xA1, 0x100))
    + "‐–—‘’‚“”„•…‰‹›€\u202f↑↓▶●☑☐"
)


def _texts(value: Any) -> Iterator[str]:
    """Every string a request holds (names, titles, notes…), however deep."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _texts(item)


@cache
def _words() -> frozenset[str]:
    """Every character of the app's own words, in every language it ships (a catalogue's
    English keys and their translations): the legends' signs (◆), arrows, French
    ligatures, whatever a brief may say."""
    import gettext

    from salesdesk.paths import resource_path

    chars: set[str] = set()
    for mo in resource_path("locale").glob("*/LC_MESSAGES/salesdesk.mo"):
        with mo.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        for key, text in catalogue._catalog.items():  # type: ignore[attr-defined]
            for part in (key, text):
                chars.update(part if isinstance(part, str) else "".join(map(str, part)))
    return frozenset(chars)


def _first_seed(requests: Sequence[BriefRequest]) -> dict[str, str]:
    from decimal import Decimal

    from salesdesk.domain.money import format_money

    chars = set(_ALPHABET) | _words()
    for request in requests:
        for text in _texts((request.sheet, request.profile)):
            chars.update(text)
        # The currency's symbol and the language's separators and signs, as drawn.
        chars.update(format_money(Decimal("-1234567.891"), request.sheet.currency, request.lang))
    ordered = "".join(sorted(chars))
    return {REGULAR: ordered, BOLD: ordered}


def _build(job: tuple[BriefRequest, Seed]) -> Built:
    """A brief (its deal analysed here), the characters each font drew, the characters
    no font could print (a worker process's own record), and its number of pages."""
    request, seed = job
    pdf, used, pages = render(request.ready(), seed)
    return pdf, used, take_missing(), pages


def _one_encoding(drawn: Sequence[Mapping[str, str]]) -> dict[str, str] | None:
    """None when every document gave each font the same characters in the same order
    (their subsets are identical); else the seed that makes them so."""
    alike = True
    every: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    for used in drawn:
        for font, chars in used.items():
            alike = alike and first.setdefault(font, chars) == chars
            every.setdefault(font, set()).update(chars)
    return None if alike else {font: "".join(sorted(c)) for font, c in every.items()}


def _contents(
    items: Sequence[PackItem],
    first_pages: Sequence[int],
    start: date,
    end: date,
    lang: str,
    generated: datetime,
    seed: Seed,
    used: dict[str, str],
) -> tuple[bytes, int]:
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
        title=pack_title(start, end, lang),
        creator="SalesDesk",
        initialFontName=REGULAR,
    )
    pages = [0]

    class Counting(seeded_canvas(seed, used)):  # type: ignore[misc]
        def showPage(self) -> None:
            pages[0] += 1
            super().showPage()

    heading = pack_title(start, end, lang)
    stamp = _("Generated {stamp}").format(
        stamp=f"{format_date(generated.date(), lang)} {generated:%H:%M}"
    )
    doc.build(
        [
            Paragraph(escape(heading), title),
            Paragraph(escape(stamp), base),
            Paragraph("&nbsp;", base),
            table,
        ],
        canvasmaker=Counting,
    )
    return buffer.getvalue(), pages[0]


def pack_title(start: date, end: date, lang: str) -> str:
    return _("Meeting pack, {start} to {end}").format(
        start=format_date(start, lang), end=format_date(end, lang)
    )


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
    lang: str | None = None,
) -> bytes:
    """One PDF: a table of contents, then each brief, with an outline entry per meeting.

    Raises PackCancelled when `cancelled()` turns true between two briefs.
    """
    check_password(password)
    items = [PackItem(r) for r in requests]
    generated = datetime.now()
    requests = [replace(r, generated_at=generated) for r in requests]
    # The pack's own language (its contents, outline, metadata); each brief has its own.
    lang = lang or (requests[0].lang if requests else language())
    count = len(requests)
    processes = workers or min(count, os.cpu_count() or 1)

    def built(
        seed: Seed, report: bool
    ) -> tuple[list[Built], _Binder, tuple[bytes, dict[str, str]]]:
        """Every brief, each read into the pack's pages as it arrives (the parent reads
        one while the workers draw the next), and the contents, set as soon as every
        brief but the last is in (the last one's length places no brief)."""
        binder = _Binder()
        contents: list[tuple[bytes, dict[str, str]]] = []

        def place() -> None:
            lengths = [pages for _pdf, _u, _m, pages in out]
            placed = _placed_contents(items, lengths, start, end, lang, generated, seed, guess[0])
            contents.append(placed)

        def done(index: int, result: Built) -> None:
            out.append(result)
            binder.add(result[0])
            if index == 1 and count > 2:
                # How long the contents are, found while the workers draw: at the end
                # they are drawn once (each drawing a hundredth of a second).
                guess[0] = _contents_length(items, start, end, lang, generated, seed)
            if index == count - 1:
                place()
            if report and progress:
                progress(index, count, items[index - 1].label)
            if cancelled is not None and cancelled():
                raise PackCancelled

        out: list[Built] = []
        guess = [1]
        jobs = [(r, seed) for r in requests]
        if count <= 1:
            place()
        if processes > 1:
            _warm()
            with ProcessPoolExecutor(max_workers=processes, initializer=_worker_start) as pool:
                try:
                    for index, result in enumerate(pool.map(_build, jobs), start=1):
                        done(index, result)
                except PackCancelled:
                    pool.shutdown(cancel_futures=True)
                    raise
        else:
            for index, job in enumerate(jobs, start=1):
                done(index, _build(job))
        return out, binder, contents[0]

    seed: Seed = _first_seed(requests)
    briefs, binder, (toc, toc_used) = built(seed, report=True)
    again = _one_encoding([*(used for _pdf, used, _m, _p in briefs), toc_used])
    if again is not None:
        # A character outside the first seed (a Greek name, a Chinese one): every
        # document again with all the characters drawn, so their subsets agree.
        seed = again
        briefs, binder, (toc, toc_used) = built(seed, report=False)
    for _pdf, _used, missing, _pages in briefs:
        note_missing(missing)
    return _assembled(
        items, binder, toc, _pack_info(requests, start, end, lang, generated), password
    )


def _warm() -> None:
    """What every brief draws with, loaded once before the workers fork (they start
    with it, and the parent needs reportlab for the contents), the objects loaded
    frozen out of the collector's way (its passes skip them, and the workers' copies of
    their pages stay shared)."""
    import gc

    import numpy  # noqa: F401
    import reportlab.graphics.renderPDF
    import reportlab.platypus  # noqa: F401

    import salesdesk.brief.charts  # noqa: F401

    register()
    gc.freeze()


def _worker_start() -> None:
    """A worker lives for one pack and makes a great many short-lived objects: its young
    ones are collected less often (2–3 % of a pack, measured beside the default)."""
    import gc

    gc.set_threshold(50_000, 50, 50)


class _Binder:
    """The pack's pages in the making: each brief read as it arrives (pypdf is imported
    then, once the workers draw, not before they start), its fonts read only when the
    pack does not hold them already (`KeptFonts`)."""

    def __init__(self) -> None:
        self.writer: Any = None
        self.fonts = KeptFonts()
        self.starts: list[int] = []
        self.pages = 0

    def add(self, pdf: bytes) -> None:
        """A brief's pages after the others."""
        self.starts.append(self.pages)
        self.pages += self._merged(pdf, None)

    def add_first(self, pdf: bytes) -> int:
        """The contents' pages before the briefs: how many."""
        pages = self._merged(pdf, 0)
        self.pages += pages
        return pages

    def _merged(self, pdf: bytes, position: int | None) -> int:
        from pypdf import PdfWriter

        if self.writer is None:
            self.writer = PdfWriter()
        return len(self.fonts.append(self.writer, pdf, position).pages)


def _placed_contents(
    items: Sequence[PackItem],
    lengths: Sequence[int],
    start: date,
    end: date,
    lang: str,
    generated: datetime,
    seed: Seed,
    toc_pages: int = 1,
) -> tuple[bytes, dict[str, str]]:
    """The table of contents, with the page each brief starts on, from the lengths of
    the briefs before it (at least all but the last): its own length decides where the
    briefs start, so try `toc_pages` pages, then adjust."""
    while True:
        before = lengths[: max(len(items) - 1, 0)]
        first_pages = list(itertools.accumulate(before, initial=toc_pages + 1))[: len(items)]
        used: dict[str, str] = {}
        with speaking(lang):
            toc, pages = _contents(items, first_pages, start, end, lang, generated, seed, used)
        if pages == toc_pages:
            return toc, used
        toc_pages = pages


def _contents_length(
    items: Sequence[PackItem], start: date, end: date, lang: str, generated: datetime, seed: Seed
) -> int:
    """The contents' number of pages, told by the briefs' labels alone: the page numbers
    sit in a column no number of pages a pack may have overflows."""
    with speaking(lang):
        return _contents(items, [0] * len(items), start, end, lang, generated, seed, {})[1]


def _pack_info(
    requests: Sequence[BriefRequest], start: date, end: date, lang: str, generated: datetime
) -> DocumentInfo:
    with speaking(lang):
        preparers = {r.profile.name.strip() or r.sheet.owner.strip() for r in requests}
        return DocumentInfo(
            title=pack_title(start, end, lang),
            author=preparers.pop() if len(preparers) == 1 else "",
            subject=_("The briefs of {n} meetings").format(n=len(requests)),
            lang=lang,
            created=generated,
        )


def _assembled(
    items: Sequence[PackItem],
    binder: _Binder,
    toc: bytes,
    info: DocumentInfo,
    password: str | None,
) -> bytes:
    offset = binder.add_first(toc)
    writer = binder.writer
    with speaking(info.lang):
        writer.add_outline_item(title=_("Contents"), page_number=0)
    for item, start in zip(items, binder.starts, strict=True):
        writer.add_outline_item(title=item.label, page_number=offset + start)
    return finish_writer(writer, info, password)
