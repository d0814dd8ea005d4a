"""Backups of a SQLite database: taken live (online backup API), checked before any
restore, and the current database always kept aside rather than overwritten.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import threading
from datetime import datetime
from pathlib import Path

from salesdesk.files import atomic_target, new_file_mode
from salesdesk.i18n import _
from salesdesk.store.errors import StoreError
from salesdesk.store.migrate import KNOWN_REVISIONS, copy_sqlite

KEEP_AUTOMATIC = 7
AUTO_PREFIX = "auto-"
# SQLite steps between two looks at a quit during the check of a copy (~20 ms of it). Each
# look runs Python, so it waits for the interpreter's lock: every 10,000 steps (2,800
# times a second at 100,000 deals) it took the lock from the window's thread as often,
# and the list's frames painted while the start-up copy was checked were 1.5 ms slower.
CHECK_STEPS = 500_000


class BackupError(StoreError):
    pass


class DamagedDatabase(BackupError):
    """The database itself is damaged: its copy failed the integrity check."""

    def __init__(self, db_path: Path, reason: str) -> None:
        self.db_path = db_path
        super().__init__(
            _(
                "The database {db} is damaged ({reason}); no backup was written. "
                "Restore a good backup."
            ).format(db=db_path, reason=reason)
        )


class BackupCancelled(BackupError):
    """The app quit while its start-up copy was being checked: the copy was dropped."""


def _verdict(path: Path, cancel: threading.Event | None = None) -> str:
    """`ok`, or the first problem `PRAGMA integrity_check` finds in the file.

    `cancel` set meanwhile stops the check (BackupCancelled): a quit does not wait for
    the whole check of a large database.
    """
    if cancel is not None and cancel.is_set():
        raise BackupCancelled(_("The backup was stopped."))
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    if cancel is not None:
        conn.set_progress_handler(lambda: 1 if cancel.is_set() else 0, CHECK_STEPS)
    try:
        return str(conn.execute("PRAGMA integrity_check(1)").fetchone()[0])
    except sqlite3.OperationalError as exc:
        if cancel is not None and cancel.is_set():
            raise BackupCancelled(_("The backup was stopped.")) from exc
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _copy_live(
    source: Path,
    target: Path,
    *,
    check: bool = True,
    cancel: threading.Event | None = None,
    number: int = 0,
) -> None:
    """Copy `source` into `target` atomically, safe while others read and write it.

    The copy counts only once `PRAGMA integrity_check` finds it whole: a damaged
    database never leaves anything that could be taken for a backup. `number` goes in
    the copy's header (a start-up backup's place in the order they were taken).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    target = atomic_target(target)
    mode = new_file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        copy_sqlite(source, Path(tmp), self_contained=True)
        if number:
            conn = sqlite3.connect(tmp)
            try:
                conn.execute(f"PRAGMA user_version = {int(number)}")
            finally:
                conn.close()
        os.chmod(tmp, mode)
        if check:
            verdict = _verdict(Path(tmp), cancel)
            if verdict != "ok":
                raise DamagedDatabase(source, verdict.splitlines()[-1])
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def take_backup(
    db_path: Path,
    target: Path | None = None,
    cancel: threading.Event | None = None,
    *,
    number: int = 0,
) -> Path:
    """Back up the database at `db_path`; returns the backup's path."""
    if not db_path.exists():
        raise BackupError(_("There is no database at {path} to back up.").format(path=db_path))
    target = target or backups_dir(db_path) / f"{db_path.stem}-{_stamp()}.db"
    try:
        _copy_live(db_path, target, cancel=cancel, number=number)
    except sqlite3.OperationalError as exc:  # locked, disk full…
        raise BackupError(_("The backup failed: {reason}").format(reason=exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(db_path, str(exc)) from exc
    except sqlite3.Error as exc:
        raise BackupError(_("The backup failed: {reason}").format(reason=exc)) from exc
    except OSError as exc:
        raise BackupError(
            _("Cannot write the backup {path}: {reason}").format(
                path=target, reason=exc.strerror or exc
            )
        ) from exc
    return target


def automatic_backup(
    db_path: Path, keep: int = KEEP_AUTOMATIC, cancel: threading.Event | None = None
) -> Path:
    """The backup taken when the app starts; the newest `keep` are kept.

    Newest by when they were taken, whatever the clock said: each start-up backup
    carries its number in the order they were taken (in its header, SQLite's
    `user_version`), so neither a clock set to 2031 nor a file named like a backup
    pushes the one just made out. Only our own backups are rotated — files that are not
    a SalesDesk database are left alone — and only once the new copy was checked, so a
    damaged database (which raises DamagedDatabase) never pushes a good backup out.
    """
    folder = backups_dir(db_path)
    ours = _start_up_backups(db_path)
    number = max(ours.values(), default=0) + 1
    path = take_backup(
        db_path, folder / f"{AUTO_PREFIX}{db_path.stem}-{_stamp()}.db", cancel, number=number
    )
    older = sorted((p for p in ours if p != path), key=lambda p: (ours[p], _mtime(p), p.name))
    for old in older[: max(0, len(older) - (keep - 1))]:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


def _start_up_backups(db_path: Path) -> dict[Path, int]:
    """The start-up backups of `db_path` in its backups folder, each with its number in
    the order they were taken (0 for those of an earlier SalesDesk, which kept none)."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.glob(f"{AUTO_PREFIX}{db_path.stem}-*.db"):
        number = _taken_number(path)
        if number is not None:
            found[path] = number
    return found


def _taken_number(path: Path) -> int | None:
    """A backup's number, or None when the file is not a SalesDesk database (a quick
    look: its header and tables, not every page)."""
    try:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return None
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"deal", "alembic_version"} <= tables:
                return None
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def latest_backups(db_path: Path) -> list[Path]:
    folder = backups_dir(db_path)
    found = [p for p in folder.glob("*.db")] if folder.exists() else []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def check_backup(path: Path) -> str:
    """Refuse a file that is damaged, not SalesDesk's, or too new; returns its revision."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise BackupError(
            _("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    if header != b"SQLite format 3\x00":
        raise BackupError(_("{path} is not a SalesDesk backup.").format(path=path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            _("{path} is damaged and cannot be restored ({reason}).").format(path=path, reason=exc)
        ) from exc
    if verdict != "ok":
        raise BackupError(
            _("{path} is damaged and cannot be restored ({reason}).").format(
                path=path, reason=verdict
            )
        )
    if "deal" not in tables or revision is None:
        raise BackupError(_("{path} is not a SalesDesk backup.").format(path=path))
    if revision not in KNOWN_REVISIONS:
        raise BackupError(
            _("{path} was made by a newer SalesDesk; update the application to restore it.").format(
                path=path
            )
        )
    missing = _schema_after_migration(path, str(revision))
    if missing is not None:
        raise BackupError(
            _(
                "{path} is not a SalesDesk backup: its tables do not match SalesDesk's ({what})."
            ).format(path=path, what=missing)
        )
    return str(revision)


def _schema_after_migration(path: Path, revision: str) -> str | None:
    """What the backup lacks of the models once brought to the current revision (a
    migrated copy is checked; the backup itself is left as it is)."""
    from salesdesk.store.engine import schema_mismatch
    from salesdesk.store.migrate import SCHEMA_HEAD, upgrade

    if revision == SCHEMA_HEAD:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return schema_mismatch(conn)
        finally:
            conn.close()
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    with tempfile.TemporaryDirectory(prefix="salesdesk-restore-") as folder:
        copy = Path(folder) / "check.db"
        copy_sqlite(path, copy, self_contained=True)
        engine = create_engine(f"sqlite:///{copy}")
        try:
            upgrade(engine)
        except (SQLAlchemyError, RuntimeError) as exc:
            return str(exc).splitlines()[0]
        finally:
            engine.dispose()
        conn = sqlite3.connect(copy)
        try:
            return schema_mismatch(conn)
        finally:
            conn.close()


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put `backup` in place of the database; the current one is kept aside first.

    Returns where the previous database was kept (None when there was none). The
    content is copied with SQLite's backup API, so a window that has the database
    open sees the restored data rather than a file pulled from under it.
    """
    if db_path.is_dir():
        raise BackupError(
            _("{path} is a folder: give the database file to restore into.").format(path=db_path)
        )
    check_backup(backup)
    kept: Path | None = None
    if db_path.exists() and db_path.stat().st_size > 0:
        kept = db_path.with_name(f"{db_path.stem}.before-restore-{_stamp()}{db_path.suffix}")
        try:
            _copy_live(db_path, kept, check=False)
        except (sqlite3.DatabaseError, DamagedDatabase):
            # A damaged database cannot be copied page by page: keep the file itself.
            os.replace(db_path, kept)
            for suffix in ("-wal", "-shm"):
                side = db_path.with_name(db_path.name + suffix)
                if side.exists():
                    os.replace(side, kept.with_name(kept.name + suffix))
    try:
        copy_sqlite(backup, db_path)
        conn = sqlite3.connect(db_path)
        try:
            conn.execute("PRAGMA user_version = 0")  # a backup's number stays with the backup
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(
            _("The restore failed: {reason}; the previous database is at {kept}.").format(
                reason=exc, kept=kept
            )
        ) from exc
    return kept
