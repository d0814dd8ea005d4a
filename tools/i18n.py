"""Translations: keep the catalogues in step with the sources, compile them, check them.

    .venv/bin/python tools/i18n.py update    # new strings into the catalogues, kept ones kept
    .venv/bin/python tools/i18n.py compile   # .ts → .qm and .po → .mo, into resources/
    .venv/bin/python tools/i18n.py check     # exit 1 on a missing, unfinished or stale string

Two catalogues per language, because the code has two kinds of strings:
- `resources/i18n/salesdesk_<lang>.ts`: Qt's `self.tr()` strings of `salesdesk/ui/`,
  maintained with Qt's own `lupdate` (contexts are the classes);
- `resources/locale/<lang>/LC_MESSAGES/salesdesk.po`: the headless strings marked
  with `_()`, `N_()` and `ngettext()` everywhere, read by gettext.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "salesdesk"
LANGUAGES = ("fr",)
# English needs a Qt catalogue of its plural forms only ("%n deal(s)" → "1 deal").
PLURAL_ONLY = ("en",)
PLACEHOLDER = re.compile(r"\{[a-z_]*[!:]?[^{}]*\}")


def ts_path(lang: str) -> Path:
    return ROOT / "resources" / "i18n" / f"salesdesk_{lang}.ts"


def qm_path(lang: str) -> Path:
    return ts_path(lang).with_suffix(".qm")


def po_path(lang: str) -> Path:
    return ROOT / "resources" / "locale" / lang / "LC_MESSAGES" / "salesdesk.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"pyside6-{name} not found beside {sys.executable}")
    return found


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (PACKAGE / "ui").rglob("*.py"))


# ---------------------------------------------------------------- gettext


@dataclass
class Entry:
    msgid: str
    plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    where: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.msgid, self.plural)


def extract_gettext() -> dict[tuple[str, str | None], Entry]:
    found: dict[tuple[str, str | None], Entry] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            name = node.func.id
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if name in ("_", "N_") and args and isinstance(args[0], str):
                entry = Entry(args[0])
            elif (
                name == "ngettext" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2])
            ):
                entry = Entry(str(args[0]), str(args[1]), ["", ""])
            else:
                continue
            entry = found.setdefault(entry.key, entry)
            entry.where.add(str(path.relative_to(ROOT)))
    return found


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\t", "\\t") + '"'


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), body)


HEADER = (
    "Content-Type: text/plain; charset=UTF-8\n"
    "Language: {lang}\n"
    "Plural-Forms: nplurals=2; plural=(n > 1);\n"
)


def read_po(path: Path) -> dict[tuple[str, str | None], Entry]:
    entries: dict[tuple[str, str | None], Entry] = {}
    if not path.exists():
        return entries
    current: dict[str, str] = {}
    last = ""

    def flush() -> None:
        if current.get("msgid"):
            plural = current.get("msgid_plural")
            forms = (
                [current.get("msgstr[0]", ""), current.get("msgstr[1]", "")]
                if plural is not None
                else [current.get("msgstr", "")]
            )
            entry = Entry(current["msgid"], plural, forms)
            entries[entry.key] = entry
        current.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            if not line.strip():
                flush()
            continue
        if line.startswith('"'):
            current[last] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid":
            flush()
        current[keyword] = _unquote(rest)
        last = keyword
    flush()
    return entries


def write_po(path: Path, lang: str, entries: dict[tuple[str, str | None], Entry]) -> None:
    lines = ['msgid ""', 'msgstr ""']
    lines += [_quote(line + "\n") for line in HEADER.format(lang=lang).splitlines()]
    for key in sorted(entries, key=lambda k: (sorted(entries[k].where)[:1], k[0])):
        entry = entries[key]
        lines.append("")
        lines += [f"#: {where}" for where in sorted(entry.where)]
        lines.append(f"msgid {_quote(entry.msgid)}")
        if entry.plural is not None:
            lines.append(f"msgid_plural {_quote(entry.plural)}")
            for i, form in enumerate(entry.msgstr):
                lines.append(f"msgstr[{i}] {_quote(form)}")
        else:
            lines.append(f"msgstr {_quote(entry.msgstr[0])}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def mo_bytes(lang: str, entries: dict[tuple[str, str | None], Entry]) -> bytes:
    """The GNU .mo format: a header, two tables of (length, offset), then the strings."""
    pairs = {"": HEADER.format(lang=lang)}
    for entry in entries.values():
        if not all(entry.msgstr):
            continue
        key = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        pairs[key] = "\0".join(entry.msgstr)
    keys = sorted(pairs)
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    count = len(keys)
    start = 7 * 4 + 16 * count
    offsets: list[int] = []
    blob = b""
    for data in ids + strs:
        offsets.append(start + len(blob))
        blob += data + b"\0"
    out = struct.pack("Iiiiiii", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, 0)
    for i, data in enumerate(ids):
        out += struct.pack("ii", len(data), offsets[i])
    for i, data in enumerate(strs):
        out += struct.pack("ii", len(data), offsets[count + i])
    return out + blob


# ---------------------------------------------------------------- Qt


def lupdate(ts: Path, plural_only: bool = False) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _tool("lupdate"),
            *ui_sources(),
            "-no-obsolete",
            "-locations",
            "none",
            *(["-pluralonly"] if plural_only else []),
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


def ts_messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message."""
    tree = ET.parse(ts)
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((name, message.findtext("source", ""), translation))
    return out


