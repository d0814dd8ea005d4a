"""Who sees what is the server's job: rep B, connected as itself, cannot read, change or
delete rep A's private deal through plain SQL; a manager sees it; team settings are the
managers'."""

from __future__ import annotations

import json
import uuid
from datetime import date

import psycopg
import pytest

from salesdesk.interop.demo import sample_sheets
from salesdesk.store import approvals, deal_list, deal_load, deals, settings
from salesdesk.store import team as store_team
from salesdesk.store.engine import open_database
from tests.conftest import server_url

TODAY = date(2026, 11, 30)

pytestmark = pytest.mark.server


@pytest.fixture
def team(db_target, server, cli):
    """A team database: set up by its owner, with reps a and b and a manager m."""
    from sqlalchemy.engine import make_url

    database = make_url(db_target).database
    suffix = uuid.uuid4().hex[:8]
    roles = {name: f"{name}_{suffix}" for name in ("a", "b", "m")}
    assert cli("deals").returncode == 0  # migrated by the owner
    init = cli("team", "init")
    assert init.returncode == 0, init.stderr
    assert "row-level security" in init.stdout
    for name in ("a", "b"):
        done = cli("team", "add-rep", roles[name])
        assert done.returncode == 0 and "is now a rep" in done.stdout, done.stderr
    assert cli("team", "add-manager", roles["m"]).returncode == 0
    yield {name: server_url(database, role) for name, role in roles.items()}, roles
    server.drop_all()
    for role in roles.values():
        server.admin(f'DROP ROLE IF EXISTS "{role}"')


def sql(url, statement, *params):
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        cursor = conn.execute(statement, params)
        rows = cursor.fetchall() if cursor.description else cursor.rowcount
        conn.commit()
        return rows


