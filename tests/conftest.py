"""Shared fixtures: a fresh SQLite file per test, and the command line in a subprocess."""

from __future__ import annotations

import os
import tempfile

# Before any Qt import, and for every subprocess the tests start.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SALESDESK_LANG"] = "en"
os.environ.pop("SALESDESK_DB", None)
# Charts cached by the brief go to a folder of the test run, not the user's cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="salesdesk-test-cache-")

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "deals.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    from salesdesk.store.engine import open_database

    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose data folder is private to the test."""
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    env["HOME"] = str(tmp_path / "home")
    env["SALESDESK_LANG"] = "en"
    env.pop("SALESDESK_DB", None)
    return env


class CliRunner:
    def __init__(self, env: dict[str, str], db_path: Path) -> None:
        self.env = env
        self.db_path = db_path

    def __call__(
        self,
        *args: str,
        db: bool = True,
        extra_env: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "salesdesk"]
        if db:
            argv += ["--db", str(self.db_path)]
        env = dict(self.env)
        env.update(extra_env or {})
        return subprocess.run(
            [*argv, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            cwd=ROOT,
            check=False,
        )


@pytest.fixture
def cli(cli_env: dict[str, str], db_path: Path) -> CliRunner:
    return CliRunner(cli_env, db_path)
