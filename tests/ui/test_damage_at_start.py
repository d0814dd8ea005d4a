"""Quiet page damage found by the start-up backup brings the recovery offer."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.faults.helpers import damage_deal_page
from tests.ui.conftest import TODAY


def test_damage_found_by_the_start_up_backup_offers_the_latest_good_backup(
    qtbot, tmp_path, monkeypatch
):
    from salesdesk.interop.backup import automatic_backup
    from salesdesk.interop.demo import add_samples
    from salesdesk.store import deals
    from salesdesk.store.engine import open_database
    from salesdesk.ui.main_window import MainWindow

    path = tmp_path / "quiet.db"
    db = open_database(str(path))
    add_samples(db, TODAY)
    for i in range(200):  # enough deals for the table to span several pages
        from salesdesk.domain.deal import DealSheet

        deals.save_deal(db, DealSheet(f"Deal {i}", "Account"), today=TODAY)
    db.close()
    good = automatic_backup(path)
    damage_deal_page(path)
    offered: list[str] = []

    def click_restore(box):
        offered.append(box.text())
        next(b for b in box.buttons() if b.text().startswith("Restore")).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    win = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database(str(path))
    qtbot.waitUntil(lambda: bool(offered), timeout=10000)
    assert "is damaged" in offered[0]
    qtbot.waitUntil(lambda: win.model.rowCount() == 205, timeout=5000)
    assert list(tmp_path.glob("quiet.before-restore-*.db"))  # kept aside, not deleted
    assert good.exists()
    backups = list((tmp_path / "backups").glob("*.db"))
    assert backups == [good]  # no damaged copy was counted as a backup
    win.close()
