"""Building old databases and killing processes half-way, for the fault-injection tests."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def make_old_database(path: Path, deals: int, revision: str = "0001") -> None:
    """A SalesDesk database at an old `revision` holding `deals` deals."""
    from sqlalchemy import create_engine

    from salesdesk.store.migrate import upgrade

    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, revision)
    engine.dispose()
    accounts = max(1, deals // 10)
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO account(id, name, name_key) VALUES (?, ?, ?)",
        [(i, f"Account {i}", f"account {i}") for i in range(1, accounts + 1)],
    )
    conn.executemany(
        "INSERT INTO deal(uid, account_id, title, currency, status, stage, phase, owner,"
        " created_at, updated_at) VALUES (?, ?, ?, 'EUR', 'open', 'qualification', 1, '',"
        " '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
        [(f"uid-{i}", i % accounts + 1, f"Deal {i}") for i in range(deals)],
    )
    conn.commit()
    conn.close()


# The child imports everything first, says "ready", then does the work: the kill
# lands in the work, not in the imports.
_CHILD = """
import sys
import alembic.command, alembic.runtime.migration, sqlalchemy.orm, sqlmodel
from salesdesk.store.engine import open_database
import salesdesk.store.tables
print("ready", flush=True)
open_database(sys.argv[1]).close()
print("done", flush=True)
"""


_CLI_CHILD = """
import sys
import alembic.command, sqlalchemy.orm, sqlmodel
import salesdesk.interop.crm_csv, salesdesk.store.repository, salesdesk.store.engine
from salesdesk import cli
print("ready", flush=True)
sys.exit(cli.run(cli.parse(sys.argv[1:])))
"""


def open_in_child(path: Path, *cli_args: str) -> subprocess.Popen[str]:
    """A child that opens `path`, or runs the command line `cli_args` on it."""
    argv = (
        ["-c", _CLI_CHILD, "--db", str(path), *cli_args] if cli_args else ["-c", _CHILD, str(path)]
    )
    return subprocess.Popen(
        [sys.executable, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def timed_open(path: Path, *cli_args: str) -> float:
    """How long the child takes from "ready" to "done" (the window to kill in)."""
    child = open_in_child(path, *cli_args)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return time.perf_counter() - start


def kill_while_opening(path: Path, window: float, rng: random.Random, *cli_args: str) -> bool:
    """Start opening `path` (or running `cli_args` on it) in a child and SIGKILL it at a
    random point of `window`.

    Returns True when the kill landed before the child finished.
    """
    child = open_in_child(path, *cli_args)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0, window))
    finished = child.poll() is not None
    if not finished:
        os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=60)
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
