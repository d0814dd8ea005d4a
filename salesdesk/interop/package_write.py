"""Writing the `salesdesk.deal/1` package (export, templates, sync): the `show --json`
object plus format, uid, origin, people, meetings, interactions and checklist.

Its shape is described once, in `deal_package.schema.json` beside this module."""

from __future__ import annotations

from typing import Any

from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import DealSheet, people_named
from salesdesk.domain.ledger import LedgerEntry
from salesdesk.interop.deal_json import deal_to_json, stamp_text

FORMAT = "salesdesk.deal/1"


def deal_to_package(
    sheet: DealSheet, analysis: Analysis, origin: str | None = None
) -> dict[str, Any]:
    """The exchange package: the `show` object plus format, uid, people and history;
    `origin` is the exporting database's id, `version` the deal's version there, and
    every row carries its stable uid."""
    data: dict[str, Any] = {"format": FORMAT, "uid": sheet.uid}
    if origin is not None:
        data["origin"] = origin
    data.update(deal_to_json(sheet, analysis))
    for term_item, term in zip(data["terms"], sheet.terms, strict=True):
        term_item["uid"] = term.uid
    offer_uids = {(o.side.value, o.round): o.uid for o in sheet.offers}
    for offer_item in data["offers"]:
        offer_item["uid"] = offer_uids.get((offer_item["side"], offer_item["round"]))
    for entry_item, entry in zip(data["ledger"]["entries"], sheet.ledger, strict=True):
        entry_item["uid"] = entry.uid
        entry_item["approval"] = _approval(entry)
    # Who introduced whom, and who attends, by the person's uid (two of one name are
    # two people); a uid of nobody in the deal (left by a merge) is not written.
    uids = {p.uid for p in sheet.stakeholders}
    data["stakeholders"] = [
        {
            "uid": p.uid,
            "name": p.name,
            "side": p.side.value,
            "role": p.role.value if p.role else None,
            "stance": p.stance.value if p.stance else None,
            "introduced_by": p.introduced_by
            if p.introduced_by in uids and p.introduced_by != p.uid
            else None,
        }
        for p in sheet.stakeholders
    ]
    meetings = []
    for m in sheet.meetings:
        item: dict[str, Any] = {
            "uid": m.uid,
            "date": m.date.isoformat(),
            "round": m.round,
            "title": m.title,
            "objectives": m.objectives,
            "agenda": m.agenda,
            "outcome": m.outcome,
            "next_steps": m.next_steps,
            "customer_note": m.customer_note,
            "attendees": [p.uid for p in people_named(sheet.stakeholders, m.attendees)],
            "location": m.location,
            "sequence": m.sequence,
        }
        if m.time is not None:
            item["time"] = m.time.isoformat(timespec="minutes")
        if m.minutes is not None:
            item["minutes"] = m.minutes
        meetings.append(item)
    data["meetings"] = meetings
    data["interactions"] = [
        {
            "uid": i.uid,
            "date": i.date.isoformat(),
            "channel": i.channel.value,
            "summary": i.summary,
        }
        for i in sheet.interactions
    ]
    ticked = {stage: sorted(set(items)) for stage, items in sheet.checklist.items() if items}
    if ticked:
        data["checklist"] = ticked
    return data


def _approval(entry: LedgerEntry) -> dict[str, Any] | None:
    """A manager's decision on an entry over the rep's authority: who and when."""
    if not (entry.approved or entry.declined):
        return None
    return {
        "state": "approved" if entry.approved else "declined",
        "by": entry.approved_by,
        "at": stamp_text(entry.approved_at) if entry.approved_at else None,
    }
