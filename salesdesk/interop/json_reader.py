"""The typed JSON reader: fields read with their paths, every problem collected (with its
translated message) instead of stopping at the first, so a package is refused whole,
naming each bad field."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from salesdesk.domain import limits
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import to_decimal
from salesdesk.i18n import SUPPORTED, _
from salesdesk.interop.jsonpos import Path

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    message: str


class Reader:
    """Reads fields with their paths, collecting every problem instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def obj(self, value: Any, path: Path) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(path, _("expected an object"))
            return None
        return value

    def items(self, parent: dict[str, Any], key: str, path: Path) -> list[tuple[Path, Any]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail((*path, key), _("expected a list"))
            return []
        return [((*path, key, i), item) for i, item in enumerate(value)]

    def text(
        self,
        parent: dict[str, Any],
        key: str,
        path: Path,
        *,
        required: bool = False,
        default: str = "",
        limit: int = limits.NAME,
        multiline: bool = False,
    ) -> str:
        value = parent.get(key)
        if value is None:
            if required:
                self.fail((*path, key), _("this field is required"))
            return default
        if not isinstance(value, str):
            self.fail((*path, key), _("expected text"))
            return default
        if required and not value.strip():
            self.fail((*path, key), _("this field cannot be empty"))
        try:
            limits.check_text(value, _("the text"), limit, multiline=multiline)
        except InputError as exc:
            self.fail((*path, key), exc.message)
            return default
        return value

    def opt_text(
        self, parent: dict[str, Any], key: str, path: Path, *, limit: int = limits.NAME
    ) -> str | None:
        value = self.text(parent, key, path, default="", limit=limit)
        return value or None

    def decimal(self, parent: dict[str, Any], key: str, path: Path) -> Decimal | None:
        value = parent.get(key)
        if value is None:
            return None
        try:
            return to_decimal(value)
        except InputError as exc:
            self.fail((*path, key), exc.message)
            return None

    def step(self, parent: dict[str, Any], path: Path) -> Decimal | None:
        """A term's step: optional, and more than zero when given."""
        value = self.decimal(parent, "step", path)
        if value is not None and value <= 0:
            self.fail((*path, "step"), _("a step must be more than zero"))
            return None
        return value

    def integer(
        self,
        parent: dict[str, Any],
        key: str,
        path: Path,
        low: int,
        high: int,
        *,
        required: bool = False,
    ) -> int | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.fail((*path, key), _("this field is required"))
            return None
        whole = (
            (isinstance(value, int) and not isinstance(value, bool))
            or (isinstance(value, Decimal) and value == value.to_integral_value())
            or (isinstance(value, str) and value.strip().lstrip("-").isdigit())
        )
        number = int(value) if whole else None
        if number is None:
            self.fail(
                (*path, key),
                _("expected a whole number, got {value}").format(
                    value=json.dumps(value, default=str)
                ),
            )
            return None
        if not low <= number <= high:
            self.fail(
                (*path, key),
                _("{value} is outside {low}–{high}").format(value=number, low=low, high=high),
            )
            return None
        return number

    def row_uid(self, parent: dict[str, Any], path: Path) -> str | None:
        """A row's stable uid when the package has one (older packages do not)."""
        value = parent.get("uid")
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > 64:
            self.fail((*path, "uid"), _("expected an identifier of at most 64 characters"))
            return None
        return value

    def language(self, parent: dict[str, Any], key: str, path: Path) -> str | None:
        """An optional language code the app speaks."""
        value = parent.get(key)
        if value is None:
            return None
        if value not in SUPPORTED:
            self.fail(
                (*path, key),
                _("unknown language {value}; expected one of: {allowed}").format(
                    value=json.dumps(value, default=str, ensure_ascii=False),
                    allowed=", ".join(SUPPORTED),
                ),
            )
            return None
        return str(value)

    def boolean(self, parent: dict[str, Any], key: str, path: Path) -> bool:
        value = parent.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail((*path, key), _("expected true or false"))
            return False
        return value

    def choice(
        self,
        parent: dict[str, Any],
        key: str,
        path: Path,
        kind: type[E],
        default: E | None = None,
        *,
        required: bool = False,
    ) -> E | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.fail((*path, key), _("this field is required"))
            return default
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            self.fail(
                (*path, key),
                _("unknown value {value}; expected one of: {allowed}").format(
                    value=json.dumps(value, default=str), allowed=allowed
                ),
            )
            return default

    def _parsed(
        self,
        parent: dict[str, Any],
        key: str,
        path: Path,
        parse: Callable[[str], T],
        message: str,
        *,
        required: bool = False,
    ) -> T | None:
        """A value parsed from text by `parse`; `message` names the expected form."""
        value = parent.get(key)
        if value is None:
            if required:
                self.fail((*path, key), _("this field is required"))
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return parse(value)
        except ValueError:
            self.fail((*path, key), message.format(value=json.dumps(value, default=str)))
            return None

    def day(
        self, parent: dict[str, Any], key: str, path: Path, *, required: bool = False
    ) -> date | None:
        # A date-time is accepted for a date: its day is kept.
        return self._parsed(
            parent,
            key,
            path,
            iso_day,
            _("{value} is not a date from 1900 to 9000 (expected YYYY-MM-DD)"),
            required=required,
        )

    def clock(self, parent: dict[str, Any], key: str, path: Path) -> time | None:
        return self._parsed(
            parent, key, path, time.fromisoformat, _("{value} is not a time (expected HH:MM)")
        )

    def stamp(self, parent: dict[str, Any], key: str, path: Path) -> datetime | None:
        parsed = self._parsed(
            parent, key, path, datetime.fromisoformat, _("{value} is not a date and time")
        )
        if parsed is not None and parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        # Kept in UTC: a database column without a zone keeps the instant that way.
        return None if parsed is None else parsed.astimezone(UTC)


# Dates past this one leave no room for the contact cadence's arithmetic.
LAST_DAY = date(9000, 12, 31)


def iso_day(text: str) -> date:
    if len(text) > 10 and text[10] in "T ":
        day = datetime.fromisoformat(text).date()
    else:
        day = date.fromisoformat(text)
    if not date(1900, 1, 1) <= day <= LAST_DAY:
        raise ValueError(text)
    return day


def each(
    reader: Reader, pairs: Iterable[tuple[Path, Any]], build: Callable[[dict[str, Any], Path], Any]
) -> list[Any]:
    out = []
    for path, raw in pairs:
        obj = reader.obj(raw, path)
        if obj is None:
            if raw is None:
                reader.fail(path, _("expected an object"))
            continue
        item = build(obj, path)
        if item is not None:
            out.append(item)
    return out
