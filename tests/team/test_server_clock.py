"""One clock, the server's (issue 23, section 4): times are written with the server's
`now()` into `timestamptz`, right on a server whose TimeZone is Europe/Paris; a laptop
whose clock is a year ahead decides nothing on the server (tombstones, creation and
update times, a last contact in its future); the contact-date refresh stamp is per rep
under private visibility."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import make_url

from salesdesk.domain.deal import DealSheet, Meeting
from salesdesk.domain.stages import DEFAULT_CADENCE
from salesdesk.store import contacts, deal_load, deals
from salesdesk.store.engine import open_database
from tests.conftest import ROOT, server_url
from tests.team import test_rls
from tests.team.test_people_rules import load, save
from tests.team.test_rls import sql

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m


def server_today(url: str) -> date:
    return sql(url, "SELECT (now() AT TIME ZONE 'UTC')::date")[0][0]


def test_times_are_right_on_a_server_in_paris(team):
    urls, _roles = team
    database = make_url(urls["a"]).database
    superuser = server_url(database)
    sql(superuser, f"ALTER DATABASE \"{database}\" SET timezone = 'Europe/Paris'")
    assert sql(urls["a"], "SHOW timezone") == [("Europe/Paris",)]
    db = open_database(urls["a"])
    try:
        deal_id = deals.save_deal(db, DealSheet("Paris", "Acme"), today=server_today(superuser))
        uid = deal_load.load_deal(db, deal_id).uid
        deals.delete_deal(db, deal_id)
    finally:
        db.close()
    # read in psql on the Paris session: within a minute of the server's now(), not an
    # hour off
    for table, column in (("deal_tombstone", "deleted_at"),):
        off = sql(
            urls["a"], f"SELECT abs(extract(epoch FROM now() - {column})) FROM {table} "
            "WHERE uid = %s", uid,
        )  # fmt: skip
        assert off and off[0][0] < 60, (table, column, off)
    deal_id = save(urls["a"], DealSheet("Paris again", "Acme"), server_today(urls["a"]))
    off = sql(
        urls["a"],
        "SELECT abs(extract(epoch FROM now() - created_at)), "
        "abs(extract(epoch FROM now() - updated_at)) FROM deal WHERE id = %s",
        deal_id,
    )
    assert off[0][0] < 60 and off[0][1] < 60
    # the app reads them as UTC
    db = open_database(urls["a"])
    try:
        with db.reading() as session:
            from sqlalchemy import text

            stamp = session.execute(
                text("SELECT updated_at FROM deal WHERE id = :i"), {"i": deal_id}
            ).scalar_one()
    finally:
        db.close()
    assert stamp.utcoffset() == timedelta(0)
    assert abs(stamp - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_laptop_a_year_ahead_decides_nothing_on_the_server(team):
    """The laptop's day is a year ahead: a meeting it dates in its today is the future
    for the server, and is not taken as the last contact; a last contact it records for
    its today is not taken either; the times of the deal are the server's."""
    urls, _roles = team
    real = server_today(urls["a"])
    ahead = real + timedelta(days=365)
    sheet = DealSheet("Ahead", "Acme", phase=1, last_contact=real - timedelta(days=2))
    sheet.meetings = [Meeting(ahead, "Next year's review")]
    deal_id = save(urls["a"], sheet, ahead)
    stored = sql(
        urls["a"], "SELECT last_contact, next_contact_due, created_at::date FROM deal "
        "WHERE id = %s", deal_id,
    )[0]  # fmt: skip
    assert stored[0] == real - timedelta(days=2)
    assert stored[1] == real - timedelta(days=2) + timedelta(days=DEFAULT_CADENCE[0])
    assert stored[2] == real
    mine = load(urls["a"], deal_id)
    mine.last_contact = ahead
    db = open_database(urls["a"])
    try:
        deals.save_deal(db, mine, today=ahead)
    finally:
        db.close()
    assert sql(urls["a"], "SELECT last_contact FROM deal WHERE id = %s", deal_id) == [
        (real - timedelta(days=2),)
    ]


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs faketime")
def test_a_deletion_from_a_laptop_a_year_ahead_is_stamped_by_the_server(team):
    """The app deletes a deal from a process whose clock is a year ahead (faketime): the
    tombstone bears the server's time."""
    urls, _roles = team
    deal_id = save(urls["a"], DealSheet("To go", "Acme"), server_today(urls["a"]))
    uid = load(urls["a"], deal_id).uid
    code = (
        "import sys; from datetime import date; from salesdesk.store import deals; "
        "from salesdesk.store.engine import open_database as o; "
        "db = o(sys.argv[1]); deals.delete_deal(db, int(sys.argv[2])); db.close(); "
        "print(date.today().isoformat())"
    )
    done = subprocess.run(
        ["faketime", "-f", "+365d", sys.executable, "-c", code, urls["a"], str(deal_id)],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert date.fromisoformat(done.stdout.strip()) > server_today(urls["a"])  # it was ahead
    off = sql(
        urls["a"], "SELECT abs(extract(epoch FROM now() - deleted_at)) FROM deal_tombstone "
        "WHERE uid = %s", uid,
    )  # fmt: skip
    assert off and off[0][0] < 60


def test_the_contact_refresh_stamp_is_per_rep_under_private_visibility(team, cli):
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    today = server_today(urls["a"])
    save(urls["a"], DealSheet("A's", "Acme", last_contact=today), today)
    save(urls["b"], DealSheet("B's", "Beta", last_contact=today), today)
    a, b = open_database(urls["a"]), open_database(urls["b"])
    try:
        contacts.refresh_contact_dates(a, today, DEFAULT_CADENCE)
        assert contacts.contact_dates_fresh(a, today, DEFAULT_CADENCE)
        assert not contacts.contact_dates_fresh(b, today, DEFAULT_CADENCE)
    finally:
        a.close()
        b.close()
    listed = json.loads(cli("--db", urls["b"], "deals", "--json", db=False).stdout)
    assert [d["title"] for d in listed] == ["B's"]
