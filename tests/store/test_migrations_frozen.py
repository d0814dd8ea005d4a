"""The migrations are frozen history: replayed on a later version of the app, each one
does what it did when it was written, so none may import the app's live code."""

import ast
import re
import shutil

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from salesdesk.store.migrate import SCRIPT_LOCATION, upgrade

VERSIONS = SCRIPT_LOCATION / "versions"
SCRIPTS = sorted(p for p in VERSIONS.glob("*.py") if p.name != "__init__.py")


def _live_imports(source: str) -> list[str]:
    """What `source` imports of the app: `import salesdesk…`, `from salesdesk… import`,
    relative imports (inside the package, every one reaches the app), and
    `importlib.import_module("salesdesk…")` / `__import__("salesdesk…")`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "salesdesk"]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level or module.split(".")[0] == "salesdesk":
                found.append("." * node.level + module)
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            first = node.args[0]
            if (
                name in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and str(first.value).split(".")[0] == "salesdesk"
            ):
                found.append(str(first.value))
    return found


def test_the_chain_is_all_here():
    assert len(SCRIPTS) >= 18
    assert {p.name[:4] for p in SCRIPTS} >= {"0001", "0002", "0010", "0014", "0015", "0019"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name[:4])
def test_no_migration_imports_the_apps_live_code(script):
    assert _live_imports(script.read_text(encoding="utf-8")) == [], (
        f"{script.name} imports the app: write what it needs into the script as it is today"
    )


def test_the_check_sees_every_way_of_importing_the_app():
    source = (
        "import salesdesk.store.types\n"
        "from salesdesk.domain.text import search_key\n"
        "from .. import env\n"
        "import importlib\n"
        "importlib.import_module('salesdesk.store.search_index')\n"
        "import sqlalchemy as sa\n"
        "from alembic import op\n"
    )
    assert _live_imports(source) == [
        "salesdesk.store.types",
        "salesdesk.domain.text",
        "..",
        "salesdesk.store.search_index",
    ]


def test_the_template_of_new_migrations_imports_no_live_code():
    template = (SCRIPT_LOCATION / "script.py.mako").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+salesdesk", template, re.MULTILINE)


@pytest.mark.sqlite_file
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_a_generated_migration_writes_the_apps_column_types_as_plain_ones(tmp_path):
    """`migrate new` on a money column (ExactDecimal) writes the BIGINT it is stored in,
    and the script it writes imports nothing of the app."""
    location = tmp_path / "migrations"
    shutil.copytree(SCRIPT_LOCATION, location, ignore=shutil.ignore_patterns("__pycache__"))
    engine = create_engine(f"sqlite:///{tmp_path / 'head.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE term DROP COLUMN step")  # the models still have it
    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message="term step again", autogenerate=True, rev_id="9999")
    engine.dispose()
    written = next((location / "versions").glob("9999_*.py"))
    text = written.read_text(encoding="utf-8")
    assert "sa.Column('step', sa.BigInteger(), nullable=True)" in text.replace('"', "'")
    assert _live_imports(text) == [] and "salesdesk" not in text
