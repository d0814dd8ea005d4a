import json
from datetime import date
from decimal import Decimal

import pytest

from salesdesk.domain.analysis import analyse
from salesdesk.interop.deal_json import deal_to_json, dumps
from salesdesk.interop.demo import sample_sheets
from salesdesk.interop.package_read import PackageError, load_package
from salesdesk.interop.package_write import FORMAT, deal_to_package

TODAY = date(2026, 11, 29)
SHOW_KEYS = {
    "id",
    "version",
    "title",
    "account",
    "currency",
    "value",
    "status",
    "stage",
    "phase",
    "close_date",
    "probability",
    "owner",
    "source",
    "last_contact",
    "next_contact_due",
    "overdue",
    "batna",
    "terms",
    "offers",
    "ledger",
    "warnings",
    "review",  # null while the deal is open
}


def package_text(key: str = "packaging-fr") -> str:
    sheet = sample_sheets(TODAY)[key]
    return dumps(deal_to_package(sheet, analyse(sheet, TODAY)))


def test_show_json_follows_the_contract():
    sheet = sample_sheets(TODAY)["telematics-en"]
    sheet.customer_language = None  # the key is there only when the deal says it
    data = deal_to_json(sheet, analyse(sheet, TODAY))
    assert set(data) == SHOW_KEYS
    assert data["value"] == "186000.00" and data["currency"] == "GBP"
    term = data["terms"][0]
    assert term["direction"] == "higher_is_better" and term["weight"] == 50
    assert term["opening"] == "39" and term["zopa"] is None
    assert term["step"] == "1"  # whole pounds: the positions have no decimals
    assert data["terms"][1]["zopa"] == {"low": "24", "high": "36"}
    assert data["batna"]["ours"] == {
        "description": sheet.batna_ours.description,
        "value": "33",
        "term": "Price per vehicle per month",
        "score": 40,
        "package": None,
    }
    assert term["kind"] == "numeric" and term["options"] is None and term["points"] is None
    assert data["offers"][2] == {
        "side": "us",
        "round": 2,
        "values": {
            "Price per vehicle per month": "30",
            "Contract length": "30",
            "Installation lead time": "22",
        },
        # price 30 is past our walk-away 31 → 0; length (30−24)/(48−24) = 25 × 30;
        # lead time (22−20)/(45−20) = 8 × 20 → 910 / 100. For them (opening 25/12/10,
        # walk-away 30/36/25): 0; (30−36)/(12−36) = 25 × 15; (22−25)/(10−25) = 20 × 25
        # → 875 / 100.
        "score": 9.1,
        "their_score": 8.75,
        # On the frontier, a package as good for us is 78.75 points better for them.
        "left_on_table": 78.75,
    }
    assert data["ledger"]["given_cost"] == "2000.00"
    assert data["ledger"]["balance"] == "3000.00"
    assert data["ledger"]["entries"][0]["counterpart"] == ""
    codes = {(w["code"], w["term"], w["entry"], w["round"]) for w in data["warnings"]}
    assert ("unilateral_concession", None, 0, 1) in codes
    assert ("no_zopa", "Price per vehicle per month", None, None) in codes
    assert data["overdue"] is True and data["next_contact_due"] == "2026-11-26"
    json.dumps(data)  # nothing but JSON types


@pytest.mark.parametrize("key", ["packaging-fr", "telematics-en", "energy-audit-fr", "scanners-en"])
def test_export_import_export_is_stable(key):
    first = package_text(key)
    sheet = load_package(first, "deal.json")
    again = dumps(deal_to_package(sheet, analyse(sheet, TODAY)))
    assert again == first
    assert json.loads(first)["format"] == FORMAT


def test_a_meetings_note_for_the_customer_travels_in_the_package():
    data = json.loads(package_text("telematics-en"))
    assert data["meetings"][0]["customer_note"] == ""
    assert data["meetings"][1]["customer_note"].startswith("Thank you for the pilot")
    data["meetings"][1]["customer_note"] = "Thank you for the pilot."
    del data["meetings"][0]["customer_note"]  # an older package: the key is optional
    sheet = load_package(json.dumps(data), "deal.json")
    assert [m.customer_note for m in sheet.meetings] == ["", "Thank you for the pilot."]
    again = deal_to_package(sheet, analyse(sheet, TODAY))
    assert again["meetings"][1]["customer_note"] == "Thank you for the pilot."


def test_numbers_may_be_strings_or_numbers_and_optional_fields_absent():
    text = json.dumps(
        {
            "format": FORMAT,
            "title": "Minimal",
            "account": "Acme",
            "terms": [{"name": "Price", "opening": 120.5, "target": "110"}],
            "batna": {"ours": {"score": 35.5}},
        }
    )
    sheet = load_package(text, "min.json")
    assert sheet.terms[0].opening == Decimal("120.5")
    assert sheet.batna_ours.score == Decimal("35.5")
    assert sheet.uid is None and sheet.phase == 1


