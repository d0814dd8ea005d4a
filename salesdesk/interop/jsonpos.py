"""Where each value of a JSON document starts, to point at a bad field by line and column."""

from __future__ import annotations

import json
from json.decoder import scanstring  # type: ignore[attr-defined]

Path = tuple[str | int, ...]
_WS = " \t\r\n"


def value_offsets(text: str, repeated: list[tuple[Path, int]] | None = None) -> dict[Path, int]:
    """Offsets of every value of a valid JSON document, keyed by its path; each key found
    a second time in one object is added to `repeated` (its path and its offset)."""
    offsets: dict[Path, int] = {}
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        while i < len(text) and text[i] in _WS:
            i += 1
        return i

    def value(i: int, path: Path) -> int:
        i = skip(i)
        offsets[path] = i
        char = text[i]
        if char == "{":
            i = skip(i + 1)
            if text[i] == "}":
                return i + 1
            keys: set[str] = set()
            while True:
                start = skip(i)
                key, i = scanstring(text, start + 1)
                if key in keys and repeated is not None:
                    repeated.append(((*path, key), start))
                keys.add(key)
                i = skip(i) + 1  # the colon
                i = skip(value(i, (*path, key)))
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        if char == "[":
            i = skip(i + 1)
            if text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(value(i, (*path, index)))
                index += 1
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        _, end = decoder.raw_decode(text, i)
        return int(end)

    value(0, ())
    return offsets


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def path_str(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
