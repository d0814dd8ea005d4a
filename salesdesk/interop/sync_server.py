"""The team server as a sync sees it: where it is (remembered here, never its password),
opening it with one clear line when it cannot be, and its clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.engine import make_url

from salesdesk.i18n import N_, _
from salesdesk.interop.sync_report import CLOCK_TOLERANCE, SyncError
from salesdesk.store import settings
from salesdesk.store.engine import Database, open_database
from salesdesk.store.errors import DatabaseUnavailable, Login, Problem

SERVER_KEY = "team.server"
LAST_SYNC_KEY = "team.last_sync"

NO_SERVER = N_("No team server is set: give --server URL, or set it in Settings → Team.")


def server_setting(local: Database) -> str | None:
    return settings.get_setting(local, SERVER_KEY) or None


def remember_server(local: Database, url: str | None) -> None:
    """Keep the server's URL in the local database, never its password (libpq's
    ~/.pgpass or PGPASSWORD gives it)."""
    settings.set_setting(local, SERVER_KEY, without_password(url) if url else None)


def without_password(url: str) -> str:
    # URL.set() takes None as "unchanged": the field is cleared on the tuple itself.
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def last_sync(local: Database) -> datetime | None:
    found = settings.get_setting(local, LAST_SYNC_KEY)
    return datetime.fromisoformat(found) if found else None


def mark_synced(local: Database, when: datetime) -> None:
    """The last successful sync, by the server's clock."""
    settings.set_setting(local, LAST_SYNC_KEY, when.astimezone(UTC).isoformat(timespec="seconds"))


def server_url(local: Database, url: str | None) -> str:
    url = url or server_setting(local)
    if not url:
        raise SyncError(_(NO_SERVER))
    return url


def open_server(url: str, notice: Callable[[str], None] | None = None) -> Database:
    try:
        return open_database(url, notice=notice)
    except DatabaseUnavailable as exc:
        role = make_url(url).username or ""
        if exc.problem in (Problem.SERVER_TOO_NEW, Problem.SERVER_NEEDS_UPGRADE):
            reason = str(exc)  # reached, but of another release: said in those words
        elif exc.login is Login.PASSWORD_REFUSED:
            reason = _(
                "The team server refused the password of role {role}: correct it in "
                "~/.pgpass (server:port:database:role:password)."
            ).format(role=role)
        elif exc.login is Login.NO_PASSWORD:
            reason = _(
                "The team server asks for the password of role {role}: put it in "
                "~/.pgpass (server:port:database:role:password)."
            ).format(role=role)
        else:
            reason = _("The team server cannot be reached: {reason}").format(reason=exc)
        raise SyncError(reason) from exc


def server_now(server: Database) -> datetime:
    """The server's clock (an aware moment, whatever the server's time zone)."""
    if server.is_sqlite:
        return datetime.now(UTC)  # a file on this computer: its clock is this one
    with server.engine.connect() as conn:
        found = conn.execute(text("SELECT now()")).scalar_one()
    moment = found if isinstance(found, datetime) else datetime.fromisoformat(str(found))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def clock_off(here: datetime, there: datetime) -> timedelta | None:
    """How far this computer's clock is ahead of the server's, when more than the
    tolerance (negative: behind); None within it."""
    off = here - there
    return off if abs(off) > CLOCK_TOLERANCE else None
