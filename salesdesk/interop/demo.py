"""The sample deals: five realistic negotiations, in French and English, that between
them raise every warning the worksheet knows, so a newcomer sees the product at work
(the fifth, the Itex–Cypress case, states its preferences as options and shaped scores).

Dates are relative to today. Adding them twice adds nothing; `remove` takes them out.
"""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta
from decimal import Decimal

from salesdesk.domain.deal import (
    Batna,
    Channel,
    DealSheet,
    Interaction,
    Meeting,
    Offer,
    PartySide,
    Role,
    Stakeholder,
    Stance,
)
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.domain.terms import Direction, Side, Term
from salesdesk.interop.demo_bicycle import bicycle
from salesdesk.store import deal_load, deals
from salesdesk.store.engine import Database

_NS = uuid.UUID("5a1e5de5-0000-4000-8000-000000000000")
HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER
US, THEM = Side.US, Side.THEM
THEIRS, OURS = PartySide.THEIRS, PartySide.OURS


def D(text: str) -> Decimal:
    return Decimal(text)


def sample_uid(key: str) -> str:
    return str(uuid.uuid5(_NS, key))


def _term(
    name: str,
    unit: str,
    direction: Direction,
    weight: int | Decimal | None,
    their_weight: int | Decimal | None,
    ours: tuple[str, str, str],
    theirs: tuple[str, str, str],
    market: tuple[str, str, str] | None = None,
) -> Term:
    return Term(
        name=name,
        unit=unit,
        direction=direction,
        weight=None if weight is None else Decimal(weight),
        their_weight=None if their_weight is None else Decimal(their_weight),
        opening=D(ours[0]),
        target=D(ours[1]),
        walk_away=D(ours[2]),
        their_opening=D(theirs[0]),
        their_target=D(theirs[1]),
        their_walk_away=D(theirs[2]),
        market_low=D(market[0]) if market else None,
        market_typical=D(market[1]) if market else None,
        market_high=D(market[2]) if market else None,
    )


