"""The full brief's appendix: the deal at a glance, the worksheet, the charts, the
offers, the ledger, the people and the stage's checklist, each section kept on one
page when it fits one."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from salesdesk.brief.builder import Builder
from salesdesk.brief.figures import unbreakable
from salesdesk.brief.page_one import batna_score
from salesdesk.brief.styles import para_text as _p
from salesdesk.domain.deal import ROLE_LABELS, STANCE_LABELS
from salesdesk.domain.ledger import STATUS_LABELS as ENTRY_LABELS
from salesdesk.domain.ledger import Giver, cost_to_them, cost_to_us, value_to_them, value_to_us
from salesdesk.domain.stages import PHASE_LABELS, STAGE_CHECKLISTS, STAGE_LABELS
from salesdesk.domain.terms import Direction, Side
from salesdesk.i18n import _


def appendix(b: Builder) -> None:
    """A new page, then the sections in their order."""
    from reportlab.platypus import PageBreak

    parts: list[Callable[[Builder], None]] = [
        glance,
        agenda,
        worksheet,
        ranges,
        dance,
        batna_table,
        offers,
        ledger,
        people,
        interactions,
        checklist,
    ]
    b.story.append(PageBreak())
    b.heading(_("Appendix"), "h1")
    for part in parts:
        # A chart cannot break.
        b.section(partial(part, b), whole=part in (ranges, dance))


def glance(b: Builder) -> None:
    s, a = b.r.sheet, b.r.analysis
    offers = {o.offer.side.value: o for o in a.offers}
    ours, theirs = offers.get("us"), offers.get("them")
    dash = "—"
    rows = [
        [_("Stage"), f"{s.stage.number}/8 — {_(STAGE_LABELS[s.stage])}"],
        [_("Maturity"), f"{s.phase} — {_(PHASE_LABELS[s.phase])}"],
        [_("Value"), b.money(s.value) or dash],
        [_("Close date"), b.day(s.close_date) or dash],
        [_("Last contact"), b.day(a.contact.last_contact) or dash],
        [_("Next contact due"), b.day(a.contact.next_contact_due) or dash],
        [_("Our latest offer scores"), b.score(ours.score) if ours else dash],
        [_("Their latest offer scores"), b.score(theirs.score) if theirs else dash],
        [_("Our target scores"), b.score(a.target_score) or dash],
        [_("Our BATNA scores"), b.score(a.batna_score) or dash],
    ]
    b.heading(_("At a glance"))
    b.table([_("Item"), _("Now")], rows, "ft")


def agenda(b: Builder) -> None:
    m = b.r.meeting
    if m is not None and m.agenda.strip():
        b.heading(_("Agenda"))
        b.story.append(b.para(_p(m.agenda)))


def worksheet(b: Builder) -> None:
    s = b.r.sheet
    if not s.terms:
        return
    b.heading(_("Worksheet"))
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
                    b.value(t.name, v)
                    for v in (
                        t.opening,
                        t.target,
                        t.walk_away,
                        t.their_opening,
                        t.their_target,
                        t.their_walk_away,
                    )
                ),
                unbreakable(" / ".join(b.value(t.name, v) or "–" for v in market))
                if any(v is not None for v in market)
                else "",
            ]
        )
    b.table(header, rows, "tffnnnnnnnn", keep=3)


def _chart(b: Builder, title: str, drawing: Any, key: str) -> None:
    """A chart under its heading, with its key in small print."""
    if drawing is None:
        return
    b.heading(title)
    b.story.append(drawing)
    b.story.append(b.para(_p(key), "small"))


def ranges(b: Builder) -> None:
    from salesdesk.brief.charts import range_drawing

    _chart(
        b,
        _("Negotiation ranges"),
        range_drawing(b.r.sheet.terms, b.lang, width=b.width),
        _(
            "▶ opening · ● target · | walk-away (filled: ours, hollow: "
            "theirs); the bars run from one to the other, the dotted "
            "line is the market's range"
        ),
    )


def dance(b: Builder) -> None:
    from salesdesk.brief.dance_chart import dance_drawing

    _chart(
        b,
        _("The negotiation dance"),
        dance_drawing(b.r.analysis, b.lang, width=b.width),
        _(
            "Each offer by its score for us and for them (est.), numbered by "
            "round: ours filled, theirs hollow. The staircase is the efficient "
            "frontier: no package does better for both; a package below it "
            "leaves points on the table. ◆ the Nash package; dotted, the BATNAs."
        ),
    )


def batna_table(b: Builder) -> None:
    s = b.r.sheet
    rows = []
    for label, batna in ((_("Ours"), s.batna_ours), (_("Theirs (estimated)"), s.batna_theirs)):
        if batna.is_empty:
            continue
        rows.append(
            [
                label,
                batna.description,
                "" if batna.value is None else b.value(batna.term or "", batna.value),
                batna.term or "",
                b.score(batna_score(b, batna)),
            ]
        )
    if rows:
        b.heading(_("BATNA (best alternative to a negotiated agreement)"))
        b.table([_("Side"), _("Alternative"), _("Value"), _("Term"), _("Score")], rows, "ftntn")


def offers(b: Builder) -> None:
    s, a = b.r.sheet, b.r.analysis
    if not a.offers:
        return
    names = [t.name for t in s.terms]
    b.heading(_("Offers, round by round"))
    rows = []
    for scored in sorted(a.offers, key=lambda o: (o.offer.round, o.offer.side.value != "us")):
        o = scored.offer
        rows.append(
            [
                str(o.round),
                _("we") if o.side is Side.US else _("they"),
                *(b.value(n, o.values.get(n)) for n in names),
                b.score(scored.score),
                b.score(scored.their_score),
            ]
        )
    header = [
        _("Rnd"),
        _("Who"),
        *(f"{t.name} ({t.unit})" if t.unit else t.name for t in s.terms),
        _("Our score"),
        _("Their score"),
    ]
    b.table(header, rows, "ff" + "n" * (len(names) + 2), keep=2)
    if a.target_score is not None:
        b.story.append(
            b.para(
                _p(_("Our target scores {score}.").format(score=b.score(a.target_score))),
                "small",
            )
        )


def ledger(b: Builder) -> None:
    s, f = b.r.sheet, b.r.analysis.figures
    if not s.ledger:
        return
    # The amounts' currency once, in the heading: narrow columns keep the text legible.
    b.heading(_("Give-and-get ledger ({currency})").format(currency=s.currency))
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
                b.amount(cost_to_us(e)),
                b.amount(value_to_us(e)),
                b.amount(cost_to_them(e)),
                b.amount(value_to_them(e)),
            ]
        )
    b.table(
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
    b.story.append(
        b.para(
            _p(
                _("Given cost {given} · received value {received} · balance {balance}").format(
                    given=b.money(f.given_cost),
                    received=b.money(f.received_value),
                    balance=b.money(f.balance),
                )
            )
        )
    )
    from salesdesk.brief.charts import ledger_drawing

    drawing = ledger_drawing(s.ledger, s.currency, b.lang, width=b.width)
    if drawing is not None:
        b.story.append(drawing)


def people(b: Builder) -> None:
    s = b.r.sheet
    if not s.stakeholders:
        return
    labels = s.labels()
    b.heading(_("People"))
    b.table(
        [_("Name"), _("Side"), _("Role"), _("Stance"), _("Introduced by")],
        [
            [
                labels[p.uid],
                _("ours") if p.side.value == "ours" else _("theirs"),
                _(ROLE_LABELS[p.role]) if p.role else "",
                _(STANCE_LABELS[p.stance]) if p.stance else "",
                labels.get(p.introduced_by or "", ""),
            ]
            for p in s.stakeholders
        ],
        "tffft",
    )


def interactions(b: Builder) -> None:
    from salesdesk.domain.deal import CHANNEL_LABELS

    recent = sorted(b.r.sheet.interactions, key=lambda i: i.date)[-5:]
    if not recent:
        return
    b.heading(_("Recent interactions"))
    b.table(
        [_("Date"), _("How"), _("What")],
        [[b.day(i.date), _(CHANNEL_LABELS[i.channel]), i.summary] for i in reversed(recent)],
        "fft",
    )


def checklist(b: Builder) -> None:
    stage = b.r.sheet.stage
    b.heading(_("At this stage: {stage}").format(stage=_(STAGE_LABELS[stage])))
    ticked = set(b.r.sheet.checklist.get(stage.value, ()))
    for i, item in enumerate(STAGE_CHECKLISTS[stage]):
        box = "☑ " if i in ticked else "☐ "
        b.story.append(b.para(box + _p(_(item)), "item"))
