"""Database errors, sorted into the user's environment (a clear message) and our bugs.

An error of the environment — a locked, read-only, full, corrupt or foreign
database — is something the user can act on: it becomes a `DatabaseUnavailable`
with one translated sentence. Anything else is a bug and propagates unchanged, to
reach the crash dialog or the log with its traceback.
"""

from __future__ import annotations

from enum import StrEnum

from salesdesk.i18n import _


class StoreError(Exception):
    """A failure the user can understand; `str()` is the translated message."""


class NotFound(StoreError):
    pass


class Conflict(StoreError):
    """A save or an import that started from an older version of the deal than the
    database's: someone else saved it meanwhile. Nothing was written."""

    def __init__(self, deal_id: int, title: str, mine: int, theirs: int) -> None:
        self.deal_id = deal_id
        self.title = title
        self.mine = mine
        self.theirs = theirs
        super().__init__(
            _(
                "Deal {id} ({title}) was changed by someone else: it is at version "
                "{theirs}, this change started from version {mine}. Nothing was written."
            ).format(id=deal_id, title=title, theirs=theirs, mine=mine)
        )


class Busy(StoreError):
    """A row another connection holds locked for longer than the lock timeout."""

    def __init__(self, deal_id: int | None) -> None:
        self.deal_id = deal_id
        super().__init__(
            _("Deal {id} is being saved by someone else; try again in a moment.").format(id=deal_id)
            if deal_id is not None
            else _("The database is busy with someone else's change; try again in a moment.")
        )


class Clash(StoreError):
    """A write refused by one of the database's rules (a duplicate, a missing row)."""


class Refused(Clash):
    """A write the server's rules do not let this role make (row-level security, a
    missing grant): asking again changes nothing."""


class Problem(StrEnum):
    LOCKED = "locked"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    CORRUPT = "corrupt"
    NOT_SALESDESK = "not_salesdesk"
    TOO_NEW = "too_new"
    # A team's server: its schema is newer than this app's, or older (its lead upgrades it).
    SERVER_TOO_NEW = "server_too_new"
    SERVER_NEEDS_UPGRADE = "server_needs_upgrade"
    CANNOT_OPEN = "cannot_open"


class DatabaseUnavailable(StoreError):
    def __init__(self, problem: Problem, location: str, detail: str = "") -> None:
        self.problem = problem
        self.location = location
        self.detail = detail
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.location
        messages = {
            Problem.LOCKED: _(
                "The database {db} is locked by another program; close it or try again in a moment."
            ),
            Problem.READ_ONLY: _(
                "The database {db} cannot be written (read-only file or "
                "folder); check its permissions."
            ),
            Problem.DISK_FULL: _("The disk holding {db} is full; free some space and try again."),
            Problem.CORRUPT: _(
                "The database {db} is damaged (not a readable SQLite file); "
                "restore a backup or choose another file."
            ),
            Problem.NOT_SALESDESK: _("{db} is not a SalesDesk database; it was left untouched."),
            Problem.TOO_NEW: _(
                "The database {db} was made by a newer SalesDesk; "
                "update the application to open it."
            ),
            Problem.SERVER_TOO_NEW: _(
                "The team server {db} was upgraded by a newer SalesDesk than this one; "
                "update the application to use it."
            ),
            Problem.SERVER_NEEDS_UPGRADE: _(
                "The team server {db} needs an upgrade that only the team's lead makes: "
                "ask them to run salesdesk team upgrade."
            ),
            Problem.CANNOT_OPEN: _("The database {db} cannot be opened: {detail}"),
        }
        return messages[self.problem].format(db=where, detail=self.detail)


_SIGNATURES: tuple[tuple[str, Problem], ...] = (
    ("database is locked", Problem.LOCKED),
    ("database table is locked", Problem.LOCKED),
    ("readonly database", Problem.READ_ONLY),
    ("read-only", Problem.READ_ONLY),
    ("database or disk is full", Problem.DISK_FULL),
    ("no space left", Problem.DISK_FULL),
    ("file is not a database", Problem.CORRUPT),
    ("file is encrypted or is not a database", Problem.CORRUPT),
    ("database disk image is malformed", Problem.CORRUPT),
    ("unable to open database file", Problem.CANNOT_OPEN),
    ("disk i/o error", Problem.CANNOT_OPEN),
    ("could not connect", Problem.CANNOT_OPEN),
    ("connection refused", Problem.CANNOT_OPEN),
)


def classify(exc: BaseException, location: str) -> DatabaseUnavailable | None:
    """The environment problem behind `exc`, or None when it is a bug of ours."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    for needle, problem in _SIGNATURES:
        if needle in text:
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            return DatabaseUnavailable(problem, location, detail)
    return None
