"""Imports never duplicate and never half-commit; a CRM record is one deal."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from salesdesk.store.engine import open_database
from salesdesk.store.migrate import upgrade
from tests.conftest import ROOT

ROWS = 1500


def _loader_csv(rows: int) -> str:
    lines = ["Id,Name,Account.Name,Amount,CloseDate,StageName,Probability,CurrencyIsoCode"]
    lines += [
        f"006{i:07d},Deal {i},Account {i % 97},{1000 + i},2026-12-15,Value Proposition,50,EUR"
        for i in range(rows)
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.sqlite_file  # on a server: tests/team/test_concurrency.py
def test_two_imports_of_one_file_at_once_create_each_deal_once(tmp_path, cli_env):
    db_path = tmp_path / "deals.db"
    open_database(str(db_path)).close()
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(_loader_csv(ROWS))
    argv = [sys.executable, "-m", "salesdesk", "--db", str(db_path), "import", str(csv_path)]
    env = {**cli_env, "SALESDESK_BUSY_TIMEOUT_MS": "60000"}
    children = [
        subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    said = sorted(out.decode() for out, _err in outputs)
    assert f"{ROWS} created" in said[1] or f"{ROWS} created" in said[0]
    assert any("0 created" in text for text in said), said
    conn = sqlite3.connect(db_path)
    total, distinct = conn.execute(
        "SELECT count(*), count(DISTINCT source_id) FROM deal"
    ).fetchone()
    conn.close()
    assert (total, distinct) == (ROWS, ROWS)


def test_a_crm_record_cannot_be_two_deals(db):
    with db.engine.begin() as conn:
        account = conn.execute(
            text("INSERT INTO account(name, name_key) VALUES ('A', 'a') RETURNING id")
        ).scalar()
        insert = text(
            "INSERT INTO deal(uid, account_id, title, currency, status, stage, phase, owner,"
            " source_system, source_id, created_at, updated_at) VALUES (:uid, :account, 'T',"
            " 'EUR', 'open', 'qualification', 1, '', 'salesforce', 'R1', '2026-01-01',"
            " '2026-01-01')"
        )
        conn.execute(insert, {"uid": "u1", "account": account})
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(insert, {"uid": "u2", "account": account})


@pytest.mark.sqlite_file
def test_the_migration_keeps_the_record_id_on_the_latest_of_each_duplicate_group(tmp_path, caplog):
    path = tmp_path / "dups.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0006")
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO account(id, name, name_key) VALUES (1, 'A', 'a')")
    rows = [
        # uid, source id, updated at
        ("old", "R1", "2026-01-01 00:00:00"),
        ("new", "R1", "2026-03-01 00:00:00"),
        ("mid", "R1", "2026-02-01 00:00:00"),
        ("alone", "R2", "2026-01-01 00:00:00"),
        ("tie-a", "R3", "2026-01-01 00:00:00"),
        ("tie-b", "R3", "2026-01-01 00:00:00"),
        ("none", None, "2026-01-01 00:00:00"),
    ]
    conn.executemany(
        "INSERT INTO deal(uid, account_id, title, currency, status, stage, phase, owner,"
        " search_key, source_system, source_id, created_at, updated_at) VALUES"
        " (?, 1, 'T', 'EUR', 'open', 'qualification', 1, '', '', 'salesforce', ?, ?, ?)",
        [(uid, sid, at, at) for uid, sid, at in rows],
    )
    conn.commit()
    conn.close()
    with caplog.at_level(logging.WARNING, logger="salesdesk.store.migrations"):
        open_database(str(path)).close()
    conn = sqlite3.connect(path)
    kept = dict(conn.execute("SELECT uid, source_id FROM deal").fetchall())
    conn.close()
    assert kept == {
        "old": None,
        "new": "R1",
        "mid": None,
        "alone": "R2",
        "tie-a": None,
        "tie-b": "R3",  # same time: the later deal keeps it
        "none": None,
    }
    assert "3 deal(s) shared a CRM record id" in caplog.text


def test_an_import_failing_at_its_last_step_writes_nothing(db, monkeypatch):
    from salesdesk.interop.crm_csv import parse_file
    from salesdesk.store import contacts, crm_import

    crm = parse_file(_loader_csv(50).encode())

    def broken(session: Session, *_args: object) -> int:
        # The database refuses the last step's statement, after every deal was written.
        session.execute(text("UPDATE deal SET no_such_column = 1"))
        return 0

    monkeypatch.setattr(contacts, "refresh_contact_dates_in", broken)
    with pytest.raises(DBAPIError, match="no_such_column"):
        crm_import.apply_crm_import(
            db, "salesforce", crm.deals, by_record_id=True, contacts=(date(2026, 11, 30), [7] * 5)
        )
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM deal").scalar() == 0
