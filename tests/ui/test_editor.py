from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from salesdesk.domain.deal import PartySide, Role, Stance
from salesdesk.domain.listing import DealQuery
from salesdesk.domain.stages import Stage
from salesdesk.store import deal_list, deal_load, deals, settings
from salesdesk.ui.models.rows import RowsModel
from tests.ui.conftest import TODAY, deal_ids, wait_saved


@pytest.fixture
def packaging(window):
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    return window


def stored(win):
    return deal_load.load_deal(win.workspace.db, win.workspace.session.sheet.id)


def test_every_small_model_passes_the_model_tester(qtmodeltester, packaging):
    editor = packaging.editor
    models: list[RowsModel] = [
        editor.people.model,
        editor.meetings.meetings,
        editor.meetings.interactions,
        packaging.today_view.due,
        packaging.today_view.meetings,
    ]
    for model in models:
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_editing_saves_within_a_second_and_undo_redo(packaging, qtbot):
    title = packaging.editor.overview.title
    title.setText("Renouvellement 2027-2029")
    title.editingFinished.emit()
    wait_saved(qtbot, packaging)
    assert stored(packaging).title == "Renouvellement 2027-2029"
    assert "Saved at" in packaging.saved_label.text()
    assert "Renouvellement 2027-2029" in deal_ids(packaging)
    packaging.acts.undo.trigger()
    assert title.text() == "Renouvellement cartons 2027"
    wait_saved(qtbot, packaging)
    assert stored(packaging).title == "Renouvellement cartons 2027"
    packaging.acts.redo.trigger()
    wait_saved(qtbot, packaging)
    assert stored(packaging).title == "Renouvellement 2027-2029"


def test_typing_in_a_field_is_one_undo_step(packaging, qtbot):
    owner = packaging.editor.overview.owner
    owner.clear()
    qtbot.keyClicks(owner, "Jo")
    qtbot.wait(700)  # a pause commits
    qtbot.keyClicks(owner, "e")
    owner.editingFinished.emit()
    wait_saved(qtbot, packaging)
    assert stored(packaging).owner == "Joe"
    packaging.acts.undo.trigger()
    wait_saved(qtbot, packaging)
    assert stored(packaging).owner == "Camille Durand"


def test_a_bad_amount_is_shown_at_the_field_and_not_saved(packaging, qtbot):
    value = packaging.editor.overview.value
    value.edit.setText("12,5O0")
    value.edit.editingFinished.emit()
    assert value.error.isVisible()
    assert "unexpected character 'O'" in value.error.text()
    qtbot.wait(600)
    assert stored(packaging).value == Decimal("480000")
    value.edit.setText("€12,500.50")
    value.edit.editingFinished.emit()
    assert not value.error.isVisible()
    wait_saved(qtbot, packaging)
    assert stored(packaging).value == Decimal("12500.50")


def test_a_future_last_contact_is_refused(packaging):
    overview = packaging.editor.overview
    future = TODAY + timedelta(days=3)
    overview.last_contact.edit.setText(future.isoformat())
    overview.last_contact.edit.editingFinished.emit()
    assert overview.last_contact.error.isVisible()
    assert "future" in overview.last_contact.error.text()
    assert stored(packaging).last_contact is None


def test_stage_path_phase_and_cadence(packaging, qtbot):
    overview = packaging.editor.overview
    overview.path.buttons[Stage.ROLLOUT].click()
    assert "Follow the start of delivery" in [b.text() for b in overview.checklist_boxes]
    overview.phase.setCurrentIndex(overview.phase.findData(2))
    assert "Every 5 days" in overview.cadence.text()
    wait_saved(qtbot, packaging)
    sheet = stored(packaging)
    assert (sheet.stage, sheet.phase) == (Stage.ROLLOUT, 2)


