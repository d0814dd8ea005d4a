"""SQLModel tables. Enumerations are stored as their code strings, money as ExactDecimal.

Nothing here is SQLite-only: the same tables serve a shared PostgreSQL database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    false,
)
from sqlmodel import Field, SQLModel

from salesdesk.domain.text import ACCOUNT_KEY_LENGTH, DEAL_KEY_LENGTH
from salesdesk.store.types import ExactDecimal, ExactSmallDecimal


def _money(**kwargs: object) -> object:
    return Field(default=None, sa_type=ExactDecimal, **kwargs)  # type: ignore[call-overload]


def _moment(**kwargs: object) -> object:
    """A time stamped by the database's clock: `timestamptz` on a server (read in UTC, the
    session's zone), a naive UTC time on SQLite."""
    return Field(sa_type=DateTime(timezone=True), **kwargs)  # type: ignore[call-overload]


# Who made an account or a person on a team's server (the row rules of migration 0015:
# seen by them, by managers, or through a deal the reader sees). Empty on SQLite.
def _owner_role() -> object:
    return Field(default="", max_length=63, sa_column_kwargs={"server_default": ""})


def _row_uid(table: str) -> Index:
    """A deal's rows are found by their uid within the deal."""
    return Index(f"ux_{table}_uid", "deal_id", "uid", unique=True)


def _parent(table: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> object:
    return Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable, index=True
        ),
    )


class Setting(SQLModel, table=True):
    """The rep's profile and other business settings, shared by the app and the CLI."""

    key: str = Field(primary_key=True, max_length=100)
    value: str = ""


