"""Starting the desktop app: a window first, the database just after.

The store (SQLAlchemy, SQLModel, Alembic) is imported from a zero-delay timer once
the window is on screen, so the rep sees SalesDesk in about the time of a bare Qt
window.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import cast

from salesdesk.i18n import _

log = logging.getLogger(__name__)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run_app(db_target: str | None) -> int:
    if not has_display():
        print(
            _(
                "No display found: the SalesDesk window cannot open here. "
                "Use the command line (salesdesk --help) or run under a desktop session."
            ),
            file=sys.stderr,
        )
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from salesdesk import APP_NAME, __version__
    from salesdesk.paths import log_dir, resolve_database
    from salesdesk.ui import crash
    from salesdesk.ui.single_instance import SingleInstance

    crash.install()
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)

    target = resolve_database(db_target)
    instance = SingleInstance(target if "://" in target else str(Path(target).resolve()))
    if not instance.acquire():
        if instance.notify_running():
            print(
                _("SalesDesk is already open on this database; its window was brought forward."),
                file=sys.stderr,
            )
            return 0
        print(_("SalesDesk is already open on this database but does not answer."), file=sys.stderr)
        return 1

    from salesdesk.ui.main_window import MainWindow

    window = MainWindow()
    instance.activated.connect(window.bring_to_front)
    window.show()

    def after_show() -> None:
        shown = time.time()
        instance.listen()
        log_path = crash.setup_logging(log_dir())
        log.info("SalesDesk %s starting; log at %s", __version__, log_path)
        log.info("window shown at %.3f", shown)

    QTimer.singleShot(0, after_show)

    def open_store() -> None:
        if not window.open_database(db_target):
            window.close()
            return
        log.info("deal list populated: %d rows shown", window.model.rowCount())

    QTimer.singleShot(0, open_store)
    try:
        return int(app.exec())
    finally:
        instance.release()
