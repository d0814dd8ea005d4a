"""Two "Sophie Martin" on one deal in the app (issue 23, section 6): the People tab's
"Introduced by" chooser and column, and the Meetings tab's attendee picker and column,
show both, told apart ("Sophie Martin (ours)", "Sophie Martin (Acme Industrie)"), and
what the rep picks is saved as that person; a duplicated deal keeps which is which."""

from __future__ import annotations

from PySide6.QtCore import Qt

from salesdesk.domain.deal import PartySide
from salesdesk.store import deal_load, deals
from tests.homonyms import EXPECTED, OURS_LABEL, THEIRS_LABEL, two_sophies, who
from tests.ui.conftest import TODAY, wait_saved


def _open(window):
    sheet = two_sophies(TODAY)
    deal_id = deals.save_deal(window.workspace.db, sheet, today=TODAY)
    window.workspace.mark_changed()
    window.open_deal(deal_id)
    assert window.workspace.session.sheet.id == deal_id
    theirs, ours, karim = sheet.stakeholders
    return deal_id, theirs, ours, karim


def _cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_the_people_tab_tells_the_two_sophies_apart_and_saves_the_one_chosen(window, qtbot):
    deal_id, _theirs, ours, _karim = _open(window)
    people = window.editor.people
    window.editor.setCurrentWidget(people)
    introduced = [
        people.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(people.model.columnCount())
    ].index("Introduced by")
    assert _cell(people.model, 2, introduced) == THEIRS_LABEL
    people.table.selectRow(2)  # Karim
    assert people.name.text() == "Karim Benali"
    choices = [people.introducer.itemText(i) for i in range(people.introducer.count())]
    assert choices == ["—", THEIRS_LABEL, OURS_LABEL]
    assert people.introducer.currentText() == THEIRS_LABEL
    # Ours introduced him after all: the one of ours is saved, by uid.
    people.introducer.setCurrentIndex(people.introducer.findText(OURS_LABEL))
    wait_saved(qtbot, window)
    stored = deal_load.load_deal(window.workspace.db, deal_id)
    assert stored.person(stored.stakeholders[2].introduced_by).side is PartySide.OURS
    assert stored.stakeholders[2].introduced_by == ours.uid
    assert _cell(people.model, 2, introduced) == OURS_LABEL
    # Each Sophie's own chooser offers the other one, not herself.
    people.table.selectRow(1)
    assert [people.introducer.itemText(i) for i in range(people.introducer.count())] == [
        "—",
        THEIRS_LABEL,
        "Karim Benali",
    ]


def test_the_meetings_tab_tells_the_two_sophies_apart_and_saves_the_one_ticked(window, qtbot):
    deal_id, theirs, _ours, karim = _open(window)
    tab = window.editor.meetings
    window.editor.setCurrentWidget(tab)
    tab.meeting_table.selectRow(0)
    lines = [tab.m_attendees.item(i) for i in range(tab.m_attendees.count())]
    assert [(item.text(), item.checkState()) for item in lines] == [
        (THEIRS_LABEL, Qt.CheckState.Unchecked),
        (OURS_LABEL, Qt.CheckState.Checked),
        ("Karim Benali", Qt.CheckState.Checked),
    ]
    attendees = [
        tab.meetings.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(tab.meetings.columnCount())
    ].index("Attendees")
    assert _cell(tab.meetings, 0, attendees) == f"{OURS_LABEL}, Karim Benali"
    # The customer's Sophie attends instead of ours.
    lines[0].setCheckState(Qt.CheckState.Checked)
    lines[1].setCheckState(Qt.CheckState.Unchecked)
    tab.update_meeting()
    wait_saved(qtbot, window)
    stored = deal_load.load_deal(window.workspace.db, deal_id)
    assert stored.meetings[0].attendees == [theirs.uid, karim.uid]
    assert _cell(tab.meetings, 0, attendees) == f"{THEIRS_LABEL}, Karim Benali"


def test_a_duplicated_deal_keeps_which_sophie_is_which(window, qtbot):
    deal_id, *_ = _open(window)
    copy_id = window.workspace.duplicate_deal()
    assert copy_id is not None and copy_id != deal_id
    copy = deal_load.load_deal(window.workspace.db, copy_id)
    assert copy.meetings == []  # the calendar stays the original's
    karim = next(p for p in copy.stakeholders if p.name == "Karim Benali")
    assert copy.person(karim.introduced_by).side is PartySide.THEIRS
    assert who(deal_load.load_deal(window.workspace.db, deal_id)) == EXPECTED