def _packaging(today: date) -> DealSheet:
    """French, at the contract stage: growing concessions and a trade awaiting approval."""
    day = today.__add__
    return DealSheet(
        uid=sample_uid("packaging-fr"),
        # The path so far, and at this stage the worksheet prepared.
        checklist={
            "qualification": [0, 1, 2],
            "prospecting": [0, 1],
            "needs": [0, 1, 2],
            "proposal": [0, 1, 2],
            "contract": [0],
        },
        title="Renouvellement cartons 2027",
        account="Société Lyonnaise d'Emballage",
        currency="EUR",
        value=D("480000.00"),
        status=DealStatus.OPEN,
        stage=Stage.CONTRACT,
        phase=5,
        close_date=day(timedelta(days=30)),
        probability=70,
        owner="Camille Durand",
        customer_language="fr",
        batna_ours=Batna(
            "Les Papeteries du Rhône reprendraient le volume à 1,12 €/carton",
            D("1.12"),
            "Prix unitaire",
            D("30"),
        ),
        batna_theirs=Batna(
            "Offre concurrente des Cartonnages Dumas à 1,10 €/carton, livraison en 5 jours",
            D("1.10"),
            "Prix unitaire",
            D("10"),
        ),
        terms=[
            _term(
                "Prix unitaire",
                "€/carton",
                HIGHER,
                40,
                45,
                ("1.32", "1.24", "1.15"),
                ("1.05", "1.12", "1.20"),
                ("1.08", "1.18", "1.30"),
            ),
            _term(
                "Volume annuel",
                "cartons",
                HIGHER,
                25,
                20,
                ("450000", "400000", "320000"),
                ("300000", "350000", "420000"),
            ),
            _term(
                "Délai de paiement",
                "jours",
                LOWER,
                20,
                25,
                ("30", "45", "60"),
                ("90", "75", "60"),
                ("30", "60", "90"),
            ),
            _term(
                "Durée du contrat", "mois", HIGHER, 15, 10, ("36", "24", "12"), ("12", "18", "24")
            ),
        ],
        offers=[
            Offer(
                US,
                1,
                {
                    "Prix unitaire": D("1.32"),
                    "Volume annuel": D("450000"),
                    "Délai de paiement": D("30"),
                    "Durée du contrat": D("36"),
                },
            ),
            Offer(
                THEM,
                1,
                {
                    "Prix unitaire": D("1.05"),
                    "Volume annuel": D("300000"),
                    "Délai de paiement": D("90"),
                    "Durée du contrat": D("12"),
                },
            ),
            Offer(
                US,
                2,
                {
                    "Prix unitaire": D("1.26"),
                    "Volume annuel": D("420000"),
                    "Délai de paiement": D("45"),
                    "Durée du contrat": D("24"),
                },
            ),
            Offer(
                THEM,
                2,
                {
                    "Prix unitaire": D("1.10"),
                    "Volume annuel": D("340000"),
                    "Délai de paiement": D("75"),
                    "Durée du contrat": D("18"),
                },
            ),
        ],
        ledger=[
            LedgerEntry(
                Giver.US,
                "Remise de 4 % sur le prix unitaire",
                "Prix unitaire",
                cost=D("19200"),
                value=D("19200"),
                counterpart="Engagement ferme sur 420 000 cartons par an",
                counterpart_value=D("24000"),
                counterpart_cost=D("0"),
                status=EntryStatus.ACCEPTED,
                round=1,
            ),
            LedgerEntry(
                Giver.THEM,
                "Paiement à 45 jours au lieu de 60",
                "Délai de paiement",
                cost=D("3500"),
                value=D("3500"),
                counterpart="Livraison en 48 heures sur les références urgentes",
                counterpart_value=D("4000"),
                counterpart_cost=D("6000"),
                status=EntryStatus.ACCEPTED,
                round=2,
            ),
            LedgerEntry(
                Giver.US,
                "Stock de sécurité gratuit de deux semaines",
                None,
                cost=D("28000"),
                value=D("15000"),
                counterpart="Contrat porté à 24 mois",
                counterpart_value=D("30000"),
                status=EntryStatus.OFFERED,
                round=2,
                needs_approval=True,
            ),
            LedgerEntry(
                Giver.US,
                "Prix à 1,22 €/carton",
                "Prix unitaire",
                cost=D("8000"),
                value=D("8000"),
                counterpart="Volume ferme de 400 000 cartons et paiement à 45 jours",
                counterpart_value=D("12000"),
                status=EntryStatus.PLANNED,
                round=3,
            ),
        ],
        stakeholders=[
            Stakeholder("Nathalie Roux", THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC),
            Stakeholder(
                "Karim Benali", THEIRS, Role.TECHNICAL_BUYER, Stance.SUPPORTER, "Nathalie Roux"
            ),
            Stakeholder("Élodie Garnier", THEIRS, Role.USER, Stance.CHAMPION, "Karim Benali"),
            Stakeholder("Camille Durand", OURS, Role.INFLUENCER, Stance.CHAMPION),
            Stakeholder("Sophie Martin", OURS, Role.DECISION_MAKER, Stance.SUPPORTER),
        ],
        meetings=[
            Meeting(
                day(timedelta(days=-21)),
                "Premier tour : besoins 2027",
                time(10, 0),
                1,
                "Présenter l'offre de renouvellement",
                "1. Bilan 2026\n2. Volumes 2027",
                "Remise de 4 % échangée contre un engagement de volume",
                "Envoyer la grille tarifaire révisée",
                ["Nathalie Roux", "Karim Benali", "Camille Durand"],
            ),
            Meeting(
                day(timedelta(days=-7)),
                "Deuxième tour : délais et stock",
                time(14, 30),
                2,
                "Défendre le délai de paiement",
                "1. Délai de paiement\n2. Stock de sécurité",
                "Paiement à 45 jours obtenu ; stock de sécurité en attente de validation",
                "Obtenir l'accord de Sophie Martin sur le stock",
                ["Nathalie Roux", "Élodie Garnier", "Camille Durand"],
            ),
            Meeting(
                day(timedelta(days=6)),
                "Troisième tour : conclusion",
                time(9, 30),
                3,
                "Conclure à 1,22 €/carton au plus bas, contre 400 000 cartons fermes\n"
                "Ne rien céder sans contrepartie",
                "1. Prix et volume\n2. Durée du contrat\n3. Calendrier de signature",
                "",
                "",
                ["Nathalie Roux", "Karim Benali", "Camille Durand", "Sophie Martin"],
                "Merci pour ces deux premiers tours. Voici notre proposition pour 2027.",
                minutes=90,
                location="Société Lyonnaise d'Emballage, 14 quai Perrache, Lyon",
            ),
        ],
        interactions=[
            Interaction(
                day(timedelta(days=-4)),
                Channel.EMAIL,
                "Grille tarifaire révisée envoyée à Nathalie Roux",
            ),
            Interaction(
                day(timedelta(days=-1)),
                Channel.CALL,
                "Karim Benali confirme les volumes du premier semestre",
            ),
        ],
    )


