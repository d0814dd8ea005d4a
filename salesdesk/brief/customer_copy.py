"""The customer copy: a WHITELIST of what may lie on the table in front of the customer.

It shows the header (deal and account names, the meeting's day, time and title — no
round —, who prepared it), the meeting's agenda, the note written for the customer, our
current proposal (term, unit, value) and the names of the people attending: nothing
else. Its figures take their decimals from the values it shows only. Whatever is added
here goes in front of the customer: add a field only on purpose, with its test.

The test that proves it:
tests/brief/test_customer_copy.py::test_the_customer_copy_leaks_none_of_the_planted_markers
plants a distinct marker in every other field of a deal (objectives, targets,
walk-aways, BATNAs, ledger, people's roles and stances, interactions, offers…) and
finds none of them in the copy's text or streams.

An import contract (pyproject.toml) keeps this module off the full brief's sections:
it builds with brief.builder (request, paragraphs, tables, header), brief.styles and
brief.figures, and with domain types.
"""

from __future__ import annotations

from salesdesk.brief.builder import Builder
from salesdesk.brief.figures import numbers_of, term_places
from salesdesk.brief.styles import para_text as _p
from salesdesk.domain.deal import DealSheet, Meeting, people_named
from salesdesk.domain.terms import Side, Value
from salesdesk.i18n import _


def our_current_proposal(sheet: DealSheet, meeting: Meeting | None) -> dict[str, Value]:
    """What we put on the table now, per term: our offer of the meeting's round when one
    is recorded, else our latest offer, else the worksheet opening. A term that offer
    leaves out takes our latest earlier value for it, else the opening."""
    ours = sorted((o for o in sheet.offers if o.side is Side.US), key=lambda o: o.round)
    if meeting is not None and meeting.round is not None:
        at_round = [o for o in ours if o.round == meeting.round]
        if at_round:
            ours = [o for o in ours if o.round <= meeting.round]
    values: dict[str, Value] = {}
    for term in sheet.terms:
        value = term.opening
        for offer in ours:
            if term.name in offer.values:
                value = offer.values[term.name]
        if value is not None:
            values[term.name] = value
    return values


def customer_copy(b: Builder) -> None:
    """The whitelist, and nothing else: header, agenda, the note for the customer,
    our current proposal, the names of the people attending."""
    s, m = b.r.sheet, b.r.meeting
    b.proposal = our_current_proposal(s, m)
    # Decimals from what this copy shows only: nothing else may shape it.
    b.places = {t.name: term_places(t.unit, numbers_of([b.proposal.get(t.name)])) for t in s.terms}
    b.header()
    if m is not None and m.agenda.strip():
        b.heading(_("Agenda"))
        b.story.append(b.para(_p(m.agenda)))
    if m is not None and m.customer_note.strip():
        b.heading(_("Note"))
        b.story.append(b.para(_p(m.customer_note)))
    terms = [t for t in s.terms if t.name in b.proposal]
    if terms:
        b.heading(_("Our proposal"))
        b.table(
            [_("Term"), _("Unit"), _("Our proposal")],
            [[t.name, t.unit, b.value(t.name, b.proposal[t.name])] for t in terms],
            "tfn",
        )
    if m is not None and m.attendees:
        b.heading(_("Attending"))
        names = [p.name for p in people_named(s.stakeholders, m.attendees)]
        b.story.append(b.para(_p(", ".join(names))))
