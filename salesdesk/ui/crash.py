"""Logging to a rotating file, faulthandler, and the exception hook for our bugs."""

from __future__ import annotations

import faulthandler
import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtWidgets import QApplication

from salesdesk import __version__

log = logging.getLogger(__name__)
_fault_file: IO[str] | None = None


def setup_logging(folder: Path) -> Path:
    """A rotating log in `folder` and faulthandler beside it; returns the log's path."""
    import logging.handlers  # ~20 ms: imported after the window is shown

    global _fault_file
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "salesdesk.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for noisy in ("sqlalchemy", "alembic", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _fault_file = (folder / "faults.log").open("a", encoding="utf-8")
    faulthandler.enable(_fault_file)
    return path


def report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    import platform
    import traceback

    from PySide6.QtGui import QGuiApplication

    details = "".join(traceback.format_exception(exc_type, exc, tb))
    return (
        f"SalesDesk {__version__}\nPython {platform.python_version()} on {platform.platform()}\n"
        f"Qt platform: {QGuiApplication.platformName()}\n\n{details}"
    )


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    text = report(exc_type, exc, tb)
    log.error("uncaught exception\n%s", text)
    if QApplication.instance() is not None:
        from salesdesk.ui.crash_dialog import CrashDialog

        CrashDialog(text, QApplication.activeWindow()).exec()
    else:
        sys.__excepthook__(exc_type, exc, tb)


def install() -> None:
    sys.excepthook = excepthook
