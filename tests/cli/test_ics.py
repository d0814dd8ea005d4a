"""`salesdesk ics`: the meetings as a calendar file, read back by icalendar as a calendar
program reads it; and passwords refused on the command line."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.cli.test_cli import one_line_error


def events(path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def package(cli, deal: str, tmp_path) -> dict:
    out = tmp_path / f"deal-{deal}.json"
    assert cli("export-deal", deal, "-o", str(out)).returncode == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_ics_writes_the_coming_meetings_in_the_machines_zone(demo_db, tmp_path):
    out = tmp_path / "meetings.ics"
    # The rep's profile names no zone: the machine's is used (here New York's).
    result = demo_db("ics", "-o", str(out), extra_env={"TZ": "America/New_York"})
    assert result.returncode == 0, result.stderr
    found = events(out)
    coming = {}
    for deal in ("1", "2", "3", "4", "5"):
        data = package(demo_db, deal, tmp_path)
        for m in data["meetings"]:
            if date.fromisoformat(m["date"]) >= date.today():
                coming[m["uid"]] = (data, m)
    assert {str(e["UID"]) for e in found} == set(coming)
    assert f"Wrote {len(coming)} meetings to" in result.stdout
    for event in found:
        data, meeting = coming[str(event["UID"])]
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None  # never floating
        local = start.astimezone(ZoneInfo("America/New_York"))
        assert local.strftime("%H:%M") == meeting["time"]
        assert event.decoded("DTEND") - start == timedelta(minutes=meeting["minutes"])
        assert str(event["LOCATION"]) == meeting["location"]
        assert int(event["SEQUENCE"]) == meeting["sequence"]
        text = event.to_ical().decode("utf-8")
        for internal in (meeting["objectives"], data["batna"]["ours"]["description"]):
            assert internal.split("\n")[0][:20] not in text.replace("\r\n ", "")


def test_ics_filters_by_deal_and_range_and_refuses_bad_input(demo_db, tmp_path):
    out = tmp_path / "one.ics"
    data = package(demo_db, "2", tmp_path)
    result = demo_db(
        "ics", "-o", str(out), "--deal", "2", "--from", "2000-01-01", "--to", "2099-12-31"
    )
    assert result.returncode == 0, result.stderr
    assert {str(e["UID"]) for e in events(out)} == {m["uid"] for m in data["meetings"]}
    first = min(date.fromisoformat(m["date"]) for m in data["meetings"])
    day = first.isoformat()
    assert demo_db("ics", "-o", str(out), "--deal", "2", "--from", day, "--to", day).returncode == 0
    assert len(events(out)) == 1
    assert "is before --from" in one_line_error(
        demo_db("ics", "-o", str(out), "--from", "2027-02-01", "--to", "2027-01-01")
    )
    assert "There is no deal 99" in one_line_error(demo_db("ics", "-o", str(out), "--deal", "99"))
    assert "cannot write" in one_line_error(
        demo_db("ics", "-o", str(tmp_path / "missing" / "x.ics"))
    )


def test_a_meeting_deleted_by_an_import_is_cancelled_in_the_next_export(demo_db, tmp_path):
    data = package(demo_db, "2", tmp_path)
    coming = [m for m in data["meetings"] if date.fromisoformat(m["date"]) >= date.today()]
    dropped = coming[0]
    data["meetings"] = [m for m in data["meetings"] if m["uid"] != dropped["uid"]]
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    assert demo_db("import-deal", str(changed)).returncode == 0
    out = tmp_path / "after.ics"
    result = demo_db("ics", "-o", str(out), "--deal", "2")
    assert result.returncode == 0, result.stderr
    assert "and 1 cancellation" in result.stdout
    (event,) = [e for e in events(out) if str(e["UID"]) == dropped["uid"]]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == dropped["sequence"] + 1
    assert event.decoded("DTSTART").astimezone(UTC) > datetime(2000, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("password", ["\ufb01nance", "cafe\u0301", "\uff33ecret"])
def test_brief_refuses_a_password_readers_would_read_differently(demo_db, tmp_path, password):
    out = tmp_path / "brief.pdf"
    line = one_line_error(demo_db("brief", "1", "-o", str(out), "--password", password))
    assert "do not all read as typed" in line
    assert not out.exists()
    assert "do not all read as typed" in one_line_error(
        demo_db("pack", "-o", str(out), "--password", password)
    )
