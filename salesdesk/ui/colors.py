"""The few colours that carry meaning (a mistake, a good balance), readable in light and
dark palettes alike."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette


def dark_palette() -> bool:
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def error_colour() -> str:
    return "#ff8a80" if dark_palette() else "#d32f2f"


def good_colour() -> str:
    return "#81c784" if dark_palette() else "#2e7d32"


def error_style() -> str:
    return f"color: {error_colour()};"
