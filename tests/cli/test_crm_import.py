"""`salesdesk import` as a rep runs it: every row accounted for, nothing misread,
nothing assumed in silence.

The files follow each vendor's documented layout:
- HubSpot deals export (Knowledge Base, "Export your records"; default deal properties
  Deal Name, Deal Stage, Close Date, Amount, Deal owner, Pipeline, Associated Company),
  with its `Deal ID` column (NOTES.md: HubSpot exports carry Record ID, Deal ID or both).
- Salesforce report without the Opportunity ID column (Help, "Export a Report"; field
  labels from the Field Reference), and a Data Loader export with API names, AccountId
  and OwnerId holding 18-character ids.
- Dynamics 365's Excel export (Microsoft Learn, "Export data to Excel": hidden
  `(Do Not Modify)` columns first, then the view's display names).
- Excel's "Unicode text" (UTF-16 with BOM, tab-separated).
- SalesDesk's own deal-list export (`salesdesk deals --csv`, File → Export the deal list).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from tests.conftest import CliRunner
from tests.crm_files import dynamics_workbook

HUBSPOT_HEADER = (
    "Deal ID,Deal Name,Deal Stage,Close Date,Amount,Deal owner,Pipeline,Associated Company"
)
STAGES = ("Appointment scheduled", "Qualified to buy", "Contract sent", "Closed won")


def hubspot_500(changed: int | None = None) -> str:
    """500 deals with their ids; titles and companies repeat, as in a real pipeline
    (the same renewal at the same company, year after year)."""
    lines = [HUBSPOT_HEADER]
    for i in range(500):
        amount = 1000 + i * 10 + (5 if i == changed else 0)
        lines.append(
            f"{9_000_000 + i},Annual renewal {i % 7},{STAGES[i % 4]},2027-0{1 + i % 9}-15,"
            f"{amount},Camille Durand,Sales Pipeline,Company {i % 11}"
        )
    return "\n".join(lines) + "\n"


def deals(cli) -> list[dict]:
    result = cli("deals", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_500_row_hubspot_export_with_deal_ids_makes_500_deals(cli, tmp_path: Path):
    path = tmp_path / "hubspot-deals.csv"
    path.write_text(hubspot_500(), encoding="utf-8")
    first = cli("import", str(path))
    assert first.returncode == 0, first.stderr
    assert "HubSpot export, 500 rows: 500 created, 0 updated, 0 left alone" in first.stdout
    assert "deals are found again by the CRM's record id (column 'Deal ID')" in first.stdout
    assert len(deals(cli)) == 500
    path.write_text(hubspot_500(changed=123), encoding="utf-8")
    again = cli("import", str(path))
    assert "500 rows: 0 created, 1 updated, 499 left alone" in again.stdout
    assert len(deals(cli)) == 500


SALESFORCE_REPORT = (
    "Opportunity Name,Account Name,Amount,Close Date,Stage\n"
    'Annual renewal,Acme,"12,000.00",11/27/2026,Negotiation/Review\n'
    "Fleet,Initech,500.00,12/01/2026,Prospecting\n"
    'Annual renewal,Acme,"25,000.00",06/30/2026,Closed Won\n'
)


def test_rows_with_the_same_account_and_title_are_both_imported_and_named(cli, tmp_path):
    path = tmp_path / "report.csv"
    path.write_text(SALESFORCE_REPORT, encoding="utf-8")
    result = cli("import", str(path))
    assert result.returncode == 0, result.stderr
    assert "Salesforce export, 3 rows: 3 created, 0 updated, 0 left alone" in result.stdout
    assert (
        "possible duplicates, same account and title (each imported as its own deal): lines 2, 4"
    ) in result.stdout
    assert "deals are found again by account and title" in result.stdout
    renewals = sorted(
        (d["status"], d["value"]) for d in deals(cli) if d["title"] == "Annual renewal"
    )
    assert renewals == [("open", "12000.00"), ("won", "25000.00")]
    again = cli("import", str(path))
    assert "3 rows: 0 created, 0 updated, 3 left alone" in again.stdout
    assert len(deals(cli)) == 3


def test_the_summary_adds_up_to_the_files_rows(cli, tmp_path):
    path = tmp_path / "report.csv"
    path.write_text(
        SALESFORCE_REPORT.replace("Fleet,", ",,,,\nFleet,")
        + '""\n"Grand Totals (3 records)","","37,500.00","",""\n""\n'
        + '"Confidential Information - Do Not Distribute"\n'
        + '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n',
        encoding="utf-8",
    )
    result = cli("import", str(path))
    assert result.returncode == 0, result.stderr
    head, *said = result.stdout.splitlines()
    assert head == "Salesforce export, 4 rows: 3 created, 0 updated, 0 left alone, 1 skipped"
    assert "  skipped, as empty: line(s) 3" in said
    assert any("the report's footer (lines 7-10" in line for line in said)


US_AMOUNTS = (
    "Opportunity Name,Account Name,Amount,Close Date,Stage\n"
    'Renewal,Acme,"1,500",11/27/2026,Prospecting\n'
    'Expansion,Acme,"12,000",12/01/2026,Prospecting\n'
    'Fleet,Initech,"250,000",12/05/2026,Prospecting\n'
)


def test_amounts_mean_the_same_whatever_the_apps_language(cli, tmp_path):
    path = tmp_path / "us.csv"
    path.write_text(US_AMOUNTS, encoding="utf-8")
    result = cli("import", str(path), extra_env={"SALESDESK_LANG": "fr"})
    assert result.returncode == 0, result.stderr
    values = sorted(Decimal(d["value"]) for d in deals(cli))
    assert values == [Decimal(1500), Decimal(12000), Decimal(250000)]


def test_a_dry_run_writes_nothing_not_even_a_database_and_shows_the_mapping(cli, tmp_path):
    if "://" in cli.target:
        return  # a server's database exists already; the mapping is shown below anyway
    path = tmp_path / "us.csv"
    path.write_text(US_AMOUNTS, encoding="utf-8")
    result = cli("import", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert not Path(cli.target).exists()
    assert "3 would be created" in result.stdout and "nothing written" in result.stdout
    assert (
        "columns read: 'Opportunity Name' → title, 'Account Name' → account, 'Amount' → value, "
        "'Close Date' → close date, 'Stage' → stage"
    ) in result.stdout


def test_the_assumed_currency_is_said_and_can_be_chosen(cli, tmp_path):
    path = tmp_path / "us.csv"
    path.write_text(US_AMOUNTS, encoding="utf-8")
    dry = cli("import", str(path), "--dry-run")
    assert (
        "3 amounts have no currency in the file: taken as EUR (--currency to choose)" in dry.stdout
    )
    result = cli("import", str(path), "--currency", "usd")
    assert "taken as USD" in result.stdout
    assert {d["currency"] for d in deals(cli)} == {"USD"}
    wrong = cli("import", str(path), "--currency", "dollars")
    assert wrong.returncode == 2 and "'dollars' is not a currency code" in wrong.stderr


def test_the_date_order_is_said_inferred_or_chosen(cli, tmp_path):
    path = tmp_path / "us.csv"
    path.write_text(US_AMOUNTS, encoding="utf-8")
    inferred = cli("import", str(path), "--dry-run")
    assert "dates read month first (told by 11/27/2026 on line 2)" in inferred.stdout
    path.write_text(US_AMOUNTS.replace("11/27/2026", "11/02/2026"), encoding="utf-8")
    refused = cli("import", str(path), "--dry-run")
    assert refused.returncode == 2 and "--date-order" in refused.stderr
    chosen = cli("import", str(path), "--date-order", "dmy")
    assert "dates read day first (--date-order)" in chosen.stdout


def test_the_decimal_mark_can_be_said_when_the_file_cannot_tell(cli, tmp_path):
    path = tmp_path / "unicode.txt"
    text = "Deal Name\tDeal Stage\tAmount\tCurrency\nA\tContract sent\t1,500\tEUR\n"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    refused = cli("import", str(path))
    assert refused.returncode == 2
    assert "say which (--decimal-comma or --decimal-point)" in refused.stderr
    result = cli("import", str(path), "--decimal-comma")
    assert result.returncode == 0, result.stderr
    assert "read as UTF-16" in result.stdout
    assert "amounts read with a decimal comma (as the option says)" in result.stdout
    assert [d["value"] for d in deals(cli)] == ["1.50"]


def test_a_stage_map_places_custom_stages(cli, tmp_path):
    path = tmp_path / "report.csv"
    path.write_text(
        "Opportunity Name,Account Name,Stage,Probability (%)\n"
        "Renewal,Acme,Etapa 4,70\nFleet,Initech,Etapa 4,70\nAudit,Umbrella,Cerrada perdida,0\n",
        encoding="utf-8",
    )
    unmapped = cli("import", str(path), "--dry-run")
    assert "unknown stage 'Etapa 4' (2 deals): placed by their probability at" in unmapped.stderr
    stages = tmp_path / "stages.csv"
    stages.write_text("their stage,our stage\nEtapa 4,contract\n", encoding="utf-8")
    result = cli("import", str(path), "--stage-map", str(stages))
    assert result.returncode == 0, result.stderr
    assert "unknown stage" not in result.stderr
    found = {d["title"]: (d["stage"], d["status"]) for d in deals(cli)}
    assert found["Renewal"] == ("contract", "open") and found["Audit"][1] == "lost"


def dynamics_xlsx(path: Path) -> None:
    from datetime import date, datetime

    view = [
        "Topic",
        "Potential Customer",
        "Est. Close Date",
        "Est. Revenue",
        "Status",
        "Sales Stage",
        "Currency",
    ]
    row = [
        "8c1f-01",
        "Q2hr",
        datetime(2026, 11, 20, 9, 30),
        "Telematics",
        "Contoso",
        date(2026, 12, 15),
        9225.225,
        "Open",
        "2-Propose",
        "Euro",
    ]
    path.write_bytes(dynamics_workbook([row], view))


def test_an_excel_export_is_imported(cli, tmp_path):
    path = tmp_path / "My Open Opportunities.xlsx"
    dynamics_xlsx(path)
    result = cli("import", str(path))
    assert result.returncode == 0, result.stderr
    assert "Dynamics 365 export, 1 rows: 1 created" in result.stdout
    [deal] = deals(cli)
    assert (deal["title"], deal["value"], deal["stage"]) == ("Telematics", "9225.225", "proposal")
    shown = json.loads(cli("show", str(deal["id"]), "--json").stdout)
    assert shown["close_date"] == "2026-12-15"
    assert shown["source"] == {"system": "dynamics", "id": "8c1f-01", "stage": "2-Propose"}


def test_salesforce_api_ids_are_said_and_kept_with_the_source(cli, tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(
        '"ID","NAME","ACCOUNTID","OWNERID","AMOUNT","STAGENAME","CURRENCYISOCODE"\n'
        '"0061x00000AAAAAAA1","Renewal","0011x00000BBBBBBB1","0051x00000CCCCCCC1","25000",'
        '"Prospecting","EUR"\n',
        encoding="utf-8",
    )
    result = cli("import", str(path))
    assert result.returncode == 0, result.stderr
    assert "the accounts are Salesforce ids (AccountId)" in result.stdout
    [deal] = deals(cli)
    shown = json.loads(cli("show", str(deal["id"]), "--json").stdout)
    assert shown["source"]["details"] == {
        "account_id": "0011x00000BBBBBBB1",
        "owner_id": "0051x00000CCCCCCC1",
    }
    # The deal's package carries them to a colleague's database.
    package = tmp_path / "renewal.json"
    assert cli("export-deal", str(deal["id"]), "-o", str(package)).returncode == 0
    colleague = CliRunner(cli.env, str(tmp_path / "colleague.db"))
    received = colleague("import-deal", str(package))
    assert received.returncode == 0, received.stderr
    [theirs] = deals(colleague)
    again = json.loads(colleague("show", str(theirs["id"]), "--json").stdout)
    assert again["source"]["details"] == shown["source"]["details"]


def test_the_deal_list_export_comes_back_as_a_salesdesk_source(cli, tmp_path):
    assert cli("demo").returncode == 0
    exported = cli("deals", "--csv")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    for column in ("close_date", "owner", "probability", "source_system", "source_id"):
        assert column in rows[0], column
    before = deals(cli)
    # The rep edits the list in a spreadsheet: a value, a stage, a close date, a phase.
    rows[0]["value"] = "99999.00"
    rows[0]["stage"] = "contract"
    rows[0]["close_date"] = "2027-03-31"
    rows[0]["phase"] = "4"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "deals.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    result = cli("import", str(path))
    assert result.returncode == 0, result.stderr
    n = len(rows)
    assert f"SalesDesk export, {n} rows: 0 created, 1 updated, {n - 1} left alone" in result.stdout
    after = {d["id"]: d for d in deals(cli)}
    assert len(after) == len(before)
    edited = after[int(rows[0]["id"])]
    assert (edited["value"], edited["stage"], edited["phase"]) == ("99999.00", "contract", 4)
    shown = json.loads(cli("show", rows[0]["id"], "--json").stdout)
    assert shown["close_date"] == "2027-03-31"
