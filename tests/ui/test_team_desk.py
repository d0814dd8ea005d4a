"""A manager's desk on a team's server: Today says whose deal it is, and the team's
members and their authority limits are set from the app. On a rep's own file, nothing
of it shows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from salesdesk.interop.demo import sample_sheets
from salesdesk.store import deals, settings
from salesdesk.store import team as store_team
from salesdesk.store.engine import open_database
from salesdesk.ui.today import DUE_OWNER, MEETING_OWNER
from tests.conftest import server_url
from tests.ui.conftest import TODAY


@pytest.fixture
def team_db(server) -> Iterator[dict[str, str]]:
    """A team database set up by its owner, with reps a (who named herself) and b (who
    did not) and a manager m, each holding deals of their own: their URLs and roles."""
    database = server.new_database()
    owner = open_database(server_url(database))
    store_team.init(owner)
    suffix = uuid.uuid4().hex[:8]
    roles = {name: f"{name}_{suffix}" for name in ("a", "b", "m")}
    store_team.add_member(owner, roles["a"], manager=False)
    store_team.add_member(owner, roles["b"], manager=False)
    store_team.add_member(owner, roles["m"], manager=True)
    owner.close()
    sheets = list(sample_sheets(TODAY).values())
    for name, sheet in (("a", sheets[0]), ("b", sheets[1])):
        rep = open_database(server_url(database, roles[name]))
        if name == "a":
            profile = settings.load_profile(rep)
            profile.name = "Alice Martin"
            store_team.save_profile(rep, profile)
        deals.save_deal(rep, replace(sheet, uid=None, title=f"{name}'s deal"), today=TODAY)
        rep.close()
    yield {"database": database, **roles}
    server.drop_all()
    for role in roles.values():
        server.admin(f'DROP ROLE IF EXISTS "{role}"')


def _open(qtbot, url: str):
    from salesdesk.ui.main_window import MainWindow

    win = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database(url)
    return win


def _listed(dialog, *roles: str) -> bool:
    """Whether the dialog lists `roles` (roles are the server's: other teams' may show)."""
    from salesdesk.ui.team_members import COL_ROLE

    model = dialog.model
    return set(roles) <= {model.index(r, COL_ROLE).data() for r in range(model.rowCount())}


def _column(table, column: int) -> list[str]:
    model = table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_a_reps_own_file_shows_no_owner_on_today(window):
    window.show_today()
    assert window.today_view.due.rowCount() > 0
    assert window.today_view.due_table.isColumnHidden(DUE_OWNER)
    assert window.today_view.meetings_table.isColumnHidden(MEETING_OWNER)


@pytest.mark.server
def test_today_on_a_team_server_says_whose_deal_it_is(qtbot, team_db, tmp_path):
    win = _open(qtbot, server_url(team_db["database"], team_db["m"]))
    win.show_today()
    view = win.today_view
    assert not view.due_table.isColumnHidden(DUE_OWNER)
    assert not view.meetings_table.isColumnHidden(MEETING_OWNER)
    assert view.due.headerData(DUE_OWNER, Qt.Orientation.Horizontal) == "Owner"
    due = dict(zip(_column(view.due_table, 0), _column(view.due_table, DUE_OWNER), strict=True))
    # The name the rep gave herself; the role of a rep who gave none.
    assert due["a's deal"] == "Alice Martin"
    assert due["b's deal"] == team_db["b"]
    meetings = set(_column(view.meetings_table, MEETING_OWNER))
    assert meetings and meetings <= {"Alice Martin", team_db["b"]}
    win.resize(1280, 720)
    win.grab().save(str(tmp_path / "today-team.png"))
    win.close()


def test_on_a_reps_own_file_team_members_is_off_and_says_why(window):
    action = window.acts.members
    assert not action.isEnabled()
    assert "your own file" in action.toolTip()


@pytest.mark.server
def test_a_manager_sets_a_reps_limits_and_the_store_sees_them(
    qtbot, qtmodeltester, team_db, monkeypatch, tmp_path
):
    from salesdesk.ui.team_members import (
        COL_AMOUNT,
        COL_DISCOUNT,
        COL_KIND,
        COL_NAME,
        COL_ROLE,
        TeamMembersDialog,
    )

    win = _open(qtbot, server_url(team_db["database"], team_db["m"]))
    qtbot.waitUntil(win.acts.members.isEnabled, timeout=5000)
    seen: dict[str, object] = {}

    def work(dialog: TeamMembersDialog) -> int:
        ours = (team_db["a"], team_db["b"], team_db["m"])
        qtbot.waitUntil(lambda: _listed(dialog, *ours), timeout=10000)
        qtmodeltester.check(dialog.model)
        rows = {dialog.model.index(r, COL_ROLE).data(): r for r in range(dialog.model.rowCount())}
        a = rows[team_db["a"]]
        seen["a"] = [
            dialog.model.index(a, c).data() for c in (COL_NAME, COL_KIND, COL_DISCOUNT, COL_AMOUNT)
        ]
        seen["m kind"] = dialog.model.index(rows[team_db["m"]], COL_KIND).data()
        dialog.table.selectRow(a)
        # Refused at the form, naming the field; nothing is sent to the server.
        dialog.discount.setText("150")
        dialog.save.click()
        seen["too much"] = dialog.error.text()
        seen["sent"] = dialog.busy()
        dialog.discount.setText("12.5")
        dialog.amount.setText("-1")
        dialog.save.click()
        seen["negative"] = dialog.error.text()
        dialog.amount.setText("2,500.75")
        dialog.save.click()
        qtbot.waitUntil(lambda: "saved" in dialog.status.text(), timeout=10000)
        seen["error after"] = not dialog.error.isHidden()
        seen["row"] = [dialog.model.index(a, c).data() for c in (COL_DISCOUNT, COL_AMOUNT)]
        dialog.show()
        dialog.grab().save(str(tmp_path / "team-members.png"))
        return 0

    monkeypatch.setattr(TeamMembersDialog, "exec", work)
    win.acts.members.trigger()
    assert seen["a"] == ["Alice Martin", "Rep", "", ""]
    assert seen["m kind"] == "Manager"
    assert seen["too much"].startswith("Discount limit")
    assert seen["negative"].startswith("Amount limit")
    assert seen["sent"] is False
    assert seen["error after"] is False
    assert seen["row"] == ["12.5", "2,500.75"]
    owner = open_database(server_url(team_db["database"]))
    try:
        member = {m.role: m for m in store_team.members(owner)}[team_db["a"]]
    finally:
        owner.close()
    assert member.max_discount_pct == Decimal("12.5")
    assert member.max_concession_cost == Decimal("2500.75")
    win.close()


@pytest.mark.server
def test_a_rep_cannot_open_team_members_and_a_refused_save_is_one_line(qtbot, team_db):
    from salesdesk.ui.team_members import COL_ROLE, TeamMembersDialog

    url = server_url(team_db["database"], team_db["a"])
    win = _open(qtbot, url)
    qtbot.waitUntil(lambda: "Only a manager" in win.acts.members.toolTip(), timeout=5000)
    assert not win.acts.members.isEnabled()
    win.close()
    # Should a rep reach the dialog all the same, the server's refusal is one line.
    rep = open_database(url)
    dialog = TeamMembersDialog(rep)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: _listed(dialog, team_db["a"], team_db["m"]), timeout=10000)
    rows = [dialog.model.index(r, COL_ROLE).data() for r in range(dialog.model.rowCount())]
    dialog.table.selectRow(rows.index(team_db["a"]))
    dialog.discount.setText("90")
    dialog.save.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert dialog.error.text() == "Only a manager sets a rep's authority limits."
    assert {m.role: m for m in store_team.members(rep)}[team_db["a"]].max_discount_pct is None
    rep.close()
