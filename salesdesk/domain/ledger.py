"""The give-and-get ledger: every concession traded for a counterpart."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from salesdesk.domain.errors import InputError
from salesdesk.domain.ids import new_uid
from salesdesk.i18n import N_, _


class Giver(StrEnum):
    US = "us"
    THEM = "them"


class EntryStatus(StrEnum):
    PLANNED = "planned"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {
    EntryStatus.PLANNED: N_("planned"),
    EntryStatus.OFFERED: N_("offered"),
    EntryStatus.ACCEPTED: N_("accepted"),
    EntryStatus.REFUSED: N_("refused"),
    EntryStatus.WITHDRAWN: N_("withdrawn"),
}
_LIVE = (EntryStatus.PLANNED, EntryStatus.OFFERED, EntryStatus.ACCEPTED)


def over_authority(
    giver: Giver,
    cost: Decimal | None,
    deal_value: Decimal | None,
    max_cost: Decimal | None,
    max_discount_pct: Decimal | None,
) -> bool:
    """Whether a concession is past the rep's authority and needs a manager's approval:
    one of ours costing more than the rep's limit, or, against the deal's value, a deeper
    discount (cost / value, in percent) than the rep's discount limit. A team server
    decides the same way (migration 0015), whatever the app sent."""
    if giver is not Giver.US or cost is None or cost <= 0:
        return False
    if max_cost is not None and cost > max_cost:
        return True
    return (
        max_discount_pct is not None
        and deal_value is not None
        and deal_value > 0
        and cost * 100 > max_discount_pct * deal_value
    )


_ON_THE_TABLE = (EntryStatus.OFFERED, EntryStatus.ACCEPTED)


@dataclass
class LedgerEntry:
    giver: Giver
    what: str
    term: str | None = None
    cost: Decimal | None = None
    value: Decimal | None = None
    counterpart: str = ""
    counterpart_value: Decimal | None = None
    counterpart_cost: Decimal | None = None
    status: EntryStatus = EntryStatus.PLANNED
    round: int | None = None
    needs_approval: bool = False
    approved: bool = False
    approved_by: str = ""
    approved_at: datetime | None = None
    # A manager's "no" (`approved_by` and `approved_at` then say who and when); the
    # status `refused` stays the customer's answer.
    declined: bool = False
    # Stable for life; not part of equality (two rows alike are alike).
    uid: str = field(default_factory=new_uid, compare=False)

    def __post_init__(self) -> None:
        # Accept the codes as well as the members (Side.US == "us" is not Giver.US).
        self.giver = Giver(self.giver)
        self.status = EntryStatus(self.status)

    @property
    def has_counterpart(self) -> bool:
        return bool(self.counterpart.strip())


# Whose cost and whose value each amount of an entry is: the giver's cost and the
# receiver's value, and the other way round for the counterpart.
def cost_to_us(entry: LedgerEntry) -> Decimal | None:
    return entry.cost if entry.giver is Giver.US else entry.counterpart_cost


def value_to_us(entry: LedgerEntry) -> Decimal | None:
    return entry.counterpart_value if entry.giver is Giver.US else entry.value


def cost_to_them(entry: LedgerEntry) -> Decimal | None:
    return entry.counterpart_cost if entry.giver is Giver.US else entry.cost


def value_to_them(entry: LedgerEntry) -> Decimal | None:
    return entry.value if entry.giver is Giver.US else entry.counterpart_value


@dataclass(frozen=True, slots=True)
class LedgerFigures:
    given_cost: Decimal
    received_value: Decimal
    balance: Decimal
    # The cost to us of our entries offered and not yet answered (not in the balance).
    offered_cost: Decimal = Decimal(0)


def _amount(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)


def ledger_figures(entries: Sequence[LedgerEntry]) -> LedgerFigures:
    """Given cost, received value and balance over the accepted entries, and apart the
    cost of our entries offered and not yet answered."""
    given = Decimal(0)
    received = Decimal(0)
    offered = Decimal(0)
    for entry in entries:
        if entry.status is EntryStatus.OFFERED and entry.giver is Giver.US:
            offered += _amount(entry.cost)
        if entry.status is not EntryStatus.ACCEPTED:
            continue
        if entry.giver is Giver.US:
            given += _amount(entry.cost)
            received += _amount(entry.counterpart_value)
        else:
            received += _amount(entry.value)
            given += _amount(entry.counterpart_cost)
    return LedgerFigures(given, received, received - given, offered)


def unilateral_entries(entries: Sequence[LedgerEntry]) -> list[int]:
    """Indexes of our concessions still in play that have no counterpart."""
    return [
        i
        for i, e in enumerate(entries)
        if e.giver is Giver.US
        and e.status not in (EntryStatus.REFUSED, EntryStatus.WITHDRAWN)
        and not e.has_counterpart
    ]


def our_cost_by_round(entries: Sequence[LedgerEntry]) -> dict[int, Decimal]:
    """Total cost of our offered or accepted entries per round, rounds ascending."""
    totals: dict[int, Decimal] = {}
    for e in entries:
        if e.giver is Giver.US and e.status in _ON_THE_TABLE and e.round is not None:
            totals[e.round] = totals.get(e.round, Decimal(0)) + _amount(e.cost)
    return dict(sorted(totals.items()))


def growing_rounds(entries: Sequence[LedgerEntry]) -> list[tuple[int, int]]:
    """(previous round, round) pairs where our concessions cost more than the round before."""
    totals = list(our_cost_by_round(entries).items())
    return [
        (prev_round, round_)
        for (prev_round, prev_cost), (round_, cost) in itertools.pairwise(totals)
        if cost > prev_cost
    ]


def entries_awaiting_approval(entries: Sequence[LedgerEntry]) -> list[int]:
    return [
        i
        for i, e in enumerate(entries)
        if e.needs_approval and not e.approved and e.status in _LIVE
    ]


def cost_problem(entry: LedgerEntry) -> str | None:
    """Why a concession's cost cannot be kept (a message naming the field), or None: a
    cost is what giving it costs, nothing or more; a gain is not a concession."""
    if entry.cost is not None and entry.cost < 0:
        return _("The cost of the concession “{what}” is {cost}: a cost cannot be negative").format(
            what=entry.what, cost=entry.cost
        )
    return None


def check_costs(entries: Sequence[LedgerEntry]) -> None:
    """Refuse a concession whose cost is negative (InputError naming the field)."""
    for entry in entries:
        problem = cost_problem(entry)
        if problem is not None:
            raise InputError(problem, "cost")
