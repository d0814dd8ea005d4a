"""every change to a deal's content advances its version, once per transaction, whoever
writes it; reps read no sequence and ask about no other rep's person

Revision ID: 0023
Revises: 0021
Create Date: 2026-12-06

On PostgreSQL (a laptop's SQLite file has one writer, the app, whose saves advance the
version themselves):
- A change made in psql (or any client) to a deal's rows — terms and their options and
  score points, BATNAs and their values, concessions, offers and their values, meetings
  and their attendees, interactions, checklist ticks, the deal's links to people (role,
  stance, introducer) — left the deal's version as it was: laptops never received it.
  Now a trigger on each of those tables advances the deal's version, unless this
  transaction already advanced it: a mark in `deal_bump` (the deal, the transaction's
  id) that only these triggers write and no team role reads. Having written the deal
  row (`SET title = title`, the deal's `xmin`) is no such mark: it advanced nothing.
  The app writes the deal row first, from the version it loaded (its conflict check),
  at +1 (marked), then the rows: a save still advances the version once. A change of
  the deal row itself that leaves its version as it was (a title set in psql) advances
  it the same way; derived columns (the next contact, the search key, the times) and
  the owner, the sample mark and the uid do not count.
- A version set by hand other than one step on (back, hiding a change from the
  laptops, or far ahead) is refused to all but the schema's owner (SQLSTATE 42501).
- A person's name, side, account or uid changed advances every deal naming them (as
  taking part, introducer or attendee); an account renamed, every deal at it.
- Cancelled meetings (what a calendar export remembers) travel in no package: they do
  not count.
- Reps no longer read the sequences (`SELECT last_value FROM deal_id_seq` counted every
  deal made): USAGE alone, enough to insert rows.
- `salesdesk_person_shared`, which runs as its owner, answered for any person id. It now
  takes the caller (checked to be a role the session may be, as the search's) and
  answers only about that caller's own people (a manager's: any), which is all the
  rename rule asks of it.

Plain SQL: nothing here reads the application's code.
"""

from alembic import op

revision = "0023"
down_revision = "0021"
branch_labels = None
depends_on = None

REP = "salesdesk_rep"
MANAGER = "salesdesk_manager"
SAFE_PATH = "pg_catalog, public, pg_temp"
# Where a deal's version was advanced, and by which transaction: written only by the
# functions below (their owner's), read by no team role. A touch of the deal row that
# leaves its version as it was (`SET title = title`) marks nothing; a savepoint rolled
# back takes its mark with it. (The top transaction's id: a subtransaction's is its own.)
BUMPS = """CREATE TABLE IF NOT EXISTS public.deal_bump (
    deal_id integer PRIMARY KEY, xid bigint NOT NULL)"""
XID = "pg_catalog.txid_current()"
# The deals of `deals` (integer[]) not yet advanced by this transaction are advanced,
# once: each locked first (the order an app's save takes: the deal, then its mark).
ADVANCE = f"""PERFORM 1 FROM public.deal d WHERE d.id = ANY (deals) ORDER BY d.id
             FOR NO KEY UPDATE;
        WITH marked AS (
            INSERT INTO public.deal_bump AS b (deal_id, xid)
            SELECT d.id, {XID} FROM public.deal d WHERE d.id = ANY (deals)
            ON CONFLICT (deal_id) DO UPDATE SET xid = excluded.xid
             WHERE b.xid <> excluded.xid
            RETURNING b.deal_id)
        SELECT coalesce(array_agg(deal_id), '{{}}') INTO fresh FROM marked;
        UPDATE public.deal d SET version = d.version + 1 WHERE d.id = ANY (fresh);"""

# Rows of a deal through their deal_id, and those one step further (table: parent, key).
DEAL_ROWS = (
    "term",
    "batna",
    "ledger_entry",
    "offer",
    "meeting",
    "interaction",
    "deal_stakeholder",
    "checklist_tick",
)
INDIRECT_ROWS = {
    "term_option": ("term", "term_id"),
    "term_point": ("term", "term_id"),
    "batna_value": ("batna", "batna_id"),
    "offer_value": ("offer", "offer_id"),
    "meeting_attendee": ("meeting", "meeting_id"),
}
# The deal row's own content: what a package carries of the deal itself.
CONTENT = (
    "account_id",
    "title",
    "currency",
    "value",
    "status",
    "stage",
    "phase",
    "close_date",
    "probability",
    "owner",
    "source_system",
    "source_id",
    "source_stage",
    "source_detail",
    "lost_reason",
    "competitor",
    "last_contact",
    "customer_language",
)


def _deal_of(row: str) -> str:
    """The statements adding the deal of `row` (NEW or OLD) to `deals`, per table."""
    branches = [
        f"IF TG_TABLE_NAME = '{table}' THEN\n"
        f"            deals := deals || (SELECT p.deal_id FROM public.{parent} p "
        f"WHERE p.id = {row}.{key});"
        for table, (parent, key) in INDIRECT_ROWS.items()
    ]
    return (
        "\n        ELS".join(branches)
        + f"\n        ELSE\n            deals := deals || {row}.deal_id;\n        END IF;"
    )


