"""CRM exports as they really come, written here in each CRM's shape and habits."""

from datetime import date
from decimal import Decimal

import pytest

from salesdesk.domain.deal import DealSheet, Stakeholder
from salesdesk.domain.listing import DealQuery
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.interop.crm_csv import (
    Crm,
    ImportRejected,
    date_order,
    parse_file,
)
from salesdesk.interop.crm_values import mark_of
from salesdesk.store import crm_import, deal_list, deal_load
from salesdesk.store import deals as store_deals

TODAY = date(2026, 11, 29)

SALESFORCE_REPORT = (
    "Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%),"
    "Opportunity Owner,Next Step\r\n"
    '"Fleet, phase 2",Northwind Logistics Ltd,"$12,500.50",11/27/2026,Negotiation/Review,75,'
    'Camille Durand,"Call back\nnext week"\r\n'
    'Scanners,Łódzkie Zakłady,"$1,000.00",12/15/2026,Closed Won,100,Camille Durand,\r\n'
    'Audit,Acme,"$2,000",01/02/2027,Perception Analysis,10,Camille Durand,\r\n'
)
SALESFORCE_LOADER = (
    "Id,Name,Account.Name,Amount,CloseDate,StageName,Probability,CurrencyIsoCode\n"
    "0061x001,Renewal,Société Générale,25000,2026-12-15,Value Proposition,50,EUR\n"
    "0061x002,Upsell,Société Générale,12500.5,2026-12-20,Closed Lost,0,USD\n"
)
HUBSPOT = (
    "Record ID;Deal Name;Deal Stage;Close Date;Amount;Pipeline;Deal owner;Associated Company\n"
    "101;Grand contrat;Contract sent;27/11/2026;25 000,00 €;Sales Pipeline;Camille;Société X\n"
    "102;Petit contrat;qualifiedtobuy;03/12/2026;1.234,50;Sales Pipeline;Camille;Société Y\n"
)
DYNAMICS = (
    "(Do Not Modify) Opportunity,(Do Not Modify) Row Checksum,Topic,Potential Customer,"
    "Est. Close Date,Est. Revenue,Probability,Status,Sales Stage,Currency\n"
    'a1b2,xyz,Telematics,Contoso,2026-12-15 10:15,"EUR 12,500.00",40,Open,1-Develop,Euro\n'
    'a1b3,xyz,Cables,Fabrikam,2026-11-02,"€25,000.00",100,Won,Close,\n'
)
ODOO = (
    "Opportunity,Customer,Expected Revenue,Probability,Stage,Expected Closing,Salesperson\n"
    "Audit énergie,Saint-Éloi,65000,20,Qualified,2026-12-31,Camille\n"
    "Toiture,Saint-Éloi,12000,10,New,,Camille\n"
)


def parse(text: str, encoding: str = "utf-8", **kw):
    return parse_file(text.encode(encoding), **kw)


def test_salesforce_report_with_quoted_line_breaks_and_crlf():
    crm = parse(SALESFORCE_REPORT)
    assert crm.source is Crm.SALESFORCE and not crm.has_ids
    fleet, scanners, audit = crm.deals
    assert (fleet.title, fleet.value, fleet.currency) == (
        "Fleet, phase 2",
        Decimal("12500.50"),
        "USD",
    )
    assert fleet.close_date == date(2026, 11, 27)  # month-first, told by 11/27
    assert (fleet.stage, fleet.probability) == (Stage.CONTRACT, 75)
    assert (scanners.stage, scanners.status) == (Stage.ROLLOUT, DealStatus.WON)
    assert audit.stage is Stage.NEEDS and audit.source_stage == "Perception Analysis"
    assert [d.line for d in crm.deals] == [2, 4, 5]


def test_salesforce_data_loader_uses_the_currency_column():
    crm = parse(SALESFORCE_LOADER)
    renewal, upsell = crm.deals
    assert crm.has_ids and renewal.record_id == "0061x001"
    assert (renewal.currency, renewal.stage) == ("EUR", Stage.PROPOSAL)
    assert (upsell.value, upsell.currency, upsell.status) == (
        Decimal("12500.5"),
        "USD",
        DealStatus.LOST,
    )


