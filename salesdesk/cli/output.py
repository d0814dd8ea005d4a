"""What the command line says, and the one way it says it.

Every line on stdout and stderr, argparse's own included, leaves through `write`, which
shows the control characters the data may carry (ESC, C1, a lone CR, bidirectional
overrides) rather than letting them drive the terminal: a deal's title or account
cannot retitle the window, rewrite a line or reorder what follows it. JSON is escaped
in JSON's own way, so it reads back unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from salesdesk.i18n import _

EXIT_USER_ERROR = 2


class UserError(Exception):
    """Stops a command with a message for the user (and optional detail lines)."""

    def __init__(self, message: str, lines: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.lines = list(lines)


def write(
    text: str, file: TextIO | None = None, *, as_json: bool = False, as_bytes: bool = False
) -> None:
    """The one way out to the terminal: `text` as it is, its control characters shown.

    `as_bytes` writes UTF-8 with its line ends exactly as given (CSV's CRLF, which a
    text stream on Windows would double)."""
    from salesdesk.domain.limits import printable

    shown = printable(text, json=as_json)
    stream = file or sys.stdout
    if as_bytes:
        stream.flush()
        stream.buffer.write(shown.encode("utf-8"))
        stream.buffer.flush()
    else:
        stream.write(shown)


def echo(*parts: object, file: TextIO | None = None) -> None:
    """`print` through `write`."""
    write(" ".join(str(p) for p in parts) + "\n", file)


def notice(message: str) -> None:
    echo(message, file=sys.stderr)


def fail(message: str, lines: Sequence[str] = ()) -> None:
    notice(f"salesdesk: {message}")
    for line in list(lines)[:10]:
        notice(f"  {line}")


def answer(args: argparse.Namespace, data: Callable[[], Any], text: Callable[[], str]) -> int:
    """A command's reply: `data` as JSON with --json, else `text` for a person."""
    if args.json:
        print_json(data())
    else:
        echo(text())
    return 0


def print_json(data: Any) -> None:
    write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", as_json=True)


def print_json_line(data: Any) -> None:
    """One JSON value on one line, sent at once (a program may be waiting for it)."""
    write(json.dumps(data, ensure_ascii=False) + "\n", as_json=True)
    sys.stdout.flush()


def print_json_lines(items: Sequence[Any]) -> None:
    """A JSON list with one item per line: readable, and C-encoded (indent= is pure Python,
    several times slower on a long list)."""
    parts = ["[\n"]
    for i, item in enumerate(items):
        parts.append(("  " if i == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
    parts.append("\n]\n" if items else "]\n")
    write("".join(parts), as_json=True)


def report_unprintable() -> None:
    """One line naming the characters no font on this machine could print (the PDF is
    written all the same, with boxes in their place)."""
    from salesdesk.brief.fonts import take_missing

    chars = take_missing()
    if chars:
        listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars)
        message = _("no font on this machine has these characters: {chars}")
        notice("salesdesk: " + message.format(chars=listed))
