"""Which meeting a brief is for, and which paper it is printed on."""

from __future__ import annotations

import os
from datetime import date

from salesdesk.domain.deal import DealSheet, Meeting
from salesdesk.domain.errors import InputError
from salesdesk.i18n import _, language


def meeting_for(sheet: DealSheet, today: date, on: date | None = None) -> Meeting | None:
    """The meeting on `on`; by default the next one, else the latest."""
    if on is not None:
        found = [m for m in sheet.meetings if m.date == on]
        if not found:
            raise InputError(
                _("{title} has no meeting on {date}").format(
                    title=sheet.title, date=on.isoformat()
                ),
                "meeting",
            )
        return found[0]
    coming = sorted(
        (m for m in sheet.meetings if m.date >= today), key=lambda m: (m.date, m.time or "")
    )
    if coming:
        return coming[0]
    past = sorted(sheet.meetings, key=lambda m: (m.date, m.time or ""))
    return past[-1] if past else None


def brief_language(sheet: DealSheet, variant: str, chosen: str | None = None) -> str:
    """The language a brief is written in: the one asked for; else, for the customer
    copy, the language the deal's customer reads; else the app's."""
    if chosen:
        return chosen
    if variant == "redacted" and sheet.customer_language:
        return sheet.customer_language
    return language()


def default_paper() -> str:
    """US Letter where the locale is American or Canadian, A4 everywhere else."""
    for var in ("LC_PAPER", "LC_ALL", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "letter" if value[2:5] in ("_US", "_CA") else "a4"
    return "a4"
