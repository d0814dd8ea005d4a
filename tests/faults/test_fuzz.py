"""Mutated CRM files and deal packages: never a traceback, never a changed database when
refused, never half-written. Bounded for CI; SALESDESK_FUZZ_EXAMPLES raises the count."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesdesk.domain.errors import InputError
from salesdesk.interop.crm_csv import parse_file
from salesdesk.interop.deal_json import dumps
from salesdesk.interop.demo import add_samples, sample_sheets
from salesdesk.interop.package_read import load_package
from salesdesk.interop.package_write import deal_to_package
from salesdesk.store import crm_import, deals
from salesdesk.store.engine import Database, open_database
from salesdesk.store.errors import StoreError
from tests.conftest import ON_SERVER, Server, server_url

EXAMPLES = int(os.environ.get("SALESDESK_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
TODAY = date(2026, 11, 30)

SEEDS = [
    (
        "Id,Name,Account.Name,Amount,CloseDate,StageName,Probability,CurrencyIsoCode\n"
        "0061x001,Renewal,Société Générale,25000,2026-12-15,Value Proposition,50,EUR\n"
        '0061x002,"Upsell, phase 2",Société Générale,12500.5,2026-12-20,Closed Lost,0,USD\n'
        '0061x003,Audit,Acme,"1,000.00",2027-01-02,Negotiation/Review,75,EUR\n'
    ).encode(),
    (
        "Record ID;Deal Name;Deal Stage;Close Date;Amount;Deal owner;Associated Company\r\n"
        "101;Grand contrat;Contract sent;27/11/2026;25 000,00 €;Camille;Société X\r\n"
        "102;Petit contrat;qualifiedtobuy;03/12/2026;1.234,50;Camille;Société Y\r\n"
    ).encode(),
]
NASTY = [
    b'"',
    b"\r",
    b"\n",
    b"\r\n",
    b",",
    b";",
    b"\x00",
    b"\x1b",
    b"\xe9",
    b"\xff",
    b"\xc3",
    b"=HYPERLINK(1)",
    b"9" * 30,
    b"1.123456",
    b"x" * 300,
    b"\xef\xbb\xbf",
    b"\t",
    b"''",
]


@st.composite
def mutated_csv(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate_line"]))
        if kind == "insert":
            piece = draw(st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=8)))
            data[at:at] = piece
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 12))]
        elif kind == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def fingerprint(db: Database) -> str:
    with db.engine.connect() as conn:
        rows = [
            tuple(row)
            for table in ("deal", "account", "meeting")
            for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The samples, in a SQLite file or, when the tests run on the server, in a fresh
    database there."""
    made = Server()
    if ON_SERVER:
        target = server_url(made.new_database())
    else:
        target = str(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    db = open_database(target)
    add_samples(db, TODAY)
    yield db
    db.close()
    made.drop_all()


def _csv_outcome(db: Database, raw: bytes, dry_run: bool) -> str:
    before = fingerprint(db)
    try:
        crm = parse_file(raw)
    except InputError as exc:
        assert str(exc) and all(line.startswith("line ") for line in getattr(exc, "lines", []))
        assert fingerprint(db) == before
        return "refused"
    try:
        crm_import.apply_crm_import(
            db,
            crm.source.value,
            crm.deals,
            by_record_id=crm.has_ids,
            dry_run=dry_run,
            contacts=(TODAY, [7, 5, 3, 2, 1]),
        )
    except (InputError, StoreError):
        assert fingerprint(db) == before
        return "refused by the store"
    if dry_run:
        assert fingerprint(db) == before
        return "imported (dry run)"
    return "imported"


def test_mutated_crm_files_are_imported_whole_or_refused_untouched(fuzz_db):
    seen: Counter[str] = Counter()

    @FUZZ
    @given(raw=mutated_csv(), dry_run=st.booleans())
    def one(raw: bytes, dry_run: bool) -> None:
        seen[_csv_outcome(fuzz_db, raw, dry_run)] += 1

    one()
    print(f"\nCRM files: {dict(seen)}")
    # The mutations reached both sides: files refused, and files imported.
    assert seen["refused"] and seen["imported"] + seen["imported (dry run)"], seen


def _package() -> dict[str, Any]:
    from salesdesk.domain.analysis import analyse

    sheet = sample_sheets(TODAY)["packaging-fr"]
    return json.loads(dumps(deal_to_package(sheet, analyse(sheet, TODAY))))


PACKAGE = _package()
JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "9999-12-31",
            "0001-01-01",
            "2026-02-30",
            "\ud800",
            "x" * 25_000,
            "=1+1",
            "\x1b[2J",
            "us",
            "them",
            "higher_is_better",
            "1e999",
            "-0",
            "12.123456",
            "NaN",
        ]
    ),
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*path, i))
    return out


PATHS = [p for p in _paths(PACKAGE) if p]


@st.composite
def mutated_package(draw: st.DrawFn) -> str:
    data = json.loads(json.dumps(PACKAGE))
    data["uid"] = None
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "delete", "nest"]))
            if action == "delete" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif action == "nest":
                parent[path[-1]] = [[[{"deep": draw(JSON_LEAVES)}]]]
            else:
                parent[path[-1]] = draw(JSON_LEAVES)
        except (KeyError, IndexError, TypeError):
            continue
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', "{", "]", ",", "\\", "\x00"])) + text[at:]
    return text


def _package_outcome(db: Database, text: str) -> str:
    before = fingerprint(db)
    try:
        sheet = load_package(text, "fuzz.json")
    except InputError as exc:
        assert str(exc)
        assert fingerprint(db) == before
        return "refused"
    try:
        deals.save_deal(db, sheet, today=TODAY)
    except (InputError, StoreError):
        assert fingerprint(db) == before
        return "refused by the store"
    return "saved"


def test_mutated_deal_packages_are_saved_whole_or_refused_untouched(fuzz_db):
    seen: Counter[str] = Counter()

    @FUZZ
    @given(text=mutated_package())
    def one(text: str) -> None:
        seen[_package_outcome(fuzz_db, text)] += 1

    one()
    print(f"\npackages: {dict(seen)}")
    assert seen["refused"] and seen["saved"], seen


def test_seed_path_sanity(tmp_path: Path):
    assert parse_file(SEEDS[0]).deals and parse_file(SEEDS[1]).deals
