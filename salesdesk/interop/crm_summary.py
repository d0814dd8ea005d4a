"""What a CRM import did, in lines that add up to the file's rows, then what it decided
or assumed (the command line prints them; the app shows them under its preview)."""

from __future__ import annotations

from collections.abc import Sequence

from salesdesk.i18n import _
from salesdesk.interop.crm_csv import CRM_NAMES, CrmFile
from salesdesk.store.crm_import import ImportCounts


def summary_lines(crm_file: CrmFile, counts: ImportCounts, *, dry_run: bool) -> list[str]:
    """What an import did, adding up to the file's rows, then what it decided or assumed."""
    figures = {
        "source": CRM_NAMES[crm_file.source],
        "rows": crm_file.rows,
        "c": counts.created,
        "u": counts.updated,
        "n": counts.unchanged,
        "s": len(crm_file.skipped),
    }
    if dry_run:
        head = _(
            "{source} export, {rows} rows: {c} would be created, {u} updated, {n} left alone"
        ).format(**figures)
    else:
        head = _("{source} export, {rows} rows: {c} created, {u} updated, {n} left alone").format(
            **figures
        )
    if crm_file.skipped:
        head += ", " + _("{s} skipped").format(**figures)
    if dry_run:
        head += " " + _("(dry run: nothing written)")
    lines = [head]
    if crm_file.skipped:
        lines.append(
            "  "
            + _("skipped, as empty: line(s) {lines}").format(lines=_line_list(crm_file.skipped))
        )
    for same in crm_file.duplicates:
        lines.append(
            "  "
            + _(
                "possible duplicates, same account and title (each imported as its own "
                "deal): lines {lines}"
            ).format(lines=_line_list(same))
        )
    lines += ["  " + fact for fact in crm_file.facts]
    if dry_run:
        read, ignored = crm_file.mapping()
        lines.append(
            "  "
            + _("columns read: {columns}").format(
                columns=", ".join(f"{column!r} → {name}" for column, name in read)
            )
        )
        if ignored:
            lines.append(
                "  "
                + _("columns left alone: {columns}").format(
                    columns=", ".join(repr(c) for c in ignored)
                )
            )
    return lines


def _line_list(lines: Sequence[int], most: int = 20) -> str:
    shown = ", ".join(str(n) for n in lines[:most])
    return shown + (", …" if len(lines) > most else "")
