"""Two reps on one deal: the window never overwrites another process's save.

The other rep is a real second process writing through the same store; this window
has unsaved edits at that moment.
"""

import subprocess
import sys
from decimal import Decimal

from salesdesk.store import deal_load
from salesdesk.ui.conflict_dialog import ConflictDialog
from tests.conftest import ROOT
from tests.ui.conftest import deal_ids, wait_saved

OTHER_REP = """
import sys
from datetime import date
from decimal import Decimal
from salesdesk.store.engine import open_database
from salesdesk.store import deal_load, deals
db = open_database(sys.argv[1])
sheet = deal_load.load_deal(db, int(sys.argv[2]))
term = sheet.terms[int(sys.argv[3])]
term.target = Decimal(sys.argv[4])
if len(sys.argv) > 5:
    sheet.title = sys.argv[5]
deals.save_deal(db, sheet, today=date(2026, 11, 29))  # the window's TODAY
print(sheet.version)
"""


def other_rep_saves(win, deal_id, term, target, title=None):
    args = [str(win.workspace.db.path), str(deal_id), str(term), target] + (
        [title] if title else []
    )
    done = subprocess.run(
        [sys.executable, "-c", OTHER_REP, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def edit_target(win, term, value):
    def change(sheet):
        sheet.terms[term].target = Decimal(value)

    win.workspace.session.edit("target", change)


def test_different_fields_changed_meanwhile_are_both_kept(window, qtbot):
    deal_id = deal_ids(window)["Renouvellement cartons 2027"]
    window.open_deal(deal_id)
    edit_target(window, 0, "0.99")  # not yet saved (the debounce)
    assert window.workspace.session.dirty
    assert other_rep_saves(window, deal_id, 1, "30000", "Renamed by the other rep") == 2
    assert window.workspace.session.save_now()
    stored = deal_load.load_deal(window.workspace.db, deal_id)
    assert stored.terms[0].target == Decimal("0.99")  # mine
    assert stored.terms[1].target == Decimal("30000")  # theirs, not reverted
    assert stored.title == "Renamed by the other rep"
    assert stored.version == 3
    assert window.workspace.session.sheet.title == "Renamed by the other rep"  # shown at once
    assert "with the changes someone else saved meanwhile (version 2)" in (
        window.saved_label.text()
    )


def test_the_same_field_is_a_choice_and_nothing_is_written_before(
    window, qtbot, monkeypatch, tmp_path
):
    deal_id = deal_ids(window)["Renouvellement cartons 2027"]
    window.open_deal(deal_id)
    edit_target(window, 0, "0.99")
    other_rep_saves(window, deal_id, 0, "0.91")
    seen = {}

    def choose(dialog: ConflictDialog) -> int:
        # What is on screen: their value and mine, side by side; nothing written yet.
        seen["rows"] = [
            (dialog.field_label(c), dialog.value_text(c, c.theirs), dialog.value_text(c, c.mine))
            for c in dialog.clashes
        ]
        seen["stored"] = deal_load.load_deal(window.workspace.db, deal_id).terms[0].target
        dialog.show()
        dialog.grab().save(str(tmp_path / "conflict.png"))
        dialog.mine_buttons[0].setChecked(True)
        return 1

    monkeypatch.setattr(ConflictDialog, "exec", choose)
    window.workspace.session.save_now()
    term_name = deal_load.load_deal(window.workspace.db, deal_id).terms[0].name
    assert seen["rows"] == [(f"Term “{term_name}”: target", "0.91", "0.99")]
    assert seen["stored"] == Decimal("0.91")  # theirs, untouched until the choice
    wait_saved(qtbot, window)
    stored = deal_load.load_deal(window.workspace.db, deal_id)
    assert stored.terms[0].target == Decimal("0.99") and stored.version == 3


def test_keeping_theirs_writes_nothing_of_that_field(window, qtbot, monkeypatch):
    deal_id = deal_ids(window)["Renouvellement cartons 2027"]
    window.open_deal(deal_id)
    edit_target(window, 0, "0.99")
    other_rep_saves(window, deal_id, 0, "0.91")
    monkeypatch.setattr(ConflictDialog, "exec", lambda dialog: 1)  # the preset: theirs
    window.workspace.session.save_now()
    stored = deal_load.load_deal(window.workspace.db, deal_id)
    assert stored.terms[0].target == Decimal("0.91")
    assert window.workspace.session.sheet.terms[0].target == Decimal("0.91")
    assert not window.workspace.session.dirty
