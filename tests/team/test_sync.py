"""Two laptops (two SQLite files) and the team's PostgreSQL server: edits made offline on
both reach everyone at the next sync, a deal changed on both sides is a conflict reported
once and settled field by field, deletions travel, nothing is lost to a killed sync."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text

from salesdesk.domain.ledger import EntryStatus, Giver
from salesdesk.domain.stages import Stage
from salesdesk.interop import sync
from salesdesk.interop.demo import add_samples, sample_sheets
from salesdesk.store import approvals, deal_load, deals
from salesdesk.store import sync_state as st
from salesdesk.store.engine import Database, open_database
from tests.conftest import ROOT, server_url
from tests.team import test_rls

pytestmark = [pytest.mark.server]
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date.today()


@pytest.fixture
def url(server) -> str:
    """An empty database on the test server: the first sync creates its schema."""
    return server_url(server.new_database())


@pytest.fixture
def laptops(tmp_path):
    made = [open_database(str(tmp_path / f"{name}.db")) for name in ("a", "b")]
    yield made
    for db in made:
        db.close()


def add_deals(db: Database, count: int | None = None, prefix: str = "") -> list[int]:
    """Real deals (not samples) made from the sample sheets, with fresh uids."""
    sheets = list(sample_sheets(TODAY).values())
    ids = []
    for i in range(count or len(sheets)):
        sheet = sheets[i % len(sheets)]
        sheet = replace(sheet, uid=None, id=None, title=f"{prefix}{sheet.title} {i}")
        ids.append(deals.save_deal(db, sheet, today=TODAY))
    return ids


def by_uid(db: Database):
    """Every travelling deal's content by uid (ids and versions aside)."""
    return {
        uid: replace(deal_load.load_deal(db, held.id), id=None, version=0)
        for uid, held in st.deals(db).items()
    }


def differences(one, other) -> list[tuple]:
    """(uid, field) of every field that differs between two `by_uid` results."""
    out = [(uid, "missing") for uid in set(one) ^ set(other)]
    for uid in set(one) & set(other):
        for name in vars(one[uid]):
            mine, theirs = getattr(one[uid], name), getattr(other[uid], name)
            if mine != theirs:
                out.append((uid, name, mine, theirs))
    return out


def deal(db: Database, uid: str):
    return deal_load.load_deal(db, st.deals(db)[uid].id)


def edit(db: Database, uid: str, change) -> None:
    sheet = deal(db, uid)
    change(sheet)
    deals.save_deal(db, sheet, today=TODAY)


def test_first_sync_creates_the_server_schema_and_a_second_moves_nothing(laptops, url):
    a, _b = laptops
    add_deals(a)
    add_samples(a, TODAY)  # the sample deals stay home
    first = sync.sync(a, url)
    assert first.ok and first.sent == 5 and first.moved == 5
    server = open_database(url)
    try:
        assert len(st.deals(server)) == 5
        with server.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM deal")).scalar() == 5
    finally:
        server.close()
    assert sync.waiting(a) == 0
    again = sync.sync(a)  # the server remembered from the first sync
    assert again.ok and again.moved == 0
    assert sync.last_sync(a) is not None


@pytest.mark.parametrize("first_name", ["a", "b"])
def test_offline_edits_on_two_laptops_reach_everyone_in_either_order(laptops, url, first_name):
    a, b = laptops
    add_deals(a)
    assert sync.sync(a, url).sent == 5
    assert sync.sync(b, url).received == 5
    x, y, z, w, *_ = sorted(st.deals(a), key=lambda uid: deal(a, uid).title)
    # Offline on both: different deals, and one deal (z) on both, different fields.
    edit(a, x, lambda s: setattr(s, "title", "X renamed on A"))
    edit(b, y, lambda s: setattr(s.terms[0], "target", Decimal("123.45")))
    edit(a, z, lambda s: setattr(s, "stage", Stage.CONTRACT))
    edit(b, z, lambda s: setattr(s, "value", Decimal("999999.99")))
    deals.delete_deal(a, st.deals(a)[w].id)
    new_on_b = add_deals(b, 1, prefix="New on B: ")[0]
    assert sync.waiting(a) == 3 and sync.waiting(b) == 3

    first, second = (a, b) if first_name == "a" else (b, a)
    reports = [sync.sync(first), sync.sync(second), sync.sync(first)]
    conflicts = [c for r in reports for c in r.conflicts]
    assert [c.uid for c in conflicts] == [z]
    assert not any(r.errors for r in reports)
    assert reports[2].conflicts == []
    # The conflict leaves both sides as they were.
    assert deal(second, z).version > 0
    assert sync.pending_conflicts(second)[0].uid == z
    assert sync.waiting(second) == 1

    # Settled field by field: each side changed a different field, so both changes stay.
    message = sync.resolve(second, z, sync.Take.MINE)
    assert "settled" in message
    # The first laptop gets the settled deal (nothing when it already holds that content).
    assert sync.sync(first).ok
    for db in (a, b):
        assert deal(db, x).title == "X renamed on A"
        assert deal(db, y).terms[0].target == Decimal("123.45")
        assert deal(db, z).stage is Stage.CONTRACT
        assert deal(db, z).value == Decimal("999999.99")
        assert w not in st.deals(db)
        assert any(s.title.startswith("New on B: ") for s in by_uid(db).values())
    assert differences(by_uid(a), by_uid(b)) == []
    assert sync.pending_conflicts(a) == sync.pending_conflicts(b) == []
    assert all(sync.sync(db).moved == 0 for db in (a, b, a))
    assert deal_load.load_deal(b, new_on_b).title.startswith("New on B: ")


