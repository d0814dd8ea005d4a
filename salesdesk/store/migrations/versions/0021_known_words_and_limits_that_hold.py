"""a team server takes only the words the app knows, and its authority limits and
tombstones have no way round them

Revision ID: 0021
Revises: 0022
Create Date: 2026-12-06

On PostgreSQL (a laptop's SQLite file is written by the app alone):
- Every column holding one of the app's words (a deal's status, stage and phase, a
  concession's giver and status, a term's direction and kind, an offer's side, a
  person's side, their role and stance in a deal, an interaction's channel) has a CHECK
  constraint with the words of this release. Each is validated when no row breaks it;
  else it stays NOT VALID: rows already written are left as they are (the app reads
  such a deal as damaged, naming the field, and the others go on), and every new or
  changed row is checked.
- A rep moves no concession from one deal to another; a rep's change of a deal's value
  checks its concessions against the rep's limits again, and an approval no longer
  stands for one now over them (it was given against another value).
- Only a manager changes a deal's `sample` mark, and every deleted deal leaves its
  tombstone, sample or not.
- The change counter advances once per transaction by a mark no session can set (the
  counter row's own transaction id), no longer by a setting a rep could set first.
- A person is introduced by, and a meeting attended by, only a person the writer may
  see; a person is put only at an account the writer may see (0015's rule for the
  deal's own link to a person).

Plain SQL: nothing here reads the application's code (the words are written out).
"""

from alembic import op

revision = "0021"
down_revision = "0022"
branch_labels = None
depends_on = None

SAFE_PATH = "pg_catalog, public, pg_temp"
MONEY_FACTOR = 10000  # amounts are stored as counts of 1/10,000
APPROVAL_REFUSED = "SD001"

# (table, column, allowed words, may it be empty) as this release writes them.
WORDS = (
    ("deal", "status", ("open", "won", "lost"), False),
    (
        "deal",
        "stage",
        (
            "qualification",
            "prospecting",
            "needs",
            "proposal",
            "contract",
            "rollout",
            "expansion",
            "loyalty",
        ),
        False,
    ),
    ("ledger_entry", "giver", ("us", "them"), False),
    ("ledger_entry", "status", ("planned", "offered", "accepted", "refused", "withdrawn"), False),
    ("term", "direction", ("higher_is_better", "lower_is_better"), False),
    ("term", "kind", ("numeric", "options"), False),
    ("offer", "side", ("us", "them"), False),
    ("stakeholder", "side", ("theirs", "ours"), False),
    (
        "deal_stakeholder",
        "role",
        (
            "decision_maker",
            "influencer",
            "economic_buyer",
            "technical_buyer",
            "user",
            "gatekeeper",
        ),
        True,
    ),
    (
        "deal_stakeholder",
        "stance",
        ("champion", "supporter", "neutral", "skeptic", "opponent"),
        True,
    ),
    ("interaction", "channel", ("call", "email", "visit", "video", "other"), False),
)


def _checks() -> list[tuple[str, str, str]]:
    found = []
    for table, column, words, empty in WORDS:
        listed = ", ".join(f"'{w}'" for w in (*words, *([""] if empty else [])))
        found.append((table, f"ck_{table}_{column}_known", f"{column} IN ({listed})"))
    found.append(("deal", "ck_deal_phase_known", "phase BETWEEN 1 AND 5"))
    return found


# 0015's concession guard, and: a rep moves no concession to another deal; a rep's
# change of the deal's value (the deal's trigger marks the transaction with the deal's
# id) takes the approval from a concession now over the rep's limits. The mark is a
# setting any session may write: all it can do is take approvals away.
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

# A rep's change of a deal's value: its concessions are checked again, as that rep.
REVALUED = f"""CREATE OR REPLACE FUNCTION public.salesdesk_deal_revalued() RETURNS trigger
    LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF NEW.value IS DISTINCT FROM OLD.value
           AND NOT public.salesdesk_is_manager(current_user) THEN
            PERFORM pg_catalog.set_config('salesdesk.revalued', NEW.id::text, true);
            UPDATE public.ledger_entry SET cost = cost
             WHERE deal_id = NEW.id AND giver = 'us' AND cost > 0 AND NOT declined;
            PERFORM pg_catalog.set_config('salesdesk.revalued', '', true);
        END IF;
        RETURN NULL;
    END
    $$"""

# 0015's deal guard, and: only a manager changes a deal's sample mark (a sample never
# travels, so a rep marking a colleague's deal would take it off the laptops).
GUARD_DEAL = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_deal() RETURNS trigger
    LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.owner_role IS DISTINCT FROM OLD.owner_role
           AND NOT public.salesdesk_is_manager(current_user) THEN
            RAISE EXCEPTION 'only a manager hands a deal over to another owner'
                USING ERRCODE = '42501';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.sample IS DISTINCT FROM OLD.sample
           AND NOT public.salesdesk_is_manager(current_user) THEN
            RAISE EXCEPTION 'only a manager marks a deal as a sample'
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

