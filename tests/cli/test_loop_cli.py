"""`salesdesk counterpart`, `next-offer` and `rehearse`, and a closed deal's review in
`show --json`, run as a user runs them."""

from __future__ import annotations

import json

from tests.cli.test_cli import _deal_id, one_line_error


def test_counterpart_json_follows_the_contract(demo_db):
    packaging = _deal_id(demo_db, "Renouvellement")
    result = demo_db("counterpart", packaging, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {
        "offers": 2,
        "weights": {
            "Prix unitaire": 26.53,
            "Volume annuel": 24.17,
            "Délai de paiement": 24.65,
            "Durée du contrat": 24.65,
        },
        "walk_away": {
            "Prix unitaire": None,
            "Volume annuel": None,
            "Délai de paiement": None,
            "Durée du contrat": None,
        },
    }
    # One offer of theirs: nothing to read yet, said in words.
    telematics = _deal_id(demo_db, "Fleet")
    assert json.loads(demo_db("counterpart", telematics, "--json").stdout) == {
        "offers": 1,
        "weights": {},
        "walk_away": {},
    }
    text = demo_db("counterpart", telematics, extra_env={"SALESDESK_LANG": "fr"})
    assert text.returncode == 0 and "Lu dans 1 offre de leur part." in text.stdout


def test_counterpart_text_shows_the_typed_estimates_beside_the_reading(demo_db):
    packaging = _deal_id(demo_db, "Renouvellement")
    result = demo_db("counterpart", packaging)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Read from 2 offers of theirs."
    assert "Their weight (typed)" in lines[1] and "Likely walk-away" in lines[1]
    assert lines[3].split() == ["Prix", "unitaire", "45", "26.53", "1.20", "—"]


def test_next_offer_json_follows_the_contract(demo_db):
    packaging = _deal_id(demo_db, "Renouvellement")
    result = demo_db("next-offer", packaging, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "round": 3,
        "score": 40.19,
        "their_score": 27.17,
        "values": {
            "Prix unitaire": "1.15",
            "Volume annuel": "347000",
            "Délai de paiement": "30",
            "Durée du contrat": "36",
        },
        "concession": 22.42,
    }
    text = demo_db("next-offer", packaging, extra_env={"SALESDESK_LANG": "fr"})
    assert text.returncode == 0, text.stderr
    assert "Notre offre pour le tour 3" in text.stdout
    assert "à condition que vous accordiez Délai de paiement 75 → 30 jours" in text.stdout
    # The audit's positions are out of order: the command names the term.
    audit = _deal_id(demo_db, "Audit")
    assert "Honoraires: its positions are out of order" in one_line_error(
        demo_db("next-offer", audit)
    )


OFFERS = "\n".join(
    json.dumps({"values": v}, ensure_ascii=False)
    for v in (
        {"Prix unitaire": "1.26", "Volume annuel": "420000"},
        {"Prix unitaire": 1.22},  # a JSON number; the other terms as the line before
        {"Prix unitaire": "1.19", "Délai de paiement": "60"},
        {"Prix unitaire": "1.18"},
    )
)


def test_rehearse_answers_each_offer_with_a_json_line_reproducibly(demo_db):
    packaging = _deal_id(demo_db, "Renouvellement")
    result = demo_db("rehearse", packaging, "--tactic", "conceder", input=OFFERS + "\n")
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["round"] for r in replies] == [1, 2, 3]  # the planned rounds: 3
    assert all(
        set(r) == {"round", "action", "values", "score", "their_score", "aspiration"}
        for r in replies
    )
    # conceder, their BATNA 10: 10 + 90 · (1 − √(1/3)) = 48.04 at round 1.
    assert replies[0]["aspiration"] == 48.04 and replies[0]["action"] == "counter"
    assert replies[0]["their_score"] >= 48.04
    assert replies[-1]["action"] in ("accept", "walk_away")
    assert "the rehearsal ended at round 3; 1 offer after it was not read" in result.stderr
    # Again, and with a seed twice: the same replies; nothing stored.
    again = demo_db("rehearse", packaging, "--tactic", "conceder", input=OFFERS)
    assert again.stdout == result.stdout
    seeded = [
        demo_db(
            "rehearse",
            packaging,
            "--tactic",
            "boulware",
            "--seed",
            "4",
            "--rounds",
            "5",
            input=OFFERS,
        )
        for _ in range(2)
    ]
    assert seeded[0].returncode == 0 and seeded[0].stdout == seeded[1].stdout
    assert len(seeded[0].stdout.splitlines()) == 4
    shown = json.loads(demo_db("show", packaging, "--json").stdout)
    assert len(shown["offers"]) == 4


def test_rehearse_user_errors_are_one_line(demo_db):
    packaging = _deal_id(demo_db, "Renouvellement")
    bad_term = demo_db(
        "rehearse", packaging, "--tactic", "boulware", input='{"values": {"Prix": "1"}}\n'
    )
    assert one_line_error(bad_term) == "salesdesk: line 1: there is no term called 'Prix'"
    not_json = demo_db(
        "rehearse", packaging, "--tactic", "boulware", input=OFFERS.splitlines()[0] + "\n{oops\n"
    )
    assert one_line_error(not_json).startswith("salesdesk: line 2: not JSON")
    assert len(not_json.stdout.splitlines()) == 1  # the first offer was answered
    bad_number = demo_db(
        "rehearse", packaging, "--tactic", "boulware", input='{"values": {"Prix unitaire": "1,2"}}'
    )
    assert "line 1: Prix unitaire:" in one_line_error(bad_number)
    rounds = demo_db("rehearse", packaging, "--tactic", "boulware", "--rounds", "0", input="")
    assert "expected a whole number from 1 to 100" in one_line_error(rounds)
    tactic = demo_db("rehearse", packaging, "--tactic", "hardball", input="")
    assert "invalid choice: 'hardball'" in one_line_error(tactic)


def test_show_json_carries_the_review_of_a_closed_deal(demo_db):
    scanners = _deal_id(demo_db, "Warehouse")
    data = json.loads(demo_db("show", scanners, "--json").stdout)
    review = data["review"]
    assert review["status"] == "won"
    assert review["agreed"]["round"] == 2 and review["agreed"]["side"] == "us"
    assert review["agreed"]["values"] == {"Price per scanner": "740", "Support level": "8"}
    assert (review["target_score"], review["batna"]) == (40, {"ours": 20, "theirs": 0})
    assert review["left_on_table"] == {"for_us": 40, "for_them": 50}
    assert review["balance"] == "6000.00" and review["deal_zone"] is True
    assert review["nash"]["values"] == {"Price per scanner": "745", "Support level": "8"}
    assert review["lost_reason"] is None and "lost_reason" not in data
    packaging = _deal_id(demo_db, "Renouvellement")
    assert json.loads(demo_db("show", packaging, "--json").stdout)["review"] is None
