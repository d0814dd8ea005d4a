"""Two "Sophie Martin" on one deal travel as two people (issue 23, section 6): a package
points at attendees and introducers by uid, so export-deal then import-deal into
another database keeps which one attended and which one introduced Karim; a package of
an older release, naming them, still imports when each name is one person's, and is
refused, naming the field, when two people bear it. The calendar event names the
attendees, nothing else of them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import icalendar
import pytest

from salesdesk.domain.analysis import analyse
from salesdesk.interop.calendar import meetings_ics
from salesdesk.interop.deal_json import dumps
from salesdesk.interop.demo import sample_sheets
from salesdesk.interop.package_read import PackageError, load_package
from salesdesk.interop.package_write import deal_to_package
from salesdesk.store import deal_list, deal_load, deals
from salesdesk.store.engine import open_database
from tests.homonyms import EXPECTED, two_sophies, who

TODAY = date(2026, 12, 6)


def _package(sheet) -> dict:
    return json.loads(dumps(deal_to_package(sheet, analyse(sheet, TODAY))))


def test_export_then_import_into_another_database_keeps_which_sophie_is_which(db, cli, tmp_path):
    deal_id = deals.save_deal(db, two_sophies(TODAY), today=TODAY)
    shown = cli("show", str(deal_id)).stdout
    assert (
        "Karim Benali (theirs): technical buyer, supporter, "
        "introduced by Sophie Martin (Acme Industrie)"
    ) in shown
    out = tmp_path / "deal.json"
    exported = cli("export-deal", str(deal_id), "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    uids = {p["uid"]: (p["name"], p["side"]) for p in data["stakeholders"]}
    # The package says who by uid: the one of ours attends, theirs introduced Karim.
    assert [uids[u] for u in data["meetings"][0]["attendees"]] == [
        ("Sophie Martin", "ours"),
        ("Karim Benali", "theirs"),
    ]
    karim = next(p for p in data["stakeholders"] if p["name"] == "Karim Benali")
    assert uids[karim["introduced_by"]] == ("Sophie Martin", "theirs")

    other = tmp_path / "other.db"
    imported = cli("--db", str(other), "import-deal", str(out), db=False)
    assert imported.returncode == 0, imported.stderr
    second = open_database(str(other))
    try:
        (row,) = deal_list.list_deals(second, TODAY)
        assert who(deal_load.load_deal(second, row.id)) == EXPECTED
    finally:
        second.close()


def _named(data: dict) -> dict:
    """The package as an older release wrote it: people without uids, named."""
    names = {p["uid"]: p["name"] for p in data["stakeholders"]}
    for person in data["stakeholders"]:
        person.pop("uid")
        if person["introduced_by"]:
            person["introduced_by"] = names[person["introduced_by"]]
    for meeting in data["meetings"]:
        meeting["attendees"] = [names[u] for u in meeting["attendees"]]
    return data


def test_a_package_of_an_older_release_naming_people_still_imports():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    data = _named(_package(sheet))
    assert data["meetings"][0]["attendees"] == ["Nathalie Roux", "Karim Benali", "Camille Durand"]
    read = load_package(json.dumps(data, ensure_ascii=False), "old.json")
    by_uid = {p.uid: p.name for p in read.stakeholders}
    assert [by_uid[u] for u in read.meetings[0].attendees] == [
        "Nathalie Roux",
        "Karim Benali",
        "Camille Durand",
    ]
    introduced = {p.name: by_uid.get(p.introduced_by or "") for p in read.stakeholders}
    assert introduced["Karim Benali"] == "Nathalie Roux"
    assert introduced["Élodie Garnier"] == "Karim Benali"


def test_a_name_two_people_bear_is_refused_naming_the_field(cli, tmp_path):
    data = _named(_package(two_sophies(TODAY)))
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PackageError) as refused:
        load_package(path.read_text(encoding="utf-8"), "old.json")
    details = "\n".join(refused.value.lines)
    assert (
        '"Sophie Martin" is the name of 2 stakeholders: introduced_by must give the uid '
        "of the one meant" in details
    )
    assert "stakeholders[2].introduced_by" in details
    assert (
        '"Sophie Martin" is the name of 2 stakeholders: attendees must give the uid '
        "of the one meant" in details
    )
    assert "meetings[0].attendees[0]" in details
    # The command line says so and imports nothing; in French too.
    result = cli("import-deal", str(path))
    assert result.returncode != 0
    assert "attendees must give the uid of the one meant" in result.stderr
    french = cli("import-deal", str(path), extra_env={"SALESDESK_LANG": "fr"})
    assert "attendees doit donner l'uid de celle ou celui visé" in french.stderr
    assert "Two Sophies" not in cli("deals").stdout


def test_the_calendar_event_names_the_attendees():
    sheet = two_sophies(TODAY)
    text = meetings_ics([sheet], datetime(2026, 12, 1, tzinfo=UTC))
    (event,) = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    description = str(event["DESCRIPTION"])
    assert "Attending: Sophie Martin, Karim Benali" in description
    assert sheet.meetings[0].attendees[0] not in description  # no uid
