from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from salesdesk.store.migrate import KNOWN_REVISIONS, SCHEMA_HEAD, alembic_config, upgrade
from salesdesk.store.search_index import ORDER_INDEX, outside_models
from salesdesk.store.tables import metadata

TODAY = date(2026, 11, 29)


def test_head_constants_match_the_scripts():
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_current_head() == SCHEMA_HEAD
    history = [rev.revision for rev in scripts.walk_revisions()]
    assert sorted(history) == sorted(KNOWN_REVISIONS)


# SQLAlchemy cannot reflect an index on an expression; the list-order index is one.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index"
)


def _fresh_engine(kind, tmp_path, name, request):
    if kind == "sqlite":
        return create_engine(f"sqlite:///{tmp_path / name}")
    from tests.conftest import server_url

    server = request.getfixturevalue("server")
    return create_engine(server_url(server.new_database()))


def _schema(engine):
    insp = inspect(engine)
    out = {}
    for table in sorted(insp.get_table_names()):
        if table == "alembic_version" or outside_models(table, "table"):
            continue
        out[table] = {
            "columns": sorted(
                (c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)
            ),
            "pk": sorted(insp.get_pk_constraint(table)["constrained_columns"]),
            "fks": sorted(
                (
                    tuple(f["constrained_columns"]),
                    f["referred_table"],
                    f.get("options", {}).get("ondelete"),
                )
                for f in insp.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (tuple(i["column_names"]), bool(i["unique"]))
                for i in insp.get_indexes(table)
                if not outside_models(i["name"], "index")  # the migrations' own
            ),
            "uniques": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table)),
        }
    return out


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.server)])
def test_migrated_schema_equals_create_all(kind, tmp_path, request):
    migrated = _fresh_engine(kind, tmp_path, "migrated.db", request)
    upgrade(migrated)
    created = _fresh_engine(kind, tmp_path, "created.db", request)
    metadata.create_all(created)
    assert _schema(migrated) == _schema(created)
    with migrated.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, kind, _p: not outside_models(name, kind),
                },
            ),
            metadata,
        )
    assert diff == []
    migrated.dispose()
    created.dispose()


@pytest.mark.sqlite_file
def test_the_search_index_follows_every_write(tmp_path):
    """Inserted, renamed and deleted deals are found, or not, through the trigram index."""
    from datetime import date

    from salesdesk.domain.deal import DealSheet
    from salesdesk.domain.listing import DealQuery
    from salesdesk.store import deal_list, deal_load, deals
    from salesdesk.store.engine import open_database

    db = open_database(str(tmp_path / "search.db"))
    today = date(2026, 11, 29)
    first = deals.save_deal(db, DealSheet("Renouvellement", "Société Générale"), today=today)
    deals.save_deal(db, DealSheet("Scanners", "Łódzkie Zakłady"), today=today)

    def found(text: str) -> list[str]:
        return [d.title for d in deal_list.query_deals(db, DealQuery(text=text), today)]

    assert found("societe gen") == ["Renouvellement"]
    assert found("LODZ") == ["Scanners"]
    sheet = deal_load.load_deal(db, first)
    sheet.title = "Extension"
    deals.save_deal(db, sheet, today=today)
    assert found("renouv") == [] and found("extens") == ["Extension"]
    deals.delete_deal(db, first)
    assert found("societe") == []
    assert deal_list.count_deals(db, DealQuery(text="zakl"), today) == 1
    with db.reading() as session:
        plan = " ".join(
            str(r)
            for r in session.execute(
                __import__("sqlalchemy").text(
                    "EXPLAIN QUERY PLAN SELECT rowid FROM deal_search "
                    "WHERE search_key LIKE '%zakl%'"
                )
            )
        )
    assert "VIRTUAL TABLE INDEX" in plan
    db.close()


