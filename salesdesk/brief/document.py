"""Building the brief: the full variant for the rep and the manager, and the redacted
variant — made from a whitelist — that can lie on the table in front of the customer.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from salesdesk.brief.figures import (
    NARROW_NBSP,
    NBSP,
    day,
    number,
    score,
    term_places,
    unbreakable,
)
from salesdesk.brief.fonts import BOLD, REGULAR, markup, register
from salesdesk.brief.pdf_meta import DocumentInfo, finish
from salesdesk.brief.protect import check_password
from salesdesk.brief.review_page import next_offer_lines, planned_offer, review_page
from salesdesk.domain import limits
from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import ROLE_LABELS, STANCE_LABELS, Batna, DealSheet, Meeting
from salesdesk.domain.display import format_date
from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import STATUS_LABELS as ENTRY_LABELS
from salesdesk.domain.ledger import (
    EntryStatus,
    Giver,
    cost_to_them,
    cost_to_us,
    value_to_them,
    value_to_us,
)
from salesdesk.domain.limits import shorten
from salesdesk.domain.meso import Package, equivalent_packages
from salesdesk.domain.money import format_money, minor_digits
from salesdesk.domain.profile import Profile
from salesdesk.domain.scoring import package_score
from salesdesk.domain.stages import PHASE_LABELS, STAGE_CHECKLISTS, STAGE_LABELS
from salesdesk.domain.terms import POSITION_FIELDS, Direction, Side, Value, step_of
from salesdesk.files import atomic_write_bytes
from salesdesk.i18n import _, speaking
from salesdesk.warning_text import batna_notices, warning_message


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


# The longest text a table cell shows; the rest is cut with an ellipsis.
CELL_LIMIT = 5_000


def _p(text: str) -> str:
    """Paragraph markup of plain text: characters outside our font take a fallback one,
    and a French narrow no-break space stays unbreakable (reportlab would break a line
    there) with its narrow width."""
    return markup(text).replace(NARROW_NBSP, '<font size="5">' + NBSP + "</font>")


def our_current_proposal(sheet: DealSheet, meeting: Meeting | None) -> dict[str, Value]:
    """What we put on the table now, per term: our offer of the meeting's round when one
    is recorded, else our latest offer, else the worksheet opening. A term that offer
    leaves out takes our latest earlier value for it, else the opening."""
    ours = sorted((o for o in sheet.offers if o.side is Side.US), key=lambda o: o.round)
    if meeting is not None and meeting.round is not None:
        at_round = [o for o in ours if o.round == meeting.round]
        if at_round:
            ours = [o for o in ours if o.round <= meeting.round]
    values: dict[str, Value] = {}
    for term in sheet.terms:
        value = term.opening
        for offer in ours:
            if term.name in offer.values:
                value = offer.values[term.name]
        if value is not None:
            values[term.name] = value
    return values


def _numbers(values: Sequence[Value | None]) -> list[Decimal | None]:
    """The numbers among values (option labels have no decimals to count)."""
    return [v for v in values if isinstance(v, Decimal)]


def _their_latest(sheet: DealSheet) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for offer in sorted((o for o in sheet.offers if o.side is Side.THEM), key=lambda o: o.round):
        values.update(offer.values)
    return values


class _Builder:
    def __init__(self, request: BriefRequest, width: float, height: float) -> None:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        register()
        self.r = request
        self.width = width
        self.height = height
        self.colors = colors
        base = ParagraphStyle("base", fontName=REGULAR, fontSize=9, leading=11.5)
        self.styles = {
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
        self.story: list[Any] = []
        self.package_list: list[Package] = []
        sheet = request.sheet
        self.proposal = our_current_proposal(sheet, request.meeting)
        self.theirs = _their_latest(sheet)
        if request.variant is Variant.REDACTED:
            # Decimals from what this copy shows only: nothing else may shape it.
            self.places = {
                t.name: term_places(t.unit, _numbers([self.proposal.get(t.name)]))
                for t in sheet.terms
            }
        else:
            shown: dict[str, list[Value | None]] = {
                t.name: [*(getattr(t, f) for f in POSITION_FIELDS), step_of(t)] for t in sheet.terms
            }
            for offer in sheet.offers:
                for name, value in offer.values.items():
                    shown.setdefault(name, []).append(value)
            self.package_list = self.packages()
            for package in self.package_list:
                for name, value in package.values.items():
                    shown.setdefault(name, []).append(value)
            batna_terms = (sheet.batna_ours, sheet.batna_theirs)
            for b in batna_terms:
                if b.term and b.value is not None:
                    shown.setdefault(b.term, []).append(b.value)
            units = {t.name: t.unit for t in sheet.terms}
            self.places = {
                name: term_places(units.get(name, ""), _numbers(values))
                for name, values in shown.items()
            }

    # ------------------------------------------------------------ figures

    @property
    def lang(self) -> str:
        return self.r.lang

    def money(self, value: Decimal | None) -> str:
        return "" if value is None else format_money(value, self.r.sheet.currency, self.lang)

    def amount(self, value: Decimal | None) -> str:
        """A bare amount of the deal's currency, for a table whose header names it."""
        return number(value, self.lang, max(minor_digits(self.r.sheet.currency), 2))

    def value(self, term: str, value: Value | None) -> str:
        if isinstance(value, str):  # an option's label
            return value
        return number(value, self.lang, self.places.get(term, 0))

    def score(self, value: Decimal | None) -> str:
        return score(value, self.lang)

    def day(self, value: date | None) -> str:
        return day(value, self.lang)

    # ------------------------------------------------------------ flowables

    def para(self, text: str, style: str = "base") -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text, self.styles[style])

    def heading(self, text: str, style: str = "h2") -> None:
        self.story.append(self.para(_p(text), style))

    def item(self, text_markup: str) -> None:
        self.story.append(self.para("•\u00a0" + text_markup, "item"))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        kinds: str,
        *,
        keep: int = 0,
        bold_last: bool = False,
        largest: float = 8.0,
    ) -> None:
        """A table laid out to fit: `kinds` has a letter per column — `t` text that may
        wrap (at spaces only), `n` a number (right-aligned, never wrapped), `f` a short
        fixed text (never wrapped). Column widths come from the content; when the table
        is too wide the size goes down, and then it is split into several tables that
        repeat the first `keep` columns."""
        for size in (s for s in (8.0, 7.5, 7.0, 6.5) if s <= largest):
            widths = self._widths(header, rows, kinds, size)
            if widths is not None:
                self._append_table(header, rows, kinds, widths, size, bold_last)
                return
        if keep <= 0 or len(kinds) <= keep + 1:
            size = 6.5
            widths = self._widths(header, rows, kinds, size, force=True)
            assert widths is not None
            self._append_table(header, rows, kinds, widths, size, bold_last)
            return
        # Split the other columns into as few tables as fit.
        rest = list(range(keep, len(kinds)))
        chunks: list[list[int]] = []
        current: list[int] = []
        for column in rest:
            trial = [*current, column]
            columns = list(range(keep)) + trial
            if current and self._widths(*self._pick(header, rows, kinds, columns), 7.0) is None:
                chunks.append(current)
                current = [column]
            else:
                current = trial
        if current:
            chunks.append(current)
        for chunk in chunks:
            columns = list(range(keep)) + chunk
            sub = self._pick(header, rows, kinds, columns)
            widths = self._widths(*sub, 7.0, force=True)
            assert widths is not None
            self._append_table(*sub, widths, 7.0, bold_last)

    @staticmethod
    def _pick(
        header: Sequence[str], rows: Sequence[Sequence[str]], kinds: str, columns: list[int]
    ) -> tuple[list[str], list[list[str]], str]:
        return (
            [header[c] for c in columns],
            [[row[c] for c in columns] for row in rows],
            "".join(kinds[c] for c in columns),
        )

    def _widths(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        kinds: str,
        size: float,
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
            if kind == "t":
                low = max([head_word, *(longest_word(x) for x in cells)])
                high = max([head_full, *(width(line) for x in cells for line in x.split("\n"))])
            else:
                low = max([head_word, *(width(x) for x in cells)])
                high = max(low, head_full)
            minimum.append(low + pad + 1)
            natural.append(high + pad + 1)
        if sum(minimum) > self.width and not force:
            return None
        widths = list(minimum)
        spare = self.width - sum(widths)
        # Text columns grow first (a name on one line), then headers get theirs.
        for grows in ("t", "nf"):
            spare = self.width - sum(widths)
            wants = [
                max(0.0, n - w) if k in grows else 0.0
                for n, w, k in zip(natural, widths, kinds, strict=True)
            ]
            total = sum(wants)
            if spare > 0 and total > 0:
                share = min(1.0, spare / total)
                widths = [w + want * share for w, want in zip(widths, wants, strict=True)]
        return widths

    def _append_table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        kinds: str,
        widths: Sequence[float],
        size: float,
        bold_last: bool,
    ) -> None:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Table, TableStyle

        cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=size, leading=size + 2)
        head = ParagraphStyle("head", parent=cell, fontName=BOLD, splitLongWords=0, wordWrap=None)
        head_right = ParagraphStyle("head_right", parent=head, alignment=2)
        data: list[list[Any]] = []
        from reportlab.platypus import Paragraph

        data.append(
            [
                Paragraph(_p(h), head_right if k == "n" else head)
                for h, k in zip(header, kinds, strict=True)
            ]
        )
        for row in rows:
            data.append(
                [
                    Paragraph(_p(shorten(x, CELL_LIMIT)), cell) if k == "t" else x
                    for x, k in zip(row, kinds, strict=True)
                ]
            )
        # A row taller than a page (a long BATNA description) is split across pages.
        table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=1)
        grey = self.colors.HexColor("#c8d0d8")
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), size + 2),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, grey),
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, self.colors.HexColor("#8899aa")),
            ("BACKGROUND", (0, 0), (-1, 0), self.colors.HexColor("#eef2f6")),
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
        self.story.append(table)

    def section(self, build: Any, whole: bool = False) -> None:
        """Run `build`, which appends a section; keep it on one page when it fits one, so
        that no page holds a few lines of a section."""
        from reportlab.platypus import KeepTogether

        before = len(self.story)
        build()
        added = self.story[before:]
        if not added:
            return
        # A short section moves whole to the next page; a long one may break (its
        # heading stays with what follows) rather than leave a large gap behind it.
        if whole or _height(added, self.width, self.height) <= self.height * 0.3:
            del self.story[before:]
            block = KeepTogether(added)
            block.salesdesk_block = True
            self.story.append(block)

    # ------------------------------------------------------------ both variants

    def header(self) -> None:
        s, m = self.r.sheet, self.r.meeting
        redacted = self.r.variant is Variant.REDACTED
        # Text stored before the limits existed is cut on paper, never the layout.
        self.story.append(self.para(_p(shorten(s.title, limits.NAME)), "title"))
        self.story.append(self.para(_p(shorten(s.account, limits.NAME)), "subtitle"))
        lines = []
        if m is not None:
            when = self.day(m.date)
            if m.time:
                when += "\u00a0" + m.time.strftime("%H:%M")
            title = f" — {shorten(m.title, limits.SHORT)}" if m.title else ""
            round_ = "" if redacted or not m.round else _(" (round {n})").format(n=m.round)
            lines.append(
                _("Meeting: {when}{title}{round}").format(when=when, title=title, round=round_)
            )
        else:
            lines.append(_("No meeting planned yet"))
        who = ", ".join(p for p in (self.r.profile.name, self.r.profile.company) if p)
        if who:
            lines.append(_("Prepared by {who}").format(who=who))
        self.story.append(self.para("<br/>".join(_p(x) for x in lines)))

    # ------------------------------------------------------------ customer copy

    def customer_copy(self) -> None:
        """The whitelist, and nothing else: header, agenda, the note for the customer,
        our current proposal, the names of the people attending."""
        s, m = self.r.sheet, self.r.meeting
        self.header()
        if m is not None and m.agenda.strip():
            self.heading(_("Agenda"))
            self.story.append(self.para(_p(m.agenda)))
        if m is not None and m.customer_note.strip():
            self.heading(_("Note"))
            self.story.append(self.para(_p(m.customer_note)))
        terms = [t for t in s.terms if t.name in self.proposal]
        if terms:
            self.heading(_("Our proposal"))
            self.table(
                [_("Term"), _("Unit"), _("Our proposal")],
                [[t.name, t.unit, self.value(t.name, self.proposal[t.name])] for t in terms],
                "tfn",
            )
        if m is not None and m.attendees:
            self.heading(_("Attending"))
            self.story.append(self.para(_p(", ".join(m.attendees))))

    # ------------------------------------------------------------ page one

    def status_line(self) -> None:
        s, a = self.r.sheet, self.r.analysis
        parts = [
            _("Stage {n}/8 — {stage}").format(n=s.stage.number, stage=_(STAGE_LABELS[s.stage])),
            _("maturity {phase}/5").format(phase=s.phase),
        ]
        if s.value is not None:
            parts.append(_("value {amount}").format(amount=self.money(s.value)))
        if a.contact.next_contact_due is not None:
            parts.append(
                _("next contact due {date}").format(date=self.day(a.contact.next_contact_due))
            )
        self.story.append(self.para(_p(" · ".join(parts)), "small"))

    def objectives(self) -> None:
        m = self.r.meeting
        self.heading(_("Objectives for this meeting"))
        if m is not None and m.objectives.strip():
            self.story.append(self.para(_p(m.objectives)))
        else:
            self.story.append(self.para(_p(_("None written yet.")), "small"))

    def where_we_stand(self) -> None:
        s, a = self.r.sheet, self.r.analysis
        if not s.terms:
            return
        self.heading(_("Where we stand"))
        plan = planned_offer(self)
        rows = []
        for t in s.terms:
            zone = a.zopas.get(t.name)
            both = t.walk_away is not None and t.their_walk_away is not None
            if zone is not None and zone.options is not None:
                zopa = ", ".join(zone.options)
            elif zone is not None:
                zopa = unbreakable(
                    f"{self.value(t.name, zone.low)} – {self.value(t.name, zone.high)}"
                )
            else:
                zopa = _("none") if both else "?"
            rows.append(
                [
                    t.name,
                    t.unit,
                    "↑" if t.direction is Direction.HIGHER_IS_BETTER else "↓",
                    self.value(t.name, self.proposal.get(t.name)),
                    self.value(t.name, t.target),
                    self.value(t.name, t.walk_away),
                    self.value(t.name, self.theirs.get(t.name)),
                    zopa,
                ]
            )
            if plan is not None:
                rows[-1].insert(4, self.value(t.name, plan.values.get(t.name)))
        self.table(
            [
                _("Term"),
                _("Unit"),
                "",
                _("Open with"),
                *([_("Next offer")] if plan is not None else []),
                _("Target"),
                _("Walk-away"),
                _("Their latest"),
                _("ZOPA"),
            ],
            rows,
            "tffnnnnn" + ("n" if plan is not None else ""),
        )
        self.story.append(
            self.para(
                _p(
                    _(
                        "↑ more is better for us, ↓ less is better for us. Open with: our "
                        "current proposal; their latest: their latest offer; ZOPA: where both "
                        "walk-aways allow a deal (? when one is unknown)."
                    )
                ),
                "small",
            )
        )
        if plan is not None:
            next_offer_lines(self, plan)

    def _batna_score(self, b: Batna) -> Decimal | None:
        """On the package scale: typed, else its package's score (never one term's)."""
        a = self.r.analysis
        return a.batna_score if b is self.r.sheet.batna_ours else a.their_batna_score

    def _batna_text(self, b: Batna) -> str:
        parts = [b.description.strip() or "—"]
        if b.value is not None:
            figure = self.value(b.term or "", b.value)
            parts.append(f"{figure} ({b.term})" if b.term else figure)
        if (level := self._batna_score(b)) is not None:
            parts.append(_("score {score}").format(score=self.score(level)))
        return " — ".join(parts)

    def batna_lines(self) -> None:
        s = self.r.sheet
        if s.batna_ours.is_empty and s.batna_theirs.is_empty:
            return
        self.heading(_("If there is no deal (BATNA)"))
        for label, b in ((_("Ours"), s.batna_ours), (_("Theirs (estimated)"), s.batna_theirs)):
            if not b.is_empty:
                line = _("{side}: {alternative}").format(
                    side=label, alternative=self._batna_text(b)
                )
                self.item(_p(line))

    def trades(self) -> None:
        """Our trades still to put on the table, and those on it awaiting their answer."""
        s = self.r.sheet
        open_ = sorted(
            (
                e
                for e in s.ledger
                if e.giver is Giver.US and e.status in (EntryStatus.PLANNED, EntryStatus.OFFERED)
            ),
            key=lambda e: (e.status is EntryStatus.OFFERED, e.round is None, e.round or 0),
        )
        if not open_:
            return
        self.heading(_("Trades to propose"))
        for e in open_:
            if e.has_counterpart:
                line = _("We give: {what} — on condition that you give: {counterpart}").format(
                    what=e.what, counterpart=e.counterpart
                )
            else:
                line = _(
                    "We give: {what} — no counterpart written yet: do not give it away"
                ).format(what=e.what)
            mark = (
                _("[offered, awaiting their answer]")
                if e.status is EntryStatus.OFFERED
                else _("[planned]")
            )
            extras = []
            if e.round:
                extras.append(_("round {n}").format(n=e.round))
            if e.cost is not None:
                extras.append(_("costs us {amount}").format(amount=self.money(e.cost)))
            markup = f"<b>{_p(mark)}</b> " + _p(line)
            if extras:
                markup += f" <font size=7.5>({_p(', '.join(extras))})</font>"
            if e.declined:
                markup += (
                    " <b>"
                    + _p(_("[DECLINED by {who}: do not offer it]").format(who=e.approved_by or "?"))
                    + "</b>"
                )
            elif e.needs_approval:
                if e.approved:
                    markup += " <font size=7.5>" + _p(_("[approved]")) + "</font>"
                else:
                    markup += " <b>" + _p(_("[NEEDS A MANAGER'S APPROVAL]")) + "</b>"
            self.item(markup)

    def packages(self) -> list[Package]:
        s = self.r.sheet
        level = package_score(s.terms, self.proposal, Side.US) if self.proposal else None
        if level is None:
            return []
        try:
            return equivalent_packages(
                s.terms,
                level,
                self.r.analysis.batna_score,
                their_batna=self.r.analysis.their_batna_score,
            )
        except InputError:
            return []

    def meso(self) -> None:
        s = self.r.sheet
        packages = self.package_list
        if len(packages) < 2:
            return
        self.heading(_("Equivalent packages to put on the table (MESO)"))
        letters = "ABCDEFGH"
        names = [t for t in s.terms if any(t.name in p.values for p in packages)]
        rows = [
            [t.name, t.unit, *(self.value(t.name, p.values.get(t.name)) for p in packages)]
            for t in names
        ]
        # Each package's own score for each side: "equal for us" is within a point.
        rows.append([_("Score for us"), "", *(self.score(p.score) for p in packages)])
        rows.append(
            [_("Score for them (est.)"), "", *(self.score(p.their_score) for p in packages)]
        )
        self.table(
            [
                _("Term"),
                _("Unit"),
                *(_("Package {x}").format(x=letters[i]) for i in range(len(packages))),
            ],
            rows,
            "tf" + "n" * len(packages),
        )
        proposal = package_score(s.terms, self.proposal, Side.US)
        target = self.r.analysis.target_score
        self.story.append(
            self.para(
                _p(
                    _(
                        "Each package is worth to us what our current proposal is ({proposal}), "
                        "within one point; our target scores {target}. Which one they prefer "
                        "tells what matters to them."
                    ).format(
                        proposal=self.score(proposal) or "—",
                        target=self.score(target) or "—",
                    )
                ),
                "small",
            )
        )

    def in_the_room(self) -> None:
        s, m = self.r.sheet, self.r.meeting
        if m is not None and m.attendees:
            by_name = {p.name: p for p in s.stakeholders}
            people = [by_name[n] for n in m.attendees if n in by_name]
            title = _("In the room")
        else:
            people = list(s.stakeholders)
            title = _("People")
        if not people:
            return
        self.heading(title)
        self.table(
            [_("Name"), _("Side"), _("Role"), _("Stance")],
            [
                [
                    p.name,
                    _("ours") if p.side.value == "ours" else _("theirs"),
                    _(ROLE_LABELS[p.role]) if p.role else "",
                    _(STANCE_LABELS[p.stance]) if p.stance else "",
                ]
                for p in people
            ],
            "tfff",
        )

    def watch_out(self) -> None:
        warnings = self.r.analysis.warnings
        notices = batna_notices(self.r.analysis)
        if not warnings and not notices:
            return
        self.heading(_("Watch out"))
        for w in warnings:
            self.item(_p(warning_message(w, self.lang)))
        for notice in notices:
            self.item(_p(notice))

    # ------------------------------------------------------------ appendix

    def glance(self) -> None:
        s, a = self.r.sheet, self.r.analysis
        offers = {o.offer.side.value: o for o in a.offers}
        ours, theirs = offers.get("us"), offers.get("them")
        dash = "—"
        rows = [
            [_("Stage"), f"{s.stage.number}/8 — {_(STAGE_LABELS[s.stage])}"],
            [_("Maturity"), f"{s.phase} — {_(PHASE_LABELS[s.phase])}"],
            [_("Value"), self.money(s.value) or dash],
            [_("Close date"), self.day(s.close_date) or dash],
            [_("Last contact"), self.day(a.contact.last_contact) or dash],
            [_("Next contact due"), self.day(a.contact.next_contact_due) or dash],
            [_("Our latest offer scores"), self.score(ours.score) if ours else dash],
            [_("Their latest offer scores"), self.score(theirs.score) if theirs else dash],
            [_("Our target scores"), self.score(a.target_score) or dash],
            [_("Our BATNA scores"), self.score(a.batna_score) or dash],
        ]
        self.heading(_("At a glance"))
        self.table([_("Item"), _("Now")], rows, "ft")

    def agenda(self) -> None:
        m = self.r.meeting
        if m is not None and m.agenda.strip():
            self.heading(_("Agenda"))
            self.story.append(self.para(_p(m.agenda)))

    def worksheet(self) -> None:
        s = self.r.sheet
        if not s.terms:
            return
        self.heading(_("Worksheet"))
        header = [
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
            _("Market"),
        ]
        rows = []
        for t in s.terms:
            market = [t.market_low, t.market_typical, t.market_high]
            rows.append(
                [
                    t.name,
                    t.unit,
                    "↑" if t.direction is Direction.HIGHER_IS_BETTER else "↓",
                    "" if t.weight is None else str(t.weight),
                    *(
                        self.value(t.name, v)
                        for v in (
                            t.opening,
                            t.target,
                            t.walk_away,
                            t.their_opening,
                            t.their_target,
                            t.their_walk_away,
                        )
                    ),
                    unbreakable(" / ".join(self.value(t.name, v) or "–" for v in market))
                    if any(v is not None for v in market)
                    else "",
                ]
            )
        self.table(header, rows, "tffnnnnnnnn", keep=3)

    def ranges(self) -> None:
        from salesdesk.brief.charts import range_drawing

        drawing = range_drawing(self.r.sheet.terms, self.lang, width=self.width)
        if drawing is None:
            return
        self.heading(_("Negotiation ranges"))
        self.story.append(drawing)
        self.story.append(
            self.para(
                _p(
                    _(
                        "▶ opening · ● target · | walk-away (filled: ours, hollow: "
                        "theirs); the bars run from one to the other, the dotted "
                        "line is the market's range"
                    )
                ),
                "small",
            )
        )

    def dance(self) -> None:
        from salesdesk.brief.dance_chart import dance_drawing

        drawing = dance_drawing(self.r.analysis, self.lang, width=self.width)
        if drawing is None:
            return
        self.heading(_("The negotiation dance"))
        self.story.append(drawing)
        self.story.append(
            self.para(
                _p(
                    _(
                        "Each offer by its score for us and for them (est.), numbered by "
                        "round: ours filled, theirs hollow. The staircase is the efficient "
                        "frontier: no package does better for both; a package below it "
                        "leaves points on the table. ◆ the Nash package; dotted, the BATNAs."
                    )
                ),
                "small",
            )
        )

    def batna_table(self) -> None:
        s = self.r.sheet
        rows = []
        for label, b in ((_("Ours"), s.batna_ours), (_("Theirs (estimated)"), s.batna_theirs)):
            if b.is_empty:
                continue
            rows.append(
                [
                    label,
                    b.description,
                    "" if b.value is None else self.value(b.term or "", b.value),
                    b.term or "",
                    self.score(self._batna_score(b)),
                ]
            )
        if rows:
            self.heading(_("BATNA (best alternative to a negotiated agreement)"))
            self.table(
                [_("Side"), _("Alternative"), _("Value"), _("Term"), _("Score")], rows, "ftntn"
            )

    def offers(self) -> None:
        s, a = self.r.sheet, self.r.analysis
        if not a.offers:
            return
        names = [t.name for t in s.terms]
        self.heading(_("Offers, round by round"))
        rows = []
        for scored in sorted(a.offers, key=lambda o: (o.offer.round, o.offer.side.value != "us")):
            o = scored.offer
            rows.append(
                [
                    str(o.round),
                    _("we") if o.side is Side.US else _("they"),
                    *(self.value(n, o.values.get(n)) for n in names),
                    self.score(scored.score),
                    self.score(scored.their_score),
                ]
            )
        header = [
            _("Rnd"),
            _("Who"),
            *(f"{t.name} ({t.unit})" if t.unit else t.name for t in s.terms),
            _("Our score"),
            _("Their score"),
        ]
        self.table(header, rows, "ff" + "n" * (len(names) + 2), keep=2)
        if a.target_score is not None:
            self.story.append(
                self.para(
                    _p(_("Our target scores {score}.").format(score=self.score(a.target_score))),
                    "small",
                )
            )

    def ledger(self) -> None:
        s, f = self.r.sheet, self.r.analysis.figures
        if not s.ledger:
            return
        # The amounts' currency once, in the heading: narrow columns keep the text legible.
        self.heading(_("Give-and-get ledger ({currency})").format(currency=s.currency))
        rows = []
        for e in sorted(s.ledger, key=lambda e: (e.round is None, e.round or 0)):
            status = _(ENTRY_LABELS[e.status])
            if e.needs_approval:
                status += "\n" + (_("approved") if e.approved else _("approval needed"))
            rows.append(
                [
                    "" if e.round is None else str(e.round),
                    _("we") if e.giver is Giver.US else _("they"),
                    e.what,
                    e.counterpart or _("(nothing)"),
                    status,
                    # Each amount under whose cost or value it is, as in the app: the
                    # headline below adds up the first two columns of accepted rows.
                    self.amount(cost_to_us(e)),
                    self.amount(value_to_us(e)),
                    self.amount(cost_to_them(e)),
                    self.amount(value_to_them(e)),
                ]
            )
        self.table(
            [
                _("Rnd"),
                _("Giver"),
                _("What"),
                _("In return"),
                _("Status"),
                _("Cost to us"),
                _("Value to us"),
                _("Cost to them"),
                _("Value to them"),
            ],
            rows,
            "fftttnnnn",
            keep=4,
            largest=7.5,  # nine columns: a size down keeps the text columns legible
        )
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

        drawing = ledger_drawing(s.ledger, s.currency, self.lang, width=self.width)
        if drawing is not None:
            self.story.append(drawing)

    def people(self) -> None:
        s = self.r.sheet
        if not s.stakeholders:
            return
        self.heading(_("People"))
        self.table(
            [_("Name"), _("Side"), _("Role"), _("Stance"), _("Introduced by")],
            [
                [
                    p.name,
                    _("ours") if p.side.value == "ours" else _("theirs"),
                    _(ROLE_LABELS[p.role]) if p.role else "",
                    _(STANCE_LABELS[p.stance]) if p.stance else "",
                    p.introduced_by or "",
                ]
                for p in s.stakeholders
            ],
            "tffft",
        )

    def interactions(self) -> None:
        from salesdesk.domain.deal import CHANNEL_LABELS

        recent = sorted(self.r.sheet.interactions, key=lambda i: i.date)[-5:]
        if not recent:
            return
        self.heading(_("Recent interactions"))
        self.table(
            [_("Date"), _("How"), _("What")],
            [[self.day(i.date), _(CHANNEL_LABELS[i.channel]), i.summary] for i in reversed(recent)],
            "fft",
        )

    def checklist(self) -> None:
        stage = self.r.sheet.stage
        self.heading(_("At this stage: {stage}").format(stage=_(STAGE_LABELS[stage])))
        ticked = set(self.r.sheet.checklist.get(stage.value, ()))
        for i, item in enumerate(STAGE_CHECKLISTS[stage]):
            box = "☑ " if i in ticked else "☐ "
            self.story.append(self.para(box + _p(_(item)), "item"))

    # ------------------------------------------------------------ the whole

    def full(self) -> None:
        from reportlab.platypus import PageBreak

        self.header()
        self.status_line()
        self.objectives()
        self.where_we_stand()
        self.batna_lines()
        self.trades()
        self.meso()
        self.in_the_room()
        self.watch_out()
        appendix: list[Any] = [
            self.glance,
            self.agenda,
            self.worksheet,
            self.ranges,
            self.dance,
            self.batna_table,
            self.offers,
            self.ledger,
            self.people,
            self.interactions,
            self.checklist,
        ]
        self.story.append(PageBreak())
        self.heading(_("Appendix"), "h1")
        for part in appendix:
            # A chart cannot break.
            self.section(part, whole=part in (self.ranges, self.dance))
        review_page(self)  # a closed deal's review, for the manager