def test_computed_fields_are_ignored_on_import():
    data = json.loads(package_text())
    data["ledger"]["balance"] = "999999.00"
    data["warnings"] = [{"code": "nonsense"}]
    data["terms"][0]["zopa"] = {"low": "0", "high": "1"}
    data["next_contact_due"] = "not even a date"
    sheet = load_package(json.dumps(data), "deal.json")
    assert sheet.terms[0].walk_away == Decimal("1.15")


def errors_for(data_or_text, name="bad.json") -> PackageError:
    text = data_or_text if isinstance(data_or_text, str) else json.dumps(data_or_text, indent=2)
    with pytest.raises(PackageError) as info:
        load_package(text, name)
    return info.value


def test_truncated_json_points_at_the_spot():
    err = errors_for(package_text()[:200])
    assert "bad.json is not valid JSON" in str(err)
    assert err.lines[0].startswith("line ")


def test_each_bad_field_is_named_with_line_and_column():
    data = json.loads(package_text())
    data["terms"][1]["opening"] = "12,5O0"
    data["phase"] = 7
    data["terms"][0]["direction"] = "sideways"
    data["ledger"]["entries"][0]["status"] = "maybe"
    data["offers"][0]["values"]["Ghost term"] = "1"
    del data["title"]
    err = errors_for(data)
    joined = "\n".join(err.lines)
    assert "bad.json cannot be imported" in str(err)
    assert "terms[1].opening: '12,5O0' is not a number" in joined
    assert "phase: 7 is outside 1–5" in joined
    assert 'terms[0].direction: unknown value "sideways"' in joined
    assert 'ledger.entries[0].status: unknown value "maybe"' in joined
    assert 'offers[0].values.Ghost term: the term "Ghost term" is not defined' in joined
    assert "title: this field is required" in joined
    text = json.dumps(data, indent=2)
    line = next(x for x in err.lines if "terms[1].opening" in x)
    n = int(line.split()[1].rstrip(","))
    assert '"12,5O0"' in text.splitlines()[n - 1]


def test_format_is_required_and_checked():
    assert "format: this field is required" in "\n".join(
        errors_for({"title": "x", "account": "y"}).lines
    )
    assert "unsupported format" in "\n".join(
        errors_for({"format": "other/2", "title": "x", "account": "y"}).lines
    )


def test_at_most_ten_lines_are_reported():
    data = {
        "format": FORMAT,
        "title": "x",
        "account": "y",
        "terms": [{"name": f"t{i}", "opening": "oops"} for i in range(25)],
    }
    err = errors_for(data)
    assert len(err.lines) == 10
    assert "(and 24 more problems)" in str(err)


def test_a_ledger_entry_naming_an_unknown_term_is_an_error():
    data = json.loads(package_text())
    data["ledger"]["entries"][0]["term"] = "Nope"
    assert 'ledger.entries[0].term: the term "Nope" is not defined' in "\n".join(
        errors_for(data).lines
    )


def test_a_typed_step_and_ticked_checklist_travel_in_the_package_and_the_database(tmp_path):
    from salesdesk.store.deal_load import load_deal
    from salesdesk.store.deals import save_deal
    from salesdesk.store.engine import open_database

    sheet = sample_sheets(TODAY)["packaging-fr"]
    sheet.terms[2].step = Decimal(15)  # payment days in 15-day steps
    sheet.checklist = {"contract": [0, 2], "qualification": [1]}
    data = json.loads(dumps(deal_to_package(sheet, analyse(sheet, TODAY))))
    assert [t["step"] for t in data["terms"]] == ["0.01", "1000", "15", "1"]
    assert data["checklist"] == {"contract": [0, 2], "qualification": [1]}
    back = load_package(json.dumps(data), "deal.json")
    assert back.terms[2].step == 15 and back.terms[0].step is None  # 0.01 is the default
    assert back.checklist == sheet.checklist
    db = open_database(str(tmp_path / "deals.db"))
    try:
        deal_id = save_deal(db, back, today=TODAY)
        again = load_deal(db, deal_id)
    finally:
        db.close()
    assert [t.step for t in again.terms] == [None, None, Decimal(15), None]
    assert again.checklist == {"contract": [0, 2], "qualification": [1]}


def test_a_package_without_step_or_checklist_imports_as_before():
    data = json.loads(package_text())
    for term in data["terms"]:
        term.pop("step")
    data.pop("checklist", None)
    sheet = load_package(json.dumps(data), "old.json")
    assert all(t.step is None for t in sheet.terms) and sheet.checklist == {}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["terms"][0].__setitem__("step", "0"), "terms[0].step"),
        (lambda d: d.__setitem__("checklist", {"contract": [99]}), "checklist.contract"),
        (lambda d: d.__setitem__("checklist", {"nowhere": [0]}), "checklist.nowhere"),
    ],
)
def test_a_bad_step_or_checklist_is_named(change, field):
    data = json.loads(package_text())
    change(data)
    err = errors_for(data)
    assert field in str(err)


