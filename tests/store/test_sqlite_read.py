"""The quick reader (store.sqlite_read) returns exactly what the store returns, so a
brief or a list from the shell says what the app says: on the samples, and on a few hundred
deals of every shape (empty and full, option terms, approvals, people introduced by
others, meetings without a time, CRM sources…). Compared by value and by repr, which
also shows uids, versions, meeting sequences and each Decimal's own digits."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from salesdesk.domain.deal import (
    Batna,
    Channel,
    DealSheet,
    Interaction,
    Meeting,
    Offer,
    PartySide,
    Role,
    Source,
    Stakeholder,
    Stance,
)
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.stages import DealStatus, Stage, phase_for_stage
from salesdesk.domain.terms import POSITION_FIELDS, ScorePoint, Side, TermKind, Value
from salesdesk.interop.demo import sample_sheets
from salesdesk.store import contacts, deal_list, deal_load, deals, settings
from salesdesk.store.engine import open_database
from salesdesk.store.errors import DatabaseUnavailable, NotFound, StoreError
from salesdesk.store.sqlite_read import open_reader
from tests.homonyms import EXPECTED, two_sophies, who

pytestmark = pytest.mark.sqlite_file

TODAY = date(2027, 3, 15)


def _same(quick: object, store: object) -> None:
    assert quick == store
    assert repr(quick) == repr(store)


def _scaled(value: Value | None, rng: random.Random) -> Value | None:
    if not isinstance(value, Decimal):
        return value
    return (value * Decimal(rng.randint(50, 200)) / 100).quantize(Decimal("0.0001"))


def _varied(base: DealSheet, rng: random.Random, n: int) -> DealSheet:
    """A deal made from a sample, changed at random in every part the store keeps."""
    terms = []
    for t in base.terms:
        term = replace(t)
        for name in POSITION_FIELDS:
            value = getattr(t, name)
            if rng.random() < 0.15:
                value = None
            setattr(term, name, _scaled(value, rng))
        if term.kind is TermKind.NUMERIC and rng.random() < 0.3:
            term.points = [ScorePoint(Decimal(rng.randint(0, 50)), Decimal(0))]
            term.points.append(ScorePoint(Decimal(rng.randint(60, 900)), Decimal(100)))
        if term.kind is TermKind.NUMERIC and rng.random() < 0.2:
            term.step = Decimal(rng.choice(["0.5", "1", "25", "0.0001"]))
        if rng.random() < 0.3:
            term.weight = Decimal(rng.randint(0, 10000)) / 100
            term.their_weight = Decimal(rng.randint(0, 100)) if rng.random() < 0.7 else None
        terms.append(term)
    names = [t.name for t in terms]
    option_terms = [t for t in terms if t.kind is TermKind.OPTIONS]
    people = [
        Stakeholder(
            name=f"Person {n}-{i}",
            side=rng.choice(list(PartySide)),
            role=rng.choice([None, *Role]),
            stance=rng.choice([None, *Stance]),
        )
        for i in range(rng.randint(0, 5))
    ]
    for person in people:
        if people and rng.random() < 0.4:
            person.introduced_by = rng.choice(people).uid
    meetings = [
        Meeting(
            date=TODAY + timedelta(days=rng.randint(-40, 40)),
            title=rng.choice(["", "Kick-off", "Négociation — tour 2"]),
            time=rng.choice([None, time(9, 30), time(14, 5, 7), time(23, 59, 59, 123456)]),
            round=rng.choice([None, 1, 2, 3]),
            objectives=rng.choice(["", "Close the volume term"]),
            agenda="1. prices\n2. terms" if rng.random() < 0.5 else "",
            outcome=rng.choice(["", "Agreed on delivery"]),
            next_steps=rng.choice(["", "Send the contract"]),
            attendees=[p.uid for p in people if rng.random() < 0.5],
            customer_note=rng.choice(["", "Merci !"]),
            minutes=rng.choice([None, 30, 90]),
            location=rng.choice(["", "Lyon", "https://meet.example/abc"]),
        )
        for _ in range(rng.randint(0, 4))
    ]
    ledger = []
    for i in range(rng.randint(0, 6)):
        approved = rng.random() < 0.3
        ledger.append(
            LedgerEntry(
                giver=rng.choice(list(Giver)),
                what=f"Concession {i}",
                term=rng.choice([None, *names]),
                cost=rng.choice([None, Decimal("1500.25"), Decimal("0.0001")]),
                value=rng.choice([None, Decimal("2000"), Decimal("12.5")]),
                counterpart=rng.choice(["", "Earlier payment"]),
                counterpart_value=rng.choice([None, Decimal("300")]),
                counterpart_cost=rng.choice([None, Decimal("75.75")]),
                status=rng.choice(list(EntryStatus)),
                round=rng.choice([None, 1, 2]),
                needs_approval=approved or rng.random() < 0.2,
                approved=approved,
                approved_by="Marie Lefèvre" if approved else "",
                approved_at=datetime(2027, 2, rng.randint(1, 28), 8, 15, 30, rng.randint(0, 999999))
                if approved
                else None,
            )
        )
    offers = []
    for r in range(1, rng.randint(1, 4)):
        for side in Side:
            if rng.random() < 0.7:
                values = {
                    t.name: scaled
                    for t in terms
                    if rng.random() < 0.8
                    and (scaled := _scaled(t.target or t.opening, rng)) is not None
                }
                offers.append(Offer(side, r, values))
    batna_ours = replace(base.batna_ours)
    if option_terms and rng.random() < 0.5:
        term = rng.choice(option_terms)
        batna_ours = Batna("Their competitor", term.options[-1].label, term.name, Decimal("41.5"))
    elif rng.random() < 0.4:
        batna_ours = Batna(
            "Another buyer",
            None,
            None,
            Decimal("37.25"),
            {t.name: t.walk_away for t in terms if t.walk_away is not None},
        )
    stage = rng.choice(list(Stage))
    status = rng.choice(list(DealStatus))
    return replace(
        base,
        id=None,
        uid=None,
        title=f"{base.title} / {n}",
        terms=terms,
        offers=offers,
        ledger=ledger,
        stakeholders=people,
        meetings=meetings,
        interactions=[
            Interaction(TODAY - timedelta(days=rng.randint(0, 90)), rng.choice(list(Channel)), s)
            for s in rng.sample(["Called", "Wrote", "Met at the fair", ""], rng.randint(0, 3))
        ],
        batna_ours=batna_ours,
        value=rng.choice([None, Decimal("480000"), Decimal("0.5"), base.value]),
        status=status,
        stage=stage,
        phase=phase_for_stage(stage),
        close_date=rng.choice([None, TODAY + timedelta(days=rng.randint(0, 200))]),
        probability=rng.choice([None, 0, 35, 100]),
        owner=rng.choice(["", "Camille Durand"]),
        customer_language=rng.choice([None, "fr", "en", "de"]),
        last_contact=rng.choice([None, TODAY - timedelta(days=3)]),
        lost_reason="Price" if status is DealStatus.LOST else "",
        competitor=rng.choice(["", "Acme"]),
        source=rng.choice(
            [None, Source("hubspot", f"hs-{n}", "appointmentscheduled", {"account_id": "77"})]
        ),
        checklist={s.value: sorted(rng.sample(range(6), rng.randint(0, 3))) for s in Stage}
        if rng.random() < 0.5
        else {},
    )


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, list[int]]:
    """A SQLite file with the samples and 150 varied deals (those the store refuses as
    a user's mistake left out: what the store cannot save, nobody reads)."""
    path = tmp_path / "deals.db"
    db = open_database(str(path))
    rng = random.Random(20270315)
    samples = list(sample_sheets(TODAY).values())
    ids = []
    try:
        for sheet in samples:
            ids.append(deals.save_deal(db, sheet, today=TODAY))
        ids.append(deals.save_deal(db, two_sophies(TODAY), today=TODAY))  # two of one name
        refused = 0
        for n in range(150):
            try:
                ids.append(
                    deals.save_deal(db, _varied(samples[n % len(samples)], rng, n), today=TODAY)
                )
            except (StoreError, ValueError):
                refused += 1
        assert refused < 30
        settings.set_setting(db, "profile.name", "Camille Durand")
        settings.set_setting(db, "profile.cadence", "2,5,9,14,30")
        settings.set_setting(db, "profile.max_discount_pct", "7.5")
    finally:
        db.close()
    return path, ids


def test_the_quick_reader_reads_every_deal_as_the_store_does(
    filled: tuple[Path, list[int]],
) -> None:
    path, ids = filled
    db = open_database(str(path))
    reader = open_reader(str(path))
    assert reader is not None
    try:
        for deal_id in ids:
            _same(reader.load_deal(deal_id), deal_load.load_deal(db, deal_id))
        assert who(reader.load_deal(ids[len(sample_sheets(TODAY))])) == EXPECTED
        profile = reader.load_profile()
        _same(profile, settings.load_profile(db))
        for day in (TODAY, TODAY + timedelta(days=45)):
            listed = reader.list_deals(day, profile.cadence)
            assert len(listed) == len(ids)
            _same(listed, deal_list.list_deals(db, day, profile.cadence))
        start, end = TODAY - timedelta(days=50), TODAY + timedelta(days=50)
        meetings = reader.meetings_between(start, end)
        assert len(meetings) > 50
        _same(meetings, contacts.meetings_between(db, start, end))
        with pytest.raises(NotFound):
            reader.load_deal(max(ids) + 1)
    finally:
        reader.close()
        db.close()


def test_the_quick_reader_leaves_to_the_store_what_it_must_create_or_migrate(
    tmp_path: Path,
) -> None:
    # Nothing there yet: the store creates the database.
    assert open_reader(str(tmp_path / "new.db")) is None
    assert not (tmp_path / "new.db").exists()
    # An older schema: the store migrates it (with its backup) before anything is read.
    path = tmp_path / "old.db"
    open_database(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0020'")
    conn.close()
    assert open_reader(str(path)) is None
    # A server: the store's.
    assert open_reader("postgresql://nobody@localhost/none") is None


def test_the_quick_reader_refuses_what_the_store_refuses(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"not a database at all, just some notes" * 10)
    with pytest.raises(DatabaseUnavailable):
        open_reader(str(foreign))
    damaged = tmp_path / "damaged.db"
    db = open_database(str(damaged))
    for sheet in sample_sheets(TODAY).values():
        deals.save_deal(db, sheet, today=TODAY)
    db.close()
    data = bytearray(damaged.read_bytes())
    page = 4096
    data[3 * page : 4 * page] = b"\xff" * page  # a page of a table overwritten
    damaged.write_bytes(bytes(data))
    with pytest.raises(DatabaseUnavailable):
        open_reader(str(damaged))


@pytest.mark.parametrize(
    "command",
    [
        ["brief", "{deal}", "-o", "{out}"],
        ["pack", "--from", "2027-03-01", "--to", "2027-04-30", "-o", "{out}"],
        ["deals", "--json"],
        ["deals"],
    ],
    ids=["brief", "pack", "deals-json", "deals"],
)
def test_reading_commands_from_the_shell_import_no_sqlalchemy(
    tmp_path: Path, command: list[str]
) -> None:
    """What makes a brief, a pack or the list quick from the shell: no SQLAlchemy,
    SQLModel nor Alembic is imported to read a file at the current schema."""
    path = tmp_path / "deals.db"
    db = open_database(str(path))
    ids = [deals.save_deal(db, sheet, today=TODAY) for sheet in sample_sheets(TODAY).values()]
    db.close()
    out = tmp_path / "out.pdf"
    argv = ["--db", str(path), *(a.format(deal=ids[0], out=out) for a in command)]
    script = (
        "import sys\n"
        "from salesdesk.__main__ import main\n"
        f"code = main({argv!r})\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'sqlmodel', 'alembic') if m in sys.modules)\n"
        "print(code, heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "0 []"
    if "-o" in command:
        assert out.read_bytes().startswith(b"%PDF")
