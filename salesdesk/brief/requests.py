"""Which briefs to build: the meetings of a date range, each with its deal analysed."""

from __future__ import annotations

from datetime import date

from salesdesk.brief.choose import brief_language
from salesdesk.brief.document import BriefRequest, Variant
from salesdesk.domain.analysis import analyse
from salesdesk.store import contacts, deal_load, settings
from salesdesk.store.engine import Database


def pack_requests(
    db: Database,
    start: date,
    end: date,
    today: date,
    *,
    variant: Variant,
    paper: str,
    lang: str | None,
) -> list[BriefRequest]:
    """One request per meeting from `start` to `end`, in date order; each in `lang`,
    or when none is asked for in the language its variant calls for (brief_language)."""
    profile = settings.load_profile(db)
    meetings = contacts.meetings_between(db, start, end)
    sheets = {m.deal_id: deal_load.load_deal(db, m.deal_id) for m in meetings}
    analyses = {deal_id: analyse(s, today, profile.cadence) for deal_id, s in sheets.items()}
    requests = []
    for m in meetings:
        sheet = sheets[m.deal_id]
        meeting = next(x for x in sheet.meetings if x.date == m.date and x.title == m.title)
        requests.append(
            BriefRequest(
                sheet=sheet,
                analysis=analyses[m.deal_id],
                profile=profile,
                meeting=meeting,
                variant=variant,
                paper=paper,
                lang=brief_language(sheet, variant.value, lang),
            )
        )
    return requests