class Account(SQLModel, table=True):
    # Each owner's accounts are their own: one rep's "Acme" is not another's.
    __table_args__ = (
        UniqueConstraint("owner_role", "name_key", name="uq_account_owner_role_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    # Lower-cased, accent-free name: finds the account again whatever the spelling.
    name_key: str = Field(max_length=ACCOUNT_KEY_LENGTH)
    owner_role: str = _owner_role()  # type: ignore[assignment]


class Deal(SQLModel, table=True):
    __table_args__ = (
        # A CRM record is one deal per owner: two imports at once cannot both create
        # it, and a rep who cannot see a colleague's private deals imports his own.
        Index("ix_deal_source", "source_system", "source_id", "owner_role", unique=True),
        Index("ix_deal_status_stage", "status", "stage"),
        Index("ix_deal_title", "title"),
        Index("ix_deal_value", "value"),
        Index("ix_deal_next_contact_due", "next_contact_due"),
        Index("ix_deal_updated_at", "updated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=64, unique=True)
    account_id: int | None = _parent("account", nullable=False, ondelete="RESTRICT")  # type: ignore[assignment]
    title: str = Field(max_length=300)
    currency: str = Field(default="EUR", max_length=3)
    value: Decimal | None = _money()  # type: ignore[assignment]
    status: str = Field(default="open", max_length=10)
    stage: str = Field(default="qualification", max_length=20)
    phase: int = 1
    close_date: dt.date | None = None
    probability: int | None = None
    owner: str = Field(default="", max_length=200)
    source_system: str | None = Field(default=None, max_length=20)
    source_id: str | None = Field(default=None, max_length=100)
    source_stage: str | None = Field(default=None, max_length=100)
    # What else the CRM export said, as JSON: its account and owner ids (an API export
    # carries ids, not names), the lost reason.
    source_detail: str | None = Field(default=None, sa_type=Text)
    # Why a closed deal was lost, and the competitor (who won it, or whom we beat).
    lost_reason: str | None = Field(default=None, max_length=500)
    competitor: str | None = Field(default=None, max_length=200)
    last_contact: dt.date | None = None
    # Lower-cased, accent-free "title account", searched with LIKE on every database.
    search_key: str = Field(
        default="", max_length=DEAL_KEY_LENGTH, sa_column_kwargs={"server_default": ""}
    )
    # Stored for sorting and the overdue filter at 100,000 deals; refreshed at save and
    # at start (a meeting dated in the future becomes a contact when its day passes).
    next_contact_due: dt.date | None = None
    # The name of the built-in sample this deal was made from, so `demo --remove` finds it.
    sample: str | None = Field(default=None, max_length=40, index=True)
    created_at: dt.datetime = _moment()  # type: ignore[assignment]
    updated_at: dt.datetime = _moment()  # type: ignore[assignment]
    # Advanced by every save a person makes (not by refreshed derived columns); a save
    # that started from an older version is refused as a conflict.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    # Who owns the deal on a team's server: the PostgreSQL role that created it, set by
    # the server (row-level security lets others see it by the team's visibility).
    # Empty on a rep's own SQLite file.
    owner_role: str = Field(
        default="", max_length=63, index=True, sa_column_kwargs={"server_default": ""}
    )
    # The language the customer reads (their copy of the brief, calendar events);
    # NULL: the app's.
    customer_language: str | None = Field(default=None, max_length=5)


class Term(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("deal_id", "name"), _row_uid("term"))

    id: int | None = Field(default=None, primary_key=True)
    # Stable for life (domain.ids): a save updates the row with its uid, and a package
    # or a sync finds it again by it.
    uid: str | None = Field(default=None, max_length=64)
    deal_id: int | None = _parent("deal")  # type: ignore[assignment]
    position: int = 0
    name: str = Field(max_length=200)
    unit: str = Field(default="", max_length=50)
    direction: str = Field(default="higher_is_better", max_length=20)
    # numeric | options; an option term's positions (and its offer values) are stored
    # as the number of the option in term_option (its `position`).
    kind: str = Field(
        default="numeric", max_length=10, sa_column_kwargs={"server_default": "numeric"}
    )
    # Two decimals at most (whole numbers before migration 0017).
    weight: Decimal | None = Field(default=None, sa_type=ExactSmallDecimal)
    their_weight: Decimal | None = Field(default=None, sa_type=ExactSmallDecimal)
    opening: Decimal | None = _money()  # type: ignore[assignment]
    target: Decimal | None = _money()  # type: ignore[assignment]
    walk_away: Decimal | None = _money()  # type: ignore[assignment]
    their_opening: Decimal | None = _money()  # type: ignore[assignment]
    their_target: Decimal | None = _money()  # type: ignore[assignment]
    their_walk_away: Decimal | None = _money()  # type: ignore[assignment]
    market_low: Decimal | None = _money()  # type: ignore[assignment]
    market_typical: Decimal | None = _money()  # type: ignore[assignment]
    market_high: Decimal | None = _money()  # type: ignore[assignment]
    # The granularity of the term's values; NULL: what the positions' decimals suggest.
    step: Decimal | None = _money()  # type: ignore[assignment]


class TermOption(SQLModel, table=True):
    """One choice of an option term, with its score for us and our estimate of theirs."""

    __tablename__ = "term_option"
    __table_args__ = (UniqueConstraint("term_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    term_id: int | None = _parent("term")  # type: ignore[assignment]
    position: int = 0
    label: str = Field(max_length=200)
    score: Decimal = Field(sa_type=ExactDecimal)
    their_score: Decimal = Field(sa_type=ExactDecimal)


class TermPoint(SQLModel, table=True):
    """A score point of a numeric term for one side: the value and what it scores."""

    __tablename__ = "term_point"
    __table_args__ = (UniqueConstraint("term_id", "side", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    term_id: int | None = _parent("term")  # type: ignore[assignment]
    side: str = Field(max_length=10)
    position: int = 0
    value: Decimal = Field(sa_type=ExactDecimal)
    score: Decimal = Field(sa_type=ExactDecimal)


class Batna(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("deal_id", "side"),)

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int | None = _parent("deal")  # type: ignore[assignment]
    side: str = Field(max_length=10)
    description: str = ""
    value: Decimal | None = _money()  # type: ignore[assignment]
    term_id: int | None = _parent("term", nullable=True, ondelete="SET NULL")  # type: ignore[assignment]
    score: Decimal | None = _money()  # type: ignore[assignment]


class BatnaValue(SQLModel, table=True):
    """A value of a BATNA package: what the alternative gives on one term."""

    __tablename__ = "batna_value"
    __table_args__ = (UniqueConstraint("batna_id", "term_id"),)

    id: int | None = Field(default=None, primary_key=True)
    batna_id: int | None = _parent("batna")  # type: ignore[assignment]
    term_id: int | None = _parent("term")  # type: ignore[assignment]
    value: Decimal = Field(sa_type=ExactDecimal)


class LedgerEntry(SQLModel, table=True):
    __tablename__ = "ledger_entry"
    __table_args__ = (_row_uid("ledger_entry"),)

    id: int | None = Field(default=None, primary_key=True)
    # Stable for life (domain.ids): a save updates the row with its uid, and a package
    # or a sync finds it again by it.
    uid: str | None = Field(default=None, max_length=64)
    deal_id: int | None = _parent("deal")  # type: ignore[assignment]
    position: int = 0
    giver: str = Field(max_length=10)
    term_id: int | None = _parent("term", nullable=True, ondelete="SET NULL")  # type: ignore[assignment]
    what: str = ""
    cost: Decimal | None = _money()  # type: ignore[assignment]
    value: Decimal | None = _money()  # type: ignore[assignment]
    counterpart: str = ""
    counterpart_value: Decimal | None = _money()  # type: ignore[assignment]
    counterpart_cost: Decimal | None = _money()  # type: ignore[assignment]
    status: str = Field(default="planned", max_length=10)
    round: int | None = None
    needs_approval: bool = False
    approved: bool = False
    approved_by: str = Field(default="", max_length=200)
    approved_at: dt.datetime | None = _moment(default=None)  # type: ignore[assignment]
    declined: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class Offer(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("deal_id", "side", "round"), _row_uid("offer"))

    id: int | None = Field(default=None, primary_key=True)
    # Stable for life (domain.ids): a save updates the row with its uid, and a package
    # or a sync finds it again by it.
    uid: str | None = Field(default=None, max_length=64)
    deal_id: int | None = _parent("deal")  # type: ignore[assignment]
    side: str = Field(max_length=10)
    round: int


class OfferValue(SQLModel, table=True):
    __tablename__ = "offer_value"
    __table_args__ = (UniqueConstraint("offer_id", "term_id"),)

    id: int | None = Field(default=None, primary_key=True)
    offer_id: int | None = _parent("offer")  # type: ignore[assignment]
    term_id: int | None = _parent("term")  # type: ignore[assignment]
    value: Decimal = Field(sa_type=ExactDecimal)


class Stakeholder(SQLModel, table=True):
    """A person at the account (account_id set) or on our side (account_id empty): who
    they are. What they are in a deal (role, stance, who introduced them) is on the
    deal's link to them (`DealStakeholder`)."""

    __table_args__ = (Index("ix_stakeholder_uid", "uid"),)

    id: int | None = Field(default=None, primary_key=True)
    # Stable for life (domain.ids): a save updates the row with its uid, and a package
    # or a sync finds it again by it.
    uid: str | None = Field(default=None, max_length=64)
    account_id: int | None = _parent("account", nullable=True)  # type: ignore[assignment]
    name: str = Field(max_length=200)
    side: str = Field(default="theirs", max_length=10)
    owner_role: str = _owner_role()  # type: ignore[assignment]


class DealStakeholder(SQLModel, table=True):
    """Who takes part in a deal, in the order the rep listed them, and what they are in
    it: their role, stance and who introduced them (migration 0015)."""

    __tablename__ = "deal_stakeholder"

    deal_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("deal.id", ondelete="CASCADE"), primary_key=True),
    )
    stakeholder_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("stakeholder.id", ondelete="CASCADE"), primary_key=True, index=True
        ),
    )
    position: int = 0
    role: str | None = Field(default=None, max_length=20)
    stance: str | None = Field(default=None, max_length=20)
    introduced_by_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey(
                "stakeholder.id",
                ondelete="SET NULL",
                name="deal_stakeholder_introduced_by_id_fkey",
            ),
            nullable=True,
            index=True,
        ),
    )


class Meeting(SQLModel, table=True):
    __table_args__ = (Index("ix_meeting_date", "date"), _row_uid("meeting"))

    id: int | None = Field(default=None, primary_key=True)
    # Stable for life (domain.ids): a save updates the row with its uid, and a package
    # or a sync finds it again by it.
    uid: str | None = Field(default=None, max_length=64)
    deal_id: int | None = _parent("deal")  # type: ignore[assignment]
    date: dt.date
    time: dt.time | None = None
    round: int | None = None
    title: str = ""
    objectives: str = ""
    agenda: str = ""
    outcome: str = ""
    next_steps: str = ""
    customer_note: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # How long it lasts (NULL: not said), where it is, and its calendar sequence: raised
    # by every change of date, time, length, title or location (domain.meetings).
    minutes: int | None = None
    location: str = Field(default="", sa_column_kwargs={"server_default": ""})
    sequence: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class CancelledMeeting(SQLModel, table=True):
    """A meeting deleted from a deal, remembered so that a calendar exported again over
    its date cancels the event (STATUS:CANCELLED under the same UID). Forgotten when
    the meeting comes back (an undo, a sync) and once well past; gone with its deal."""

    __tablename__ = "cancelled_meeting"
    __table_args__ = (Index("ix_cancelled_meeting_date", "date"),)

    deal_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("deal.id", ondelete="CASCADE"), primary_key=True),
    )
    uid: str = Field(primary_key=True, max_length=64)
    date: dt.date
    time: dt.time | None = None
    minutes: int | None = None
    title: str = ""
    location: str = ""
    # The sequence the cancellation is sent with: the meeting's last one, plus one.
    sequence: int = 0


