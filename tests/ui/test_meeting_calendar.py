"""The Meetings tab's length and location, the Overview's customer language, the time
zone in Settings: typed in the app, stored, and in the calendar the app exports."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import icalendar

from salesdesk.store import deal_load, settings
from tests.ui.conftest import TODAY, answer_files, deal_ids, wait_saved


def stored(win):
    return deal_load.load_deal(win.workspace.db, win.workspace.session.sheet.id)


def test_a_meetings_length_and_place_are_typed_kept_and_its_uid_stays(window, qtbot):
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    tab = window.editor.meetings
    window.editor.setCurrentWidget(tab)
    last = tab.meetings.rowCount() - 1
    tab.meeting_table.selectRow(last)
    before = stored(window).meetings[-1]
    assert tab.m_minutes.value() == 90 and tab.m_location.text().startswith("Société")
    tab.m_minutes.setValue(45)
    tab.m_location.setText("Visio (Teams)")
    tab.m_time.setText("11:00")
    tab.update_meeting()
    wait_saved(qtbot, window)
    after = stored(window).meetings[-1]
    assert (after.minutes, after.location, after.time) == (45, "Visio (Teams)", time(11, 0))
    assert after.uid == before.uid  # the same meeting: the same calendar event
    assert after.sequence == before.sequence + 1
    tab.meeting_table.selectRow(0)
    assert tab.m_location.text() == "" and tab.m_minutes.text() == "—"
    tab.meeting_table.selectRow(last)
    assert tab.m_location.text() == "Visio (Teams)"


def test_the_customers_language_is_chosen_in_the_overview(window, qtbot):
    window.open_deal(deal_ids(window)["Fleet telematics roll-out, 240 vehicles"])
    combo = window.editor.overview.customer_language
    # the sample's customer reads English, whatever the app's language
    assert combo.currentData() == "en" and combo.currentText() == "English"
    combo.setCurrentIndex(combo.findData("fr"))
    wait_saved(qtbot, window)
    assert stored(window).customer_language == "fr"
    window.workspace.session.undo_stack.undo()
    wait_saved(qtbot, window)
    assert stored(window).customer_language == "en"
    assert combo.currentData() == "en"


def test_the_menus_calendar_is_in_the_reps_time_zone_with_cancellations(
    window, qtbot, tmp_path, monkeypatch
):
    from salesdesk.ui.settings_dialog import SettingsDialog

    def fill(dialog):
        dialog.time_zone.setCurrentText("Asia/Tokyo")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window.acts.settings.trigger()
    assert settings.load_profile(window.workspace.db).time_zone == "Asia/Tokyo"
    window.open_deal(deal_ids(window)["Fleet telematics roll-out, 240 vehicles"])
    sheet = stored(window)
    coming = next(m for m in sheet.meetings if m.date >= TODAY)
    gone = coming.uid
    window.editor.setCurrentWidget(window.editor.meetings)
    window.editor.meetings.meeting_table.selectRow(sheet.meetings.index(coming))
    window.editor.meetings.remove_meeting()
    wait_saved(qtbot, window)
    target = tmp_path / "meetings.ics"
    answer_files(monkeypatch, str(target))
    window.acts.export_ics.trigger()
    found = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    }
    assert str(found[gone]["STATUS"]) == "CANCELLED"
    start = found[gone].decoded("DTSTART")
    assert start.astimezone(ZoneInfo("Asia/Tokyo")).time() == coming.time
    assert start.tzinfo is not None and start.utcoffset() == timedelta(0)
    others = [e for uid, e in found.items() if uid != gone]
    assert others and all(str(e["STATUS"]) == "CONFIRMED" for e in others)
