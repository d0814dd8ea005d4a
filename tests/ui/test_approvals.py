"""The manager's approval queue: approve or decline, seen at once in the open deal."""

from salesdesk.store import approvals, deal_load, deals, settings
from salesdesk.ui.approvals_dialog import ApprovalsDialog
from tests.ui.conftest import TODAY, deal_ids


def test_approve_and_decline_from_the_queue(window, monkeypatch, tmp_path):
    deal_id = deal_ids(window)["Renouvellement cartons 2027"]
    sheet = deal_load.load_deal(window.workspace.db, deal_id)
    ours = [e for e in sheet.ledger if e.status.value in ("planned", "offered", "accepted")][:2]
    for entry in ours:
        entry.needs_approval, entry.approved, entry.approved_by = True, False, ""
    deals.save_deal(window.workspace.db, sheet, today=TODAY)
    window.open_deal(deal_id)
    waiting = approvals.approvals_waiting(window.workspace.db)
    first, second = waiting[0], waiting[1]
    seen = {}

    def decide(dialog: ApprovalsDialog) -> int:
        seen["rows"] = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
        dialog.show()
        dialog.grab().save(str(tmp_path / "approvals.png"))
        dialog.table.selectRow(0)
        dialog.approve.click()
        dialog.table.selectRow(0)
        dialog.decline.click()
        seen["left"] = dialog.table.rowCount()
        seen["summary"] = dialog.summary.text()
        return 0

    monkeypatch.setattr(ApprovalsDialog, "exec", decide)
    window.acts.approvals.trigger()
    assert seen["rows"] == [w.what for w in waiting]
    assert {e.what for e in ours} <= set(seen["rows"])
    assert seen["left"] == len(waiting) - 2
    assert seen["summary"].endswith(f": {len(waiting) - 2}")
    shown = {e.uid: e for e in window.workspace.session.sheet.ledger}  # the open deal, reloaded
    assert shown[first.entry_uid].approved and shown[second.entry_uid].declined
    assert shown[first.entry_uid].approved_by == settings.load_profile(window.workspace.db).name
