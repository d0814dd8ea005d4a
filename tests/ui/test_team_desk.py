"""A manager's desk on a team's server: Today says whose deal it is, and the team's
members and their authority limits are set from the app. On a rep's own file, nothing
of it shows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from salesdesk.interop.demo import sample_sheets
from salesdesk.store import repository as repo
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
            profile = repo.load_profile(rep)
            profile.name = "Alice Martin"
            repo.save_profile(rep, profile)
        repo.save_deal(rep, replace(sheet, uid=None, title=f"{name}'s deal"))
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

