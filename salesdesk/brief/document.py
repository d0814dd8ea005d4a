"""Building the brief: the full variant for the rep and the manager, and the redacted
variant — made from a whitelist — that can lie on the table in front of the customer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from salesdesk.brief.fonts import BOLD, REGULAR, register
from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import ROLE_LABELS, STANCE_LABELS, DealSheet, Meeting
from salesdesk.domain.display import format_date
from salesdesk.domain.ledger import STATUS_LABELS as ENTRY_LABELS
from salesdesk.domain.ledger import EntryStatus, Giver
from salesdesk.domain.money import format_money, format_number
from salesdesk.domain.profile import Profile
from salesdesk.domain.stages import PHASE_LABELS, STAGE_CHECKLISTS, STAGE_LABELS
from salesdesk.domain.terms import Direction
from salesdesk.files import atomic_write_bytes
from salesdesk.i18n import _


class Variant(StrEnum):
    FULL = "full"
    REDACTED = "redacted"


@dataclass(frozen=True)
class BriefRequest:
    sheet: DealSheet
    analysis: Analysis
    profile: Profile
    meeting: Meeting | None
    variant: Variant = Variant.FULL
    paper: str = "a4"
    lang: str = "en"
    generated_at: datetime | None = None


def _p(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


class _Builder:
    def __init__(self, request: BriefRequest) -> None:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        register()
        self.r = request
        self.colors = colors
        base = ParagraphStyle("base", fontName=REGULAR, fontSize=9.5, leading=12.5)
        self.styles = {
            "base": base,
            "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
            "title": ParagraphStyle(
                "title", parent=base, fontName=BOLD, fontSize=17, leading=21, spaceAfter=2
            ),
            "subtitle": ParagraphStyle(
                "subtitle",
                parent=base,
                fontSize=11,
                leading=14,
                textColor=colors.HexColor("#444444"),
            ),
            "h2": ParagraphStyle(
                "h2",
                parent=base,
                fontName=BOLD,
                fontSize=11.5,
                leading=15,
                spaceBefore=10,
                spaceAfter=4,
                textColor=colors.HexColor("#1f4e79"),
            ),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
            "cellbold": ParagraphStyle(
                "cellbold", parent=base, fontName=BOLD, fontSize=8, leading=10
            ),
        }
        self.story: list[Any] = []

    # ------------------------------------------------------------ helpers

    @property
    def lang(self) -> str:
        return self.r.lang

    def money(self, value: Decimal | None) -> str:
        return "" if value is None else format_money(value, self.r.sheet.currency, self.lang)

    def num(self, value: Decimal | None) -> str:
        return "" if value is None else format_number(value, self.lang)

    def para(self, text: str, style: str = "base") -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text, self.styles[style])

    def heading(self, text: str) -> None:
        self.story.append(self.para(_p(text), "h2"))

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        header: bool = True,
        right: Sequence[int] = (),
    ) -> None:
        from reportlab.platypus import Table, TableStyle

        data = [
            [self.para(_p(c), "cellbold" if header and i == 0 else "cell") for c in row]
            for i, row in enumerate(rows)
        ]
        table = Table(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        grey = self.colors.HexColor("#d0d7de")
        style = [
            # Paragraphs carry their own font, but a cell's default one (Helvetica) would
            # still be listed in the PDF, unembedded.
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("GRID", (0, 0), (-1, -1), 0.4, grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), self.colors.HexColor("#eef2f6")))
        for column in right:
            style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
        table.setStyle(TableStyle(style))
        self._append_keeping_heading(table)

    def _append_keeping_heading(self, flowable: Any) -> None:
        """A heading never ends a page without the table or chart it introduces."""
        from reportlab.platypus import KeepTogether, Paragraph

        last = self.story[-1] if self.story else None
        if isinstance(last, Paragraph) and last.style.name == "h2":
            self.story[-1] = KeepTogether([last, flowable])
        else:
            self.story.append(flowable)

    # ------------------------------------------------------------ sections

    def header(self) -> None:
        s, m = self.r.sheet, self.r.meeting
        self.story.append(self.para(_p(s.title), "title"))
        self.story.append(self.para(_p(s.account), "subtitle"))
        lines = []
        if m is not None:
            when = format_date(m.date, self.lang)
            if m.time:
                when += " " + m.time.strftime("%H:%M")
            title = f" — {m.title}" if m.title else ""
            round_ = _(" (round {n})").format(n=m.round) if m.round else ""
            lines.append(
                _("Meeting: {when}{title}{round}").format(when=when, title=title, round=round_)
            )
        else:
            lines.append(_("No meeting planned yet"))
        who = ", ".join(p for p in (self.r.profile.name, self.r.profile.company) if p)
        if who:
            lines.append(_("Prepared by {who}").format(who=who))
        self.story.append(self.para("<br/>".join(_p(x) for x in lines), "base"))

    def glance(self) -> None:
        s, a = self.r.sheet, self.r.analysis
        offers = {o.offer.side.value: o for o in a.offers}
        ours, theirs = offers.get("us"), offers.get("them")

        def score(value: Decimal | None) -> str:
            return "—" if value is None else format_number(value, self.lang, 2)

        rows = [
            [_("Stage"), f"{s.stage.number}/8 — {_(STAGE_LABELS[s.stage])}"],
            [_("Maturity"), f"{s.phase} — {_(PHASE_LABELS[s.phase])}"],
            [_("Value"), self.money(s.value) or "—"],
            [_("Next contact due"), format_date(a.contact.next_contact_due, self.lang) or "—"],
            [_("Our latest offer scores"), score(ours.score) if ours else "—"],
            [_("Their latest offer scores"), score(theirs.score) if theirs else "—"],
            [_("Our BATNA scores"), score(s.batna_ours.score)],
        ]
        self.heading(_("At a glance"))
        self.table(rows, widths=[150, 330], header=False)

    def objectives(self) -> None:
        m = self.r.meeting
        if m is None:
            return
        if m.objectives:
            self.heading(_("Objectives"))
            self.story.append(self.para(_p(m.objectives)))
        if m.agenda:
            self.heading(_("Agenda"))
            self.story.append(self.para(_p(m.agenda)))

    def worksheet(self) -> None:
        s, a = self.r.sheet, self.r.analysis
        if not s.terms:
            return
        self.heading(_("Worksheet"))
        rows = [
            [
                _("Term"),
                _("Unit"),
                "",
                _("Wt"),
                _("Opening"),
                _("Target"),
                _("Walk-away"),
                _("Their open."),
                _("Their target"),
                _("Their w.-a."),
                _("ZOPA"),
            ]
        ]
        for t in s.terms:
            zopa = a.zopas.get(t.name)
            no_zopa = t.walk_away is not None and t.their_walk_away is not None
            rows.append(
                [
                    t.name,
                    t.unit,
                    "↑" if t.direction is Direction.HIGHER_IS_BETTER else "↓",
                    "" if t.weight is None else str(t.weight),
                    self.num(t.opening),
                    self.num(t.target),
                    self.num(t.walk_away),
                    self.num(t.their_opening),
                    self.num(t.their_target),
                    self.num(t.their_walk_away),
                    f"{self.num(zopa.low)} – {self.num(zopa.high)}"
                    if zopa
                    else (_("none") if no_zopa else "?"),
                ]
            )
        self.table(
            rows, widths=[60, 48, 10, 22, 44, 40, 58, 42, 42, 42, 64], right=(3, 4, 5, 6, 7, 8, 9)
        )
        self.story.append(
            self.para(_p(_("↑ more is better for us, ↓ less is better for us")), "small")
        )
        from salesdesk.brief.charts import range_drawing

        drawing = range_drawing(s.terms, self.lang, width=470)
        if drawing is not None:
            from reportlab.platypus import KeepTogether

            self.story.append(
                KeepTogether(
                    [
                        self.para(_p(_("Negotiation ranges")), "h2"),
                        drawing,
                        self.para(
                            _p(
                                _(
                                    "▶ opening · ● target · | walk-away; the bars run from one to "
                                    "the other, the grey line is the market's range"
                                )
                            ),
                            "small",
                        ),
                    ]
                )
            )

    def batnas(self) -> None:
        s = self.r.sheet
        rows = [[_("Side"), _("Alternative"), _("Value"), _("Score")]]
        for label, b in ((_("Ours"), s.batna_ours), (_("Theirs (estimated)"), s.batna_theirs)):
            if b.is_empty:
                continue
            value = "" if b.value is None else f"{self.num(b.value)} ({b.term or '—'})"
            rows.append([label, b.description, value, "" if b.score is None else self.num(b.score)])
        if len(rows) > 1:
            self.heading(_("BATNA (best alternative to a negotiated agreement)"))
            self.table(rows, widths=[80, 270, 90, 50], right=(3,))

    def plan(self) -> None:
        s = self.r.sheet
        planned = sorted(
            (e for e in s.ledger if e.giver is Giver.US and e.status is EntryStatus.PLANNED),
            key=lambda e: (e.round is None, e.round or 0),
        )
        if not planned:
            return
        self.heading(_("Concession plan"))
        for e in planned:
            condition = e.counterpart or _("(no counterpart: do not give it away)")
            line = _("If you {counterpart}, then we {what}.").format(
                counterpart=condition, what=e.what
            )
            extras = []
            if e.round:
                extras.append(_("round {n}").format(n=e.round))
            if e.cost is not None:
                extras.append(_("costs us {amount}").format(amount=self.money(e.cost)))
            if e.declined:
                extras.append(
                    _("DECLINED by {who}: do not offer it").format(who=e.approved_by or "?")
                )
            elif e.needs_approval and not e.approved:
                extras.append(_("NEEDS A MANAGER'S APPROVAL"))
            text = _p(line) + (f" <font size=8>({_p(', '.join(extras))})</font>" if extras else "")
            self.story.append(self.para("• " + text))

    def ledger(self) -> None:
        s, f = self.r.sheet, self.r.analysis.figures
        done = [e for e in s.ledger if e.status is not EntryStatus.PLANNED]
        if not done:
            return
        self.heading(_("Give-and-get so far"))
        rows = [
            [
                _("Rnd"),
                _("Who gives"),
                _("What"),
                _("In return"),
                _("Cost"),
                _("Value"),
                _("Status"),
            ]
        ]
        for e in done:
            rows.append(
                [
                    "" if e.round is None else str(e.round),
                    _("we") if e.giver is Giver.US else _("they"),
                    e.what,
                    e.counterpart or _("(nothing)"),
                    self.money(e.cost),
                    self.money(e.value),
                    _(ENTRY_LABELS[e.status]),
                ]
            )
        self.table(rows, widths=[26, 48, 130, 130, 58, 58, 50], right=(0, 4, 5))
        self.story.append(
            self.para(
                _p(
                    _("Given cost {given} · received value {received} · balance {balance}").format(
                        given=self.money(f.given_cost),
                        received=self.money(f.received_value),
                        balance=self.money(f.balance),
                    )
                )
            )
        )
        from salesdesk.brief.charts import ledger_drawing

        drawing = ledger_drawing(s.ledger, s.currency, self.lang, width=470)
        if drawing is not None:
            self.story.append(drawing)

    def people(self, with_stance: bool) -> None:
        s = self.r.sheet
        if not s.stakeholders:
            return
        present = set(self.r.meeting.attendees) if self.r.meeting else set()
        people = (
            s.stakeholders
            if with_stance
            else [p for p in s.stakeholders if not present or p.name in present]
        )
        if not people:
            return
        self.heading(_("People") if with_stance else _("Participants"))
        if with_stance:
            rows = [[_("Name"), _("Side"), _("Role"), _("Stance"), _("Introduced by")]]
            for p in people:
                rows.append(
                    [
                        p.name,
                        _("ours") if p.side.value == "ours" else _("theirs"),
                        _(ROLE_LABELS[p.role]) if p.role else "",
                        _(STANCE_LABELS[p.stance]) if p.stance else "",
                        p.introduced_by or "",
                    ]
                )
            self.table(rows, widths=[120, 55, 100, 80, 120])
        else:
            rows = [[_("Name"), _("Role")]]
            for p in people:
                rows.append([p.name, _(ROLE_LABELS[p.role]) if p.role else ""])
            self.table(rows, widths=[200, 200])

    def interactions(self) -> None:
        recent = sorted(self.r.sheet.interactions, key=lambda i: i.date)[-5:]
        if not recent:
            return
        from salesdesk.domain.deal import CHANNEL_LABELS

        self.heading(_("Recent interactions"))
        self.table(
            [[_("Date"), _("How"), _("What")]]
            + [
                [format_date(i.date, self.lang), _(CHANNEL_LABELS[i.channel]), i.summary]
                for i in reversed(recent)
            ],
            widths=[70, 60, 360],
        )

    def watch_out(self) -> None:
        warnings = self.r.analysis.warnings
        if not warnings:
            return
        self.heading(_("Watch out"))
        for w in warnings:
            self.story.append(self.para("⚠ " + _p(w.message)))

    def checklist(self) -> None:
        stage = self.r.sheet.stage
        self.heading(_("At this stage: {stage}").format(stage=_(STAGE_LABELS[stage])))
        for item in STAGE_CHECKLISTS[stage]:
            self.story.append(self.para("☐ " + _p(_(item))))

    def opening_positions(self) -> None:
        s = self.r.sheet
        if not s.terms:
            return
        self.heading(_("Our proposal"))
        rows = [[_("Term"), _("Unit"), _("Our position")]]
        for t in s.terms:
            rows.append([t.name, t.unit, self.num(t.opening)])
        self.table(rows, widths=[200, 90, 110], right=(2,))


def _story(request: BriefRequest) -> list[Any]:
    b = _Builder(request)
    b.header()
    if request.variant is Variant.REDACTED:
        # Whitelist: header, objectives and agenda, our opening positions, participants.
        b.objectives()
        b.opening_positions()
        b.people(with_stance=False)
        return b.story
    b.glance()
    b.objectives()
    b.worksheet()
    b.batnas()
    b.plan()
    b.ledger()
    b.people(with_stance=True)
    b.interactions()
    b.watch_out()
    b.checklist()
    return b.story


def build_pdf(request: BriefRequest) -> bytes:
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    regular, _bold = register()
    generated = request.generated_at or datetime.now()
    stamp = f"{format_date(generated.date(), request.lang)} {generated:%H:%M}"
    left = (
        _("Confidential — generated {stamp}")
        if request.variant is Variant.FULL
        else _("Generated {stamp}")
    ).format(stamp=stamp)

    class NumberedCanvas(Canvas):
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
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(regular, 7.5)
                self.setFillGray(0.35)
                width = self._pagesize[0]
                self.drawString(18 * mm, 10 * mm, left)
                self.drawRightString(
                    width - 18 * mm,
                    10 * mm,
                    _("Page {n} of {total}").format(n=self._pageNumber, total=total),
                )
                super().showPage()
            super().save()

    buffer = io.BytesIO()
    size = LETTER if request.paper == "letter" else A4
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=request.sheet.title,
        author=request.profile.name,
        subject=_("Meeting brief"),
        creator="SalesDesk",
        initialFontName=regular,
    )
    doc.build(_story(request), canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def encrypt(pdf: bytes, password: str) -> bytes:
    """AES-256 through pypdf: reportlab's own 256-bit encryption is unreadable by poppler."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_brief(path: Path, request: BriefRequest, password: str | None = None) -> None:
    """Build and write the brief atomically: a failed or killed export leaves the old file."""
    pdf = build_pdf(request)
    if password:
        pdf = encrypt(pdf, password)
    atomic_write_bytes(path, pdf)
