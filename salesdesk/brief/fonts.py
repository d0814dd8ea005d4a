"""The brief's fonts: DejaVu Sans, shipped in resources/fonts, embedded as subsets, and
for the characters it lacks (Chinese, Japanese, Korean names…) a TrueType font found on
the machine, embedded the same way.

The fallback is looked up by character: fontconfig on Linux (`fc-list :charset=…`),
the font folders on Windows and macOS. reportlab embeds TrueType outlines only, so
CFF-based OpenType (.otf, most Noto CJK) is skipped; a .ttc is opened by subfont index.
A character no font on the machine has is recorded (`take_missing`): the brief is still
written and the command says which characters could not be printed.

Right-to-left text (Hebrew, Arabic) is put in display order (python-bidi) after Arabic
letters take their joined forms (arabic-reshaper): reportlab draws glyphs left to right
and does not shape.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from salesdesk.paths import resource_path

log = logging.getLogger(__name__)

REGULAR = "SalesDeskSans"
BOLD = "SalesDeskSans-Bold"

_lock = threading.Lock()
_fallbacks: list[tuple[str, frozenset[int] | dict[int, int]]] = []  # (font name, its cmap)
_tried: set[str] = set()  # font files already looked at
_no_font: set[str] = set()  # characters no font on the machine has
_missing: set[str] = set()  # of those, the ones met since `take_missing`


@cache
def register() -> tuple[str, str]:
    from reportlab import rl_config

    # Every attribute a chart sets on a shape is checked as it is set, a help when
    # writing reportlab code and a tenth of a brief's time: the charts' tests draw them.
    rl_config.shapeChecking = 0
    from reportlab.graphics.shapes import STATE_DEFAULTS
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(_subsets_kept(TTFont(name, str(resource_path("fonts", file)))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    # A drawing's default font would otherwise be listed, unembedded, in the PDF.
    STATE_DEFAULTS["fontName"] = REGULAR
    return REGULAR, BOLD


def _subsets_kept(font: Any) -> Any:
    """`font`, whose subsets are made and compressed once per process: the briefs of a
    pack, seeded alike, embed the same subset each (and a worker draws dozens), and
    making and compressing it was a tenth of a brief's time."""
    import zlib

    from reportlab.pdfbase import pdfdoc

    face = font.face
    make_subset, add_objects = face.makeSubset, face.addSubsetObjects
    # The last few subsets (a pack has one per font; the app's previews each their own).
    made: OrderedDict[tuple[int, ...], tuple[bytes, bytes]] = OrderedDict()

    def kept(subset: list[int]) -> tuple[bytes, bytes]:
        key = tuple(subset)
        found = made.get(key)
        if found is None:
            raw = make_subset(subset)
            found = made[key] = (raw, zlib.compress(raw))
            while len(made) > 8:
                made.popitem(last=False)
        return found

    def add(doc: Any, fontname: str, subset: list[int]) -> Any:
        descriptor = add_objects(doc, fontname, subset)  # its program from `kept`
        if doc.compression:
            # Compressed already: reportlab leaves a stream that names its filter as it
            # is (and still encrypts it, were the document encrypted).
            program = doc.idToObject[f"fontFile:{face.filename}({fontname})"]
            program.content = kept(subset)[1]
            program.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        return descriptor

    face.makeSubset = lambda subset: kept(subset)[0]
    face.addSubsetObjects = add
    return font


@cache
def _cmap(name: str) -> dict[int, int]:
    from reportlab.pdfbase import pdfmetrics

    font: Any = pdfmetrics.getFont(name)
    cmap: dict[int, int] = font.face.charToGlyph
    return cmap


def _printable(char: str) -> bool:
    """Characters that need a glyph (not spaces, line breaks or format controls)."""
    return unicodedata.category(char) not in ("Zs", "Zl", "Zp", "Cc", "Cf")


# ------------------------------------------------------------------ finding a fallback


