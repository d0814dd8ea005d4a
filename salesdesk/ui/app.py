"""Starting the desktop app: a window first, the database just after.

For now (issue 2) the window is the deal list; the full app comes next.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from salesdesk.i18n import _


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
    from salesdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = MainWindow()
    window.show()
    QTimer.singleShot(0, lambda: window.open_database(db_target, date.today()))
    return int(app.exec())
