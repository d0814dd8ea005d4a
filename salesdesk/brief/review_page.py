"""The brief's loop sections: on page one the next offer we plan to put on the table,
and, when the deal is closed, the "Review" page appended for the manager.

Both take the brief's builder (brief.builder.Builder) and append to its story; the
customer copy never calls them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesdesk.brief.styles import para_text as _p
from salesdesk.domain.errors import InputError
from salesdesk.domain.next_offer import NextOffer, next_offer, trade_text
from salesdesk.domain.review import review
from salesdesk.domain.stages import DealStatus
from salesdesk.domain.terms import Side, Value
from salesdesk.i18n import _

if TYPE_CHECKING:
    from salesdesk.brief.builder import Builder

# The most terms the next offer's trade names on page one.
_NAMED_MOVES = 4


def planned_offer(b: Builder) -> NextOffer | None:
    """The next offer, when the meeting is one where we have not made ours yet."""
    sheet, meeting = b.r.sheet, b.r.meeting
    if sheet.status is not DealStatus.OPEN:
        return None
    ours = [o.round for o in sheet.offers if o.side is Side.US]
    if meeting is not None and meeting.round is not None and meeting.round <= max(ours, default=0):
        return None  # our offer of that round is on record: it is what we open with
    try:
        return next_offer(sheet)
    except InputError:
        return None


def next_offer_lines(b: Builder, plan: NextOffer) -> None:
    """Under "Where we stand" (whose "Next offer" column has its values): its scores,
    the concession and the trade it implies."""
    said = _(
        "Next offer (proposed for round {n}): {score} for us and {their} for them (est.); "
        "we give up {points} points"
    ).format(
        n=plan.round,
        score=b.score(plan.package.score),
        their=b.score(plan.package.their_score),
        points=b.score(plan.concession),
    )
    if plan.previous is not None:
        said += _(", after {previous} last round").format(previous=b.score(plan.previous))
    # The figures are in the table above: the trade names the terms. Small print, as the
    # table's key, so page one keeps the room its plan needs; past a few terms named, a
    # count (the column shows which) keeps "Watch out" on page one.
    if plan.gives and plan.asks and len(plan.gives) + len(plan.asks) > _NAMED_MOVES:
        trade = _(
            "We give on {gives} terms, on condition that you give on {asks} (see the Next "
            "offer column)"
        ).format(gives=len(plan.gives), asks=len(plan.asks))
    else:
        trade = trade_text(plan, b.r.sheet.terms, b.lang, values=False)
    b.story.append(b.para("<b>" + _p(said + ".") + "</b> " + _p(trade), "small"))


def review_page(b: Builder) -> None:
    """The "Review" page of a won or lost deal: what was agreed (or the last offers)
    against our target, the BATNAs, the Nash package, what was left on the table, given
    against received, and why it was lost."""
    from reportlab.platypus import PageBreak

    found = review(b.r.sheet, b.r.analysis)
    if found is None:
        return
    sheet = b.r.sheet
    b.story.append(PageBreak())
    b.heading(_("Review"), "h1")
    b.story.append(
        b.para(
            _p(
                _("The deal was won.")
                if found.status is DealStatus.WON
                else _("The deal was lost.")
            ),
        )
    )
    columns: list[tuple[str, dict[str, Value]]] = []
    if found.agreed is not None:
        columns.append((_("Agreed"), dict(found.agreed.offer.values)))
    else:
        for label, item in (
            (_("Our last offer"), found.ours_last),
            (_("Their last"), found.theirs_last),
        ):
            if item is not None:
                columns.append((label, dict(item.offer.values)))
    nash = found.nash
    if nash is not None:
        columns.append((_("Nash package"), dict(nash.values)))
    rows = [
        [
            t.name,
            t.unit,
            b.value(t.name, t.target),
            *(b.value(t.name, values.get(t.name)) for _label, values in columns),
        ]
        for t in sheet.terms
    ]
    scored = []
    if found.agreed is not None:
        scored.append(found.agreed)
    else:
        scored += [s for s in (found.ours_last, found.theirs_last) if s is not None]
    score_row = [_("Score for us"), "", b.score(found.target_score)]
    score_row += [b.score(s.score) for s in scored]
    their_row = [_("Score for them (est.)"), "", ""]
    their_row += [b.score(s.their_score) for s in scored]
    if nash is not None:
        score_row.append(b.score(nash.score))
        their_row.append(b.score(nash.their_score))
    rows += [score_row, their_row]
    b.heading(_("The package against our target"))
    b.table(
        [_("Term"), _("Unit"), _("Target"), *(label for label, _values in columns)],
        rows,
        "tf" + "n" * (1 + len(columns)),
    )
    lines = []
    if found.batna_score is not None or found.their_batna_score is not None:
        lines.append(
            _("BATNA scores: ours {ours}, theirs {theirs} (est.)").format(
                ours=b.score(found.batna_score) or "—",
                theirs=b.score(found.their_batna_score) or "—",
            )
        )
    if found.deal_zone is not None:
        lines.append(
            _("A deal zone existed: packages suited both sides.")
            if found.deal_zone
            else _("There was no deal zone: no package suited both sides.")
        )
    if found.left_for_us is not None:
        lines.append(
            _(
                "Left on the table: {us} points we could have had at no loss to them, {them} "
                "points they could have had at no loss to us."
            ).format(us=b.score(found.left_for_us), them=b.score(found.left_for_them))
        )
    f = found.figures
    lines.append(
        _("Ledger: given {given}, received {received}, balance {balance}.").format(
            given=b.money(f.given_cost),
            received=b.money(f.received_value),
            balance=b.money(f.balance),
        )
    )
    if found.lost_reason:
        lines.append(_("Lost because: {reason}").format(reason=found.lost_reason))
    if found.competitor:
        lines.append(
            (
                _("Lost to: {who}") if found.status is DealStatus.LOST else _("Competitor: {who}")
            ).format(who=found.competitor)
        )
    b.heading(_("What it tells"))
    for line in lines:
        b.item(_p(line))