def _height(flowables: Sequence[Any], width: float, height: float) -> float:
    return float(sum(f.wrap(width, height)[1] for f in flowables))


def _fill_gaps(frame: Any, flowables: list[Any]) -> None:
    """When the next block (a section kept whole) does not fit in what is left of the
    page, the short blocks after it that do fit move up into that space, so that the
    page does not end on a large gap."""
    if frame is None or not flowables or frame._atTop:
        return
    first = flowables[0]
    if not getattr(first, "salesdesk_block", False):
        return
    space = frame._y - frame._y1p
    if _height(first._content, frame._aW, frame._aH) <= space:
        return
    moved, i = 0, 1
    while i < len(flowables) and getattr(flowables[i], "salesdesk_block", False):
        needed = _height(flowables[i]._content, frame._aW, frame._aH) + 12
        if needed <= space:
            flowables.insert(moved, flowables.pop(i))
            moved += 1
            space -= needed
        i += 1


def _story(request: BriefRequest, width: float, height: float) -> list[Any]:
    b = _Builder(request, width, height)
    if request.variant is Variant.REDACTED:
        b.customer_copy()
    else:
        b.full()
    return b.story


def build_pdf(request: BriefRequest) -> bytes:
    """The brief's pages as reportlab writes them (the app's preview); `brief_pdf` is
    the file that leaves the app."""
    return render(request)[0]


def render(
    request: BriefRequest, seed: Mapping[str, str] | None = None
) -> tuple[bytes, dict[str, str]]:
    """The brief, in the request's language whatever the app's, and the characters each
    font drew in the order of their codes. `seed` gives fonts those characters first, so
    that briefs seeded alike embed identical subsets (a pack keeps one copy)."""
    with speaking(request.lang):
        return _render(request, seed or {})


def _render(request: BriefRequest, seed: Mapping[str, str]) -> tuple[bytes, dict[str, str]]:
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
                    page_of.format(n=self._pageNumber, total=total),
                )
                super().showPage()
            super().save()

    buffer = io.BytesIO()
    size = LETTER if request.paper == "letter" else A4

    class Document(SimpleDocTemplate):
        def filterFlowables(self, flowables: list[Any]) -> None:
            _fill_gaps(getattr(self, "frame", None), flowables)

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
    return buffer.getvalue(), used


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
    return finish(build_pdf(request), document_info(request), password)


def write_brief(path: Path, request: BriefRequest, password: str | None = None) -> None:
    """Build and write the brief atomically: a failed or killed export leaves the old file."""
    atomic_write_bytes(path, brief_pdf(request, password))
