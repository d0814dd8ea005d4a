"""a rep writes only as himself; an approval stands only for what the manager saw; a
rep's deletion never reaches into a colleague's deal; no concession costs less than
nothing

Revision ID: 0025
Revises: 0023
Create Date: 2026-12-06

Found by the third attack on a team server (issue 23), on PostgreSQL only (a laptop's
SQLite file is written by the app alone, which checks the same in the domain):
- A rep may `SET ROLE salesdesk_rep` (his group). Its deals would belong to the group
  and its changes be traced to no person; the concession guard read no limit for the
  group, so a 90,000 concession under a 1,000 limit needed no approval. Every table a
  rep writes now refuses (42501) a statement made as a role other than the one that
  logged in, unless one of them is a manager (a lead or a superuser acting as a rep, the
  server's own functions running as their owner). A role that cannot log in (a group)
  also reads as having no authority at all, should it ever write.
- A rep rewrote what an approved concession gives or what the customer gives in return
  (the 3-year contract dropped): it stayed approved. Any change of its content — the
  giver, what is given, its term, its value, what comes in return and its value and
  cost, a higher cost — now takes the approval away: it needs a manager's decision
  again. Its place in the list, its round and its status (the rep's progress through
  the negotiation the manager allowed) leave it as it is; a lower cost too.
- A rep deleting his own deal removed a person from a colleague's deal: the account
  left without a deal was deleted by the server and its people with it, among them one
  the colleague had put in her deal. The server (running as its owner, seeing every
  link) now removes such an account only when none of its people is still in any deal,
  introduced anyone in a deal, or attends a meeting.
- A concession's cost is never negative (a CHECK, validated when no row breaks it, as
  0021's words).

Plain SQL: nothing here reads the application's code.
"""

import importlib.util
from pathlib import Path

from alembic import op

revision = "0025"
down_revision = "0023"
branch_labels = None
depends_on = None

SAFE_PATH = "pg_catalog, public, pg_temp"
MONEY_FACTOR = 10000  # amounts are stored as counts of 1/10,000
APPROVAL_REFUSED = "SD001"

# Every table a rep writes (0012 to 0021 grant them); the server's own (tombstones, the
# change counter, the sync state) a rep never writes.
WRITTEN = (
    "account",
    "batna",
    "batna_value",
    "cancelled_meeting",
    "checklist_tick",
    "deal",
    "deal_stakeholder",
    "interaction",
    "ledger_entry",
    "meeting",
    "meeting_attendee",
    "offer",
    "offer_value",
    "setting",
    "stakeholder",
    "term",
    "term_option",
    "term_point",
)

# As in 0015, with a group's limit 0.
LIMIT = f"""CREATE OR REPLACE FUNCTION public.salesdesk_limit(what text, who name)
    RETURNS numeric LANGUAGE sql STABLE SET search_path = {SAFE_PATH} AS $$
    SELECT CASE WHEN NOT coalesce((SELECT r.rolcanlogin FROM pg_catalog.pg_roles r
                                    WHERE r.rolname = who), false) THEN 0
                WHEN v ~ '^[0-9]+(\\.[0-9]+)?$' THEN v::numeric END
      FROM (SELECT coalesce(
                (SELECT s.value FROM public.setting s
                  WHERE s.key = 'profile.' || what || '@' || who),
                (SELECT s.value FROM public.setting s WHERE s.key = 'profile.' || what)) AS v) x
    $$"""

LIMIT_BEFORE = f"""CREATE OR REPLACE FUNCTION public.salesdesk_limit(what text, who name)
    RETURNS numeric LANGUAGE sql STABLE SET search_path = {SAFE_PATH} AS $$
    SELECT CASE WHEN v ~ '^[0-9]+(\\.[0-9]+)?$' THEN v::numeric END
      FROM (SELECT coalesce(
                (SELECT s.value FROM public.setting s
                  WHERE s.key = 'profile.' || what || '@' || who),
                (SELECT s.value FROM public.setting s WHERE s.key = 'profile.' || what)) AS v) x
    $$"""

