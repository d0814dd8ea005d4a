"""The app's sync with the team server: nothing without one, a sync off the GUI thread
with one, the status bar's last sync and deals waiting, a failure in one line."""

from __future__ import annotations

import socket
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from salesdesk.interop import sync
from salesdesk.interop.demo import sample_sheets
from salesdesk.store import deal_load, deals
from salesdesk.store.engine import open_database
from tests.ui.conftest import TODAY, deal_ids


def started(qtbot, win):
    qtbot.waitUntil(lambda: win.team_sync is not None, timeout=5000)
    return win.team_sync


def test_without_a_server_nothing_changes(qtbot, window):
    team = started(qtbot, window)
    assert team.url is None
    assert not window.team_sync.label.isVisible()
    assert not team.timer.isActive() and team.job is None
    assert not window.acts.sync.isEnabled() and window.acts.team.isEnabled()


def test_a_server_that_does_not_answer_is_one_line_and_nothing_is_lost(qtbot, window, monkeypatch):
    from salesdesk.ui.team_sync import TeamDialog

    team = started(qtbot, window)
    deals.save_deal(
        window.workspace.db,
        replace(next(iter(sample_sheets(date.today()).values())), uid=None),
        today=TODAY,
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def typed(dialog):  # the rep types the server's address in Team… and presses OK
        dialog.server.setText(f"postgresql://127.0.0.1:{port}/team")
        dialog.role.setText("alice")
        dialog.accept()
        return TeamDialog.DialogCode.Accepted

    monkeypatch.setattr(TeamDialog, "exec", typed)
    window.acts.team.trigger()
    assert team.url == f"postgresql://alice@127.0.0.1:{port}/team"
    assert team.timer.isActive() and window.acts.sync.isEnabled()
    qtbot.waitUntil(lambda: "Sync failed:" in window.team_sync.label.text(), timeout=20000)
    text = window.team_sync.label.text()
    assert "\n" not in text and "cannot be reached" in text
    assert text.endswith("1 waiting")
    assert sync.waiting(window.workspace.db) == 1


@pytest.mark.server
def test_sync_brings_the_teams_deals_and_says_when(qtbot, window, server, tmp_path):
    from tests.conftest import server_url

    url = server_url(server.new_database())
    other = open_database(str(tmp_path / "other.db"))
    sheet = next(iter(sample_sheets(date.today()).values()))
    deals.save_deal(other, replace(sheet, uid=None, title="From the other laptop"), today=TODAY)
    assert sync.sync(other, url).sent == 1
    other.close()
    team = started(qtbot, window)
    team.set_server(url)  # remembered in this database, without a password
    qtbot.waitUntil(lambda: "Synced" in window.team_sync.label.text(), timeout=30000)
    assert "Sync failed" not in window.team_sync.label.text()
    assert window.team_sync.label.text().endswith("0 waiting")
    qtbot.waitUntil(lambda: "From the other laptop" in deal_ids(window), timeout=10000)
    assert window.acts.sync.isEnabled()
    window.grab().save(str(tmp_path / "synced.png"))


@pytest.mark.server
def test_a_sync_conflict_is_settled_field_by_field_in_the_window(
    qtbot, window, server, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QDialog

    from salesdesk.store import sync_state as st
    from salesdesk.ui.conflict_dialog import ConflictDialog
    from tests.conftest import server_url

    url = server_url(server.new_database())
    other = open_database(str(tmp_path / "other.db"))
    sheet = next(iter(sample_sheets(date.today()).values()))
    deals.save_deal(other, replace(sheet, uid=None, title="Shared deal"), today=TODAY)
    sync.sync(other, url)
    team = started(qtbot, window)
    team.set_server(url)
    qtbot.waitUntil(lambda: "Shared deal" in deal_ids(window), timeout=30000)
    qtbot.waitUntil(lambda: team.job is None, timeout=30000)
    uid = next(iter(st.deals(other)))
    for db, title, value in ((other, "Theirs", "1.00"), (window.workspace.db, "Mine", "2.00")):
        changed = deal_load.load_deal(db, st.deals(db)[uid].id)
        changed.title, changed.terms[0].target = title, Decimal(value)
        deals.save_deal(db, changed, today=TODAY)
    sync.sync(other)
    team.sync_now()
    qtbot.waitUntil(lambda: "settle with" in window.team_sync.label.text(), timeout=30000)
    shown = {}

    def choose(dialog):
        shown["fields"] = sorted(c.field for c in dialog.clashes)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", choose)
    monkeypatch.setattr(
        ConflictDialog,
        "chosen_mine",
        lambda dialog: [c.key for c in dialog.clashes if c.field == "title"],
    )
    # Which threads open a connection to the server while the conflict is settled.
    import threading

    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    opened_on: list[int] = []

    def connected(dbapi_connection, _record):
        if type(dbapi_connection).__module__.startswith("psycopg"):
            opened_on.append(threading.get_ident())

    event.listen(Pool, "connect", connected)
    try:
        window.acts.settle.trigger()
        dialog = team.settling
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.done_all, timeout=30000)
    finally:
        event.remove(Pool, "connect", connected)
    assert opened_on and threading.get_ident() not in opened_on
    assert shown["fields"] == ["target", "title"]
    assert dialog.status.text().startswith("1 conflict") and "settled" in dialog.status.text()
    assert dialog.progress.value() == dialog.progress.maximum() == 1
    deal_id = st.deals(window.workspace.db)[uid].id
    assert [dialog.results.item(i).text() for i in range(dialog.results.count())] == [
        f"Deal {deal_id} (Mine) settled: the same version here and on the server."
    ]
    dialog.grab().save(str(tmp_path / "settled.png"))
    dialog.reject()
    assert team.settling is None
    sync.sync(other)
    for db in (window.workspace.db, other):
        settled = deal_load.load_deal(db, st.deals(db)[uid].id)
        assert settled.title == "Mine" and settled.terms[0].target == Decimal("1.00")
    assert sync.pending_conflicts(window.workspace.db) == []
    other.close()


def test_the_team_dialog_keeps_the_role_and_never_the_password(qtbot):
    from salesdesk.ui.team_sync import TeamDialog

    dialog = TeamDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server.setText("mysql://server/team")
    dialog.accept()
    assert dialog.isVisible() and "PostgreSQL URL" in dialog.error.text()
    dialog.server.setText("postgresql://someone:secret@server:5432/team")
    dialog.role.setText("alice")
    dialog.accept()
    assert dialog.url == "postgresql://alice@server:5432/team"
    again = TeamDialog(dialog.url)
    qtbot.addWidget(again)
    assert again.role.text() == "alice" and again.server.text() == "postgresql://server:5432/team"


@pytest.mark.server
def test_a_refused_password_says_so_in_the_status_bar(qtbot, window, server, tmp_path, monkeypatch):
    import os
    import uuid

    from sqlalchemy.engine import make_url

    from salesdesk.store import team as team_setup
    from tests.conftest import server_url

    database = server.new_database()
    owner = open_database(server_url(database))
    role = f"pw_{uuid.uuid4().hex[:8]}"
    try:
        team_setup.init(owner)
        team_setup.add_member(owner, role, manager=False)
    finally:
        owner.close()
    server.admin(f"ALTER ROLE \"{role}\" PASSWORD 'right horse'")
    server.admin(f'GRANT pw_login TO "{role}"')
    url = server_url(database, role)
    parsed = make_url(url)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{parsed.host}:{parsed.port}:{database}:{role}:wrong horse\n")
    os.chmod(pgpass, 0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    try:
        deals.save_deal(
            window.workspace.db,
            replace(next(iter(sample_sheets(date.today()).values())), uid=None),
            today=TODAY,
        )
        team = started(qtbot, window)
        team.set_server(url)
        qtbot.waitUntil(lambda: "Sync failed:" in window.team_sync.label.text(), timeout=30000)
        text = window.team_sync.label.text()
        assert "\n" not in text and f"refused the password of role {role}" in text, text
        assert "cannot be reached" not in text and text.endswith("1 waiting")
        window.grab().save(str(tmp_path / "refused.png"))
        # Corrected in the password file: the next sync goes through.
        pgpass.write_text(f"{parsed.host}:{parsed.port}:{database}:{role}:right horse\n")
        team.sync_now()
        qtbot.waitUntil(lambda: team.job is None and "Syncing" not in window.team_sync.label.text())
        assert "Sync failed" not in window.team_sync.label.text()
        assert window.team_sync.label.text().endswith("0 waiting")
    finally:
        window.team_sync.wait(30)
        server.drop_all()
        server.admin(f'DROP ROLE IF EXISTS "{role}"')


@pytest.mark.server
def test_a_deal_no_longer_shared_is_kept_as_the_reps_own_from_the_window(
    qtbot, window, server, tmp_path, monkeypatch
):
    import uuid

    from PySide6.QtWidgets import QMessageBox

    from salesdesk.store import sync_state as st
    from salesdesk.store import team as team_setup
    from tests.conftest import server_url

    database = server.new_database()
    owner = open_database(server_url(database))
    roles = [f"r{uuid.uuid4().hex[:8]}" for _ in range(2)]
    try:
        team_setup.init(owner)
        for role in roles:
            team_setup.add_member(owner, role, manager=False)
        other = open_database(str(tmp_path / "other.db"))
        sheet = next(iter(sample_sheets(date.today()).values()))
        deals.save_deal(other, replace(sheet, uid=None, title="The other rep's deal"), today=TODAY)
        assert sync.sync(other, server_url(database, roles[0])).sent == 1
        other.close()
        team = started(qtbot, window)
        team.set_server(server_url(database, roles[1]))
        qtbot.waitUntil(lambda: "The other rep's deal" in deal_ids(window), timeout=30000)
        qtbot.waitUntil(lambda: team.job is None, timeout=30000)
        uid = next(iter(st.deals(window.workspace.db)))
        mine = deal_load.load_deal(window.workspace.db, st.deals(window.workspace.db)[uid].id)
        mine.title = "Edited here"
        deals.save_deal(window.workspace.db, mine, today=TODAY)
        team_setup.set_visibility(owner, "private")
        team.sync_now()
        qtbot.waitUntil(lambda: "settle with" in window.team_sync.label.text(), timeout=30000)
        asked = []

        def keep(box):
            asked.append(box.text())
            next(b for b in box.buttons() if b.text() == "Keep as my own new deal").click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", keep)
        window.acts.settle.trigger()
        dialog = team.settling
        qtbot.waitUntil(lambda: dialog.done_all, timeout=30000)
        assert "no longer shared with you" in asked[0]
        assert "is now your own new deal" in dialog.results.item(0).text()
        dialog.reject()
        new_uid = next(iter(st.deals(window.workspace.db)))
        assert new_uid != uid and sync.pending_conflicts(window.workspace.db) == []
        assert sync.sync(window.workspace.db).sent == 1
        with owner.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT uid, owner_role, title FROM deal").all()
        assert sorted(rows) == sorted(
            [(uid, roles[0], "The other rep's deal"), (new_uid, roles[1], "Edited here")]
        )
    finally:
        owner.close()
        window.team_sync.wait(30)
        server.drop_all()
        for role in roles:
            server.admin(f'DROP ROLE IF EXISTS "{role}"')


@pytest.mark.server
def test_a_clock_far_from_the_servers_is_said_in_the_status_bar(qtbot, window, server, tmp_path):
    from datetime import UTC, datetime, timedelta

    from tests.conftest import server_url

    team = started(qtbot, window)
    team.clock = lambda: datetime.now(UTC) + timedelta(hours=3)  # the laptop's clock, off
    team.set_server(server_url(server.new_database()))
    qtbot.waitUntil(lambda: "Clock" in window.team_sync.label.text(), timeout=30000)
    text = window.team_sync.label.text()
    assert "Clock 3 hours ahead of the server" in text and "Sync failed" not in text
    tip = window.team_sync.label.toolTip()
    assert "clock is 3 hours ahead of the team server's: set it right" in tip
    team.clock = None  # set right: the next sync says nothing of it
    team.sync_now()
    qtbot.waitUntil(lambda: team.job is None, timeout=30000)
    assert "Clock" not in window.team_sync.label.text()
