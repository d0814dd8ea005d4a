"""The package format described once: every package the writer produces fits the
shipped JSON Schema, and the importer uses it to refuse a wrong type at its path."""

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Batna, Source
from salesdesk.domain.ledger import EntryStatus
from salesdesk.domain.stages import DealStatus
from salesdesk.domain.terms import ScorePoint, Term, TermKind, TermOption
from salesdesk.interop.deal_json import dumps
from salesdesk.interop.demo import sample_sheets
from salesdesk.interop.package_read import PackageError, load_package
from salesdesk.interop.package_schema import schema, schema_problems
from salesdesk.interop.package_write import deal_to_package

TODAY = date(2026, 11, 29)


def every_field_filled():
    """A closed deal after the loop (debrief, counterpart, review) with every optional
    key the writer knows: options and score points, a BATNA package, a CRM source, a
    manager's decisions, a meeting's time, length, place and revision."""
    sheet = sample_sheets(TODAY)["packaging-fr"]
    sheet.status = DealStatus.LOST
    sheet.lost_reason = "Prix trop élevé"
    sheet.competitor = "Cartonnages Dumas"
    sheet.source = Source(
        "salesforce", "006A1", "Negotiation", {"account_id": "001B2", "owner_id": "005C3"}
    )
    sheet.checklist = {"contract": [0, 2], "qualification": [1]}
    sheet.terms[0].points = [
        ScorePoint(Decimal("1.10"), Decimal(100)),
        ScorePoint(Decimal("1.30"), Decimal(0)),
    ]
    sheet.terms[0].their_points = [
        ScorePoint(Decimal("1.10"), Decimal(0)),
        ScorePoint(Decimal("1.30"), Decimal(100)),
    ]
    sheet.terms[2].step = Decimal(15)
    sheet.terms.append(
        Term(
            "Livraison",
            kind=TermKind.OPTIONS,
            options=[
                TermOption("Franco", Decimal(80), Decimal(20)),
                TermOption("Départ", Decimal(10), Decimal(90)),
            ],
            opening="Franco",
            target="Franco",
            walk_away="Départ",
            their_opening="Départ",
            weight=Decimal("12.5"),
            their_weight=Decimal(30),
        )
    )
    sheet.batna_ours = Batna("Un autre client", Decimal("1.05"), sheet.terms[0].name, Decimal(35))
    sheet.batna_theirs = Batna(
        "Un autre fournisseur",
        package={sheet.terms[0].name: Decimal("1.12"), "Livraison": "Départ"},
    )
    first, second = sheet.ledger[0], sheet.ledger[1]
    first.needs_approval, first.approved, first.approved_by = True, True, "carol"
    first.approved_at = datetime(2026, 11, 30, 10, 0, 5, 904_700, tzinfo=UTC)
    second.needs_approval, second.declined, second.status = True, True, EntryStatus.REFUSED
    meeting = sheet.meetings[0]
    meeting.time, meeting.minutes, meeting.location, meeting.sequence = time(9, 30), 45, "Lyon", 3
    meeting.outcome, meeting.next_steps = "Ils veulent 60 jours", "Revenir avec le volume"
    return sheet


def packages():
    yield from sample_sheets(TODAY).items()
    yield "every field filled", every_field_filled()


@pytest.mark.parametrize(
    ("name", "sheet"), list(packages()), ids=lambda x: x if isinstance(x, str) else ""
)
def test_every_package_the_writer_produces_fits_the_schema(name, sheet):
    analysis = analyse(sheet, TODAY)
    data = deal_to_package(sheet, analysis, origin="db-1")
    text = dumps(data)
    # As any other program reads it (floats for numbers), with the standard validator...
    Draft202012Validator(schema()).validate(json.loads(text))
    # ... and as the importer reads it (exact decimals).
    assert schema_problems(json.loads(text, parse_float=Decimal)) == []
    if name == "every field filled":
        assert data["review"] is not None and data["terms"][-1]["options"]
        assert data["ledger"]["entries"][1]["approval"]["state"] == "declined"
        assert load_package(text, "deal.json").terms[-1].options == sheet.terms[-1].options


def test_the_schema_is_a_valid_json_schema_naming_the_domains_values():
    from salesdesk.domain.deal import Channel, Role, Stance
    from salesdesk.domain.stages import Stage

    Draft202012Validator.check_schema(schema())
    props = schema()["properties"]
    assert props["stage"]["enum"][:-1] == [s.value for s in Stage]
    meeting = props["meetings"]["items"]["properties"]
    assert meeting["minutes"]["maximum"] == 1440
    person = props["stakeholders"]["items"]["properties"]
    assert person["role"]["enum"][:-1] == [r.value for r in Role]
    assert person["stance"]["enum"][:-1] == [s.value for s in Stance]
    interaction = props["interactions"]["items"]["properties"]
    assert interaction["channel"]["enum"][:-1] == [c.value for c in Channel]


def test_a_wrong_type_in_a_nested_field_is_refused_naming_its_path_and_line():
    data = json.loads(
        dumps(deal_to_package(every_field_filled(), analyse(every_field_filled(), TODAY)))
    )
    # A numeric term's options were ignored before; a label must be text all the same.
    data["terms"][1]["options"] = [{"label": 7, "score": 50, "their_score": 50}]
    data["meetings"][0]["attendees"] = "Marie Dubois"
    text = json.dumps(data, indent=2)
    with pytest.raises(PackageError) as info:
        load_package(text, "typed.json")
    lines = info.value.lines
    assert "typed.json cannot be imported" in str(info.value)
    label = next(x for x in lines if "terms[1].options[0].label: expected text" in x)
    n = int(label.split()[1].rstrip(","))
    assert '"label": 7' in text.splitlines()[n - 1]
    assert any("meetings[0].attendees: expected a list" in x for x in lines)
    # each field said once
    assert len(lines) == 2


def test_the_schema_ships_beside_the_reader_and_is_named_in_the_readme():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "salesdesk/interop/deal_package.schema.json" in readme
    for key in ("format", "terms", "offers", "ledger", "meetings"):
        assert f"`{key}`" in readme
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert '"salesdesk.interop" = ["deal_package.schema.json"]' in pyproject
    assert "deal_package.schema.json" in (root / "build.spec").read_text(encoding="utf-8")
