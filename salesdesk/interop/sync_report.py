"""What a sync says: its errors, the conflicts it found and the summary of what moved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from salesdesk.i18n import _, ngettext


class SyncError(Exception):
    """A sync that could not start or settle a deal; `str()` is one translated line."""


class Take(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"


class Kind(StrEnum):
    CHANGED = "changed"  # changed on both sides
    DELETED_HERE = "deleted_here"  # deleted here, changed on the server
    DELETED_THERE = "deleted_there"  # changed here, deleted on the server
    UNSEEN = "unseen"  # changed here, no longer shown to this rep by the server
    REFUSED = "refused"  # deleted here; the server does not let this rep delete it


# The sync state's `conflict` for a deal the server stopped showing to this rep, and for
# a deletion the server refused (any other value: the server's version, 0 for deleted).
UNSEEN_MARK = -1
REFUSED_MARK = -2


def kind_of(conflict: int, here: bool, there: bool = True) -> Kind:
    """The kind of a conflict recorded as `conflict`, the deal being here or not."""
    if conflict == REFUSED_MARK:
        return Kind.REFUSED
    if not here:
        return Kind.DELETED_HERE
    if conflict == UNSEEN_MARK:
        return Kind.UNSEEN
    if conflict == 0 or not there:
        return Kind.DELETED_THERE
    return Kind.CHANGED


@dataclass(frozen=True, slots=True)
class SyncConflict:
    uid: str
    deal_id: int | None  # the deal here (None: deleted here)
    title: str
    kind: Kind

    def what(self) -> str:
        if self.kind is Kind.UNSEEN:
            return _("changed here and is no longer shared with you on the server")
        if self.kind is Kind.DELETED_HERE:
            return _("deleted here and changed on the server")
        if self.kind is Kind.DELETED_THERE:
            return _("changed here and deleted on the server")
        if self.kind is Kind.REFUSED:
            return _(
                "deleted here, and the server refused the deletion: your role may not delete it"
            )
        return _("changed here and on the server")

    def line(self) -> str:
        name = str(self.deal_id) if self.deal_id is not None else self.uid
        what = self.what()
        if self.kind is Kind.UNSEEN:
            return _(
                "Conflict: deal {deal} ({title}) {what}; your copy is kept. Keep it as your "
                "own new deal with: salesdesk sync --take mine {deal} (or drop it with "
                "--take theirs {deal})"
            ).format(deal=name, title=self.title, what=what)
        if self.kind is Kind.REFUSED:
            return _(
                "Conflict: deal {deal} ({title}) was {what}. Bring it back with: "
                "salesdesk sync --take theirs {deal}"
            ).format(deal=name, title=self.title, what=what)
        return _(
            "Conflict: deal {deal} ({title}) was {what} since the last sync; both are kept. "
            "Settle it with: salesdesk sync --take mine {deal} (or --take theirs {deal})"
        ).format(deal=name, title=self.title, what=what)


@dataclass(slots=True)
class SyncReport:
    sent: int = 0
    received: int = 0
    deleted_there: int = 0
    deleted_here: int = 0
    # Copies of deals the server no longer shows to this rep, removed here.
    unshared: int = 0
    # Deals sent that the server keeps otherwise than sent (its rules decided a field):
    # their copy here was made the server's.
    corrected: int = 0
    conflicts: list[SyncConflict] = field(default_factory=list)
    # One line per deal that could not move (it stays waiting), or why the sync stopped.
    errors: list[str] = field(default_factory=list)
    # How far this computer's clock is from the server's, when more than CLOCK_TOLERANCE
    # (positive: this computer is ahead).
    clock_off: timedelta | None = None

    @property
    def moved(self) -> int:
        """Deals written on either side (0 for a sync with nothing to do)."""
        return self.sent + self.received + self.deleted_there + self.deleted_here + self.unshared

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.errors

    def summary(self) -> str:
        line = _(
            "Sync: {sent} sent, {received} received, {gone_there} deleted on the server, "
            "{gone_here} deleted here, {conflicts} in conflict."
        ).format(
            sent=self.sent,
            received=self.received,
            gone_there=self.deleted_there,
            gone_here=self.deleted_here,
            conflicts=len(self.conflicts),
        )
        if self.unshared:
            line += " " + _(
                "{count} no longer shared with you on the server, removed here."
            ).format(count=self.unshared)
        if self.corrected:
            line += " " + ngettext(
                "{count} sent is kept otherwise by the server (its rules decided a field, "
                "such as an approval needed or a last contact in the future): your copy "
                "is now the server's.",
                "{count} sent are kept otherwise by the server (its rules decided a field, "
                "such as an approval needed or a last contact in the future): your copies "
                "are now the server's.",
                self.corrected,
            ).format(count=self.corrected)
        return line

    def clock_warning(self) -> str | None:
        """One line when this computer's clock is off the server's (as Anki warns)."""
        if self.clock_off is None:
            return None
        return clock_warning(self.clock_off)

    def clock_note(self) -> str | None:
        return None if self.clock_off is None else clock_note(self.clock_off)


CLOCK_TOLERANCE = timedelta(minutes=5)


def _amount(off: timedelta) -> str:
    minutes = round(abs(off).total_seconds() / 60)
    if minutes < 120:
        amount = ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    elif minutes < 48 * 60:
        hours = round(minutes / 60)
        amount = ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    else:
        days = round(minutes / (24 * 60))
        amount = ngettext("{n} day", "{n} days", days).format(n=days)
    return amount


def clock_note(off: timedelta) -> str:
    """The clock warning in a few words, for a status bar."""
    if off > timedelta(0):
        return _("Clock {amount} ahead of the server").format(amount=_amount(off))
    return _("Clock {amount} behind the server").format(amount=_amount(off))


def clock_warning(off: timedelta) -> str:
    amount = _amount(off)
    if off > timedelta(0):
        text = _(
            "This computer's clock is {amount} ahead of the team server's: set it right "
            "(automatic date and time) so that dates and contacts are not misread."
        )
    else:
        text = _(
            "This computer's clock is {amount} behind the team server's: set it right "
            "(automatic date and time) so that dates and contacts are not misread."
        )
    return text.format(amount=amount)
