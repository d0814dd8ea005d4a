"""The full brief's page one: where we stand, what to put on the table and what to
watch out for. It also settles the figures the whole full brief prints with: our
current proposal, their latest offer, the equivalent packages, each term's decimals."""

from __future__ import annotations

from decimal import Decimal

from salesdesk.brief.builder import Builder
from salesdesk.brief.customer_copy import our_current_proposal
from salesdesk.brief.figures import numbers_of, term_places, unbreakable
from salesdesk.brief.review_page import next_offer_lines, planned_offer
from salesdesk.brief.styles import para_text as _p
from salesdesk.domain.deal import ROLE_LABELS, STANCE_LABELS, Batna, DealSheet, people_named
from salesdesk.domain.errors import InputError
from salesdesk.domain.ledger import EntryStatus, Giver
from salesdesk.domain.meso import Package, equivalent_packages
from salesdesk.domain.scoring import package_score
from salesdesk.domain.stages import STAGE_LABELS
from salesdesk.domain.terms import POSITION_FIELDS, Direction, Side, Value, step_of
from salesdesk.i18n import _
from salesdesk.warning_text import batna_notices, warning_message


def page_one(b: Builder) -> None:
    """The figures, then the header and page one's sections."""
    settle_figures(b)
    b.header()
    status_line(b)
    objectives(b)
    where_we_stand(b)
    batna_lines(b)
    trades(b)
    meso(b)
    in_the_room(b)
    watch_out(b)


def _their_latest(sheet: DealSheet) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for offer in sorted((o for o in sheet.offers if o.side is Side.THEM), key=lambda o: o.round):
        values.update(offer.values)
    return values


def settle_figures(b: Builder) -> None:
    """Our proposal, their latest, the packages, and each term's decimals: the most any
    value the full brief prints for it uses."""
    sheet = b.r.sheet
    b.proposal = our_current_proposal(sheet, b.r.meeting)
    b.theirs = _their_latest(sheet)
    shown: dict[str, list[Value | None]] = {
        t.name: [*(getattr(t, f) for f in POSITION_FIELDS), step_of(t)] for t in sheet.terms
    }
    for offer in sheet.offers:
        for name, value in offer.values.items():
            shown.setdefault(name, []).append(value)
    b.package_list = packages(b)
    for package in b.package_list:
        for name, value in package.values.items():
            shown.setdefault(name, []).append(value)
    batna_terms = (sheet.batna_ours, sheet.batna_theirs)
    for batna in batna_terms:
        if batna.term and batna.value is not None:
            shown.setdefault(batna.term, []).append(batna.value)
    units = {t.name: t.unit for t in sheet.terms}
    b.places = {
        name: term_places(units.get(name, ""), numbers_of(values)) for name, values in shown.items()
    }


def status_line(b: Builder) -> None:
    s, a = b.r.sheet, b.r.analysis
    parts = [
        _("Stage {n}/8 — {stage}").format(n=s.stage.number, stage=_(STAGE_LABELS[s.stage])),
        _("maturity {phase}/5").format(phase=s.phase),
    ]
    if s.value is not None:
        parts.append(_("value {amount}").format(amount=b.money(s.value)))
    if a.contact.next_contact_due is not None:
        parts.append(_("next contact due {date}").format(date=b.day(a.contact.next_contact_due)))
    b.story.append(b.para(_p(" · ".join(parts)), "small"))


def objectives(b: Builder) -> None:
    m = b.r.meeting
    b.heading(_("Objectives for this meeting"))
    if m is not None and m.objectives.strip():
        b.story.append(b.para(_p(m.objectives)))
    else:
        b.story.append(b.para(_p(_("None written yet.")), "small"))


def where_we_stand(b: Builder) -> None:
    s, a = b.r.sheet, b.r.analysis
    if not s.terms:
        return
    b.heading(_("Where we stand"))
    plan = planned_offer(b)
    rows = []
    for t in s.terms:
        zone = a.zopas.get(t.name)
        both = t.walk_away is not None and t.their_walk_away is not None
        if zone is not None and zone.options is not None:
            zopa = ", ".join(zone.options)
        elif zone is not None:
            zopa = unbreakable(f"{b.value(t.name, zone.low)} – {b.value(t.name, zone.high)}")
        else:
            zopa = _("none") if both else "?"
        rows.append(
            [
                t.name,
                t.unit,
                "↑" if t.direction is Direction.HIGHER_IS_BETTER else "↓",
                b.value(t.name, b.proposal.get(t.name)),
                b.value(t.name, t.target),
                b.value(t.name, t.walk_away),
                b.value(t.name, b.theirs.get(t.name)),
                zopa,
            ]
        )
        if plan is not None:
            rows[-1].insert(4, b.value(t.name, plan.values.get(t.name)))
    b.table(
        [
            _("Term"),
            _("Unit"),
            "",
            _("Open with"),
            *([_("Next offer")] if plan is not None else []),
            _("Target"),
            _("Walk-away"),
            _("Their latest"),
            _("ZOPA"),
        ],
        rows,
        # An option term's values are labels: they wrap, where numbers never do.
        "tffvvvvv" + ("v" if plan is not None else ""),
    )
    b.story.append(
        b.para(
            _p(
                _(
                    "↑ more is better for us, ↓ less is better for us. Open with: our "
                    "current proposal; their latest: their latest offer; ZOPA: where both "
                    "walk-aways allow a deal (? when one is unknown)."
                )
            ),
            "small",
        )
    )
    if plan is not None:
        next_offer_lines(b, plan)


def batna_score(b: Builder, batna: Batna) -> Decimal | None:
    """On the package scale: typed, else its package's score (never one term's)."""
    a = b.r.analysis
    return a.batna_score if batna is b.r.sheet.batna_ours else a.their_batna_score


