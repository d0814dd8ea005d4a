"""Every change to a deal on the team's server advances its version, once per writing
transaction, whoever makes it (issue 23): a rep's edit in psql of any row of a deal —
or of a person or an account it names — reaches the other laptops at their next sync;
the app's saves still advance it once, and a psql edit made meanwhile is a conflict.
And a rep with psql reads no sequence and asks about no colleague's person."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy.engine import make_url

from salesdesk.domain.deal import DealSheet, Meeting, PartySide, Stakeholder, Stance
from salesdesk.domain.ids import with_uid
from salesdesk.interop import sync
from salesdesk.interop.demo import sample_sheets
from salesdesk.store import approvals, deal_load, deals
from salesdesk.store import sync_state as st
from salesdesk.store.engine import Database, open_database
from salesdesk.store.errors import Conflict
from tests.conftest import server_url
from tests.team import test_rls
from tests.team.test_rls import sql
from tests.team.test_sync import run_cli

pytestmark = pytest.mark.server
team = test_rls.team  # the fixture: a team database with reps a and b and a manager m
TODAY = date.today()
# Rows that travel in no package: what a calendar export remembers of deleted meetings.
NOT_CONTENT = {"cancelled_meeting"}


def bicycle(title: str = "Bicycles for the season") -> DealSheet:
    """The sample with rows in every table of a deal (its BATNA as a package too)."""
    sheet = replace(sample_sheets(TODAY)["bicycle-en"], uid=None, id=None, title=title)
    sheet.batna_ours.package = {"Price": Decimal("4.10"), "Delivery": Decimal(60)}
    return sheet


def save(url: str, sheet: DealSheet) -> int:
    db = open_database(url)
    try:
        return deals.save_deal(db, sheet, today=TODAY)
    finally:
        db.close()


def version(url: str, deal_id: int) -> int:
    return int(sql(url, "SELECT version FROM deal WHERE id = %s", deal_id)[0][0])


def in_one_transaction(url: str, *statements: tuple[str, tuple]) -> None:
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        for statement, params in statements:
            conn.execute(statement, params)  # type: ignore[arg-type]


def deal_tables(owner_url: str) -> dict[str, str]:
    """Every table of the schema holding a deal's rows, read from the server's foreign
    keys (so a table added later is covered): table → the condition naming deal %s."""
    keys = sql(
        owner_url,
        "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text "
        "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
        "AND a.attnum = c.conkey[1] WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1",
    )
    found = {
        table: f"{column} = %s"
        for table, column, parent in keys
        if parent == "deal" and table not in NOT_CONTENT
    }
    for table, column, parent in keys:
        if parent in found and parent != table and table not in found:
            found[table] = f"{column} IN (SELECT id FROM {parent} WHERE {found[parent]})"
    return found


def test_a_colleagues_psql_edit_of_any_row_of_a_deal_advances_it_once(team):
    urls, _roles = team
    owner = server_url(make_url(urls["a"]).database)
    deal_id = save(urls["a"], bicycle())
    tables = deal_tables(owner)
    assert {"term", "term_option", "term_point", "batna_value", "offer_value"} <= set(tables)
    assert {"meeting_attendee", "deal_stakeholder", "checklist_tick", "interaction"} <= set(tables)
    # Rep b, in psql, deletes one row of each table of a's (team-visible) deal: the rows
    # one step away first, so that each table is seen on its own.
    indirect = sorted(t for t, where in tables.items() if "SELECT" in where)
    for table in [*indirect, *sorted(set(tables) - set(indirect))]:
        where = tables[table]
        before = version(owner, deal_id)
        assert sql(owner, f"SELECT count(*) FROM {table} WHERE {where}", deal_id)[0][0] > 0, table
        gone = sql(
            urls["b"],
            f"DELETE FROM {table} WHERE ctid = (SELECT ctid FROM {table} WHERE {where} LIMIT 1)",
            deal_id,
        )
        assert gone == 1, table
        assert version(owner, deal_id) == before + 1, table

    # Several rows and the deal itself in one transaction: once.
    before = version(owner, deal_id)
    in_one_transaction(
        urls["b"],
        ("UPDATE term SET target = 9 WHERE deal_id = %s", (deal_id,)),
        ("UPDATE deal_stakeholder SET stance = 'opponent' WHERE deal_id = %s", (deal_id,)),
        (
            "INSERT INTO interaction (deal_id, uid, date, channel, summary) "
            "VALUES (%s, 'psql-call', current_date, 'call', 'From psql')",
            (deal_id,),
        ),
        ("UPDATE deal SET title = 'Renamed in psql' WHERE id = %s", (deal_id,)),
        ("UPDATE term SET unit = 'x' WHERE deal_id = %s", (deal_id,)),
    )
    assert version(owner, deal_id) == before + 1
    # The deal row alone: its content counts, its derived columns do not.
    stamped = sql(owner, "SELECT updated_at FROM deal WHERE id = %s", deal_id)[0][0]
    sql(urls["b"], "UPDATE deal SET stage = 'proposal' WHERE id = %s", deal_id)
    assert version(owner, deal_id) == before + 2
    assert sql(owner, "SELECT updated_at FROM deal WHERE id = %s", deal_id)[0][0] > stamped
    sql(
        urls["b"], "UPDATE deal SET next_contact_due = NULL, search_key = '' WHERE id = %s", deal_id
    )
    assert version(owner, deal_id) == before + 2
    # Deleted in psql: its rows go with it, and its tombstone keeps its last version.
    sql(urls["a"], "DELETE FROM deal WHERE id = %s", deal_id)
    tombstone = sql(owner, "SELECT version FROM deal_tombstone")
    assert tombstone == [(before + 2,)]


def test_a_psql_edit_reaches_the_other_laptop_and_no_sync_sticks(team, tmp_path, cli_env):
    urls, _roles = team
    owner = server_url(make_url(urls["a"]).database)
    paths = {name: tmp_path / f"{name}-laptop.db" for name in ("a", "b")}
    laptop_a, laptop_b = (open_database(str(p)) for p in paths.values())
    try:
        deals.save_deal(laptop_a, bicycle(), today=TODAY)
        assert sync.sync(laptop_a, urls["a"]).sent == 1
        assert sync.sync(laptop_b, urls["b"]).received == 1
        (uid,) = st.deals(laptop_a)
    finally:
        laptop_a.close(), laptop_b.close()
    deal_id = sql(owner, "SELECT id FROM deal WHERE uid = %s", uid)[0][0]
    at = version(owner, deal_id)

    # Rep b, in psql, edits a term and a person's stance in a's deal.
    in_one_transaction(
        urls["b"],
        # (amounts are stored as counts of 1/10,000)
        ("UPDATE term SET target = 40500 WHERE deal_id = %s AND name = 'Price'", (deal_id,)),
        (
            "UPDATE deal_stakeholder SET stance = 'opponent' WHERE deal_id = %s AND "
            "stakeholder_id = (SELECT id FROM stakeholder WHERE name = 'Dana Whitfield')",
            (deal_id,),
        ),
    )
    assert version(owner, deal_id) == at + 1

    done = run_cli(cli_env, "--db", str(paths["a"]), "sync", "--server", urls["a"])
    assert done.returncode == 0, done.stderr
    assert "0 sent, 1 received" in done.stdout
    laptop_a = open_database(str(paths["a"]))
    try:
        sheet = deal_load.load_deal(laptop_a, st.deals(laptop_a)[uid].id)
        price = next(t for t in sheet.terms if t.name == "Price")
        assert price.target == Decimal("4.05")
        dana = next(p for p in sheet.stakeholders if p.name == "Dana Whitfield")
        assert dana.stance is Stance.OPPONENT
        # Nothing left to move: the sync does not stick on its own writes.
        assert sync.sync(laptop_a, urls["a"]).moved == 0
        # The laptop's edit goes up and advances the server's version once.
        sheet.title = "Edited on A after the psql edit"
        deals.save_deal(laptop_a, sheet, today=TODAY)
        sent = sync.sync(laptop_a, urls["a"])
        assert sent.sent == 1 and sent.ok
        assert version(owner, deal_id) == at + 2
        assert sync.sync(laptop_a, urls["a"]).moved == 0
    finally:
        laptop_a.close()
    laptop_b = open_database(str(paths["b"]))
    try:
        assert sync.sync(laptop_b, urls["b"]).received == 1
        assert sync.sync(laptop_b, urls["b"]).moved == 0
        sheet = deal_load.load_deal(laptop_b, st.deals(laptop_b)[uid].id)
        assert sheet.title == "Edited on A after the psql edit"
        assert next(t for t in sheet.terms if t.name == "Price").target == Decimal("4.05")
    finally:
        laptop_b.close()


def test_an_app_save_advances_once_and_a_psql_edit_meanwhile_is_a_conflict(team):
    urls, _roles = team
    owner = server_url(make_url(urls["a"]).database)
    app: Database = open_database(urls["a"])
    manager: Database = open_database(urls["m"])
    try:
        first = bicycle()
        first_id = deals.save_deal(app, first, today=TODAY)
        assert version(owner, first_id) == 1
        camille = next(p for p in first.stakeholders if p.name == "Camille Durand")
        # A second deal of a's naming the same person of ours (her uid).
        second = DealSheet(title="Spare parts", account="Velo Parts", stakeholders=[camille])
        second_id = deals.save_deal(app, second, today=TODAY)

        sheet = deal_load.load_deal(app, first_id)
        sheet.terms[0].target = Decimal("4.20")
        sheet.stakeholders[0].stance = Stance.SUPPORTER
        next(p for p in sheet.stakeholders if p.uid == camille.uid).name = "Camille Durand-Ruel"
        sheet.meetings.append(Meeting(TODAY, "Closing call", attendees=["Dana Whitfield"]))
        deals.save_deal(app, sheet, today=TODAY)
        assert sheet.version == version(owner, first_id) == 2
        # The renamed person's other deal changed too: advanced once.
        assert version(owner, second_id) == 2

        # A manager's decision: once.
        entry = sheet.ledger[0].uid
        approvals.decide_approval(manager, first_id, entry, approve=False)
        assert version(owner, first_id) == 3

        # Rep a edits a concession in psql while the app holds version 3.
        sheet = deal_load.load_deal(app, first_id)
        sql(urls["a"], "UPDATE ledger_entry SET what = 'psql' WHERE deal_id = %s", first_id)
        assert version(owner, first_id) == 4
        sheet.title = "Saved from version 3"
        with pytest.raises(Conflict):
            deals.save_deal(app, sheet, today=TODAY)
        assert sql(owner, "SELECT title FROM deal WHERE id = %s", first_id) == [
            ("Bicycles for the season",)
        ]
    finally:
        app.close(), manager.close()


def test_a_person_or_account_renamed_in_psql_advances_every_deal_naming_them(team):
    urls, _roles = team
    owner = server_url(make_url(urls["a"]).database)
    first = bicycle()
    first_id = save(urls["a"], first)
    dana = next(p for p in first.stakeholders if p.name == "Dana Whitfield")
    # Dana at the same account in a second deal (her uid), a third deal elsewhere.
    second_id = save(
        urls["a"], DealSheet(title="Tyres", account=first.account, stakeholders=[dana])
    )
    third_id = save(
        urls["a"],
        DealSheet(title="Elsewhere", account="Other Co", stakeholders=[Stakeholder("Zoe")]),
    )
    before = {i: version(owner, i) for i in (first_id, second_id, third_id)}
    renamed = sql(urls["a"], "UPDATE stakeholder SET name = 'Dana W.' WHERE uid = %s", dana.uid)
    assert renamed == 1
    after = {i: version(owner, i) for i in (first_id, second_id, third_id)}
    assert after == {first_id: before[first_id] + 1, second_id: before[second_id] + 1,
                     third_id: before[third_id]}  # fmt: skip
    # A stance, a person's owner or nothing at all: no rename, no change.
    sql(owner, "UPDATE stakeholder SET owner_role = owner_role WHERE uid = %s", dana.uid)
    assert {i: version(owner, i) for i in after} == after
    # The lead renames the account: both deals there.
    sql(owner, "UPDATE account SET name = 'Bikes & Co' WHERE id = "
        "(SELECT account_id FROM deal WHERE id = %s)", first_id)  # fmt: skip
    assert {i: version(owner, i) for i in after} == {
        first_id: after[first_id] + 1,
        second_id: after[second_id] + 1,
        third_id: after[third_id],
    }


def test_a_rep_reads_no_sequence_and_asks_about_no_colleagues_person(team, cli):
    urls, roles = team
    owner = server_url(make_url(urls["a"]).database)
    deal_id = save(urls["a"], bicycle())
    # A manager adds a person of his own to a's deal (team-visible yet): she takes part
    # in a deal of someone else's, the one bit the rename rule asks about.
    manager = open_database(urls["m"])
    try:
        sheet = deal_load.load_deal(manager, deal_id)
        sheet.stakeholders.append(Stakeholder("Mona Lisa", PartySide.THEIRS))
        deals.save_deal(manager, sheet, today=TODAY)
    finally:
        manager.close()
    mona = sql(owner, "SELECT id FROM stakeholder WHERE name = 'Mona Lisa'")[0][0]
    dana = sql(owner, "SELECT id FROM stakeholder WHERE name = 'Dana Whitfield'")[0][0]
    assert cli("team", "visibility", "private").returncode == 0

    # Sequences: used by inserts, read by nobody but the lead.
    sequences = [r[0] for r in sql(owner, "SELECT relname FROM pg_class WHERE relkind = 'S'")]
    assert "deal_id_seq" in sequences
    for sequence in sequences:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql(urls["b"], f"SELECT last_value FROM {sequence}")
    assert save(urls["b"], bicycle("B's own")) > deal_id

    # The rename rule's helper answers rep b about nobody he may not see, and only as b.
    b_asks = "SELECT public.salesdesk_person_shared(%s, current_user)"
    assert sql(urls["b"], b_asks, mona) == sql(urls["b"], b_asks, dana) == [(False,)]
    assert sql(urls["m"], b_asks, mona) == [(True,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(urls["b"], "SELECT public.salesdesk_person_shared(%s, %s)", mona, roles["m"])
    with pytest.raises(psycopg.errors.UndefinedFunction):
        sql(urls["b"], "SELECT public.salesdesk_person_shared(%s)", mona)
    # The rule itself holds: a renames a person of his alone in his deals, not one who
    # takes part in a manager's deal too.
    camille, camille_uid = sql(
        owner, "SELECT id, uid FROM stakeholder WHERE name = 'Camille Durand'"
    )[0]
    rename = "UPDATE stakeholder SET name = %s WHERE id = %s"
    assert sql(urls["a"], rename, "Camille D.", camille) == 1
    manager = open_database(urls["m"])
    try:
        ours = with_uid(Stakeholder("Camille D.", PartySide.OURS), camille_uid)
        deals.save_deal(
            manager,
            DealSheet(title="M's deal", account="Elsewhere", stakeholders=[ours]),
            today=TODAY,
        )
    finally:
        manager.close()
    assert sql(
        owner, "SELECT count(*) FROM deal_stakeholder WHERE stakeholder_id = %s", camille
    ) == [(2,)]
    assert sql(urls["a"], b_asks, camille) == [(True,)]
    assert sql(urls["a"], rename, "X", camille) == 0
    assert sql(urls["m"], rename, "Camille Durand", camille) == 1


def test_a_touch_of_the_deal_first_hides_no_change_from_the_laptops(team, tmp_path, cli_env):
    """A rep's psql transaction that first writes the deal row without changing it (its
    `xmin` is then this transaction's) and then a term and the deal's value still
    advances the version once: the other laptop receives the hidden term."""
    urls, _roles = team
    owner = server_url(make_url(urls["a"]).database)
    paths = {name: tmp_path / f"{name}-laptop.db" for name in ("a", "b")}
    laptop_a, laptop_b = (open_database(str(p)) for p in paths.values())
    try:
        deals.save_deal(laptop_a, bicycle(), today=TODAY)
        assert sync.sync(laptop_a, urls["a"]).sent == 1
        assert sync.sync(laptop_b, urls["b"]).received == 1
        (uid,) = st.deals(laptop_a)
    finally:
        laptop_a.close(), laptop_b.close()
    deal_id = sql(owner, "SELECT id FROM deal WHERE uid = %s", uid)[0][0]
    term_id = sql(owner, "SELECT min(id) FROM term WHERE deal_id = %s", deal_id)[0][0]
    at = version(owner, deal_id)

    in_one_transaction(
        urls["a"],
        ("UPDATE deal SET title = title WHERE id = %s", (deal_id,)),
        ("UPDATE term SET name = 'hidden' WHERE id = %s", (term_id,)),
        ("UPDATE deal SET value = 1 WHERE id = %s", (deal_id,)),
    )
    assert version(owner, deal_id) == at + 1
    # The same touch inside a savepoint rolled back leaves no mark behind.
    in_one_transaction(
        urls["a"],
        ("SAVEPOINT s", ()),
        ("UPDATE deal SET version = version + 1 WHERE id = %s", (deal_id,)),
        ("ROLLBACK TO SAVEPOINT s", ()),
        ("UPDATE term SET unit = 'crates' WHERE id = %s", (term_id,)),
    )
    assert version(owner, deal_id) == at + 2

    done = run_cli(cli_env, "--db", str(paths["b"]), "sync", "--server", urls["b"])
    assert done.returncode == 0, done.stderr
    assert "0 sent, 1 received" in done.stdout
    laptop_b = open_database(str(paths["b"]))
    try:
        sheet = deal_load.load_deal(laptop_b, st.deals(laptop_b)[uid].id)
        hidden = next(t for t in sheet.terms if t.name == "hidden")
        assert hidden.unit == "crates"
        assert sheet.value == Decimal("0.0001")  # stored as counts of 1/10,000
    finally:
        laptop_b.close()


def test_a_version_set_back_or_far_ahead_is_refused_and_the_apps_writes_move_it_once(team):
    urls, _roles = team
    owner = server_url(make_url(urls["a"]).database)
    app: Database = open_database(urls["a"])
    manager: Database = open_database(urls["m"])
    try:
        deal_id = deals.save_deal(app, bicycle(), today=TODAY)
        at = version(owner, deal_id)
        for who in ("a", "m"):
            for change in ("version - 1", "version + 5", "0"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match="one step on"):
                    sql(
                        urls[who],
                        f"UPDATE deal SET title = 'P3', version = {change} WHERE id = %s",
                        deal_id,
                    )
        assert version(owner, deal_id) == at
        assert sql(owner, "SELECT title FROM deal WHERE id = %s", deal_id) == [
            ("Bicycles for the season",)
        ]
        # One step on by hand, then a term: once.
        in_one_transaction(
            urls["a"],
            ("UPDATE deal SET version = version + 1 WHERE id = %s", (deal_id,)),
            ("UPDATE term SET unit = 'x' WHERE deal_id = %s", (deal_id,)),
        )
        assert version(owner, deal_id) == at + 1

        # The app's save of rows and the deal: exactly one step.
        sheet = deal_load.load_deal(app, deal_id)
        sheet.title = "Saved by the app"
        sheet.terms[0].target = Decimal("4.30")
        sheet.interactions.clear()
        deals.save_deal(app, sheet, today=TODAY)
        assert sheet.version == version(owner, deal_id) == at + 2
        # A manager's decision: one step.
        approvals.decide_approval(manager, deal_id, sheet.ledger[0].uid, approve=True)
        assert version(owner, deal_id) == at + 3
    finally:
        app.close(), manager.close()
