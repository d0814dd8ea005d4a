"""After a meeting: the debrief, applied to the deal in one change.

What the rep brings back — their counter-offer term by term, their answer to each of
the trades we offered, what we obtained, the outcome and next steps, whether the deal
goes on, and the next meeting's date — is written at once: their offer for the round,
the ledger entries' statuses, the meeting's outcome, and the next round's meeting with
objectives drafted from the plan (the next offer) for the rep to edit. The app applies
it as one undoable step, saved in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from salesdesk.domain.counterpart import offers_of, read_counterpart
from salesdesk.domain.deal import DealSheet, Meeting, Offer
from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.money import format_number
from salesdesk.domain.next_offer import list_separator, next_offer, term_value_text, trade_text
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.domain.terms import Side, Value
from salesdesk.i18n import _, ngettext


@dataclass
class Debrief:
    """What the rep brings back from the meeting `meeting` (its uid)."""

    meeting: str
    # Their counter-offer, term by term (empty: they made none).
    their_offer: dict[str, Value] = field(default_factory=dict)
    # Our offered trades answered: ledger entry uid → accepted / refused / …
    answers: dict[str, EntryStatus] = field(default_factory=dict)
    # What we obtained from them, and what it is worth to us.
    obtained: str = ""
    obtained_value: Decimal | None = None
    outcome: str = ""
    next_steps: str = ""
    # The deal goes on (open), or was won or lost there.
    status: DealStatus = DealStatus.OPEN
    lost_reason: str = ""
    competitor: str = ""
    # The next round's meeting (none without a date, nor once the deal is closed).
    next_date: date | None = None
    next_objectives: str = ""


def meeting_of(sheet: DealSheet, uid: str) -> Meeting:
    found = next((m for m in sheet.meetings if m.uid == uid), None)
    if found is None:
        raise InputError(_("That meeting is no longer in the deal"), "meeting")
    return found


def debrief_round(sheet: DealSheet, meeting: Meeting) -> int:
    """The meeting's round; a meeting without one takes the round after their latest offer."""
    if meeting.round is not None:
        return meeting.round
    return max((o.round for o in sheet.offers if o.side is Side.THEM), default=0) + 1


def prefilled_offer(sheet: DealSheet, round_: int) -> dict[str, Value]:
    """Their offer as the form opens: theirs of this round when recorded, else their
    latest before it, else their estimated opening."""
    theirs = offers_of(sheet, Side.THEM)
    at_round = [o for o in theirs if o.round == round_]
    if at_round:
        return dict(at_round[-1].values)
    before = [o for o in theirs if o.round < round_]
    if before:
        return dict(before[-1].values)
    return {t.name: t.their_opening for t in sheet.terms if t.their_opening is not None}


def trades_to_answer(sheet: DealSheet) -> list[LedgerEntry]:
    """Our trades on the table, awaiting their answer."""
    return [e for e in sheet.ledger if e.giver is Giver.US and e.status is EntryStatus.OFFERED]


def next_meeting(sheet: DealSheet, round_: int) -> Meeting | None:
    """The meeting already planned for the round after, if any."""
    return next((m for m in sheet.meetings if m.round == round_ + 1), None)


def with_their_offer(sheet: DealSheet, round_: int, values: dict[str, Value]) -> None:
    """Record their offer for the round (replacing the one recorded there)."""
    if not values:
        return
    for offer in sheet.offers:
        if offer.side is Side.THEM and offer.round == round_:
            offer.values = dict(values)
            return
    sheet.offers.append(Offer(Side.THEM, round_, dict(values)))


def apply_debrief(sheet: DealSheet, debrief: Debrief) -> None:
    """Write the debrief into the sheet (the caller's copy: one undoable change)."""
    meeting = meeting_of(sheet, debrief.meeting)
    round_ = debrief_round(sheet, meeting)
    meeting.round = round_
    with_their_offer(sheet, round_, debrief.their_offer)
    for entry in sheet.ledger:
        if entry.uid in debrief.answers:
            entry.status = EntryStatus(debrief.answers[entry.uid])
    if debrief.obtained.strip():
        sheet.ledger.append(
            LedgerEntry(
                Giver.THEM,
                debrief.obtained.strip(),
                value=debrief.obtained_value,
                status=EntryStatus.ACCEPTED,
                round=round_,
            )
        )
    meeting.outcome = debrief.outcome
    meeting.next_steps = debrief.next_steps
    sheet.status = debrief.status
    if debrief.status is not DealStatus.OPEN:
        sheet.close_date = meeting.date
        sheet.competitor = debrief.competitor.strip()
        if debrief.status is DealStatus.LOST:
            sheet.lost_reason = debrief.lost_reason.strip()
        elif sheet.stage.number < Stage.ROLLOUT.number:
            sheet.stage = Stage.ROLLOUT  # won: the relationship's next stage, as a CRM says
        return
    if debrief.next_date is None:
        return
    planned = next_meeting(sheet, round_)
    if planned is None:
        planned = Meeting(
            debrief.next_date,
            _("Round {n}").format(n=round_ + 1),
            round=round_ + 1,
            attendees=list(meeting.attendees),
        )
        sheet.meetings.append(planned)
    planned.date = debrief.next_date
    planned.objectives = debrief.next_objectives
    sheet.meetings.sort(key=lambda m: (m.date, m.time or time.min))


def draft_objectives(sheet: DealSheet, lang: str) -> str:
    """The next meeting's objectives drafted from the plan: the next offer and the trade
    it implies, and the term their offers show they hold firmest on."""
    lines: list[str] = []
    try:
        plan = next_offer(sheet)
    except InputError:
        plan = None
    if plan is not None:
        values = list_separator(lang).join(
            f"{t.name} {term_value_text(t, plan.values[t.name], lang)}"
            for t in sheet.terms
            if t.name in plan.values
        )
        lines.append(
            _(
                "Put our offer for round {round} on the table: {values} (scores {score} for us)"
            ).format(
                round=plan.round, values=values, score=format_number(plan.package.score, lang, 2)
            )
        )
        lines.append(trade_text(plan, sheet.terms, lang))
    reading = read_counterpart(sheet)
    if reading.terms:
        firmest = max(reading.terms, key=lambda t: t.firmness)
        lines.append(
            ngettext(
                "They hold firmest on {term} (read from {n} offer): expect resistance there",
                "They hold firmest on {term} (read from {n} offers): expect resistance there",
                reading.offers,
            ).format(term=firmest.term, n=reading.offers)
        )
    return "\n".join(lines)
