"""Building old databases and killing processes half-way, for the fault-injection tests."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def make_old_database(target: Path | str, deals: int, revision: str = "0001") -> None:
    """A SalesDesk database at an old `revision` holding `deals` deals: a SQLite file's
    path, or a server database's URL."""
    from sqlalchemy import create_engine, text

    from salesdesk.store.migrate import upgrade

    url = str(target) if "://" in str(target) else f"sqlite:///{target}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    upgrade(engine, revision)
    accounts = max(1, deals // 10)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO account(id, name, name_key) VALUES (:id, :name, :key)"),
            [
                {"id": i, "name": f"Account {i}", "key": f"account {i}"}
                for i in range(1, accounts + 1)
            ],
        )
        conn.execute(
            text(
                "INSERT INTO deal(uid, account_id, title, currency, status, stage, phase, owner,"
                " created_at, updated_at) VALUES (:uid, :account, :title, 'EUR', 'open',"
                " 'qualification', 1, '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            ),
            [
                {"uid": f"uid-{i}", "account": i % accounts + 1, "title": f"Deal {i}"}
                for i in range(deals)
            ],
        )
        if engine.dialect.name == "postgresql":  # ids given by hand leave the sequence behind
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence('account', 'id'), max(id)) FROM account")
            )
    engine.dispose()


# The child imports everything first and says "ready"; then it says "step" before each
# SQL statement it sends. The parent kills it on the step it chose: every kill lands in
# the work, wherever the work is today, however fast or loaded the machine (a window
# timed once lands after the end when a later run goes faster).
_STEPS = """
import sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

def _step(*_args):
    sys.stdout.write("step\\n")
    sys.stdout.flush()

event.listen(Engine, "before_cursor_execute", _step)
"""

_CHILD = (
    """
import sys
import alembic.command, alembic.runtime.migration, sqlalchemy.orm, sqlmodel
from salesdesk.store.engine import open_database
import salesdesk.store.tables
"""
    + _STEPS
    + """
print("ready", flush=True)
open_database(sys.argv[1], upgrade_server=True).close()  # on a server: the lead's upgrade
print("done", flush=True)
"""
)


_CLI_CHILD = (
    """
import sys
import alembic.command, sqlalchemy.orm, sqlmodel
import salesdesk.interop.crm_csv, salesdesk.store.engine
import salesdesk.store.approvals, salesdesk.store.crm_import, salesdesk.store.deals
from salesdesk import cli
"""
    + _STEPS
    + """
print("ready", flush=True)
sys.exit(cli.run(cli.parse(sys.argv[1:])))
"""
)


def open_in_child(target: Path | str, *cli_args: str) -> subprocess.Popen[str]:
    """A child that opens `target` (a SQLite file or a server's URL), or runs the command
    line `cli_args` on it."""
    argv = (
        ["-c", _CLI_CHILD, "--db", str(target), *cli_args]
        if cli_args
        else ["-c", _CHILD, str(target)]
    )
    return subprocess.Popen(
        [sys.executable, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def count_steps(target: Path | str, *cli_args: str) -> int:
    """How many statements the child sends from "ready" to the end of its work."""
    child = open_in_child(target, *cli_args)
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    lines = out.splitlines()
    assert lines[0] == "ready", out
    return lines.count("step")


def kill_at_step(target: Path | str, step: int, *cli_args: str) -> bool:
    """Open `target` (or run `cli_args` on it) in a child and SIGKILL it as it sends its
    `step`-th statement.

    Returns True when the kill landed before the child finished.
    """
    child = open_in_child(target, *cli_args)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    seen = 0
    while seen < step:
        line = child.stdout.readline()
        if not line:  # finished (or failed) before that step
            break
        seen += line.strip() == "step"
    finished = child.poll() is not None
    if not finished:
        os.kill(child.pid, signal.SIGKILL)
    _out, err = child.communicate(timeout=60)
    assert finished or child.returncode == -signal.SIGKILL, err
    assert not finished or child.returncode == 0, err
    return not finished


def damage_deal_page(path: Path) -> None:
    """Quiet damage on the first page of the `deal` table: its first deal's rowid
    changed, so SQLite still opens the file but deal 1 is no longer found."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'deal' AND pagetype = 'leaf' "
            "ORDER BY pageno LIMIT 1"
        ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    start = (page - 1) * size
    first_cell = int.from_bytes(data[start + 8 : start + 10], "big")
    data[start + first_cell + 1] = (data[start + first_cell + 1] + 40) % 128  # the rowid
    path.write_bytes(bytes(data))
