"""Shared fixtures: a fresh database per test, and the command line in a subprocess.

The database is a SQLite file, or, when SALESDESK_TEST_DB_URL names a PostgreSQL
server (tools/test starts a throwaway one), a fresh database on that server. Tests
about SQLite files are marked `sqlite_file` and skipped on the server.
"""

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
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The superuser's URL of a PostgreSQL server to test against, or empty for SQLite.
SERVER_URL = os.environ.get("SALESDESK_TEST_DB_URL", "")
ON_SERVER = SERVER_URL.startswith("postgresql")


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    # The headless runs block pytest-qt (-p no:pytest-qt: PySide6 is made unimportable
    # there). Its settings in pyproject.toml are then declared here, so that
    # --strict-config still refuses every other unknown key instead of all being ignored.
    if pluginmanager.is_blocked("pytest-qt"):
        unused = "pytest-qt's; not loaded in this run"
        parser.addini("qt_api", unused)
        parser.addini("qt_log_level_fail", unused)
        parser.addini("qt_log_ignore", unused, type="linelist")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_file = pytest.mark.skip(reason="about a SQLite file; the tests run on PostgreSQL")
    skip_server = pytest.mark.skip(reason="needs a PostgreSQL server (SALESDESK_TEST_DB_URL)")
    for item in items:
        if ON_SERVER and "sqlite_file" in item.keywords:
            item.add_marker(skip_file)
        if not ON_SERVER and "server" in item.keywords:
            item.add_marker(skip_server)


def server_url(database: str, user: str | None = None) -> str:
    """The URL of `database` on the test server, as `user` (the superuser by default)."""
    from sqlalchemy.engine import make_url

    url = make_url(SERVER_URL).set(database=database)
    if user is not None:
        url = url.set(username=user)
    return url.render_as_string(hide_password=False)


class Server:
    """Fresh databases on the test server, dropped at the end of the test."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(server_url("postgres"), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of the database `template`."""
        import uuid

        name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.made.append(name)
        return name

    def drop_all(self) -> None:
        for name in self.made:
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def sqlite_disk_full(room: int = 0) -> Iterator[None]:
    """SQLite files opened through SQLAlchemy meanwhile may grow by `room` pages only, then
    fail as on a full disk (SQLITE_FULL, "database or disk is full"): a full disk
    without filling one."""
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    def cap(dbapi_connection: Any, _record: object) -> None:
        if type(dbapi_connection).__module__ != "sqlite3":
            return
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + room}")

    event.listen(Pool, "connect", cap)
    try:
        yield
    finally:
        event.remove(Pool, "connect", cap)


@pytest.fixture
def server() -> Iterator[Server]:
    if not ON_SERVER:
        pytest.skip("needs a PostgreSQL server (SALESDESK_TEST_DB_URL)")
    made = Server()
    yield made
    made.drop_all()


@pytest.fixture
def db_target(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where the test's database is: a SQLite file's path, or a fresh server database's URL."""
    if ON_SERVER:
        made: Server = request.getfixturevalue("server")
        return server_url(made.new_database())
    return str(tmp_path / "deals.db")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite file; tests using it are about SQLite files (mark them `sqlite_file`)."""
    return tmp_path / "deals.db"


@pytest.fixture
def db(db_target: str) -> Iterator[object]:
    from salesdesk.store.engine import open_database

    database = open_database(db_target)
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
    def __init__(self, env: dict[str, str], target: str) -> None:
        self.env = env
        self.target = target

    @property
    def db_path(self) -> Path:
        """The SQLite file (tests about files only)."""
        assert not ON_SERVER, "mark this test sqlite_file"
        return Path(self.target)

    def __call__(
        self,
        *args: str,
        db: bool = True,
        extra_env: dict[str, str] | None = None,
        timeout: float = 60,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "salesdesk"]
        if db:
            argv += ["--db", self.target]
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
            input=input,
        )


@pytest.fixture
def cli(cli_env: dict[str, str], db_target: str) -> CliRunner:
    return CliRunner(cli_env, db_target)
