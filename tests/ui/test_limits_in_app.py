"""The app's fields refuse what the other entrances refuse, naming the field; older
over-long texts stay and other edits of their deal still save."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from salesdesk.store import deal_load
from tests.ui.conftest import deal_ids, wait_saved


def test_an_over_long_title_is_refused_naming_the_field(window, qtbot, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    deal_id = next(iter(deal_ids(window).values()))
    window.list_panel.select(deal_id)
    session = window.workspace.session
    before = session.sheet.title
    session.edit("Title", lambda s: setattr(s, "title", "T" * 201))
    assert said == ["the title is 201 characters long; at most 200 are allowed"]
    assert session.sheet.title == before and not session.dirty
    session.edit("Agenda", lambda s: setattr(s.meetings[0], "agenda", "1.\tOpen\n2.\tClose"))
    wait_saved(qtbot, window)
    assert (
        deal_load.load_deal(window.workspace.db, deal_id).meetings[0].agenda
        == "1.\tOpen\n2.\tClose"
    )
    session.edit("Owner", lambda s: setattr(s, "owner", "Bell\x07"))
    assert said[-1] == "the owner holds the control character U+0007, which is not allowed"


def test_an_old_over_long_title_stays_and_other_edits_still_save(window, qtbot, tmp_path):
    deal_id = next(iter(deal_ids(window).values()))
    conn = sqlite3.connect(tmp_path / "app.db")
    conn.execute("UPDATE deal SET title = ? WHERE id = ?", ("Old " * 100 + "end", deal_id))
    conn.commit()
    conn.close()
    window.list_panel.select(deal_id)
    window.workspace.session.open(deal_id)
    window.workspace.session.edit("Owner", lambda s: setattr(s, "owner", "Camille"))
    wait_saved(qtbot, window)
    saved = deal_load.load_deal(window.workspace.db, deal_id)
    assert saved.owner == "Camille" and saved.title == "Old " * 100 + "end"
