"""people and accounts under the deals' rules; a person's role, stance and introducer on
the deal's link to them; one visibility rule; owner, deletes, tombstones, server
settings and authority limits decided by the server; server times in timestamptz

Revision ID: 0015
Revises: 0019
Create Date: 2026-12-06

Found by an attack on a team server (issue 23):
- `stakeholder` and `account` had no row rules and reps every right on them: under
  private visibility a rep listed, renamed and deleted the people and accounts behind a
  colleague's private deals. Both now belong to the role that made them (`owner_role`)
  and are seen only by it, by managers, or through a deal the reader may see; a person
  is renamed only by its owner (or a manager), and only while it takes part in no other
  owner's deal; accounts and people are never changed or deleted by a rep (an account
  left without a deal goes with its last deal, by the server). A deal is linked only to
  an account, and a person only to a deal, that the rep may already see.
- A person's role, stance and who introduced them were on the person, shared by every
  deal at the account (ours: by the whole company): one rep's import changed a
  colleague's deal. They are facts about a person in a deal and move onto
  `deal_stakeholder`; today's values are copied onto every link.
- Accounts are known by (owner, folded name): one rep's "Acme" is not another's.
- The visibility rule existed in five copies and the search read `session_user` where
  the policies read `current_user`. It is now written once: `salesdesk_is_manager(who)`
  and `salesdesk_sees_all(who)` (a manager, or anyone while deals are team-visible),
  asked once per statement, and a row compared with its owner; every policy and the
  search function use them, `who` being `current_user` in the policies and, in the
  search (which runs as its owner), the caller's `current_user`, passed in and checked
  to be a role the session may be.
- A rep changed a colleague's deal's owner and then deleted it, without a tombstone.
  Only a manager changes `owner_role`; a deal is deleted by its owner or a manager;
  the server leaves the tombstone (its clock, the deal's owner and version) for every
  deleted deal but the built-in samples, however it was deleted.
- Any rep rewrote `database.id` and `contacts.refreshed`: settings are written by
  managers and the lead, except a rep's own profile (name, company, currency) and own
  contact-refresh stamp.
- Authority limits were the app's say: a rep saved a concession of 99,999,999 over a
  1,000 limit as not needing approval. The server marks it: `needs_approval` is set
  when a rep's concession costs more than the rep's limit or, against the deal's value,
  is a deeper discount than the rep's discount limit; a rep sets it, never clears it; a
  rep raising an approved concession's cost loses the approval; only a manager decides.
- Server times were `now() at time zone 'utc'` in `timestamp` columns, read in the
  session's time zone (an hour off on a Paris server): they are `timestamptz`, written
  with the server's `now()`; a deal's creation and update times are the server's
  whatever a client sends, and a recorded last contact more than a day past the
  server's date is not taken.
- Grants: reps read the tombstones and the counter, never write them, and have no right
  on the laptops' sync state; tables a later migration adds are no longer granted to
  the team by default (each migration grants what its rules cover).

Plain SQL and Alembic operations only: nothing here reads the application's code.
"""

import importlib.util
import warnings
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0019"
branch_labels = None
depends_on = None

REP = "salesdesk_rep"
MANAGER = "salesdesk_manager"
SAFE_PATH = "pg_catalog, public, pg_temp"
SCAN = 2000  # search_index.SCAN_BYTES when 0014 was written
TIMESTAMPS = (
    ("deal", "created_at"),
    ("deal", "updated_at"),
    ("ledger_entry", "approved_at"),
    ("deal_tombstone", "deleted_at"),
)
MONEY_FACTOR = 10000  # amounts are stored as counts of 1/10,000
APPROVAL_REFUSED = "SD001"
# Settings a rep writes: their own profile and their own contact-refresh stamp.
OWN_KEYS = ("profile.name@", "profile.company@", "profile.currency@", "contacts.refreshed@")

# ---------------------------------------------------------------- the rules, once