def test_a_private_deal_is_its_owner_and_managers_alone(team, cli):
    urls, roles = team
    assert cli("team", "visibility", "private").returncode == 0
    rep_a = open_database(urls["a"])
    try:
        deal_id = deals.save_deal(
            rep_a, sample_sheets(date(2026, 11, 30))["telematics-en"], today=TODAY
        )
        assert sql(urls["a"], "SELECT owner_role FROM deal WHERE id = %s", deal_id) == [
            (roles["a"],)
        ]
    finally:
        rep_a.close()
    b = urls["b"]
    # read: neither the deal nor any of its rows
    assert sql(b, "SELECT count(*) FROM deal") == [(0,)]
    assert sql(b, "SELECT count(*) FROM term WHERE deal_id = %s", deal_id) == [(0,)]
    assert sql(b, "SELECT count(*) FROM ledger_entry WHERE deal_id = %s", deal_id) == [(0,)]
    assert sql(b, "SELECT count(*) FROM meeting WHERE deal_id = %s", deal_id) == [(0,)]
    # change, delete: nothing happens
    assert sql(b, "UPDATE deal SET title = 'mine now' WHERE id = %s", deal_id) == 0
    assert sql(b, "UPDATE term SET target = 1 WHERE deal_id = %s", deal_id) == 0
    assert sql(b, "DELETE FROM ledger_entry WHERE deal_id = %s", deal_id) == 0
    assert sql(b, "DELETE FROM deal WHERE id = %s", deal_id) == 0
    # a deal claimed for rep a by rep b (at an account of b's own) is refused
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(
            b,
            "WITH mine AS (INSERT INTO account (name, name_key) VALUES ('B', 'b') RETURNING id) "
            "INSERT INTO deal (uid, account_id, title, owner_role, created_at, updated_at) "
            "SELECT 'x', id, 'forged', %s, now(), now() FROM mine",
            roles["a"],
        )
    # nor can b make the team's deals visible again
    assert sql(b, "UPDATE setting SET value = 'team' WHERE key = 'team.visibility'") == 0
    assert sql(b, "DELETE FROM setting WHERE key = 'team.visibility'") == 0
    refused = cli("--db", b, "team", "visibility", "team", db=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "The server refused this change" in refused.stderr
    # the owner and a manager see it, untouched
    assert sql(urls["a"], "SELECT title FROM deal WHERE id = %s", deal_id) == [
        ("Fleet telematics roll-out, 240 vehicles",)
    ]
    assert sql(urls["m"], "SELECT count(*) FROM term WHERE deal_id = %s", deal_id) != [(0,)]
    # the command line as rep b: the deal does not exist for them
    assert json.loads(cli("--db", b, "deals", "--json", db=False).stdout) == []
    assert "There is no deal" in cli("--db", b, "show", str(deal_id), db=False).stderr


def test_a_team_visible_deal_is_shared(team, cli):
    urls, _roles = team
    rep_a = open_database(urls["a"])
    try:
        deal_id = deals.save_deal(
            rep_a, sample_sheets(date(2026, 11, 30))["telematics-en"], today=TODAY
        )
    finally:
        rep_a.close()
    rows = sql(urls["b"], "SELECT title FROM deal WHERE id = %s", deal_id)
    assert rows == [("Fleet telematics roll-out, 240 vehicles",)]
    # but only its owner or a manager deletes it
    assert sql(urls["b"], "DELETE FROM deal WHERE id = %s", deal_id) == 0


def test_profiles_are_per_rep_and_the_cadence_is_the_managers(team):
    from salesdesk.store.errors import StoreError

    urls, _roles = team
    a, b, m = (open_database(urls[k]) for k in ("a", "b", "m"))
    try:
        profile = settings.load_profile(a)
        profile.name = "Alice"
        store_team.save_profile(a, profile)
        other = settings.load_profile(b)
        other.name = "Bob"
        store_team.save_profile(b, other)
        assert settings.load_profile(a).name == "Alice" and settings.load_profile(b).name == "Bob"
        other.cadence = (1, 1, 1, 1, 1)
        with pytest.raises(StoreError, match="set by a manager"):
            store_team.save_profile(b, other)
        boss = settings.load_profile(m)
        boss.cadence = (6, 4, 3, 2, 1)
        store_team.save_profile(m, boss)
        assert settings.load_profile(a).cadence == (6, 4, 3, 2, 1)
    finally:
        for db in (a, b, m):
            db.close()


def test_the_managers_approval_queue_with_who_and_when(team, cli):
    from salesdesk.store.errors import StoreError

    urls, roles = team
    assert cli("team", "visibility", "private").returncode == 0
    a, b, m = (open_database(urls[k]) for k in ("a", "b", "m"))
    try:
        sheet = sample_sheets(date(2026, 11, 30))["telematics-en"]
        entry = sheet.ledger[0]
        entry.needs_approval, entry.approved, entry.approved_by = True, False, ""
        deal_id = deals.save_deal(a, sheet, today=TODAY)
        assert approvals.approvals_waiting(b) == []  # a private deal: not b's business
        waiting = approvals.approvals_waiting(m)
        assert [(w.deal_id, w.owner_role, w.entry_uid) for w in waiting] == [
            (deal_id, roles["a"], entry.uid)
        ]
        with pytest.raises(StoreError, match="Only a manager"):
            approvals.decide_approval(a, deal_id, entry.uid, True)
        approvals.decide_approval(m, deal_id, entry.uid, False)
        seen = deal_load.load_deal(a, deal_id).ledger[0]  # the rep sees it at once
        assert seen.declined and seen.approved_by == roles["m"] and seen.approved_at
        assert approvals.approvals_waiting(m) == []
    finally:
        for db in (a, b, m):
            db.close()


def test_a_search_finds_only_the_deals_the_rep_may_see(team, cli, server):
    """Searches of three letters or more reach the trigram index through a function that
    runs as its owner: it hands a rep only the deals they may see, and a role that may
    not read deals nothing at all; the app's searches and counts agree with the rules."""
    from salesdesk.domain.listing import DealQuery

    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    today = date(2026, 11, 30)
    sheets = sample_sheets(today)
    made = {}
    for name, key in (("a", "telematics-en"), ("b", "packaging-fr")):
        rep = open_database(urls[name])
        try:
            made[name] = deals.save_deal(rep, sheets[key], today=today)
        finally:
            rep.close()
    a_title = "telematics"  # in rep a's private deal only
    for who, expected in (("a", [made["a"]]), ("b", []), ("m", [made["a"]])):
        assert sql(urls[who], "SELECT * FROM salesdesk_matching('%%telematics%%', 10)") == [
            (i,) for i in expected
        ]
        db = open_database(urls[who])
        try:
            for cap in (None, 1000):
                assert deal_list.count_deals(db, DealQuery(text=a_title), today, cap) == len(
                    expected
                )
            assert [
                d.id for d in deal_list.query_deals(db, DealQuery(text=a_title), today)
            ] == expected
        finally:
            db.close()
    # One and two letters are scanned, not looked up in the trigram index: by the same rule.
    for who, expected in (("a", [made["a"]]), ("b", [made["b"]]), ("m", sorted(made.values()))):
        for pattern in ("%%", "%%e%%", "%%el%%"):
            found = sql(urls[who], f"SELECT * FROM salesdesk_matching('{pattern}', 10) ORDER BY 1")
            assert found == [(i,) for i in expected], (who, pattern)
    # Team-visible deals: rep b finds them too; a login role outside the team finds no
    # deal at all, not even an id.
    assert cli("team", "visibility", "team").returncode == 0
    assert sql(urls["b"], "SELECT count(*) FROM salesdesk_matching('%%', 10)") == [(2,)]
    outsider = f"out_{uuid.uuid4().hex[:8]}"
    server.admin(f'CREATE ROLE "{outsider}" LOGIN')
    try:
        from sqlalchemy.engine import make_url

        url = make_url(urls["a"]).set(username=outsider).render_as_string(hide_password=False)
        assert sql(url, "SELECT * FROM salesdesk_matching('%%', 10)") == []
    finally:
        server.drop_all()
        server.admin(f'DROP ROLE IF EXISTS "{outsider}"')


def test_a_reps_temporary_tables_never_stand_in_for_the_teams_own(team, cli):
    """The team's functions read the schema's own `setting` and the catalogue's
    `pg_roles`, never a rep's temporary table of that name: a rep cannot make the
    server think the deals are team-visible, or that the rep is a manager."""
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    rep_a = open_database(urls["a"])
    try:
        deal_id = deals.save_deal(
            rep_a, sample_sheets(date(2026, 11, 30))["telematics-en"], today=TODAY
        )
    finally:
        rep_a.close()
    with psycopg.connect(urls["b"]) as conn:
        conn.execute("CREATE TEMP TABLE setting (key text, value text)")
        conn.execute("INSERT INTO setting VALUES ('team.visibility', 'team')")
        conn.execute("GRANT SELECT ON setting TO PUBLIC")
        conn.execute("CREATE TEMP TABLE pg_roles (rolname name, oid oid, rolsuper boolean)")
        conn.execute("INSERT INTO pg_roles SELECT current_user, 0, true")
        conn.execute("GRANT SELECT ON pg_roles TO PUBLIC")
        assert conn.execute("SELECT count(*) FROM public.deal").fetchone() == (0,)
        found = conn.execute("SELECT count(*) FROM salesdesk_matching('%%', NULL)")
        assert found.fetchone() == (0,)
        assert conn.execute("SELECT salesdesk_is_manager(current_user)").fetchone() == (False,)
        assert conn.execute("SELECT salesdesk_sees_all(current_user)").fetchone() == (False,)
        assert conn.execute("DELETE FROM public.deal WHERE id = %s", (deal_id,)).rowcount == 0
    # nor can a rep put a function beside the team's, to stand in for a built-in one
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(
            urls["b"],
            "CREATE FUNCTION public.octet_length(varchar) RETURNS int AS 'SELECT 0' LANGUAGE sql",
        )


def test_a_search_pattern_tells_nothing_by_its_errors(team, cli):
    """LIKE fails on a pattern ending in its escape character only once a key matches
    the rest of it; the search function refuses such a pattern before reading any deal,
    so the error is the same whether another rep's deal holds the word or not."""
    urls, _roles = team
    assert cli("team", "visibility", "private").returncode == 0
    rep_a = open_database(urls["a"])
    try:
        deals.save_deal(rep_a, sample_sheets(date(2026, 11, 30))["telematics-en"], today=TODAY)
    finally:
        rep_a.close()
    for word in ("telematics", "zorblax"):  # in rep a's private deal, and nowhere
        with pytest.raises(psycopg.errors.RaiseException, match="escape character"):
            sql(urls["b"], f"SELECT count(*) FROM salesdesk_matching('%%{word}\\', 10)")
    assert sql(urls["b"], "SELECT count(*) FROM salesdesk_matching('%%telematics\\\\%%', 10)") == [
        (0,)
    ]


def test_a_reps_crm_import_makes_deals_the_rep_owns(team, cli, tmp_path):
    """A rep imports a CRM export into the team's database: the deals are the rep's,
    the row rules let them in, and another rep does not see them."""
    from tests.conftest import CliRunner

    urls, roles = team
    assert cli("team", "visibility", "private").returncode == 0
    export = tmp_path / "opportunities.csv"
    export.write_text(
        "Opportunity Name,Account Name,Amount,Close Date,Stage\n"
        "Fleet renewal,Northwind,1000,11/27/2026,Prospecting\n"
        "Scanners,\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa\ufdfa,2000,11/28/2026,Prospecting\n",
        encoding="utf-8",
    )
    done = CliRunner(cli.env, urls["a"])("import", str(export))
    assert done.returncode == 0, done.stderr
    assert "2 created" in done.stdout
    assert sql(urls["a"], "SELECT owner_role FROM deal ORDER BY id") == [(roles["a"],)] * 2
    assert sql(urls["b"], "SELECT count(*) FROM deal") == [(0,)]