# Once per statement, before any row: a change is made as the role that logged in. The
# one function of the team that reads `session_user`, to compare, never to decide what
# a role sees.
ACTING = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_acting_role()
    RETURNS trigger LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF current_user <> session_user
           AND NOT public.salesdesk_is_manager(current_user)
           AND NOT public.salesdesk_is_manager(session_user) THEN
            RAISE EXCEPTION 'a rep changes the team''s data only as the role he logged in as'
                USING ERRCODE = '42501';
        END IF;
        RETURN NULL;
    END
    $$"""

# 0021's concession guard, and: a rep's change of an approved concession's content
# takes the approval away.
CONTENT = ("giver", "what", "term_id", "value", "counterpart", "counterpart_value",
           "counterpart_cost")  # fmt: skip
NEW_CONTENT = ", ".join(f"NEW.{c}" for c in CONTENT)
OLD_CONTENT = ", ".join(f"OLD.{c}" for c in CONTENT)
GUARD_APPROVAL = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_approval()
    RETURNS trigger LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    DECLARE
        cost_limit numeric;
        discount_limit numeric;
        deal_value numeric;
        over boolean := false;
    BEGIN
        IF public.salesdesk_is_manager(current_user) THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            IF NEW.deal_id IS DISTINCT FROM OLD.deal_id THEN
                RAISE EXCEPTION 'only a manager moves a concession to another deal'
                    USING ERRCODE = '42501';
            END IF;
            IF (NEW.approved, NEW.declined, NEW.approved_by, NEW.approved_at)
               IS DISTINCT FROM
               (OLD.approved, OLD.declined, OLD.approved_by, OLD.approved_at) THEN
                RAISE EXCEPTION 'only a manager approves or declines a concession'
                    USING ERRCODE = '{APPROVAL_REFUSED}', DETAIL = NEW.what;
            END IF;
            IF OLD.needs_approval THEN
                NEW.needs_approval := true;
            END IF;
            IF OLD.approved AND (coalesce(NEW.cost, 0) > coalesce(OLD.cost, 0)
                                 OR ({NEW_CONTENT}) IS DISTINCT FROM ({OLD_CONTENT})
                                 OR current_setting('salesdesk.recurrency', true)
                                    = NEW.deal_id::text) THEN
                NEW.needs_approval := true;
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
            over := NEW.cost > cost_limit * {MONEY_FACTOR}
                 OR (deal_value > 0 AND NEW.cost * 100 > discount_limit * deal_value);
            IF over THEN
                NEW.needs_approval := true;
                IF TG_OP = 'UPDATE' AND NEW.approved
                   AND current_setting('salesdesk.revalued', true) = NEW.deal_id::text THEN
                    NEW.approved := false;
                    NEW.approved_by := '';
                    NEW.approved_at := NULL;
                END IF;
            END IF;
        END IF;
        RETURN NEW;
    END
    $$"""

# A rep's change of a deal's currency: every approval of its concessions stood for
# amounts in the old one (a 19,200 € concession approved is not 19,200 KWD): each needs
# a manager's decision again. The setting only ever takes approvals away, so a rep who
# sets it himself gains nothing.
RECURRENCY = f"""CREATE OR REPLACE FUNCTION public.salesdesk_deal_recurrency() RETURNS trigger
    LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF NEW.currency IS DISTINCT FROM OLD.currency
           AND NOT public.salesdesk_is_manager(current_user) THEN
            PERFORM pg_catalog.set_config('salesdesk.recurrency', NEW.id::text, true);
            UPDATE public.ledger_entry SET cost = cost WHERE deal_id = NEW.id AND approved;
            PERFORM pg_catalog.set_config('salesdesk.recurrency', '', true);
        END IF;
        RETURN NULL;
    END
    $$"""
