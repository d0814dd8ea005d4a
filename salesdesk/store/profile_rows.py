"""The rep's profile as the settings table keeps it: which keys, and the profile read
back from its rows. Standard library only: the store's settings and the quick reader
(store.sqlite_read) share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from salesdesk.domain.profile import Profile

__all__ = ["MANAGED", "profile_from_settings", "profile_key"]

# On a team's server each rep has a profile of their own (name, company, currency) and
# authority limits a manager sets for them: their keys end in "@role". The contact
# cadence is the team's, so every rep's stored next-contact dates agree.
_PERSONAL = (
    "name",
    "company",
    "currency",
    "max_concession_cost",
    "max_discount_pct",
    "time_zone",
)
MANAGED = ("cadence", "max_concession_cost", "max_discount_pct")


def profile_key(name: str, user: str) -> str:
    return f"profile.{name}@{user}" if user and name in _PERSONAL else f"profile.{name}"


def profile_from_settings(rows: Mapping[str, str], user: str) -> Profile:
    """The profile of `user` ('' on a SQLite file) from the settings' key → value rows."""

    def get(name: str) -> str | None:
        # A rep's own value, else the one the database had before it was a team's.
        value = rows.get(profile_key(name, user))
        return value if value is not None else rows.get(f"profile.{name}")

    profile = Profile()
    profile.name = get("name") or profile.name
    profile.company = get("company") or profile.company
    profile.currency = get("currency") or profile.currency
    profile.time_zone = get("time_zone") or profile.time_zone
    cadence = get("cadence")
    if cadence:
        days = [int(x) for x in cadence.split(",")]
        if len(days) == 5:
            profile.cadence = (days[0], days[1], days[2], days[3], days[4])
    for key in ("max_concession_cost", "max_discount_pct"):
        raw = get(key)
        setattr(profile, key, Decimal(raw) if raw else None)
    return profile
