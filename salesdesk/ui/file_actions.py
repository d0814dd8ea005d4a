"""The File menu's exchanges: CRM import, deal packages, list and calendar exports,
backups. Each writes atomically and says plainly what went wrong."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from salesdesk.files import atomic_write_text
from salesdesk.ui.dialogs import write_or_warn
from salesdesk.ui.qsettings import last_folder, remember_folder

if TYPE_CHECKING:
    from salesdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _save_path(window: MainWindow, title: str, name: str, filters: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(window, title, last_folder(name), filters)
    remember_folder(path)
    return Path(path) if path else None


def _open_path(window: MainWindow, title: str, filters: str) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(window, title, last_folder(), filters)
    remember_folder(path)
    return Path(path) if path else None


def _write(window: MainWindow, path: Path, text: str, done: str) -> bool:
    if not write_or_warn(
        window, window.tr("Not written"), path, lambda: atomic_write_text(path, text)
    ):
        return False
    window.statusBar().showMessage(done, 6000)
    return True


def import_from_crm(window: MainWindow) -> None:
    from salesdesk.ui.import_dialog import ImportDialog

    if window.db is None:
        return
    path = _open_path(
        window,
        window.tr("Import a CRM export"),
        window.tr("CSV files (*.csv *.txt);;All files (*)"),
    )
    if path is None:
        return
    try:
        dialog = ImportDialog(window.db, path, window.profile.currency, window)
    except (OSError, ValueError) as exc:
        lines = getattr(exc, "lines", [])
        QMessageBox.warning(window, window.tr("Import"), "\n".join([str(exc), *lines]))
        return
    dialog.contacts = (window.today(), window.profile.cadence)
    if dialog.exec() and dialog.counts is not None:
        window.refresh_lists()
        counts = dialog.counts
        window.statusBar().showMessage(
            window.tr("Imported: {c} created, {u} updated, {n} unchanged").format(
                c=counts.created, u=counts.updated, n=counts.unchanged
            ),
            8000,
        )


def export_deal(window: MainWindow) -> None:
    from salesdesk.domain.analysis import analyse
    from salesdesk.interop.package import deal_to_package, dumps
    from salesdesk.store import repository as repo

    if window.session is None or window.session.sheet is None or window.db is None:
        return
    window.session.save_now()
    sheet = window.session.sheet
    name = "".join(c if c.isalnum() or c in " -_" else "_" for c in sheet.title).strip()
    path = _save_path(
        window,
        window.tr("Export deal"),
        f"{name or 'deal'}.json",
        window.tr("SalesDesk deal packages (*.json)"),
    )
    if path is None:
        return
    analysis = analyse(sheet, window.today(), window.profile.cadence)
    _write(
        window,
        path,
        dumps(deal_to_package(sheet, analysis, repo.database_id(window.db))),
        window.tr("Deal exported to {file}").format(file=path),
    )


def import_deal(window: MainWindow) -> None:
    from salesdesk.interop.deal_import import existing_deal, import_sheet
    from salesdesk.interop.package import PackageError, read_package
    from salesdesk.store.errors import Conflict

    if window.db is None:
        return
    path = _open_path(
        window,
        window.tr("Import deal"),
        window.tr("SalesDesk deal packages (*.json);;All files (*)"),
    )
    if path is None:
        return
    try:
        sheet, provenance = read_package(path.read_bytes().decode("utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        QMessageBox.warning(window, window.tr("Import deal"), str(exc))
        return
    except PackageError as exc:
        QMessageBox.warning(window, window.tr("Import deal"), "\n".join([str(exc), "", *exc.lines]))
        return
    existing = existing_deal(window.db, sheet)
    as_new = False
    if existing is not None:
        answer = QMessageBox.question(
            window,
            window.tr("Import deal"),
            window.tr(
                "“{title}” is already here. Replace it with the package (Yes) or keep both (No)?"
            ).format(title=sheet.title),
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return
        as_new = answer != QMessageBox.StandardButton.Yes
    if window.session is not None:
        window.session.save_now()
    try:
        deal_id = import_sheet(
            window.db, sheet, provenance, as_new=as_new, today=window.today()
        ).deal_id
    except Conflict as exc:
        again = QMessageBox.question(
            window,
            window.tr("Import deal"),
            window.tr(
                "“{title}” changed here since this package was exported from this database "
                "(version {theirs} here, {mine} in the package). Replace it anyway?"
            ).format(title=exc.title, theirs=exc.theirs, mine=exc.mine),
        )
        if again != QMessageBox.StandardButton.Yes:
            return
        deal_id = import_sheet(
            window.db, sheet, provenance, overwrite=True, today=window.today()
        ).deal_id
    window.refresh_lists()
    window.open_deal(deal_id)
    window.statusBar().showMessage(window.tr("Deal imported from {file}").format(file=path), 6000)


def export_deal_list(window: MainWindow) -> None:
    from salesdesk.interop.exports import deals_csv
    from salesdesk.store import repository as repo

    if window.db is None:
        return
    path = _save_path(
        window, window.tr("Export the deal list"), "deals.csv", window.tr("CSV files (*.csv)")
    )
    if path is None:
        return
    rows = repo.query_deals(window.db, window.model.query, window.today(), 0, 10_000_000)
    _write(
        window,
        path,
        deals_csv(rows),
        window.tr("{n} deals exported to {file}").format(n=len(rows), file=path),
    )


def export_meetings(window: MainWindow) -> None:
    from salesdesk.interop.exports import meetings_ics
    from salesdesk.store import repository as repo

    if window.db is None:
        return
    path = _save_path(
        window,
        window.tr("Export meetings to a calendar"),
        "meetings.ics",
        window.tr("iCalendar files (*.ics)"),
    )
    if path is None:
        return
    today = window.today()
    upcoming = repo.upcoming_meetings(window.db, today, days=366)
    sheets = []
    for deal_id in dict.fromkeys(m.deal_id for m in upcoming):
        sheet = repo.load_deal(window.db, deal_id)
        sheet.meetings = [m for m in sheet.meetings if m.date >= today]
        sheets.append(sheet)
    _write(
        window,
        path,
        meetings_ics(sheets),
        window.tr("{n} meetings exported to {file}").format(n=len(upcoming), file=path),
    )


def back_up(window: MainWindow) -> None:
    """A copy of the database where the rep chooses: SQLite's online copy, checked, or a
    team server's pg_dump (the action is off without it)."""
    from salesdesk.store.errors import StoreError

    if window.db is None:
        return
    if window.session is not None:
        window.session.save_now()
    stamp = window.today().isoformat()
    local = window.db.path
    if local is not None:
        name, kinds = f"salesdesk-{stamp}.db", window.tr("SalesDesk databases (*.db)")
    else:
        name, kinds = f"salesdesk-{stamp}.dump", window.tr("PostgreSQL backups (*.dump)")

    def write(target: Path) -> None:
        if local is not None:
            from salesdesk.interop.backup import take_backup

            take_backup(local, target)
        else:
            from salesdesk.interop.server_backup import server_backup

            server_backup(_server_url(window), target)

    path = _save_path(window, window.tr("Back up the database"), name, kinds)
    if path is None:
        return
    try:
        write(path)
    except StoreError as exc:
        QMessageBox.warning(window, window.tr("Backup"), str(exc))
        return
    window.statusBar().showMessage(window.tr("Backed up to {file}").format(file=path), 6000)


