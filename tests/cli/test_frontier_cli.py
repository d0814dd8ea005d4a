"""`salesdesk frontier` and the preferences in `show --json`, run as a user runs them."""

from __future__ import annotations

import json
from decimal import Decimal

from tests.cli.test_cli import _deal_id, one_line_error


def test_frontier_json_follows_the_contract(demo_db):
    packaging = _deal_id(demo_db, "Renouvellement")
    result = demo_db("frontier", packaging, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"frontier", "nash", "deal_zone"}
    frontier = data["frontier"]
    # 245 packages on the frontier, thinned to 40: the first, the last and Nash kept.
    assert len(frontier) == 40
    scores = [Decimal(p["score"]) for p in frontier]
    theirs = [Decimal(p["their_score"]) for p in frontier]
    assert scores == sorted(scores, reverse=True) and theirs == sorted(theirs)
    assert frontier[0]["score"] == "100.00" and frontier[-1]["their_score"] == "100.00"
    assert all(set(p) == {"score", "their_score", "values", "in_deal_zone"} for p in frontier)
    # Our BATNA scores 30, theirs 10 (estimated): a deal zone exists, and Nash in it.
    assert data["deal_zone"] is True
    nash = data["nash"]
    assert (nash["score"], nash["their_score"]) == ("30.52", "10.50")
    assert nash["values"] == {
        "Prix unitaire": "1.19",
        "Volume annuel": "420000",
        "Délai de paiement": "60",
        "Durée du contrat": "15",
    }
    # Nash lies in the deal zone, under the whole frontier (which ignores walk-aways).
    assert not any(p["values"] == nash["values"] for p in frontier)


def test_frontier_in_both_languages_and_its_user_errors(demo_db):
    telematics = _deal_id(demo_db, "Fleet")
    english = demo_db("frontier", telematics)
    assert english.returncode == 0, english.stderr
    assert "Efficient frontier: 37 packages no other beats for both sides" in english.stdout
    assert "No deal zone: no package suits both sides' walk-aways and BATNAs." in english.stdout
    french = demo_db("frontier", telematics, extra_env={"SALESDESK_LANG": "fr"})
    assert "Frontière efficiente : 37 paquets" in french.stdout
    assert "Pas de zone d'accord" in french.stdout
    # The audit's positions are out of order: the command names the term.
    audit = _deal_id(demo_db, "Audit")
    assert "Honoraires: its positions are out of order" in one_line_error(
        demo_db("frontier", audit)
    )
    assert one_line_error(demo_db("frontier", "999")) == "salesdesk: There is no deal 999."


def test_show_json_says_what_each_offer_leaves_on_the_table_and_the_batna_scores(demo_db):
    packaging = _deal_id(demo_db, "Renouvellement")
    data = json.loads(demo_db("show", packaging, "--json").stdout)
    assert data["batna"]["theirs"]["score"] == 10 and data["batna"]["theirs"]["package"] is None
    assert [o["left_on_table"] for o in data["offers"]] == [0, 0, 35, 32.4]
    codes = {(w["code"], w["round"]) for w in data["warnings"]}
    assert ("offer_below_their_batna", 2) in codes
    assert ("their_walk_away_past_batna", None) in codes
    term = data["terms"][0]
    assert term["kind"] == "numeric" and term["weight"] == 40