def batna_text(b: Builder, batna: Batna) -> str:
    parts = [batna.description.strip() or "—"]
    if batna.value is not None:
        figure = b.value(batna.term or "", batna.value)
        parts.append(f"{figure} ({batna.term})" if batna.term else figure)
    if (level := batna_score(b, batna)) is not None:
        parts.append(_("score {score}").format(score=b.score(level)))
    return " — ".join(parts)


def batna_lines(b: Builder) -> None:
    s = b.r.sheet
    if s.batna_ours.is_empty and s.batna_theirs.is_empty:
        return
    b.heading(_("If there is no deal (BATNA)"))
    for label, batna in ((_("Ours"), s.batna_ours), (_("Theirs (estimated)"), s.batna_theirs)):
        if not batna.is_empty:
            line = _("{side}: {alternative}").format(side=label, alternative=batna_text(b, batna))
            b.item(_p(line))


def trades(b: Builder) -> None:
    """Our trades still to put on the table, and those on it awaiting their answer."""
    s = b.r.sheet
    open_ = sorted(
        (
            e
            for e in s.ledger
            if e.giver is Giver.US and e.status in (EntryStatus.PLANNED, EntryStatus.OFFERED)
        ),
        key=lambda e: (e.status is EntryStatus.OFFERED, e.round is None, e.round or 0),
    )
    if not open_:
        return
    b.heading(_("Trades to propose"))
    for e in open_:
        if e.has_counterpart:
            line = _("We give: {what} — on condition that you give: {counterpart}").format(
                what=e.what, counterpart=e.counterpart
            )
        else:
            line = _("We give: {what} — no counterpart written yet: do not give it away").format(
                what=e.what
            )
        mark = (
            _("[offered, awaiting their answer]")
            if e.status is EntryStatus.OFFERED
            else _("[planned]")
        )
        extras = []
        if e.round:
            extras.append(_("round {n}").format(n=e.round))
        if e.cost is not None:
            extras.append(_("costs us {amount}").format(amount=b.money(e.cost)))
        markup = f"<b>{_p(mark)}</b> " + _p(line)
        if extras:
            markup += f" <font size=7.5>({_p(', '.join(extras))})</font>"
        if e.declined:
            markup += (
                " <b>"
                + _p(_("[DECLINED by {who}: do not offer it]").format(who=e.approved_by or "?"))
                + "</b>"
            )
        elif e.needs_approval:
            if e.approved:
                markup += " <font size=7.5>" + _p(_("[approved]")) + "</font>"
            else:
                markup += " <b>" + _p(_("[NEEDS A MANAGER'S APPROVAL]")) + "</b>"
        b.item(markup)


def packages(b: Builder) -> list[Package]:
    s = b.r.sheet
    level = package_score(s.terms, b.proposal, Side.US) if b.proposal else None
    if level is None:
        return []
    try:
        return equivalent_packages(
            s.terms,
            level,
            b.r.analysis.batna_score,
            their_batna=b.r.analysis.their_batna_score,
        )
    except InputError:
        return []


def meso(b: Builder) -> None:
    s = b.r.sheet
    packages = b.package_list
    if len(packages) < 2:
        return
    b.heading(_("Equivalent packages to put on the table (MESO)"))
    letters = "ABCDEFGH"
    names = [t for t in s.terms if any(t.name in p.values for p in packages)]
    rows = [
        [t.name, t.unit, *(b.value(t.name, p.values.get(t.name)) for p in packages)] for t in names
    ]
    # Each package's own score for each side: "equal for us" is within a point.
    rows.append([_("Score for us"), "", *(b.score(p.score) for p in packages)])
    rows.append([_("Score for them (est.)"), "", *(b.score(p.their_score) for p in packages)])
    b.table(
        [
            _("Term"),
            _("Unit"),
            *(_("Package {x}").format(x=letters[i]) for i in range(len(packages))),
        ],
        rows,
        "tf" + "v" * len(packages),
    )
    proposal = package_score(s.terms, b.proposal, Side.US)
    target = b.r.analysis.target_score
    b.story.append(
        b.para(
            _p(
                _(
                    "Each package is worth to us what our current proposal is ({proposal}), "
                    "within one point; our target scores {target}. Which one they prefer "
                    "tells what matters to them."
                ).format(
                    proposal=b.score(proposal) or "—",
                    target=b.score(target) or "—",
                )
            ),
            "small",
        )
    )


def in_the_room(b: Builder) -> None:
    s, m = b.r.sheet, b.r.meeting
    if m is not None and m.attendees:
        people = people_named(s.stakeholders, m.attendees)
        title = _("In the room")
    else:
        people = list(s.stakeholders)
        title = _("People")
    if not people:
        return
    labels = s.labels()  # two of one name: "Sophie Martin (ours)", "Sophie Martin (Acme)"
    b.heading(title)
    b.table(
        [_("Name"), _("Side"), _("Role"), _("Stance")],
        [
            [
                labels[p.uid],
                _("ours") if p.side.value == "ours" else _("theirs"),
                _(ROLE_LABELS[p.role]) if p.role else "",
                _(STANCE_LABELS[p.stance]) if p.stance else "",
            ]
            for p in people
        ],
        "tfff",
    )


def watch_out(b: Builder) -> None:
    warnings = b.r.analysis.warnings
    notices = batna_notices(b.r.analysis)
    if not warnings and not notices:
        return
    b.heading(_("Watch out"))
    for w in warnings:
        b.item(_p(warning_message(w, b.lang)))
    for notice in notices:
        b.item(_p(notice))
