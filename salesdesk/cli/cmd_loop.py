"""After the meeting, on the command line: `counterpart` (their weights and likely
walk-aways read from their offers), `next-offer` (the package to put on the table
next) and `rehearse` (play a round or more against a simulated counterpart, JSON lines
in and out). None of them writes anything.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from salesdesk.cli.common import load_deal
from salesdesk.cli.output import UserError, answer, notice, print_json_line
from salesdesk.domain.errors import InputError
from salesdesk.i18n import _, language, ngettext

if TYPE_CHECKING:
    from decimal import Decimal

    from salesdesk.domain.counterpart import Reading
    from salesdesk.domain.deal import DealSheet
    from salesdesk.domain.next_offer import NextOffer


def cmd_counterpart(args: argparse.Namespace) -> int:
    from salesdesk.domain.counterpart import read_counterpart
    from salesdesk.interop.loop_json import counterpart_json

    sheet, _analysis = load_deal(args)
    reading = read_counterpart(sheet)
    return answer(
        args,
        lambda: counterpart_json(reading),
        lambda: counterpart_text(sheet, reading, language()),
    )


def counterpart_text(sheet: DealSheet, reading: Reading, lang: str) -> str:
    from salesdesk.cli.text import table
    from salesdesk.domain.money import format_number
    from salesdesk.domain.next_offer import term_value_text

    head = ngettext(
        "Read from {n} offer of theirs.", "Read from {n} offers of theirs.", reading.offers
    ).format(n=reading.offers)
    if not reading.terms:
        return (
            head
            + " "
            + _("Two offers of theirs that move on a term are needed to read what they value.")
        )
    rows = []
    for item in reading.terms:
        term = sheet.term(item.term)
        typed_wa = term.their_walk_away if term is not None else None
        rows.append(
            [
                item.term,
                ""
                if term is None or term.their_weight is None
                else format_number(term.their_weight, lang),
                format_number(item.weight, lang, 2),
                "" if typed_wa is None else term_value_text(term, typed_wa, lang),
                "—" if item.walk_away is None else term_value_text(term, item.walk_away, lang),
            ]
        )
    headers = [
        _("Term"),
        _("Their weight (typed)"),
        _("Their weight (read)"),
        _("Their walk-away (typed)"),
        _("Likely walk-away"),
    ]
    return "\n".join([head, table(headers, rows, right=(1, 2, 3, 4))])


def cmd_next_offer(args: argparse.Namespace) -> int:
    from salesdesk.domain.next_offer import next_offer
    from salesdesk.interop.loop_json import next_offer_json

    sheet, _analysis = load_deal(args)
    offer = next_offer(sheet)
    return answer(
        args, lambda: next_offer_json(offer), lambda: next_offer_text(sheet, offer, language())
    )


def next_offer_text(sheet: DealSheet, offer: NextOffer, lang: str) -> str:
    from salesdesk.cli.text import table
    from salesdesk.domain.money import format_number
    from salesdesk.domain.next_offer import term_value_text, trade_text

    def score(value: Decimal) -> str:
        return format_number(value, lang, 2)

    rows = [
        [t.name, term_value_text(t, offer.values[t.name], lang), t.unit]
        for t in sheet.terms
        if t.name in offer.values
    ]
    lines = [
        _("Our offer for round {round}: scores {score} for us, {their} for them (est.)").format(
            round=offer.round,
            score=score(offer.package.score),
            their=score(offer.package.their_score),
        ),
        table([_("Term"), _("Value"), _("Unit")], rows, right=(1,)),
    ]
    if offer.previous is not None:
        lines.append(
            _("We give up {points} points, after {previous} last round.").format(
                points=score(offer.concession), previous=score(offer.previous)
            )
        )
    else:
        lines.append(_("We give up {points} points.").format(points=score(offer.concession)))
    lines.append(trade_text(offer, sheet.terms, lang))
    return "\n".join(lines)


def cmd_rehearse(args: argparse.Namespace) -> int:
    from salesdesk.domain.next_offer import latest_values
    from salesdesk.domain.rehearsal import Counterpart, Tactic, planned_rounds
    from salesdesk.domain.terms import Side
    from salesdesk.interop.loop_json import read_offer_line, reply_json

    sheet, analysis = load_deal(args)
    rounds = args.rounds or planned_rounds([m.round for m in sheet.meetings])
    player = Counterpart(
        sheet.terms,
        analysis.their_batna_score,
        Tactic(args.tactic),
        rounds,
        seed=args.seed,
        our_batna=analysis.batna_score,
    )
    # A term an offer leaves out keeps our previous value (our latest offer's at first).
    ours = {
        **{t.name: t.opening for t in sheet.terms if t.opening is not None},
        **latest_values(sheet, Side.US),
    }
    left = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        if player.done:
            left += 1
            continue
        try:
            ours = {**ours, **read_offer_line(line, sheet.terms)}
            reply = player.answer(ours)
        except InputError as exc:
            raise UserError(_("line {n}: {reason}").format(n=number, reason=exc.message)) from None
        print_json_line(reply_json(reply))  # a person (or a program) answers each in turn
    if left:
        notice(
            ngettext(
                "salesdesk: the rehearsal ended at round {round}; {n} offer after it was not read",
                "salesdesk: the rehearsal ended at round {round}; {n} offers after it were not "
                "read",
                left,
            ).format(round=len(player.replies), n=left)
        )
    return 0
