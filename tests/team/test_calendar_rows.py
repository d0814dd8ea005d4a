"""The meetings cancelled since they were sent to a calendar follow their deal's rules on
a team's server: rep B neither reads nor changes rep A's private deal's cancellations."""

from __future__ import annotations

from datetime import date

import pytest

from salesdesk.interop.demo import sample_sheets
from salesdesk.store import repository as repo
from salesdesk.store.engine import open_database
from salesdesk.store.meeting_calendar import cancelled_meetings_between
from tests.team import test_rls
from tests.team.test_rls import sql

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date(2026, 11, 30)


def test_a_private_deals_cancelled_meetings_are_its_owner_and_managers_alone(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    a, b, m = (open_database(urls[k]) for k in ("a", "b", "m"))
    try:
        deal_id = repo.save_deal(a, sample_sheets(TODAY)["telematics-en"], today=TODAY)
        sheet = repo.load_deal(a, deal_id)
        gone = sheet.meetings.pop()
        repo.save_deal(a, sheet, today=TODAY)
        wide = (date(2020, 1, 1), date(2030, 1, 1))
        assert [c.uid for c in cancelled_meetings_between(a, *wide)] == [gone.uid]
        assert [c.uid for c in cancelled_meetings_between(m, *wide)] == [gone.uid]
        assert cancelled_meetings_between(b, *wide) == []
        assert sql(urls["b"], "SELECT count(*) FROM cancelled_meeting") == [(0,)]
        assert sql(urls["b"], "DELETE FROM cancelled_meeting") == 0
        assert sql(urls["b"], "UPDATE cancelled_meeting SET title = 'x'") == 0
        assert sql(urls["a"], "SELECT count(*) FROM cancelled_meeting") == [(1,)]
    finally:
        for db in (a, b, m):
            db.close()
