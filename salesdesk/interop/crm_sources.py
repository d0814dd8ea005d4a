"""Which CRM wrote an export, which column holds what, and what its stages mean.

Column names come from each vendor's documentation or from real exports, never from
guesses; each localised name carries, next to it, where it was found:
- Salesforce: the Field Reference for Opportunity (developer.salesforce.com, labels
  and API names) and Help's "Opportunity Fields"; French and German report headers.
- HubSpot: Knowledge Base "HubSpot's default deal properties" and its German and
  French pages.
- Dynamics 365: the Opportunity table reference (learn.microsoft.com display names).
- Odoo: the field labels of `crm.lead` and their French and German translations in
  Odoo's own catalogues (addons/crm/i18n/fr.po, de.po).
- Zoho CRM: Help "Standard Fields in Deals" (en) and "Champs standard du module
  Opportunités" (fr).
- Pipedrive: the `Deal - Field` headers of its spreadsheet export, and the German
  (`Deal - Titel`) and French (`Affaire - Titre`) headers of the same export.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from salesdesk.domain.stages import STAGE_LABELS, DealStatus, Stage
from salesdesk.i18n import _
from salesdesk.interop.crm_read import MAX_REPORTED, ImportRejected, csv_records, decode_text


class Crm(StrEnum):
    SALESFORCE = "salesforce"
    HUBSPOT = "hubspot"
    DYNAMICS = "dynamics"
    ODOO = "odoo"
    ZOHO = "zoho"
    PIPEDRIVE = "pipedrive"
    SALESDESK = "salesdesk"  # SalesDesk's own deal-list export, edited and brought back
    OTHER = "csv"  # any other file, mapped column by column


CRM_NAMES = {
    Crm.SALESFORCE: "Salesforce",
    Crm.HUBSPOT: "HubSpot",
    Crm.DYNAMICS: "Dynamics 365",
    Crm.ODOO: "Odoo",
    Crm.ZOHO: "Zoho CRM",
    Crm.PIPEDRIVE: "Pipedrive",
    Crm.SALESDESK: "SalesDesk",
    Crm.OTHER: "CSV",
}

FIELDS = (
    "title",
    "account",
    "amount",
    "currency",
    "close_date",
    "stage",
    "status",
    "probability",
    "owner",
    "record_id",
    "last_contact",
    "lost_reason",
    "competitor",
    "phase",
)


@dataclass(frozen=True)
class Shape:
    """One export layout: header names (any case) by field, and what it cannot lack."""

    crm: Crm
    columns: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    # Fields whose column holds the CRM's ids rather than names (Salesforce's API export).
    id_fields: frozenset[str] = frozenset()


SHAPES: tuple[Shape, ...] = (
    Shape(
        Crm.SALESDESK,
        {
            "record_id": ("id",),
            "title": ("title",),
            "account": ("account",),
            "stage": ("stage",),
            "phase": ("phase",),
            "status": ("status",),
            "amount": ("value",),
            "currency": ("currency",),
            "close_date": ("close_date",),
            "probability": ("probability",),
            "owner": ("owner",),
            "last_contact": ("last_contact",),
        },
        required=("title", "account", "stage", "status"),
    ),
    Shape(
        Crm.SALESFORCE,
        {  # a report exported as CSV or Excel
            # fr/de: "Nom de l'opportunité", "Montant", "Opportunity-Name", "Betrag" are the
            # issue's (24 §3); the other German headers are those of German report exports
            # read by public GitHub code (find_string "Opportunity-Inhaber": Opportunity-ID,
            # Opportunity-Inhaber, Opportunity-Name, Phase, Schlusstermin,
            # Wahrscheinlichkeit (%)).
            "title": ("opportunity name", "nom de l'opportunité", "opportunity-name"),
            "account": ("account name",),
            "amount": ("amount", "montant", "betrag"),
            "close_date": ("close date", "schlusstermin"),
            "stage": ("stage", "phase"),
            "probability": ("probability (%)", "probability", "wahrscheinlichkeit (%)"),
            "owner": ("opportunity owner", "opportunity-inhaber"),
            "record_id": ("opportunity id", "opportunity-id"),
            "currency": ("opportunity currency", "currency"),
            "last_contact": ("last activity", "last activity date"),
            # An "Opportunities with Competitors" report; the sample orgs' custom field.
            "competitor": ("competitor name", "main competitor(s)"),
        },
        required=("title",),
    ),
    Shape(
        Crm.SALESFORCE,
        {  # Data Loader and Bulk API: API names
            "title": ("name",),
            "account": ("account.name", "accountid"),
            "amount": ("amount",),
            "close_date": ("closedate",),
            "stage": ("stagename",),
            "probability": ("probability",),
            "owner": ("owner.name", "ownerid"),
            "record_id": ("id",),
            "currency": ("currencyisocode",),
            "last_contact": ("lastactivitydate",),
            "competitor": ("opportunitycompetitors.competitorname", "maincompetitors__c"),
        },
        required=("title", "stage"),
        id_fields=frozenset({"accountid", "ownerid"}),
    ),
    Shape(
        Crm.HUBSPOT,
        {
            # de: knowledge.hubspot.com/de/crm-deals/hubspots-default-deal-properties
            # ("Betrag"), …/de/object-settings/set-defaults-for-creating-deals
            # ("Abschlussdatum"), …/de/deals/work-with-your-deal-records ("Deal-Phase");
            # fr: …/fr/object-settings/set-defaults-for-creating-deals ("date de
            # fermeture", "montant"). HubSpot's French deal name and stage: not found.
            "title": ("deal name",),
            "account": ("associated company", "associated company (primary)", "company name"),
            "amount": ("amount", "montant", "betrag"),
            "close_date": ("close date", "date de fermeture", "abschlussdatum"),
            "stage": ("deal stage", "deal-phase"),
            "owner": ("deal owner",),
            "record_id": ("record id", "deal id"),
            "currency": ("currency",),
            "probability": ("deal probability",),
            "last_contact": ("last activity date", "last contacted", "last engagement date"),
            "lost_reason": ("closed lost reason",),
        },
        required=("title", "stage"),
    ),
    Shape(
        Crm.DYNAMICS,
        {
            # fr "Sujet": technet.microsoft.com/fr-fr/library/mt843861(v=crm.8) (the
            # opportunity form); other French and all German display names: not found.
            "title": ("topic", "sujet"),
            "account": ("potential customer", "account"),
            "amount": ("est. revenue", "est. revenue (base)"),
            "close_date": ("est. close date",),
            "stage": ("sales stage", "pipeline phase"),
            "status": ("status",),
            "probability": ("probability",),
            "owner": ("owner",),
            "record_id": ("(do not modify) opportunity",),
            "last_contact": ("last activity", "date of last activity"),
            "currency": ("currency",),
        },
        required=("title",),
    ),
    Shape(
        Crm.ODOO,
        {
            # The field labels of crm.lead and their msgstr in odoo/odoo
            # addons/crm/i18n/fr.po (commit 01914ce) and de.po (commit 93afdcd).
            "title": ("opportunity", "opportunité", "chance"),
            "account": ("customer", "client", "kunde"),
            "amount": ("expected revenue", "revenu espéré", "erwarteter umsatz"),
            "close_date": ("expected closing", "date de fermeture prévue", "erwarteter abschluss"),
            "stage": ("stage", "étape", "stufe"),
            "probability": ("probability", "probabilité", "wahrscheinlichkeit"),
            "owner": ("salesperson", "salesman", "vendeur", "verkäufer"),
            "record_id": ("id", "external id", "identifiant"),
            "currency": ("currency", "devise", "währung"),
            "last_contact": ("last activity", "last updated on"),
            "lost_reason": ("lost reason", "motif de la perte", "ablehnungsgrund"),
        },
        required=("title",),
    ),
    Shape(
        Crm.ODOO,
        {  # technical names
            "title": ("name",),
            "account": ("partner_id", "partner_name"),
            "amount": ("expected_revenue", "planned_revenue"),
            "close_date": ("date_deadline",),
            "stage": ("stage_id",),
            "probability": ("probability",),
            "owner": ("user_id",),
            "record_id": ("id",),
            "currency": ("company_currency", "currency_id"),
            "lost_reason": ("lost_reason", "lost_reason_id"),
        },
        required=("title", "stage"),
    ),
    Shape(
        Crm.ZOHO,
        {
            "title": ("deal name", "nom de la transaction"),
            "account": ("account name", "nom du compte"),
            "amount": ("amount", "montant"),
            "close_date": ("closing date", "date d'échéance"),
            "stage": ("stage", "étape"),
            "probability": ("probability (%)", "probability", "probabilité (%)", "probabilité"),
            "owner": ("deal owner", "propriétaire de la transaction"),
            "record_id": ("record id",),
            "currency": ("currency", "devise"),
            "last_contact": ("last activity time",),
            "lost_reason": ("reason for loss",),
        },
        required=("title", "stage"),
    ),
    Shape(
        Crm.PIPEDRIVE,
        {
            # de, fr: the headers of German and French deal exports as public GitHub code
            # reads them (find_string "Deal - Verlustgrund": a CSV-to-MongoDB import of a
            # German export; "Affaire - Raison de la perte": a French export's import and
            # a script naming the export's columns). Not found: the German currency and
            # expected close date, the French currency, close date and probability.
            "title": ("deal - title", "deal - titel", "affaire - titre"),
            "account": (
                "deal - organization",
                "organization - name",
                "deal - organisation",
                "affaire - organisation",
            ),
            "amount": ("deal - value", "deal - wert", "affaire - valeur"),
            "currency": ("deal - currency", "deal - currency of value"),
            "close_date": ("deal - expected close date",),
            "stage": ("deal - stage", "deal - phase", "affaire - étape"),
            "status": ("deal - status", "affaire - statut"),
            "probability": ("deal - probability", "deal - wahrscheinlichkeit"),
            "owner": ("deal - owner", "deal - besitzer", "affaire - propriétaire"),
            "record_id": ("deal - id", "affaire - id"),
            "last_contact": ("deal - last activity date", "deal - datum der letzten aktivität"),
            "lost_reason": (
                "deal - lost reason",
                "deal - verlustgrund",
                "affaire - raison de la perte",
            ),
        },
        required=("title",),
    ),
)


def header_key(name: str) -> str:
    """A header as compared: case, surrounding and doubled spaces, a BOM and the `*`
    some exports put on required columns do not count."""
    text = unicodedata.normalize("NFC", name).replace("\ufeff", "").strip().rstrip("*")
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Detected:
    crm: Crm
    columns: dict[str, int]  # field → column index
    id_fields: frozenset[str] = frozenset()  # fields holding the CRM's ids, not names


def _matched(shape: Shape, names: dict[str, int]) -> dict[str, int]:
    found: dict[str, int] = {}
    for name, options in shape.columns.items():
        for option in options:
            if option in names:
                found[name] = names[option]
                break
    return found


def detect(
    header: Sequence[str], forced: Crm | None = None, mapping: dict[str, str] | None = None
) -> Detected:
    """Which CRM made the file, and the column of each field.

    With a `mapping` (field → header, chosen by the rep), the file is read as is. A
    header that no source's required columns match is refused, naming what it found.
    """
    if mapping is not None:
        columns = {f: header.index(h) for f, h in mapping.items() if h in header}
        if "title" not in columns:
            raise ImportRejected(_("choose the column that holds the deal's title"))
        return Detected(Crm.OTHER, columns)
    names: dict[str, int] = {}
    for i, h in enumerate(header):
        names.setdefault(header_key(h), i)
    best: tuple[int, Shape, dict[str, int]] | None = None
    for shape in SHAPES:
        if forced is not None and shape.crm is not forced:
            continue
        found = _matched(shape, names)
        if not all(r in found for r in shape.required):
            continue
        if best is None or len(found) > best[0]:
            best = (len(found), shape, found)
    shown = ", ".join(repr(h) for h in header[:12]) + (", …" if len(header) > 12 else "")
    if best is None:
        if forced is not None:
            raise ImportRejected(
                _("the columns do not look like a {source} export (found: {columns})").format(
                    source=CRM_NAMES[forced], columns=shown
                )
            )
        raise ImportRejected(
            _(
                "the columns do not look like an export of Salesforce, HubSpot, Dynamics 365, "
                "Odoo, Zoho CRM, Pipedrive or SalesDesk: none has their deal name column "
                "(found: {columns})"
            ).format(columns=shown)
        )
    _count, shape, found = best
    held_ids = frozenset(f for f in found if header_key(header[found[f]]) in shape.id_fields)
    return Detected(shape.crm, found, held_ids)


# ---------------------------------------------------------------- stages

STAGE_MAPS: dict[Crm, dict[str, Stage]] = {
    Crm.SALESFORCE: {  # the default StageName values
        "prospecting": Stage.PROSPECTING,
        "qualification": Stage.QUALIFICATION,
        "needs analysis": Stage.NEEDS,
        "id. decision makers": Stage.NEEDS,
        "perception analysis": Stage.NEEDS,
        "value proposition": Stage.PROPOSAL,
        "proposal/price quote": Stage.PROPOSAL,
        "negotiation/review": Stage.CONTRACT,
    },
    Crm.HUBSPOT: {
        "appointment scheduled": Stage.PROSPECTING,
        "qualified to buy": Stage.NEEDS,
        "presentation scheduled": Stage.PROPOSAL,
        "decision maker bought-in": Stage.PROPOSAL,
        "contract sent": Stage.CONTRACT,
    },
    Crm.DYNAMICS: {
        "qualify": Stage.QUALIFICATION,
        "develop": Stage.NEEDS,
        "propose": Stage.PROPOSAL,
        "close": Stage.CONTRACT,
    },
    Crm.ODOO: {  # its default stages, named as in addons/crm/i18n/fr.po and de.po
        "new": Stage.QUALIFICATION,
        "nouveau": Stage.QUALIFICATION,
        "neu": Stage.QUALIFICATION,
        "qualified": Stage.NEEDS,
        "qualifié": Stage.NEEDS,
        "qualifiziert": Stage.NEEDS,
        "proposition": Stage.PROPOSAL,
        "umsatzprognose": Stage.PROPOSAL,  # de.po's "Proposition"
    },
    Crm.ZOHO: {  # Zoho's default Stage picklist
        "qualification": Stage.QUALIFICATION,
        "needs analysis": Stage.NEEDS,
        "value proposition": Stage.PROPOSAL,
        "identify decision makers": Stage.NEEDS,
        "id. decision makers": Stage.NEEDS,
        "perception analysis": Stage.NEEDS,
        "proposal/price quote": Stage.PROPOSAL,
        "negotiation/review": Stage.CONTRACT,
    },
    Crm.PIPEDRIVE: {},
}
# A mapped file, or SalesDesk's own, may name stages the way any CRM does, or by our own
# codes and labels.
STAGE_MAPS[Crm.OTHER] = {
    **{name: stage for names in STAGE_MAPS.values() for name, stage in names.items()},
    **{stage.value: stage for stage in Stage},
    **{label.lower(): stage for stage, label in STAGE_LABELS.items()},
}
STAGE_MAPS[Crm.SALESDESK] = STAGE_MAPS[Crm.OTHER]


def stage_key(text: str) -> str:
    """`Closed Won`, `closedwon`, `closed-won` and `Closed Wön` are one stage."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", folded)


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return set(re.findall(r"[a-z0-9]+", folded))


