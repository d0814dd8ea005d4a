"""A deal's whole preparation as plain objects: the worksheet, offers, ledger, people, history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from enum import StrEnum

from salesdesk.domain.errors import InputError
from salesdesk.domain.ids import new_uid
from salesdesk.domain.ledger import LedgerEntry
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.domain.terms import Side, Term, Value
from salesdesk.i18n import N_, _


class PartySide(StrEnum):
    THEIRS = "theirs"
    OURS = "ours"


class Role(StrEnum):
    DECISION_MAKER = "decision_maker"
    INFLUENCER = "influencer"
    ECONOMIC_BUYER = "economic_buyer"
    TECHNICAL_BUYER = "technical_buyer"
    USER = "user"
    GATEKEEPER = "gatekeeper"


ROLE_LABELS = {
    Role.DECISION_MAKER: N_("decision maker"),
    Role.INFLUENCER: N_("influencer"),
    Role.ECONOMIC_BUYER: N_("economic buyer"),
    Role.TECHNICAL_BUYER: N_("technical buyer"),
    Role.USER: N_("user"),
    Role.GATEKEEPER: N_("gatekeeper"),
}


class Stance(StrEnum):
    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    OPPONENT = "opponent"


STANCE_LABELS = {
    Stance.CHAMPION: N_("champion"),
    Stance.SUPPORTER: N_("supporter"),
    Stance.NEUTRAL: N_("neutral"),
    Stance.SKEPTIC: N_("skeptic"),
    Stance.OPPONENT: N_("opponent"),
}


class Channel(StrEnum):
    CALL = "call"
    EMAIL = "email"
    VISIT = "visit"
    VIDEO = "video"
    OTHER = "other"


CHANNEL_LABELS = {
    Channel.CALL: N_("call"),
    Channel.EMAIL: N_("e-mail"),
    Channel.VISIT: N_("visit"),
    Channel.VIDEO: N_("video call"),
    Channel.OTHER: N_("other"),
}


@dataclass
class Batna:
    """The best alternative to a negotiated agreement (MESORE) of one side."""

    description: str = ""
    # A value on one term: describes the alternative and feeds the per-term checks.
    value: Value | None = None
    term: str | None = None
    # Its worth on the package scale (0–100): typed, or computed from `package`.
    score: Decimal | None = None
    # The alternative as a package (a value per weighted term), when the rep fills one.
    package: dict[str, Value] | None = None

    @property
    def is_empty(self) -> bool:
        return (
            not self.description and self.value is None and self.score is None and not self.package
        )

    @property
    def needs_score(self) -> bool:
        """Valued on one term only: the package scale has no figure for it yet.

        Deals saved before BATNAs had their own score took one from that value; it
        meant something else (a score on one term), so it is asked for, not guessed.
        """
        return self.value is not None and self.score is None and not self.package


@dataclass
class Offer:
    """One side's package in one round: a value per term name."""

    side: Side
    round: int
    values: dict[str, Value] = field(default_factory=dict)
    # Stable for life; not part of equality (two rows alike are alike).
    uid: str = field(default_factory=new_uid, compare=False)

    def __post_init__(self) -> None:
        self.side = Side(self.side)


@dataclass
class Stakeholder:
    name: str
    side: PartySide = PartySide.THEIRS
    role: Role | None = None
    stance: Stance | None = None
    # The uid of the person of this deal who introduced them (never their name: two
    # people of one name may take part in a deal).
    introduced_by: str | None = None
    # Stable for life; not part of equality (two rows alike are alike).
    uid: str = field(default_factory=new_uid, compare=False)


def check_people(people: list[Stakeholder]) -> None:
    """Two people of one name may both take part in a deal (one on each side, or two
    namesakes at the account in two deals): a person is their uid, and the deal's
    meetings and introductions point at it. The same uid twice is one person listed
    twice; the same name twice on the same side of one deal is one person entered
    twice: both are refused."""
    seen: set[tuple[str, PartySide]] = set()
    uids: set[str] = set()
    for person in people:
        if person.uid in uids:
            raise InputError(
                _("{name} is listed twice in this deal: keep one").format(name=person.name),
                "stakeholders",
            )
        uids.add(person.uid)
        key = (person.name.strip(), PartySide(person.side))
        if key in seen:
            message = (
                _("{name} is twice on our side of this deal: keep one, or tell them apart")
                if key[1] is PartySide.OURS
                else _("{name} is twice on their side of this deal: keep one, or tell them apart")
            )
            raise InputError(message.format(name=key[0]), "stakeholders")
        seen.add(key)


