"""The deal actions that ask the rep something first: a new deal from a template, a
deal deleted after a yes, the meeting pack written where the rep chooses.

Each takes the workspace it acts through and the widget its dialogs open over; the
window then shows the result (the deal opened, Today again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from salesdesk.ui.translation import translate

if TYPE_CHECKING:
    from salesdesk.ui.workspace import Workspace


def new_deal_from_template(work: Workspace, parent: QWidget) -> tuple[int, str] | None:
    """A new deal from the template the rep picks: its id and the name of the template;
    None when there was none to pick, the rep cancelled or the template is unreadable."""
    from salesdesk.interop.package_read import PackageError
    from salesdesk.ui import dialogs

    if work.db is None:
        return None
    title = translate("MainWindow", "New deal from template")
    templates = work.templates()
    if not templates:
        QMessageBox.information(
            parent,
            title,
            translate(
                "MainWindow",
                "There is no template yet. Open a deal's Worksheet tab and choose "
                "“Save as template…”.",
            ),
        )
        return None
    names = [t.name for t in templates]
    name = dialogs.ask_item(parent, title, translate("MainWindow", "Template:"), names)
    if name is None:
        return None
    try:
        return work.new_deal_from(templates[names.index(name)]), name
    except (PackageError, OSError) as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None


def delete_open_deal(work: Workspace, parent: QWidget) -> bool:
    """The open deal deleted once the rep said yes; False when nothing was deleted."""
    sheet = work.sheet
    if sheet is None or sheet.id is None:
        return False
    answer = QMessageBox.question(
        parent,
        translate("MainWindow", "Delete deal"),
        translate(
            "MainWindow",
            "Delete “{title}” ({account}) with its worksheet, ledger, meetings and "
            "history? This cannot be undone.",
        ).format(title=sheet.title, account=sheet.account),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes and work.delete_open_deal()


def export_pack(work: Workspace, parent: QWidget) -> None:
    """The briefs of the deals the rep picks, in one file (the open deal saved first)."""
    from salesdesk.ui.editor.brief_tab import export_pack

    if work.db is None:
        return
    if work.session is not None:
        work.session.save_now()
    written = export_pack(parent, work.db, work.today())
    if written is not None:
        work.notice.emit(
            translate("MainWindow", "Meeting pack written to {file}").format(file=written), 8000
        )