def _telematics(today: date) -> DealSheet:
    """English, at the proposal stage: no ZOPA on price, an offer below our BATNA, an
    offer of theirs past the walk-away we estimated for them."""
    day = today.__add__
    return DealSheet(
        uid=sample_uid("telematics-en"),
        checklist={"qualification": [0, 1], "prospecting": [0, 1], "needs": [0, 1, 2]},
        title="Fleet telematics roll-out, 240 vehicles",
        account="Northwind Logistics Ltd",
        currency="GBP",
        value=D("186000.00"),
        status=DealStatus.OPEN,
        stage=Stage.PROPOSAL,
        phase=3,
        close_date=day(timedelta(days=60)),
        probability=40,
        owner="Camille Durand",
        customer_language="en",
        batna_ours=Batna(
            "Redeploy the 240 units to the Brightline tender at £33 per vehicle per month",
            D("33"),
            "Price per vehicle per month",
            D("40"),
        ),
        batna_theirs=Batna(
            "Keep their current supplier (TrackFleet) at £29, with poorer coverage",
            D("29"),
            "Price per vehicle per month",
            D("35"),
        ),
        terms=[
            _term(
                "Price per vehicle per month",
                "£",
                HIGHER,
                50,
                60,
                ("39", "35", "31"),
                ("25", "28", "30"),
                ("27", "32", "38"),
            ),
            _term(
                "Contract length", "months", HIGHER, 30, 15, ("48", "36", "24"), ("12", "24", "36")
            ),
            _term(
                "Installation lead time",
                "days",
                HIGHER,
                20,
                25,
                ("45", "30", "20"),
                ("10", "15", "25"),
            ),
        ],
        offers=[
            Offer(
                US,
                1,
                {
                    "Price per vehicle per month": D("36"),
                    "Contract length": D("48"),
                    "Installation lead time": D("45"),
                },
            ),
            Offer(
                THEM,
                1,
                {
                    "Price per vehicle per month": D("26"),
                    "Contract length": D("12"),
                    # Slower than the 25 days we thought they would accept at most: the
                    # estimate is contradicted (installation matters less to them).
                    "Installation lead time": D("28"),
                },
            ),
            Offer(
                US,
                2,
                {
                    "Price per vehicle per month": D("30"),
                    "Contract length": D("30"),
                    "Installation lead time": D("22"),
                },
            ),
        ],
        ledger=[
            LedgerEntry(
                Giver.US,
                "Free installation of the telematics boxes",
                None,
                cost=D("14400"),
                value=D("19200"),
                status=EntryStatus.OFFERED,
                round=1,
            ),
            LedgerEntry(
                Giver.THEM,
                "Reference visit for our prospects",
                None,
                cost=D("1000"),
                value=D("5000"),
                counterpart="Priority support line for the pilot",
                counterpart_value=D("1500"),
                counterpart_cost=D("2000"),
                status=EntryStatus.ACCEPTED,
                round=1,
            ),
        ],
        stakeholders=[
            Stakeholder("Oliver Hughes", THEIRS, Role.DECISION_MAKER, Stance.NEUTRAL),
            Stakeholder("Priya Patel", THEIRS, Role.INFLUENCER, Stance.CHAMPION, "Tom Baker"),
            Stakeholder("Gareth Evans", THEIRS, Role.GATEKEEPER, Stance.OPPONENT),
            Stakeholder("Tom Baker", OURS, Role.INFLUENCER, Stance.SUPPORTER),
            Stakeholder("Camille Durand", OURS, Role.INFLUENCER, Stance.CHAMPION),
        ],
        meetings=[
            Meeting(
                day(timedelta(days=-12)),
                "Pilot review",
                time(11, 0),
                1,
                "Show the pilot results on 20 vans",
                "1. Pilot figures\n2. Roll-out plan",
                "Interest confirmed; price judged too high",
                "Send a revised proposal",
                ["Oliver Hughes", "Priya Patel", "Camille Durand"],
            ),
            Meeting(
                day(timedelta(days=3)),
                "Commercial proposal",
                time(15, 0),
                2,
                "Hold £31 as the floor; trade any price move for a 36-month term",
                "1. Revised proposal\n2. Contract length\n3. Installation plan",
                "",
                "",
                ["Oliver Hughes", "Gareth Evans", "Camille Durand"],
                "Thank you for the pilot on 20 vans. Our revised proposal below takes your "
                "feedback on price into account.",
                minutes=60,
                location="Video call (Teams)",
            ),
        ],
        interactions=[
            Interaction(
                day(timedelta(days=-10)),
                Channel.CALL,
                "Priya Patel: the board wants a decision this quarter",
            ),
            Interaction(
                day(timedelta(days=-6)), Channel.EMAIL, "Revised proposal sent to Oliver Hughes"
            ),
        ],
    )


