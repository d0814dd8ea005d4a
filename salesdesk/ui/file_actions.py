"""The File menu's exchanges: CRM import, deal packages, list and calendar exports,
backups. Each writes atomically and says plainly what went wrong.

Each takes the workspace it acts through and the widget its dialogs open over; what it
has to say goes to the status bar as the workspace's `notice`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from salesdesk.files import atomic_write_text
from salesdesk.ui import file_dialogs
from salesdesk.ui.dialogs import write_or_warn
from salesdesk.ui.translation import translate

if TYPE_CHECKING:
    from salesdesk.domain.listing import DealQuery
    from salesdesk.ui.workspace import Workspace

log = logging.getLogger(__name__)


def _save_path(parent: QWidget, title: str, name: str, filters: str) -> Path | None:
    path = file_dialogs.save_file_name(parent, title, name, filters)
    return Path(path) if path else None


def _open_path(parent: QWidget, title: str, filters: str) -> Path | None:
    path = file_dialogs.open_file_name(parent, title, filters)
    return Path(path) if path else None


def _write(work: Workspace, parent: QWidget, path: Path, text: str, done: str) -> bool:
    if not write_or_warn(
        parent,
        translate("FileActions", "Not written"),
        path,
        lambda: atomic_write_text(path, text),
    ):
        return False
    work.notice.emit(done, 6000)
    return True


def import_from_crm(work: Workspace, parent: QWidget) -> None:
    from salesdesk.ui.import_dialog import ImportDialog

    if work.db is None or work.profile is None:
        return
    path = _open_path(
        parent,
        translate("FileActions", "Import a CRM export"),
        translate("FileActions", "CRM exports (*.csv *.txt *.xlsx);;All files (*)"),
    )
    if path is None:
        return
    try:
        dialog = ImportDialog(work.db, path, work.profile.currency, parent)
    except (OSError, ValueError) as exc:
        lines = getattr(exc, "lines", [])
        QMessageBox.warning(
            parent,
            translate("FileActions", "Import"),
            "\n".join([str(exc), *lines]),
        )
        return
    dialog.contacts = (work.today(), work.profile.cadence)
    if dialog.exec() and dialog.counts is not None:
        work.mark_changed()
        counts = dialog.counts
        skipped = len(dialog.crm_file.skipped) if dialog.crm_file is not None else 0
        done = translate("FileActions", "Imported: {c} created, {u} updated, {n} unchanged").format(
            c=counts.created, u=counts.updated, n=counts.unchanged
        )
        if skipped:
            done += translate("FileActions", ", {s} empty rows skipped").format(s=skipped)
        work.notice.emit(done, 8000)


def export_deal(work: Workspace, parent: QWidget) -> None:
    from salesdesk.domain.analysis import analyse
    from salesdesk.interop.deal_json import dumps
    from salesdesk.interop.package_write import deal_to_package
    from salesdesk.store import settings

    if work.session is None or work.session.sheet is None or work.db is None:
        return
    assert work.profile is not None
    work.session.save_now()
    sheet = work.session.sheet
    name = "".join(c if c.isalnum() or c in " -_" else "_" for c in sheet.title).strip()
    name = name or translate("FileActions", "deal")
    path = _save_path(
        parent,
        translate("FileActions", "Export deal"),
        f"{name}.json",
        translate("FileActions", "SalesDesk deal packages (*.json)"),
    )
    if path is None:
        return
    analysis = analyse(sheet, work.today(), work.profile.cadence)
    _write(
        work,
        parent,
        path,
        dumps(deal_to_package(sheet, analysis, settings.database_id(work.db))),
        translate("FileActions", "Deal exported to {file}").format(file=path),
    )


def import_deal(work: Workspace, parent: QWidget, open_deal: Callable[[int], None]) -> None:
    """A deal package read in (as a new deal or in place of its copy here), then opened."""
    from salesdesk.interop.deal_import import existing_deal, import_sheet
    from salesdesk.interop.package_read import PackageError, read_package
    from salesdesk.store.errors import Conflict

    if work.db is None:
        return
    path = _open_path(
        parent,
        translate("FileActions", "Import deal"),
        translate("FileActions", "SalesDesk deal packages (*.json);;All files (*)"),
    )
    if path is None:
        return
    try:
        sheet, provenance = read_package(path.read_bytes().decode("utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        QMessageBox.warning(parent, translate("FileActions", "Import deal"), str(exc))
        return
    except PackageError as exc:
        QMessageBox.warning(
            parent,
            translate("FileActions", "Import deal"),
            "\n".join([str(exc), "", *exc.lines]),
        )
        return
    existing = existing_deal(work.db, sheet)
    as_new = False
    if existing is not None:
        answer = QMessageBox.question(
            parent,
            translate("FileActions", "Import deal"),
            translate(
                "FileActions",
                "“{title}” is already here. Replace it with the package (Yes) or keep both (No)?",
            ).format(title=sheet.title),
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return
        as_new = answer != QMessageBox.StandardButton.Yes
    if work.session is not None:
        work.session.save_now()
    try:
        deal_id = import_sheet(
            work.db, sheet, provenance, as_new=as_new, today=work.today()
        ).deal_id
    except Conflict as exc:
        again = QMessageBox.question(
            parent,
            translate("FileActions", "Import deal"),
            translate(
                "FileActions",
                "“{title}” changed here since this package was exported from this database "
                "(version {theirs} here, {mine} in the package). Replace it anyway?",
            ).format(title=exc.title, theirs=exc.theirs, mine=exc.mine),
        )
        if again != QMessageBox.StandardButton.Yes:
            return
        deal_id = import_sheet(
            work.db, sheet, provenance, overwrite=True, today=work.today()
        ).deal_id
    work.mark_changed()
    open_deal(deal_id)
    work.notice.emit(
        translate("FileActions", "Deal imported from {file}").format(file=path),
        6000,
    )


def export_deal_list(work: Workspace, parent: QWidget, query: DealQuery) -> None:
    """The deals `query` lists (the list's search, filters and order), as a CSV file."""
    from salesdesk.interop.exports import deals_csv

    if work.db is None:
        return
    path = _save_path(
        parent,
        translate("FileActions", "Export the deal list"),
        translate("FileActions", "deals.csv"),
        translate("FileActions", "CSV files (*.csv)"),
    )
    if path is None:
        return
    from salesdesk.store.deal_list import crm_fields

    rows = work.fetch_deals(query, 0, 10_000_000)
    _write(
        work,
        parent,
        path,
        deals_csv(rows, crm_fields(work.db, [r.id for r in rows])),
        # Counted without a plural (lupdate files no plural forms for `translate`).
        translate("FileActions", "Deals exported to {file}: {n}").format(n=len(rows), file=path),
    )


def export_meetings(work: Workspace, parent: QWidget) -> None:
    """The coming year's meetings, and those cancelled since, as a calendar file."""
    from datetime import timedelta

    from salesdesk.interop.calendar import calendar_file

    if work.db is None:
        return
    path = _save_path(
        parent,
        translate("FileActions", "Export meetings to a calendar"),
        translate("FileActions", "meetings.ics"),
        translate("FileActions", "iCalendar files (*.ics)"),
    )
    if path is None:
        return
    today = work.today()
    written = calendar_file(work.db, today, today + timedelta(days=365))
    _write(
        work,
        parent,
        path,
        written.text,
        translate("FileActions", "Meetings exported to {file}: {n}").format(
            n=written.meetings, file=path
        ),
    )


def back_up(work: Workspace, parent: QWidget) -> None:
    """A copy of the database where the rep chooses: SQLite's online copy, checked, or a
    team server's pg_dump (the action is off without it)."""
    from salesdesk.store.errors import StoreError

    if work.db is None:
        return
    if work.db.path is not None:
        kinds = translate("FileActions", "SalesDesk databases (*.db)")
    else:
        kinds = translate("FileActions", "PostgreSQL backups (*.dump)")
    path = _save_path(
        parent,
        translate("FileActions", "Back up the database"),
        work.backup_name(),
        kinds,
    )
    if path is None:
        return
    try:
        work.back_up(path)
    except StoreError as exc:
        QMessageBox.warning(parent, translate("FileActions", "Backup"), str(exc))
        return
    work.notice.emit(translate("FileActions", "Backed up to {file}").format(file=path), 6000)


def restore(work: Workspace, parent: QWidget) -> None:
    """A backup put in place of the database, after the rep said yes; the current
    database is kept aside (a team server's content is dumped first)."""
    from salesdesk.store.errors import StoreError

    if work.db is None:
        return
    local = work.db.path is not None
    if local:
        kinds = translate("FileActions", "SalesDesk databases (*.db);;All files (*)")
    else:
        kinds = translate("FileActions", "PostgreSQL backups (*.dump);;All files (*)")
    path = _open_path(parent, translate("FileActions", "Restore a backup"), kinds)
    if path is None:
        return
    try:
        work.check_backup(path)
    except StoreError as exc:
        QMessageBox.warning(parent, translate("FileActions", "Restore"), str(exc))
        return
    if local:
        question = translate(
            "FileActions",
            "Replace the current deals with the backup {file}? The current database is kept "
            "aside, not deleted.",
        )
    else:
        question = translate(
            "FileActions",
            "Replace the whole team's deals on the server with the backup {file}? The current "
            "content is dumped aside first.",
        )
    answer = QMessageBox.question(
        parent,
        translate("FileActions", "Restore"),
        question.format(file=path.name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        kept = work.restore(path)
    except StoreError as exc:
        QMessageBox.warning(parent, translate("FileActions", "Restore"), str(exc))
        return
    work.notice.emit(
        translate(
            "FileActions", "Backup restored; the previous database was kept at {path}"
        ).format(path=kept),
        10000,
    )