def test_jumping_to_a_later_stage_shows_the_stages_passed_over_as_skipped(window, qtbot):
    window.acts.new.trigger()  # a new deal: nothing of any checklist ticked
    overview = window.editor.overview
    path = overview.path
    assert not path.skipped_note.isVisibleTo(overview)
    path.buttons[Stage.CONTRACT].click()
    wait_saved(qtbot, window)
    for stage in (Stage.QUALIFICATION, Stage.PROSPECTING, Stage.NEEDS, Stage.PROPOSAL):
        text = path.buttons[stage].text()
        assert text.startswith("↷") and "✓" not in text, text
        assert "skipped" in path.buttons[stage].toolTip()
    assert path.skipped_note.isVisibleTo(overview)
    assert path.skipped_note.text().startswith("4 stages skipped")
    assert "2. Prospecting" in path.skipped_note.text()
    assert not path.buttons[Stage.ROLLOUT].text().startswith(("↷", "✓"))
    # A stage worked on (an item ticked) is done, the others stay skipped.
    window.workspace.session.edit("tick", lambda s: s.checklist.update({"needs": [0]}))
    assert path.buttons[Stage.NEEDS].text().startswith("✓")
    assert path.skipped_note.text().startswith("3 stages skipped")
    assert "3. Needs" not in path.skipped_note.text()


def test_the_path_keeps_its_width_whatever_the_stage(packaging):
    path = packaging.editor.overview.path
    packaging.editor.setCurrentWidget(packaging.editor.overview)
    widths = set()
    for stage in Stage:
        path.set_stage(stage, {})
        widths.add(path.minimumSizeHint().width())
    assert len(widths) == 1


def test_checklist_items_are_ticked_per_deal_and_stage(packaging, qtbot):
    overview = packaging.editor.overview
    packaging.editor.setCurrentWidget(overview)
    boxes = overview.checklist_boxes
    # The sample deal comes with its worksheet prepared: the first item ticked.
    assert [b.isChecked() for b in boxes] == [True, False, False]
    box = boxes[1]  # clicked on its box, as a rep does
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert boxes[1].isChecked()
    wait_saved(qtbot, packaging)
    assert stored(packaging).checklist["contract"] == [0, 1]
    # Another stage has its own list; coming back shows the ticks again.
    overview.path.buttons[Stage.ROLLOUT].click()
    assert not any(b.isChecked() for b in overview.checklist_boxes)
    overview.path.buttons[Stage.CONTRACT].click()
    assert [b.isChecked() for b in overview.checklist_boxes] == [True, True, False]
    packaging.acts.undo.trigger()  # back to rollout
    packaging.acts.undo.trigger()  # back to contract
    packaging.acts.undo.trigger()  # the tick
    assert [b.isChecked() for b in overview.checklist_boxes] == [True, False, False]
    packaging.acts.redo.trigger()
    assert overview.checklist_boxes[1].isChecked()
    wait_saved(qtbot, packaging)
    assert stored(packaging).checklist["contract"] == [0, 1]


