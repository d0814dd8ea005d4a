"""Which briefs to build: the meetings of a date range, each deal analysed where its
brief is built (a pack's worker processes share the work)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, cast

from salesdesk.brief.choose import brief_language
from salesdesk.brief.document import BriefRequest, Variant
from salesdesk.domain.analysis import Analysis, analyse

if TYPE_CHECKING:
    from salesdesk.domain.deal import DealSheet
    from salesdesk.store.engine import Database
    from salesdesk.store.sqlite_read import QuickReader


@dataclass(frozen=True)
class PendingRequest(BriefRequest):
    """A brief's request whose deal is not analysed yet: `ready()` analyses it as of
    `today`, in the process that builds the brief. Its `analysis` is not to be read."""

    today: date = date.min

    def ready(self) -> BriefRequest:
        analysis = analyse(self.sheet, self.today, self.profile.cadence)
        kept = {f.name: getattr(self, f.name) for f in fields(BriefRequest)}
        return BriefRequest(**{**kept, "analysis": analysis})


def pack_requests(
    db: Database | QuickReader,
    start: date,
    end: date,
    today: date,
    *,
    variant: Variant,
    paper: str,
    lang: str | None,
) -> list[BriefRequest]:
    """One request per meeting from `start` to `end`, in date order; each in `lang`,
    or when none is asked for in the language its variant calls for (brief_language).
    Read from the store's database, or from a SQLite file by the quick reader; each
    deal is analysed by `ready()`, where its brief is built."""
    from salesdesk.store.sqlite_read import QuickReader

    if isinstance(db, QuickReader):
        profile = db.load_profile()
        meetings = db.meetings_between(start, end)
        load = db.load_deal
    else:
        from salesdesk.store import contacts, deal_load, settings

        store = db
        profile = settings.load_profile(store)
        meetings = contacts.meetings_between(store, start, end)

        def load(deal_id: int) -> DealSheet:
            return deal_load.load_deal(store, deal_id)

    sheets = {m.deal_id: load(m.deal_id) for m in meetings}
    requests: list[BriefRequest] = []
    for m in meetings:
        sheet = sheets[m.deal_id]
        meeting = next(x for x in sheet.meetings if x.date == m.date and x.title == m.title)
        requests.append(
            PendingRequest(
                sheet=sheet,
                analysis=cast(Analysis, None),
                profile=profile,
                meeting=meeting,
                variant=variant,
                paper=paper,
                lang=brief_language(sheet, variant.value, lang),
                today=today,
            )
        )
    return requests
