"""The numbers of a negotiation: `packages` (MESO), `frontier` and `price-effect`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from salesdesk.cli.common import load_deal
from salesdesk.cli.output import UserError, echo, print_json
from salesdesk.i18n import _, language

if TYPE_CHECKING:
    from decimal import Decimal

    from salesdesk.domain.analysis import Analysis


def _latest_score(analysis: Analysis) -> Decimal | None:
    from salesdesk.domain.terms import Side

    ours = [s for s in analysis.offers if s.offer.side is Side.US and s.score is not None]
    return max(ours, key=lambda s: s.offer.round).score if ours else None


def cmd_packages(args: argparse.Namespace) -> int:
    from salesdesk.domain.meso import equivalent_packages
    from salesdesk.domain.preferences import value_str

    sheet, analysis = load_deal(args)
    score = args.score if args.score is not None else _latest_score(analysis)
    if score is None:
        raise UserError(
            _("deal {id} has no scored offer of ours yet: give the score with --score N").format(
                id=args.deal
            )
        )
    packages = equivalent_packages(
        sheet.terms, score, analysis.batna_score, their_batna=analysis.their_batna_score
    )
    if args.json:
        print_json(
            [
                {
                    "score": None if p.score is None else f"{p.score:.2f}",
                    "their_score": None if p.their_score is None else f"{p.their_score:.2f}",
                    "values": {k: value_str(v) for k, v in p.values.items()},
                    "moves": list(p.moves),
                }
                for p in packages
            ]
        )
        return 0
    from salesdesk.cli.text import packages_text

    echo(packages_text(sheet, packages, score, analysis.target_score, language()))
    return 0


def cmd_frontier(args: argparse.Namespace) -> int:
    from salesdesk.domain.frontier import deal_map, thinned

    sheet, analysis = load_deal(args)
    # Computed again (not analysis.deal_map) so a worksheet that cannot be scored from
    # both sides says which term is missing what.
    found = analysis.deal_map or deal_map(
        sheet.terms, analysis.batna_score, analysis.their_batna_score
    )
    if args.json:
        from salesdesk.interop.preferences_json import frontier_to_json

        print_json(frontier_to_json(found))
        return 0
    from salesdesk.cli.text import frontier_text

    shown = thinned(found.frontier, found.nash)
    echo(frontier_text(sheet, found, shown, language()))
    return 0


def cmd_price_effect(args: argparse.Namespace) -> int:
    from salesdesk.domain.money import format_number
    from salesdesk.domain.price import required_volume_increase

    increase = required_volume_increase(args.discount, args.margin)
    if args.json:
        print_json({"required_volume_increase": f"{increase:.2f}"})
        return 0
    lang = language()
    echo(
        _(
            "A {d} % discount at a {m} % gross margin needs {v} % more volume "
            "to keep the same gross profit."
        ).format(
            d=format_number(args.discount, lang),
            m=format_number(args.margin, lang),
            v=format_number(increase, lang, 2),
        )
    )
    return 0
