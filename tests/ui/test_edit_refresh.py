"""An edit shows what it changed and leaves the rest alone (issue 28): the warnings and the
cell marks follow every edit and its undo, a grid the edit did not touch keeps the rep's
selection, and the rehearsal of a large worksheet waits for the frontier mapped off the
GUI thread instead of mapping it while the rep's edit waits."""

import sys
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt

from salesdesk.domain.analysis import analyse
from salesdesk.domain.ledger import EntryStatus
from salesdesk.domain.terms import Direction
from salesdesk.store import deals
from salesdesk.ui.models import terms as cols
from salesdesk.warning_text import warning_message
from tests.ui.conftest import TODAY, deal_ids
from tests.ui.test_worksheet import shown_warnings, type_into_cell

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

CARTONS = "Renouvellement cartons 2027"


def expected_warnings(win) -> list[str]:
    analysis = analyse(win.workspace.session.sheet, TODAY)
    return [warning_message(w, "en") for w in analysis.warnings] or ["Nothing to watch out for."]


def test_an_edit_and_its_undo_update_the_warnings_and_marks_of_another_row(window, qtbot):
    window.open_deal(deal_ids(window)[CARTONS])
    editor = window.editor
    tab = editor.worksheet
    editor.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not editor.frontier.pending, timeout=8000)
    before = shown_warnings(tab)
    assert before == expected_warnings(window)
    sheet = window.workspace.session.sheet
    row = next(i for i, t in enumerate(sheet.terms) if t.name == "Volume annuel")
    # The row the rep looks at is another term's: the cell edited is the volume's walk-away.
    tab.table.setCurrentIndex(tab.model.index(0, cols.NAME))
    their_walk_away = sheet.terms[row].their_walk_away
    ours = sheet.terms[row].walk_away
    assert their_walk_away is not None and ours is not None
    # Their walk-away worse than ours for us: no zone of agreement, in the list and on the cell.
    higher = sheet.terms[row].direction is Direction.HIGHER_IS_BETTER
    crossing = str(ours // 2 if higher else ours * 2)
    type_into_cell(qtbot, tab.table, row, cols.FIRST_POSITION + 5, crossing)
    after = shown_warnings(tab)
    assert after == expected_warnings(window) and after != before
    assert any("Volume annuel" in line and "no zone of agreement" in line for line in after)
    cell = tab.model.index(row, cols.FIRST_POSITION + 2)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "no zone of agreement" in cell.data(Qt.ItemDataRole.ToolTipRole)
    window.acts.undo.trigger()
    assert window.workspace.session.sheet.terms[row].their_walk_away == their_walk_away
    assert shown_warnings(tab) == before
    assert "no zone of agreement" not in (cell.data(Qt.ItemDataRole.ToolTipRole) or "")
    window.acts.redo.trigger()
    assert shown_warnings(tab) == after


def test_a_worksheet_edit_keeps_the_row_selected_in_the_ledger(window, qtbot, qtmodeltester):
    window.open_deal(deal_ids(window)[CARTONS])
    editor = window.editor
    ledger = editor.ledger
    assert ledger.model.rowCount() > 1
    ledger.table.selectionModel().setCurrentIndex(
        ledger.model.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    editor.setCurrentWidget(editor.worksheet)
    # A weight changed on the worksheet: the ledger's rows are as they were.
    type_into_cell(qtbot, editor.worksheet.table, 0, cols.WEIGHT, "41")
    assert window.workspace.session.sheet.terms[0].weight == 41
    assert [i.row() for i in ledger.table.selectionModel().selectedRows()] == [1]
    # A change to the ledger itself still shows there, and its undo too.
    status = window.workspace.session.sheet.ledger[1].status
    other = EntryStatus.WITHDRAWN if status is not EntryStatus.WITHDRAWN else EntryStatus.PLANNED

    def change(sheet):
        sheet.ledger[1].status = other

    window.workspace.session.edit("Status", change)
    assert ledger.model.index(1, 4).data() == other.value
    window.acts.undo.trigger()
    assert ledger.model.index(1, 4).data() == status.value
    qtmodeltester.check(ledger.model)


def test_a_large_worksheets_rehearsal_waits_for_the_frontier_then_plays_the_new_terms(
    window, qtbot
):
    """The counterpart plays on the frontier; mapping it (10 terms × 100 values) in the
    rehearsal tab made every worksheet edit wait for it on the GUI thread."""
    from bench_frontier import large_sheet

    deal_id = deals.save_deal(window.workspace.db, large_sheet(), today=TODAY)
    window.refresh_lists()
    window.open_deal(deal_id)
    editor = window.editor
    rehearsal = editor.rehearsal
    editor.setCurrentWidget(editor.worksheet)
    qtbot.waitUntil(lambda: not editor.frontier.pending, timeout=15000)
    assert rehearsal.player is not None and rehearsal.play_button.isEnabled()
    editor.worksheet.model.setData(editor.worksheet.model.index(0, cols.FIRST_POSITION + 1), "151")
    # The edit returned with the frontier still to be mapped: the rehearsal says so.
    assert editor.frontier.pending
    assert rehearsal.player is None and not rehearsal.play_button.isEnabled()
    assert rehearsal.status.text().startswith("Mapping the frontier")
    qtbot.waitUntil(lambda: rehearsal.player is not None, timeout=15000)
    assert rehearsal.player.terms[0].target == 151
    assert rehearsal.status.text().startswith("Round 1 of")
    editor.setCurrentWidget(rehearsal)
    assert rehearsal.play_button.isEnabled()
    rehearsal.take_proposed()
    rehearsal.play()
    assert len(rehearsal.replies.rows()) == 1