@pytest.mark.parametrize("take", [sync.Take.MINE, sync.Take.THEIRS])
def test_deleted_on_one_laptop_changed_on_the_other_is_a_conflict(laptops, url, take):
    a, b = laptops
    add_deals(a, 2)
    sync.sync(a, url)
    sync.sync(b, url)
    x = sorted(st.deals(a))[0]
    deals.delete_deal(a, st.deals(a)[x].id)
    edit(b, x, lambda s: setattr(s, "title", "Changed on B"))
    assert sync.sync(a).deleted_there == 1
    report = sync.sync(b)
    assert [(c.uid, c.kind) for c in report.conflicts] == [(x, sync.Kind.DELETED_THERE)]
    assert deal(b, x).title == "Changed on B"  # nothing lost meanwhile
    assert sync.sync(b).conflicts[0].uid == x  # still pending, still both kept
    sync.resolve(b, x, take)
    sync.sync(a)
    if take is sync.Take.MINE:
        assert deal(a, x).title == deal(b, x).title == "Changed on B"
    else:
        assert x not in st.deals(a) and x not in st.deals(b)
    assert by_uid(a) == by_uid(b)
    assert sync.sync(a).moved == sync.sync(b).moved == 0


def test_a_managers_approval_on_the_server_reaches_the_laptop_and_its_brief(
    laptops, url, tmp_path, cli_env
):
    a, _b = laptops
    add_deals(a, 1)  # the packaging sample: an offered concession over the rep's authority
    sync.sync(a, url)
    uid = next(iter(st.deals(a)))
    local_id = st.deals(a)[uid].id

    def brief_text() -> str:
        pdf = tmp_path / "brief.pdf"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "salesdesk",
                "--db",
                a.location,
                "brief",
                str(local_id),
                "-o",
                str(pdf),
            ],
            env=cli_env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        return " ".join(out.stdout.split())

    before = brief_text()
    assert "exceeds your authority and is not approved yet" in before
    server = open_database(url)
    try:
        sheet = deal(server, uid)
        entry = next(e for e in sheet.ledger if e.needs_approval)
        entry.approved, entry.approved_by = True, "Maria Manager"
        entry.approved_at = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
        deals.save_deal(server, sheet, today=TODAY)
    finally:
        server.close()
    assert sync.sync(a).received == 1
    got = next(e for e in deal(a, uid).ledger if e.needs_approval)
    assert got.approved and got.approved_by == "Maria Manager"
    after = brief_text()
    assert "not approved yet" not in after


