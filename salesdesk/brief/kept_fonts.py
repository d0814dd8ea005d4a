"""A pack's fonts read once: the briefs of a pack, seeded alike, embed the same font
objects (the font, its widths, descriptor, program and text map), and the pack keeps
one copy of each. A brief whose font is byte for byte one already in the pack has its
pages pointed at that copy before they are copied: the font is neither parsed nor
copied again.

Two fonts are the same when their objects' bytes are the same, the numbers of the
objects they point to aside, and those point to objects that are the same in turn (the
numbers differ from brief to brief: a brief of four pages numbers its fonts one further
than a brief of three). Anything this cannot compare safely (text strings, comments,
a stream whose length is not the one written) is not matched: it is copied as before,
and `pdf_meta.fonts_once` keeps one copy of what is alike in content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypdf import PdfReader, PdfWriter

_HEADER = re.compile(rb"\s*\d+\s+\d+\s+obj(?=[\s<\[/(])")
# A stream's data starts after the end of its dictionary and the keyword: with no text
# string nor comment in the dictionary, `>>` then `stream` is that end (a name that holds
# "stream" starts with a slash).
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n)")
_STREAM_END = re.compile(rb"\s*endstream\s*endobj\s*\Z")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s*\d+\s+R)(?=[\s/>\]])")
_REF = re.compile(rb"(?<![\w.+\-#])(\d+)\s+(\d+)\s+R(?![\w.#+\-])")
# Text strings (literal or hexadecimal) and comments, once the dictionaries' brackets are
# taken out: their bytes could look like a reference or like the end of a dictionary
# (and an @, which stands for a reference in a shape).
_TEXT = re.compile(rb"[(%<>@]")


@dataclass(frozen=True)
class _Shape:
    """An object's bytes with the numbers of the objects it points to left out (each
    reference read `@ G R`), and those numbers in order."""

    head: bytes
    data: bytes
    refs: tuple[int, ...]


def _shape(span: bytes) -> _Shape | None:
    """None for an object whose references cannot be told apart from its text."""
    header = _HEADER.match(span)
    if header is None:
        return None
    body = span[header.end() :]
    stream = _STREAM.search(body)
    head, data = (body[: stream.end()], body[stream.end() :]) if stream else (body, b"")
    if _TEXT.search(head.replace(b"<<", b"").replace(b">>", b"")):
        return None
    if stream:
        # The data is read by the length written: nothing but the end may follow it.
        length = _LENGTH.findall(head)
        if len(length) != 1 or not _STREAM_END.match(data, int(length[0])):
            return None
    refs = []
    for ref in _REF.finditer(head):
        if ref[2] != b"0":
            return None  # pypdf matches objects by number alone
        refs.append(int(ref[1]))
    return _Shape(_REF.sub(rb"@ 0 R", head), data, tuple(refs))


class _Spans:
    """The bytes of each object of a brief, by number, read from its cross-reference
    table (a file with object streams has no such spans: nothing of it is matched)."""

    def __init__(self, pdf: bytes, reader: PdfReader) -> None:
        self.pdf = pdf
        offsets: dict[int, int] = {
            n: at
            for n, at in reader.xref.get(0, {}).items()
            if n not in reader.xref_objStm and isinstance(at, int)
        }
        found = pdf.rfind(b"startxref")
        tail = pdf[found + len(b"startxref") :].split() if found >= 0 else []
        last = int(tail[0]) if tail and tail[0].isdigit() else len(pdf)
        order = sorted(offsets.items(), key=lambda item: item[1])
        self.bounds = {
            n: (at, order[i + 1][1] if i + 1 < len(order) else last)
            for i, (n, at) in enumerate(order)
        }
        self.shapes: dict[int, _Shape | None] = {}

    def shape(self, number: int) -> _Shape | None:
        if number not in self.shapes:
            bounds = self.bounds.get(number)
            found = None
            if bounds is not None and bounds[0] < bounds[1]:
                found = _shape(self.pdf[bounds[0] : bounds[1]])
            self.shapes[number] = found
        return self.shapes[number]


@dataclass
class _Kept:
    """A font in the pack: its objects' shapes by their numbers in the brief it came
    from, and each object's number in the pack."""

    root: int
    shapes: dict[int, _Shape]
    copies: dict[int, int]


def _closure(spans: _Spans, root: int) -> dict[int, _Shape] | None:
    shapes: dict[int, _Shape] = {}
    todo = [root]
    while todo:
        number = todo.pop()
        if number in shapes:
            continue
        found = spans.shape(number)
        if found is None:
            return None
        shapes[number] = found
        todo.extend(found.refs)
    return shapes


def _alike(kept: _Kept, spans: _Spans, root: int) -> dict[int, int] | None:
    """The numbers of this brief's objects from `root` and the pack's copies they are
    the same as, when they all are; else None."""
    mine_of: dict[int, int] = {kept.root: root}
    theirs_of: dict[int, int] = {root: kept.root}
    todo = [kept.root]
    done: set[int] = set()
    while todo:
        theirs = todo.pop()
        if theirs in done:
            continue
        done.add(theirs)
        mine = spans.shape(mine_of[theirs])
        known = kept.shapes[theirs]
        if mine is None or (mine.head, mine.data, len(mine.refs)) != (
            known.head,
            known.data,
            len(known.refs),
        ):
            return None
        for their_ref, my_ref in zip(known.refs, mine.refs, strict=True):
            if mine_of.setdefault(their_ref, my_ref) != my_ref:
                return None
            if theirs_of.setdefault(my_ref, their_ref) != their_ref:
                return None
            todo.append(their_ref)
    return {mine_of[theirs]: kept.copies[theirs] for theirs in done}


def _page_fonts(reader: PdfReader) -> list[int]:
    """The numbers of the fonts the pages name in their resources."""
    from pypdf.generic import DictionaryObject, IndirectObject

    numbers: list[int] = []
    for page in reader.pages:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        if not isinstance(resources, DictionaryObject):
            continue
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else None
        if not isinstance(fonts, DictionaryObject):
            continue
        for ref in fonts.values():
            if isinstance(ref, IndirectObject) and ref.idnum not in numbers:
                numbers.append(ref.idnum)
    return numbers


class KeptFonts:
    """The fonts already in a writer, for the next brief's pages to point at."""

    def __init__(self) -> None:
        self.kept: list[_Kept] = []
        self.matched = 0  # fonts pointed at a kept copy (for tests and measures)

    def append(self, writer: PdfWriter, pdf: bytes, position: int | None = None) -> PdfReader:
        """`pdf`'s pages into `writer` (at the end, or from page `position`), its fonts
        that the writer holds already pointed at those."""
        import io

        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(pdf))
        spans = _Spans(pdf, reader)
        # pypdf's record of what it copied from this reader: objects already in it are
        # not copied again (the key is its own, the reader kept alive with it).
        copied: dict[Any, Any] = writer._id_translated.setdefault(id(reader), {"PreventGC": reader})
        new: list[int] = []
        for root in _page_fonts(reader):
            for kept in self.kept:
                found = _alike(kept, spans, root)
                if found is not None:
                    copied.update(found)
                    self.matched += 1
                    break
            else:
                new.append(root)
        writer.merge(position, reader)
        for root in new:
            shapes = _closure(spans, root)
            if shapes is not None and all(n in copied for n in shapes):
                self.kept.append(_Kept(root, shapes, {n: copied[n] for n in shapes}))
        return reader