# Who sees every deal, and who may do anything to any deal: asked once per statement (an
# uncorrelated sub-select, an InitPlan: migration 0013 measured a per-row call at 17.5 s
# for a rep's count of 100,000 deals), so a row is compared only with its owner.
RULES = (
    f"""CREATE OR REPLACE FUNCTION public.salesdesk_is_manager(who name) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = {SAFE_PATH} AS $$
    SELECT coalesce((SELECT pg_catalog.pg_has_role(who, r.oid, 'MEMBER')
                       FROM pg_catalog.pg_roles r WHERE r.rolname = '{MANAGER}'), true)
        OR coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = who), false)
        OR who = (SELECT pg_catalog.pg_get_userbyid(d.datdba) FROM pg_catalog.pg_database d
                   WHERE d.datname = pg_catalog.current_database())
    $$""",
    f"""CREATE OR REPLACE FUNCTION public.salesdesk_sees_all(who name) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = {SAFE_PATH} AS $$
    SELECT public.salesdesk_is_manager(who)
        OR coalesce((SELECT s.value FROM public.setting s
                      WHERE s.key = 'team.visibility'), 'team') = 'team'
    $$""",
)


def owns(who: str) -> str:
    """The rule of who may do anything to a deal (or a person, an account): its owner,
    or a manager."""
    return f"(owner_role = {who} OR (SELECT public.salesdesk_is_manager({who})))"


def sees(who: str) -> str:
    """The rule of who sees a deal (a person, an account, a tombstone): its owner, a
    manager, or every rep while the team's deals are team-visible."""
    return f"(owner_role = {who} OR (SELECT public.salesdesk_sees_all({who})))"


# Whether a person takes part in a deal of anyone but the person's owner: then renaming
# them would change another rep's deal. Runs as its owner, to see every link.
PERSON_SHARED = f"""CREATE OR REPLACE FUNCTION public.salesdesk_person_shared(person integer)
    RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    SELECT EXISTS (SELECT 1 FROM public.deal_stakeholder ds
                     JOIN public.deal d ON d.id = ds.deal_id
                     JOIN public.stakeholder s ON s.id = ds.stakeholder_id
                    WHERE ds.stakeholder_id = person AND d.owner_role <> s.owner_role)
    $$"""

# ---------------------------------------------------------------- policies

OWNS = owns("current_user")
SEES = sees("current_user")
MANAGER_NOW = "(SELECT public.salesdesk_is_manager(current_user))"


def _own_keys() -> str:
    return ", ".join(f"'{k}' || current_user" for k in OWN_KEYS)


POLICIES = {
    "deal": (
        f"CREATE POLICY deal_read ON deal FOR SELECT USING ({SEES})",
        f"CREATE POLICY deal_add ON deal FOR INSERT WITH CHECK ({OWNS})",
        f"CREATE POLICY deal_change ON deal FOR UPDATE USING ({SEES}) WITH CHECK ({SEES})",
        f"CREATE POLICY deal_remove ON deal FOR DELETE USING ({OWNS})",
    ),
    "deal_tombstone": (
        f"CREATE POLICY deal_tombstone_of_deal ON deal_tombstone FOR SELECT USING ({SEES})",
    ),
    "account": (
        f"CREATE POLICY account_read ON account FOR SELECT USING ({OWNS} "
        "OR EXISTS (SELECT 1 FROM deal WHERE deal.account_id = account.id))",
        f"CREATE POLICY account_add ON account FOR INSERT WITH CHECK ({OWNS})",
    ),
    "stakeholder": (
        f"CREATE POLICY stakeholder_read ON stakeholder FOR SELECT USING ({OWNS} OR EXISTS "
        "(SELECT 1 FROM deal_stakeholder ds WHERE ds.stakeholder_id = stakeholder.id))",
        f"CREATE POLICY stakeholder_add ON stakeholder FOR INSERT WITH CHECK ({OWNS})",
        f"CREATE POLICY stakeholder_change ON stakeholder FOR UPDATE USING ({OWNS} AND "
        f"({MANAGER_NOW} OR NOT public.salesdesk_person_shared(id))) WITH CHECK ({OWNS})",
    ),
    "setting": (
        "CREATE POLICY setting_read ON setting FOR SELECT USING (true)",
        f"CREATE POLICY setting_write ON setting FOR ALL USING ({MANAGER_NOW} OR key IN "
        f"({_own_keys()})) WITH CHECK ({MANAGER_NOW} OR key IN ({_own_keys()}))",
    ),
}
OLD_POLICIES = {
    "deal": ("deal_read", "deal_add", "deal_change", "deal_remove"),
    "deal_tombstone": ("deal_tombstone_of_deal",),
    "setting": ("setting_read", "setting_write"),
}

# ---------------------------------------------------------------- triggers