@pytest.mark.sqlite_file
def test_the_list_order_index_serves_a_broad_search(tmp_path):
    """A page of a search matching most deals walks the order index, no sort."""
    from datetime import date

    from sqlalchemy import text

    from salesdesk.domain.listing import DealQuery
    from salesdesk.store import deal_list
    from salesdesk.store.engine import open_database

    db = open_database(str(tmp_path / "order.db"))
    stmt = deal_list.filtered(DealQuery(text="s"), date(2026, 11, 29)).order_by(
        *deal_list.list_order(DealQuery())
    )
    sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.reading() as session:
        plan = " ".join(str(r) for r in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert ORDER_INDEX in plan and "TEMP B-TREE" not in plan
    db.close()


@pytest.mark.sqlite_file
def test_todays_contacts_walk_the_list_order_index(tmp_path):
    """Most deals are open: the status index would make SQLite sort them all."""
    from datetime import date

    from sqlalchemy import event

    from salesdesk.store import contacts
    from salesdesk.store.engine import open_database

    db = open_database(str(tmp_path / "today.db"))
    statements: list[tuple[str, object]] = []
    event.listen(
        db.engine,
        "before_cursor_execute",
        lambda _conn, _cursor, sql, params, _context, _many: statements.append((sql, params)),
    )
    contacts.contacts_due(db, date(2026, 11, 29))
    sql, params = next(s for s in statements if "next_contact_due <=" in s[0])
    with db.reading() as session:
        plan = " ".join(
            str(r)
            for r in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
        )
    assert ORDER_INDEX in plan and "TEMP B-TREE" not in plan
    db.close()


@pytest.mark.sqlite_file
def test_the_list_sorts_walk_an_index_in_either_direction(tmp_path):
    """A click on a column header shows its first page without sorting every deal
    (account, ordered on another table, aside)."""
    from datetime import date

    from sqlalchemy import text

    from salesdesk.domain.listing import DealQuery, SortKey
    from salesdesk.store import deal_list
    from salesdesk.store.engine import open_database

    db = open_database(str(tmp_path / "sorts.db"))
    for key in set(SortKey) - {SortKey.ACCOUNT}:
        for descending in (False, True):
            query = DealQuery(text="so", sort=key, descending=descending)
            stmt = deal_list.filtered(query, date(2026, 11, 29)).order_by(
                *deal_list.list_order(query)
            )
            sql = str(stmt.limit(200).compile(db.engine, compile_kwargs={"literal_binds": True}))
            with db.reading() as session:
                plan = " ".join(str(r) for r in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "TEMP B-TREE" not in plan, (key, descending, plan)
    db.close()


@pytest.mark.server
def test_the_server_search_migration_goes_down_and_up_again(request):
    """0014 (the key scan index, the search function planned per pattern) undone gives
    0013's function back, and a search still finds the deal; done again, all returns."""
    from alembic import command
    from sqlalchemy import text

    from salesdesk.domain.deal import DealSheet
    from salesdesk.store import deals
    from salesdesk.store.engine import open_database
    from salesdesk.store.search_index import LONG_INDEX, SCAN_INDEX
    from tests.conftest import server_url

    url = server_url(request.getfixturevalue("server").new_database())
    db = open_database(url)
    deals.save_deal(db, DealSheet("Audit énergétique", "Acme"), today=TODAY)
    db.close()

    def state(engine):
        with engine.connect() as conn:
            names = conn.execute(text("SELECT indexname FROM pg_indexes")).scalars().all()
            language = conn.execute(
                text(
                    "SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
                    "WHERE p.proname = 'salesdesk_matching'"
                )
            ).scalar_one()
            found = [
                conn.execute(
                    text("SELECT count(*) FROM salesdesk_matching(:p, 5)"), {"p": p}
                ).scalar_one()
                for p in ("%ac%", "%acme%", "%zq%")
            ]
        return {SCAN_INDEX, LONG_INDEX} <= set(names), language, found

    engine = create_engine(url)
    assert state(engine) == (True, "plpgsql", [1, 1, 0])
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0013")
    assert state(engine) == (False, "sql", [1, 1, 0])
    upgrade(engine)
    assert state(engine) == (True, "plpgsql", [1, 1, 0])
    engine.dispose()


@pytest.mark.sqlite_file
def test_an_account_key_too_long_for_its_column_is_given_one_that_fits(tmp_path):
    """SQLite never enforced the account key's length: an account saved before 0014
    with a longer key is given the key that fits, so it is found again, not doubled."""
    from sqlalchemy import text

    from salesdesk.domain.deal import DealSheet
    from salesdesk.domain.text import account_key, search_key
    from salesdesk.store import deals
    from salesdesk.store.engine import open_database

    path = tmp_path / "deals.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0013")
    name = "\ufdfa" * 20
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO account (name, name_key) VALUES (:n, :k)"),
            {"n": name, "k": search_key(name)},
        )
    engine.dispose()
    db = open_database(str(path))  # migrates to the head
    try:
        deals.save_deal(db, DealSheet("Renewal", name), today=TODAY)
        with db.engine.connect() as conn:
            keys = conn.execute(text("SELECT name_key FROM account")).scalars().all()
        assert keys == [account_key(name)] and len(keys[0]) == 300
    finally:
        db.close()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.server)])
