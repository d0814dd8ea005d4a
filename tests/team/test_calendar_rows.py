"""The meetings cancelled since they were sent to a calendar follow their deal's rules on
a team's server: rep B neither reads nor changes rep A's private deal's cancellations."""

from __future__ import annotations

from datetime import date

import pytest

from salesdesk.interop.demo import sample_sheets
from salesdesk.store import deal_load, deals
from salesdesk.store.engine import Database, open_database
from salesdesk.store.meeting_calendar import cancelled_meetings_between
from tests.team import test_rls
from tests.team.test_rls import sql

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date(2026, 11, 30)
WIDE = (date(2020, 1, 1), date(2030, 1, 1))


def a_meeting_deleted(db: Database) -> str:
    """Saves a sample deal, then deletes its last meeting: that meeting's uid."""
    deal_id = deals.save_deal(db, sample_sheets(TODAY)["telematics-en"], today=TODAY)
    sheet = deal_load.load_deal(db, deal_id)
    gone = sheet.meetings.pop()
    deals.save_deal(db, sheet, today=TODAY)
    return gone.uid


def test_a_private_deals_cancelled_meetings_are_its_owner_and_managers_alone(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    a, b, m = (open_database(urls[k]) for k in ("a", "b", "m"))
    try:
        gone = a_meeting_deleted(a)
        assert [c.uid for c in cancelled_meetings_between(a, *WIDE)] == [gone]
        assert [c.uid for c in cancelled_meetings_between(m, *WIDE)] == [gone]
        assert cancelled_meetings_between(b, *WIDE) == []
        assert sql(urls["b"], "SELECT count(*) FROM cancelled_meeting") == [(0,)]
        assert sql(urls["b"], "DELETE FROM cancelled_meeting") == 0
        assert sql(urls["b"], "UPDATE cancelled_meeting SET title = 'x'") == 0
        assert sql(urls["a"], "SELECT count(*) FROM cancelled_meeting") == [(1,)]
    finally:
        for db in (a, b, m):
            db.close()


def test_a_team_set_up_before_the_cancellations_existed_keeps_saving_after_the_upgrade(team):
    """The lead's upgrade grants the team the cancelled meetings' table it creates: a
    rep's save that deletes a meeting is not refused by the upgraded server."""
    from sqlalchemy.engine import make_url

    from tests.conftest import server_url
    from tests.team.test_upgrade import downgrade

    urls, _roles = team
    superuser = server_url(make_url(urls["a"]).database)
    downgrade(superuser, "0015")  # the team as it was set up, before migration 0016
    open_database(superuser, upgrade_server=True).close()
    a = open_database(urls["a"])
    try:
        gone = a_meeting_deleted(a)
        assert [c.uid for c in cancelled_meetings_between(a, *WIDE)] == [gone]
    finally:
        a.close()


def test_a_rescheduled_or_deleted_meeting_reaches_the_other_laptops_calendar(tmp_path, server):
    from salesdesk.interop import sync
    from salesdesk.store import sync_state as st
    from tests.conftest import server_url

    url = server_url(server.new_database())
    a, b = (open_database(str(tmp_path / f"{name}.db")) for name in ("a", "b"))
    try:
        # A sync takes the laptop's day: the meetings are the sample's around it.
        today = date.today()
        sheet = sample_sheets(today)["telematics-en"]
        sheet.uid = None
        deal_a = deals.save_deal(a, sheet, today=today)
        assert sync.sync(a, url).sent == 1 and sync.sync(b, url).received == 1
        uid = deal_load.load_deal(a, deal_a).uid
        moved, gone = deal_load.load_deal(a, deal_a).meetings[-2:]
        # On laptop A: one meeting an hour later, another deleted.
        sheet = deal_load.load_deal(a, deal_a)
        sheet.meetings = [m for m in sheet.meetings if m.uid != gone.uid]
        later = next(m for m in sheet.meetings if m.uid == moved.uid)
        later.minutes = 30
        deals.save_deal(a, sheet, today=today)
        assert sync.sync(a).sent == 1 and sync.sync(b).received == 1
        deal_b = st.deals(b)[uid].id
        seen = next(m for m in deal_load.load_deal(b, deal_b).meetings if m.uid == moved.uid)
        assert (seen.minutes, seen.sequence) == (30, moved.sequence + 1)
        cancelled = cancelled_meetings_between(b, *WIDE)
        assert [(c.uid, c.deal_id) for c in cancelled] == [(gone.uid, deal_b)]
        server_db = open_database(url)
        try:
            assert [c.uid for c in cancelled_meetings_between(server_db, *WIDE)] == [gone.uid]
        finally:
            server_db.close()
    finally:
        a.close()
        b.close()
