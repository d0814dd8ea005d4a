"""Starting the desktop app: the window's frame first, its panes next, then the store.

The panes (deal list, Today) are built in the event loop's first turn after the
frame is shown, and the store (SQLAlchemy, SQLModel, Alembic) is imported in the
turn after that, so the rep sees SalesDesk in about the time of a bare Qt window.
"""

from __future__ import annotations

import gc
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


def brief_without_display(db_target: str | None) -> int:
    """No window can open: still do the main job, the brief of the next meeting."""
    from datetime import date

    from salesdesk.brief.choose import default_paper, meeting_for
    from salesdesk.brief.document import BriefRequest, write_brief
    from salesdesk.domain.analysis import analyse
    from salesdesk.i18n import language
    from salesdesk.interop.demo import add_samples
    from salesdesk.paths import data_dir
    from salesdesk.store import contacts, deal_list, deal_load, settings
    from salesdesk.store.engine import open_database
    from salesdesk.store.errors import StoreError

    headline = _("No display found: the SalesDesk window cannot open here")
    today = date.today()
    try:
        db = open_database(db_target)
        try:
            if db.created:
                add_samples(db, today)
            profile = settings.load_profile(db)
            upcoming = contacts.upcoming_meetings(db, today, days=366)
            deals = deal_list.list_deals(db, today, profile.cadence)
            deal_id = upcoming[0].deal_id if upcoming else (deals[0].id if deals else None)
            if deal_id is None:
                nothing = _("there is no deal to brief yet")
                print(f"{headline}; {nothing}.", file=sys.stderr)
                return 1
            sheet = deal_load.load_deal(db, deal_id)
        finally:
            db.close()
        folder = (db.path.parent if db.path is not None else data_dir()) / "briefs"
        folder.mkdir(parents=True, exist_ok=True)
        from salesdesk.domain.limits import shorten

        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in sheet.title).strip()
        path = folder / f"{shorten(safe, 100) or 'brief'}.pdf"
        write_brief(
            path,
            BriefRequest(
                sheet=sheet,
                analysis=analyse(sheet, today, profile.cadence),
                profile=profile,
                meeting=meeting_for(sheet, today),
                paper=default_paper(),
                lang=language(),
            ),
        )
    except (StoreError, OSError) as exc:
        print(f"{headline}: {exc}", file=sys.stderr)
        return 1
    print(
        _("{headline}; the brief of “{title}” was written to {path}").format(
            headline=headline, title=sheet.title, path=path
        ),
        file=sys.stderr,
    )
    return 0


def run_app(db_target: str | None) -> int:
    if not has_display():
        return brief_without_display(db_target)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from salesdesk.ui import import_hook

    import_hook.lighten()  # before anything else is imported

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
    from salesdesk.ui.translation import apply_language

    apply_language(app)

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

    def _log_first_paint(widget: object, what: str) -> None:
        """Log when `widget` next paints: the rep then sees its content (benchmarks)."""
        from PySide6.QtCore import QEvent, QObject

        class Painted(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    log.info("%s at %.3f", what, time.time())
                    watched.removeEventFilter(self)
                return False

        if isinstance(widget, QObject):
            spy = Painted(widget)
            widget.installEventFilter(spy)

    window = MainWindow(panes_later=True)
    instance.activated.connect(window.bring_to_front)
    window.show()

    marks: dict[str, float] = {}

    def after_show() -> None:
        marks["window shown"] = time.time()
        QTimer.singleShot(0, build_panes)  # the frame is painted first

    def build_panes() -> None:
        window.build_panes()
        marks["panes built"] = time.time()
        QTimer.singleShot(0, open_store)

    def open_store() -> None:
        # What the rep does not see waits for the panes: the icon, the log file and
        # the answer to later launches.
        from PySide6.QtGui import QIcon

        from salesdesk.paths import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "salesdesk.png"))))
        instance.listen()
        log_path = crash.setup_logging(log_dir())
        log.info("SalesDesk %s starting; log at %s", __version__, log_path)
        for what, when in marks.items():
            log.info("%s at %.3f", what, when)
        if not window.open_database(db_target):
            window.close()
            return
        log.info("deal list populated: %d rows shown", window.model.rowCount())
        _log_first_paint(window.list_panel.table.viewport(), "content shown")
        # What start-up built stays for the session: keep it out of the collector's
        # rounds, which would otherwise pause typing now and then.
        gc.freeze()

    QTimer.singleShot(0, after_show)
    try:
        return int(app.exec())
    finally:
        instance.release()