# ---------------------------------------------------------------- commands


def update() -> None:
    for lang in LANGUAGES:
        lupdate(ts_path(lang))
        kept = read_po(po_path(lang))
        fresh = extract_gettext()
        for key, entry in fresh.items():
            if key in kept:
                entry.msgstr = kept[key].msgstr
        write_po(po_path(lang), lang, fresh)
        print(f"{lang}: {ts_path(lang).relative_to(ROOT)}, {po_path(lang).relative_to(ROOT)}")
    for lang in PLURAL_ONLY:
        lupdate(ts_path(lang), plural_only=True)
        print(f"{lang}: {ts_path(lang).relative_to(ROOT)} (plural forms only)")


def compile_all(into: Path | None = None) -> list[tuple[Path, Path]]:
    """(file written, file shipped in resources/) for each compiled catalogue."""
    written = []
    for lang in LANGUAGES:
        folder = into / lang if into else None
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
        qm = folder / qm_path(lang).name if folder else qm_path(lang)
        mo = folder / mo_path(lang).name if folder else mo_path(lang)
        lrelease(ts_path(lang), qm)
        mo.write_bytes(mo_bytes(lang, read_po(po_path(lang))))
        written += [(qm, qm_path(lang)), (mo, mo_path(lang))]
    for lang in PLURAL_ONLY:
        folder = into / lang if into else None
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
        qm = folder / qm_path(lang).name if folder else qm_path(lang)
        lrelease(ts_path(lang), qm)
        written.append((qm, qm_path(lang)))
    return written


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def qt_problems(lang: str, tmp: Path, plural_only: bool = False) -> list[str]:
    """A Qt catalogue's untranslated or mismatched strings, and whether it is stale."""
    found: list[str] = []
    # The catalogue as lupdate would make it now, from the sources.
    current = tmp / ts_path(lang).name
    shutil.copy(ts_path(lang), current)
    lupdate(current, plural_only)
    for context, source, translation in ts_messages(current):
        where = f"{lang} Qt {context}: {source!r}"
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") == "unfinished" or not all(forms):
            found.append(f"{where} is not translated")
        for form in forms:
            if form and _placeholders(source) != _placeholders(form):
                found.append(f"{where}: the placeholders differ in {form!r}")
    if current.read_bytes() != ts_path(lang).read_bytes():
        found.append(f"{lang}: {ts_path(lang).name} is stale: run tools/i18n.py update")
    return found


def problems() -> list[str]:
    """Everything that keeps a language from being complete and current."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in PLURAL_ONLY:
            found += qt_problems(lang, Path(tmp), plural_only=True)
        for lang in LANGUAGES:
            found += qt_problems(lang, Path(tmp))
            # gettext
            kept = read_po(po_path(lang))
            for key, entry in extract_gettext().items():
                where = f"{lang} gettext {sorted(entry.where)[0]}: {entry.msgid!r}"
                known = kept.get(key)
                if known is None or not all(known.msgstr):
                    found.append(f"{where} is not translated")
                    continue
                for form in known.msgstr:
                    if _placeholders(entry.msgid) | _placeholders(entry.plural or "") != (
                        _placeholders(form) | _placeholders(entry.msgid if entry.plural else "")
                    ):
                        found.append(f"{where}: the placeholders differ in {form!r}")
        # The compiled files in resources/ are those of the catalogues.
        for built, shipped in compile_all(Path(tmp)):
            if not shipped.exists() or shipped.read_bytes() != built.read_bytes():
                found.append(f"{shipped.relative_to(ROOT)} is stale: run tools/i18n.py compile")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "compile", "check"])
    args = parser.parse_args()
    if args.command == "update":
        update()
    elif args.command == "compile":
        for path, _shipped in compile_all():
            print(path.relative_to(ROOT))
    else:
        found = problems()
        for line in found:
            print(line)
        if found:
            raise SystemExit(f"{len(found)} translation problem(s)")
        print("translations complete and current")


if __name__ == "__main__":
    main()