# Runs as its owner: the deal is advanced whoever may see it, and its trigger's checks
# are a manager's (the writer was already allowed the row by the row's own rules).
ROWS_CHANGED = f"""CREATE OR REPLACE FUNCTION public.salesdesk_deal_rows_changed()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    DECLARE
        deals integer[] := '{{}}';
        fresh integer[];
    BEGIN
        IF TG_OP <> 'DELETE' THEN
        {_deal_of("NEW")}
        END IF;
        IF TG_OP <> 'INSERT' THEN
        {_deal_of("OLD")}
        END IF;
        {ADVANCE}
        RETURN NULL;
    END
    $$"""

# A person's name, side, account or uid: every deal naming them changed.
PERSON_CHANGED = f"""CREATE OR REPLACE FUNCTION public.salesdesk_person_changed()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    DECLARE
        deals integer[] := ARRAY(
            SELECT ds.deal_id FROM public.deal_stakeholder ds
             WHERE ds.stakeholder_id = NEW.id OR ds.introduced_by_id = NEW.id
            UNION
            SELECT m.deal_id FROM public.meeting_attendee a
              JOIN public.meeting m ON m.id = a.meeting_id
             WHERE a.stakeholder_id = NEW.id);
        fresh integer[];
    BEGIN
        {ADVANCE}
        RETURN NULL;
    END
    $$"""

ACCOUNT_CHANGED = f"""CREATE OR REPLACE FUNCTION public.salesdesk_account_changed()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    DECLARE
        deals integer[] := ARRAY(SELECT d.id FROM public.deal d WHERE d.account_id = NEW.id);
        fresh integer[];
    BEGIN
        {ADVANCE}
        RETURN NULL;
    END
    $$"""


def _content(row: str) -> str:
    return "(" + ", ".join(f"{row}.{c}" for c in CONTENT) + ")"


# The deal row written. Made (or its version advanced by +1: the app's save, a sync, a
# decision, an import), it is marked advanced by this transaction, so the rows written
# after it in the same transaction do not advance it again. Its content changed by a
# statement that left its version alone (a title set in psql): advanced, unless this
# transaction already did. Deleted: its mark goes. Runs as its owner (the mark is
# written by no team role); its trigger's name sorts before `deal_guarded`, which then
# stamps the change's time.
CONTENT_VERSIONED = f"""CREATE OR REPLACE FUNCTION public.salesdesk_deal_content_versioned()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    DECLARE
        fresh boolean;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM public.deal_bump WHERE deal_id = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'INSERT' OR NEW.version IS DISTINCT FROM OLD.version THEN
            INSERT INTO public.deal_bump AS b (deal_id, xid) VALUES (NEW.id, {XID})
            ON CONFLICT (deal_id) DO UPDATE SET xid = excluded.xid WHERE b.xid <> excluded.xid;
        ELSIF {_content("NEW")} IS DISTINCT FROM {_content("OLD")} THEN
            INSERT INTO public.deal_bump AS b (deal_id, xid) VALUES (NEW.id, {XID})
            ON CONFLICT (deal_id) DO UPDATE SET xid = excluded.xid WHERE b.xid <> excluded.xid
            RETURNING true INTO fresh;
            IF fresh THEN
                NEW.version := OLD.version + 1;
            END IF;
        END IF;
        RETURN NEW;
    END
    $$"""

# A version set by hand anywhere but one step on (back, to hide a change from the
# laptops, or far ahead) is refused to every role but the schema's owner (and a
# superuser): the app's writes all advance it by one. Runs as the writer, to know them.
VERSION_FORWARD = f"""CREATE OR REPLACE FUNCTION public.salesdesk_deal_version_forward()
    RETURNS trigger LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF NEW.version IS DISTINCT FROM OLD.version
           AND NEW.version IS DISTINCT FROM OLD.version + 1
           AND NOT pg_has_role(current_user,
                   (SELECT c.relowner FROM pg_class c WHERE c.oid = 'public.deal'::regclass),
                   'MEMBER')
           AND NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user)
        THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = 'a deal''s version only moves one step on (from ' || OLD.version
                          || ' to ' || NEW.version || ' refused)',
                      HINT = 'Laptops receive a change by the version advancing.';
        END IF;
        RETURN NEW;
    END
    $$"""

PERSON_COLUMNS = ("uid", "name", "side", "account_id")


