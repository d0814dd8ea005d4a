"""Starting the desktop app: the window's frame first, its panes next, then the store.

The panes (deal list, Today) are built in the event loop's first turn after the
frame is shown, with the list's first page read straight from a SQLite file
(`store.first_page`, the standard library's sqlite3); the store (SQLAlchemy,
SQLModel, Alembic) is imported once those rows are painted, so the rep sees the deals
in about three times a bare Qt window's time.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from salesdesk.i18n import _

if TYPE_CHECKING:
    from salesdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
PAINT_WAIT_MS = 2000  # the store is opened after the first rows are painted, or this late


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


def _when_content_painted(window: MainWindow, then: Callable[[float], None]) -> None:
    """`then(time)` once the list has painted its rows (or, when it has none, once the
    store is open), the paint done: what the rep sees."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    viewport = window.list_panel.table.viewport()

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and (
                window.model.rowCount() or window.workspace.db is not None
            ):
                watched.removeEventFilter(self)
                QTimer.singleShot(0, lambda: then(time.time()))  # after this paint
            return False

    viewport.installEventFilter(Painted(viewport))


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
        rows = None
        if "://" not in target:
            from salesdesk.store.first_page import first_page
            from salesdesk.ui.models.deals import PAGE

            rows = first_page(Path(target), window.model.query, window.workspace.today(), PAGE)
        if rows:
            window.model.show_first_page(rows)
            # The store once they are painted (the platform paints at its next frame,
            # after the timers due now); at once for a window not on screen (it would
            # not paint), and at the latest after PAINT_WAIT_MS.
            _when_content_painted(window, painted_first)
            handle = window.windowHandle()
            exposed = handle is not None and handle.isExposed()
            QTimer.singleShot(PAINT_WAIT_MS if exposed else 0, open_store)
        else:
            _when_content_painted(window, content_shown)
            QTimer.singleShot(0, open_store)

    def painted_first(when: float) -> None:
        content_shown(when)
        open_store()

    def content_shown(when: float) -> None:
        if "logging" in marks:
            log.info("content shown at %.3f", when)
        else:
            marks["content shown"] = when  # said when the log is set up

    def open_store() -> None:
        if "opening" in marks:
            return
        marks["opening"] = time.time()
        # What the rep does not see waits for the panes: the icon, the log file and
        # the answer to later launches.
        from PySide6.QtGui import QIcon

        from salesdesk.paths import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "salesdesk.png"))))
        instance.listen()
        log_path = crash.setup_logging(log_dir())
        log.info("SalesDesk %s starting; log at %s", __version__, log_path)
        for what, when in marks.items():
            if what != "opening":
                log.info("%s at %.3f", what, when)
        marks["logging"] = time.time()
        if not window.open_database(db_target):
            window.close()
            return
        log.info("deal list populated: %d rows shown", window.model.rowCount())
        # What start-up built stays for the session: keep it out of the collector's
        # rounds, which would otherwise pause typing now and then.
        gc.freeze()

    QTimer.singleShot(0, after_show)
    try:
        return int(app.exec())
    finally:
        instance.release()