def test_a_lost_deals_reason_and_competitor_travel_as_optional_keys():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    assert "lost_reason" not in deal_to_json(sheet, analyse(sheet, TODAY))
    sheet.status = sheet.status.LOST
    sheet.lost_reason = "Prix trop élevé"
    sheet.competitor = "Cartonnages Dumas"
    text = dumps(deal_to_package(sheet, analyse(sheet, TODAY)))
    data = json.loads(text)
    assert (data["lost_reason"], data["competitor"]) == ("Prix trop élevé", "Cartonnages Dumas")
    assert data["review"]["lost_reason"] == "Prix trop élevé"
    assert data["review"]["last_offers"]["them"]["round"] == 2
    back = load_package(text, "deal.json")
    assert (back.lost_reason, back.competitor) == (sheet.lost_reason, sheet.competitor)
    assert dumps(deal_to_package(back, analyse(back, TODAY))) == text
    # Too long a reason is refused with its path, as any text.
    data["lost_reason"] = "x" * 501
    with pytest.raises(PackageError) as caught:
        load_package(json.dumps(data), "deal.json")
    assert "lost_reason" in str(caught.value)


def test_a_meetings_length_place_and_sequence_and_the_customers_language_travel():
    data = json.loads(package_text("packaging-fr"))
    assert data["customer_language"] == "fr"
    coming = data["meetings"][-1]
    assert coming["minutes"] == 90 and coming["location"].startswith("Société Lyonnaise")
    assert coming["sequence"] == 0
    coming["sequence"] = 4
    sheet = load_package(json.dumps(data), "deal.json")
    assert sheet.customer_language == "fr"
    assert (sheet.meetings[-1].minutes, sheet.meetings[-1].sequence) == (90, 4)
    again = deal_to_package(sheet, analyse(sheet, TODAY))
    assert again["meetings"][-1]["sequence"] == 4
    assert again["customer_language"] == "fr"
    # show --json has the key only when the deal says it
    english = sample_sheets(TODAY)["telematics-en"]
    english.customer_language = None  # as the app
    assert "customer_language" not in deal_to_json(english, analyse(english, TODAY))


def test_an_older_package_without_them_imports_as_before():
    data = json.loads(package_text("packaging-fr"))
    del data["customer_language"]
    for meeting in data["meetings"]:
        for key in ("minutes", "location", "sequence"):
            meeting.pop(key, None)
    sheet = load_package(json.dumps(data), "old.json")
    assert sheet.customer_language is None
    assert all((m.minutes, m.location, m.sequence) == (None, "", 0) for m in sheet.meetings)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.__setitem__("customer_language", "de"), "customer_language"),
        (lambda d: d["meetings"][0].__setitem__("minutes", 0), "meetings[0].minutes"),
        (lambda d: d["meetings"][0].__setitem__("sequence", -1), "meetings[0].sequence"),
        (lambda d: d["meetings"][0].__setitem__("location", "a\x07b"), "meetings[0].location"),
    ],
)
def test_a_bad_language_length_sequence_or_location_is_named(change, field):
    data = json.loads(package_text())
    change(data)
    assert field in str(errors_for(data))


def test_a_key_given_twice_is_refused_naming_it():
    text = package_text("telematics-en")
    # The title twice at the top, a meeting's agenda twice further down.
    text = text.replace('"title": ', '"title": "First title",\n  "title": ', 1)
    text = text.replace('"agenda": ', '"agenda": "one",\n      "agenda": ', 1)
    err = errors_for(text, "twice.json")
    assert 'twice.json cannot be imported: the key "title" is given twice' in str(err)
    assert any('"meetings[0].agenda" is given twice' in line for line in err.lines)
    n = int(err.lines[0].split()[1].rstrip(","))
    assert '"title"' in text.splitlines()[n - 1]


def test_a_managers_stamp_travels_whole_with_its_fraction_and_offset():
    from datetime import UTC, datetime, timedelta, timezone

    sheet = sample_sheets(TODAY)["telematics-en"]
    entry = sheet.ledger[0]
    entry.approved, entry.approved_by = True, "carol"
    paris = timezone(timedelta(hours=1))
    entry.approved_at = datetime(2026, 11, 30, 10, 0, 5, 904_700, tzinfo=paris)
    data = json.loads(dumps(deal_to_package(sheet, analyse(sheet, TODAY))))
    assert data["ledger"]["entries"][0]["approval"]["at"] == "2026-11-30T10:00:05.904700+01:00"
    back = load_package(json.dumps(data), "deal.json").ledger[0].approved_at
    assert back == entry.approved_at and back.tzinfo == UTC  # the same instant, in UTC
    # A database column without a zone gives a naive moment: it is UTC.
    entry.approved_at = datetime(2026, 11, 30, 9, 0, 5, 904_700)
    data = deal_to_json(sheet, analyse(sheet, TODAY))
    assert data["ledger"]["entries"][0]["approved_at"] == "2026-11-30T09:00:05.904700+00:00"