def _fontconfig_candidates(char: str) -> list[tuple[str, int]]:
    """Font files fontconfig knows that have `char`, its preferred sans-serif first."""
    fc_list, fc_match = shutil.which("fc-list"), shutil.which("fc-match")
    if fc_list is None:
        return []
    pattern = f":charset={ord(char):x}"
    fmt = "%{file}\t%{index}\n"
    try:
        having = subprocess.run(
            [fc_list, "--format", fmt, pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.splitlines()
        order = (
            subprocess.run(
                [fc_match, "-s", "--format", fmt, "sans-serif" + pattern],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.splitlines()
            if fc_match
            else []
        )
    except (OSError, subprocess.SubprocessError):
        return []
    ranked = [line for line in order if line in set(having)]
    ranked += sorted(set(having) - set(ranked))
    found = []
    for line in ranked:
        path, _tab, index = line.partition("\t")
        found.append((path, int(index or 0)))
    return found


def _font_folders() -> list[Path]:
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        return [windir / "Fonts", local]
    if sys.platform == "darwin":
        home = Path.home()
        return [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
        ]
    return [Path("/usr/share/fonts"), Path.home() / ".local" / "share" / "fonts"]


# Broad TrueType fonts worth trying first in the Windows and macOS folders.
_PREFERRED = (
    "msyh.ttc",  # Microsoft YaHei: Chinese, Japanese kana, Latin
    "msgothic.ttc",
    "malgun.ttf",  # Korean
    "simsun.ttc",
    "arialuni.ttf",
    "Arial Unicode.ttf",
    "AppleGothic.ttf",
    "arial.ttf",
    "Arial.ttf",
    "seguisym.ttf",
)


@cache
def _folder_fonts() -> list[tuple[str, int]]:
    """TrueType files of the platform's font folders, the broad preferred ones first."""
    files: list[Path] = []
    for folder in _font_folders():
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.suffix.lower() in (".ttf", ".ttc")]
    rank = {name.lower(): i for i, name in enumerate(_PREFERRED)}
    files.sort(key=lambda p: (rank.get(p.name.lower(), len(rank)), str(p)))
    return [(str(path), i) for path in files for i in range(_subfont_count(path))]


@cache
def _characters_of(path: str, index: int) -> frozenset[int]:
    """The characters a font file has, read from its cmap alone (fontTools reads lazily:
    a few milliseconds where reportlab would parse the whole font)."""
    try:
        from fontTools.ttLib import TTFont as ToolsFont

        with ToolsFont(path, fontNumber=index, lazy=True) as font:
            if "glyf" not in font:
                return frozenset()  # CFF outlines: reportlab cannot embed them
            return frozenset(font.getBestCmap() or ())
    except Exception as error:  # a damaged or odd file is skipped
        log.debug("font %s#%d unreadable: %s", path, index, error)
        return frozenset()


def _folder_candidates(char: str) -> list[tuple[str, int]]:
    code = ord(char)
    return [(p, i) for p, i in _folder_fonts() if code in _characters_of(p, i)]


def _subfont_count(path: Path) -> int:
    if path.suffix.lower() != ".ttc":
        return 1
    try:
        with path.open("rb") as f:
            head = f.read(12)
        return int.from_bytes(head[8:12], "big") if head[:4] == b"ttcf" else 1
    except OSError:
        return 0


def _register_fallback(path: str, index: int) -> tuple[str, dict[int, int]] | None:
    """Register a font file for the PDF; None when reportlab cannot embed it (CFF)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = f"{path}#{index}"
    if key in _tried:
        return None
    _tried.add(key)
    name = f"SalesDeskFallback{len(_fallbacks) + 1}"
    try:
        font = TTFont(name, path, subfontIndex=index)
    except Exception as error:  # reportlab raises TTFError, and others on odd files
        log.debug("font %s not usable: %s", key, error)
        return None
    pdfmetrics.registerFont(_subsets_kept(font))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    cmap: dict[int, int] = font.face.charToGlyph
    _fallbacks.append((name, cmap))
    log.info("fallback font %s for characters outside DejaVu Sans", key)
    return name, cmap


def _fallback_for(char: str) -> str | None:
    """The name of a registered font that has `char`, looked up once."""
    code = ord(char)
    for name, cmap in _fallbacks:
        if code in cmap:
            return name
    if char in _no_font:
        return None
    on_linux = sys.platform not in ("win32", "darwin")
    candidates = _fontconfig_candidates(char) if on_linux else []
    if not candidates and not (on_linux and shutil.which("fc-list")):
        candidates = _folder_candidates(char)
    for path, index in candidates:
        if not path.lower().endswith((".ttf", ".ttc")):
            continue  # .otf (CFF outlines), Type 1, bitmap fonts: reportlab cannot embed them
        registered = _register_fallback(path, index)
        if registered and code in registered[1]:
            return registered[0]
    _no_font.add(char)
    return None


# ------------------------------------------------------------------ text in runs


def _needs_bidi(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def visual(text: str) -> str:
    """Right-to-left runs put in the order they are drawn, Arabic letters joined."""
    if not _needs_bidi(text):
        return text
    from bidi import get_display

    try:
        import arabic_reshaper

        text = arabic_reshaper.reshape(text)
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    return "\n".join(str(get_display(line)) for line in text.split("\n"))


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """`text` in display order, cut into (font name, characters) runs: our font where it
    has the glyph, else a fallback; characters no font has are recorded."""
    register()
    primary = BOLD if bold else REGULAR
    if text.isascii():
        # Our font has every printable ASCII character; none is right-to-left.
        return [(primary, text)] if text else []
    have = _cmap(primary)
    text = visual(text)
    out: list[tuple[str, str]] = []
    with _lock:
        for char in text:
            font = primary
            if ord(char) not in have and _printable(char):
                font = _fallback_for(char) or primary
                if font == primary:
                    _missing.add(char)
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + char)
            else:
                out.append((font, char))
    return out


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup of plain text: escaped, line breaks kept, fallback runs marked."""
    parts = []
    for font, chunk in runs(text, bold):
        escaped = escape(chunk).replace("\n", "<br/>")
        parts.append(
            escaped if font in (REGULAR, BOLD) else f'<font name="{font}">{escaped}</font>'
        )
    return "".join(parts)


def string_width(text: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(sum(stringWidth(chunk, font, size) for font, chunk in runs(text, bold)))


def draw_text(
    group: Any,
    x: float,
    y: float,
    text: str,
    size: float,
    color: str = "#000000",
    bold: bool = False,
    anchor: str = "start",
    background: str | None = None,
) -> float:
    """Add `text` to a reportlab shapes group at baseline `y`; returns its width."""
    from reportlab.graphics.shapes import Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = runs(text, bold)
    widths = [stringWidth(chunk, font, size) for font, chunk in pieces]
    total = float(sum(widths))
    left = x - total if anchor == "end" else x - total / 2 if anchor == "middle" else x
    if background:
        group.add(
            Rect(
                left - 1,
                y - size * 0.25,
                total + 2,
                size * 1.05,
                fillColor=HexColor(background),
                strokeColor=None,
            )
        )
    fill = HexColor(color)
    for (font, chunk), width in zip(pieces, widths, strict=True):
        group.add(String(left, y, chunk, fontName=font, fontSize=size, fillColor=fill))
        left += width
    return total


def take_missing() -> list[str]:
    """The characters no font could print since the last call, in code point order."""
    with _lock:
        found = sorted(_missing)
        _missing.clear()
    return found


def note_missing(chars: Iterable[str]) -> None:
    """Record characters a worker process could not print (the pack builds in several)."""
    with _lock:
        _missing.update(chars)


# ------------------------------------------------------------------ one subset per pack


def seeded_canvas(seed: Mapping[str, str], used: dict[str, str]) -> Any:
    """A reportlab canvas class whose fonts take the characters of `seed` (font name →
    characters) first, and which records in `used` the characters each font drew, in
    the order of their codes. Documents seeded with the same characters embed
    byte-identical subsets, which a pack then keeps once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    class SeededCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for name, chars in seed.items():
                try:
                    font = pdfmetrics.getFont(name)
                except KeyError:  # a fallback this process never needed
                    continue
                if getattr(font, "_dynamicFont", False):
                    font.splitString(chars, self._doc)

        def save(self) -> None:
            for font in self._doc.delayedFonts:
                state = font.state.get(self._doc)
                if state is not None:
                    codes = sorted(state.assignments.items(), key=lambda item: item[1])
                    used[font.fontName] = "".join(chr(c) for c, _code in codes)
            super().save()

    return SeededCanvas