def _energy_audit(today: date) -> DealSheet:
    """French, early (needs): a discovery agreement, weights and positions to fix."""
    day = today.__add__
    return DealSheet(
        uid=sample_uid("energy-audit-fr"),
        # Their call for tenders came to us: no prospecting, a stage skipped.
        checklist={"qualification": [0, 2]},
        title="Audit énergétique des bâtiments",
        account="Groupe Hospitalier Saint-Éloi",
        currency="EUR",
        value=D("65000.00"),
        status=DealStatus.OPEN,
        stage=Stage.NEEDS,
        phase=2,
        close_date=day(timedelta(days=120)),
        probability=20,
        owner="Camille Durand",
        customer_language="fr",
        batna_ours=Batna(
            "Consacrer l'équipe à l'appel d'offres de la métropole", None, None, D("25")
        ),
        batna_theirs=Batna(
            "Confier l'audit au bureau d'études qui suit déjà leurs chaufferies",
            None,
            None,
            D("30"),
        ),
        terms=[
            _term(
                "Honoraires",
                "€",
                HIGHER,
                60,
                70,
                ("72000", "65000", "70000"),
                ("50000", "55000", "62000"),
            ),
            _term(
                "Délai de remise du rapport",
                "semaines",
                HIGHER,
                30,
                30,
                ("10", "8", "6"),
                ("4", "5", "6"),
            ),
        ],
        ledger=[
            LedgerEntry(
                Giver.US,
                "Diagnostic gratuit de deux jours sur site",
                None,
                cost=D("2400"),
                value=D("4000"),
                counterpart="Accès aux relevés de consommation et rendez-vous avec "
                "la directrice financière",
                counterpart_value=D("6000"),
                counterpart_cost=D("0"),
                status=EntryStatus.ACCEPTED,
                round=1,
            ),
        ],
        stakeholders=[
            Stakeholder(
                "Dr Hélène Marchand", THEIRS, Role.DECISION_MAKER, Stance.CHAMPION, "Marc Lefèvre"
            ),
            Stakeholder(
                "François Nguyen",
                THEIRS,
                Role.TECHNICAL_BUYER,
                Stance.NEUTRAL,
                "Dr Hélène Marchand",
            ),
            Stakeholder("Marc Lefèvre", OURS, Role.INFLUENCER, Stance.SUPPORTER),
            Stakeholder("Camille Durand", OURS, Role.INFLUENCER, Stance.CHAMPION),
        ],
        meetings=[
            Meeting(
                day(timedelta(days=-9)),
                "Visite de découverte",
                time(9, 0),
                1,
                "Comprendre le besoin ; proposer l'accord de découverte",
                "1. Visite des bâtiments\n2. Accord de découverte",
                "Diagnostic gratuit accepté contre l'accès aux relevés",
                "Planifier le diagnostic",
                ["Dr Hélène Marchand", "François Nguyen", "Camille Durand"],
            ),
            Meeting(
                day(timedelta(days=10)),
                "Restitution du diagnostic",
                time(10, 30),
                2,
                "Reformuler le besoin ; faire valider la maturité du projet",
                "1. Résultats du diagnostic\n2. Périmètre de l'audit",
                "",
                "",
                ["Dr Hélène Marchand", "Camille Durand", "Marc Lefèvre"],
                minutes=120,
                location="Hôpital Saint-Éloi, salle du conseil",
            ),
        ],
        interactions=[
            Interaction(day(timedelta(days=-9)), Channel.VISIT, "Visite des trois bâtiments"),
            Interaction(
                day(timedelta(days=-2)), Channel.CALL, "François Nguyen envoie les relevés 2025"
            ),
        ],
    )


