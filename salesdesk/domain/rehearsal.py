"""Rehearsing against a simulated counterpart (DESIGN.md, "Rehearsal").

The counterpart plays their side from our estimates of their preferences (their
weights, positions, options) and their BATNA's score B, with a tactic from the
negotiation-agent literature. Its aspiration at round t of T, on their score:

    B + (100 − B) · (1 − (t / T) ^ (1 / e))

with e = 0.2 for `boulware` (holds, then concedes late) and e = 2 for `conceder`
(concedes early); `tit-for-tat` starts at 100 and lowers it by our last concession as
their score measures it (and raises it when we take one back). Each of our offers is
answered: accepted when it is worth at least their aspiration to them; at the last
round accepted when worth at least B, else they walk away; otherwise countered with
the frontier package worth at least their aspiration that is best for us.

With a seed, their aspiration also wanders up to `WANDER` points either way each round
(a counterpart is not a formula), the same way for the same seed; without one, the
formulas are followed exactly. Nothing of a rehearsal is stored as an offer.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from salesdesk.domain import frontier as fr
from salesdesk.domain import package_search as ps
from salesdesk.domain.deal import DealSheet, Meeting, Offer
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number
from salesdesk.domain.next_offer import list_separator, term_value_text
from salesdesk.domain.scoring import HUNDRED, package_score, round_score
from salesdesk.domain.terms import Side, Term, Value
from salesdesk.i18n import N_, _


class Tactic(StrEnum):
    BOULWARE = "boulware"
    CONCEDER = "conceder"
    TIT_FOR_TAT = "tit-for-tat"


# How a note names them.
TACTIC_NAMES = {
    Tactic.BOULWARE: N_("Boulware"),
    Tactic.CONCEDER: N_("Conceder"),
    Tactic.TIT_FOR_TAT: N_("Tit for tat"),
}

TACTIC_LABELS = {
    Tactic.BOULWARE: N_("Boulware: holds, then concedes late"),
    Tactic.CONCEDER: N_("Conceder: concedes early"),
    Tactic.TIT_FOR_TAT: N_("Tit for tat: mirrors our concessions"),
}

# The time-dependent tactics' exponent e.
EXPONENTS = {Tactic.BOULWARE: 0.2, Tactic.CONCEDER: 2.0}
# How far, in points, a seeded counterpart's aspiration may wander each round.
WANDER = 2.0
DEFAULT_ROUNDS = 3


class Action(StrEnum):
    ACCEPT = "accept"
    COUNTER = "counter"
    WALK_AWAY = "walk_away"


@dataclass(frozen=True, slots=True)
class Reply:
    """Their answer to our offer of round `round`: the package it is about (our offer
    when accepted, theirs when countered, none when they walk away) and its scores."""

    round: int
    action: Action
    values: dict[str, Value] | None
    score: Decimal | None
    their_score: Decimal | None
    aspiration: Decimal
    # Our offer it answers, with its scores.
    offer: dict[str, Value] = field(default_factory=dict)
    offer_score: Decimal | None = None
    offer_their_score: Decimal | None = None


def time_aspiration(t: int, rounds: int, batna: Decimal, exponent: float) -> Decimal:
    """B + (100 − B) · (1 − (t / T) ^ (1 / e)), two decimals."""
    share = 1.0 - (t / rounds) ** (1.0 / exponent)
    exact = float(batna) + (100.0 - float(batna)) * share
    return _two(exact)


def _two(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def planned_rounds(meeting_rounds: Sequence[int | None]) -> int:
    """The rounds a rehearsal plays by default: the deal's highest planned round, at
    least DEFAULT_ROUNDS."""
    return max([DEFAULT_ROUNDS, *(r for r in meeting_rounds if r is not None)])


class Counterpart:
    """The simulated other side, answering one offer of ours per round."""

    def __init__(
        self,
        terms: Sequence[Term],
        their_batna: Decimal | None,
        tactic: Tactic,
        rounds: int,
        seed: int | None = None,
        our_batna: Decimal | None = None,
    ) -> None:
        if rounds < 1:
            raise InputError(_("A rehearsal needs at least one round"), "rounds")
        self.terms = list(terms)
        self.batna = their_batna if their_batna is not None else Decimal(0)
        self.tactic = Tactic(tactic)
        self.rounds = rounds
        self._random = None if seed is None else random.Random(seed)
        # The frontier (raises InputError naming the term when it cannot be told).
        self.frontier = fr.deal_map(self.terms, our_batna, their_batna).frontier
        # The most any package is worth to them: an aspiration above it is out of reach.
        self.ceiling = max(p.their_score for p in self.frontier)
        self.replies: list[Reply] = []
        self._aspiration = HUNDRED
        self._last_their_score: Decimal | None = None

    @property
    def done(self) -> bool:
        return bool(self.replies) and (
            self.replies[-1].action is not Action.COUNTER or len(self.replies) >= self.rounds
        )

    def aspiration(self, t: int, their_score: Decimal) -> Decimal:
        """Their aspiration when answering round t, our offer scoring `their_score` to them."""
        if self.tactic is Tactic.TIT_FOR_TAT:
            conceded = (
                Decimal(0)
                if self._last_their_score is None
                else their_score - self._last_their_score
            )
            level = self._aspiration - conceded
        else:
            level = time_aspiration(t, self.rounds, self.batna, EXPONENTS[self.tactic])
        if self._random is not None:
            level += _two(self._random.uniform(-WANDER, WANDER))
        return max(self.batna, min(HUNDRED, self.ceiling, round_score(level)))

    def answer(self, values: Mapping[str, Value]) -> Reply:
        """Their reply to our offer `values` (a value per weighted term)."""
        if self.done:
            raise InputError(_("The rehearsal is over: start another one"))
        offer = dict(values)
        score = package_score(self.terms, offer, Side.US)
        theirs = package_score(self.terms, offer, Side.THEM)
        if score is None or theirs is None:
            missing = next(
                (t.name for t in ps.package_terms(self.terms) if t.name not in offer),
                None,
            )
            raise InputError(
                _("give our offer a value for {term}").format(term=missing)
                if missing
                else _("our offer cannot be scored from both sides"),
                missing or "values",
            )
        t = len(self.replies) + 1
        level = self.aspiration(t, theirs)
        if self.tactic is Tactic.TIT_FOR_TAT:
            self._aspiration = level
        self._last_their_score = theirs
        # Their aspiration is never below their BATNA: what reaches it reaches both.
        if theirs >= level or (t >= self.rounds and theirs >= self.batna):
            action, answer = Action.ACCEPT, ps.ScoredPackage(offer, score, theirs)
        elif t >= self.rounds or self.ceiling < self.batna:
            # The rounds are out, or no package is worth their BATNA to them.
            action, answer = Action.WALK_AWAY, None
        else:
            action, answer = Action.COUNTER, self.counter(level)
        reply = Reply(
            round=t,
            action=action,
            values=None if answer is None else dict(answer.values),
            score=None if answer is None else answer.score,
            their_score=None if answer is None else answer.their_score,
            aspiration=level,
            offer=offer,
            offer_score=score,
            offer_their_score=theirs,
        )
        self.replies.append(reply)
        return reply

    def counter(self, level: Decimal) -> ps.ScoredPackage:
        """The frontier package worth at least `level` to them that is best for us (the
        one best for them when none reaches it; the aspiration never exceeds it)."""
        for package in self.frontier:  # our score highest first
            if package.their_score >= level:
                return package
        return self.frontier[-1]


def rehearsed_sheet(
    sheet: DealSheet, replies: Sequence[Reply], *, after_real: bool = False
) -> DealSheet:
    """A copy of the deal whose offers are the rehearsal's (ours, and their counters,
    round by round): what the dance chart of the rehearsal draws. With `after_real`, the
    real offers stay and the rehearsal's follow them (what the next offer is proposed
    from). The deal itself is left alone."""
    out = copy.deepcopy(sheet)
    start = max((o.round for o in out.offers), default=0) if after_real else 0
    if not after_real:
        out.offers = []
    for reply in replies:
        out.offers.append(Offer(Side.US, start + reply.round, dict(reply.offer)))
        if reply.action is Action.COUNTER and reply.values is not None:
            out.offers.append(Offer(Side.THEM, start + reply.round, dict(reply.values)))
    return out


def rehearsal_note(
    tactic: Tactic, rounds: int, replies: Sequence[Reply], terms: Sequence[Term], lang: str
) -> str:
    """The rehearsal in a few lines, to keep with the next meeting's objectives: each
    round's scores and answer, then the last package on the table."""

    def score(value: Decimal | None) -> str:
        return "—" if value is None else format_number(value, lang, 2)

    lines = [
        _("Rehearsal against a counterpart playing {tactic}, over {n} rounds:").format(
            tactic=_(TACTIC_NAMES[tactic]), n=rounds
        )
    ]
    for r in replies:
        offered = _("round {round}: our offer {score} for us, {their} for them").format(
            round=r.round, score=score(r.offer_score), their=score(r.offer_their_score)
        )
        if r.action is Action.ACCEPT:
            answer = _("they accepted")
        elif r.action is Action.WALK_AWAY:
            answer = _("they walked away")
        else:
            answer = _("they countered at {score} for us, {their} for them").format(
                score=score(r.score), their=score(r.their_score)
            )
        lines.append(f"- {offered}{list_separator(lang)}{answer}")
    if replies:
        last = replies[-1]
        shown = last.values if last.values is not None else last.offer
        values = list_separator(lang).join(
            f"{t.name} {term_value_text(t, shown[t.name], lang)}" for t in terms if t.name in shown
        )
        lines.append(_("Last package on the table: {values}").format(values=values))
    return "\n".join(lines)


def keep_note(sheet: DealSheet, note: str, today: date) -> Meeting:
    """Add the note to the objectives of the next meeting (the latest one when none is
    ahead), where the brief prints it; raises InputError when the deal has no meeting."""
    ahead = sorted((m for m in sheet.meetings if m.date >= today), key=lambda m: m.date)
    meeting = ahead[0] if ahead else max(sheet.meetings, key=lambda m: m.date, default=None)
    if meeting is None:
        raise InputError(_("Plan a meeting first: the note is kept with its objectives"))
    meeting.objectives = (meeting.objectives.rstrip() + "\n\n" + note).strip()
    return meeting