def test_people_keep_their_role_stance_and_introducer_in_each_deal(kind, tmp_path, request):
    """0015 moves a person's role, stance and introducer onto each deal's link to them:
    a database written before keeps them, in every deal the person takes part in; on a
    server, people and accounts then belong to the owner of their first deal."""
    from sqlalchemy import text

    from salesdesk.domain.deal import Role, Stance
    from salesdesk.store import deal_load
    from salesdesk.store.engine import Database

    engine = _fresh_engine(kind, tmp_path, "old.db", request)
    upgrade(engine, "0014")
    rows = (
        "INSERT INTO account (id, name, name_key) VALUES (1, 'Acme', 'acme')",
        "INSERT INTO deal (id, uid, account_id, title, currency, status, stage, phase, "
        "owner, created_at, updated_at, owner_role) VALUES "
        "(1, 'd1', 1, 'One', 'EUR', 'open', 'needs', 3, '', '2026-11-01 10:00:00', "
        "'2026-11-01 10:00:00', 'alice'), (2, 'd2', 1, 'Two', 'EUR', 'open', 'needs', 3, "
        "'', '2026-11-02 10:00:00', '2026-11-02 10:00:00', 'alice')",
        "INSERT INTO stakeholder (id, uid, account_id, name, side, role, stance, "
        "introduced_by_id) VALUES (1, 'p1', 1, 'Nora', 'theirs', 'economic_buyer', "
        "'skeptic', NULL), (2, 'p2', NULL, 'Sam', 'ours', 'influencer', 'champion', 1)",
        "INSERT INTO deal_stakeholder (deal_id, stakeholder_id, position) VALUES "
        "(1, 1, 0), (1, 2, 1), (2, 1, 0)",
    )
    with engine.begin() as conn:
        for statement in rows:
            conn.execute(text(statement))
    upgrade(engine)
    db = Database(engine, "old", None)
    one, two = deal_load.load_deal(db, 1), deal_load.load_deal(db, 2)
    assert [(p.name, p.role, p.stance, p.introduced_by, p.uid) for p in one.stakeholders] == [
        ("Nora", Role.ECONOMIC_BUYER, Stance.SKEPTIC, None, "p1"),
        ("Sam", Role.INFLUENCER, Stance.CHAMPION, "p1", "p2"),
    ]
    assert [(p.name, p.role, p.stance) for p in two.stakeholders] == [
        ("Nora", Role.ECONOMIC_BUYER, Stance.SKEPTIC)
    ]
    if kind == "postgresql":
        with engine.connect() as conn:
            owners = conn.execute(
                text("SELECT owner_role FROM account UNION ALL SELECT owner_role FROM stakeholder")
            ).scalars()
            assert set(owners) == {"alice"}
    engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.server)])
def test_0017_keeps_every_existing_score_and_asks_for_one_term_batnas_score(
    kind, tmp_path, request
):
    """A deal saved at 0014 (whole weights, a BATNA valued on price alone) reads back
    after 0017 with the same weights and offer scores; its BATNA's per-term figure is
    no longer taken for a package score, and the analysis says a score is needed."""
    from datetime import date
    from decimal import Decimal

    from sqlalchemy import text

    from salesdesk.domain.analysis import analyse
    from salesdesk.store import deal_load
    from salesdesk.store.engine import open_database

    engine = _fresh_engine(kind, tmp_path, "old.db", request)
    upgrade(engine, "0014")
    url = engine.url.render_as_string(hide_password=False)
    rows = [
        "INSERT INTO account (id, name, name_key) VALUES (1, 'Acme', 'acme')",
        "INSERT INTO deal (id, uid, account_id, title, currency, status, stage, phase, "
        "owner, search_key, created_at, updated_at, version) VALUES (1, 'u1', 1, 'Deal', "
        "'EUR', 'open', 'contract', 3, '', 'deal acme', '2026-11-01 10:00:00', "
        "'2026-11-01 10:00:00', 1)",
        # price: ours 120 → 100, theirs 90 → 105; days: ours 30 → 60, theirs 90 → 60
        "INSERT INTO term (id, uid, deal_id, position, name, unit, direction, weight, "
        "their_weight, opening, walk_away, their_opening, their_walk_away) VALUES "
        "(1, 't1', 1, 0, 'Price', '', 'higher_is_better', 70, 50, 1200000, 1000000, "
        "900000, 1050000), (2, 't2', 1, 1, 'Days', '', 'lower_is_better', 30, 50, "
        "300000, 600000, 900000, 600000)",
        "INSERT INTO batna (id, deal_id, side, description, value, term_id, score) VALUES "
        "(1, 1, 'ours', 'other buyer', 1050000, 1, NULL)",
        "INSERT INTO offer (id, uid, deal_id, side, round) VALUES (1, 'o1', 1, 'us', 1)",
        "INSERT INTO offer_value (id, offer_id, term_id, value) VALUES "
        "(1, 1, 1, 1100000), (2, 1, 2, 450000)",
    ]
    with engine.begin() as conn:
        for statement in rows:
            conn.execute(text(statement))
    engine.dispose()
    db = open_database(url, upgrade_server=True)  # on a server: the lead's upgrade
    try:
        sheet = deal_load.load_deal(db, 1)
    finally:
        db.close()
    assert [(t.kind.value, t.weight, t.their_weight) for t in sheet.terms] == [
        ("numeric", Decimal(70), Decimal(50)),
        ("numeric", Decimal(30), Decimal(50)),
    ]
    a = analyse(sheet, date(2026, 11, 29))
    # As before 0017: price (110 − 100)/20 = 50 × 70, days (45 − 60)/(30 − 60) = 50 × 30.
    assert [o.score for o in a.offers] == [Decimal("50.00")]
    assert sheet.batna_ours.value == Decimal(105) and sheet.batna_ours.term == "Price"
    assert a.batna_score is None and a.batna_needs_score == ("us",)
