"""Dates and labels as people read them, in English or French."""

from __future__ import annotations

from datetime import date

from salesdesk.i18n import _


def format_date(value: date | None, lang: str = "en") -> str:
    """`29/11/2026` in French, `29 Nov 2026` in English; empty for no date."""
    if value is None:
        return ""
    if lang == "fr":
        return value.strftime("%d/%m/%Y")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{value.day} {months[value.month - 1]} {value.year}"


def label(text: str) -> str:
    """Translate a label marked with N_() in a table of the domain."""
    return _(text)
