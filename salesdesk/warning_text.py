"""A deal's warnings in words: the one place that turns a warning's code and
parameters into a sentence, for the command line, the app and the brief alike.

The domain only states facts (salesdesk.domain.analysis.DealWarning); each caller
words them in its own language at the moment it shows them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from salesdesk.domain.analysis import Analysis, DealWarning, Param, WarningCode
from salesdesk.domain.display import format_date
from salesdesk.domain.money import format_number
from salesdesk.i18n import _


def _word(value: Param | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value, lang)
    if isinstance(value, date):
        return format_date(value, lang)
    return str(value)


def warning_message(warning: DealWarning, lang: str) -> str:
    """One sentence saying what the warning is about, in `lang`'s number and date style."""
    p = {key: _word(value, lang) for key, value in warning.params.items()}
    term, round_ = warning.term or "", warning.round
    code = warning.code
    if code is WarningCode.TEXT_TOO_LONG:
        said = _("{field} is {n} characters long; shorten it to at most {limit}").format(
            field=_too_long_field(str(warning.params.get("field", ""))),
            n=format_number(Decimal(str(warning.params.get("length", 0))), lang),
            limit=format_number(Decimal(str(warning.params.get("limit", 0))), lang),
        )
        return said[:1].upper() + said[1:]
    if code is WarningCode.POSITIONS_OUT_OF_ORDER:
        if p.get("side") == "them":
            return _(
                "{term}: their estimated opening, target and walk-away are not in order"
            ).format(term=term)
        return _("{term}: our opening, target and walk-away are not in order").format(term=term)
    if code is WarningCode.NO_ZOPA:
        return _(
            "{term}: no zone of agreement — our walk-away {ours} and theirs {theirs} do not overlap"
        ).format(term=term, ours=p.get("ours", ""), theirs=p.get("theirs", ""))
    if code is WarningCode.WALK_AWAY_WORSE_THAN_BATNA:
        return _(
            "{term}: our walk-away {walk_away} is worse than our BATNA ({batna}): "
            "we would accept less than our alternative"
        ).format(term=term, walk_away=p.get("walk_away", ""), batna=p.get("batna", ""))
    if code is WarningCode.THEIR_WALK_AWAY_PAST_BATNA:
        return _(
            "{term}: their estimated walk-away {walk_away} is worse for them than their BATNA "
            "({batna}): they would rather take their alternative"
        ).format(term=term, walk_away=p.get("walk_away", ""), batna=p.get("batna", ""))
    if code is WarningCode.OFFER_BELOW_THEIR_BATNA:
        return _(
            "Round {round}: our offer scores {score} for them, below their BATNA's {batna}: "
            "they would rather walk away"
        ).format(round=round_, score=p.get("score", ""), batna=p.get("batna", ""))
    if code is WarningCode.NO_DEAL_ZONE:
        return _(
            "No package is worth at least our BATNA's {ours} to us and their BATNA's {theirs} "
            "to them: there is no deal zone"
        ).format(ours=p.get("ours", ""), theirs=p.get("theirs", ""))
    if code is WarningCode.ESTIMATE_CONTRADICTED:
        return _(
            "Round {round}: they offered {value} on {term}, past the walk-away we estimated "
            "for them ({walk_away}): correct the estimate"
        ).format(round=round_, value=p.get("value", ""), term=term, walk_away=p.get("walk_away"))
    if code is WarningCode.WEIGHTS_NOT_100:
        return _("The weights of the terms sum to {total}, not 100").format(total=p.get("total"))
    if code is WarningCode.OFFER_BELOW_BATNA:
        return _("Round {round}: our offer scores {score}, below our BATNA's {batna}").format(
            round=round_, score=p.get("score", ""), batna=p.get("batna", "")
        )
    if code is WarningCode.CONCESSIONS_PAST_WALK_AWAY:
        return _(
            "Round {round}: our offer of {value} on {term} is past our walk-away {walk_away}"
        ).format(round=round_, value=p.get("value", ""), term=term, walk_away=p.get("walk_away"))
    if code is WarningCode.UNILATERAL_CONCESSION:
        return _("Concession without counterpart: “{what}” — ask for something in return").format(
            what=p.get("what", "")
        )
    if code is WarningCode.GROWING_CONCESSIONS:
        return _(
            "Round {round}: our concessions cost more than in round {previous}; they should shrink"
        ).format(round=round_, previous=p.get("previous", ""))
    if code is WarningCode.NEEDS_APPROVAL:
        return _("“{what}” exceeds your authority and is not approved yet").format(
            what=p.get("what", "")
        )
    return _("Contact overdue: the next contact was due on {due}").format(due=p.get("due", ""))


def batna_notices(analysis: Analysis) -> list[str]:
    """BATNAs valued on one term only: their score on the package scale is asked for.

    Deals saved before BATNAs had their own score took one from that value; it meant
    a score on one term, so it is not carried over silently."""
    out = []
    for side in analysis.batna_needs_score:
        if side == "us":
            out.append(
                _(
                    "Our BATNA is valued on one term only: give it a score on the package "
                    "scale (0–100), or a BATNA package, to compare offers with it"
                )
            )
        else:
            out.append(
                _(
                    "Their BATNA is valued on one term only: estimate its score on the "
                    "package scale (0–100), or a BATNA package, to compare offers with it"
                )
            )
    return out


def _too_long_field(code: str) -> str:
    names = {
        "title": _("the title"),
        "account": _("the account"),
        "term_name": _("a term's name"),
        "unit": _("a unit"),
        "person_name": _("a person's name"),
        "ledger_text": _("a ledger text"),
        "meeting_title": _("a meeting's title"),
        "meeting_notes": _("a meeting's notes"),
        "summary": _("an interaction's summary"),
    }
    return names.get(code, code)