# 0015's, with a tombstone for every deleted deal.
AFTER_DEAL = f"""CREATE OR REPLACE FUNCTION public.salesdesk_after_deal() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
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
               AND NOT EXISTS (SELECT 1 FROM public.deal d WHERE d.account_id = a.id);
        END IF;
        RETURN NULL;
    END
    $$"""

# Once per transaction, whatever a session set: the counter row written by this
# transaction carries its id (reps never write the counter). Deferred to the commit, as
# 0012's, so writers queue on the row only for the moment of their commits.
COUNTER = f"""CREATE OR REPLACE FUNCTION public.salesdesk_count_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SAFE_PATH} AS $$
    BEGIN
        UPDATE public.deal_change c SET n = c.n + 1
         WHERE NOT (c.xmin = pg_catalog.pg_current_xact_id()::xid);
        RETURN NULL;
    END
    $$"""

# 0015's link guard, and the introducer too; the same rule for a meeting's attendees and
# for a person's account.
GUARD_LINK = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_link() RETURNS trigger
    LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF ((TG_OP = 'INSERT' OR NEW.stakeholder_id IS DISTINCT FROM OLD.stakeholder_id)
            AND NOT EXISTS (SELECT 1 FROM public.stakeholder s
                             WHERE s.id = NEW.stakeholder_id))
           OR (NEW.introduced_by_id IS NOT NULL
               AND (TG_OP = 'INSERT' OR NEW.introduced_by_id IS DISTINCT FROM OLD.introduced_by_id)
               AND NOT EXISTS (SELECT 1 FROM public.stakeholder s
                                WHERE s.id = NEW.introduced_by_id)) THEN
            RAISE EXCEPTION 'a person joins a deal only when its writer may see them'
                USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END
    $$"""
GUARD_ATTENDEE = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_attendee()
    RETURNS trigger LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF (TG_OP = 'INSERT' OR NEW.stakeholder_id IS DISTINCT FROM OLD.stakeholder_id)
           AND NOT EXISTS (SELECT 1 FROM public.stakeholder s
                            WHERE s.id = NEW.stakeholder_id) THEN
            RAISE EXCEPTION 'a person attends a meeting only when its writer may see them'
                USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END
    $$"""
GUARD_PERSON = f"""CREATE OR REPLACE FUNCTION public.salesdesk_guard_person()
    RETURNS trigger LANGUAGE plpgsql SET search_path = {SAFE_PATH} AS $$
    BEGIN
        IF NEW.account_id IS NOT NULL
           AND (TG_OP = 'INSERT' OR NEW.account_id IS DISTINCT FROM OLD.account_id)
           AND NOT EXISTS (SELECT 1 FROM public.account a WHERE a.id = NEW.account_id) THEN
            RAISE EXCEPTION 'a person is put only at an account its writer may see'
                USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END
    $$"""

TRIGGERS = (
    "DROP TRIGGER IF EXISTS meeting_attendee_guarded ON meeting_attendee",
    "CREATE TRIGGER meeting_attendee_guarded BEFORE INSERT OR UPDATE ON meeting_attendee "
    "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_guard_attendee()",
    "DROP TRIGGER IF EXISTS stakeholder_guarded ON stakeholder",
    "CREATE TRIGGER stakeholder_guarded BEFORE INSERT OR UPDATE ON stakeholder "
    "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_guard_person()",
    "DROP TRIGGER IF EXISTS deal_revalued ON deal",
    "CREATE TRIGGER deal_revalued AFTER UPDATE OF value ON deal "
    "FOR EACH ROW EXECUTE FUNCTION public.salesdesk_deal_revalued()",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, name, rule in _checks():
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({rule}) NOT VALID")
        # Validated where no row breaks it (every server but one a psql user got at).
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM {table} WHERE NOT ({rule})) THEN "
            f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}; END IF; END $$"
        )
    for statement in (GUARD_APPROVAL, REVALUED, GUARD_DEAL, AFTER_DEAL, COUNTER, GUARD_LINK,
                      GUARD_ATTENDEE, GUARD_PERSON, *TRIGGERS):  # fmt: skip
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, name, _rule in _checks():
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
    for trigger, table, function in (
        ("deal_revalued", "deal", "salesdesk_deal_revalued"),
        ("meeting_attendee_guarded", "meeting_attendee", "salesdesk_guard_attendee"),
        ("stakeholder_guarded", "stakeholder", "salesdesk_guard_person"),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    # 0015's functions, as that migration wrote them (frozen history).
    import importlib.util
    from pathlib import Path

    path = next(Path(__file__).parent.glob("0015_*.py"))
    spec = importlib.util.spec_from_file_location("salesdesk_migration_0015", path)
    assert spec is not None and spec.loader is not None
    m15 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m15)
    for statement in (
        m15.GUARD_APPROVAL,
        m15.GUARD_DEAL,
        m15.AFTER_DEAL,
        m15.GUARD_LINK,
    ):
        bind.exec_driver_sql(statement)
    spec = importlib.util.spec_from_file_location(
        "salesdesk_migration_0012", next(Path(__file__).parent.glob("0012_*.py"))
    )
    assert spec is not None and spec.loader is not None
    m12 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m12)
    bind.exec_driver_sql(m12.COUNTER_PG[0])
