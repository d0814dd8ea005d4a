"""The database's backups from the window: the copy taken at every start, the copy or
restore the rep asks for, and, when the database is found damaged, the offer of its
latest good backup.

`Backups` is the part of the `Workspace` (`ui/workspace.py`) that does this; the store
and the backup tools are imported on first use.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import threading
    from datetime import date

    from PySide6.QtCore import SignalInstance

    from salesdesk.store.engine import Database
    from salesdesk.ui.background import Job
    from salesdesk.ui.session import DealSession

log = logging.getLogger(__name__)


class Recover(enum.Enum):
    """An answer to `OpenProblem` other than a file: put the offered backup back."""

    RESTORE = "restore"


class OpenProblem(NamedTuple):
    """A database that cannot be used, put to the rep: what is wrong, and for a damaged
    file, its latest good backup (then `database` is the damaged file)."""

    message: str
    database: Path | None = None
    backup: Path | None = None


# The rep's answer: another file or URL to open, `Recover.RESTORE`, or None (give up).
Choice = str | Recover | None


class Backups:
    """The workspace's backups (a part of `Workspace`, which holds what it reads)."""

    db: Database | None
    session: DealSession | None
    today: Callable[[], date]
    backup_job: Job | None
    _backup_cancel: threading.Event | None
    if TYPE_CHECKING:
        backup_finished: SignalInstance
        failed: SignalInstance

        def _ask(self, problem: OpenProblem) -> str | None: ...
        def _replace_database(self, db: Database) -> None: ...

    def _automatic_backup(self) -> None:
        """A backup at every start, the last seven kept beside the database.

        On its own thread: copying a large database and checking the copy takes a while
        (3 s of a processor at 100,000 deals) and the rep is already using the window.
        """
        import threading

        from salesdesk.interop.backup import automatic_backup
        from salesdesk.ui.background import Job

        if self.db is None or self.db.path is None:
            return
        path = self.db.path
        cancel = self._backup_cancel = threading.Event()
        # Copying and checking 100,000 deals keeps a processor busy for seconds: the
        # window's frames come first (`background`).
        job = self.backup_job = Job(
            lambda: automatic_backup(path, cancel=cancel), "automatic backup", background=True
        )
        job.done.connect(self._backup_done)
        job.failed.connect(self._backup_failed)
        job.start()

    def _wait_for_backup(self, seconds: float | None = None) -> bool:
        """Whether the start-up backup has ended (within `seconds`); True when none runs."""
        return self.backup_job is None or self.backup_job.wait(seconds)

    def _backup_done(self, path: object) -> None:
        log.info("automatic backup at %s", path)
        self.backup_finished.emit(path)

    def _backup_failed(self, exc: object) -> None:
        from salesdesk.interop.backup import BackupCancelled, DamagedDatabase
        from salesdesk.store.errors import StoreError

        if isinstance(exc, BackupCancelled):
            return
        if not isinstance(exc, StoreError):
            raise exc if isinstance(exc, BaseException) else RuntimeError(exc)  # our bug
        log.warning("automatic backup failed: %s", exc)
        if isinstance(exc, DamagedDatabase):
            self._recover(str(exc), exc.db_path)
            return
        self.failed.emit(str(exc))

    def _recover(self, message: str, damaged: Path) -> None:
        """The start-up backup found the database damaged: the offer made for unreadable
        files (the latest good backup, or another file) rather than writing into it."""
        from salesdesk.store.engine import open_database
        from salesdesk.store.errors import DatabaseUnavailable, Problem, StoreError

        if self.db is not None:
            self.db.engine.dispose()  # let the restore take the file
        problem = DatabaseUnavailable(Problem.CORRUPT, str(damaged))
        target = self._ask(OpenProblem(message, *restorable(problem)))
        if target is None:
            self.failed.emit(message)
            return
        try:
            db = open_database(target)
        except StoreError as error:
            self.failed.emit(str(error))
            return
        self._replace_database(db)

    def backups_off(self) -> str:
        """Why backups cannot be taken here ("" when they can): a team server's backups
        need PostgreSQL's tools."""
        if self.db is None or self.db.is_sqlite:
            return ""
        from salesdesk.interop.server_backup import tools_missing

        return tools_missing() or ""

    def backup_name(self) -> str:
        """The file name a manual backup is offered under."""
        stamp = self.today().isoformat()
        if self.db is not None and self.db.path is None:
            return f"salesdesk-{stamp}.dump"
        return f"salesdesk-{stamp}.db"

    def back_up(self, target: Path) -> None:
        """A copy of the database at `target`: SQLite's online copy, checked, or a team
        server's pg_dump. Raises StoreError."""
        if self.db is None:
            return
        if self.session is not None:
            self.session.save_now()
        if self.db.path is not None:
            from salesdesk.interop.backup import take_backup

            take_backup(self.db.path, target)
        else:
            from salesdesk.interop.server_backup import server_backup

            server_backup(self._server_url(), target)

    def check_backup(self, backup: Path) -> None:
        """Raises StoreError when `backup` cannot be restored (a server's dump is checked
        by pg_restore itself)."""
        from salesdesk.interop.backup import check_backup

        if self.db is not None and self.db.path is not None:
            check_backup(backup)

    def restore(self, backup: Path) -> Path | None:
        """Put `backup` in place of the database and carry on with it; returns where the
        previous database was kept. Raises StoreError."""
        from salesdesk.interop.backup import restore_backup
        from salesdesk.interop.server_backup import server_restore
        from salesdesk.store.engine import open_database

        assert self.db is not None
        self._wait_for_backup()  # the start-up copy may still be reading the file
        if self.session is not None:
            self.session.close()
        local, url = self.db.path, self._server_url()
        self.db.close()
        if local is not None:
            kept = restore_backup(backup, local)
            db = open_database(str(local))  # migrates a backup made by an older version
        else:
            kept = server_restore(url, backup)
            db = open_database(url)
        self._replace_database(db)
        log.info("restored %s; previous database kept at %s", backup, kept)
        return kept

    def _server_url(self) -> str:
        assert self.db is not None
        return self.db.engine.url.render_as_string(hide_password=False)


def restorable(exc: Exception) -> tuple[Path | None, Path | None]:
    """(database, latest good backup) when a damaged database has one to go back to."""
    from salesdesk.interop.backup import BackupError, check_backup, latest_backups
    from salesdesk.store.errors import DatabaseUnavailable, Problem

    if not isinstance(exc, DatabaseUnavailable) or exc.problem is not Problem.CORRUPT:
        return None, None
    path = Path(exc.location)
    for backup in latest_backups(path) if path.is_file() else []:
        try:
            check_backup(backup)
        except BackupError:
            continue  # a damaged backup is skipped for an older, good one
        return path, backup
    return None, None
