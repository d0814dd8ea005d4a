"""Two people of one name on one deal (issue 23, section 6): a "Sophie Martin" of ours
attends the meeting, the customer's "Sophie Martin" introduced Karim Benali. Every
layer must keep which one is which."""

from __future__ import annotations

from datetime import date, time

from salesdesk.domain.deal import DealSheet, Meeting, PartySide, Role, Stakeholder, Stance

ACCOUNT = "Acme Industrie"
OURS_LABEL = "Sophie Martin (ours)"
THEIRS_LABEL = f"Sophie Martin ({ACCOUNT})"


def two_sophies(day: date) -> DealSheet:
    """Theirs first: a name looked up "first of that name" finds the wrong one for the
    meeting, and ours would be the wrong introducer."""
    theirs = Stakeholder("Sophie Martin", PartySide.THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC)
    ours = Stakeholder("Sophie Martin", PartySide.OURS, Role.INFLUENCER, Stance.CHAMPION)
    karim = Stakeholder(
        "Karim Benali", PartySide.THEIRS, Role.TECHNICAL_BUYER, Stance.SUPPORTER, theirs.uid
    )
    return DealSheet(
        "Two Sophies",
        ACCOUNT,
        stakeholders=[theirs, ours, karim],
        meetings=[
            Meeting(
                day,
                "Kick-off",
                time(10, 0),
                1,
                agenda="1. Needs",
                attendees=[ours.uid, karim.uid],
            )
        ],
    )


def who(sheet: DealSheet) -> tuple[list[tuple[str, PartySide, Role | None]], str | None]:
    """The meeting's attendees (name, side, role) and the side of Karim's introducer."""
    by_uid = {p.uid: p for p in sheet.stakeholders}
    attending = [
        (by_uid[uid].name, by_uid[uid].side, by_uid[uid].role)
        for uid in sheet.meetings[0].attendees
    ]
    karim = next(p for p in sheet.stakeholders if p.name == "Karim Benali")
    introducer = by_uid.get(karim.introduced_by or "")
    return attending, (
        f"{introducer.name}/{introducer.side.value}" if introducer is not None else None
    )


EXPECTED = (
    [
        ("Sophie Martin", PartySide.OURS, Role.INFLUENCER),
        ("Karim Benali", PartySide.THEIRS, Role.TECHNICAL_BUYER),
    ],
    "Sophie Martin/theirs",
)