def test_hubspot_in_windows_1252_with_semicolons_and_french_numbers():
    crm = parse(HUBSPOT, encoding="cp1252")
    big, small = crm.deals
    assert big.account == "Société X"
    assert (big.value, big.currency, big.close_date) == (
        Decimal("25000.00"),
        "EUR",
        date(2026, 11, 27),
    )
    assert small.value == Decimal("1234.50")  # the column decides: comma is the decimal
    assert (big.stage, small.stage) == (Stage.CONTRACT, Stage.NEEDS)


def test_dynamics_with_bom_and_status_column():
    crm = parse("\ufeff" + DYNAMICS, default_currency="GBP")
    telematics, cables = crm.deals
    assert telematics.record_id == "a1b2" and telematics.stage is Stage.NEEDS
    assert (telematics.value, telematics.currency) == (Decimal("12500.00"), "EUR")
    assert telematics.close_date == date(2026, 12, 15)
    assert cables.status is DealStatus.WON and cables.currency == "EUR"


def test_odoo_and_unknown_stages_get_a_notice():
    crm = parse(ODOO + "Divers,X,1,1,Bizarre,,Camille\n")
    assert crm.source is Crm.ODOO
    assert [d.stage for d in crm.deals] == [Stage.NEEDS, Stage.QUALIFICATION, Stage.QUALIFICATION]
    assert crm.notices[0].startswith(
        "unknown stage 'Bizarre' (1 deal): placed by its probability at Qualification"
    )


def test_ambiguous_dates_need_the_order():
    text = "Deal Name,Deal Stage,Close Date,Amount\nA,Contract sent,03/04/2026,10\n"
    with pytest.raises(ImportRejected) as info:
        parse(text)
    assert "--date-order" in info.value.lines[0]
    assert info.value.lines[0].startswith("line 2, column 3:")
    assert parse(text, date_order_hint="dmy").deals[0].close_date == date(2026, 4, 3)
    assert parse(text, date_order_hint="mdy").deals[0].close_date == date(2026, 3, 4)


def test_one_bad_row_rejects_the_file_with_lines_and_columns():
    text = (
        "Deal Name,Deal Stage,Close Date,Amount\n"
        "Good,Contract sent,2026-12-01,100\n"
        ",Contract sent,2026-12-01,100\n"
        "Bad amount,Contract sent,2026-12-01,12,5O0\n"
        "Bad date,Contract sent,2026-02-30,1\n"
    )
    with pytest.raises(ImportRejected) as info:
        parse(text.replace("12,5O0", '"12,5O0"'))
    assert info.value.lines == [
        "line 3, column 1: the deal has no title",
        "line 4, column 4: '12,5O0' is not an amount: unexpected character 'O'",
        "line 5, column 3: '2026-02-30' is not a date that exists (day is out of range for month)",
    ]


def test_a_file_from_elsewhere_is_refused():
    with pytest.raises(ImportRejected, match="do not look like"):
        parse("Name;Phone\nAnn;123\n")


def test_column_decisions():
    assert mark_of("25 000,00 €") == ","
    assert mark_of("$12,500.50") == "."
    assert mark_of("1.234.567") == ","
    assert mark_of("12,500") == "?"  # either way: the column and the file decide
    assert date_order(["2026-01-01", "27/11/2026"]) == "dmy"
    assert date_order(["11/27/2026"]) == "mdy"
    assert date_order(["01/02/2026"]) is None


def imported(db):
    return {d.title: d for d in deal_list.query_deals(db, DealQuery(), TODAY)}


def test_import_then_reimport_updates_without_duplicates_or_losing_preparation(db):
    crm = parse(SALESFORCE_LOADER)
    counts = crm_import.apply_crm_import(db, crm.source.value, crm.deals, by_record_id=True)
    assert (counts.created, counts.updated, counts.unchanged) == (2, 0, 0)
    deals = imported(db)
    # the rep prepares the renewal in SalesDesk
    sheet = deal_load.load_deal(db, deals["Renewal"].id)
    sheet.stakeholders.append(Stakeholder("Anne Martin"))
    store_deals.save_deal(db, sheet, today=TODAY)
    again = parse(SALESFORCE_LOADER.replace("25000,2026-12-15", "27000,2026-12-15"))
    dry = crm_import.apply_crm_import(
        db, again.source.value, again.deals, by_record_id=True, dry_run=True
    )
    assert (dry.created, dry.updated, dry.unchanged) == (0, 1, 1)
    assert imported(db)["Renewal"].value == Decimal(25000)  # the dry run wrote nothing
    crm_import.apply_crm_import(db, again.source.value, again.deals, by_record_id=True)
    deals = imported(db)
    assert len(deals) == 2 and deals["Renewal"].value == Decimal(27000)
    renewal = deal_load.load_deal(db, deals["Renewal"].id)
    assert [p.name for p in renewal.stakeholders] == ["Anne Martin"]
    assert renewal.source is not None and renewal.source.stage == "Value Proposition"


