"""Human-readable text for the command line: the deal list and a deal's worksheet."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import ROLE_LABELS, STANCE_LABELS, DealSheet
from salesdesk.domain.display import format_date
from salesdesk.domain.frontier import DealMap
from salesdesk.domain.ledger import STATUS_LABELS as ENTRY_STATUS_LABELS
from salesdesk.domain.ledger import Giver
from salesdesk.domain.meso import Package
from salesdesk.domain.money import format_money, format_number
from salesdesk.domain.package_search import ScoredPackage
from salesdesk.domain.preferences import value_text, weight_text, zone_text
from salesdesk.domain.stages import PHASE_LABELS, STAGE_LABELS, STATUS_LABELS
from salesdesk.domain.terms import Direction, Value
from salesdesk.i18n import _
from salesdesk.warning_text import warning_message

if TYPE_CHECKING:
    from salesdesk.domain.listing import DealSummary


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(text: str, width: int, right: bool = False) -> str:
    if _width(text) > width:
        while _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    pad = " " * (width - _width(text))
    return pad + text if right else text + pad


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[int] = (),
    limits: Sequence[int] | None = None,
) -> str:
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    if limits:
        widths = [min(w, lim) for w, lim in zip(widths, limits, strict=True)]
    lines = [
        "  ".join(
            _cell(h, w, i in right) for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        )
    ]
    lines.append("  ".join("─" * w for w in widths))
    for row in rows:
        lines.append(
            "  ".join(
                _cell(c, w, i in right) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    return "\n".join(line.rstrip() for line in lines)


def deals_table(rows: Sequence[DealSummary], lang: str) -> str:
    if not rows:
        return _("No deals yet. Add the samples with: salesdesk demo")
    body = []
    for r in rows:
        due = format_date(r.next_contact_due, lang)
        if r.overdue:
            due += " " + _("(overdue)")
        body.append(
            [
                str(r.id),
                r.title,
                r.account,
                _(STAGE_LABELS[r.stage]),
                str(r.phase),
                _(STATUS_LABELS[r.status]),
                "" if r.value is None else format_money(r.value, r.currency, lang),
                due,
            ]
        )
    return table(
        [
            _("#"),
            _("Title"),
            _("Account"),
            _("Stage"),
            _("Phase"),
            _("Status"),
            _("Value"),
            _("Next contact"),
        ],
        body,
        right=(0, 4, 6),
        # A stage or a status is never cut: its longest name in the language it is shown in.
        limits=(
            *(6, 40, 32, _longest(STAGE_LABELS, _("Stage"))),
            *(5, _longest(STATUS_LABELS, _("Status")), 16, 24),
        ),
    )


def _longest(labels: Mapping[Any, str], header: str) -> int:
    return max([_width(header)] + [_width(_(label)) for label in labels.values()])


def worksheet_text(sheet: DealSheet, analysis: Analysis, lang: str) -> str:
    def num(value: Value | None) -> str:
        return "" if value is None else value_text(value, lang)

    def money(value: Decimal | None) -> str:
        return "" if value is None else format_money(value, sheet.currency, lang)

    out: list[str] = []
    out.append(f"#{sheet.id}  {sheet.title} — {sheet.account}")
    facts = [
        _("Stage {n}/8: {label}").format(n=sheet.stage.number, label=_(STAGE_LABELS[sheet.stage])),
        _("Phase {n}: {label}").format(n=sheet.phase, label=_(PHASE_LABELS[sheet.phase])),
        _(STATUS_LABELS[sheet.status]),
    ]
    if sheet.value is not None:
        facts.append(money(sheet.value))
    if sheet.probability is not None:
        facts.append(f"{sheet.probability} %")
    if sheet.close_date:
        facts.append(_("closes {date}").format(date=format_date(sheet.close_date, lang)))
    out.append(" · ".join(facts))
    contact = analysis.contact
    if contact.last_contact:
        line = _("Last contact {last}, next due {due}").format(
            last=format_date(contact.last_contact, lang),
            due=format_date(contact.next_contact_due, lang),
        )
        if contact.overdue:
            line += " — " + _("OVERDUE")
        out.append(line)
    out.append("")
    if sheet.terms:
        rows = []
        for term in sheet.terms:
            zopa = analysis.zopas.get(term.name)
            zopa_text = (
                zone_text(zopa, lang)
                if zopa
                else (
                    _("none")
                    if term.walk_away is not None and term.their_walk_away is not None
                    else "?"
                )
            )
            rows.append(
                [
                    term.name,
                    term.unit,
                    "↑" if term.direction is Direction.HIGHER_IS_BETTER else "↓",
                    weight_text(term.weight, lang),
                    num(term.opening),
                    num(term.target),
                    num(term.walk_away),
                    num(term.their_opening),
                    num(term.their_target),
                    num(term.their_walk_away),
                    zopa_text,
                ]
            )
        out.append(
            table(
                [
                    _("Term"),
                    _("Unit"),
                    _("Dir"),
                    _("Wt"),
                    _("Opening"),
                    _("Target"),
                    _("Walk-away"),
                    _("Their open."),
                    _("Their tgt"),
                    _("Their w-a"),
                    _("ZOPA"),
                ],
                rows,
                right=(3, 4, 5, 6, 7, 8, 9),
                limits=(28, 14, 3, 5, 10, 10, 10, 11, 10, 10, 22),
            )
        )
        out.append(_("↑ more is better for us, ↓ less is better for us"))
        out.append("")
    for title, batna in (
        (_("Our BATNA"), sheet.batna_ours),
        (_("Their BATNA"), sheet.batna_theirs),
    ):
        if batna.is_empty:
            continue
        parts = [batna.description]
        if batna.value is not None:
            parts.append(
                _("value {value} ({term})").format(value=num(batna.value), term=batna.term or "—")
            )
        if batna.package:
            parts.append(
                _("package {values}").format(
                    values=", ".join(f"{k} {num(v)}" for k, v in batna.package.items())
                )
            )
        if batna.score is not None:
            parts.append(_("score {score}").format(score=num(batna.score)))
        elif batna.needs_score:
            parts.append(_("needs a score on the package scale (0–100)"))
        out.append(f"{title}: " + " · ".join(p for p in parts if p))
    if analysis.offers:
        out.append("")
        out.append(_("Offers"))
        if analysis.target_score is not None:
            out.append(
                _("Our target scores {target}; our BATNA {batna}.").format(
                    target=format_number(analysis.target_score, lang, 2),
                    batna="—"
                    if analysis.batna_score is None
                    else format_number(analysis.batna_score, lang, 2),
                )
            )
        rows = []
        for scored in analysis.offers:
            o = scored.offer
            rows.append(
                [
                    str(o.round),
                    _("us") if o.side.value == "us" else _("them"),
                    "—" if scored.score is None else format_number(scored.score, lang, 2),
                    "—"
                    if scored.their_score is None
                    else format_number(scored.their_score, lang, 2),
                    ", ".join(f"{k} {num(v)}" for k, v in o.values.items()),
                ]
            )
        out.append(
            table(
                [_("Round"), _("Side"), _("Score"), _("Their score"), _("Values")],
                rows,
                right=(0, 2, 3),
            )
        )
    if sheet.ledger:
        out.append("")
        out.append(_("Give-and-get ledger"))
        rows = []
        for i, e in enumerate(sheet.ledger):
            giver = _("we give") if e.giver is Giver.US else _("they give")
            rows.append(
                [
                    str(i),
                    "" if e.round is None else str(e.round),
                    giver,
                    e.what,
                    e.counterpart or _("(no counterpart)"),
                    money(e.cost),
                    money(e.value),
                    _(ENTRY_STATUS_LABELS[e.status])
                    + (" ⚑" if e.needs_approval and not e.approved else ""),
                ]
            )
        out.append(
            table(
                [
                    _("#"),
                    _("Rnd"),
                    _("Who"),
                    _("What"),
                    _("On condition that"),
                    _("Cost"),
                    _("Value"),
                    _("Status"),
                ],
                rows,
                right=(0, 1, 5, 6),
                limits=(3, 3, 10, 36, 36, 14, 14, 12),
            )
        )
        f = analysis.figures
        out.append(
            _("Given cost {given} · received value {received} · balance {balance}").format(
                given=money(f.given_cost),
                received=money(f.received_value),
                balance=money(f.balance),
            )
            + " "
            + _("(accepted entries); offered, awaiting an answer: {offered}").format(
                offered=money(f.offered_cost)
            )
        )
    if sheet.stakeholders:
        out.append("")
        out.append(_("People"))
        labels = sheet.labels()
        for p in sheet.stakeholders:
            bits = [
                _(ROLE_LABELS[p.role]) if p.role else "",
                _(STANCE_LABELS[p.stance]) if p.stance else "",
            ]
            if p.introduced_by in labels:
                bits.append(_("introduced by {name}").format(name=labels[p.introduced_by]))
            side = _("ours") if p.side.value == "ours" else _("theirs")
            out.append(f"  {p.name} ({side}): " + ", ".join(b for b in bits if b))
    if analysis.warnings:
        out.append("")
        out.append(_("Watch out"))
        for w in analysis.warnings:
            out.append(f"  ! {warning_message(w, lang)}  [{w.code.value}]")
    return "\n".join(out)


def packages_text(
    sheet: DealSheet,
    packages: Sequence[Package],
    score: Decimal,
    target: Decimal | None,
    lang: str,
) -> str:
    """The MESO packages as a table: a row per package, its values, scores and moves."""
    head = _("Packages worth {score} to us").format(score=format_number(score, lang, 2))
    if target is not None:
        head += " " + _("(our target scores {target})").format(
            target=format_number(target, lang, 2)
        )
    if not packages:
        return head + "\n" + _("No package on the terms' steps comes within a point of it.")
    names = [t.name for t in sheet.terms]
    rows = [
        [
            str(i),
            *("" if (v := p.values.get(name)) is None else value_text(v, lang) for name in names),
            "—" if p.score is None else format_number(p.score, lang, 2),
            "—" if p.their_score is None else format_number(p.their_score, lang, 2),
            ", ".join(p.moves) or "—",
        ]
        for i, p in enumerate(packages, 1)
    ]
    headers = ["#", *names, _("Score"), _("Their score"), _("Moves")]
    right = tuple(range(len(names) + 3))
    return head + "\n" + table(headers, rows, right=right)


def frontier_text(
    sheet: DealSheet, found: DealMap, shown: Sequence[ScoredPackage], lang: str
) -> str:
    """The frontier as a table (our score highest first), then Nash and the deal zone."""
    names = [t.name for t in sheet.terms if any(t.name in p.values for p in shown)]
    flags = dict(zip(map(id, found.frontier), found.in_zone, strict=True))
    rows = [
        [
            format_number(p.score, lang, 2),
            format_number(p.their_score, lang, 2),
            *(value_text(p.values[name], lang) for name in names),
            ("✓" if flags.get(id(p)) else "") + (" Nash" if p is found.nash else ""),
        ]
        for p in shown
    ]
    head = _("Efficient frontier: {n} packages no other beats for both sides").format(
        n=len(found.frontier)
    )
    out = [head, table([_("Score"), _("Their score"), *names, _("Deal zone")], rows, right=(0, 1))]
    if found.nash is not None:
        out.append(
            _("Nash package: {score} for us, {their} for them").format(
                score=format_number(found.nash.score, lang, 2),
                their=format_number(found.nash.their_score, lang, 2),
            )
        )
    out.append(
        _("A deal zone exists: packages that suit both sides.")
        if found.deal_zone
        else _("No deal zone: no package suits both sides' walk-aways and BATNAs.")
    )
    return "\n".join(out)