RECURRENCY_TRIGGER = (
    "DROP TRIGGER IF EXISTS deal_recurrency ON deal",
    "CREATE TRIGGER deal_recurrency AFTER UPDATE OF currency ON deal "
    "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_deal_recurrency()",
)

# 0021's, and an account left without a deal goes only when none of its people takes
# part in any deal (or meeting) of anyone: the cascade would take them out of it. The
# deal being deleted does not count: its meetings' attendees are removed by a cascade
# that runs after this trigger (so a deal with a meeting would keep its account for good).
IN_USE = """EXISTS (SELECT 1 FROM public.stakeholder s WHERE s.account_id = a.id AND (
                   EXISTS (SELECT 1 FROM public.deal_stakeholder ds
                            WHERE (ds.stakeholder_id = s.id OR ds.introduced_by_id = s.id)
                              AND ds.deal_id IS DISTINCT FROM gone)
                   OR EXISTS (SELECT 1 FROM public.meeting_attendee ma
                              JOIN public.meeting m ON m.id = ma.meeting_id
                               WHERE ma.stakeholder_id = s.id
                                 AND m.deal_id IS DISTINCT FROM gone)))"""
AFTER_DEAL = f"""CREATE OR REPLACE FUNCTION public.salesdesk_after_deal() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    DECLARE
        gone bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.id END;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            DELETE FROM public.deal_tombstone WHERE uid = NEW.uid;
            RETURN NULL;
        END IF;
        IF TG_OP = 'DELETE' THEN
            INSERT INTO public.deal_tombstone (uid, version, deleted_at, owner_role)
            VALUES (OLD.uid, OLD.version, now(), OLD.owner_role)
            ON CONFLICT (uid) DO UPDATE SET version = excluded.version,
                deleted_at = excluded.deleted_at, owner_role = excluded.owner_role;
        END IF;
        IF TG_OP = 'DELETE' OR NEW.account_id IS DISTINCT FROM OLD.account_id THEN
            DELETE FROM public.account a WHERE a.id = OLD.account_id
               AND NOT EXISTS (SELECT 1 FROM public.deal d WHERE d.account_id = a.id)
               AND NOT {IN_USE};
        END IF;
        RETURN NULL;
    END
    $$"""

COST_CHECK = ("ledger_entry", "ck_ledger_entry_cost_not_negative", "cost >= 0")


def _acting_triggers() -> list[str]:
    out = []
    for table in WRITTEN:
        out += [
            f"DROP TRIGGER IF EXISTS {table}_acting_role ON {table}",
            f"CREATE TRIGGER {table}_acting_role BEFORE INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH STATEMENT "
            "EXECUTE FUNCTION public.salesdesk_guard_acting_role()",
        ]
    return out


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    table, name, rule = COST_CHECK
    op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
    op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({rule}) NOT VALID")
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM {table} WHERE NOT ({rule})) THEN "
        f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}; END IF; END $$"
    )
    for statement in (
        LIMIT,
        ACTING,
        GUARD_APPROVAL,
        AFTER_DEAL,
        RECURRENCY,
        *RECURRENCY_TRIGGER,
        *_acting_triggers(),
    ):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in WRITTEN:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_acting_role ON {table}")
    op.execute("DROP FUNCTION IF EXISTS public.salesdesk_guard_acting_role()")
    op.execute("DROP TRIGGER IF EXISTS deal_recurrency ON deal")
    op.execute("DROP FUNCTION IF EXISTS public.salesdesk_deal_recurrency()")
    table, name, _rule = COST_CHECK
    op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
    # 0021's functions, as that migration wrote them (frozen history).
    path = next(Path(__file__).parent.glob("0021_*.py"))
    spec = importlib.util.spec_from_file_location("salesdesk_migration_0021", path)
    assert spec is not None and spec.loader is not None
    m21 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m21)
    for statement in (LIMIT_BEFORE, m21.GUARD_APPROVAL, m21.AFTER_DEAL):
        bind.exec_driver_sql(statement)