# A deal as the server keeps it, whoever writes it (a rep's app, psql): only a manager
# hands it to another owner; its account is one the writer may already see; its times
# are the server's; a recorded last contact past the server's next day is not taken.
GUARD_DEAL = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_deal() RETURNS trigger
    LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.owner_role IS DISTINCT FROM OLD.owner_role
           AND NOT public.salesdesk_is_manager(current_user) THEN
            RAISE EXCEPTION 'only a manager hands a deal over to another owner'
                USING ERRCODE = '42501';
        END IF;
        IF (TG_OP = 'INSERT' OR NEW.account_id IS DISTINCT FROM OLD.account_id)
           AND NOT EXISTS (SELECT 1 FROM public.account a WHERE a.id = NEW.account_id) THEN
            RAISE EXCEPTION 'a deal is put only at an account its writer may see'
                USING ERRCODE = '42501';
        END IF;
        IF NEW.last_contact > current_date + 1 THEN
            NEW.last_contact := CASE WHEN TG_OP = 'UPDATE'
                                      AND OLD.last_contact <= current_date + 1
                                     THEN OLD.last_contact END;
        END IF;
        IF TG_OP = 'INSERT' THEN
            NEW.created_at := now();
            NEW.updated_at := now();
        ELSE
            NEW.created_at := OLD.created_at;
            NEW.updated_at := CASE WHEN NEW.version IS DISTINCT FROM OLD.version
                                   THEN now() ELSE OLD.updated_at END;
        END IF;
        RETURN NEW;
    END
    $$"""

# A person joins a deal only when the writer may already see them.
GUARD_LINK = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_link() RETURNS trigger
    LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF (TG_OP = 'INSERT' OR NEW.stakeholder_id IS DISTINCT FROM OLD.stakeholder_id)
           AND NOT EXISTS (SELECT 1 FROM public.stakeholder s
                            WHERE s.id = NEW.stakeholder_id) THEN
            RAISE EXCEPTION 'a person joins a deal only when its writer may see them'
                USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END
    $$"""

# Every deleted deal but a built-in sample leaves its tombstone, by the server's clock,
# with the deal's owner (its readers are the deal's); an account left without a deal
# goes (its people with it). A deal made again under a deleted uid takes its tombstone
# away. Runs as its owner: reps never write tombstones or remove accounts themselves.
AFTER_DEAL = f"""CREATE OR REPLACE FUNCTION public.salesdesk_after_deal() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            DELETE FROM public.deal_tombstone WHERE uid = NEW.uid;
            RETURN NULL;
        END IF;
        IF TG_OP = 'DELETE' AND OLD.sample IS NULL THEN
            INSERT INTO public.deal_tombstone (uid, version, deleted_at, owner_role)
            VALUES (OLD.uid, OLD.version, now(), OLD.owner_role)
            ON CONFLICT (uid) DO UPDATE SET version = excluded.version,
                deleted_at = excluded.deleted_at, owner_role = excluded.owner_role;
        END IF;
        IF TG_OP = 'DELETE' OR NEW.account_id IS DISTINCT FROM OLD.account_id THEN
            DELETE FROM public.account a WHERE a.id = OLD.account_id
               AND NOT EXISTS (SELECT 1 FROM public.deal d WHERE d.account_id = a.id);
        END IF;
        RETURN NULL;
    END
    $$"""

# A rep's limit from the settings: their own value when they have one (empty: none),
# else the one the database had before it was a team's; anything but a number: none.
LIMIT = f"""CREATE OR REPLACE FUNCTION public.salesdesk_limit(what text, who name)
    RETURNS numeric LANGUAGE sql STABLE SET search_path = {SAFE_PATH} AS $$
    SELECT CASE WHEN v ~ '^[0-9]+(\\.[0-9]+)?$' THEN v::numeric END
      FROM (SELECT coalesce(
                (SELECT s.value FROM public.setting s
                  WHERE s.key = 'profile.' || what || '@' || who),
                (SELECT s.value FROM public.setting s WHERE s.key = 'profile.' || what)) AS v) x
    $$"""