_STAGE_KEYS = {
    crm: {stage_key(name): stage for name, stage in names.items()}
    for crm, names in STAGE_MAPS.items()
}
# Won and lost by name, in the languages CRMs are used in: Closed Won, Gagné, Gewonnen,
# Ganado, Vinto, Ganho; Closed Lost, Perdu, Verloren, Perdido, Perso.
# "Erfolgreich" is Odoo's German Won stage (addons/crm/i18n/de.po).
_WON_WORDS = {
    "won",
    "gagne",
    "gagnee",
    "gewonnen",
    "erfolgreich",
    "ganado",
    "ganada",
    "vinto",
    "vinta",
    "ganho",
}
_LOST_WORDS = {"lost", "perdu", "perdue", "verloren", "perdido", "perdida", "perso", "persa"}
_WON_KEYS = {"closedwon", "won"}
_LOST_KEYS = {"closedlost", "lost"}
# A stage named for what happens in it, in English, French, German or Spanish.
_MEANINGS: tuple[tuple[str, Stage], ...] = (
    ("negoti", Stage.CONTRACT),
    ("negoci", Stage.CONTRACT),
    ("verhandl", Stage.CONTRACT),
    ("contract", Stage.CONTRACT),
    ("contrat", Stage.CONTRACT),
    ("contrato", Stage.CONTRACT),
    ("vertrag", Stage.CONTRACT),
    ("proposal", Stage.PROPOSAL),
    ("propos", Stage.PROPOSAL),
    ("propuesta", Stage.PROPOSAL),
    ("angebot", Stage.PROPOSAL),
    ("quote", Stage.PROPOSAL),
    ("devis", Stage.PROPOSAL),
    ("cotizacion", Stage.PROPOSAL),
    ("demo", Stage.NEEDS),
    ("need", Stage.NEEDS),
    ("besoin", Stage.NEEDS),
    ("bedarf", Stage.NEEDS),
    ("necesidad", Stage.NEEDS),
    ("discovery", Stage.NEEDS),
    ("prospect", Stage.PROSPECTING),
    ("contact", Stage.PROSPECTING),
    ("kontakt", Stage.PROSPECTING),
    ("qualif", Stage.QUALIFICATION),
    ("lead", Stage.QUALIFICATION),
)


