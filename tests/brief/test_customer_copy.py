"""The customer copy (redacted variant): built from a whitelist, so that nothing internal
reaches the PDF — not its text, metadata, outline, annotations or any stream."""

from __future__ import annotations

import io
import subprocess
from datetime import date, datetime
from decimal import Decimal as D

from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from salesdesk.brief.choose import meeting_for
from salesdesk.brief.customer_copy import our_current_proposal
from salesdesk.brief.document import BriefRequest, Variant, build_pdf
from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Channel, Interaction, Meeting, Role, Source, Stakeholder, Stance
from salesdesk.domain.deal import PartySide as PS
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.profile import Profile
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)
PROFILE = Profile(name="Camille Durand", company="Durand Solutions")


def _planted():
    """The telematics sample with a distinctive marker in every field not on the list."""
    sheet = sample_sheets(TODAY)["telematics-en"]
    words: list[str] = []
    numbers: list[D] = []

    def word(tag: str) -> str:
        marker = f"Qx{tag}Zw"
        words.append(marker)
        return marker

    def figure(text: str) -> D:
        numbers.append(D(text))
        return D(text)

    sheet.owner = word("owner")
    sheet.value = figure("918273.64")
    sheet.probability = 37
    sheet.source = Source("salesforce", word("sourceid"), word("sourcestage"))
    sheet.batna_ours.description = word("batnaours")
    sheet.batna_ours.value, sheet.batna_ours.score = figure("71.31"), figure("13.57")
    sheet.batna_theirs.description = word("batnatheirs")
    sheet.batna_theirs.value, sheet.batna_theirs.score = figure("64.29"), figure("11.93")
    base = [
        ("target", "8{}31.71"),
        ("walk_away", "8{}42.82"),
        ("their_opening", "8{}53.93"),
        ("their_target", "8{}64.14"),
        ("their_walk_away", "8{}75.25"),
        ("market_low", "8{}86.36"),
        ("market_typical", "8{}97.47"),
        ("market_high", "9{}08.58"),
    ]
    for i, term in enumerate(sheet.terms):
        term.opening = figure(f"7{i}19.91")  # under our offers: not what we propose now
        for name, pattern in base:
            setattr(term, name, figure(pattern.format(i)))
    # Our offer of round 1 and every offer of theirs are internal; round 2 is on the table.
    for offer in sheet.offers:
        for j, name in enumerate(list(offer.values)):
            if offer.side.value == "them" or offer.round == 1:
                offer.values[name] = figure(f"6{offer.round}{j}4.46")
    sheet.ledger = [
        LedgerEntry(
            Giver.US,
            word("ledgerwhat"),
            None,
            cost=figure("5511.17"),
            value=figure("5522.28"),
            counterpart=word("ledgercounterpart"),
            counterpart_value=figure("5533.39"),
            counterpart_cost=figure("5544.41"),
            status=EntryStatus.PLANNED,
            round=2,
            needs_approval=True,
        ),
        LedgerEntry(
            Giver.THEM,
            word("theirwhat"),
            None,
            cost=figure("5555.52"),
            value=figure("5566.63"),
            status=EntryStatus.ACCEPTED,
            round=1,
        ),
    ]
    sheet.stakeholders.append(
        Stakeholder(word("absentperson"), PS.THEIRS, Role.ECONOMIC_BUYER, Stance.SKEPTIC, "Tom")
    )
    for person in sheet.stakeholders:
        if person.introduced_by:
            person.introduced_by = word("introducer")
    for m in sheet.meetings:
        m.objectives = word(f"objectives{m.round}")
        m.outcome = word(f"outcome{m.round}")
        m.next_steps = word(f"nextsteps{m.round}")
    past = sheet.meetings[0]
    past.title, past.agenda = word("pasttitle"), word("pastagenda")
    past.customer_note = word("pastnote")
    sheet.meetings.append(
        Meeting(date(2026, 12, 20), word("latertitle"), None, 3, agenda=word("lateragenda"))
    )
    sheet.interactions.append(Interaction(date(2026, 11, 27), Channel.VISIT, word("summary")))
    meeting = meeting_for(sheet, TODAY)
    assert meeting is not None and meeting.title == "Commercial proposal"
    meeting.customer_note = "Thank you for the pilot on 20 vans."
    return sheet, meeting, words, numbers


def _forms(value: D) -> list[str]:
    """How a number could be printed, in English or in French, at any decimals."""
    text = f"{value:f}"
    whole, _, decimals = text.partition(".")
    grouped = f"{int(whole):,}"
    forms = {text, f"{grouped}.{decimals}", f"{whole},{decimals}"}
    forms.add(grouped.replace(",", "\u202f") + "," + decimals)
    forms.add(grouped.replace(",", " ") + "," + decimals)
    return sorted(forms)


def _streams(reader: PdfReader) -> list[bytes]:
    found: list[bytes] = []
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # a free entry of the cross-reference table
            continue
        if isinstance(obj, StreamObject):
            found.append(obj.get_data())
    return found


def _annotations(reader: PdfReader) -> list[str]:
    out = []
    for page in reader.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        for annot in annots.get_object() if isinstance(annots, IndirectObject) else annots:
            out.append(repr(annot.get_object()))
    return out


def _outline_titles(items) -> list[str]:
    titles = []
    for item in items:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(item.title)
    return titles