def run_cli(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_the_command_line_syncs_reports_conflicts_and_settles_them(laptops, url, cli_env):
    a, b = laptops
    add_deals(a, 2)
    a.close(), b.close()
    # A password typed in the URL is used, never stored (the test server trusts anyone).
    done = run_cli(cli_env, "--db", a.location, "sync", "--server", url.replace("@", ":s3cret@", 1))
    assert done.returncode == 0, done.stderr
    assert "2 sent" in done.stdout
    db = open_database(a.location)
    try:
        assert sync.server_setting(db) == url
        with db.engine.connect() as conn:
            assert "s3cret" not in str(conn.execute(text("SELECT * FROM setting")).all())
    finally:
        db.close()
    done = run_cli(cli_env, "--db", b.location, "sync", "--server", url)
    assert done.returncode == 0 and "2 received" in done.stdout
    # The server is remembered: a plain `sync` does nothing more.
    again = run_cli(cli_env, "--db", a.location, "sync")
    assert again.returncode == 0 and "0 sent, 0 received" in again.stdout
    for location, title in ((a.location, "From A"), (b.location, "From B")):
        db = open_database(location)
        try:
            edit(db, sorted(st.deals(db))[0], lambda s, title=title: setattr(s, "title", title))
        finally:
            db.close()
    assert run_cli(cli_env, "--db", a.location, "sync").returncode == 0
    clash = run_cli(cli_env, "--db", b.location, "sync")
    assert clash.returncode == 2
    lines = clash.stderr.splitlines()
    assert len(lines) == 1 and "Conflict: deal 1 (From B)" in lines[0], clash.stderr
    assert "--take mine 1" in lines[0] and "Traceback" not in clash.stderr
    settled = run_cli(cli_env, "--db", b.location, "sync", "--take", "theirs", "1")
    assert settled.returncode == 0, settled.stderr
    assert run_cli(cli_env, "--db", b.location, "sync").returncode == 0
    db = open_database(b.location)
    try:
        assert deal_load.load_deal(db, 1).title == "From A"
    finally:
        db.close()
    wrong = run_cli(cli_env, "--db", b.location, "sync", "--take", "both", "1")
    assert wrong.returncode == 2 and "mine or theirs" in wrong.stderr


def test_a_server_that_does_not_answer_or_refuses_the_role_is_one_line(laptops, url, cli_env):
    import socket

    a, _b = laptops
    add_deals(a, 1)
    a.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for bad in (
        f"postgresql://postgres@127.0.0.1:{port}/salesdesk",
        url.replace("postgres@", "nobody_here@"),
    ):
        done = run_cli(cli_env, "--db", a.location, "sync", "--server", bad)
        assert done.returncode == 2
        assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
        assert "cannot be reached" in done.stderr
    db = open_database(a.location)
    try:
        assert sync.waiting(db) == 1  # nothing lost, still waiting to be sent
        assert sync.server_setting(db) is None  # a server never reached is not remembered
    finally:
        db.close()


KILLS = 10

# The child imports everything and opens the laptop's file first, says "ready", then
# syncs, saying "step N TOTAL" before each deal's step: a kill is aimed from the sync's
# own progress, so it lands mid-sync on any machine, however loaded.
_SYNC_CHILD = """
import sys
import psycopg, sqlalchemy.orm, sqlmodel
import salesdesk.store.approvals, salesdesk.store.crm_import
import salesdesk.store.deals, salesdesk.store.tables
from salesdesk.interop import sync
from salesdesk.store.engine import open_database
db = open_database(sys.argv[1])
print("ready", flush=True)
report = sync.sync(db, progress=lambda done, total: print("step", done, total, flush=True))
print("done", flush=True)
"""


def kill_at_step(location: str, env: dict, step: int, rng: random.Random) -> bool:
    """Run a sync of `location` in a child and SIGKILL it once it announced `step`, a
    moment into that step; True when the kill landed before the sync finished."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _SYNC_CHILD, location],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    landed = False
    for line in proc.stdout:
        words = line.split()
        if words[0] == "done":
            break
        if words[0] == "step" and int(words[1]) >= min(step, int(words[2]) - 1):
            time.sleep(rng.uniform(0, 0.03))  # somewhere inside the step's two writes
            landed = proc.poll() is None
            if landed:
                os.kill(proc.pid, signal.SIGKILL)
            break
    proc.communicate(timeout=120)
    return landed


def titles(db: Database) -> dict[str, str]:
    """Every travelling deal's title by uid, read in one query."""
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT uid, title FROM deal WHERE sample IS NULL"))
        return {uid: title for uid, title in rows}


@pytest.mark.slow
@pytest.mark.timeout(900)  # ten rounds of 55 deals each, checked on both sides
def test_a_sync_killed_at_random_points_loses_and_doubles_nothing(laptops, url, cli_env):
    """Each round: edits on the laptop and on the server, then a sync killed at a random
    deal of its work; both databases are checked, and the next sync finishes the job."""
    a, _b = laptops
    rng = random.Random(17)
    add_deals(a, 40)
    sync.sync(a, url)
    server = open_database(url)
    expected_titles: dict[str, str] = {uid: deal(a, uid).title for uid in st.deals(a)}
    killed_mid_sync = 0
    try:
        for round_no in range(KILLS):
            uids = sorted(expected_titles)
            # Changes here (new deals, edits) and on the server (other deals).
            for uid in add_deals(a, 30, prefix=f"R{round_no} "):
                sheet = deal_load.load_deal(a, uid)
                expected_titles[str(sheet.uid)] = sheet.title
            mine = rng.sample(uids, 20)
            for uid in mine:
                title = f"{expected_titles[uid]} a{round_no}"
                edit(a, uid, lambda s, title=title: setattr(s, "title", title))
                expected_titles[uid] = title
            for uid in rng.sample([u for u in uids if u not in mine], 5):
                title = f"{expected_titles[uid]} s{round_no}"
                edit(server, uid, lambda s, title=title: setattr(s, "title", title))
                expected_titles[uid] = title
            # 55 deals to move: the kill comes at one of them.
            killed_mid_sync += kill_at_step(a.location, cli_env, rng.randrange(55), rng)
            # After the kill: every change still somewhere, nothing doubled.
            here, there = titles(a), titles(server)
            for uid, title in expected_titles.items():
                assert title in (here.get(uid), there.get(uid)), (round_no, uid, title)
            assert set(there) <= set(here)  # nothing new on the server was made here
            for db in (a, server):
                with db.engine.connect() as conn:
                    rows = conn.execute(text("SELECT count(*), count(DISTINCT uid) FROM deal"))
                    total, distinct = rows.one()
                assert total == distinct
            # The next sync finishes the job, with no conflict.
            report = sync.sync(a)
            assert report.ok, (report.conflicts, report.errors)
            assert by_uid(a) == by_uid(server)
            assert titles(a) == expected_titles
    finally:
        server.close()
    print(f"{KILLS} kills, {killed_mid_sync} mid-sync, 0 lost, 0 duplicated")
    assert killed_mid_sync == KILLS


def test_connections_cut_mid_sync_say_so_in_one_line_and_lose_nothing(laptops, url, cli_env):
    """The server drops the sync's connections again and again while it runs (a network
    cut, a server restart): the sync ends in one line or finishes, and the next one
    finishes the job."""
    import psycopg
    from sqlalchemy.engine import make_url

    a, _b = laptops
    add_deals(a, 2)
    sync.sync(a, url)
    add_deals(a, 60, prefix="Cut ")
    expected = {uid: s.title for uid, s in by_uid(a).items()}
    name = make_url(url).database
    plain = make_url(url).set(drivername="postgresql", database="postgres")
    proc = subprocess.Popen(
        [sys.executable, "-m", "salesdesk", "--db", a.location, "sync"],
        env=cli_env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    cuts = 0
    with psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True) as conn:
        while proc.poll() is None:
            cuts += conn.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            ).fetchone()[0]
            time.sleep(0.3)
    _stdout, stderr = proc.communicate()
    assert "Traceback" not in stderr
    if proc.returncode == 2:
        # Cut while the sync runs, or already while it connects (the cuts start with
        # the process): either way one line saying so.
        said = ("The sync stopped", "The team server cannot be reached")
        assert len(stderr.splitlines()) == 1 and any(s in stderr for s in said), stderr
    else:
        assert proc.returncode == 0, stderr
    assert cuts > 0
    assert {uid: s.title for uid, s in by_uid(a).items()} == expected  # nothing lost here
    report = sync.sync(a)
    assert report.ok, report.errors
    server = open_database(url)
    try:
        assert by_uid(server) == by_uid(a)
    finally:
        server.close()