def test_without_an_id_column_account_and_title_find_the_deal(db):
    crm = parse(ODOO)
    crm_import.apply_crm_import(db, crm.source.value, crm.deals, by_record_id=False)
    store_deals.save_deal(db, DealSheet("Toiture", "Saint-Éloi"), today=TODAY)  # the rep's own deal
    again = parse(ODOO.replace("12000,10,New", "15000,30,Qualified"))
    counts = crm_import.apply_crm_import(db, again.source.value, again.deals, by_record_id=False)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 1, 1)
    toitures = [d for d in deal_list.query_deals(db, DealQuery(text="toiture"), TODAY)]
    assert sorted(str(d.value) for d in toitures) == ["15000", "None"]


def test_any_other_csv_mapped_column_by_column():
    text = "Affaire;Client;Montant;Échéance;Étape\nToiture;Saint-Éloi;12 000;31/12/2026;proposal\n"
    mapping = {
        "title": "Affaire",
        "account": "Client",
        "amount": "Montant",
        "close_date": "Échéance",
        "stage": "Étape",
    }
    crm = parse(text, mapping=mapping)
    [deal] = crm.deals
    assert crm.source is Crm.OTHER
    assert (deal.title, deal.account, deal.value) == ("Toiture", "Saint-Éloi", Decimal(12000))
    assert (deal.stage, deal.close_date) == (Stage.PROPOSAL, date(2026, 12, 31))
    with pytest.raises(ImportRejected, match="title"):
        parse(text, mapping={"account": "Client"})


HUBSPOT_ACTIVITY = (
    "Record ID,Deal Name,Deal Stage,Close Date,Amount,Last Activity Date,Associated Company\n"
    "201,Scanners,presentationscheduled,2026-12-31,12000,2026-11-24 16:02,Acme\n"
    "202,Audit,appointmentscheduled,2027-01-15,$5000,,Acme\n"
    "203,Cables,contractsent,2027-01-20,4000,2026-11-20,Initech\n"
)


def test_last_activity_becomes_the_last_contact_and_the_stage_sets_the_phase(db):
    crm = parse(HUBSPOT_ACTIVITY)
    scanners, audit, _cables = crm.deals
    assert scanners.last_contact == date(2026, 11, 24) and audit.last_contact is None
    # a currency the file does not state is assumed; a symbol states one
    assert scanners.currency_assumed and scanners.currency == "EUR"
    assert not audit.currency_assumed and audit.currency == "USD"
    crm_import.apply_crm_import(db, crm.source.value, crm.deals, by_record_id=True)
    rows = {r.title: r for r in deal_list.query_deals(db, DealQuery(), TODAY)}
    assert rows["Scanners"].last_contact == date(2026, 11, 24)
    assert (rows["Scanners"].stage, rows["Scanners"].phase) == (Stage.PROPOSAL, 4)
    assert (rows["Audit"].stage, rows["Audit"].phase) == (Stage.PROSPECTING, 2)
    assert (rows["Cables"].stage, rows["Cables"].phase) == (Stage.CONTRACT, 5)
    # a later activity in the CRM moves the last contact on; an earlier one does not
    later = HUBSPOT_ACTIVITY.replace("2026-11-24 16:02", "2026-11-27").replace(
        "2026-11-20", "2026-10-01"
    )
    crm = parse(later)
    crm_import.apply_crm_import(db, crm.source.value, crm.deals, by_record_id=True)
    rows = {r.title: r for r in deal_list.query_deals(db, DealQuery(), TODAY)}
    assert rows["Scanners"].last_contact == date(2026, 11, 27)
    assert rows["Cables"].last_contact == date(2026, 11, 20)


def test_the_assumed_currency_can_be_changed_before_importing():
    crm = parse(HUBSPOT_ACTIVITY, default_currency="GBP")
    assert [d.currency for d in crm.deals] == ["GBP", "USD", "GBP"]