def _scanners(today: date) -> DealSheet:
    """English, won and rolling out: a clean worksheet, what good looks like."""
    day = today.__add__
    return DealSheet(
        uid=sample_uid("scanners-en"),
        checklist={
            "qualification": [0, 1, 2],
            "prospecting": [0, 1],
            "needs": [0, 1, 2],
            "proposal": [0, 1, 2],
            "contract": [0, 1, 2],
        },
        title="Warehouse scanners and support",
        account="Łódzkie Zakłady Chłodnicze",
        currency="EUR",
        value=D("92500.00"),
        status=DealStatus.WON,
        stage=Stage.ROLLOUT,
        phase=5,
        close_date=day(timedelta(days=-25)),
        probability=100,
        owner="Camille Durand",
        customer_language="en",
        batna_ours=Batna(
            "Sell the stock through our distributor at €690 per unit",
            D("690"),
            "Price per scanner",
            D("20"),
        ),
        batna_theirs=Batna("Keep the old scanners one more year", None, None, D("0")),
        terms=[
            _term(
                "Price per scanner",
                "€",
                HIGHER,
                60,
                50,
                ("820", "760", "700"),
                ("680", "720", "750"),
                ("690", "750", "840"),
            ),
            _term(
                "Support level",
                "hours response",
                HIGHER,
                40,
                50,
                ("24", "12", "8"),
                ("2", "4", "8"),
            ),
        ],
        offers=[
            Offer(US, 1, {"Price per scanner": D("820"), "Support level": D("24")}),
            Offer(THEM, 1, {"Price per scanner": D("680"), "Support level": D("2")}),
            Offer(US, 2, {"Price per scanner": D("740"), "Support level": D("8")}),
        ],
        ledger=[
            LedgerEntry(
                Giver.US,
                "8-hour support response",
                "Support level",
                cost=D("3000"),
                value=D("5000"),
                counterpart="Three-year support contract",
                counterpart_value=D("9000"),
                counterpart_cost=D("0"),
                status=EntryStatus.ACCEPTED,
                round=2,
            ),
        ],
        stakeholders=[
            Stakeholder("Agnieszka Wróblewska", THEIRS, Role.DECISION_MAKER, Stance.SUPPORTER),
            Stakeholder(
                "Paweł Zieliński", THEIRS, Role.USER, Stance.CHAMPION, "Agnieszka Wróblewska"
            ),
            Stakeholder("Camille Durand", OURS, Role.INFLUENCER, Stance.CHAMPION),
        ],
        meetings=[
            Meeting(
                day(timedelta(days=-20)),
                "Roll-out kick-off",
                time(13, 0),
                None,
                "Agree the roll-out calendar",
                "1. Calendar\n2. Training",
                "Calendar agreed",
                "Train the night shift",
                ["Agnieszka Wróblewska", "Paweł Zieliński", "Camille Durand"],
            ),
            Meeting(
                day(timedelta(days=14)),
                "Roll-out review",
                time(10, 0),
                None,
                "Check adoption; open the talk on the second warehouse",
                "1. Adoption figures\n2. Second warehouse",
                "",
                "",
                ["Agnieszka Wróblewska", "Camille Durand"],
                minutes=45,
                location="Łódź, warehouse 2",
            ),
        ],
        interactions=[
            Interaction(
                day(timedelta(days=-5)),
                Channel.VIDEO,
                "Paweł Zieliński: scanners in use on all day shifts",
            ),
        ],
    )


SAMPLES = {
    "packaging-fr": _packaging,
    "telematics-en": _telematics,
    "energy-audit-fr": _energy_audit,
    "scanners-en": _scanners,
    "bicycle-en": lambda today: bicycle(today, sample_uid("bicycle-en")),
}


def _people_by_uid(sheet: DealSheet) -> DealSheet:
    """The samples are written naming attendees and introducers (each name is one
    person there); the deal points at people by uid."""
    uid = {p.name: p.uid for p in sheet.stakeholders}
    for person in sheet.stakeholders:
        if person.introduced_by:
            person.introduced_by = uid[person.introduced_by]
    for meeting in sheet.meetings:
        meeting.attendees = [uid[name] for name in meeting.attendees]
    return sheet


def sample_sheets(today: date) -> dict[str, DealSheet]:
    return {key: _people_by_uid(build(today)) for key, build in SAMPLES.items()}


def add_samples(db: Database, today: date) -> list[int]:
    """Add the samples not already present; returns the ids of those added."""
    present = deal_load.sample_deal_ids(db)
    added = []
    for key, sheet in sample_sheets(today).items():
        if key in present or deal_load.deal_id_for_uid(db, sheet.uid or "") is not None:
            continue
        added.append(deals.save_deal(db, sheet, sample=key, today=today))
    return added  # the rep's profile is theirs: the samples never touch it


def remove_samples(db: Database) -> int:
    ids = deal_load.sample_deal_ids(db)
    for deal_id in ids.values():
        deals.delete_deal(db, deal_id)
    return len(ids)
