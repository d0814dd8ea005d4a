"""Meetings tab: the rounds with their preparation and outcome, and the interactions log."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
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


def meetings_model(
    labels: Callable[[], dict[str, str]], parent: QWidget | None = None
) -> RowsModel[Meeting]:
    """The meetings table; `labels` gives the deal's people by uid as they are shown
    (attendees are uids: two of one name read "Sophie Martin (ours)", "(Acme)")."""
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
            Column(
                _("Attendees"),
                lambda m: ", ".join(labels()[uid] for uid in m.attendees if uid in labels()),
            ),
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


def _no_taller_than_needed(widget: QWidget) -> None:
    """The widget asks for its minimum height only: a list's or a table's size hint (about
    200 px) would take the room the meetings' table needs at 720 px."""
    policy = widget.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
    widget.setSizePolicy(policy)


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
    """The meetings: the buttons first, then the table, then the selected meeting's form
    in two columns (its facts and attendees; its texts), all in sight at 1280×720. The
    interactions' form is one line above their table.

    "Add meeting" adds an empty meeting dated today and selects it; the form edits the
    selected meeting. What is typed there is kept when the rep moves to another meeting,
    another tab or another deal, as "Save changes" keeps it."""

    def __init__(self, session: DealSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.debrief_dialog: QDialog | None = None
        self._labels: dict[str, str] = {}  # the deal's people by uid, as shown
        self.meetings = meetings_model(lambda: self._labels, self)
        self.interactions = interactions_model(self)
        # The meeting the form edits (its uid), and that meeting as the form last showed
        # or saved it: a difference is the rep's typing, not yet in the deal.
        self._current: str | None = None
        self._loaded: Meeting | None = None
        self._sheet_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        # On a screen smaller than 1280×720 the tab scrolls as a whole rather than push
        # the window past the screen; at 1280×720 everything is in sight.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(scroll)
        splitter = QSplitter(Qt.Orientation.Vertical, scroll)
        scroll.setWidget(splitter)
        rounds = QGroupBox(self.tr("Meetings and rounds"), splitter)
        self._build_meetings(rounds)
        log_box = QGroupBox(self.tr("Interactions"), splitter)
        self._build_interactions(log_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)

        self.i_date.set_value(session.today())
        self.m_add.clicked.connect(self.add_meeting)
        self.m_update.clicked.connect(self.update_meeting)
        self.m_remove.clicked.connect(self.remove_meeting)
        self.m_debrief.clicked.connect(self.debrief_selected)
        self.i_add.clicked.connect(self.add_interaction)
        self.i_remove.clicked.connect(self.remove_interaction)
        self.meeting_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._choose_meeting(cur.row())
        )
        self._show_form(None)

    def _build_meetings(self, box: QGroupBox) -> None:
        outer = QVBoxLayout(box)
        buttons = QHBoxLayout()
        self.m_add = QPushButton(self.tr("Add meeting"), box)
        self.m_update = QPushButton(self.tr("Save changes"), box)
        self.m_remove = QPushButton(self.tr("Remove"), box)
        # Beside them, in sight: the first thing to do after a meeting.
        self.m_debrief = QPushButton(self.tr("De&brief…"), box)
        self.m_debrief.setToolTip(
            self.tr(
                "After the meeting: their counter-offer, their answer to our trades, the "
                "outcome and the next meeting, saved at once"
            )
        )
        for button in (self.m_add, self.m_update, self.m_remove, self.m_debrief):
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.meeting_table = _table(self.meetings, self.tr("Meetings"), box)
        self.meeting_table.setMinimumHeight(
            self.meeting_table.verticalHeader().defaultSectionSize() * 3
        )
        outer.addWidget(self.meeting_table, 1)

        self.m_form = QWidget(box)
        columns = QHBoxLayout(self.m_form)
        columns.setContentsMargins(0, 0, 0, 0)
        # The meeting's facts; a field added to meetings goes here, one row each.
        self.m_facts = QFormLayout()
        self.m_date = DateField(self.m_form, optional=False, today=self.session.today)
        self.m_date.setAccessibleName(self.tr("Meeting date"))
        self.m_facts.addRow(self.tr("&Date"), self.m_date)
        self.m_time = QLineEdit(self.m_form)
        self.m_time.setPlaceholderText("HH:MM")
        self.m_time.setAccessibleName(self.tr("Meeting time"))
        self.m_time_error = error_label(self.m_form)
        # How long it lasts sits beside the time: the form stays as tall as before.
        self.m_minutes = QSpinBox(self.m_form)
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
        self.m_facts.addRow(self.tr("Time"), time_box)
        self.m_round = QSpinBox(self.m_form)
        self.m_round.setRange(0, 99)
        self.m_round.setSpecialValueText("—")
        self.m_round.setAccessibleName(self.tr("Round"))
        self.m_facts.addRow(self.tr("&Round"), self.m_round)
        self.m_title = QLineEdit(self.m_form)
        self.m_title.setAccessibleName(self.tr("Meeting title"))
        self.m_facts.addRow(self.tr("&Title"), self.m_title)
        self.m_location = QLineEdit(self.m_form)
        self.m_location.setMaxLength(limits.SHORT)
        self.m_location.setAccessibleName(self.tr("Meeting location"))
        self.m_location.setPlaceholderText(self.tr("Address, room or video link"))
        self.m_facts.addRow(self.tr("L&ocation"), self.m_location)
        self.m_attendees = QListWidget(self.m_form)
        self.m_attendees.setAccessibleName(self.tr("Attendees"))
        # Five names in sight; more scroll.
        row = self.m_attendees.fontMetrics().height() + 6
        self.m_attendees.setMinimumHeight(row * 5 + 2 * self.m_attendees.frameWidth())
        _no_taller_than_needed(self.m_attendees)
        self.m_facts.addRow(self.tr("Attendees"), self.m_attendees)
        columns.addLayout(self.m_facts, 1)
        # The meeting's texts, two lines each in sight.
        texts = QFormLayout()
        self.m_objectives = QPlainTextEdit(self.m_form)
        self.m_agenda = QPlainTextEdit(self.m_form)
        self.m_outcome = QPlainTextEdit(self.m_form)
        self.m_next = QPlainTextEdit(self.m_form)
        self.m_customer_note = QPlainTextEdit(self.m_form)
        self.m_customer_note.setPlaceholderText(
            self.tr("Shown on the customer copy of the brief, the only text of yours it prints")
        )
        lines = self.m_objectives.fontMetrics().lineSpacing()
        for widget, label in (
            (self.m_objectives, self.tr("Objectives")),
            (self.m_agenda, self.tr("Agenda")),
            (self.m_outcome, self.tr("Outcome")),
            (self.m_next, self.tr("Next steps")),
            (self.m_customer_note, self.tr("Note for the customer")),
        ):
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(2 * lines + 12)
            widget.setAccessibleName(label)
            texts.addRow(label, widget)
        columns.addLayout(texts, 1)
        # The form as tall as its fields; the meetings' table takes the room left.
        policy = self.m_form.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Maximum)
        self.m_form.setSizePolicy(policy)
        outer.addWidget(self.m_form, 0)

    def _build_interactions(self, box: QGroupBox) -> None:
        outer = QVBoxLayout(box)
        row = QHBoxLayout()
        self.i_date = DateField(box, optional=False, today=self.session.today)
        self.i_date.setAccessibleName(self.tr("Interaction date"))
        self.i_channel = QComboBox(box)
        for channel in Channel:
            self.i_channel.addItem(_(CHANNEL_LABELS[channel]), channel.value)
        self.i_channel.setAccessibleName(self.tr("Channel"))
        self.i_summary = QLineEdit(box)
        self.i_summary.setAccessibleName(self.tr("Summary"))
        self.i_summary.setPlaceholderText(self.tr("Summary"))
        self.i_add = QPushButton(self.tr("Log interaction"), box)
        self.i_remove = QPushButton(self.tr("Remove"), box)
        for widget, label in ((self.i_date, self.tr("Date")), (self.i_channel, None)):
            if label:
                row.addWidget(QLabel(label, box))
            row.addWidget(widget)
        row.addWidget(self.i_summary, 1)
        row.addWidget(self.i_add)
        row.addWidget(self.i_remove)
        outer.addLayout(row)
        self.i_error = error_label(box)
        outer.addWidget(self.i_error)
        self.interaction_table = _table(self.interactions, self.tr("Interactions"), box)
        self.interaction_table.setMinimumHeight(
            self.interaction_table.verticalHeader().defaultSectionSize() * 3
        )
        _no_taller_than_needed(self.interaction_table)  # the room left goes to the meetings
        outer.addWidget(self.interaction_table, 1)

    # ------------------------------------------------------------ meetings

    def _form_meeting(self) -> Meeting | None:
        """The form as a meeting (the one it edits, changed), or None when it has a
        mistake, said at its field."""
        assert self._loaded is not None
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
        self.m_date.commit_pending()
        day = self.m_date.value()
        if day is None or self.m_date.has_error():
            return None
        # Fields the form does not show are the meeting's own, kept as they are.
        return replace(
            self._loaded,
            date=day,
            time=clock,
            round=self.m_round.value() or None,
            title=self.m_title.text().strip(),
            objectives=self.m_objectives.toPlainText(),
            agenda=self.m_agenda.toPlainText(),
            outcome=self.m_outcome.toPlainText(),
            next_steps=self.m_next.toPlainText(),
            customer_note=self.m_customer_note.toPlainText(),
            attendees=self._checked_attendees(),
            minutes=self.m_minutes.value() or None,
            location=self.m_location.text().strip(),
        )

    def _checked_attendees(self) -> list[str]:
        """The uids of the people ticked."""
        return [
            self.m_attendees.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.m_attendees.count())
            if self.m_attendees.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _show_form(self, meeting: Meeting | None) -> None:
        """The form shows `meeting` (empty and off without one)."""
        self._loaded = copy.deepcopy(meeting)
        empty = Meeting(date=self.session.today())
        shown = meeting or empty
        self.m_date.clear_error()
        self.m_date.set_value(shown.date)
        self.m_time_error.hide()
        self.m_time.setText(shown.time.strftime("%H:%M") if shown.time else "")
        self.m_round.setValue(shown.round or 0)
        self.m_title.setText(shown.title)
        self.m_minutes.setValue(shown.minutes or 0)
        self.m_location.setText(shown.location)
        self.m_location.setCursorPosition(0)  # an address reads from its start
        self.m_objectives.setPlainText(shown.objectives)
        self.m_agenda.setPlainText(shown.agenda)
        self.m_outcome.setPlainText(shown.outcome)
        self.m_next.setPlainText(shown.next_steps)
        self.m_customer_note.setPlainText(shown.customer_note)
        self._fill_attendees(shown.attendees)
        self.m_form.setEnabled(meeting is not None)
        self.m_update.setEnabled(meeting is not None)
        self.m_remove.setEnabled(meeting is not None)

    def _fill_attendees(self, checked: list[str]) -> None:
        self.m_attendees.clear()
        sheet = self.session.sheet
        labels = sheet.labels() if sheet else {}
        for person in sheet.stakeholders if sheet else []:
            # Shown by label, kept by uid: two of one name are two lines.
            item = QListWidgetItem(labels[person.uid], self.m_attendees)
            item.setData(Qt.ItemDataRole.UserRole, person.uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.uid in checked else Qt.CheckState.Unchecked
            )

    def _row_of(self, uid: str | None) -> int:
        rows = self.meetings.rows()
        return next((i for i, m in enumerate(rows) if m.uid == uid), -1)

    def _select_row(self, row: int) -> None:
        """Select `row` (none when -1) without acting on it."""
        selection = self.meeting_table.selectionModel()
        selection.blockSignals(True)
        if row < 0:
            selection.clearSelection()
            selection.clearCurrentIndex()
        else:
            self.meeting_table.selectRow(row)
        selection.blockSignals(False)
        self.meeting_table.viewport().update()

    def _choose_meeting(self, row: int) -> None:
        """The rep selected another meeting: the form's typing is kept first."""
        if not 0 <= row < self.meetings.rowCount():
            return
        uid = self.meetings.row(row).uid
        if uid == self._current:
            return
        if not self.commit_form():
            self._select_row(self._row_of(self._current))  # the mistake is said; fix it first
            return
        self._current = uid
        row = self._row_of(uid)
        self._select_row(row)
        self._show_form(self.meetings.row(row) if row >= 0 else None)

    def commit_form(self) -> bool:
        """Keep what is typed in the form in the deal; False when the form has a mistake."""
        if self._loaded is None:
            return True
        meeting = self._form_meeting()
        if meeting is None:
            return False
        if meeting == self._loaded:
            return True
        uid = meeting.uid
        self._loaded = copy.deepcopy(meeting)

        def change(s: DealSheet) -> None:
            s.meetings = [m for m in s.meetings if m.uid != uid]
            _insert_meeting(s, meeting)

        self.session.edit(self.tr("Edit meeting"), change)
        return True

    def add_meeting(self) -> None:
        """An empty meeting dated today, selected, its date ready to type over."""
        if not self.commit_form():
            return
        meeting = Meeting(date=self.session.today())
        self._current = meeting.uid
        self.session.edit(self.tr("Add meeting"), lambda s: _insert_meeting(s, meeting))
        self.m_date.setFocus()
        self.m_date.edit.selectAll()

    def update_meeting(self) -> None:
        self.commit_form()

    def remove_meeting(self) -> None:
        uid = self._current
        if uid is None:
            return
        self._current, self._loaded = None, None
        self.session.edit(
            self.tr("Remove meeting"),
            lambda s: setattr(s, "meetings", [m for m in s.meetings if m.uid != uid]),
        )

    def debrief_selected(self) -> None:
        # What is typed in the form is the meeting's before its debrief starts from it.
        if self._current is not None and self.commit_form():
            self.debrief(self._current)

    def debrief(self, meeting_uid: str) -> bool:
        """The debrief form for the meeting; saved as one undoable step. False when
        cancelled (or the meeting is gone)."""
        from salesdesk.domain.debrief import apply_debrief
        from salesdesk.ui.editor.debrief import DebriefDialog

        sheet = self.session.sheet
        if sheet is None or not any(m.uid == meeting_uid for m in sheet.meetings):
            return False
        dialog = DebriefDialog(sheet, meeting_uid, self.session.today(), self)
        self.debrief_dialog = dialog  # reachable while open (tests, the guide)
        try:
            if dialog.exec() != DebriefDialog.DialogCode.Accepted:
                return False
            found = dialog.debrief()
        finally:
            self.debrief_dialog = None
        meeting = next(m for m in sheet.meetings if m.uid == meeting_uid)
        self.session.edit(
            self.tr("Debrief of the meeting of {date}").format(
                date=format_date(meeting.date, language())
            ),
            lambda s: apply_debrief(s, found),
        )
        return True

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
        if self._sheet_id != sheet.id:
            # Another deal: its next meeting is the one shown (else its latest).
            self._sheet_id = sheet.id
            coming = [m for m in sheet.meetings if m.date >= self.session.today()]
            chosen = coming[0] if coming else (sheet.meetings[-1] if sheet.meetings else None)
            self._current = chosen.uid if chosen else None
            self._loaded = None
        self._labels = sheet.labels()
        self.meetings.set_rows(sheet.meetings)
        self.interactions.set_rows(sheet.interactions)
        row = self._row_of(self._current)
        self._select_row(row)
        meeting = sheet.meetings[row] if row >= 0 else None
        if meeting is None:
            self._current = None
            if self._loaded is not None or self.m_form.isEnabled():
                self._show_form(None)
        elif meeting != self._loaded:
            self._show_form(meeting)  # added, undone, redone, changed elsewhere
        elif [
            (
                self.m_attendees.item(i).data(Qt.ItemDataRole.UserRole),
                self.m_attendees.item(i).text(),
            )
            for i in range(self.m_attendees.count())
        ] != [(p.uid, self._labels[p.uid]) for p in sheet.stakeholders]:
            self._fill_attendees(self._checked_attendees())  # the people changed


def _insert_meeting(sheet: DealSheet, meeting: Meeting) -> None:
    sheet.meetings.append(meeting)
    sheet.meetings.sort(key=lambda m: (m.date, m.time or time.min))


def _insert_interaction(sheet: DealSheet, item: Interaction) -> None:
    sheet.interactions.append(item)
    sheet.interactions.sort(key=lambda i: i.date)