def test_people_are_saved_as_they_are_edited_and_undone_like_any_edit(packaging, qtbot):
    people = packaging.editor.people
    packaging.editor.setCurrentWidget(people)
    packaging.activateWindow()
    assert not hasattr(people, "update_button")  # no Save button: the form saves itself
    people.add_button.click()
    assert people.name.hasFocus() and people.name.selectedText() == "New person"
    qtbot.keyClicks(people.name, "Zoe Lambert")
    people.role.setCurrentIndex(people.role.findData(Role.GATEKEEPER))  # commits the name too
    people.stance.setCurrentIndex(people.stance.findData(Stance.NEUTRAL))
    nathalie = next(p for p in stored(packaging).stakeholders if p.name == "Nathalie Roux")
    people.introducer.setCurrentIndex(people.introducer.findData(nathalie.uid))
    wait_saved(qtbot, packaging)
    added = [p for p in stored(packaging).stakeholders if p.name == "Zoe Lambert"]
    assert added and added[0].role is Role.GATEKEEPER and added[0].stance is Stance.NEUTRAL
    assert added[0].introduced_by == nathalie.uid and added[0].side is PartySide.THEIRS
    # typing a new name, then choosing another row at once: the rename is not lost
    people.table.selectRow(1)
    people.name.setFocus()
    people.name.selectAll()
    qtbot.keyClicks(people.name, "Karim B. Benali")
    people.table.selectRow(0)
    wait_saved(qtbot, packaging)
    sheet = stored(packaging)
    karim = next(p for p in sheet.stakeholders if p.name == "Karim B. Benali")
    # Introductions and meetings point at the person, whatever their name now.
    assert any(p.introduced_by == karim.uid for p in sheet.stakeholders)
    assert karim.uid in sheet.meetings[0].attendees
    assert people.name.text() == "Nathalie Roux"  # the form follows the selection
    # a name already in the deal is refused at the field
    people.name.setText("Zoe Lambert")
    people.name.editingFinished.emit()
    assert people.name_error.isVisible()
    assert stored(packaging).stakeholders[0].name == "Nathalie Roux"
    # undo is the deal's: the rename of Karim comes back
    people.table.selectRow(1)
    packaging.acts.undo.trigger()
    wait_saved(qtbot, packaging)
    assert "Karim Benali" in [p.name for p in stored(packaging).stakeholders]
    assert people.name.text() == "Karim Benali"
    people.table.selectRow(0)
    people.remove_button.click()
    wait_saved(qtbot, packaging)
    assert "Nathalie Roux" not in [p.name for p in stored(packaging).stakeholders]


def test_people_known_at_the_account_are_offered(window, qtbot):
    window.acts.new.trigger()
    overview = window.editor.overview
    overview.account.setText("societe lyonnaise d'emballage")
    overview.account.editingFinished.emit()
    wait_saved(qtbot, window)
    window.editor.people.known_menu.aboutToShow.emit()  # as when the rep opens it
    names = [a.text() for a in window.editor.people.known_menu.actions()]
    assert "Nathalie Roux" in names and "Camille Durand" not in names  # ours are not offered
    next(
        a for a in window.editor.people.known_menu.actions() if a.text() == "Nathalie Roux"
    ).trigger()
    wait_saved(qtbot, window)
    assert [p.name for p in stored(window).stakeholders] == ["Nathalie Roux"]


def test_meetings_and_interactions(packaging, qtbot):
    tab = packaging.editor.meetings
    packaging.editor.setCurrentWidget(tab)
    tab.add_meeting()
    tab.m_title.setText("Signature")
    tab.m_date.edit.setText("10 Dec 2026")
    tab.m_date.edit.editingFinished.emit()
    tab.m_time.setText("9h")
    tab.update_meeting()
    assert tab.m_time_error.isVisible()
    tab.m_time.setText("16:00")
    tab.m_round.setValue(4)
    tab.m_attendees.item(0).setCheckState(Qt.CheckState.Checked)
    tab.m_customer_note.setPlainText("Merci pour votre accueil.")
    tab.update_meeting()
    wait_saved(qtbot, packaging)
    meeting = next(m for m in stored(packaging).meetings if m.title == "Signature")
    nathalie = stored(packaging).stakeholders[0]
    assert nathalie.name == "Nathalie Roux"
    assert (meeting.title, meeting.round, meeting.attendees) == ("Signature", 4, [nathalie.uid])
    assert meeting.customer_note == "Merci pour votre accueil."
    tab.meeting_table.selectRow(0)
    assert tab.m_customer_note.toPlainText() == ""
    row = next(i for i, m in enumerate(tab.meetings.rows()) if m.title == "Signature")
    tab.meeting_table.selectRow(row)
    assert tab.m_customer_note.toPlainText() == "Merci pour votre accueil."
    # logging an interaction today moves the next contact
    tab.i_summary.setText("Call about volumes")
    tab.i_date.set_value(TODAY)
    tab.add_interaction()
    wait_saved(qtbot, packaging)
    assert stored(packaging).interactions[-1].summary == "Call about volumes"
    row = deal_list.query_deals(packaging.workspace.db, DealQuery(text="renouvellement"), TODAY)[0]
    assert row.next_contact_due == TODAY + timedelta(days=1)
    future = TODAY + timedelta(days=2)
    tab.i_date.edit.setText(future.isoformat())
    tab.i_date.edit.editingFinished.emit()
    tab.add_interaction()
    assert tab.i_error.isVisible()