# A concession as the server keeps it: only a manager approves or declines it (SD001,
# naming it); a rep's concession over the rep's authority needs approval, which a rep
# may set and never clear; a rep raising the cost of an approved one loses the approval.
GUARD_APPROVAL = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_approval()
    RETURNS trigger LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    DECLARE
        cost_limit numeric;
        discount_limit numeric;
        deal_value numeric;
    BEGIN
        IF public.salesdesk_is_manager(current_user) THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            IF (NEW.approved, NEW.declined, NEW.approved_by, NEW.approved_at)
               IS DISTINCT FROM
               (OLD.approved, OLD.declined, OLD.approved_by, OLD.approved_at) THEN
                RAISE EXCEPTION 'only a manager approves or declines a concession'
                    USING ERRCODE = '{APPROVAL_REFUSED}', DETAIL = NEW.what;
            END IF;
            IF OLD.needs_approval THEN
                NEW.needs_approval := true;
            END IF;
            IF OLD.approved AND coalesce(NEW.cost, 0) > coalesce(OLD.cost, 0) THEN
                NEW.approved := false;
                NEW.approved_by := '';
                NEW.approved_at := NULL;
            END IF;
        ELSIF NEW.approved OR NEW.declined OR NEW.approved_by <> ''
              OR NEW.approved_at IS NOT NULL THEN
            RAISE EXCEPTION 'only a manager approves or declines a concession'
                USING ERRCODE = '{APPROVAL_REFUSED}', DETAIL = NEW.what;
        END IF;
        IF NEW.giver = 'us' AND coalesce(NEW.cost, 0) > 0 THEN
            cost_limit := public.salesdesk_limit('max_concession_cost', current_user);
            discount_limit := public.salesdesk_limit('max_discount_pct', current_user);
            SELECT d.value INTO deal_value FROM public.deal d WHERE d.id = NEW.deal_id;
            IF NEW.cost > cost_limit * {MONEY_FACTOR}
               OR (deal_value > 0 AND NEW.cost * 100 > discount_limit * deal_value) THEN
                NEW.needs_approval := true;
            END IF;
        END IF;
        RETURN NEW;
    END
    $$"""

TRIGGERS = (
    "DROP TRIGGER IF EXISTS deal_guarded ON deal",
    "CREATE TRIGGER deal_guarded BEFORE INSERT OR UPDATE ON deal "
    "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_guard_deal()",
    "DROP TRIGGER IF EXISTS deal_after ON deal",
    "CREATE TRIGGER deal_after AFTER INSERT OR DELETE OR UPDATE OF account_id ON deal "
    "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_after_deal()",
    "DROP TRIGGER IF EXISTS deal_stakeholder_guarded ON deal_stakeholder",
    "CREATE TRIGGER deal_stakeholder_guarded BEFORE INSERT OR UPDATE ON deal_stakeholder "
    "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_guard_link()",
)

# ---------------------------------------------------------------- the search


def _search(who: str) -> str:
    """0014's search, the caller named `who`, the rule the policies' own."""
    return f"""
    IF NOT has_table_privilege({who}, 'public.deal', 'SELECT') THEN
        RETURN;
    END IF;
    IF pattern ~ '(^|[^\\\\])(\\\\\\\\)*\\\\$' THEN
        RAISE EXCEPTION 'a search pattern may not end in an escape character';
    END IF;
    IF short THEN
        RETURN QUERY SELECT id FROM public.deal WHERE octet_length(search_key) <= {SCAN}
           AND (search_key || '') LIKE pattern AND {sees(who)}
         LIMIT most;
    ELSE
        RETURN QUERY SELECT id FROM public.deal WHERE octet_length(search_key) <= {SCAN}
           AND search_key LIKE pattern AND {sees(who)}
         LIMIT most;
    END IF;
    GET DIAGNOSTICS found = ROW_COUNT;
    IF (most IS NULL OR found < most)
       AND EXISTS (SELECT FROM public.deal WHERE octet_length(search_key) > {SCAN}) THEN
        RETURN QUERY SELECT id FROM public.deal WHERE octet_length(search_key) > {SCAN}
           AND (search_key || '') LIKE pattern AND {sees(who)}
         LIMIT most - found;
    END IF;"""


# Runs as its owner, to use the indexes a rep's row rules keep a search from (0013), for
# the role that calls it: `who`, which must be the caller (a role the session may be).
MATCHING_AS = f"""CREATE OR REPLACE FUNCTION public.salesdesk_matching_as(
        pattern text, most integer, who name)
    RETURNS SETOF integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = {SAFE_PATH}
    SET plan_cache_mode = force_custom_plan
    SET enable_seqscan = off AS $$
DECLARE
    short boolean := length(regexp_replace(pattern, '\\\\(.)', '\\1', 'g')) < 5;
    found integer := 0;
BEGIN
    IF NOT pg_has_role(session_user, who, 'MEMBER') THEN
        RAISE EXCEPTION 'a search is made as the role that asks for it'
            USING ERRCODE = '42501';
    END IF;{_search("who")}
