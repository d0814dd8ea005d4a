"""TEMPORARY façade: the store's names as they were before it was split by subject.

`from salesdesk.store import repository as repo` keeps working, with every name it
had, while the callers in ui/, the command line, tests and benchmarks move over; then
this module goes. New code imports the subject module instead, never this one:

- `settings`: the profile, plain key/value settings, the database's own id;
- `roles`: who is connected in a session, the owner of a new deal;
- `dialect`: what differs between SQLite and PostgreSQL (ON CONFLICT inserts, the
  server's clock, advisory locks, `SET LOCAL`);
- `deal_load`: a whole deal read back, its version, its id by uid;
- `deals`: saving and deleting deals, tombstones;
- `people`: accounts and the people at them;
- `deal_list`: the app's list (search, pages, counts, positions, owners) and the
  command line's list;
- `contacts`: the change token, the next-contact dates, Today, meetings between dates;
- `crm_import`: a CRM export's deals; `approvals`: the approvals queue;
- `team`: the team's roles, visibility and limits, and who may write which profile key.

A name set on this module (a test's `monkeypatch.setattr(repo, …)`) is set in its
subject module too, where the store's own code reads it: the subject modules call one
another through the module (`deal_list.list_deals(…)`), never a copied name.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

# Names today's callers may reach through this module: the domain's and the store's.
from salesdesk.domain.deal import (
    Batna,
    Channel,
    DealSheet,
    Interaction,
    Meeting,
    Offer,
    PartySide,
    Role,
    Source,
    Stakeholder,
    Stance,
)
from salesdesk.domain.ids import new_uid, with_uid
from salesdesk.domain.imported import ImportedDeal
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.listing import DealQuery, DealSummary, SortKey, UpcomingMeeting
from salesdesk.domain.profile import Profile
from salesdesk.domain.stages import (
    DEFAULT_CADENCE,
    ContactState,
    DealStatus,
    Stage,
    contact_state,
    phase_for_stage,
)
from salesdesk.domain.terms import POSITION_FIELDS, Direction, Side, Term
from salesdesk.domain.text import account_key, deal_search_key, search_key
from salesdesk.i18n import _
from salesdesk.store import (
    approvals,
    contacts,
    crm_import,
    deal_list,
    deal_load,
    deals,
    dialect,
    people,
    roles,
    search_index,
    settings,
    team,
)
from salesdesk.store import tables as t
from salesdesk.store.approvals import ApprovalRequest, approvals_waiting, decide_approval
from salesdesk.store.contacts import (
    change_token,
    contact_dates_fresh,
    contacts_due,
    count_contacts_due,
    meetings_between,
    meetings_to_debrief,
    refresh_contact_dates,
    upcoming_meetings,
)
from salesdesk.store.crm_import import ImportCounts, apply_crm_import
from salesdesk.store.deal_list import (
    BROAD_MATCHES,
    COUNT_CAP,
    FIRST_PAGE_WALK,
    NULLABLE_SORTS,
    count_deals,
    deal_owners,
    deal_position,
    list_deals,
    query_deals,
)
from salesdesk.store.deal_load import (
    current_version,
    deal_id_for_uid,
    load_deal,
    load_deal_in,
    sample_deal_ids,
)
from salesdesk.store.deals import (
    delete_deal,
    delete_deal_in,
    save_deal,
    save_deal_in,
    write_tombstone,
)
from salesdesk.store.engine import BUSY_TIMEOUT_MS, Database
from salesdesk.store.errors import LOCK_NOT_AVAILABLE, Busy, Conflict, NotFound, sqlstate
from salesdesk.store.people import account_people
from salesdesk.store.settings import (
    DATABASE_ID_KEY,
    database_id,
    get_setting,
    load_profile,
    read_setting,
    set_setting,
    write_setting,
)
from salesdesk.store.team import save_profile

__all__ = ["new_uid"]

# Today's names whose home is not found by name in a subject module's `__all__`: the
# private ones (tests reach `_order`, `_filtered`, `_conditions`) and a moved one.
_MOVED: dict[str, tuple[ModuleType, str]] = {
    "save_profile": (team, "save_profile"),
    "_now": (dialect, "utc_now"),
    "_dialect_insert": (dialect, "insert_for"),
    "_insert_or_ignore": (dialect, "insert_or_ignore"),
    "_server_now": (dialect, "server_now"),
    "_session_user": (roles, "session_user"),
    "_connected_role": (roles, "connected_role"),
    "_PERSONAL": (settings, "_PERSONAL"),
    "_MANAGED": (settings, "MANAGED"),
    "_profile_key": (settings, "profile_key"),
    "_read_profile": (settings, "read_profile"),
    "_profile_values": (settings, "profile_values"),
    "_upsert_setting": (settings, "upsert_setting"),
    "_load": (deal_load, "_load"),
    "_account_id": (people, "ensure_account"),
    "_account_name": (people, "account_name"),
    "_save_people": (people, "save_people"),
    "_drop_orphan_accounts": (people, "drop_orphan_accounts"),
    "_unique_uids": (deals, "_unique_uids"),
    "_sync_rows": (deals, "_sync_rows"),
    "_sync_links": (deals, "_sync_links"),
    "_save": (deals, "_save"),
    "_list_query": (deal_list, "list_query"),
    "_list_deals": (deal_list, "list_rows"),
    "_like_pattern": (deal_list, "_like_pattern"),
    "_filtered": (deal_list, "filtered"),
    "_conditions": (deal_list, "_conditions"),
    "_ordered_ids": (deal_list, "_ordered_ids"),
    "_SUMMARY_COLUMNS": (deal_list, "_SUMMARY_COLUMNS"),
    "_order": (deal_list, "list_order"),
    "_order_keys": (deal_list, "_order_keys"),
    "_summary": (deal_list, "summary"),
    "_walk_first": (deal_list, "_walk_first"),
    "_first_page_walked": (deal_list, "_first_page_walked"),
    "_few_matches": (deal_list, "_few_matches"),
    "_server_matches": (deal_list, "_server_matches"),
    "_refresh_stamp": (contacts, "_refresh_stamp"),
    "_refresh_contact_dates": (contacts, "refresh_contact_dates_in"),
    "_stored_dates": (contacts, "_stored_dates"),
    "_changes": (contacts, "_changes"),
    "_write_dates": (contacts, "_write_dates"),
    "_REFRESH_KEY": (contacts, "_REFRESH_KEY"),
    "_due_conditions": (contacts, "_due_conditions"),
    "_CRM_COLUMNS": (crm_import, "_CRM_COLUMNS"),
    "_IMPORT_LOCK": (crm_import, "_IMPORT_LOCK"),
    "_one_import_at_a_time": (crm_import, "_one_import_at_a_time"),
    "_LIVE": (approvals, "_LIVE"),
}
_SUBJECTS = (settings, deal_load, deals, people, deal_list, contacts, crm_import, approvals)
_HOMES: dict[str, tuple[ModuleType, str]] = {
    name: (module, name)
    for module in _SUBJECTS
    for name in module.__all__
    if name in globals()  # today's names only: new code imports the subject module
} | _MOVED
globals().update({name: getattr(module, home) for name, (module, home) in _MOVED.items()})


class _Facade(ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        home = _HOMES.get(name)
        if home is not None:
            setattr(home[0], home[1], value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Facade
