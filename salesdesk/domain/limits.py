"""How long a text may be, and which characters it may hold, wherever it comes in.

The same limits hold at every entrance (the app's fields, the command line, deal
packages, CRM files), each refusal naming the field. Data already stored over a limit
is left as it is: it is shown with a warning and still exported.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import cost_problem
from salesdesk.i18n import _

if TYPE_CHECKING:
    from salesdesk.domain.deal import DealSheet

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


# What a terminal obeys rather than shows: C0 but tab and newline (a CR only where it ends
# a line, as CSV's CRLF does), DEL, C1 (ESC's one-byte forms: CSI, OSC…), and the
# bidirectional embeddings, overrides and isolates that reorder what follows them.
_UNSAFE_FOR_TERMINAL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)


def printable(text: str, *, json: bool = False) -> str:
    """`text` safe for a terminal or a plain-text export: control characters (ESC, BEL,
    a lone CR, C1…) and bidirectional overrides shown as `\\x1b`, `\\u202e` rather than
    obeyed; tab, newline and a CR before a newline kept. With `json`, shown as JSON's own
    `\\u001b` escapes, so JSON text stays JSON and reads back the same."""
    if json:
        return _UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\u{ord(m.group()[0]):04x}", text)
    return _UNSAFE_FOR_TERMINAL.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group()[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def single_line(text: str) -> str:
    """`text` with its line breaks and tabs as spaces and other control characters shown."""
    return printable(re.sub(r"[\t\n]", " ", text))


def sheet_texts(sheet: DealSheet) -> dict[tuple[object, ...], tuple[str, int, bool, str]]:
    """Every text of a deal with where it is: key → (field label, limit, multi-line, text)."""
    out: dict[tuple[object, ...], tuple[str, int, bool, str]] = {
        ("title",): (_("the title"), NAME, False, sheet.title),
        ("account",): (_("the account"), NAME, False, sheet.account),
        ("owner",): (_("the owner"), NAME, False, sheet.owner),
        ("lost_reason",): (_("the lost reason"), SHORT, True, sheet.lost_reason),
        ("competitor",): (_("the competitor"), NAME, False, sheet.competitor),
    }
    for side, batna in (("ours", sheet.batna_ours), ("theirs", sheet.batna_theirs)):
        out[("batna", side)] = (_("a BATNA's description"), LONG, True, batna.description)
    for i, term in enumerate(sheet.terms):
        out[("term", i, "name")] = (_("a term's name"), NAME, False, term.name)
        out[("term", i, "unit")] = (_("a unit"), NAME, False, term.unit)
    for i, entry in enumerate(sheet.ledger):
        out[("ledger", i, "what")] = (_("a ledger text"), SHORT, True, entry.what)
        out[("ledger", i, "counterpart")] = (_("a ledger text"), SHORT, True, entry.counterpart)
    for i, person in enumerate(sheet.stakeholders):
        out[("person", i)] = (_("a person's name"), NAME, False, person.name)
    for i, m in enumerate(sheet.meetings):
        out[("meeting", i, "title")] = (_("a meeting's title"), SHORT, False, m.title)
        for key, text in (
            ("objectives", m.objectives),
            ("agenda", m.agenda),
            ("outcome", m.outcome),
            ("next_steps", m.next_steps),
        ):
            out[("meeting", i, key)] = (_("a meeting's notes"), LONG, True, text)
    for i, interaction in enumerate(sheet.interactions):
        out[("interaction", i)] = (_("an interaction's summary"), LONG, True, interaction.summary)
    return out


def edit_problem(before: DealSheet, after: DealSheet) -> str | None:
    """Why an edit cannot be kept: a text it changed is over its limit or holds control
    characters, or a cost it changed is negative (a message naming the field); None
    when it can. Texts the edit left alone
    are not judged: older data over a limit stays as it is."""
    costs = {entry.uid: entry.cost for entry in before.ledger}
    for entry in after.ledger:
        problem = cost_problem(entry)
        if problem is not None and costs.get(entry.uid) != entry.cost:
            return problem
    old = {key: value[3] for key, value in sheet_texts(before).items()}
    for key, (label, limit, multiline, text) in sheet_texts(after).items():
        if old.get(key) == text:
            continue
        try:
            check_text(text, label, limit, multiline=multiline)
        except InputError as exc:
            return exc.message
    return None
