"""Each CRM's export recognised for what it is, its id column found, its stages read.

The files are written here in each vendor's documented layout:
- Zoho CRM: Help "Standard Fields in Deals" (help.zoho.com, Deal Owner, Deal Name,
  Account Name, Amount, Closing Date, Stage, Probability…) and its French page "Champs
  standard du module Opportunités" (zoho.com/fr: Nom de la transaction, Nom du compte,
  Montant, Date d'échéance, Étape, Propriétaire de la transaction); exports add the
  `Record Id` column.
- Pipedrive: the spreadsheet export's `Deal - Field` headers (Deal - ID, Deal - Title,
  Deal - Organization, Deal - Value, Deal - Currency, Deal - Stage, Deal - Status,
  Deal - Lost reason…), as found in real exports in public repositories; its API
  documents the status values open, won, lost.
- HubSpot: Knowledge Base "HubSpot's default deal properties" (Deal Name, Deal Stage,
  Amount, Close Date; German: Betrag, Abschlussdatum, Deal-Phase); exports carry
  `Record ID`, some also or only `Deal ID` (NOTES.md, measured 2026-12-06).
- Salesforce: the Field Reference for Opportunity (Opportunity ID / Id, Name,
  StageName, AccountId…); French and German report headers Nom de l'opportunité,
  Montant, Opportunity-Name, Betrag.
- Dynamics 365: the Opportunity table's display names, the hidden
  `(Do Not Modify) Opportunity` id column of its Excel exports; French `Sujet`.
- Odoo: `crm.lead` labels and their translations in Odoo's addons/crm/i18n/fr.po and
  de.po (Opportunité, Client, Revenu espéré, Date de fermeture prévue, Étape,
  Probabilité, Devise; Chance, Erwarteter Abschluss, Verkäufer).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.interop.crm_csv import Crm, ImportRejected, parse_file

ZOHO = (
    "Record Id,Deal Owner,Deal Name,Account Name,Type,Amount,Closing Date,Stage,"
    "Probability (%),Expected Revenue,Contact Name,Currency\n"
    "4876876000000424001,Camille Durand,Fleet renewal,Northwind,New Business,12500,"
    "2026-12-15,Negotiation/Review,90,11250,Anne Martin,EUR\n"
    "4876876000000424002,Camille Durand,Scanners,Contoso,Existing Business,4000,"
    "2026-11-02,Closed Won,100,4000,,USD\n"
    "4876876000000424003,Camille Durand,Audit,Fabrikam,New Business,900,"
    "2026-10-20,Closed Lost to Competition,0,0,,EUR\n"
)
PIPEDRIVE = (
    "Deal - ID,Deal - Title,Deal - Organization,Deal - Contact person,Deal - Value,"
    "Deal - Currency,Deal - Pipeline,Deal - Stage,Deal - Status,Deal - Owner,"
    "Deal - Expected close date,Deal - Won time,Deal - Lost time,Deal - Lost reason\n"
    "17,Fleet renewal,Northwind,Anne Martin,12500,EUR,Sales,Negotiations Started,open,"
    "Camille,2026-12-15,,,\n"
    "18,Scanners,Contoso,,4000,USD,Sales,Proposal Made,won,Camille,2026-11-02,"
    "2026-11-02 10:15:00,,\n"
    "19,Audit,Fabrikam,,900,EUR,Sales,Qualified,lost,Camille,2026-10-20,,"
    "2026-10-21 09:00:00,Price too high\n"
)


def parse(text: str, **kw: object):
    return parse_file(text.encode("utf-8"), **kw)  # type: ignore[arg-type]


def test_a_zoho_export_is_read_as_zoho_with_its_account_stage_date_and_probability():
    crm = parse(ZOHO)
    assert crm.source is Crm.ZOHO and crm.has_ids
    fleet, scanners, audit = crm.deals
    assert (fleet.record_id, fleet.account, fleet.value, fleet.currency) == (
        "4876876000000424001",
        "Northwind",
        Decimal(12500),
        "EUR",
    )
    assert (fleet.stage, fleet.close_date, fleet.probability) == (
        Stage.CONTRACT,
        date(2026, 12, 15),
        90,
    )
    assert (scanners.status, scanners.currency) == (DealStatus.WON, "USD")
    assert audit.status is DealStatus.LOST  # "Closed Lost to Competition"
    assert fleet.owner == "Camille Durand"


def test_a_zoho_export_in_french():
    text = (
        "Record Id;Propriétaire de la transaction;Nom de la transaction;Nom du compte;"
        "Montant;Date d'échéance;Étape\n"
        "48768760001;Camille Durand;Toiture;Saint-Éloi;12 000,50;31/12/2026;Qualification\n"
    )
    crm = parse(text)
    [deal] = crm.deals
    assert crm.source is Crm.ZOHO
    assert (deal.title, deal.account, deal.value) == ("Toiture", "Saint-Éloi", Decimal("12000.50"))
    assert deal.close_date == date(2026, 12, 31) and deal.owner == "Camille Durand"


def test_a_pipedrive_export_is_read_with_its_status_and_lost_reason():
    crm = parse(PIPEDRIVE)
    assert crm.source is Crm.PIPEDRIVE and crm.has_ids
    fleet, scanners, audit = crm.deals
    assert (fleet.record_id, fleet.account, fleet.stage, fleet.status) == (
        "17",
        "Northwind",
        Stage.CONTRACT,  # "Negotiations Started", by its meaning
        DealStatus.OPEN,
    )
    assert scanners.status is DealStatus.WON and scanners.currency == "USD"
    assert audit.status is DealStatus.LOST
    assert audit.details == {"lost_reason": "Price too high"}
    assert any("Negotiations Started" in n and "Contract" in n for n in crm.notices)


@pytest.mark.parametrize(
    ("id_columns", "expected"),
    [("Record ID", "9001"), ("Deal ID", "9001"), ("Record ID,Deal ID", "9001")],
)
def test_hubspot_deal_and_record_ids_are_both_recognised(id_columns, expected):
    ids = ",".join("9001" for _ in id_columns.split(","))
    text = (
        f"{id_columns},Deal Name,Deal Stage,Amount,Associated Company\n"
        f"{ids},Grand contrat,Contract sent,100,Acme\n"
    )
    crm = parse(text)
    assert crm.source is Crm.HUBSPOT and crm.has_ids
    assert crm.deals[0].record_id == expected


@pytest.mark.parametrize(
    ("header", "row", "source"),
    [
        (  # Salesforce report, French
            "Nom de l'opportunité;Montant",
            "Renouvellement;1 500,00",
            Crm.SALESFORCE,
        ),
        ("Opportunity-Name;Betrag", "Erneuerung;1.500,00", Crm.SALESFORCE),  # German
        (  # HubSpot, German
            "Record ID;Deal Name;Deal-Phase;Betrag;Abschlussdatum",
            "7;Erneuerung;Contract sent;1.500,00;31.12.2026",
            Crm.HUBSPOT,
        ),
        (  # Odoo, French
            "Opportunité;Client;Revenu espéré;Probabilité;Étape;Date de fermeture prévue;Devise",
            "Audit énergie;Saint-Éloi;1 500,00;20;Qualifié;31/12/2026;EUR",
            Crm.ODOO,
        ),
        (  # Odoo, German (addons/crm/i18n/de.po)
            "Chance;Erwarteter Abschluss;Verkäufer",
            "Erneuerung;31.12.2026;Camille",
            Crm.ODOO,
        ),
        ("Sujet;Potential Customer;Est. Revenue", "Télématique;Contoso;1500", Crm.DYNAMICS),
    ],
)
def test_localised_column_names_are_recognised(header, row, source):
    crm = parse(f"{header}\n{row}\n")
    assert crm.source is source
    deal = crm.deals[0]
    assert deal.title in {"Renouvellement", "Erneuerung", "Audit énergie", "Télématique"}
    assert deal.value in {Decimal("1500.00"), Decimal(1500), None}
    if "Revenu espéré" in header:
        assert (deal.stage, deal.probability, deal.currency) == (Stage.NEEDS, 20, "EUR")
    if "Erwarteter Abschluss" in header:
        assert deal.close_date == date(2026, 12, 31) and deal.owner == "Camille"


def test_other_ids_are_recognised():
    salesforce = parse("Id,Name,StageName,Amount\n0061x001,Renewal,Prospecting,10\n")
    dynamics = parse("(Do Not Modify) Opportunity,Topic,Est. Revenue\nab-12,Cables,10\n")
    odoo = parse("External ID,Opportunity,Expected Revenue\n__export__.crm_lead_7,Audit,10\n")
    report = parse("Opportunity ID,Opportunity Name,Amount\n0061x002,Upsell,10\n")
    assert [c.deals[0].record_id for c in (salesforce, dynamics, odoo, report)] == [
        "0061x001",
        "ab-12",
        "__export__.crm_lead_7",
        "0061x002",
    ]


def test_a_file_that_matches_no_source_is_refused_naming_its_columns():
    with pytest.raises(ImportRejected) as info:
        parse("Name;Phone;Town\nAnn;123;Lyon\n")
    message = str(info.value)
    assert "Zoho CRM, Pipedrive" in message and "'Name', 'Phone', 'Town'" in message
    with pytest.raises(ImportRejected, match="do not look like a Pipedrive export"):
        parse(ZOHO, source=Crm.PIPEDRIVE)


def test_salesforce_api_ids_are_said_and_kept_with_the_source():
    crm = parse(
        "Id,Name,AccountId,OwnerId,StageName,Amount\n"
        "0061x000001AbCdAAK,Renewal,0011x000003XyZwAAC,0051x000000QrStAAG,Prospecting,10\n"
    )
    [deal] = crm.deals
    assert deal.details == {"account_id": "0011x000003XyZwAAC", "owner_id": "0051x000000QrStAAG"}
    assert any("AccountId" in fact and "Account.Name" in fact for fact in crm.facts)


def test_lost_and_won_by_name_in_any_language_and_stages_by_meaning_or_probability():
    text = (
        "Deal Name,Stage,Probability (%),Record Id\n"
        "A,Perdu,0,1\nB,Verloren,0,2\nC,Cerrada perdida,0,3\nD,Gagné,100,4\n"
        "E,Negociación,70,5\nF,Etapa 7,70,6\nG,Etapa 7,15,7\nH,Etapa 9,,8\n"
    )
    crm = parse(text, source=Crm.ZOHO)
    by_title = {d.title: d for d in crm.deals}
    assert {by_title[t].status for t in "ABC"} == {DealStatus.LOST}
    assert by_title["D"].status is DealStatus.WON
    assert by_title["E"].stage is Stage.CONTRACT  # negotiation, by its name
    assert (by_title["F"].stage, by_title["G"].stage) == (Stage.PROPOSAL, Stage.PROSPECTING)
    assert by_title["H"].stage is Stage.QUALIFICATION
    said = "\n".join(crm.notices)
    assert "'Etapa 7' (2 deals): placed by their probability" in said
    assert "'Etapa 9' (1 deal): imported at the qualification stage" in said


def test_a_stage_map_places_the_reps_own_stages():
    from salesdesk.interop.crm_sources import read_stage_map

    stage_map = read_stage_map(
        b"their stage,our stage\nEtapa 7,contract\nEtapa 9,Needs definition\n"
    )
    crm = parse("Deal Name,Stage\nF,Etapa 7\nH,Etapa 9\n", source=Crm.ZOHO, stage_map=stage_map)
    assert [d.stage for d in crm.deals] == [Stage.CONTRACT, Stage.NEEDS]
    assert crm.notices == []
    with pytest.raises(ImportRejected) as info:
        read_stage_map(b"Etapa 7,contract\nEtapa 8,somewhere\n")
    assert info.value.lines[0].startswith("line 2: write their stage, then one of ours")
