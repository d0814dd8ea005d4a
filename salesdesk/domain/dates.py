"""Dates as the rep reads them, apart from the rest of `display`: the deal list and
Today show them before the deal's own modules are imported (start-up)."""

from __future__ import annotations

from datetime import date


def format_date(value: date | None, lang: str = "en") -> str:
    """`29/11/2026` in French, `29 Nov 2026` in English; empty for no date."""
    if value is None:
        return ""
    if lang == "fr":
        return value.strftime("%d/%m/%Y")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{value.day} {months[value.month - 1]} {value.year}"