class MeetingAttendee(SQLModel, table=True):
    __tablename__ = "meeting_attendee"

    meeting_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    )
    stakeholder_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("stakeholder.id", ondelete="CASCADE"), primary_key=True, index=True
        ),
    )
    position: int = 0


class Interaction(SQLModel, table=True):
    __table_args__ = (Index("ix_interaction_deal_date", "deal_id", "date"), _row_uid("interaction"))

    id: int | None = Field(default=None, primary_key=True)
    # Stable for life (domain.ids): a save updates the row with its uid, and a package
    # or a sync finds it again by it.
    uid: str | None = Field(default=None, max_length=64)
    deal_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("deal.id", ondelete="CASCADE"), nullable=False),
    )
    date: dt.date
    channel: str = Field(default="call", max_length=10)
    summary: str = ""


class SyncState(SQLModel, table=True):
    """A laptop's record of one deal it syncs with the team server (interop.sync).

    The deal is changed here since the last sync when its version is no longer
    `local_version`; a state whose deal is gone is a deletion waiting to be sent
    (a tombstone). `base` is the deal's package as both sides had it at the last sync.
    """

    __tablename__ = "sync_state"

    deal_uid: str = Field(primary_key=True, max_length=64)
    # The deal's version on the server, and here, when they last matched.
    server_version: int | None = None
    local_version: int | None = None
    base: str = ""
    # The server's version when a sync found the deal changed on both sides (0: deleted
    # there); cleared when the rep settles it.
    conflict: int | None = None


class DealTombstone(SQLModel, table=True):
    """A deleted deal's uid and last version, so that a sync tells others it is gone."""

    __tablename__ = "deal_tombstone"

    uid: str = Field(primary_key=True, max_length=64)
    version: int = 0
    deleted_at: dt.datetime = _moment()  # type: ignore[assignment]
    # The deleted deal's owner on a team's server: its tombstone is read by those who
    # could read the deal (row-level security, migration 0012). Empty on SQLite.
    owner_role: str = Field(default="", max_length=63, sa_column_kwargs={"server_default": ""})


class DealChange(SQLModel, table=True):
    """One row: a counter every transaction that adds, removes or saves a deal advances
    (triggers of migration 0012), so a window notices every change made elsewhere."""

    __tablename__ = "deal_change"

    id: int = Field(primary_key=True)
    n: int = Field(default=0, sa_type=BigInteger)


metadata = SQLModel.metadata


class ChecklistTick(SQLModel, table=True):
    """A ticked item of a stage's checklist on a deal (the item's index in the list)."""

    __tablename__ = "checklist_tick"

    deal_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("deal.id", ondelete="CASCADE"), primary_key=True),
    )
    stage: str = Field(max_length=20, primary_key=True)
    item: int = Field(primary_key=True)
