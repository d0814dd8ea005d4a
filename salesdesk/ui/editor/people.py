"""People tab: stakeholders on both sides, as a table and as a network picture."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.deal import (
    ROLE_LABELS,
    STANCE_LABELS,
    DealSheet,
    PartySide,
    Role,
    Stakeholder,
    Stance,
)
from salesdesk.i18n import _
from salesdesk.ui.combos import choice
from salesdesk.ui.editor.network import NetworkView
from salesdesk.ui.fields import CommitLineEdit, error_label, set_text
from salesdesk.ui.models.rows import Column, RowsModel
from salesdesk.ui.session import DealSession


def people_model(
    labels: Callable[[], dict[str, str]], parent: QWidget | None = None
) -> RowsModel[Stakeholder]:
    """The people table; `labels` gives the deal's people by uid as they are shown (an
    introducer is a uid: two of one name read "Sophie Martin (ours)", "(Acme)")."""
    return RowsModel[Stakeholder](
        [
            Column(_("Name"), lambda p: p.name),
            Column(_("Side"), lambda p: _("ours") if p.side is PartySide.OURS else _("theirs")),
            Column(_("Role"), lambda p: _(ROLE_LABELS[p.role]) if p.role else ""),
            Column(_("Stance"), lambda p: _(STANCE_LABELS[p.stance]) if p.stance else ""),
            Column(_("Introduced by"), lambda p: labels().get(p.introduced_by or "", "")),
        ],
        parent,
    )


class PeopleTab(QWidget):
    def __init__(
        self,
        session: DealSession,
        known_people: Callable[[str], list[Stakeholder]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.known_people = known_people
        self._labels: dict[str, str] = {}
        self.model = people_model(lambda: self._labels, self)
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        layout.addWidget(splitter)

        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView(top)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Stakeholders"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        top_layout.addWidget(self.table)

        form = QFormLayout()
        self.name = CommitLineEdit(top)
        self.name.setAccessibleName(self.tr("Person's name"))
        self.name_error = error_label(top)
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_error)
        # A row of a layout gets no buddy from addRow: "&Name" would show its "&".
        name_label = QLabel(self.tr("&Name"), top)
        name_label.setBuddy(self.name)
        form.addRow(name_label, name_box)
        self.side = QComboBox(top)
        self.side.addItem(self.tr("theirs (at the account)"), PartySide.THEIRS.value)
        self.side.addItem(self.tr("ours"), PartySide.OURS.value)
        form.addRow(self.tr("Si&de"), self.side)
        self.role = QComboBox(top)
        self.role.addItem("—", None)
        for role in Role:
            self.role.addItem(_(ROLE_LABELS[role]), role.value)
        form.addRow(self.tr("&Role"), self.role)
        self.stance = QComboBox(top)
        self.stance.addItem("—", None)
        for stance in Stance:
            self.stance.addItem(_(STANCE_LABELS[stance]), stance.value)
        form.addRow(self.tr("S&tance"), self.stance)
        self.introducer = QComboBox(top)
        self.introducer.setAccessibleName(self.tr("Introduced by"))
        form.addRow(self.tr("&Introduced by"), self.introducer)
        top_layout.addLayout(form)
        self._form_widgets = (self.name, self.side, self.role, self.stance, self.introducer)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add person"), top)
        self.remove_button = QPushButton(self.tr("Re&move"), top)
        self.known_button = QToolButton(top)
        self.known_button.setText(self.tr("Known at this account…"))
        self.known_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.known_menu = QMenu(self.known_button)
        self.known_button.setMenu(self.known_menu)
        self.known_menu.aboutToShow.connect(self._fill_known)
        for button in (self.add_button, self.remove_button, self.known_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top_layout.addLayout(buttons)

        self.network = NetworkView(splitter)
        splitter.addWidget(top)
        splitter.addWidget(self.network)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        # The row the form shows: every change to the form is saved to it at once (undoable).
        self._row = -1
        self.add_button.clicked.connect(self.add_person)
        self.remove_button.clicked.connect(self.remove_person)
        self.name.committed.connect(lambda _text: self._save_form("name"))
        self.name.textEdited.connect(lambda _text: self.name_error.hide())
        for combo, field in (
            (self.side, "side"),
            (self.role, "role"),
            (self.stance, "stance"),
            (self.introducer, "introducer"),
        ):
            combo.currentIndexChanged.connect(lambda _i, f=field: self._save_form(f))
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._load(cur.row())
        )
        self._enable_form(False)

    # ------------------------------------------------------------ form

    def _enable_form(self, enabled: bool) -> None:
        for widget in self._form_widgets:
            widget.setEnabled(enabled)
        self.remove_button.setEnabled(enabled)

    def _form_person(self, base: Stakeholder) -> Stakeholder | None:
        name = self.name.text().strip()
        side = choice(self.side, PartySide) or PartySide.THEIRS
        sheet = self.session.sheet
        problem = ""
        if not name:
            problem = self.tr("A name is required.")
        elif sheet is not None and any(
            p.name == name and p.side is side
            for i, p in enumerate(sheet.stakeholders)
            if i != self._row
        ):
            # The same name on the other side is another person (a person is their uid).
            problem = self.tr("{name} is already on this side of the deal.").format(name=name)
        if problem:
            self.name_error.setText(problem)
            self.name_error.show()
            return None
        self.name_error.hide()
        return replace(
            base,
            name=name,
            side=side,
            role=choice(self.role, Role),
            stance=choice(self.stance, Stance),
            introduced_by=self.introducer.currentData(),
        )

    def _selected(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _load(self, row: int) -> None:
        if self.name.pending():
            # What was typed for the previous person is saved to them first.
            self.name.flush()
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
        if not 0 <= row < self.model.rowCount():
            self._row = -1
            self._enable_form(False)
            return
        self._row = row
        self._enable_form(True)
        self.name_error.hide()
        self._show_person(self.model.row(row))

    def _show_person(self, person: Stakeholder) -> None:
        for widget in self._form_widgets:
            widget.blockSignals(True)
        set_text(self.name, person.name)
        self.side.setCurrentIndex(self.side.findData(person.side.value))
        self.role.setCurrentIndex(
            max(0, self.role.findData(person.role.value if person.role else None))
        )
        self.stance.setCurrentIndex(
            max(0, self.stance.findData(person.stance.value if person.stance else None))
        )
        self._fill_introducers(exclude=person.uid)
        self.introducer.setCurrentIndex(max(0, self.introducer.findData(person.introduced_by)))
        for widget in self._form_widgets:
            widget.blockSignals(False)

    def _fill_introducers(self, exclude: str | None = None) -> None:
        """The deal's people but `exclude` (a uid), each shown by their label and kept by
        their uid: two of one name are two choices."""
        current = self.introducer.currentData()
        self.introducer.blockSignals(True)
        self.introducer.clear()
        self.introducer.addItem("—", None)
        sheet = self.session.sheet
        labels = sheet.labels() if sheet else {}
        for person in sheet.stakeholders if sheet else []:
            if person.uid != exclude:
                self.introducer.addItem(labels[person.uid], person.uid)
        self.introducer.setCurrentIndex(max(0, self.introducer.findData(current)))
        self.introducer.blockSignals(False)

    # ------------------------------------------------------------ edits

    def add_person(self) -> None:
        """A new person, selected, with the name field ready to type over."""
        sheet = self.session.sheet
        if sheet is None:
            return
        self.name.flush()
        present = {p.name for p in sheet.stakeholders}
        name = self.tr("New person")
        number = 2
        while name in present:
            name = self.tr("New person {n}").format(n=number)
            number += 1
        person = Stakeholder(name=name, side=PartySide.THEIRS)
        self.session.edit(
            self.tr("Add {name}").format(name=name), lambda s: s.stakeholders.append(person)
        )
        self.table.selectRow(self.model.rowCount() - 1)
        self.name.setFocus()
        self.name.selectAll()

    def _save_form(self, field: str) -> None:
        row = self._row
        sheet = self.session.sheet
        if sheet is None or not 0 <= row < len(sheet.stakeholders):
            return
        old = sheet.stakeholders[row]
        person = self._form_person(old)
        if person is None or person == old:
            return

        def change(s: DealSheet) -> None:
            # Meetings and introductions point at the person's uid: a rename changes
            # nothing else.
            s.stakeholders[row] = person

        self.session.edit(
            self.tr("Edit {name}").format(name=person.name),
            change,
            merge_key=f"person-{row}-{field}",
        )

    def remove_person(self) -> None:
        row = self._selected()
        if row < 0:
            return
        name = self.model.row(row).name
        uid = self.model.row(row).uid

        def change(s: DealSheet) -> None:
            del s.stakeholders[row]
            for other in s.stakeholders:
                if other.introduced_by == uid:
                    other.introduced_by = None
            for meeting in s.meetings:
                meeting.attendees = [a for a in meeting.attendees if a != uid]

        self.session.edit(self.tr("Remove {name}").format(name=name), change)

    def _fill_known(self) -> None:
        self.known_menu.clear()
        sheet = self.session.sheet
        if sheet is None:
            return
        uids = {p.uid for p in sheet.stakeholders}
        present = {(p.name, p.side) for p in sheet.stakeholders}
        known = [
            p
            for p in self.known_people(sheet.account)
            if p.uid not in uids and (p.name, p.side) not in present
        ]
        if not known:
            action = self.known_menu.addAction(self.tr("Nobody else is known at this account"))
            action.setEnabled(False)
        for person in known:
            action = self.known_menu.addAction(person.name)
            action.triggered.connect(
                lambda _c=False, p=person: self.session.edit(
                    self.tr("Add {name}").format(name=p.name), lambda s: s.stakeholders.append(p)
                )
            )

    # ------------------------------------------------------------ display

    def show_sheet(self, sheet: DealSheet) -> None:
        row = self._row
        self._labels = sheet.labels()
        self.model.set_rows(sheet.stakeholders)
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
            self._enable_form(True)
            if not self.name.pending() and self.name_error.isHidden():
                self._show_person(sheet.stakeholders[row])
            else:
                self._fill_introducers(exclude=sheet.stakeholders[row].uid)
        else:
            self._row = -1
            self._enable_form(False)
        self.network.set_people(sheet.stakeholders, self._labels)
