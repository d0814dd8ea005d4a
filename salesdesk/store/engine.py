"""Opening a SalesDesk database: a path or a SQLAlchemy URL, checked, migrated, tuned."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from salesdesk.i18n import _
from salesdesk.paths import resolve_database
from salesdesk.store.errors import (
    APPROVAL_REFUSED,
    INSUFFICIENT_PRIVILEGE,
    Busy,
    Clash,
    DatabaseUnavailable,
    Login,
    Problem,
    Refused,
    classify,
    is_busy,
    login_problem,
    sqlstate,
)
from salesdesk.store.migrate import KNOWN_REVISIONS, SCHEMA_HEAD, backup_sqlite, upgrade
from salesdesk.store.sqlite_file import BUSY_TIMEOUT_MS, check_header, check_sqlite_file

log = logging.getLogger(__name__)

# On a team's PostgreSQL server: how long a save waits for a row someone else is saving,
# and how long any statement may run, before the rep is told rather than left waiting.
LOCK_TIMEOUT_MS = int(os.environ.get("SALESDESK_LOCK_TIMEOUT_MS", "5000"))
STATEMENT_TIMEOUT_MS = int(os.environ.get("SALESDESK_STATEMENT_TIMEOUT_MS", "60000"))


def is_url(target: str) -> bool:
    return "://" in target


class Database:
    """An engine and the sessions taken from it; errors of the environment translated."""

    def __init__(self, engine: Engine, location: str, path: Path | None) -> None:
        self.engine = engine
        self.location = location
        self.path = path
        # True when this opening created the database (first start: add the samples).
        self.created = False

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[Session]:
        """One unit of work: committed at the end, rolled back entirely on error.

        `write` takes SQLite's write lock from the first statement (`BEGIN IMMEDIATE`),
        for work whose reads decide its writes: no other writer slips in between.
        """
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                if write and self.is_sqlite:
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        except SQLAlchemyError as exc:
            raise self.translate(exc) from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except SQLAlchemyError as exc:
            raise self.translate(exc) from exc

    def translate(self, exc: BaseException) -> BaseException:
        if isinstance(exc, IntegrityError):
            # Two writes of the same thing at the same moment, or a rule broken: said,
            # never a traceback; the transaction wrote nothing.
            detail = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            return Clash(
                _(
                    "The change was not saved: it clashes with another one saved at the "
                    "same moment ({detail}). Nothing was written; try again."
                ).format(detail=detail)
            )
        if isinstance(exc, OperationalError) and is_busy(exc):
            return Busy(None)
        if isinstance(exc, DBAPIError) and sqlstate(exc) == APPROVAL_REFUSED:
            # The server's guard on approvals (migration 0012), naming the concession.
            diag = getattr(exc.orig, "diag", None)
            return Clash(
                _(
                    "Only a manager approves or declines a concession (“{what}”); "
                    "nothing was saved."
                ).format(what=getattr(diag, "message_detail", None) or "")
            )
        if isinstance(exc, DBAPIError) and sqlstate(exc) == INSUFFICIENT_PRIVILEGE:
            # Row-level security or a missing grant: the server's word, said plainly.
            detail = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            return Refused(
                _("The server refused this change: your role may not make it ({detail}).").format(
                    detail=detail
                )
            )
        return classify(exc, self.location) or exc

    def close(self) -> None:
        self.engine.dispose()


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Issued on every new connection, outside any transaction: inside one,
    # foreign_keys=ON silently does nothing.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def schema_mismatch(conn: sqlite3.Connection) -> str | None:
    """What a SQLite database at the head revision lacks of the models' tables and
    columns ("deal.sample"), or None when every one is there."""
    from salesdesk.store.tables import metadata

    for table in metadata.sorted_tables:
        found = {row[1] for row in conn.execute(f'PRAGMA table_info("{table.name}")')}
        if not found:
            return table.name
        for column in table.columns:
            if column.name not in found:
                return f"{table.name}.{column.name}"
    return None


def open_database(
    target: str | None = None,
    *,
    notice: Callable[[str], None] | None = None,
    verify: bool = False,
    upgrade_server: bool = False,
    as_is: bool = False,
) -> Database:
    """Open (creating and migrating as needed) the database at a path or URL.

    A team's server is created when its database is empty, but an older one is migrated
    only with `upgrade_server` (`salesdesk team upgrade`, the lead's): a rep's app
    never migrates it. `as_is` opens a server whatever its (known) schema, migrating
    nothing: to back it up, or to see where it stands. `verify` reads every page of an
    existing SQLite file first (see check_sqlite_file). Raises DatabaseUnavailable for
    every problem of the user's environment.
    """
    target = resolve_database(target)
    if is_url(target):
        return _open_url(target, notice, verify, upgrade_server, as_is)
    path = Path(target).expanduser()
    location = str(path)
    existing = path.exists() and path.stat().st_size > 0
    if path.is_dir():
        raise DatabaseUnavailable(Problem.CANNOT_OPEN, location, _("it is a folder"))
    if existing:
        check_header(path)
        # SQLite needs to write the file and, in WAL mode, its folder (for -wal and -shm).
        if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise DatabaseUnavailable(Problem.READ_ONLY, location)
    revision = check_sqlite_file(path, verify=verify) if existing else None
    if not existing:
        folder = path.parent
        if not folder.is_dir():
            if not _creates_folders(target):
                raise DatabaseUnavailable(
                    Problem.CANNOT_OPEN,
                    location,
                    _("the folder {folder} does not exist").format(folder=folder),
                )
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(
                    Problem.CANNOT_OPEN, location, exc.strerror or str(exc)
                ) from exc
        if not os.access(folder, os.W_OK):
            # A read-only filesystem or folder: said before anything is tried there.
            raise DatabaseUnavailable(Problem.READ_ONLY, location)
        if notice:
            notice(_("Creating a new SalesDesk database at {path}").format(path=location))
        _create_sqlite(path, location)
        revision = SCHEMA_HEAD
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _tune_sqlite)
    db = Database(engine, location, path)
    db.created = not existing
    if revision != SCHEMA_HEAD:
        try:
            backup = backup_sqlite(path, f"before-{SCHEMA_HEAD}")
            log.info("schema %s → %s, backup at %s", revision, SCHEMA_HEAD, backup)
            upgrade(engine)
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            engine.dispose()
            problem = _environment(exc, location)
            if problem is exc:
                raise
            raise problem from exc
    return db


def schema_revision(db: Database) -> str | None:
    """The schema revision the database is at (None: an empty database)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        found = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return None if found is None else str(found)


def _creates_folders(target: str) -> bool:
    """Only the default database may create its folders; a `--db` in a folder that does
    not exist is a typing mistake more often than a wish."""
    from salesdesk.paths import default_database_path

    return Path(target).expanduser() == default_database_path()


def _environment(exc: BaseException, location: str) -> BaseException:
    problem = classify(exc, location)
    if problem is None and isinstance(exc, OSError):
        problem = DatabaseUnavailable(Problem.CANNOT_OPEN, location, exc.strerror or str(exc))
    return problem or exc


def _creation_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.creating-{os.getpid()}")


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # left for a later start on the same pid-less check
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove_abandoned_creations(path: Path) -> None:
    """Temporary files of creations that were killed before their link into place."""
    for leftover in path.parent.glob(f".{path.name}.creating-*"):
        owner = leftover.name.rsplit(".creating-", 1)[1].split("-")[0]
        if owner.isdigit() and (int(owner) == os.getpid() or not _alive(int(owner))):
            leftover.unlink(missing_ok=True)


def _create_sqlite(path: Path, location: str) -> None:
    """Create a complete database beside `path`, then link it into place.

    An interruption leaves no file at `path` (the next start creates it again), never
    a half-created one. Two processes creating the same database at once: the first
    link wins and the other opens that database.
    """
    _remove_abandoned_creations(path)
    part = _creation_path(path)
    sides = [part.with_name(part.name + s) for s in ("-journal", "-wal", "-shm")]
    engine = create_engine(f"sqlite:///{part}")
    event.listen(engine, "connect", _tune_sqlite)
    try:
        upgrade(engine)
        # Closing the last connection checkpoints the WAL into the file and removes it,
        # so the file linked into place is whole (and already in WAL mode).
        engine.dispose()
        if sides[1].exists():
            raise OSError(f"{part} kept its write-ahead log")
        fd = os.open(part, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(part, path)  # never replaces a database another process created
        except FileExistsError:
            if path.stat().st_size == 0:  # an empty file stands for no database
                os.replace(part, path)
        part.unlink(missing_ok=True)
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        for leftover in (part, *sides):
            with contextlib.suppress(OSError):  # a read-only folder refuses even this
                leftover.unlink(missing_ok=True)
        problem = _environment(exc, location)
        if problem is exc:
            raise
        raise problem from exc


def _open_url(
    url: str,
    notice: Callable[[str], None] | None,
    verify: bool = False,
    upgrade_server: bool = False,
    as_is: bool = False,
) -> Database:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(
            Problem.CANNOT_OPEN, url, _("it is neither a file path nor a database URL")
        ) from None
    location = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return open_database(parsed.database, notice=notice, verify=verify)
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, whatever version
        # psycopg logs a warning when it ends a pipeline whose statement failed; the
        # failure itself reaches us as an exception and becomes one translated line.
        logging.getLogger("psycopg").setLevel(logging.ERROR)
        # The session in UTC: the server's times are read and written in one zone,
        # whatever the server's own TimeZone (Europe/Paris, say).
        options["connect_args"] = {
            "options": f"-c lock_timeout={LOCK_TIMEOUT_MS} "
            f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c plan_cache_mode=force_custom_plan "
            "-c TimeZone=UTC"
        }
    try:
        engine = create_engine(parsed, pool_pre_ping=True, **options)
    except NoSuchModuleError:
        raise DatabaseUnavailable(
            Problem.CANNOT_OPEN,
            location,
            _("{kind} is not a kind of database SalesDesk knows").format(kind=parsed.drivername),
        ) from None
    except ImportError as exc:
        raise DatabaseUnavailable(
            Problem.CANNOT_OPEN,
            location,
            _('its driver is not installed ({module}); pip install "salesdesk[postgres]"').format(
                module=exc.name or exc
            ),
        ) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    db = Database(engine, location, None)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        if tables and ("alembic_version" not in tables or "deal" not in tables):
            raise DatabaseUnavailable(Problem.NOT_SALESDESK, location)
        server = parsed.get_backend_name() == "postgresql"
        if revision is not None and revision not in KNOWN_REVISIONS:
            newer = Problem.SERVER_TOO_NEW if server else Problem.TOO_NEW
            raise DatabaseUnavailable(newer, location)
        if server and tables and revision != SCHEMA_HEAD and not upgrade_server:
            if as_is:
                return db
            raise DatabaseUnavailable(Problem.SERVER_NEEDS_UPGRADE, location)
        db.created = not tables
        if not tables and notice:
            notice(_("Creating a new SalesDesk database at {path}").format(path=location))
        if revision != SCHEMA_HEAD:
            upgrade(engine)
    except DBAPIError as exc:
        engine.dispose()
        problem = classify(exc, location) or DatabaseUnavailable(
            Problem.CANNOT_OPEN, location, str(exc.orig).splitlines()[0]
        )
        login = login_problem(exc)
        if login is Login.PASSWORD_SENT and _password_refused(exc, parsed, options):
            login = Login.PASSWORD_REFUSED
        problem.login = login
        raise problem from exc
    except BaseException:
        engine.dispose()
        raise
    return db


def _password_refused(failed: DBAPIError, url: URL, options: dict[str, Any]) -> bool:
    """Whether a login that failed after its password was sent failed on the password.

    libpq tells the server's reason only as text, in the server's language; what came
    after a good password (a database that does not exist, a role that may not log in)
    looks the same in its flags. The same role and password (the one libpq sent, found
    in the URL or in ~/.pgpass) on template1, which every server has and every role may
    reach unless an administrator closed it, tells the two apart.
    """
    if url.database == "template1":
        return True
    sent = getattr(getattr(failed.orig, "pgconn", None), "password", b"")
    if sent:
        url = url.set(password=sent.decode())
    probe = create_engine(url.set(database="template1"), poolclass=NullPool, **options)
    try:
        with probe.connect():
            return False
    except DBAPIError as exc:
        return login_problem(exc) is Login.PASSWORD_SENT
    finally:
        probe.dispose()
