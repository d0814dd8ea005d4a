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
import io
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

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


# ---------------------------------------------------------------- gettext (Babel)

# The headless code's markers: `_()` and `N_()` take one string, `ngettext()` two.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract_gettext(lang: str) -> Catalog:
    """A template of every marked string of the package, with where each is used."""
    template = Catalog(locale=lang, project="SalesDesk", charset="utf-8", fuzzy=False)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        template.add(message, locations=[(f"salesdesk/{filename}", lineno)])
    return template


def read_catalog(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=lang, project="SalesDesk", charset="utf-8")
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def write_catalog(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    with temp.open("wb") as f:
        # No line numbers and no dates: a catalogue changes only when a string does.
        write_po(f, catalog, width=100, include_lineno=False, omit_header=False, sort_by_file=True)
    temp.replace(path)


def texts(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A message's id or string as its forms: one, or a plural's several."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def complete(message: Message) -> bool:
    forms = texts(message.string)
    return bool(forms) and all(forms) and not message.fuzzy


def mo_bytes(catalog: Catalog) -> bytes:
    """The GNU .mo file of a catalogue's finished translations only (a half-translated
    plural stays English rather than mixing the two), with the catalogue's own header:
    its Plural-Forms, not the locale's newest in Babel's data."""
    for message in list(catalog):
        if message.id and not complete(message):
            catalog.delete(message.id)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


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
        catalog = read_catalog(po_path(lang), lang)
        template = extract_gettext(lang)
        # The header's dates stay as they were: a run that changes no string changes nothing.
        template.creation_date = catalog.creation_date
        # Kept translations stay; strings gone from the code go; no guessed ("fuzzy")
        # translation is made up for a new string.
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        write_catalog(po_path(lang), catalog)
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
        mo.write_bytes(mo_bytes(read_catalog(po_path(lang), lang)))
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


def gettext_problems(lang: str) -> list[str]:
    found: list[str] = []
    kept = read_catalog(po_path(lang), lang)
    for message in extract_gettext(lang):
        if not message.id:
            continue
        ids = texts(message.id)
        where = f"{lang} gettext {message.locations[0][0]}: {ids[0]!r}"
        known = kept.get(message.id)
        if known is None or not complete(known):
            found.append(f"{where} is not translated")
            continue
        wanted = set().union(*(_placeholders(i) for i in ids))
        for form in texts(known.string):
            # A plural's form may leave out what the singular names ("one deal").
            if _placeholders(form) | (_placeholders(ids[0]) if len(ids) > 1 else set()) != wanted:
                found.append(f"{where}: the placeholders differ in {form!r}")
    stored = {m.id for m in kept if m.id}
    if stored != {m.id for m in extract_gettext(lang) if m.id}:
        found.append(f"{lang}: {po_path(lang).name} is stale: run tools/i18n.py update")
    return found


def problems() -> list[str]:
    """Everything that keeps a language from being complete and current."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in PLURAL_ONLY:
            found += qt_problems(lang, Path(tmp), plural_only=True)
        for lang in LANGUAGES:
            found += qt_problems(lang, Path(tmp))
            found += gettext_problems(lang)
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
