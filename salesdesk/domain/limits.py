"""How long a text may be, and which characters it may hold, wherever it comes in.

The same limits hold at every entrance (the app's fields, the command line, deal
packages, CRM files), each refusal naming the field. Data already stored over a limit
is left as it is: it is shown with a warning and still exported.
"""

from __future__ import annotations

import re

from salesdesk.domain.errors import InputError
from salesdesk.i18n import _

NAME = 200  # titles, accounts, people's names, term names, units
SHORT = 500  # ledger texts, meeting titles
LONG = 20_000  # objectives, agenda, notes, summaries, outcomes

# Control characters (C0, DEL, C1) and lone surrogates; tab and newline are allowed
# only in multi-line fields.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character `text` may not hold, written as U+XXXX; None when clean."""
    found = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def check_text(text: str, field: str, limit: int, *, multiline: bool = False) -> str:
    """Refuse a text over `limit` characters or holding control characters."""
    if len(text) > limit:
        raise InputError(
            _("{field} is {n} characters long; at most {limit} are allowed").format(
                field=field, n=f"{len(text):,}", limit=f"{limit:,}"
            )
        )
    bad = control_character(text, multiline=multiline)
    if bad is not None:
        raise InputError(
            _("{field} holds the control character {char}, which is not allowed").format(
                field=field, char=bad
            )
        )
    return text


def over_limit(text: str | None, limit: int) -> bool:
    return text is not None and len(text) > limit


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


_UNSAFE_FOR_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` safe for a terminal or a plain-text export: control characters (ESC, BEL,
    CR…) shown as `\\x1b` rather than obeyed; tab and newline kept."""
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def single_line(text: str) -> str:
    """`text` with its line breaks and tabs as spaces and other control characters shown."""
    return printable(re.sub(r"[\t\n]", " ", text))
