"""The brief as a document: the full variant for the rep and the manager, or the
customer copy (brief.customer_copy, a whitelist), rendered to pages numbered "page X of
Y"; then the file that leaves the app, with its metadata, fonts, PDF/A structure or
password (brief.pdf_meta, brief.protect).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from salesdesk.brief.appendix import appendix
from salesdesk.brief.builder import BriefRequest, Builder, Variant
from salesdesk.brief.customer_copy import customer_copy
from salesdesk.brief.fonts import register
from salesdesk.brief.layout import GapFiller
from salesdesk.brief.page_one import page_one
from salesdesk.brief.pdf_meta import DocumentInfo, finish, finish_canvas
from salesdesk.brief.protect import check_password
from salesdesk.brief.review_page import review_page
from salesdesk.domain.display import format_date
from salesdesk.files import atomic_write_bytes
from salesdesk.i18n import _, speaking

# BriefRequest and Variant live in brief.builder, check_password in brief.protect; the
# window, the command line, the pack and the tests name them here, where the brief is.
__all__ = [
    "BriefRequest",
    "Rendered",
    "Variant",
    "brief_pdf",
    "build_pdf",
    "check_password",
    "document_info",
    "preparer",
    "render",
    "write_brief",
]


def _story(request: BriefRequest, width: float, height: float) -> list[Any]:
    b = Builder(request, width, height)
    if request.variant is Variant.REDACTED:
        customer_copy(b)
    else:
        page_one(b)
        appendix(b)
        review_page(b)  # a closed deal's review, for the manager
    return b.story


def build_pdf(request: BriefRequest) -> bytes:
    """The brief's pages as reportlab writes them (the app's preview); `brief_pdf` is
    the file that leaves the app."""
    return render(request)[0]


class Rendered(NamedTuple):
    pdf: bytes
    used: dict[str, str]  # per font, the characters it drew in the order of their codes
    pages: int


def render(
    request: BriefRequest,
    seed: Mapping[str, str] | None = None,
    finished: DocumentInfo | None = None,
) -> Rendered:
    """The brief, in the request's language whatever the app's, and the characters each
    font drew in the order of their codes. `seed` gives fonts those characters first, so
    that briefs seeded alike embed identical subsets (a pack keeps one copy). With
    `finished`, the file is finished as it leaves the app without a password
    (pdf_meta.finish_canvas)."""
    with speaking(request.lang):
        return _render(request, seed or {}, finished)


def _render(
    request: BriefRequest, seed: Mapping[str, str], finished: DocumentInfo | None
) -> Rendered:
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from salesdesk.brief.fonts import seeded_canvas

    regular, _bold = register()
    generated = request.generated_at or datetime.now()
    stamp = f"{format_date(generated.date(), request.lang)} {generated:%H:%M}"
    left = (
        _("Confidential — generated {stamp}")
        if request.variant is Variant.FULL
        else _("Generated {stamp}")
    ).format(stamp=stamp)
    used: dict[str, str] = {}
    pages = [0]
    page_of = _("Page {n} of {total}")

    class NumberedCanvas(seeded_canvas(seed, used)):  # type: ignore[misc]
        """Writes "page X of Y" once the number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Our font from the start: else Helvetica is listed, unembedded, in every page.
            kwargs.setdefault("initialFontName", regular)
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = pages[0] = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(regular, 7.5)
                self.setFillGray(0.35)
                width = self._pagesize[0]
                self.drawString(18 * mm, 10 * mm, left)
                self.drawRightString(
                    width - 18 * mm,
                    10 * mm,
                    page_of.format(n=self._pageNumber, total=total),
                )
                super().showPage()
            if finished is not None:
                finish_canvas(self, finished)
            super().save()

    buffer = io.BytesIO()
    size = LETTER if request.paper == "letter" else A4

    gaps = GapFiller()

    class Document(SimpleDocTemplate):
        # reportlab's hooks for a document template: a look at what comes next, and
        # word of what was placed and of each new frame.
        def filterFlowables(self, flowables: list[Any]) -> None:
            gaps.filter(getattr(self, "frame", None), flowables)

        def afterFlowable(self, flowable: Any) -> None:
            gaps.moved_on(flowable)

        def handle_frameBegin(self, *args: Any, **kwargs: Any) -> None:
            gaps.moved_on()
            super().handle_frameBegin(*args, **kwargs)

    doc = Document(
        buffer,
        pagesize=size,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=request.sheet.title,
        author=preparer(request),
        subject=_("Meeting brief"),
        creator="SalesDesk",
        initialFontName=regular,
    )
    doc.build(_story(request, doc.width, doc.height), canvasmaker=NumberedCanvas)
    return Rendered(buffer.getvalue(), used, pages[0])


def preparer(request: BriefRequest) -> str:
    """Who prepared the brief: the rep's profile name, else the deal's owner."""
    return request.profile.name.strip() or request.sheet.owner.strip()


def document_info(request: BriefRequest) -> DocumentInfo:
    """The brief's facts for its information dictionary and XMP, in its language."""
    with speaking(request.lang):
        m = request.meeting
        if m is None:
            when = _("no meeting planned yet")
        else:
            when = format_date(m.date, request.lang)
            if m.time is not None:
                when += " " + m.time.strftime("%H:%M")
            if m.title:
                when += f" — {m.title}"
        subject = (
            _("Meeting brief: {meeting}")
            if request.variant is Variant.FULL
            else _("Our proposal for the meeting: {meeting}")
        ).format(meeting=when)
    return DocumentInfo(
        title=request.sheet.title,
        author=preparer(request),
        subject=subject,
        lang=request.lang,
        created=request.generated_at or datetime.now(),
    )


def brief_pdf(request: BriefRequest, password: str | None = None) -> bytes:
    """The brief as it leaves the app: metadata, fonts once, PDF/A-2b's structure, or
    AES-256 with a password."""
    check_password(password)
    if request.generated_at is None:
        request = replace(request, generated_at=datetime.now())
    if password is None:
        return render(request, finished=document_info(request))[0]
    return finish(build_pdf(request), document_info(request), password)


def write_brief(path: Path, request: BriefRequest, password: str | None = None) -> None:
    """Build and write the brief atomically: a failed or killed export leaves the old file."""
    atomic_write_bytes(path, brief_pdf(request, password))
