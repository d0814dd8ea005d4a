"""Today: the contacts due or overdue and the week's meetings — the morning's first look."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QLocale, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.dates import format_date
from salesdesk.domain.listing import DealSummary, UpcomingMeeting
from salesdesk.domain.stages import STAGE_LABELS
from salesdesk.i18n import _, language
from salesdesk.ui.models.rows import MEASURED_ROWS, Column, RowsModel

# The column saying whose deal it is: shown on a team's server only.
DUE_OWNER = 2
MEETING_OWNER = 4
Owner = Callable[[str], str]  # a deal's owner role -> what the lists show for it


def due_model(
    today: date, owner: Owner = str, parent: QWidget | None = None
) -> RowsModel[DealSummary]:
    def when(d: DealSummary) -> str:
        due = d.next_contact_due
        if due is None:
            return ""
        late = (today - due).days
        if late <= 0:
            return _("due today")
        return _("{n} days late").format(n=late) if late > 1 else _("1 day late")

    return RowsModel[DealSummary](
        [
            Column(_("Deal"), lambda d: d.title),
            Column(_("Account"), lambda d: d.account),
            Column(_("Owner"), lambda d: owner(d.owner)),
            Column(_("Stage"), lambda d: _(STAGE_LABELS[d.stage])),
            Column(_("Due"), lambda d: format_date(d.next_contact_due, language())),
            Column(_("When"), when),
        ],
        parent,
    )


def meetings_model(owner: Owner = str, parent: QWidget | None = None) -> RowsModel[UpcomingMeeting]:
    return RowsModel[UpcomingMeeting](
        [
            Column(_("Date"), lambda m: format_date(m.date, language())),
            Column(_("Time"), lambda m: m.time.strftime("%H:%M") if m.time else ""),
            Column(_("Deal"), lambda m: m.deal_title),
            Column(_("Account"), lambda m: m.account),
            Column(_("Owner"), lambda m: owner(m.owner)),
            Column(_("Meeting"), lambda m: m.title),
        ],
        parent,
    )


class TodayView(QWidget):
    deal_requested = Signal(int)
    guide_requested = Signal()
    # A meeting held and not debriefed: its deal's id and the meeting's uid.
    debrief_requested = Signal(int, str)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(self.heading)
        # On a team's server: each role's display name (the role itself when it has none).
        self._names: dict[str, str] = {}
        self.due = due_model(today, self._owner, self)
        self.meetings = meetings_model(self._owner, self)
        self.due_box = QGroupBox(self)
        self.due_table = self._table(self.due, self.tr("Contacts due"))
        self.due_table.setColumnHidden(DUE_OWNER, True)
        QVBoxLayout(self.due_box).addWidget(self.due_table)
        self.meetings_box = QGroupBox(self)
        self.meetings_table = self._table(self.meetings, self.tr("Meetings this week"))
        self.meetings_table.setColumnHidden(MEETING_OWNER, True)
        QVBoxLayout(self.meetings_box).addWidget(self.meetings_table)
        # The day after a meeting with no outcome yet, its debrief is due.
        self.debrief_box = QGroupBox(self)
        self.to_debrief = meetings_model(self._owner, self)
        self.debrief_table = self._table(self.to_debrief, self.tr("Meetings to debrief"))
        self.debrief_table.setColumnHidden(MEETING_OWNER, True)
        QVBoxLayout(self.debrief_box).addWidget(self.debrief_table)
        layout.addWidget(self.debrief_box, 1)
        layout.addWidget(self.due_box, 1)
        layout.addWidget(self.meetings_box, 1)
        self.guide = QLabel(self)
        self.guide.setText(
            '<a href="guide">'
            + self.tr("New here? The method SalesDesk follows, in short (F1)")
            + "</a>"
        )
        self.guide.linkActivated.connect(lambda _link: self.guide_requested.emit())
        layout.addWidget(self.guide)
        self.set_today(today)

    def _table(self, model: RowsModel, name: str) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.activated.connect(lambda index: self._open(model, index))
        table.clicked.connect(lambda index: self._open(model, index))
        return table

    def _open(self, model: RowsModel, index: QModelIndex) -> None:
        row = model.row(index.row())
        if model is self.to_debrief and isinstance(row, UpcomingMeeting) and row.uid:
            self.debrief_requested.emit(row.deal_id, row.uid)
            return
        self.deal_requested.emit(row.id if isinstance(row, DealSummary) else row.deal_id)

    def _owner(self, role: str) -> str:
        return self._names.get(role) or role

    def set_today(self, today: date) -> None:
        self.heading.setText(self.tr("Today, {date}").format(date=format_date(today, language())))

    def set_items(
        self,
        due: list[DealSummary],
        meetings: list[UpcomingMeeting],
        due_total: int | None = None,
        owners: dict[str, str] | None = None,
        to_debrief: list[UpcomingMeeting] | None = None,
    ) -> None:
        """`due_total`: how many contacts are due when `due` holds only the first ones;
        `owners`: on a team's server, the display name of each role that has one (then
        the lists say whose deal it is), None on a rep's own file."""
        self._names = dict(owners or {})
        self.due_table.setColumnHidden(DUE_OWNER, owners is None)
        self.meetings_table.setColumnHidden(MEETING_OWNER, owners is None)
        self.due.set_rows(due)
        self.meetings.set_rows(meetings)
        held = list(to_debrief or [])
        self.to_debrief.set_rows(held)
        self.debrief_table.setColumnHidden(MEETING_OWNER, owners is None)
        self.debrief_box.setVisible(bool(held))
        self.debrief_box.setTitle(
            self.tr("Meetings to debrief: what came of them? (%Ln)", "", len(held))
        )
        total = len(due) if due_total is None else max(due_total, len(due))
        if total > len(due):
            self.due_box.setTitle(
                self.tr("Contacts due or overdue (the first {shown} of %Ln)", "", total).format(
                    shown=QLocale().toString(len(due))
                )
            )
        else:
            self.due_box.setTitle(self.tr("Contacts due or overdue (%Ln)", "", total))
        self.meetings_box.setTitle(self.tr("Meetings in the next 7 days (%Ln)", "", len(meetings)))
