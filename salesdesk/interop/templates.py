"""Worksheet templates: a deal's terms and BATNA descriptions, kept to start new deals from.

A template is a deal package (the exchange format) holding only the worksheet, in
a `templates/` folder beside the database, so it can be read, mailed and checked
like any package.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Batna, DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.files import atomic_write_text
from salesdesk.i18n import _
from salesdesk.interop.package import deal_to_package, dumps, load_package

SUFFIX = ".salesdesk-template.json"


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    path: Path


def template_dir(database_file: Path) -> Path:
    return database_file.parent / "templates"


def _file_name(name: str) -> str:
    safe = re.sub(r"[^\w\- ]+", "_", name.strip()).strip() or "template"
    return safe + SUFFIX


def worksheet_only(sheet: DealSheet, name: str) -> DealSheet:
    """The terms and the BATNAs' descriptions; no figures of the deal's history."""
    return DealSheet(
        title=name,
        account=_("(template)"),
        currency=sheet.currency,
        terms=copy.deepcopy(sheet.terms),
        batna_ours=Batna(description=sheet.batna_ours.description, term=sheet.batna_ours.term),
        batna_theirs=Batna(
            description=sheet.batna_theirs.description, term=sheet.batna_theirs.term
        ),
    )


def save_template(folder: Path, name: str, sheet: DealSheet, today: date) -> Template:
    if not name.strip():
        raise InputError(_("a template needs a name"), _("Name"))
    if not sheet.terms:
        raise InputError(_("the worksheet has no terms to keep"), _("Worksheet"))
    template = worksheet_only(sheet, name.strip())
    path = folder / _file_name(name)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, dumps(deal_to_package(template, analyse(template, today))))
    return Template(template.title, path)


def list_templates(folder: Path) -> list[Template]:
    found = []
    for path in sorted(folder.glob("*" + SUFFIX)):
        found.append(Template(path.name[: -len(SUFFIX)], path))
    return found


def new_sheet_from(path: Path, title: str, account: str) -> DealSheet:
    """A new deal with the template's worksheet; raises PackageError for a damaged file."""
    template = load_package(path.read_text(encoding="utf-8"), str(path))
    sheet = worksheet_only(template, title)
    sheet.account = account
    return sheet
