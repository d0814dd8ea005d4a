"""Backups of a team's PostgreSQL database, through PostgreSQL's own tools.

`pg_dump` writes a custom-format archive; `pg_restore` puts one back in a single
transaction (all or nothing), after the current content was itself dumped aside.
Without the tools installed, each says so in one line (and the app disables its
actions, saying why).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from salesdesk.i18n import _
from salesdesk.interop.backup import BackupError
from salesdesk.paths import data_dir


def pg_tool(name: str) -> str | None:
    """The path of a PostgreSQL client tool (PATH first, then Debian's versioned folders)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def tools_missing() -> str | None:
    """Why server backups cannot be made here, or None when they can."""
    missing = [name for name in ("pg_dump", "pg_restore") if pg_tool(name) is None]
    if not missing:
        return None
    return _(
        "Backups of a PostgreSQL database need {tools}, which is not installed here "
        "(Debian: apt install postgresql-client)."
    ).format(tools=" / ".join(missing))


def libpq_url(url: str) -> str:
    """The URL as PostgreSQL's tools read it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run(tool: str, args: list[str]) -> None:
    path = pg_tool(tool)
    if path is None:
        raise BackupError(tools_missing() or tool)
    done = subprocess.run([path, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [str(done.returncode)])[0]
        raise BackupError(_("{tool} failed: {reason}").format(tool=tool, reason=reason))


def default_target(url: str) -> Path:
    name = make_url(url).database or "salesdesk"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return data_dir() / "backups" / f"{name}-{stamp}.dump"


def server_backup(url: str, target: Path | None = None) -> Path:
    """Dump the database at `url` to `target` (written whole or not at all)."""
    target = target or default_target(url)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            _("cannot write {file}: {reason}").format(file=target, reason=exc.strerror)
        ) from None
    partial = target.with_name(target.name + ".part")
    try:
        _run("pg_dump", ["--format=custom", "--no-owner", f"--file={partial}", libpq_url(url)])
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def server_restore(url: str, backup: Path) -> Path:
    """Put `backup` back into the database at `url`; returns the dump of what it replaced."""
    if not backup.is_file():
        raise BackupError(_("Cannot read {file}").format(file=backup))
    with backup.open("rb") as handle:
        if handle.read(5) != b"PGDMP":
            raise BackupError(
                _("{file} is not a PostgreSQL backup (pg_dump custom format)").format(file=backup)
            )
    kept = server_backup(url)
    _run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            libpq_url(url),
            str(backup),
        ],
    )
    return kept