def test_reps_sync_as_their_own_roles_and_a_managers_decline_reaches_the_brief(
    team, tmp_path, cli_env
):
    """Private visibility: each laptop gets its own rep's deals only; the manager's
    decline on the server reaches the rep's laptop and is printed in its brief."""
    urls, roles = team
    from tests.conftest import ROOT as root

    assert run_cli(cli_env, "--db", urls["m"], "team", "visibility", "private").returncode == 0
    a, b = (open_database(str(tmp_path / f"{name}-laptop.db")) for name in ("a", "b"))
    try:
        sheet = replace(sample_sheets(TODAY)["telematics-en"], uid=None)
        entry = sheet.ledger[0]
        entry.needs_approval, entry.approved, entry.approved_by = True, False, ""
        entry.giver, entry.status = Giver.US, EntryStatus.PLANNED  # in the brief's plan
        local_id = deals.save_deal(a, sheet, today=TODAY)
        add_deals(b, 1, prefix="B's own ")
        assert sync.sync(a, urls["a"]).sent == 1
        assert sync.sync(b, urls["b"]).sent == 1
        assert sync.sync(b).received == 0  # a's private deal is not b's to see
        manager = open_database(urls["m"])
        try:
            uid = next(iter(st.deals(a)))
            on_server = st.deals(manager)[uid].id
            approvals.decide_approval(manager, on_server, entry.uid, False)
        finally:
            manager.close()
        assert sync.sync(a).received == 1
        got = deal(a, uid).ledger[0]
        assert got.declined and got.approved_by == roles["m"]
        pdf = tmp_path / "brief.pdf"
        done = run_cli(cli_env, "--db", a.location, "brief", str(local_id), "-o", str(pdf))
        assert done.returncode == 0, done.stderr
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, cwd=root
        ).stdout
        assert f"DECLINED by {roles['m']}: do not offer it" in " ".join(text.split())
        assert len(st.deals(b)) == 1
    finally:
        a.close(), b.close()
