"""Where things live: bundled resources and the user's data and log folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from salesdesk import APP_NAME


def resource_root() -> Path:
    """The top-level `resources/` folder, in a checkout or inside a frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "salesdesk.db"


def resolve_database(target: str | None) -> str:
    """`--db`, else `SALESDESK_DB`, else the file in the user's data directory."""
    return target or os.environ.get("SALESDESK_DB") or str(default_database_path())