def stage_by_probability(probability: int) -> Stage:
    """Where a deal the CRM gives this chance of winning stands on our path (the
    Salesforce defaults: 10 % prospecting, 20 % needs, 50–75 % proposal, 90 % contract)."""
    if probability < 10:
        return Stage.QUALIFICATION
    if probability < 20:
        return Stage.PROSPECTING
    if probability < 50:
        return Stage.NEEDS
    if probability < 80:
        return Stage.PROPOSAL
    return Stage.CONTRACT


class StageHow(StrEnum):
    KNOWN = "known"  # the CRM's own stage name
    MAPPED = "mapped"  # the rep's --stage-map
    MEANING = "meaning"  # read from the words of its name
    PROBABILITY = "probability"  # placed by the row's probability
    UNKNOWN = "unknown"  # qualification, with a notice


def read_stage(
    crm: Crm,
    raw: str,
    status_raw: str = "",
    probability: int | None = None,
    stage_map: Mapping[str, Stage] | None = None,
) -> tuple[Stage, DealStatus, StageHow]:
    """Our stage and status for a CRM stage (and status column, where the CRM has one)."""
    text = re.sub(r"^\d+\s*[-.]\s*", "", raw.strip())  # "1-Qualify"
    key = stage_key(text)
    status_key = stage_key(status_raw)
    words = _words(text) | _words(status_raw)
    mapped = (stage_map or {}).get(key)
    if key in _WON_KEYS or status_key in _WON_KEYS or words & _WON_WORDS:
        return Stage.ROLLOUT, DealStatus.WON, StageHow.KNOWN
    lost = key in _LOST_KEYS or status_key in _LOST_KEYS or bool(words & _LOST_WORDS)
    status = DealStatus.LOST if lost else DealStatus.OPEN
    if mapped is not None:
        return mapped, status, StageHow.MAPPED
    known = _STAGE_KEYS[crm].get(key)
    if known is not None:
        return known, status, StageHow.KNOWN
    if lost or not key:
        return Stage.QUALIFICATION, status, StageHow.KNOWN
    for root, stage in _MEANINGS:
        if root in key:
            return stage, status, StageHow.MEANING
    if probability is not None:
        return stage_by_probability(probability), status, StageHow.PROBABILITY
    return Stage.QUALIFICATION, status, StageHow.UNKNOWN


def read_stage_map(raw: bytes) -> dict[str, Stage]:
    """The rep's stage map: CSV lines `their stage, our stage` (ours by its code or its
    name in English or French; a header line is allowed). A line it cannot read is
    refused, naming it."""

    ours: dict[str, Stage] = {}
    for stage in Stage:
        for name in (stage.value, STAGE_LABELS[stage], _(STAGE_LABELS[stage])):
            ours[stage_key(name)] = stage
    result: dict[str, Stage] = {}
    problems: list[str] = []
    for line, _end, row in csv_records(decode_text(raw)):
        cells = [c.strip() for c in row if c.strip()]
        if not cells:
            continue
        our = ours.get(stage_key(cells[-1])) if len(cells) == 2 else None
        if our is None:
            if line == 1 and len(cells) == 2:
                continue  # a header line: "their stage,our stage"
            problems.append(
                _("line {line}: write their stage, then one of ours ({stages})").format(
                    line=line, stages=", ".join(s.value for s in Stage)
                )
            )
            continue
        result[stage_key(cells[0])] = our
    if problems:
        raise ImportRejected(_("the stage map cannot be read"), problems[:MAX_REPORTED])
    return result
