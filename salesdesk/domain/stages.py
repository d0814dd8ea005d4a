"""The relationship path (eight stages), project maturity (five phases) and contact cadence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from salesdesk.i18n import N_


class Stage(StrEnum):
    QUALIFICATION = "qualification"
    PROSPECTING = "prospecting"
    NEEDS = "needs"
    PROPOSAL = "proposal"
    CONTRACT = "contract"
    ROLLOUT = "rollout"
    EXPANSION = "expansion"
    LOYALTY = "loyalty"

    @property
    def number(self) -> int:
        return list(Stage).index(self) + 1


STAGE_LABELS: dict[Stage, str] = {
    Stage.QUALIFICATION: N_("Qualification"),
    Stage.PROSPECTING: N_("Prospecting"),
    Stage.NEEDS: N_("Needs definition"),
    Stage.PROPOSAL: N_("Proposal and refinement"),
    Stage.CONTRACT: N_("Contract"),
    Stage.ROLLOUT: N_("Roll-out follow-up"),
    Stage.EXPANSION: N_("Expansion"),
    Stage.LOYALTY: N_("Loyalty"),
}

# What the rep does at each stage (the article's path), shown as a checklist.
STAGE_CHECKLISTS: dict[Stage, tuple[str, ...]] = {
    Stage.QUALIFICATION: (
        N_("Gather, sort and analyse what is known about the prospect"),
        N_("Choose the approach"),
        N_("Write the prospecting scenario"),
    ),
    Stage.PROSPECTING: (
        N_("Map the network: who can introduce us to whom"),
        N_("Reach the right people through an introduction"),
    ),
    Stage.NEEDS: (
        N_("Discover the need"),
        N_("Rephrase the need and have it confirmed"),
        N_("Place the project's maturity phase"),
    ),
    Stage.PROPOSAL: (
        N_("Argue and confirm the value"),
        N_("Co-write the specification"),
        N_("Agree the discovery agreement: our diagnostic against a commitment"),
    ),
    Stage.CONTRACT: (
        N_("Prepare the worksheet: opening, target, walk-away, BATNA"),
        N_("Plan every concession with its counterpart"),
        N_("Negotiate and conclude"),
    ),
    Stage.ROLLOUT: (
        N_("Follow the start of delivery"),
        N_("Consolidate the start of the relationship"),
    ),
    Stage.EXPANSION: (
        N_("Spot complementary needs"),
        N_("Propose complementary offers"),
    ),
    Stage.LOYALTY: (
        N_("Keep in touch over time"),
        N_("Review satisfaction and renew"),
    ),
}


def skipped_stages(stage: Stage, checklist: Mapping[str, Sequence[int]]) -> list[Stage]:
    """The stages before `stage` that were passed over: not one item of their checklist
    ticked. A deal moved straight to a later stage has not done the earlier ones."""
    return [s for s in Stage if s.number < stage.number and not checklist.get(s.value)]


PHASES = (1, 2, 3, 4, 5)
PHASE_LABELS: dict[int, str] = {
    1: N_("A possible need the prospect has not identified"),
    2: N_("The need is recognised"),
    3: N_("Interest in a solution: suppliers consulted"),
    4: N_("External initiatives: meetings, requests for quotes"),
    5: N_("Internal initiatives: budget allocated, feasibility study"),
}
DEFAULT_CADENCE: tuple[int, int, int, int, int] = (7, 5, 3, 2, 1)


class DealStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


STATUS_LABELS = {
    DealStatus.OPEN: N_("open"),
    DealStatus.WON: N_("won"),
    DealStatus.LOST: N_("lost"),
}


@dataclass(frozen=True, slots=True)
class ContactState:
    last_contact: date | None
    next_contact_due: date | None
    overdue: bool


def phase_for_stage(stage: Stage) -> int:
    """The maturity phase a deal's stage implies: qualification 1, prospecting 2, needs 3,
    proposal 4, contract and later 5 (for a deal that arrives from a CRM)."""
    return min(stage.number, 5)


def contact_interval(phase: int, cadence: Sequence[int] = DEFAULT_CADENCE) -> int:
    """Days between contacts for a project at `phase` (1–5)."""
    return cadence[phase - 1]


def last_contact(recorded: date | None, events: Sequence[date], today: date) -> date | None:
    """The latest of the recorded date and of the events dated up to today."""
    candidates = [d for d in events if d <= today]
    if recorded is not None:
        candidates.append(recorded)
    return max(candidates) if candidates else None


def contact_state(
    *,
    recorded: date | None,
    events: Sequence[date],
    phase: int,
    status: DealStatus,
    today: date,
    cadence: Sequence[int] = DEFAULT_CADENCE,
) -> ContactState:
    last = last_contact(recorded, events, today)
    if last is None:
        return ContactState(None, None, False)
    due = last + timedelta(days=contact_interval(phase, cadence))
    return ContactState(last, due, status is DealStatus.OPEN and today > due)
