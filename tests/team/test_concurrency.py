"""Reps at the same moment on one PostgreSQL server, as real processes: every save ends
cleanly (saved, or a clear conflict), nothing is doubled, nobody's change is lost."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import text

from salesdesk.interop.demo import sample_sheets
from salesdesk.store import deal_load, deals, settings
from salesdesk.store.engine import open_database
from tests.conftest import ROOT

TODAY = date(2026, 11, 30)

pytestmark = [pytest.mark.server, pytest.mark.slow]
ROUNDS = 20


def two_reps(url, action, folder, deal_id=0, rounds=ROUNDS, env=None):
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.team.worker",
                url,
                name,
                action,
                str(rounds),
                str(folder),
                str(deal_id),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("a", "b")
    ]
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=240)
        out.append((proc.returncode, stdout.splitlines(), stderr))
    return out


def test_two_new_deals_for_one_new_account_at_once(db, db_target, tmp_path):
    results = two_reps(db_target, "new-deal", tmp_path)
    for code, lines, stderr in results:
        assert code == 0 and "Traceback" not in stderr, stderr
        assert lines == ["saved"] * ROUNDS
    with db.engine.connect() as conn:
        accounts = conn.execute(text("SELECT count(*), count(DISTINCT name_key) FROM account"))
        assert tuple(accounts.one()) == (ROUNDS, ROUNDS)  # 0 duplicates
        assert conn.execute(text("SELECT count(*) FROM deal")).scalar() == 2 * ROUNDS
        # Each rep typed a "Buyer i" of his own: two people (a person is their uid),
        # none doubled, each in its own deal.
        people = conn.execute(
            text(
                "SELECT count(*), count(DISTINCT uid), count(DISTINCT (account_id, name)) "
                "FROM stakeholder"
            )
        ).one()
        assert tuple(people) == (2 * ROUNDS, 2 * ROUNDS, ROUNDS)
        links = conn.execute(text("SELECT count(DISTINCT stakeholder_id) FROM deal_stakeholder"))
        assert links.scalar() == 2 * ROUNDS


def test_two_profiles_saved_at_once(db, db_target, tmp_path):
    results = two_reps(db_target, "profile", tmp_path)
    for code, lines, stderr in results:
        assert code == 0 and "Traceback" not in stderr, stderr
        assert lines == ["saved"] * ROUNDS
    assert settings.load_profile(db).name in (f"a {ROUNDS - 1}", f"b {ROUNDS - 1}")


def test_two_saves_of_one_deal_at_once_conflict_then_merge(db, db_target, tmp_path):
    deal_id = deals.save_deal(db, sample_sheets(date(2026, 11, 30))["telematics-en"], today=TODAY)
    results = two_reps(db_target, "edit-term", tmp_path, deal_id)
    lines = [line for _code, out, _err in results for line in out]
    for code, _out, stderr in results:
        assert code == 0 and "Traceback" not in stderr, stderr
    conflicts = [line for line in lines if line.startswith("conflict")]
    # Every round: one save wins, the other is refused and then merged, never lost.
    assert len(conflicts) == ROUNDS == lines.count("merged")
    assert lines.count("saved") == ROUNDS
    final = deal_load.load_deal(db, deal_id)
    assert final.terms[0].target == Decimal(1000 + ROUNDS - 1)
    assert final.terms[1].target == Decimal(1000 + ROUNDS - 1)
    assert final.version == 1 + 2 * ROUNDS


def test_a_save_waiting_on_a_row_lock_says_who_holds_it(db, db_target, tmp_path, cli):
    deal_id = deals.save_deal(db, sample_sheets(date(2026, 11, 30))["telematics-en"], today=TODAY)
    out = tmp_path / "deal.json"
    assert cli("export-deal", str(deal_id), "-o", str(out)).returncode == 0
    holder = psycopg.connect(db_target.replace("postgresql://", "postgresql://", 1))
    try:
        holder.execute("SELECT id FROM deal WHERE id = %s FOR UPDATE", (deal_id,))
        started = time.monotonic()
        result = cli("import-deal", str(out), extra_env={"SALESDESK_LOCK_TIMEOUT_MS": "700"})
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"salesdesk: Deal {deal_id} is being saved by someone else; try again in a moment."
    )
    assert waited < 15
    # released: the same import goes through
    assert cli("import-deal", str(out)).returncode == 0
    database = open_database(db_target)
    database.close()


IMPORT_ROUNDS = 3
IMPORT_ROWS = 1500


def test_two_imports_of_one_export_at_once_both_succeed_and_create_each_deal_once(
    server, tmp_path, cli_env
):
    from tests.conftest import server_url

    csv_path = tmp_path / "export.csv"
    lines = ["Id,Name,Account.Name,Amount,CloseDate,StageName,Probability,CurrencyIsoCode"]
    lines += [
        f"006{i:07d},Deal {i},Account {i % 97},{1000 + i},2026-12-15,Value Proposition,50,EUR"
        for i in range(IMPORT_ROWS)
    ]
    csv_path.write_text("\n".join(lines) + "\n")
    for _ in range(IMPORT_ROUNDS):
        url = server_url(server.new_database())
        open_database(url).close()
        argv = [sys.executable, "-m", "salesdesk", "--db", url, "import", str(csv_path)]
        children = [
            subprocess.Popen(
                argv, env=cli_env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(2)
        ]
        outputs = [child.communicate(timeout=120) for child in children]
        # Both succeed, with nothing on stderr: the second waits, then finds every deal.
        assert [child.returncode for child in children] == [0, 0], outputs
        assert [err for _out, err in outputs] == [b"", b""]
        said = sorted(out.decode() for out, _err in outputs)
        assert sum(f"{IMPORT_ROWS} created" in line for line in said) == 1, said
        assert sum(": 0 created, 0 updated" in line for line in said) == 1, said
        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
            total, distinct = conn.execute(
                "SELECT count(*), count(DISTINCT source_id) FROM deal"
            ).fetchone()
        assert (total, distinct) == (IMPORT_ROWS, IMPORT_ROWS)
