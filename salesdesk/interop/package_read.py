"""Reading a `salesdesk.deal/1` package from its text (import, templates): JSON parsed
with exact decimals, keys given twice refused, the shape and types checked against the
schema, the deal assembled with its checks of meaning; every problem reported by line,
column and path, and nothing half-read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.i18n import _
from salesdesk.interop.json_reader import Problem
from salesdesk.interop.jsonpos import Path, line_column, path_str, value_offsets
from salesdesk.interop.package_deal import sheet_from_package

MAX_REPORTED = 10


class PackageError(InputError):
    """A package that cannot be imported; `lines` are the `line N, column C: …` details."""

    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message)
        self.lines = lines


def _checked(data: Any) -> tuple[DealSheet, list[Problem]]:
    """The assembly's problems (meaning, and its own more precise words for a field, such
    as "930 is not a time") then the schema's (shape, types) that it did not see; each
    field said once."""
    from salesdesk.interop.package_schema import schema_problems

    sheet, meaning = sheet_from_package(data)
    # Not an object at all: the assembly said so in its own words.
    shape = schema_problems(data) if isinstance(data, dict) else []
    said = [p.path for p in meaning]
    shape = [p for p in shape if not any(p.path[: len(where)] == where for where in said)]
    above = [p.path for p in shape]
    meaning = [
        p
        for p in meaning
        if not any(len(where) < len(p.path) and p.path[: len(where)] == where for where in above)
    ]
    return sheet, meaning + shape


def _refuse_repeated_keys(text: str, source: str) -> None:
    """A key given twice in one object: which one counts is anyone's guess (JSON leaves
    it open; Python keeps the last), so the package is refused, naming the key."""
    repeated: list[tuple[Path, int]] = []
    try:
        value_offsets(text, repeated)
    except RecursionError:
        raise PackageError(
            _("{file} is nested too deeply to be a deal package").format(file=source), []
        ) from None
    lines = []
    for path, offset in repeated[:MAX_REPORTED]:
        line, column = line_column(text, offset)
        lines.append(
            f"line {line}, column {column}: "
            + _("the key {key} is given twice").format(
                key=json.dumps(path_str(path), ensure_ascii=False)
            )
        )
    path = repeated[0][0]
    raise PackageError(
        _("{file} cannot be imported: the key {key} is given twice").format(
            file=source, key=json.dumps(path_str(path), ensure_ascii=False)
        ),
        lines,
    )


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a package was exported: the database's id and the deal's version there."""

    origin: str | None
    version: int | None


def load_package(text: str, source: str) -> DealSheet:
    """Parse and check a package; raises PackageError naming the file and the bad fields."""
    return read_package(text, source)[0]


def read_package(text: str, source: str) -> tuple[DealSheet, Provenance]:
    """`load_package` with the package's provenance (`origin` and `version`, when it has
    them); the sheet's own version is left at 0 (never saved here)."""
    twice: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(items)
        if len(made) != len(items):
            twice.append(True)
        return made

    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise PackageError(
            _("{file} is not valid JSON").format(file=source),
            [f"line {exc.lineno}, column {exc.colno}: {exc.msg}"],
        ) from None
    except RecursionError:
        raise PackageError(
            _("{file} is nested too deeply to be a deal package").format(file=source), []
        ) from None
    if twice:
        _refuse_repeated_keys(text, source)
    try:
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        raise PackageError(
            _("{file} holds a lone surrogate (\\uD800–\\uDFFF), which is not text").format(
                file=source
            ),
            [],
        ) from None
    except RecursionError:
        raise PackageError(
            _("{file} is nested too deeply to be a deal package").format(file=source), []
        ) from None
    sheet, problems = _checked(data)
    if problems:
        offsets = value_offsets(text)

        def offset(problem: Problem) -> int:
            path = problem.path
            while path not in offsets and path:
                path = path[:-1]
            return offsets.get(path, 0)

        lines = []
        for problem in problems[:MAX_REPORTED]:
            line, column = line_column(text, offset(problem))
            where = path_str(problem.path)
            lines.append(
                f"line {line}, column {column}: "
                + (f"{where}: {problem.message}" if where else problem.message)
            )
        first = problems[0]
        raise PackageError(
            _("{file} cannot be imported: {field}: {reason}").format(
                file=source, field=path_str(first.path) or _("the package"), reason=first.message
            )
            + (
                _(" (and {n} more problems)").format(n=len(problems) - 1)
                if len(problems) > 1
                else ""
            ),
            lines,
        )
    origin = data.get("origin") if isinstance(data, dict) else None
    provenance = Provenance(origin if isinstance(origin, str) else None, sheet.version or None)
    sheet.version = 0
    return sheet, provenance