END
$$"""

# What the app calls: the caller's `current_user`, as in every policy.
MATCHING = f"""CREATE FUNCTION public.salesdesk_matching(pattern text, most integer)
    RETURNS SETOF integer LANGUAGE plpgsql STABLE SET search_path = {SAFE_PATH} AS $$
BEGIN
    RETURN QUERY SELECT m FROM public.salesdesk_matching_as(pattern, most, current_user) m;
END
$$"""

OLD_FUNCTIONS = ("salesdesk_sees(text)", "salesdesk_sees_all()", "salesdesk_manager()")

# ---------------------------------------------------------------- grants


def _grants() -> list[str]:
    both = f"{REP}, {MANAGER}"
    return [
        # Accounts and people: a rep adds them; the server removes them.
        f"REVOKE UPDATE, DELETE ON account FROM {both}",
        f"REVOKE DELETE ON stakeholder FROM {both}",
        f"REVOKE INSERT, UPDATE, DELETE ON deal_tombstone FROM {both}",
        f"REVOKE ALL ON sync_state FROM {both}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {both}",
    ]


def _if_roles(statements: list[str]) -> str:
    body = "; ".join(statements)
    return (
        f"DO $$ BEGIN IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('{REP}', "
        f"'{MANAGER}')) = 2 THEN {body}; END IF; END $$"
    )


# ---------------------------------------------------------------- upgrade


def _links_and_owners(postgres: bool) -> None:
    with op.batch_alter_table("deal_stakeholder") as batch:
        batch.add_column(sa.Column("role", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("stance", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("introduced_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "deal_stakeholder_introduced_by_id_fkey",
            "stakeholder",
            ["introduced_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(
            "ix_deal_stakeholder_introduced_by_id", ["introduced_by_id"], unique=False
        )
    op.execute(
        "UPDATE deal_stakeholder SET "
        + ", ".join(
            f"{c} = (SELECT s.{c} FROM stakeholder s WHERE s.id = deal_stakeholder.stakeholder_id)"
            for c in ("role", "stance", "introduced_by_id")
        )
    )
    with op.batch_alter_table("stakeholder") as batch:
        batch.drop_index("ix_stakeholder_introduced_by_id")
        batch.drop_column("introduced_by_id")
        batch.drop_column("role")
        batch.drop_column("stance")
        batch.add_column(
            sa.Column("owner_role", sa.String(length=63), nullable=False, server_default="")
        )
    if postgres:
        op.execute("ALTER TABLE account DROP CONSTRAINT IF EXISTS account_name_key_key")
        op.add_column(
            "account",
            sa.Column("owner_role", sa.String(length=63), nullable=False, server_default=""),
        )
        op.create_unique_constraint(
            "uq_account_owner_role_name_key", "account", ["owner_role", "name_key"]
        )
    else:
        # The unique key of 0001 has no name on SQLite: named here to drop it.
        with op.batch_alter_table(
            "account", naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"}
        ) as batch:
            batch.drop_constraint("uq_account_name_key", type_="unique")
            batch.add_column(
                sa.Column("owner_role", sa.String(length=63), nullable=False, server_default="")
            )
            batch.create_unique_constraint(
                "uq_account_owner_role_name_key", ["owner_role", "name_key"]
            )
    if postgres:
        # Today's rows belong to the owner of the first deal they take part in.
        op.execute(
            "UPDATE account a SET owner_role = coalesce((SELECT d.owner_role FROM deal d "
            "WHERE d.account_id = a.id ORDER BY d.id LIMIT 1), '')"
        )
        op.execute(
            "UPDATE stakeholder s SET owner_role = coalesce((SELECT d.owner_role FROM "
            "deal_stakeholder ds JOIN deal d ON d.id = ds.deal_id "
            "WHERE ds.stakeholder_id = s.id ORDER BY d.id LIMIT 1), '')"
        )
        for table in ("account", "stakeholder"):
            op.execute(f"ALTER TABLE {table} ALTER COLUMN owner_role SET DEFAULT current_user")


def upgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    with warnings.catch_warnings():
        # SQLite's batch operations reflect the deal table too, whose expression indexes
        # SQLAlchemy cannot reflect (and says so): they are not the tables rebuilt here.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        _links_and_owners(postgres)
    if not postgres:
        return
    for table, column in TIMESTAMPS:
        op.execute(
            f"ALTER TABLE {table} ALTER COLUMN {column} TYPE timestamptz "
            f"USING {column} AT TIME ZONE 'UTC'"
        )
    for table, names in OLD_POLICIES.items():
        for name in names:
            op.execute(f"DROP POLICY IF EXISTS {name} ON {table}")
    op.execute("DROP TRIGGER IF EXISTS ledger_entry_approval ON ledger_entry")
    op.execute("DROP FUNCTION IF EXISTS salesdesk_guard_approval()")
    op.execute("DROP FUNCTION IF EXISTS salesdesk_matching(text, integer)")
    for function in OLD_FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    for statement in (*RULES, PERSON_SHARED, MATCHING_AS, MATCHING):
        bind.exec_driver_sql(statement)
    for table in ("account", "stakeholder"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for statements in POLICIES.values():
        for statement in statements:
            bind.exec_driver_sql(statement)
    for statement in (GUARD_DEAL, GUARD_LINK, AFTER_DEAL, LIMIT, GUARD_APPROVAL, *TRIGGERS):
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql(
        "CREATE TRIGGER ledger_entry_approval BEFORE INSERT OR UPDATE ON ledger_entry "
        "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_guard_approval()"
    )
    bind.exec_driver_sql(_if_roles(_grants()))


# ---------------------------------------------------------------- downgrade


def _migration(number: str) -> ModuleType:
    """An earlier migration of this folder (frozen history), to restore what it made."""
    path = next(Path(__file__).parent.glob(f"{number}_*.py"))
    spec = importlib.util.spec_from_file_location(f"salesdesk_migration_{number}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def downgrade() -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        _downgrade()


def _downgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    if postgres:
        m12, m13, m14 = _migration("0012"), _migration("0013"), _migration("0014")
        for trigger, table in (
            ("deal_guarded", "deal"),
            ("deal_after", "deal"),
            ("deal_stakeholder_guarded", "deal_stakeholder"),
            ("ledger_entry_approval", "ledger_entry"),
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for table, statements in POLICIES.items():
            for statement in statements:
                op.execute(f"DROP POLICY IF EXISTS {statement.split()[2]} ON {table}")
        for table in ("account", "stakeholder"):
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS salesdesk_matching(text, integer)")
        for function in (
            "salesdesk_matching_as(text, integer, name)",
            "salesdesk_guard_approval()",
            "salesdesk_limit(text, name)",
            "salesdesk_after_deal()",
            "salesdesk_guard_link()",
            "salesdesk_guard_deal()",
            "salesdesk_person_shared(integer)",
            "salesdesk_sees_all(name)",
            "salesdesk_is_manager(name)",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
        for statement in (
            *m12.FUNCTIONS,
            m13.SEES_ALL,
            *m12._setting_policies(),
            *m12.APPROVAL_GUARD,
            *m13.ONCE,
            m14.MATCHING,
            *m14._search_paths(m14.SAFE_PATH),
        ):
            bind.execute(sa.text(statement))
        for table, column in TIMESTAMPS:
            op.execute(
                f"ALTER TABLE {table} ALTER COLUMN {column} TYPE timestamp "
                f"USING {column} AT TIME ZONE 'UTC'"
            )
        op.drop_constraint("uq_account_owner_role_name_key", "account", type_="unique")
        op.drop_column("account", "owner_role")
        op.create_unique_constraint("account_name_key_key", "account", ["name_key"])
    else:
        with op.batch_alter_table("account") as batch:
            batch.drop_constraint("uq_account_owner_role_name_key", type_="unique")
            batch.drop_column("owner_role")
            batch.create_unique_constraint("uq_account_name_key", ["name_key"])
    with op.batch_alter_table("stakeholder") as batch:
        batch.drop_column("owner_role")
        batch.add_column(sa.Column("role", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("stance", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("introduced_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "stakeholder_introduced_by_id_fkey",
            "stakeholder",
            ["introduced_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_stakeholder_introduced_by_id", ["introduced_by_id"], unique=False)
    # A person's values from the link of their first deal.
    op.execute(
        "UPDATE stakeholder SET "
        + ", ".join(
            f"{c} = (SELECT ds.{c} FROM deal_stakeholder ds WHERE ds.stakeholder_id = "
            "stakeholder.id ORDER BY ds.deal_id LIMIT 1)"
            for c in ("role", "stance", "introduced_by_id")
        )
    )
    with op.batch_alter_table("deal_stakeholder") as batch:
        batch.drop_index("ix_deal_stakeholder_introduced_by_id")
        batch.drop_constraint("deal_stakeholder_introduced_by_id_fkey", type_="foreignkey")
        batch.drop_column("introduced_by_id")
        batch.drop_column("stance")
        batch.drop_column("role")
