"""Worksheet templates: a deal's terms and BATNA descriptions, kept to start new deals from.

A template keeps the worksheet's structure, never one deal's figures: each term's name,
unit, kind, direction, weights, step, options and score points, without positions or
market values; a BATNA's term and description, unless the description states a figure
("EUR 42.00"), without its value, score or package.

A template is a deal package (the exchange format) holding only the worksheet, in
a `templates/` folder beside the database, so it can be read, mailed and checked
like any package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Batna, DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.ids import new_uid
from salesdesk.domain.terms import POSITION_FIELDS, Term
from salesdesk.files import atomic_write_text
from salesdesk.i18n import _
from salesdesk.interop.deal_json import dumps
from salesdesk.interop.package_read import load_package
from salesdesk.interop.package_write import deal_to_package

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


def _structure(term: Term) -> Term:
    """The term without the figures of the deal it came from (a row of its own)."""
    structure = replace(term, uid=new_uid())
    for name in POSITION_FIELDS:
        setattr(structure, name, None)
    return structure


def _without_figures(batna: Batna) -> Batna:
    """What the BATNA is measured on, and its description when it names no figure."""
    description = "" if any(c.isdigit() for c in batna.description) else batna.description
    return Batna(description=description, term=batna.term)


def worksheet_only(sheet: DealSheet, name: str) -> DealSheet:
    """The worksheet's structure: its terms and the BATNAs' descriptions, no figures."""
    return DealSheet(
        title=name,
        account=_("(template)"),
        currency=sheet.currency,
        terms=[_structure(t) for t in sheet.terms],
        batna_ours=_without_figures(sheet.batna_ours),
        batna_theirs=_without_figures(sheet.batna_theirs),
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
