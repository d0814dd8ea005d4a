"""Meetings tab: the rounds with their preparation and outcome, and the interactions log."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain import limits
from salesdesk.domain.deal import CHANNEL_LABELS, Channel, DealSheet, Interaction, Meeting
from salesdesk.domain.display import format_date
from salesdesk.domain.meetings import MINUTES_RANGE
from salesdesk.i18n import _, language
from salesdesk.ui.combos import choice
from salesdesk.ui.fields import DateField, beside, error_label
from salesdesk.ui.models.rows import MEASURED_ROWS, Column, RowsModel
from salesdesk.ui.session import DealSession


def meetings_model(parent: QWidget | None = None) -> RowsModel[Meeting]:
    return RowsModel[Meeting](
        [
            Column(_("Date"), lambda m: format_date(m.date, language())),
            Column(_("Time"), lambda m: m.time.strftime("%H:%M") if m.time else ""),
            Column(
                _("Round"),
                lambda m: "" if m.round is None else str(m.round),
                align_right=True,
            ),
            Column(_("Title"), lambda m: m.title),
            Column(_("Attendees"), lambda m: ", ".join(m.attendees)),
        ],
        parent,
    )


def interactions_model(parent: QWidget | None = None) -> RowsModel[Interaction]:
    return RowsModel[Interaction](
        [
            Column(_("Date"), lambda i: format_date(i.date, language())),
            Column(_("Channel"), lambda i: _(CHANNEL_LABELS[i.channel])),
            Column(_("Summary"), lambda i: i.summary),
        ],
        parent,
    )


def _table(model: RowsModel, name: str, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class MeetingsTab(QWidget):
    def __init__(self, session: DealSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meetings = meetings_model(self)
        self.interactions = interactions_model(self)
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        layout.addWidget(splitter)

        rounds = QGroupBox(self.tr("Meetings and rounds"), splitter)
        rounds_layout = QHBoxLayout(rounds)
        self.meeting_table = _table(self.meetings, self.tr("Meetings"), rounds)
        rounds_layout.addWidget(self.meeting_table, 3)
        form_box = QWidget(rounds)
        form = QFormLayout(form_box)
        self.m_date = DateField(form_box, optional=False, today=session.today)
        self.m_date.setAccessibleName(self.tr("Meeting date"))
        form.addRow(self.tr("&Date"), self.m_date)
        self.m_time = QLineEdit(form_box)
        self.m_time.setPlaceholderText("HH:MM")
        self.m_time.setAccessibleName(self.tr("Meeting time"))
        self.m_time_error = error_label(form_box)
        # How long it lasts sits beside the time: the form stays as tall as before.
        self.m_minutes = QSpinBox(form_box)
        self.m_minutes.setRange(0, MINUTES_RANGE[1])
        self.m_minutes.setSingleStep(15)
        self.m_minutes.setSpecialValueText("—")
        self.m_minutes.setSuffix(self.tr(" min"))
        self.m_minutes.setAccessibleName(self.tr("Meeting length in minutes"))
        self.m_minutes.setToolTip(
            self.tr("How long the meeting lasts (calendars: an hour if empty)")
        )
        time_box = QVBoxLayout()
        time_box.addLayout(beside(self.m_time, self.tr("&Length"), self.m_minutes))
        time_box.addWidget(self.m_time_error)
        form.addRow(self.tr("Time"), time_box)
        self.m_round = QSpinBox(form_box)
        self.m_round.setRange(0, 99)
        self.m_round.setSpecialValueText("—")
        self.m_round.setAccessibleName(self.tr("Round"))
        form.addRow(self.tr("&Round"), self.m_round)
        self.m_title = QLineEdit(form_box)
        self.m_title.setAccessibleName(self.tr("Meeting title"))
        form.addRow(self.tr("&Title"), self.m_title)
        self.m_location = QLineEdit(form_box)
        self.m_location.setMaxLength(limits.SHORT)
        self.m_location.setAccessibleName(self.tr("Meeting location"))
        self.m_location.setPlaceholderText(self.tr("Address, room or video link"))
        form.addRow(self.tr("L&ocation"), self.m_location)
        self.m_objectives = QPlainTextEdit(form_box)
        self.m_agenda = QPlainTextEdit(form_box)
        self.m_outcome = QPlainTextEdit(form_box)
        self.m_next = QPlainTextEdit(form_box)
        self.m_customer_note = QPlainTextEdit(form_box)
        self.m_customer_note.setPlaceholderText(
            self.tr("Shown on the customer copy of the brief, the only text of yours it prints")
        )
        for widget, label in (
            (self.m_objectives, self.tr("Objectives")),
            (self.m_agenda, self.tr("Agenda")),
            (self.m_outcome, self.tr("Outcome")),
            (self.m_next, self.tr("Next steps")),
            (self.m_customer_note, self.tr("Note for the customer")),
        ):
            widget.setTabChangesFocus(True)
            widget.setMaximumHeight(60)
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.m_attendees = QListWidget(form_box)
        self.m_attendees.setAccessibleName(self.tr("Attendees"))
        self.m_attendees.setSpacing(2)
        self.m_attendees.setMinimumHeight(self.m_attendees.fontMetrics().height() * 4)
        form.addRow(self.tr("Attendees"), self.m_attendees)
        buttons = QHBoxLayout()
        self.m_add = QPushButton(self.tr("Add meeting"), form_box)
        self.m_update = QPushButton(self.tr("Save changes"), form_box)
        self.m_remove = QPushButton(self.tr("Remove"), form_box)
        for button in (self.m_add, self.m_update, self.m_remove):
            buttons.addWidget(button)
        form.addRow(buttons)
        # The form scrolls on a small screen rather than push the window past it.
        form_scroll = QScrollArea(rounds)
        form_scroll.setWidget(form_box)
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.viewport().setAutoFillBackground(False)
        form_box.setAutoFillBackground(False)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setMinimumWidth(form_box.minimumSizeHint().width() + 20)
        rounds_layout.addWidget(form_scroll, 2)

        log_box = QGroupBox(self.tr("Interactions"), splitter)
        log_layout = QHBoxLayout(log_box)
        self.interaction_table = _table(self.interactions, self.tr("Interactions"), log_box)
        log_layout.addWidget(self.interaction_table, 3)
        i_form_box = QWidget(log_box)
        i_form = QFormLayout(i_form_box)
        self.i_date = DateField(i_form_box, optional=False, today=session.today)
        self.i_date.setAccessibleName(self.tr("Interaction date"))
        i_form.addRow(self.tr("Date"), self.i_date)
        self.i_channel = QComboBox(i_form_box)
        for channel in Channel:
            self.i_channel.addItem(_(CHANNEL_LABELS[channel]), channel.value)
        self.i_channel.setAccessibleName(self.tr("Channel"))
        i_form.addRow(self.tr("Channel"), self.i_channel)
        self.i_summary = QLineEdit(i_form_box)
        self.i_summary.setAccessibleName(self.tr("Summary"))
        i_form.addRow(self.tr("Summary"), self.i_summary)
        self.i_error = error_label(i_form_box)
        i_form.addRow(self.i_error)
        i_buttons = QHBoxLayout()
        self.i_add = QPushButton(self.tr("Log interaction"), i_form_box)
        self.i_remove = QPushButton(self.tr("Remove"), i_form_box)
        i_buttons.addWidget(self.i_add)
        i_buttons.addWidget(self.i_remove)
        i_form.addRow(i_buttons)
        log_layout.addWidget(i_form_box, 2)

        self.m_date.set_value(session.today())
        self.i_date.set_value(session.today())
        self.m_add.clicked.connect(self.add_meeting)
        self.m_update.clicked.connect(self.update_meeting)
        self.m_remove.clicked.connect(self.remove_meeting)
        self.i_add.clicked.connect(self.add_interaction)
        self.i_remove.clicked.connect(self.remove_interaction)
        self.meeting_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._load_meeting(cur.row())
        )

    # ------------------------------------------------------------ meetings

    def _form_meeting(self) -> Meeting | None:
        text = self.m_time.text().strip()
        clock: time | None = None
        if text:
            try:
                clock = time.fromisoformat(text if len(text) > 2 else f"{int(text):02d}:00")
            except ValueError:
                self.m_time_error.setText(self.tr("Write the time as HH:MM, like 09:30."))
                self.m_time_error.show()
                return None
        self.m_time_error.hide()
        attendees = [
            self.m_attendees.item(i).text()
            for i in range(self.m_attendees.count())
            if self.m_attendees.item(i).checkState() == Qt.CheckState.Checked
        ]
        day = self.m_date.value()
        if day is None or self.m_date.has_error():
            self.m_date.setFocus()
            return None
        return Meeting(
            date=day,
            time=clock,
            round=self.m_round.value() or None,
            title=self.m_title.text().strip(),
            objectives=self.m_objectives.toPlainText(),
            agenda=self.m_agenda.toPlainText(),
            outcome=self.m_outcome.toPlainText(),
            next_steps=self.m_next.toPlainText(),
            customer_note=self.m_customer_note.toPlainText(),
            attendees=attendees,
            minutes=self.m_minutes.value() or None,
            location=self.m_location.text().strip(),
        )

    def _selected_meeting(self) -> int:
        index = self.meeting_table.currentIndex()
        return index.row() if index.isValid() else -1

    def _load_meeting(self, row: int) -> None:
        if not 0 <= row < self.meetings.rowCount():
            return
        meeting = self.meetings.row(row)
        self.m_date.clear_error()
        self.m_date.set_value(meeting.date)
        self.m_time.setText(meeting.time.strftime("%H:%M") if meeting.time else "")
        self.m_round.setValue(meeting.round or 0)
        self.m_title.setText(meeting.title)
        self.m_minutes.setValue(meeting.minutes or 0)
        self.m_location.setText(meeting.location)
        self.m_location.setCursorPosition(0)  # an address reads from its start
        self.m_objectives.setPlainText(meeting.objectives)
        self.m_agenda.setPlainText(meeting.agenda)
        self.m_outcome.setPlainText(meeting.outcome)
        self.m_next.setPlainText(meeting.next_steps)
        self.m_customer_note.setPlainText(meeting.customer_note)
        self._fill_attendees(meeting.attendees)

    def _fill_attendees(self, checked: list[str]) -> None:
        self.m_attendees.clear()
        sheet = self.session.sheet
        for person in sheet.stakeholders if sheet else []:
            item = QListWidgetItem(person.name, self.m_attendees)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.name in checked else Qt.CheckState.Unchecked
            )

    def add_meeting(self) -> None:
        meeting = self._form_meeting()
        if meeting is None:
            return
        self.session.edit(self.tr("Add meeting"), lambda s: _insert_meeting(s, meeting))

    def update_meeting(self) -> None:
        row = self._selected_meeting()
        meeting = self._form_meeting()
        if row < 0 or meeting is None:
            return

        def change(s: DealSheet) -> None:
            # The same meeting, changed: its uid (a calendar's UID) and sequence stay.
            meeting.uid = s.meetings[row].uid
            meeting.sequence = s.meetings[row].sequence
            del s.meetings[row]
            _insert_meeting(s, meeting)

        self.session.edit(self.tr("Edit meeting"), change)

    def remove_meeting(self) -> None:
        row = self._selected_meeting()
        if row >= 0:
            self.session.edit(self.tr("Remove meeting"), lambda s: s.meetings.pop(row))

    # ------------------------------------------------------------ interactions

    def add_interaction(self) -> None:
        day = self.i_date.value()
        if day is None or self.i_date.has_error():
            self.i_date.setFocus()
            return
        if day > self.session.today():
            self.i_error.setText(
                self.tr(
                    "An interaction that has happened cannot be in the "
                    "future; plan a meeting instead."
                )
            )
            self.i_error.show()
            return
        self.i_error.hide()
        item = Interaction(
            day, choice(self.i_channel, Channel) or Channel.OTHER, self.i_summary.text().strip()
        )
        self.session.edit(self.tr("Log interaction"), lambda s: _insert_interaction(s, item))
        self.i_summary.clear()

    def remove_interaction(self) -> None:
        index = self.interaction_table.currentIndex()
        if index.isValid():
            row = index.row()
            self.session.edit(self.tr("Remove interaction"), lambda s: s.interactions.pop(row))

    # ------------------------------------------------------------ display

    def show_sheet(self, sheet: DealSheet) -> None:
        row = self._selected_meeting()
        self.meetings.set_rows(sheet.meetings)
        self.interactions.set_rows(sheet.interactions)
        if 0 <= row < self.meetings.rowCount():
            self.meeting_table.selectRow(row)
        else:
            self._fill_attendees([])


def _insert_meeting(sheet: DealSheet, meeting: Meeting) -> None:
    sheet.meetings.append(meeting)
    sheet.meetings.sort(key=lambda m: (m.date, m.time or time.min))


def _insert_interaction(sheet: DealSheet, item: Interaction) -> None:
    sheet.interactions.append(item)
    sheet.interactions.sort(key=lambda i: i.date)