def test_add_meeting_selects_the_new_meeting_with_an_empty_form(packaging, qtbot):
    tab = packaging.editor.meetings
    packaging.editor.setCurrentWidget(tab)
    tab.meeting_table.selectRow(0)  # a meeting with its texts and attendees
    assert tab.m_title.text() and any(
        tab.m_attendees.item(i).checkState() == Qt.CheckState.Checked
        for i in range(tab.m_attendees.count())
    )
    before = list(packaging.workspace.session.sheet.meetings)
    qtbot.mouseClick(tab.m_add, Qt.MouseButton.LeftButton)
    meetings = packaging.workspace.session.sheet.meetings
    assert len(meetings) == len(before) + 1
    new = next(m for m in meetings if all(m.uid != b.uid for b in before))
    selected = tab.meeting_table.currentIndex()
    assert selected.isValid() and tab.meetings.row(selected.row()).uid == new.uid
    assert tab.meeting_table.selectionModel().isRowSelected(selected.row())
    assert tab.m_date.value() == TODAY and tab.m_title.text() == "" and tab.m_time.text() == ""
    for text in (tab.m_objectives, tab.m_agenda, tab.m_outcome, tab.m_next, tab.m_customer_note):
        assert text.toPlainText() == ""
    everyone = packaging.workspace.session.sheet.stakeholders
    people = [p.uid for p in everyone]
    assert [tab.m_attendees.item(i).text() for i in range(tab.m_attendees.count())] == [
        p.name for p in everyone
    ]
    assert all(
        tab.m_attendees.item(i).checkState() == Qt.CheckState.Unchecked
        for i in range(tab.m_attendees.count())
    )
    # Filled in and saved, it is that meeting that changes; the others stay as they were.
    tab.m_title.setText("Point budget")
    tab.m_attendees.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(tab.m_update, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, packaging)
    saved = {m.uid: m for m in stored(packaging).meetings}
    assert (saved[new.uid].title, saved[new.uid].attendees) == ("Point budget", [people[1]])
    assert all(saved[b.uid] == b for b in before)


def test_typing_in_a_meeting_is_kept_when_the_rep_moves_on(packaging, qtbot):
    tab = packaging.editor.meetings
    packaging.editor.setCurrentWidget(tab)
    tab.meeting_table.selectRow(0)
    uid = tab.meetings.row(0).uid
    tab.m_outcome.setPlainText("Volumes confirmés")
    tab.meeting_table.selectRow(1)  # no "Save changes": moving on keeps it
    packaging.editor.setCurrentWidget(packaging.editor.overview)
    wait_saved(qtbot, packaging)
    kept = next(m for m in stored(packaging).meetings if m.uid == uid)
    assert kept.outcome == "Volumes confirmés"


def test_settings_change_the_cadence(window, qtbot, monkeypatch):
    from salesdesk.ui.settings_dialog import SettingsDialog

    def fill(dialog):
        dialog.name.setText("Alex Rep")
        dialog.cadence[2].setValue(10)
        dialog.max_discount.setText("12,5")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window.acts.settings.trigger()
    profile = settings.load_profile(window.workspace.db)
    assert profile.name == "Alex Rep" and profile.cadence[2] == 10
    assert profile.max_discount_pct == Decimal("12.5")
    # the telematics deal (phase 3) is no longer overdue with a 10-day interval
    assert [r.title for r in window.today_view.due.rows()] == ["Renouvellement cartons 2027"]