def test_the_customer_copy_leaks_none_of_the_planted_markers(tmp_path):
    sheet, meeting, words, numbers = _planted()
    req = BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=PROFILE,
        meeting=meeting,
        variant=Variant.REDACTED,
        generated_at=datetime(2026, 11, 29, 8, 30),
    )
    pdf = build_pdf(req)
    path = tmp_path / "customer.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    pypdf_text = "\n".join(page.extract_text() for page in reader.pages)
    poppler = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    metadata = repr(dict(reader.metadata or {}))
    outline = "\n".join(_outline_titles(reader.outline))
    annotations = "\n".join(_annotations(reader))
    streams = _streams(reader)
    assert streams and any(b"BT" in s for s in streams)  # the page contents were read
    # What the whitelist lets through is there.
    for text in (pypdf_text, poppler):
        for expected in (
            "Fleet telematics roll-out, 240 vehicles",
            "Northwind Logistics Ltd",
            "Camille Durand, Durand Solutions",
            "2 Dec 2026 15:00 — Commercial proposal",
            "Revised proposal",
            "Thank you for the pilot on 20 vans.",
            "Oliver Hughes",
            "Gareth Evans",
        ):
            assert expected in text, expected
    # Our current proposal: our offer of the meeting's round (2), money with two decimals.
    assert "30.00" in poppler and "22" in poppler
    haystacks = {
        "pypdf text": pypdf_text,
        "pdftotext -layout": poppler,
        "pdftotext -raw": raw,
        "metadata": metadata,
        "outline": outline,
        "annotations": annotations,
    }
    for marker in words:
        for where, text in haystacks.items():
            assert marker.lower() not in text.lower(), (marker, where)
        for data in streams:
            for encoded in (marker.encode(), marker.encode("utf-16-be")):
                assert encoded not in data, (marker, "stream")
    for value in numbers:
        for form in _forms(value):
            for where, text in haystacks.items():
                assert form not in text, (form, where)
            for data in streams:
                assert form.encode() not in data, (form, "stream")
    # Labels of what is internal.
    lowered = poppler.lower()
    for word in (
        "objective",
        "batna",
        "zopa",
        "score",
        "target",
        "walk-away",
        "ledger",
        "watch out",
        "decision maker",
        "gatekeeper",
        "influencer",
        "economic buyer",
        "champion",
        "neutral",
        "opponent",
        "skeptic",
        "confidential",
        "round",
        "approval",
        "cost",
    ):
        assert word not in lowered, word
    assert "Tom Baker" not in poppler and "Priya Patel" not in poppler  # not attending


def test_the_sample_fleet_deal_shows_our_latest_offer_and_no_objective(tmp_path):
    sheet = sample_sheets(TODAY)["telematics-en"]
    meeting = meeting_for(sheet, TODAY)
    req = BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=PROFILE,
        meeting=meeting,
        variant=Variant.REDACTED,
    )
    path = tmp_path / "fleet.pdf"
    path.write_bytes(build_pdf(req))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Hold £31" not in text and "floor" not in text
    assert "gatekeeper" not in text and "decision maker" not in text
    price = next(line for line in text.splitlines() if "Price per vehicle per month" in line)
    assert price.split()[-1] == "30.00", price  # our latest offer (round 2), not 39
    assert "39.00" not in text and "39" not in price


def test_the_current_proposal_rule():
    sheet = sample_sheets(TODAY)["telematics-en"]
    meetings = {m.round: m for m in sheet.meetings}
    price = "Price per vehicle per month"
    assert our_current_proposal(sheet, meetings[1])[price] == D("36")  # offer of round 1
    assert our_current_proposal(sheet, meetings[2])[price] == D("30")  # offer of round 2
    later = Meeting(date(2027, 1, 5), round=3)
    assert our_current_proposal(sheet, later)[price] == D("30")  # else our latest offer
    sheet.offers = [o for o in sheet.offers if o.side.value == "them"]
    assert our_current_proposal(sheet, later)[price] == D("39")  # else the opening


def test_the_customer_copy_is_written_in_the_language_the_customer_reads():
    from salesdesk.brief.choose import brief_language
    from salesdesk.i18n import language

    sheet = sample_sheets(TODAY)["telematics-en"]
    sheet.customer_language = "fr"
    assert language() == "en"  # the app's, in tests
    assert brief_language(sheet, "redacted") == "fr"
    assert brief_language(sheet, "full") == "en"  # the rep's own brief stays the app's
    assert brief_language(sheet, "redacted", "en") == "en"  # asked for explicitly
    sheet.customer_language = None
    assert brief_language(sheet, "redacted") == "en"
    sheet.customer_language = "fr"
    req = BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=PROFILE,
        meeting=meeting_for(sheet, TODAY),
        variant=Variant.REDACTED,
        lang=brief_language(sheet, "redacted"),
        generated_at=datetime(2026, 11, 29, 8, 30),
    )
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(build_pdf(req))).pages
    )
    french_words = ("Ordre du jour", "Notre proposition", "Préparé par Camille", "Participants")
    for french in french_words:
        assert french in text, french
    for english in ("Agenda", "Our proposal", "Prepared by", "Attending", "Page 1 of"):
        assert english not in text, english
    assert language() == "en"  # the app's language is left as it was
