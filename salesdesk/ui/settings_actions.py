"""The rep's and the team's settings from the window: the profile (and the name asked
above the panes), a manager's approvals and members, About.

Each takes the workspace it acts through and the widget its dialogs open over; what it
has to say goes to the status bar as the workspace's `notice`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from salesdesk import __version__
from salesdesk.ui.translation import translate

if TYPE_CHECKING:
    from salesdesk.ui.workspace import Workspace


def edit_settings(work: Workspace, parent: QWidget) -> None:
    from salesdesk.store.errors import StoreError
    from salesdesk.store.team import is_manager
    from salesdesk.ui.settings_dialog import SettingsDialog

    if work.db is None or work.profile is None:
        return
    dialog = SettingsDialog(work.profile, parent)
    if not is_manager(work.db):
        # On a team's server the cadence and the limits are a manager's to set.
        why = translate("MainWindow", "Set by a manager of the team")
        for widget in (*dialog.cadence, dialog.max_cost, dialog.max_discount):
            widget.setEnabled(False)
            widget.setToolTip(why)
    if dialog.exec() != SettingsDialog.DialogCode.Accepted:
        return
    try:
        work.save_profile(dialog.profile)
    except StoreError as exc:
        QMessageBox.warning(parent, translate("MainWindow", "Settings"), str(exc))
        return
    if dialog.language_changed:
        work.notice.emit(
            translate("MainWindow", "Settings saved; the language changes at the next start"),
            8000,
        )
    else:
        work.notice.emit(translate("MainWindow", "Settings saved"), 4000)


def save_name(work: Workspace, parent: QWidget, name: str, company: str) -> None:
    """The name and company the rep typed above the panes, for their briefs."""
    from salesdesk.store.errors import StoreError

    try:
        work.save_name(name, company)
    except StoreError as exc:
        QMessageBox.warning(parent, translate("MainWindow", "Settings"), str(exc))
        return
    work.notice.emit(
        translate("MainWindow", "Your briefs will say “Prepared by {who}”.").format(
            who=", ".join(p for p in (name, company) if p)
        ),
        5000,
    )


def show_approvals(work: Workspace, parent: QWidget) -> bool:
    """The manager's queue: the team's concessions over a rep's authority. True when the
    manager decided on some (the open deal and the lists show the decisions)."""
    from salesdesk.store.team import is_manager
    from salesdesk.ui.approvals_dialog import ApprovalsDialog

    db = work.db
    if db is None:
        return False
    if not is_manager(db):
        QMessageBox.information(
            parent,
            translate("MainWindow", "Approvals waiting"),
            translate("MainWindow", "Approvals are a manager's: ask a manager of the team."),
        )
        return False
    if work.session is not None:
        work.session.save_now()
    dialog = ApprovalsDialog(db, parent)
    dialog.exec()
    if dialog.decided:
        work.check_outside_changes()
    return bool(dialog.decided)


def show_team_members(work: Workspace, parent: QWidget) -> None:
    """A manager sets the reps' authority limits (as `salesdesk team limit` does)."""
    from salesdesk.ui.team_members import TeamMembersDialog

    db = work.db
    if db is None or db.is_sqlite:
        return
    TeamMembersDialog(db, parent).exec()


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        translate("MainWindow", "About SalesDesk"),
        translate("MainWindow", "SalesDesk {version}\nPrepare B2B negotiations offline.").format(
            version=__version__
        ),
    )
