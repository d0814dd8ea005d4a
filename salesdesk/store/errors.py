"""Database errors, sorted into the user's environment (a clear message) and our bugs.

An error of the environment — a locked, read-only, full, corrupt or foreign
database — is something the user can act on: it becomes a `DatabaseUnavailable`
with one translated sentence. Anything else is a bug and propagates unchanged, to
reach the crash dialog or the log with its traceback.
"""

from __future__ import annotations

import errno
from enum import StrEnum
from typing import TypeVar

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


class Damaged(StoreError):
    """A deal whose stored value this app does not know (a word written in psql, a
    newer release's): that deal's problem alone, named with the field."""

    def __init__(self, deal_id: int, field: str, value: object) -> None:
        self.deal_id = deal_id
        self.field = field
        super().__init__(
            _(
                "Deal {id} cannot be read: its {field} holds {value!r}, "
                "which SalesDesk does not know."
            ).format(id=deal_id, field=field, value=value)
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


class Login(StrEnum):
    NO_PASSWORD = "no_password"  # the server asks for a password and none was found
    PASSWORD_SENT = "password_sent"  # a password was sent and the login still failed
    PASSWORD_REFUSED = "password_refused"  # …and the same password fails everywhere


class DatabaseUnavailable(StoreError):
    def __init__(
        self, problem: Problem, location: str, detail: str = "", login: Login | None = None
    ) -> None:
        self.problem = problem
        self.location = location
        self.detail = detail
        # For a server that refused the login: what libpq knows of the password.
        self.login = login
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
        if "://" in where:  # a server's: nothing the rep's own files or disk can change
            messages |= {
                Problem.READ_ONLY: _(
                    "The server's database {db} accepts no changes at the moment (it is "
                    "read-only); ask its administrator."
                ),
                Problem.DISK_FULL: _(
                    "The disk of the server holding {db} is full; ask its administrator "
                    "to free some space."
                ),
                Problem.CORRUPT: _(
                    "The server's database {db} reports damaged data; ask its administrator "
                    "to restore a backup."
                ),
            }
        return messages[self.problem].format(db=where, detail=self.detail)


# Sorted by the codes the databases give, never by their words: a server's messages are
# in its `lc_messages` language, and a message can quote a user's data.

# SQLite's primary result codes (sqlite.org/rescode.html). Python's sqlite3 gives the
# extended code as `sqlite_errorcode`; its low byte is the primary one.
_SQLITE_CODES: dict[int, Problem] = {
    5: Problem.LOCKED,  # SQLITE_BUSY
    6: Problem.LOCKED,  # SQLITE_LOCKED
    8: Problem.READ_ONLY,  # SQLITE_READONLY
    10: Problem.CANNOT_OPEN,  # SQLITE_IOERR
    11: Problem.CORRUPT,  # SQLITE_CORRUPT
    13: Problem.DISK_FULL,  # SQLITE_FULL
    14: Problem.CANNOT_OPEN,  # SQLITE_CANTOPEN
    26: Problem.CORRUPT,  # SQLITE_NOTADB
}

# PostgreSQL's SQLSTATE (postgresql.org/docs/current/errcodes-appendix.html).
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout ran out
QUERY_CANCELED = "57014"  # statement_timeout ran out
SERIALIZATION_FAILURE = "40001"  # a serializable server's concurrent change
DEADLOCK_DETECTED = "40P01"
INSUFFICIENT_PRIVILEGE = "42501"  # a missing grant, or row-level security
APPROVAL_REFUSED = "SD001"  # raised by the approval guard of migration 0012
# Another connection's work in the way: the same change later goes through.
BUSY_STATES = frozenset(
    {LOCK_NOT_AVAILABLE, QUERY_CANCELED, SERIALIZATION_FAILURE, DEADLOCK_DETECTED}
)
_SERVER_STATES: dict[str, Problem] = {
    "25006": Problem.READ_ONLY,  # read_only_sql_transaction: a standby, or set so
    "53100": Problem.DISK_FULL,
    "XX001": Problem.CORRUPT,  # data_corrupted
    "XX002": Problem.CORRUPT,  # index_corrupted
    "53300": Problem.CANNOT_OPEN,  # too_many_connections
    "57P01": Problem.CANNOT_OPEN,  # admin_shutdown
    "57P02": Problem.CANNOT_OPEN,  # crash_shutdown
    "57P03": Problem.CANNOT_OPEN,  # cannot_connect_now (starting up)
    "3D000": Problem.CANNOT_OPEN,  # the database does not exist
}
_CONNECTION_CLASS = "08"  # connection_exception and its kin
# The server ending a connection it had: shut down, crashed, or an administrator's order.
SHUTDOWN_STATES = frozenset({"57P01", "57P02", "57P03"})

_OS_ERRORS: dict[int, Problem] = {
    errno.ENOSPC: Problem.DISK_FULL,
    errno.EDQUOT: Problem.DISK_FULL,
    errno.EROFS: Problem.READ_ONLY,
}


def _cause(exc: BaseException) -> BaseException:
    """The driver's exception behind SQLAlchemy's wrapper (or `exc` itself)."""
    return getattr(exc, "orig", None) or exc


def sqlstate(exc: BaseException) -> str | None:
    """PostgreSQL's code for an error, None for SQLite's or for a connection that failed
    before the server said anything."""
    return getattr(_cause(exc), "sqlstate", None)


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code for an error (SQLITE_BUSY is 5), or None."""
    code = getattr(_cause(exc), "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_busy(exc: BaseException) -> bool:
    """A lock or statement timeout, a serialization failure or a deadlock on the server:
    someone else's change was in the way, and trying again later works."""
    return sqlstate(exc) in BUSY_STATES


def connection_failed(exc: BaseException) -> bool:
    """psycopg's error for a connection that failed or was lost: no SQLSTATE, since the
    server said nothing a code could come from (refused, unreachable, dropped, or a
    refusal at login, which libpq gives as text only)."""
    cause = _cause(exc)
    pgconn = getattr(cause, "pgconn", None)
    return (
        getattr(cause, "sqlstate", "") is None
        and pgconn is not None
        and getattr(pgconn, "status", 0) != 0  # libpq's CONNECTION_OK
    )


def connection_lost(exc: BaseException) -> bool:
    """A connection that went while in use (a network cut, a server restarted or told to
    end it): by its SQLSTATE when the server said why, else by the connection's state
    (psycopg's own words then, in English, are no message for a user)."""
    state = sqlstate(exc)
    if state is not None:
        return state.startswith(_CONNECTION_CLASS) or state in SHUTDOWN_STATES
    return bool(getattr(exc, "connection_invalidated", False)) or connection_failed(exc)


def login_problem(exc: BaseException) -> Login | None:
    """What libpq knows of the login of a failed connection (its own flags, not words)."""
    if not connection_failed(exc):
        return None
    pgconn = _cause(exc).pgconn  # type: ignore[attr-defined]
    if pgconn.needs_password:
        return Login.NO_PASSWORD
    if pgconn.used_password:
        return Login.PASSWORD_SENT
    return None


def _problem(exc: BaseException) -> Problem | None:
    code = sqlite_code(exc)
    if code is not None:
        return _SQLITE_CODES.get(code)
    state = sqlstate(exc)
    if state is not None:
        if state.startswith(_CONNECTION_CLASS):
            return Problem.CANNOT_OPEN
        return _SERVER_STATES.get(state)
    if connection_failed(exc):
        return Problem.CANNOT_OPEN
    cause = _cause(exc)
    if isinstance(cause, OSError) and cause.errno is not None:
        return _OS_ERRORS.get(cause.errno)
    return None


def classify(exc: BaseException, location: str) -> DatabaseUnavailable | None:
    """The environment problem behind `exc`, or None when it is a bug of ours."""
    problem = _problem(exc)
    if problem is None:
        return None
    cause = _cause(exc)
    detail = (cause.strerror if isinstance(cause, OSError) else None) or str(cause)
    lines = detail.splitlines()
    return DatabaseUnavailable(problem, location, lines[0] if lines else "")


E = TypeVar("E", bound=StrEnum)


# Each kind's members by value: the list calls `known` twice a row, and a dictionary
# lookup costs a fifth of the enum's own call (a page of 200 rows is read in 2 ms).
_MEMBERS: dict[type[StrEnum], dict[str, StrEnum]] = {}


def known(kind: type[E], value: object, deal_id: int, field: str) -> E:
    """`kind(value)`, or `Damaged` naming the deal and the field: a word the app does not
    know (written in psql, or by a newer release) is that deal's problem only."""
    members = _MEMBERS.get(kind)
    if members is None:
        members = _MEMBERS[kind] = {member.value: member for member in kind}
    found = members.get(value) if isinstance(value, str) else None
    if found is None:
        raise Damaged(deal_id, field, value)
    return found  # type: ignore[return-value]  # a member of `kind`
