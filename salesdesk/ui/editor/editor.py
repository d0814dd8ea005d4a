"""The deal editor: one tab per part of the preparation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from salesdesk.domain.deal import Stakeholder
from salesdesk.domain.profile import Profile
from salesdesk.ui.editor.meetings import MeetingsTab
from salesdesk.ui.editor.overview import OverviewTab
from salesdesk.ui.editor.people import PeopleTab
from salesdesk.ui.session import DealSession


class DealEditor(QTabWidget):
    def __init__(
        self,
        session: DealSession,
        profile: Profile,
        known_people: Callable[[str], list[Stakeholder]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.overview = OverviewTab(session, profile, self)
        self.people = PeopleTab(session, known_people, self)
        self.meetings = MeetingsTab(session, self)
        self.addTab(self.overview, self.tr("&Overview"))
        self.addTab(self.people, self.tr("&People"))
        self.addTab(self.meetings, self.tr("&Meetings"))
        for title, issue in (
            (self.tr("&Worksheet"), self.tr("the worksheet")),
            (self.tr("&Ledger"), self.tr("the give-and-get ledger")),
            (self.tr("&Brief"), self.tr("the meeting brief")),
        ):
            placeholder = QLabel(self.tr("This tab will hold {what}.").format(what=issue), self)
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.addTab(placeholder, title)
        session.changed.connect(self.refresh)

    def set_profile(self, profile: Profile) -> None:
        self.overview.profile = profile
        self.refresh()

    def refresh(self) -> None:
        sheet = self.session.sheet
        self.setEnabled(sheet is not None)
        if sheet is None:
            return
        self.overview.show_sheet(sheet)
        self.people.show_sheet(sheet)
        self.meetings.show_sheet(sheet)