def _server_url(window: MainWindow) -> str:
    assert window.db is not None
    return window.db.engine.url.render_as_string(hide_password=False)


def restore_server(window: MainWindow) -> None:
    """A pg_dump backup put back with pg_restore, after the current content is dumped."""
    from salesdesk.interop.server_backup import server_restore
    from salesdesk.store.engine import open_database
    from salesdesk.store.errors import StoreError

    assert window.db is not None
    path = _open_path(
        window,
        window.tr("Restore a backup"),
        window.tr("PostgreSQL backups (*.dump);;All files (*)"),
    )
    if path is None:
        return
    answer = QMessageBox.question(
        window,
        window.tr("Restore"),
        window.tr(
            "Replace the whole team's deals on the server with the backup {file}? The current "
            "content is dumped aside first."
        ).format(file=path.name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    url = _server_url(window)
    if window.session is not None:
        window.session.close()
    window.db.close()
    try:
        kept = server_restore(url, path)
        db = open_database(url)
    except StoreError as exc:
        QMessageBox.warning(window, window.tr("Restore"), str(exc))
        return
    window.replace_database(db)
    window.statusBar().showMessage(
        window.tr("Backup restored; the previous database was kept at {path}").format(path=kept),
        10000,
    )


def restore(window: MainWindow) -> None:
    from salesdesk.interop.backup import check_backup, restore_backup
    from salesdesk.store.engine import open_database
    from salesdesk.store.errors import StoreError

    if window.db is None:
        return
    if window.db.path is None:
        restore_server(window)
        return
    path = _open_path(
        window,
        window.tr("Restore a backup"),
        window.tr("SalesDesk databases (*.db);;All files (*)"),
    )
    if path is None:
        return
    try:
        check_backup(path)
    except StoreError as exc:
        QMessageBox.warning(window, window.tr("Restore"), str(exc))
        return
    answer = QMessageBox.question(
        window,
        window.tr("Restore"),
        window.tr(
            "Replace the current deals with the backup {file}? The current database is kept "
            "aside, not deleted."
        ).format(file=path.name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    if window.backup_job is not None:
        window.backup_job.wait()  # the start-up copy may still be reading the file
    database = window.db.path
    if window.session is not None:
        window.session.close()
    window.db.close()
    try:
        kept = restore_backup(path, database)
        db = open_database(str(database))  # migrates a backup made by an older version
    except StoreError as exc:
        QMessageBox.warning(window, window.tr("Restore"), str(exc))
        return
    window.replace_database(db)
    window.statusBar().showMessage(
        window.tr("Backup restored; the previous database was kept at {path}").format(path=kept),
        10000,
    )
    log.info("restored %s; previous database kept at %s", path, kept)
