"""What the loop stores: a deal's lost reason and competitor (migration 0020), read back
as written, imported from the CRMs that export a lost reason; and Today's meetings to
debrief."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, text

from salesdesk.domain.debrief import Debrief, apply_debrief
from salesdesk.domain.stages import DealStatus
from salesdesk.interop.crm_csv import parse_file
from salesdesk.interop.demo import add_samples, sample_sheets
from salesdesk.store import contacts, crm_import, deal_list, deal_load, deals
from salesdesk.store.engine import open_database
from salesdesk.store.migrate import upgrade

TODAY = date(2026, 12, 1)


def test_a_lost_reason_and_competitor_are_saved_and_read_back(db):
    sheet = sample_sheets(TODAY)["packaging-fr"]
    apply_debrief(
        sheet,
        Debrief(
            sheet.meetings[2].uid,
            status=DealStatus.LOST,
            lost_reason="Prix au-dessus du marché de 8 %",
            competitor="Cartonnages Dumas",
        ),
    )
    deal_id = deals.save_deal(db, sheet, today=TODAY)
    back = deal_load.load_deal(db, deal_id)
    assert (back.status, back.lost_reason, back.competitor) == (
        DealStatus.LOST,
        "Prix au-dessus du marché de 8 %",
        "Cartonnages Dumas",
    )
    assert back == sheet
    back.lost_reason = ""
    deals.save_deal(db, back, today=TODAY)
    assert deal_load.load_deal(db, deal_id).lost_reason == ""


@pytest.mark.sqlite_file
def test_0020_gives_existing_deals_no_lost_reason_nor_competitor(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0017")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO account (id, name, name_key) VALUES (1, 'Acme', 'acme')"))
        conn.execute(
            text(
                "INSERT INTO deal (id, uid, account_id, title, currency, status, stage, phase, "
                "owner, search_key, created_at, updated_at, version) VALUES (1, 'u1', 1, "
                "'Deal', 'EUR', 'lost', 'contract', 3, '', 'deal acme', "
                "'2026-11-01 10:00:00', '2026-11-01 10:00:00', 1)"
            )
        )
    engine.dispose()
    db = open_database(str(path))  # migrates to the head
    try:
        sheet = deal_load.load_deal(db, 1)
    finally:
        db.close()
    assert (sheet.status, sheet.lost_reason, sheet.competitor) == (DealStatus.LOST, "", "")


PIPEDRIVE = (
    "Deal - ID,Deal - Title,Deal - Organization,Deal - Value,Deal - Currency,"
    "Deal - Status,Deal - Lost reason\n"
    "17,Renewal,Contoso,1200,EUR,open,\n"
    "19,Audit,Fabrikam,900,EUR,lost,Price too high\n"
)
HUBSPOT = (
    "Record ID,Deal Name,Deal Stage,Amount,Close Date,Closed Lost Reason\n"
    "8801,Fleet,Closed Lost,5000,2026-11-02,Went with TrackFleet\n"
)


def test_the_crm_lost_reason_becomes_the_deals_and_a_typed_one_stays(db):
    pipedrive = parse_file(PIPEDRIVE.encode(), default_currency="EUR")
    crm_import.apply_crm_import(db, pipedrive.source.value, pipedrive.deals, by_record_id=True)
    hubspot = parse_file(HUBSPOT.encode(), default_currency="EUR")
    assert hubspot.deals[0].details == {"lost_reason": "Went with TrackFleet"}
    crm_import.apply_crm_import(db, hubspot.source.value, hubspot.deals, by_record_id=True)
    found = {
        s.title: s for s in (deal_load.load_deal(db, r.id) for r in deal_list.list_deals(db, TODAY))
    }
    assert found["Audit"].lost_reason == "Price too high"
    assert found["Fleet"].lost_reason == "Went with TrackFleet"
    assert found["Renewal"].lost_reason == ""
    # A reason typed in SalesDesk is kept when the CRM's row has none.
    renewal = found["Renewal"]
    renewal.lost_reason = "Budget frozen"
    deals.save_deal(db, renewal, today=TODAY)
    crm_import.apply_crm_import(db, pipedrive.source.value, pipedrive.deals, by_record_id=True)
    assert deal_load.load_deal(db, renewal.id).lost_reason == "Budget frozen"


# A Salesforce "Opportunities with Competitors" report, and a Data Loader export with
# the sample orgs' "Main Competitor(s)" field.
SALESFORCE_REPORT = (
    "Opportunity ID,Opportunity Name,Account Name,Stage,Amount,Competitor Name\n"
    "0061x00001,Scanners,Łódzkie Zakłady,Closed Lost,7600,Zebra Technologies\n"
    "0061x00002,Tablets,Fabrikam,Prospecting,1200,\n"
)
SALESFORCE_API = (
    "Id,Name,StageName,Amount,MainCompetitors__c\n0061x00003,Kiosks,Closed Lost,3000,Honeywell\n"
)


def test_the_crm_competitor_becomes_the_deals_and_a_typed_one_stays(db):
    for export in (SALESFORCE_REPORT, SALESFORCE_API):
        crm = parse_file(export.encode(), default_currency="EUR")
        crm_import.apply_crm_import(db, crm.source.value, crm.deals, by_record_id=True)
    found = {
        s.title: s for s in (deal_load.load_deal(db, r.id) for r in deal_list.list_deals(db, TODAY))
    }
    assert found["Scanners"].competitor == "Zebra Technologies"
    assert found["Scanners"].status is DealStatus.LOST
    assert found["Kiosks"].competitor == "Honeywell"
    assert found["Tablets"].competitor == ""
    # A competitor typed in SalesDesk is kept when the CRM's row has none.
    tablets = found["Tablets"]
    tablets.competitor = "Contoso Devices"
    deals.save_deal(db, tablets, today=TODAY)
    crm = parse_file(SALESFORCE_REPORT.encode(), default_currency="EUR")
    crm_import.apply_crm_import(db, crm.source.value, crm.deals, by_record_id=True)
    assert deal_load.load_deal(db, tablets.id).competitor == "Contoso Devices"


def test_today_lists_meetings_held_and_not_debriefed(db):
    add_samples(db, TODAY)
    assert contacts.meetings_to_debrief(db, TODAY) == []  # every meeting held has its outcome
    ids = {r.title: r.id for r in deal_list.list_deals(db, TODAY)}
    sheet = deal_load.load_deal(db, ids["Renouvellement cartons 2027"])
    third = sheet.meetings[2]  # round 3, in six days
    later = third.date + timedelta(days=1)

    def held(day):
        return [m for m in contacts.meetings_to_debrief(db, day) if m.deal_id == sheet.id]

    (found,) = held(later)
    assert (found.uid, found.round, found.deal_title) == (third.uid, 3, sheet.title)
    assert held(third.date) == []  # the day itself: not yet
    # Most recent first, over the last 30 days: the telematics meeting (in 3 days) too.
    listed = contacts.meetings_to_debrief(db, later)
    assert [m.date for m in listed] == sorted((m.date for m in listed), reverse=True)
    assert held(third.date + timedelta(days=31)) == []
    apply_debrief(sheet, Debrief(third.uid, outcome="Accord de principe"))
    deals.save_deal(db, sheet, today=later)
    assert held(later) == []
    # A closed deal's meetings are not asked for.
    sheet.meetings[2].outcome = ""
    sheet.status = DealStatus.WON
    deals.save_deal(db, sheet, today=later)
    assert held(later) == []
