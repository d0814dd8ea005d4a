"""Combo boxes whose items carry an enumeration's codes."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from PySide6.QtWidgets import QComboBox

E = TypeVar("E", bound=StrEnum)


def choice(combo: QComboBox, kind: type[E]) -> E | None:
    """The enum member a combo box holds (items carry the code: Qt turns StrEnums to str)."""
    data = combo.currentData()
    return None if data is None else kind(data)