def _triggers() -> list[str]:
    out = []
    for table in (*DEAL_ROWS, *INDIRECT_ROWS):
        out += [
            f"DROP TRIGGER IF EXISTS {table}_versions_deal ON {table}",
            f"CREATE TRIGGER {table}_versions_deal AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_deal_rows_changed()",
        ]
    old = ", ".join(f"OLD.{c}" for c in PERSON_COLUMNS)
    new = ", ".join(f"NEW.{c}" for c in PERSON_COLUMNS)
    out += [
        "DROP TRIGGER IF EXISTS stakeholder_versions_deals ON stakeholder",
        "CREATE TRIGGER stakeholder_versions_deals AFTER UPDATE ON stakeholder FOR EACH ROW "
        f"WHEN (({old}) IS DISTINCT FROM ({new})) "
        "EXECUTE FUNCTION public.salesdesk_person_changed()",
        "DROP TRIGGER IF EXISTS account_versions_deals ON account",
        "CREATE TRIGGER account_versions_deals AFTER UPDATE ON account FOR EACH ROW "
        "WHEN (OLD.name IS DISTINCT FROM NEW.name) "
        "EXECUTE FUNCTION public.salesdesk_account_changed()",
        "DROP TRIGGER IF EXISTS deal_content_versioned ON deal",
        "CREATE TRIGGER deal_content_versioned BEFORE INSERT OR UPDATE OR DELETE ON deal "
        "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_deal_content_versioned()",
        "DROP TRIGGER IF EXISTS deal_aa_version_forward ON deal",
        "CREATE TRIGGER deal_aa_version_forward BEFORE UPDATE ON deal FOR EACH ROW "
        "EXECUTE FUNCTION public.salesdesk_deal_version_forward()",
    ]
    return out


# ---------------------------------------------------------------- a person's one bit

OWNS = "(owner_role = current_user OR (SELECT public.salesdesk_is_manager(current_user)))"
MANAGER_NOW = "(SELECT public.salesdesk_is_manager(current_user))"

# 0015's question (does a person take part in a deal of anyone but their owner?), asked
# only by the person's owner or a manager, about that person: the caller is `who`, a
# role the session may be, as for the search.
PERSON_SHARED = f"""CREATE OR REPLACE FUNCTION public.salesdesk_person_shared(
        person integer, who name)
    RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF NOT pg_has_role(session_user, who, 'MEMBER') THEN
            RAISE EXCEPTION 'a person is asked about as the role that asks'
                USING ERRCODE = '42501';
        END IF;
        RETURN EXISTS (SELECT 1 FROM public.deal_stakeholder ds
                         JOIN public.deal d ON d.id = ds.deal_id
                         JOIN public.stakeholder s ON s.id = ds.stakeholder_id
                        WHERE ds.stakeholder_id = person AND d.owner_role <> s.owner_role
                          AND (s.owner_role = who OR public.salesdesk_is_manager(who)));
    END
    $$"""


def _person_policy(shared: str) -> str:
    return (
        f"CREATE POLICY stakeholder_change ON stakeholder FOR UPDATE USING ({OWNS} AND "
        f"({MANAGER_NOW} OR NOT {shared})) WITH CHECK ({OWNS})"
    )


# ---------------------------------------------------------------- grants


def _if_roles(statements: list[str]) -> str:
    body = "; ".join(statements)
    return (
        f"DO $$ BEGIN IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('{REP}', "
        f"'{MANAGER}')) = 2 THEN {body}; END IF; END $$"
    )


BOTH = f"{REP}, {MANAGER}"
SEQUENCES_USED_ONLY = [
    f"REVOKE SELECT ON ALL SEQUENCES IN SCHEMA public FROM {BOTH}",
    f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {BOTH}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON SEQUENCES FROM {BOTH}",
]
SEQUENCES_READ = [
    f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {BOTH}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {BOTH}",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for statement in (
        BUMPS,
        "REVOKE ALL ON public.deal_bump FROM PUBLIC",
        ROWS_CHANGED,
        PERSON_CHANGED,
        ACCOUNT_CHANGED,
        CONTENT_VERSIONED,
        VERSION_FORWARD,
        *_triggers(),
        "DROP POLICY IF EXISTS stakeholder_change ON stakeholder",
        "DROP FUNCTION IF EXISTS public.salesdesk_person_shared(integer)",
        PERSON_SHARED,
        _person_policy("public.salesdesk_person_shared(id, current_user)"),
        _if_roles(SEQUENCES_USED_ONLY),
    ):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in (*DEAL_ROWS, *INDIRECT_ROWS):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_versions_deal ON {table}")
    for trigger, table in (
        ("stakeholder_versions_deals", "stakeholder"),
        ("account_versions_deals", "account"),
        ("deal_content_versioned", "deal"),
        ("deal_aa_version_forward", "deal"),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    for function in (
        "salesdesk_deal_rows_changed",
        "salesdesk_person_changed",
        "salesdesk_account_changed",
        "salesdesk_deal_content_versioned",
        "salesdesk_deal_version_forward",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS public.{function}()")
    op.execute("DROP TABLE IF EXISTS public.deal_bump")
    # 0015's one-argument function, as that migration wrote it (frozen history).
    import importlib.util
    from pathlib import Path

    path = next(Path(__file__).parent.glob("0015_*.py"))
    spec = importlib.util.spec_from_file_location("salesdesk_migration_0015", path)
    assert spec is not None and spec.loader is not None
    m15 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m15)
    op.execute("DROP POLICY IF EXISTS stakeholder_change ON stakeholder")
    op.execute("DROP FUNCTION IF EXISTS public.salesdesk_person_shared(integer, name)")
    bind.exec_driver_sql(m15.PERSON_SHARED)
    bind.exec_driver_sql(_person_policy("public.salesdesk_person_shared(id)"))
    bind.exec_driver_sql(_if_roles(SEQUENCES_READ))
