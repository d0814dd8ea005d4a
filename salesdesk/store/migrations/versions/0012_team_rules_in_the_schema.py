"""the team's rules in the schema: row-level security, the owner default, guarded
approvals, tombstones with their deal's owner, a change counter for outside changes

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01

On PostgreSQL the policies, helper functions and triggers are created here, so every
database has them whoever set the team up, and whether the team's group roles exist
yet or not: the functions look the roles up in `pg_roles` when they run instead of
naming them. Without the roles, only the database's owner and superusers can reach the
tables (row-level security is enabled, not forced, so the owner is not affected), and
the policies change nothing for them. `salesdesk team init` then makes the roles and
grants. On SQLite only the new column, the counter and its triggers are made.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

REP = "salesdesk_rep"
MANAGER = "salesdesk_manager"
# Rows that belong to a deal through their deal_id, and those one step further.
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
    "offer_value": ("offer", "offer_id"),
    "meeting_attendee": ("meeting", "meeting_id"),
}
# Settings only a manager writes: the team's (visibility, cadence) and every authority
# limit. A profile key ending in "@role" is that role's own; another rep may not write it.
TEAM_KEYS = ("team.%", "profile.cadence", "profile.max_%")
APPROVAL_REFUSED = "SD001"  # the SQLSTATE the approval guard raises (store/engine.py)

# Who the server treats as a manager: members of the manager group (looked up by name
# when it runs, so a database without the roles works), superusers and the database's
# owner, and anyone at all while the team has no roles (then only the owner and
# superusers can connect to the tables anyway).
FUNCTIONS = (
    f"""CREATE OR REPLACE FUNCTION salesdesk_manager() RETURNS boolean
        LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
        SELECT coalesce(
            (SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles
              WHERE rolname = '{MANAGER}'), true)
            OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            OR current_user = (SELECT pg_get_userbyid(datdba) FROM pg_database
                                WHERE datname = current_database())
        $$""",
    """CREATE OR REPLACE FUNCTION salesdesk_sees(owner text) RETURNS boolean
        LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
        SELECT owner = current_user
            OR salesdesk_manager()
            OR coalesce((SELECT value FROM setting WHERE key = 'team.visibility'),
                        'team') = 'team'
        $$""",
)


def _deal_policies() -> list[str]:
    sees = "salesdesk_sees(owner_role)"
    mine = "(owner_role = current_user OR salesdesk_manager())"
    out = ["ALTER TABLE deal ENABLE ROW LEVEL SECURITY"]
    for name in ("deal_read", "deal_add", "deal_change", "deal_remove"):
        out.append(f"DROP POLICY IF EXISTS {name} ON deal")
    out += [
        f"CREATE POLICY deal_read ON deal FOR SELECT USING ({sees})",
        f"CREATE POLICY deal_add ON deal FOR INSERT WITH CHECK {mine}",
        f"CREATE POLICY deal_change ON deal FOR UPDATE USING ({sees}) WITH CHECK ({sees})",
        f"CREATE POLICY deal_remove ON deal FOR DELETE USING {mine}",
    ]
    for table in DEAL_ROWS:
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {table}_of_deal ON {table}",
            # The deal's own policy decides: a deal not visible has no visible rows.
            f"CREATE POLICY {table}_of_deal ON {table} USING "
            f"(EXISTS (SELECT 1 FROM deal WHERE deal.id = {table}.deal_id))",
        ]
    for table, (parent, key) in INDIRECT_ROWS.items():
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {table}_of_deal ON {table}",
            f"CREATE POLICY {table}_of_deal ON {table} USING "
            f"(EXISTS (SELECT 1 FROM {parent} WHERE {parent}.id = {table}.{key}))",
        ]
    # A tombstone is read by those who could read its deal, and written by its owner
    # or a manager (the one who deleted the deal).
    out += [
        "ALTER TABLE deal_tombstone ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS deal_tombstone_of_deal ON deal_tombstone",
        f"CREATE POLICY deal_tombstone_of_deal ON deal_tombstone USING ({sees}) WITH CHECK {mine}",
    ]
    return out


def _setting_policies() -> list[str]:
    team = " OR ".join(f"key LIKE '{k}'" for k in TEAM_KEYS)
    # A profile key of someone else ("profile.name@b" written by a), or a shared
    # profile default ("profile.name"): a manager's.
    others = (
        "(key LIKE 'profile.%' AND "
        "(strpos(key, '@') = 0 OR substr(key, strpos(key, '@') + 1) <> current_user))"
    )
    allowed = f"(salesdesk_manager() OR NOT ({team} OR {others}))"
    return [
        "ALTER TABLE setting ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS setting_read ON setting",
        "DROP POLICY IF EXISTS setting_write ON setting",
        "CREATE POLICY setting_read ON setting FOR SELECT USING (true)",
        f"CREATE POLICY setting_write ON setting FOR ALL USING {allowed} WITH CHECK {allowed}",
    ]


# Only a manager sets or changes a concession's approval (state, by whom, when). A rep's
# other edits of the entry leave these columns as they were and pass.
APPROVAL_GUARD = (
    f"""CREATE OR REPLACE FUNCTION salesdesk_guard_approval() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
        BEGIN
            IF salesdesk_manager() THEN
                RETURN NEW;
            END IF;
            IF TG_OP = 'UPDATE' THEN
                IF (NEW.approved, NEW.declined, NEW.approved_by, NEW.approved_at)
                   IS NOT DISTINCT FROM
                   (OLD.approved, OLD.declined, OLD.approved_by, OLD.approved_at) THEN
                    RETURN NEW;
                END IF;
            ELSIF NOT (NEW.approved OR NEW.declined) AND NEW.approved_by = ''
                  AND NEW.approved_at IS NULL THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'only a manager approves or declines a concession'
                USING ERRCODE = '{APPROVAL_REFUSED}', DETAIL = NEW.what;
        END
        $$""",
    "DROP TRIGGER IF EXISTS ledger_entry_approval ON ledger_entry",
    "CREATE TRIGGER ledger_entry_approval BEFORE INSERT OR UPDATE ON ledger_entry "
    "FOR EACH ROW EXECUTE FUNCTION salesdesk_guard_approval()",
)

# The change counter: advanced once by every transaction that adds, removes or saves a
# deal (a save advances the deal's version), and visible only once that transaction
# committed, so a window polling it never misses a change, however close two are. On
# PostgreSQL the counter row is taken at commit (a deferred trigger, once per
# transaction), so writers queue on it only for the moment of their commits; the
# function runs as its owner, so reps need no right on the counter to advance it.
COUNTER_PG = (
    """CREATE OR REPLACE FUNCTION salesdesk_count_change() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
        BEGIN
            IF current_setting('salesdesk.counted', true) IS DISTINCT FROM 'yes' THEN
                PERFORM set_config('salesdesk.counted', 'yes', true);
                UPDATE deal_change SET n = n + 1;
            END IF;
            RETURN NULL;
        END
        $$""",
    "DROP TRIGGER IF EXISTS deal_counted ON deal",
    "CREATE CONSTRAINT TRIGGER deal_counted AFTER INSERT OR DELETE OR UPDATE OF version "
    "ON deal DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
    "EXECUTE FUNCTION salesdesk_count_change()",
)
COUNTER_SQLITE = tuple(
    f"CREATE TRIGGER deal_counted_{name} AFTER {event} ON deal "
    "BEGIN UPDATE deal_change SET n = n + 1; END"
    for name, event in (("insert", "INSERT"), ("delete", "DELETE"), ("update", "UPDATE OF version"))
)


def upgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    op.add_column(
        "deal_tombstone",
        sa.Column("owner_role", sa.String(length=63), nullable=False, server_default=""),
    )
    op.create_table(
        "deal_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    bind.execute(sa.text("INSERT INTO deal_change (id, n) VALUES (1, 0)"))
    if not postgres:
        for statement in COUNTER_SQLITE:
            bind.execute(sa.text(statement))
        return
    # A deleted deal's tombstone gets its owner (a deal already gone: the team's).
    bind.exec_driver_sql("ALTER TABLE deal ALTER COLUMN owner_role SET DEFAULT current_user")
    for statement in (
        *FUNCTIONS,
        *_deal_policies(),
        *_setting_policies(),
        *APPROVAL_GUARD,
        *COUNTER_PG,
    ):
        bind.execute(sa.text(statement))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS deal_counted ON deal")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS salesdesk_count_change()")
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS ledger_entry_approval ON ledger_entry")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS salesdesk_guard_approval()")
        bind.exec_driver_sql("ALTER TABLE deal_tombstone DISABLE ROW LEVEL SECURITY")
        bind.exec_driver_sql("DROP POLICY IF EXISTS deal_tombstone_of_deal ON deal_tombstone")
    else:
        for name in ("insert", "delete", "update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS deal_counted_{name}")
    op.drop_table("deal_change")
    with op.batch_alter_table("deal_tombstone") as batch_op:
        batch_op.drop_column("owner_role")
