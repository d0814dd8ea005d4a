"""The loop in the app: the debrief (Meetings tab and Today), their side read from their
offers, the next offer proposed in the Offers tab, the rehearsal, a closed deal's
fields, and the guide."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from salesdesk.domain.ledger import EntryStatus, Giver
from salesdesk.domain.stages import DealStatus
from salesdesk.domain.terms import Side
from salesdesk.store import deal_load
from salesdesk.ui.editor.debrief import DebriefDialog
from salesdesk.ui.editor.next_offer_dialog import NextOfferDialog
from tests.ui.conftest import TODAY, deal_ids, wait_saved


@pytest.fixture
def packaging(window):
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    return window


def stored(win):
    return deal_load.load_deal(win.workspace.db, win.workspace.session.sheet.id)


def test_the_debrief_saves_everything_at_once_and_one_undo_takes_it_back(
    packaging, qtbot, monkeypatch
):
    editor = packaging.editor
    sheet = packaging.workspace.session.sheet
    before = (len(sheet.offers), len(sheet.ledger), len(sheet.meetings))
    third = sheet.meetings[2]
    seen = {}

    def fill(dialog: DebriefDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        # Keyboard-first: the first term of their offer has the focus, prefilled from
        # their last offer.
        price = dialog.offer.input("Prix unitaire")
        seen["focus"] = dialog.focusWidget() is price
        seen["prefilled"] = price.text()
        seen["draft"] = dialog.objectives.toPlainText()
        price.setText("1.14")
        dialog.offer.input("Volume annuel").setText("360000")
        (answer,) = dialog.answers.values()
        answer.setCurrentIndex(answer.findData(EntryStatus.ACCEPTED.value))
        dialog.obtained.setText("Contract extended to 24 months")
        dialog.outcome.setPlainText("Price and volume closer")
        dialog.next_steps.setPlainText("Send the contract")
        dialog.next_date.edit.setText((third.date + timedelta(days=7)).isoformat())
        dialog.next_date.edit.editingFinished.emit()
        dialog.draft()  # again, from their offer as now typed
        seen["redraft"] = dialog.objectives.toPlainText()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(DebriefDialog, "exec", fill)
    editor.setCurrentWidget(editor.meetings)
    editor.meetings.meeting_table.selectRow(2)
    editor.meetings.m_debrief.click()
    assert seen["focus"] and seen["prefilled"] == "1.10"
    assert seen["draft"].startswith("Put our offer for round 3 on the table")
    assert seen["redraft"] != seen["draft"]  # their new offer changes what we ask
    wait_saved(qtbot, packaging)
    saved = stored(packaging)
    theirs = [o for o in saved.offers if o.side is Side.THEM]
    assert theirs[-1].round == 3 and theirs[-1].values["Prix unitaire"] == Decimal("1.14")
    assert [e.status for e in saved.ledger if e.what.startswith("Stock")] == [EntryStatus.ACCEPTED]
    assert saved.ledger[-1].giver is Giver.THEM
    assert next(m for m in saved.meetings if m.round == 3).outcome == "Price and volume closer"
    fourth = next(m for m in saved.meetings if m.round == 4)
    assert fourth.date == third.date + timedelta(days=7) and fourth.objectives == seen["redraft"]
    assert packaging.workspace.session.undo_stack.count() == 1
    packaging.acts.undo.trigger()
    wait_saved(qtbot, packaging)
    back = stored(packaging)
    assert (len(back.offers), len(back.ledger), len(back.meetings)) == before
    assert back.meetings[2].outcome == ""


def test_a_debrief_with_a_number_it_cannot_read_stays_open_and_names_the_term(
    packaging, qtbot, monkeypatch
):
    seen = {}

    def fill(dialog: DebriefDialog) -> int:
        dialog.offer.input("Volume annuel").setText("lots")
        dialog.accept()
        seen["open"] = dialog.result() != QDialog.DialogCode.Accepted
        seen["problem"] = dialog.problem.text()
        return 0

    monkeypatch.setattr(DebriefDialog, "exec", fill)
    editor = packaging.editor
    editor.meetings.meeting_table.selectRow(2)
    editor.meetings.m_debrief.click()
    assert seen["open"] and seen["problem"].startswith("Volume annuel:")
    assert packaging.workspace.session.undo_stack.count() == 0


def test_today_asks_for_the_debrief_the_day_after_and_opens_it(window, qtbot, monkeypatch):
    view = window.today_view
    assert view.debrief_box.isHidden()  # every meeting held has its outcome
    ids = deal_ids(window)
    sheet = deal_load.load_deal(window.workspace.db, ids["Fleet telematics roll-out, 240 vehicles"])
    held = sheet.meetings[1]  # in three days, no outcome yet
    monkeypatch.setattr(window.workspace, "today", lambda: held.date + timedelta(days=1))
    window.refresh_today()
    assert not view.debrief_box.isHidden()
    rows = view.to_debrief.rows()
    assert [(r.deal_id, r.uid) for r in rows] == [(sheet.id, held.uid)]
    opened = {}

    def look(dialog: DebriefDialog) -> int:
        opened["meeting"] = dialog.meeting.uid
        opened["tab"] = window.editor.currentWidget() is window.editor.meetings
        return 0

    monkeypatch.setattr(DebriefDialog, "exec", look)
    view.debrief_table.clicked.emit(view.to_debrief.index(0, 0))
    qtbot.waitUntil(lambda: "meeting" in opened, timeout=3000)
    assert opened == {"meeting": held.uid, "tab": True}
    assert window.workspace.session.sheet.id == sheet.id


def test_their_side_is_read_beside_our_estimates_and_adopted_only_on_request(packaging, qtbot):
    tab = packaging.editor.counterpart
    packaging.editor.setCurrentWidget(tab)
    # ("offer(s)": the English plural catalogue is the app's, not installed in tests)
    assert tab.summary.text().startswith("Read from 2 offer")
    rows = tab.model.rows()
    assert [r.term.name for r in rows] == [t.name for t in packaging.workspace.session.sheet.terms]
    price = tab.model.index(0, 2)
    assert tab.model.data(price) == "45" and tab.model.data(tab.model.index(0, 3)) == "26.53"
    assert stored(packaging).terms[0].their_weight == Decimal(45)  # nothing adopted by itself
    tab.table.selectRow(0)
    tab.adopt_button.click()
    wait_saved(qtbot, packaging)
    weights = [t.their_weight for t in stored(packaging).terms]
    assert weights == [Decimal("26.53"), Decimal(20), Decimal(25), Decimal(10)]
    tab.adopt_all_button.click()
    wait_saved(qtbot, packaging)
    weights = [t.their_weight for t in stored(packaging).terms]
    assert weights == [Decimal("26.53"), Decimal("24.17"), Decimal("24.65"), Decimal("24.65")]
    packaging.acts.undo.trigger()
    packaging.acts.undo.trigger()
    wait_saved(qtbot, packaging)
    assert stored(packaging).terms[0].their_weight == Decimal(45)


def test_an_offer_past_their_estimated_walk_away_is_said_on_their_side(window):
    window.open_deal(deal_ids(window)["Fleet telematics roll-out, 240 vehicles"])
    tab = window.editor.counterpart
    assert tab.model.rowCount() == 0 and "Two offers of theirs" in tab.summary.text()
    assert tab.contradictions.count() == 1
    assert "past the walk-away we estimated for them (25)" in tab.contradictions.item(0).text()


def test_the_next_offer_is_proposed_edited_and_recorded_with_its_trade(
    packaging, qtbot, monkeypatch
):
    seen = {}

    def edit(dialog: NextOfferDialog) -> int:
        form = dialog.form
        seen["proposed"] = form.input("Prix unitaire").text()
        seen["scores"] = dialog.scores.text()
        form.input("Prix unitaire").setText("1.18")
        form.edited.emit()
        seen["rescored"] = dialog.scores.text()
        seen["trade"] = dialog.trade.text()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NextOfferDialog, "exec", edit)
    offers = packaging.editor.offers
    offers.next_button.click()
    assert seen["proposed"] == "1.15"
    assert seen["scores"].startswith("Scores 40.19 for us and 27.17 for them (est.)")
    assert seen["rescored"] != seen["scores"]
    assert seen["trade"].startswith("We give Prix unitaire 1.26 → 1.18 €/carton")
    wait_saved(qtbot, packaging)
    saved = stored(packaging)
    ours = saved.offers[-1]
    assert (ours.side, ours.round, ours.values["Prix unitaire"]) == (Side.US, 3, Decimal("1.18"))
    trade = saved.ledger[-1]
    assert (trade.giver, trade.status, trade.round) == (Giver.US, EntryStatus.PLANNED, 3)
    assert trade.what.startswith("Prix unitaire 1.26 → 1.18") and trade.counterpart
    assert packaging.workspace.session.undo_stack.count() == 1


def test_no_next_offer_without_their_estimates_says_why(window):
    window.open_deal(deal_ids(window)["Audit énergétique des bâtiments"])
    offers = window.editor.offers
    offers.next_button.click()
    assert not offers.error.isHidden()
    assert "Honoraires: its positions are out of order" in offers.error.text()


def test_a_rehearsal_of_three_rounds_stores_no_offer_and_can_be_kept_as_a_note(packaging, qtbot):
    tab = packaging.editor.rehearsal
    packaging.editor.setCurrentWidget(tab)
    sheet = packaging.workspace.session.sheet
    offers = list(sheet.offers)
    assert tab.rounds.value() == 3  # the deal's planned rounds
    tab.tactic.setCurrentIndex(tab.tactic.findData("conceder"))
    tab.tactic.activated.emit(tab.tactic.currentIndex())
    tab.take_proposed()
    assert tab.offer.input("Prix unitaire").text() == "1.15"
    for _round in range(3):
        if not tab.play_button.isEnabled():
            break
        tab.take_proposed()
        qtbot.keyClick(tab, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    replies = tab.replies.rows()
    assert 1 <= len(replies) <= 3 and replies[0].round == 1
    assert replies[-1].action.value in ("accept", "walk_away") or len(replies) == 3
    assert tab.player.done and not tab.play_button.isEnabled()
    # The dance grows with the rehearsal: our offers, and their counters, round by round.
    tab.chart.redraw()
    lines = {ln.get_gid(): ln for ln in tab.chart.figure.axes[0].get_lines()}
    assert len(lines["ours"].get_xdata()) == len(replies)
    countered = sum(r.action.value == "counter" for r in replies)
    assert countered == 0 or len(lines["theirs"].get_xdata()) == countered
    assert packaging.workspace.session.sheet.offers == offers  # nothing stored as an offer
    assert packaging.workspace.session.undo_stack.count() == 0
    tab.note_button.click()
    wait_saved(qtbot, packaging)
    objectives = next(m for m in stored(packaging).meetings if m.round == 3).objectives
    assert objectives.startswith("Conclure à 1,22 €/carton")
    assert "Rehearsal against a counterpart playing Conceder, over 3 rounds:" in objectives
    assert stored(packaging).offers == offers


def test_a_closed_deal_shows_its_lost_reason_and_competitor(packaging, qtbot):
    overview = packaging.editor.overview
    assert overview.lost_reason.isHidden()
    overview.status.setCurrentIndex(overview.status.findData(DealStatus.LOST.value))
    assert not overview.lost_reason.isHidden()
    overview.lost_reason.setText("Price 8 % above the market")
    overview.lost_reason.editingFinished.emit()
    overview.competitor.setText("Cartonnages Dumas")
    overview.competitor.editingFinished.emit()
    wait_saved(qtbot, packaging)
    saved = stored(packaging)
    assert (saved.lost_reason, saved.competitor) == (
        "Price 8 % above the market",
        "Cartonnages Dumas",
    )


def test_the_guide_explains_the_loop_in_both_languages():
    from salesdesk.ui.guide import GuideDialog

    dialog = GuideDialog()
    text = dialog.text.toPlainText()
    assert "After the meeting: close the loop" in text
    assert "Debrief the meeting the same day" in text and "Rehearse" in text
    assert TODAY  # the same conftest
