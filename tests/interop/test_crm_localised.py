"""Exports written in French or German are read with the right fields, and still taken
for the CRM that wrote them.

Each header below is the vendor's own, as found (the same sources are cited next to
each name in salesdesk/interop/crm_sources.py):
- Odoo: the msgstr of crm.lead's field labels in odoo/odoo addons/crm/i18n/fr.po
  (Opportunité, Client, Revenu espéré, Étape, Vendeur, Motif de la perte, Identifiant)
  and de.po (Chance, Kunde, Erwarteter Umsatz, Währung, Stufe, Wahrscheinlichkeit,
  Verkäufer, Erwarteter Abschluss, Ablehnungsgrund, ID).
- Pipedrive: German deal-export headers (Deal - ID, Deal - Titel, Deal - Organisation,
  Deal - Wert, Deal - Phase, Deal - Status, Deal - Besitzer, Deal - Wahrscheinlichkeit,
  Deal - Verlustgrund) and French ones (Affaire - ID, Affaire - Titre, Affaire -
  Organisation, Affaire - Valeur, Affaire - Étape, Affaire - Statut with the values
  "Gagnée", "Perdue", "En cours", Affaire - Propriétaire, Affaire - Raison de la perte)
  as public code reading real exports uses them.
- Salesforce: German report headers (Opportunity-ID, Opportunity-Name,
  Opportunity-Inhaber, Phase, Schlusstermin, Wahrscheinlichkeit (%)) as public code
  reading German report exports uses them; Betrag is the issue's.
Values are written the way each language writes them (decimal comma, day-first dates).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.interop.crm_csv import Crm, parse_file
from salesdesk.interop.crm_sources import detect


def parse(text: str):
    return parse_file(text.encode("utf-8"))


ODOO_FR = (
    "Identifiant;Opportunité;Client;Revenu espéré;Devise;Étape;Probabilité;Vendeur;"
    "Date de fermeture prévue;Motif de la perte\n"
    "41;Audit énergie;Saint-Éloi;1 500,00;EUR;Qualifié;20;Camille Durand;31/12/2026;\n"
    "42;Chaudières;Boulangeries Durand;9 000,00;EUR;Nouveau;0;Camille Durand;15/11/2026;"
    "Trop cher\n"
)
ODOO_DE = (
    "ID;Chance;Kunde;Erwarteter Umsatz;Währung;Stufe;Wahrscheinlichkeit;Verkäufer;"
    "Erwarteter Abschluss;Ablehnungsgrund\n"
    "7;Erneuerung;Müller GmbH;1.500,00;EUR;Qualifiziert;20;Jonas Weber;31.12.2026;\n"
    "8;Wartung;Schulz AG;12.000,00;CHF;Neu;10;Jonas Weber;15.11.2026;Zu teuer\n"
)
PIPEDRIVE_DE = (
    "Deal - ID,Deal - Titel,Deal - Organisation,Deal - Wert,Deal - Phase,Deal - Status,"
    "Deal - Besitzer,Deal - Wahrscheinlichkeit,Deal - Verlustgrund\n"
    "17,Erneuerung,Müller GmbH,12500,Verhandlung,open,Jonas Weber,80,\n"
    "18,Wartung,Schulz AG,900,Qualifiziert,lost,Jonas Weber,,Zu teuer\n"
)
PIPEDRIVE_FR = (
    "Affaire - ID,Affaire - Titre,Affaire - Organisation,Affaire - Valeur,"
    "Affaire - Étape,Affaire - Statut,Affaire - Propriétaire,Affaire - Raison de la perte\n"
    "31,Pains pour la cantine,Boulangeries Durand,12500,Proposition faite,En cours,"
    "Camille Durand,\n"
    "32,Fours,Saint-Éloi,4000,Négociation,Gagnée,Camille Durand,\n"
    "33,Audit,Fabrikam,900,Contact effectué,Perdue,Camille Durand,Prix trop élevé\n"
)
SALESFORCE_DE = (
    "Opportunity-ID;Opportunity-Name;Opportunity-Inhaber;Phase;Schlusstermin;"
    "Wahrscheinlichkeit (%);Betrag\n"
    "0065g00000AbCdE;Erneuerung;Jonas Weber;Negotiation/Review;31.12.2026;90;1.500,00\n"
)


def test_an_odoo_export_in_french_reads_owner_lost_reason_and_id():
    crm = parse(ODOO_FR)
    assert crm.source is Crm.ODOO and crm.has_ids
    audit, boilers = crm.deals
    assert (audit.record_id, audit.title, audit.account, audit.value) == (
        "41",
        "Audit énergie",
        "Saint-Éloi",
        Decimal("1500.00"),
    )
    assert (audit.owner, audit.stage, audit.probability) == ("Camille Durand", Stage.NEEDS, 20)
    assert audit.close_date == date(2026, 12, 31)
    assert boilers.details == {"lost_reason": "Trop cher"}


def test_an_odoo_export_in_german_is_read_as_odoo():
    crm = parse(ODOO_DE)
    assert crm.source is Crm.ODOO and crm.has_ids
    renewal, upkeep = crm.deals
    assert (renewal.record_id, renewal.title, renewal.account) == ("7", "Erneuerung", "Müller GmbH")
    assert (renewal.value, renewal.currency, renewal.owner) == (
        Decimal("1500.00"),
        "EUR",
        "Jonas Weber",
    )
    assert (renewal.stage, renewal.probability, renewal.close_date) == (
        Stage.NEEDS,  # "Qualifiziert": Odoo's Qualified stage, as de.po names it
        20,
        date(2026, 12, 31),
    )
    assert (upkeep.value, upkeep.currency) == (Decimal("12000.00"), "CHF")
    assert upkeep.details == {"lost_reason": "Zu teuer"}


def test_a_pipedrive_export_in_german_is_read_with_its_status_and_lost_reason():
    crm = parse(PIPEDRIVE_DE)
    assert crm.source is Crm.PIPEDRIVE and crm.has_ids
    renewal, upkeep = crm.deals
    assert (renewal.record_id, renewal.title, renewal.account, renewal.value) == (
        "17",
        "Erneuerung",
        "Müller GmbH",
        Decimal(12500),
    )
    assert (renewal.stage, renewal.status, renewal.owner, renewal.probability) == (
        Stage.CONTRACT,  # "Verhandlung", by its meaning
        DealStatus.OPEN,
        "Jonas Weber",
        80,
    )
    assert upkeep.status is DealStatus.LOST
    assert upkeep.details == {"lost_reason": "Zu teuer"}


def test_a_pipedrive_export_in_french_is_read_with_its_status_and_lost_reason():
    crm = parse(PIPEDRIVE_FR)
    assert crm.source is Crm.PIPEDRIVE and crm.has_ids
    bread, ovens, audit = crm.deals
    assert (bread.record_id, bread.title, bread.account, bread.value) == (
        "31",
        "Pains pour la cantine",
        "Boulangeries Durand",
        Decimal(12500),
    )
    assert (bread.stage, bread.status, bread.owner) == (
        Stage.PROPOSAL,
        DealStatus.OPEN,
        "Camille Durand",
    )
    assert ovens.status is DealStatus.WON  # "Gagnée"
    assert audit.status is DealStatus.LOST  # "Perdue"
    assert audit.details == {"lost_reason": "Prix trop élevé"}


def test_a_salesforce_report_in_german_reads_id_owner_stage_date_and_probability():
    crm = parse(SALESFORCE_DE)
    assert crm.source is Crm.SALESFORCE and crm.has_ids
    (renewal,) = crm.deals
    assert (renewal.record_id, renewal.title, renewal.owner, renewal.value) == (
        "0065g00000AbCdE",
        "Erneuerung",
        "Jonas Weber",
        Decimal("1500.00"),
    )
    assert (renewal.stage, renewal.close_date, renewal.probability) == (
        Stage.CONTRACT,
        date(2026, 12, 31),
        90,
    )


@pytest.mark.parametrize(
    ("header", "source"),
    [
        # Pipedrive's "Affaire - Étape" is not Zoho's or Odoo's "Étape", nor its
        # "Affaire - Titre" an Odoo "Opportunité".
        ("Affaire - Titre;Affaire - Étape;Affaire - Valeur;Affaire - Statut", Crm.PIPEDRIVE),
        ("Deal - Titel;Deal - Phase;Deal - Wert", Crm.PIPEDRIVE),  # not HubSpot's Deal-Phase
        ("Record ID;Deal Name;Deal-Phase;Betrag;Abschlussdatum", Crm.HUBSPOT),
        ("Opportunity-Name;Phase;Betrag;Wahrscheinlichkeit (%)", Crm.SALESFORCE),
        ("Chance;Kunde;Stufe;Wahrscheinlichkeit;Erwarteter Umsatz", Crm.ODOO),
        ("Opportunité;Client;Étape;Vendeur;Revenu espéré", Crm.ODOO),
        ("Nom de la transaction;Nom du compte;Étape;Montant", Crm.ZOHO),
    ],
)
def test_localised_headers_are_taken_for_the_crm_that_writes_them(header, source):
    assert detect(header.split(";")).crm is source
