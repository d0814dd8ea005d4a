"""Where things live: bundled resources and the user's data and log folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from salesdesk import APP_NAME


def resource_root() -> Path:
    """The `resources/` folder: inside a frozen bundle, in a checkout (or an editable
    install of it), or where a wheel installed it (`<prefix>/share/salesdesk/resources`)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    for prefix in (sys.prefix, sys.base_prefix):
        installed = Path(prefix) / "share" / "salesdesk" / "resources"
        if installed.is_dir():
            return installed
    return checkout


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
