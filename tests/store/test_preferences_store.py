"""Option terms, score points, two-decimal weights and BATNA packages in the database,
in deal packages, and through both (SQLite here; the server with SALESDESK_TEST_DB_URL)."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal as D

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Batna, DealSheet, Offer
from salesdesk.domain.terms import ScorePoint, Side
from salesdesk.interop.package_read import load_package
from salesdesk.interop.package_write import deal_to_package
from salesdesk.store import deal_load, deals
from tests.domain import itex_cypress as ic

TODAY = date(2026, 12, 1)


def itex_deal() -> DealSheet:
    terms = ic.terms()
    terms[1].walk_away = "30 days"  # a position that is a label
    terms[0].their_walk_away = "$3.98"
    delivery_days = copy.deepcopy(terms[1])
    delivery_days.name = "Lead time"
    delivery_days.kind = delivery_days.kind.NUMERIC
    delivery_days.options = []
    delivery_days.opening, delivery_days.walk_away = D(45), D(60)
    delivery_days.their_opening, delivery_days.their_walk_away = D(20), D(60)
    delivery_days.weight, delivery_days.their_weight = D("0.5"), D("0.25")
    delivery_days.points = [
        ScorePoint(D(20), D(25)),
        ScorePoint(D(45), D(100)),
        ScorePoint(D(60), D(5)),
    ]
    return DealSheet(
        "Bicycle components",
        "Cypress",
        terms=[*terms, delivery_days],
        batna_ours=Batna(
            "another buyer",
            "$4.12",
            "Price",
            package={
                "Price": "$4.12",
                "Delivery": "60 days",
                "Payment": "Upon delivery",
                "Returns": "Full price",
                "Lead time": D(50),
            },
        ),
        batna_theirs=Batna("another supplier", score=ic.CYPRESS_RESERVATION),
        offers=[
            Offer(Side.US, 1, {**ic.W, "Lead time": D(45)}),
            Offer(Side.THEM, 1, {**ic.Z, "Lead time": D(30)}),
        ],
    )


def test_options_points_weights_and_batna_packages_read_back_exactly(db):
    sheet = itex_deal()
    deal_id = deals.save_deal(db, sheet, today=TODAY)
    loaded = deal_load.load_deal(db, deal_id)
    assert loaded == sheet
    assert loaded.terms[0].weight == D("28.81") and loaded.terms[4].weight == D("0.5")
    assert analyse(loaded, TODAY).batna_score == analyse(sheet, TODAY).batna_score
    # Saved again with an option renamed and one removed: the labels follow.
    loaded.terms[2].options = loaded.terms[2].options[:2]
    loaded.offers[1].values["Payment"] = "Upon delivery"
    loaded.terms[0].options[0] = type(loaded.terms[0].options[0])("$4.40", D(100), D("3.33"))
    loaded.terms[0].opening = "$4.40"
    deals.save_deal(db, loaded, today=TODAY)
    again = deal_load.load_deal(db, deal_id)
    assert again == loaded
    assert [o.label for o in again.terms[2].options] == ["Upon delivery", "30 days after delivery"]


def test_a_package_carries_options_points_and_batna_packages_and_reads_back(db):
    sheet = itex_deal()
    text = json.dumps(deal_to_package(sheet, analyse(sheet, TODAY)), ensure_ascii=False)
    data = json.loads(text)
    term = data["terms"][0]
    assert term["kind"] == "options" and term["weight"] == 28.81
    assert term["options"][0] == {"label": "$4.37", "score": 100, "their_score": 2.5}
    assert data["terms"][4]["points"] == [
        {"value": "20", "score": 25},
        {"value": "45", "score": 100},
        {"value": "60", "score": 5},
    ]
    assert data["batna"]["ours"]["package"]["Lead time"] == "50"
    assert data["offers"][0]["values"]["Price"] == "$4.12"
    back = load_package(text, "deal.json")
    assert back == sheet
    deal_id = deals.save_deal(db, back, today=TODAY)  # gives `back` its id and uid
    assert deal_load.load_deal(db, deal_id) == back


def test_a_package_naming_an_unknown_option_is_refused_by_line():
    sheet = itex_deal()
    data = deal_to_package(sheet, analyse(sheet, TODAY))
    data["offers"][0]["values"]["Price"] = "$9.99"
    data["terms"][1]["weight"] = 12.345
    from salesdesk.interop.package_read import PackageError

    try:
        load_package(json.dumps(data, indent=1), "deal.json")
    except PackageError as exc:
        said = "\n".join(exc.lines)
    else:
        raise AssertionError("accepted")
    assert "offers[0].values.Price: $9.99 is not one of the options of Price" in said
    assert "terms[1].weight: a weight is a number from 0 to 100 with two decimals at most" in said
