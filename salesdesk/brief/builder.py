"""What a brief is asked for (BriefRequest), and the builder both variants write with:
the request's figures in its language, paragraphs, headings, fitted tables, sections
kept whole, and the header every brief opens with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from salesdesk.brief.figures import day, number, score
from salesdesk.brief.fonts import register
from salesdesk.brief.layout import height_of, kept_whole
from salesdesk.brief.styles import para_text as _p
from salesdesk.brief.styles import paragraph_styles
from salesdesk.brief.tables import fitted_tables
from salesdesk.domain import limits
from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import DealSheet, Meeting
from salesdesk.domain.limits import shorten
from salesdesk.domain.meso import Package
from salesdesk.domain.money import format_money, minor_digits
from salesdesk.domain.profile import Profile
from salesdesk.domain.terms import Value
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

    def ready(self) -> BriefRequest:
        """The request with its deal analysed (brief.requests.PendingRequest: where the
        brief is built)."""
        return self


class Builder:
    """The story of one brief; each variant's sections append to it. `proposal`,
    `places` (decimals per term) and the full brief's `theirs` and `package_list` are
    set by the variant that builds (brief.customer_copy, brief.page_one)."""

    def __init__(self, request: BriefRequest, width: float, height: float) -> None:
        register()
        self.r = request
        self.width = width
        self.height = height
        self.styles = paragraph_styles()
        self.story: list[Any] = []
        self.proposal: dict[str, Value] = {}
        self.theirs: dict[str, Value] = {}
        self.package_list: list[Package] = []
        self.places: dict[str, int] = {}

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
        """A table laid out to fit the page (brief.tables.fitted_tables)."""
        self.story.extend(
            fitted_tables(
                header, rows, kinds, self.width, keep=keep, bold_last=bold_last, largest=largest
            )
        )

    def section(self, build: Any, whole: bool = False) -> None:
        """Run `build`, which appends a section; keep it on one page when it fits one, so
        that no page holds a few lines of a section."""
        before = len(self.story)
        build()
        added = self.story[before:]
        if not added:
            return
        # A short section moves whole to the next page; a long one may break (its
        # heading stays with what follows) rather than leave a large gap behind it.
        if whole or height_of(added, self.width, self.height) <= self.height * 0.3:
            del self.story[before:]
            self.story.append(kept_whole(added))

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