def person_labels(people: Sequence[Stakeholder], account: str) -> dict[str, str]:
    """How each of the deal's people (by uid) is shown in a list or a chooser: the name,
    with the side when another person of the deal has that name too ("Sophie Martin
    (ours)", "Sophie Martin (Acme)")."""
    counts = Counter(p.name.strip() for p in people)
    labels: dict[str, str] = {}
    for p in people:
        name = p.name.strip()
        if counts[name] < 2:
            labels[p.uid] = name
        elif PartySide(p.side) is PartySide.OURS:
            labels[p.uid] = _("{name} (ours)").format(name=name)
        else:
            labels[p.uid] = _("{name} ({account})").format(
                name=name, account=account.strip() or _("theirs")
            )
    return labels


def people_named(people: Sequence[Stakeholder], uids: Iterable[str]) -> list[Stakeholder]:
    """The deal's people of these uids, in that order, each once (a uid of nobody in the
    deal, left by a merge, is passed over)."""
    by_uid = {p.uid: p for p in people}
    return [by_uid[uid] for uid in dict.fromkeys(uids) if uid in by_uid]


@dataclass
class Meeting:
    date: date
    title: str = ""
    time: time | None = None
    round: int | None = None
    objectives: str = ""
    agenda: str = ""
    outcome: str = ""
    next_steps: str = ""
    # The uids of the deal's people attending (never their names).
    attendees: list[str] = field(default_factory=list)
    customer_note: str = ""  # the only free text printed on the customer copy
    # How long it lasts, in minutes (None: not said; a calendar then gets an hour).
    minutes: int | None = None
    location: str = ""  # where: an address, a room, a video link
    # Stable for life; not part of equality (two rows alike are alike).
    uid: str = field(default_factory=new_uid, compare=False)
    # Raised by the store when the date, time, length, title or location change, and
    # never lowered, so that a calendar reads a change as an update of the same event.
    # Not part of equality: it follows the other fields, it is not edited.
    sequence: int = field(default=0, compare=False)


@dataclass
class Interaction:
    date: date
    channel: Channel = Channel.CALL
    summary: str = ""
    # Stable for life; not part of equality (two rows alike are alike).
    uid: str = field(default_factory=new_uid, compare=False)


@dataclass
class Source:
    """Where an imported deal came from, kept to update it on the next import."""

    system: str
    id: str | None = None
    stage: str | None = None
    # What else the CRM said: its account and owner ids, the lost reason.
    details: dict[str, str] = field(default_factory=dict)


@dataclass
class DealSheet:
    title: str
    account: str
    currency: str = "EUR"
    value: Decimal | None = None
    status: DealStatus = DealStatus.OPEN
    stage: Stage = Stage.QUALIFICATION
    phase: int = 1
    close_date: date | None = None
    probability: int | None = None
    owner: str = ""
    source: Source | None = None
    last_contact: date | None = None
    # Why a lost deal was lost, and who won it (or whom we beat): the review's words.
    lost_reason: str = ""
    competitor: str = ""
    batna_ours: Batna = field(default_factory=Batna)
    batna_theirs: Batna = field(default_factory=Batna)
    terms: list[Term] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)
    stakeholders: list[Stakeholder] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    # Ticked items of the stages' checklists: stage code → indexes in STAGE_CHECKLISTS.
    checklist: dict[str, list[int]] = field(default_factory=dict)
    # The language the customer reads (a code of i18n.SUPPORTED): their copy of the
    # brief and the calendar events are written in it. None: the app's language.
    customer_language: str | None = None
    uid: str | None = None
    id: int | None = None
    # The version the sheet was read at (0: never saved); the server advances it on
    # every save, and a save from an older version is refused as a conflict.
    version: int = field(default=0, compare=False)

    def term(self, name: str | None) -> Term | None:
        if name is None:
            return None
        return next((t for t in self.terms if t.name == name), None)

    def person(self, uid: str | None) -> Stakeholder | None:
        """The deal's person of this uid (None: nobody of the deal)."""
        return next((p for p in self.stakeholders if p.uid == uid), None) if uid else None

    def labels(self) -> dict[str, str]:
        """Each person's uid → how they are shown (see `person_labels`)."""
        return person_labels(self.stakeholders, self.account)

    def contact_events(self) -> list[date]:
        return [m.date for m in self.meetings] + [i.date for i in self.interactions]