def test_a_rep_on_a_team_server_sets_their_profile_not_the_cadence(window, monkeypatch):
    from salesdesk.store import team
    from salesdesk.ui.settings_dialog import SettingsDialog

    monkeypatch.setattr(team, "is_manager", lambda db: False)
    seen = {}

    def fill(dialog):
        seen["cadence"] = [s.isEnabled() for s in dialog.cadence]
        seen["tip"] = dialog.max_cost.toolTip()
        dialog.name.setText("Alex Rep")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window.acts.settings.trigger()
    assert seen == {"cadence": [False] * 5, "tip": "Set by a manager of the team"}
    assert settings.load_profile(window.workspace.db).name == "Alex Rep"
    # a change of the cadence got past the dialog is refused in a message, not a crash
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))

    def change_cadence(dialog):
        dialog.cadence[0].setEnabled(True)
        dialog.cadence[0].setValue(2)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", change_cadence)
    window.acts.settings.trigger()
    assert warned == ["The contact cadence and authority limits are set by a manager."]
    assert settings.load_profile(window.workspace.db).cadence[0] != 2


def test_settings_refuse_a_bad_percentage(qtbot):
    from salesdesk.domain.profile import Profile
    from salesdesk.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Profile())
    qtbot.addWidget(dialog)
    dialog.max_discount.setText("abc")
    dialog.accept()
    assert not dialog.discount_error.isHidden() and dialog.result() == 0


def test_the_crash_dialog_shows_the_details(qapp, monkeypatch):
    from salesdesk.ui import crash
    from salesdesk.ui.crash_dialog import CrashDialog

    shown: list[str] = []
    monkeypatch.setattr(
        CrashDialog, "exec", lambda self: shown.append(self.details.toPlainText()) or 0
    )
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        crash.excepthook(type(exc), exc, exc.__traceback__)
    assert "RuntimeError: boom" in shown[0] and "SalesDesk" in shown[0]


def test_a_failed_save_says_so(packaging, qtbot, monkeypatch):
    from salesdesk.store.errors import DatabaseUnavailable, Problem

    def locked(*_a, **_k):
        raise DatabaseUnavailable(Problem.LOCKED, "app.db")

    warnings: list[str] = []
    monkeypatch.setattr(deals, "save_deal", locked)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    packaging.editor.overview.owner.setText("X")
    packaging.editor.overview.owner.editingFinished.emit()
    qtbot.waitUntil(lambda: bool(warnings), timeout=3000)
    assert "locked" in warnings[0]
    assert packaging.saved_label.text() == "Not saved"
    # once the lock is gone the edit is still there to be saved: nothing was lost
    monkeypatch.undo()
    assert packaging.workspace.session.save_now()
    assert stored(packaging).owner == "X"


def test_the_last_contact_is_told_once_in_its_field(packaging):
    overview = packaging.editor.overview
    assert stored(packaging).last_contact is None
    assert overview.last_contact.edit.text() == ""
    assert "28 Nov 2026 (latest meeting or interaction)" in (
        overview.last_contact.edit.placeholderText()
    )
    assert "last contact" not in overview.cadence.text()
    assert "next contact due 29 Nov 2026" in overview.cadence.text()


def test_every_tab_fits_a_1280_by_720_screen(packaging, qtbot):
    editor = packaging.editor
    for index in range(editor.count()):
        editor.setCurrentIndex(index)
        qtbot.wait(20)
        size = packaging.minimumSizeHint()
        # 720 px less a title bar and a panel: the window can be smaller than that
        assert size.height() <= 640, editor.tabText(index)
        assert size.width() <= 1200, editor.tabText(index)


def test_no_label_shows_the_ampersand_of_its_shortcut(packaging):
    """A label's "&" marks its Alt key only when the label has a field to focus: without
    one it is shown as typed ("&Name" on the People tab)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    editor = packaging.editor
    for index in range(editor.count()):
        editor.setCurrentIndex(index)
        for label in editor.currentWidget().findChildren(QLabel):
            text = label.text()
            if label.textFormat() == Qt.TextFormat.RichText or text.startswith("<"):
                continue
            if "&" in text.replace("&&", ""):
                assert label.buddy() is not None, (editor.tabText(index), text)
