"""The package format, described once: `deal_package.schema.json` (JSON Schema 2020-12)
says the shape and the types; this module checks a parsed package against it and says
each mismatch as the reader does, translated and at the field's path.

jsonschema takes ~0.15 s to import, so it is imported here, when a package is read,
never at start-up.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from salesdesk.i18n import _
from salesdesk.interop.json_reader import Problem
from salesdesk.interop.package_write import FORMAT

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

SCHEMA_FILE = "deal_package.schema.json"


def schema() -> dict[str, Any]:
    """The schema as shipped beside this module (in the wheel and the frozen app)."""
    text = files("salesdesk.interop").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _validator() -> Validator:
    from jsonschema import Draft202012Validator, validators

    def is_integer(checker: Any, value: Any) -> bool:
        # Numbers are parsed as Decimal (exact money); 3.0 is a whole number, as the
        # JSON Schema specification says of any number with no fraction.
        if isinstance(value, Decimal):
            return value.is_finite() and value == value.to_integral_value()
        return bool(Draft202012Validator.TYPE_CHECKER.is_type(value, "integer"))

    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", is_integer)
    kind = validators.extend(Draft202012Validator, type_checker=checker)
    made: Validator = kind(schema())
    return made


def schema_problems(data: Any) -> list[Problem]:
    """Every place where `data` does not have the package's shape or types."""
    return [_problem(error) for error in _validator().iter_errors(data)]


def _shown(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def _problem(error: ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    node = error.schema if isinstance(error.schema, dict) else {}
    value: Any = error.instance
    kind = error.validator
    given: Any = error.validator_value
    if "propertyNames" in error.absolute_schema_path:
        # A key that is not one of the allowed names: said at the key itself.
        path, kind = (*path, str(value)), "enum"
    if kind == "required":
        missing = next((k for k in given if k not in value), "")
        if missing == "format":
            message = _('this field is required ("{format}")').format(format=FORMAT)
        else:
            message = _("this field is required")
        return Problem((*path, missing), message)
    if kind == "const":
        message = _('unsupported format {value}; expected "{format}"').format(
            value=_shown(value), format=given
        )
    elif kind == "enum":
        allowed = [v for v in given if v is not None]
        message = _("unknown value {value}; expected one of: {allowed}").format(
            value=_shown(value), allowed=", ".join(map(str, allowed))
        )
    elif kind in ("minimum", "maximum"):
        message = _("{value} is outside {low}–{high}").format(
            value=value, low=node.get("minimum", "…"), high=node.get("maximum", "…")
        )
    elif kind in ("minLength", "maxLength") and "uid" in error.absolute_schema_path:
        message = _("expected an identifier of at most 64 characters")
    elif kind == "pattern" or (kind == "type" and "integer" in _types(node)):
        message = _("expected a whole number, got {value}").format(value=_shown(value))
    elif kind == "type":
        message = _expected(_types(node), value)
    else:
        message = _("this value does not fit the package format")
    return Problem(path, message)


def _types(node: dict[str, Any]) -> list[str]:
    given = node.get("type", [])
    return [given] if isinstance(given, str) else [t for t in given if t != "null"]


def _expected(types: list[str], value: Any) -> str:
    if "number" in types:
        return _("expected a number, got {value!r}").format(value=value)
    first = types[0] if types else ""
    if first == "object":
        return _("expected an object")
    if first == "array":
        return _("expected a list")
    if first == "boolean":
        return _("expected true or false")
    return _("expected text")
