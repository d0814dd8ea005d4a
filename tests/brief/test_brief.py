"""The brief read back by real PDF readers: pypdf and poppler."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from salesdesk.brief.choose import meeting_for
from salesdesk.brief.document import BriefRequest, Variant, build_pdf, write_brief
from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.profile import Profile
from salesdesk.i18n import _
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)
PROFILE = Profile(name="Camille Durand", company="Durand Solutions")


def request(key: str, variant: Variant = Variant.FULL, paper: str = "a4") -> BriefRequest:
    return request_for(sample_sheets(TODAY)[key], variant, paper)


def request_for(
    sheet: DealSheet, variant: Variant = Variant.FULL, paper: str = "a4"
) -> BriefRequest:
    sheet.id = 1
    return BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=PROFILE,
        meeting=meeting_for(sheet, TODAY),
        variant=variant,
        paper=paper,
        generated_at=datetime(2026, 11, 29, 8, 30),
    )


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def poppler_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_every_section_of_the_full_brief(tmp_path):
    pdf = build_pdf(request("packaging-fr"))
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    # Page one is the plan for this meeting, in this order.
    first = pages[0]
    in_order = [
        "Renouvellement cartons 2027",
        "Meeting: 5 Dec 2026 09:30 — Troisième tour : conclusion (round 3)",
        "Prepared by Camille Durand, Durand Solutions",
        "Objectives for this meeting",
        "Conclure à 1,22 €/carton",
        "Where we stand",
        "Open with",
        "If there is no deal (BATNA)",
        "Les Papeteries du Rhône",
        "Trades to propose",
        "We give: Prix à 1,22 €/carton — on condition that you give: Volume ferme de 400 000",
        "In the room",
        "Watch out",
        "exceeds your authority",
    ]
    positions = [first.find(x) for x in in_order]
    assert -1 not in positions, [x for x, p in zip(in_order, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "Élodie Garnier" not in first  # not in the room
    assert "Appendix" not in first and "Appendix" in pages[1]
    for expected in (
        "At a glance",
        "5/8 — Contract",
        "Agenda",
        "Worksheet",
        "Prix unitaire",
        "1.15 – 1.20",
        "BATNA (best alternative",
        "Offers, round by round",
        "Give-and-get ledger",
        "balance €2,300.00",
        "People",
        "Élodie Garnier",
        "Recent interactions",
        "At this stage: Contract",
        "Confidential — generated",
    ):
        assert expected in text, expected
    assert "If you Volume" not in text
    assert re.search(r"Page 1 of \d", text)


def test_the_appendix_shows_the_offers_of_every_round_with_both_scores(tmp_path):
    path = tmp_path / "brief.pdf"
    write_brief(path, request("telematics-en"))
    text = poppler_text(path)
    rows = [
        line.split()
        for line in text.splitlines()
        if re.match(r"\s*[12]\s+(we|they)\s+[\d.]+\s", line)
    ]
    # round, who, price, length, lead time, our score, their score
    assert [row[:5] for row in rows] == [
        ["1", "we", "36.00", "48", "45"],
        ["1", "they", "26.00", "12", "28"],
        ["2", "we", "30.00", "30", "22"],
    ]
    assert all(re.fullmatch(r"\d+\.\d\d", x) for row in rows for x in row[5:7])


def test_names_in_other_scripts_print_intact_and_fonts_are_embedded(tmp_path):
    req = request("scanners-en")
    req.sheet.stakeholders[0].name = "Ελένη Παπαδοπούλου"
    req.sheet.stakeholders[1].name = "Дмитрий Соколов"
    req.sheet.meetings[-1].attendees = [p.uid for p in req.sheet.stakeholders[:2]]
    path = tmp_path / "brief.pdf"
    write_brief(path, req)
    text = poppler_text(path)
    for name in ("Łódzkie Zakłady Chłodnicze", "Ελένη Παπαδοπούλου", "Дмитрий Соколов"):
        assert name in text
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb column


def test_the_redacted_brief_leaks_no_secret():
    from decimal import Decimal as D

    req = request("packaging-fr", Variant.REDACTED)
    sheet = req.sheet
    # Distinctive figures, so that finding one in the text can only be a leak.
    secrets = {
        "target": "7771.11",
        "walk_away": "6661.22",
        "their_opening": "5551.33",
        "their_target": "4441.44",
        "their_walk_away": "3331.55",
        "market_low": "2221.66",
        "market_typical": "2221.77",
        "market_high": "2221.88",
    }
    for term in sheet.terms:
        term.opening = D("8881.99")
        for name, value in secrets.items():
            setattr(term, name, D(value))
    sheet.offers = [o for o in sheet.offers if o.round == 2]
    sheet.batna_ours.value, sheet.batna_ours.score = D("1111.12"), D("11.13")
    for entry in sheet.ledger:
        entry.cost, entry.value = D("9991.14"), D("9991.15")
    req = BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=PROFILE,
        meeting=req.meeting,
        variant=Variant.REDACTED,
    )
    text = text_of(build_pdf(req))
    assert "Renouvellement cartons 2027" in text and "Conclure à 1,22" not in text
    assert "8,881.99" not in text  # we have made offers: the opening is history
    assert "1.26" in text  # our offer of round 2, the latest
    for figure in [*secrets.values(), "1111.12", "11.13", "9991.14", "9991.15"]:
        shown = f"{D(figure):,}"
        assert shown not in text and figure not in text, figure
    for word in (
        "BATNA",
        "Papeteries",
        "ZOPA",
        "score",
        "Concession",
        "skeptic",
        "champion",
        "Watch out",
        "walk-away",
        "Target",
        "balance",
        "Confidential",
    ):
        assert word.lower() not in text.lower(), word
    # only the meeting's participants, by name
    assert "Nathalie Roux" in text and "Élodie Garnier" not in text
    assert "economic buyer" not in text


def test_password_protected_brief_opens_only_with_it(tmp_path):
    path = tmp_path / "secret.pdf"
    write_brief(path, request("telematics-en"), password="s3cret")
    reader = PdfReader(path)
    assert reader.is_encrypted
    with pytest.raises(Exception):  # noqa: B017 - pypdf refuses without the password
        reader.pages[0].extract_text()
    assert reader.decrypt("s3cret")
    assert "Fleet telematics" in reader.pages[0].extract_text()
    refused = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=False)
    assert refused.returncode != 0
    opened = subprocess.run(
        ["pdftotext", "-upw", "s3cret", str(path), "-"], capture_output=True, text=True, check=True
    )
    assert "Fleet telematics" in opened.stdout


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(paper, size):
    page = PdfReader(io.BytesIO(build_pdf(request("telematics-en", paper=paper)))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_the_meeting_chosen():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    assert meeting_for(sheet, TODAY).round == 3  # the next one
    assert meeting_for(sheet, date(2027, 6, 1)).round == 3  # else the latest
    assert meeting_for(sheet, TODAY, on=sheet.meetings[0].date).round == 1
    with pytest.raises(InputError, match="no meeting on"):
        meeting_for(sheet, TODAY, on=date(2026, 1, 1))
    assert meeting_for(DealSheet("x", "y"), TODAY) is None


def test_a_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    import os

    path = tmp_path / "brief.pdf"
    path.write_bytes(b"previous brief")

    def crash(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_brief(path, request("telematics-en"))
    assert path.read_bytes() == b"previous brief"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]  # no half-written file


def test_a_pack_has_contents_an_outline_and_every_brief(tmp_path):
    from salesdesk.brief.pack import build_pack

    requests = [request(key) for key in ("telematics-en", "packaging-fr", "scanners-en")]
    seen: list[tuple[int, int]] = []
    pdf = build_pack(
        requests,
        TODAY,
        date(2026, 12, 31),
        progress=lambda done, total, _label: seen.append((done, total)),
    )
    reader = PdfReader(io.BytesIO(pdf))
    singles = [len(PdfReader(io.BytesIO(build_pdf(r))).pages) for r in requests]
    assert len(reader.pages) == 1 + sum(singles)
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    starts = [1, 1 + singles[0], 1 + singles[0] + singles[1]]
    assert [page for _title, page in outline] == [0, *starts]
    assert "Fleet telematics" in outline[1][0]
    contents = reader.pages[0].extract_text()
    assert "Meeting pack, 29 Nov 2026 to 31 Dec 2026" in contents
    # The page the contents give each brief is where the outline takes the reader.
    lines = contents.splitlines()
    printed = [int(after) for line, after in itertools.pairwise(lines) if line.endswith(")")]
    assert printed == [start + 1 for start in starts]
    assert "Renouvellement cartons 2027" in contents
    assert seen == [(1, 3), (2, 3), (3, 3)]
    for start, req in zip(starts, requests, strict=True):
        assert req.sheet.title in reader.pages[start].extract_text()


def test_contents_over_several_pages_are_measured_by_their_labels_and_drawn_once(monkeypatch):
    """The contents' length, told before the briefs' lengths are known, is the length
    they have once placed: drawn once, they give each brief the page it starts on."""
    from salesdesk.brief import pack

    items = [pack.PackItem(request("telematics-en")) for _ in range(90)]
    placing = (TODAY, date(2026, 12, 31), "en", datetime(2026, 11, 29, 8, 30), {})
    length = pack._contents_length(items, *placing)
    assert length >= 2
    drawn: list[int] = []
    draw = pack._contents
    monkeypatch.setattr(pack, "_contents", lambda *args: drawn.append(1) or draw(*args))
    toc, _used = pack._placed_contents(items, [3] * 90, *placing, length)
    assert len(drawn) == 1
    reader = PdfReader(io.BytesIO(toc))
    assert len(reader.pages) == length
    lines = "\n".join(page.extract_text() for page in reader.pages).splitlines()
    printed = [int(after) for line, after in itertools.pairwise(lines) if line.endswith(")")]
    assert printed == [length + 1 + 3 * n for n in range(90)]


def test_the_range_chart_is_vector_text_in_the_full_brief_only():
    full = text_of(build_pdf(request("telematics-en")))
    assert "Negotiation ranges" in full
    assert "no ZOPA" in full  # drawn on the price term, as real text
    assert "Installation lead time (days)" in full
    redacted = text_of(build_pdf(request("telematics-en", Variant.REDACTED)))
    assert "ZOPA" not in redacted and "Negotiation ranges" not in redacted


def test_the_chart_figure_has_the_expected_elements():
    from salesdesk.brief.charts import range_figure

    sheet = sample_sheets(TODAY)["telematics-en"]
    fig = range_figure(sheet.terms)
    assert fig is not None and len(fig.axes) == 3
    price, length, _lead = fig.axes
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert "no ZOPA" in texts and "ZOPA" in texts
    assert len(length.patches) == 1  # the shaded ZOPA 24–36
    assert len(price.patches) == 0  # no ZOPA to shade
    assert {t.get_text() for t in fig.legends[0].get_texts()} == {
        "ours",
        "theirs (estimated)",
        "ZOPA",
        "market",
    }


def test_ledger_chart_points_are_cumulative_over_accepted_entries():
    from decimal import Decimal as D

    from salesdesk.brief.chart_geometry import ledger_points
    from salesdesk.brief.charts import ledger_figure

    sheet = sample_sheets(TODAY)["packaging-fr"]
    # round 1: we gave 19,200 for 24,000; round 2: they gave 3,500 (cost us 6,000 in return)
    assert ledger_points(sheet.ledger) == [
        (1, D(19200), D(24000)),
        (2, D(25200), D(27500)),
        (3, D(25200), D(27500)),
    ]
    fig = ledger_figure(sheet.ledger, "EUR")
    # The entry offered in round 2 and the one planned for round 3 are drawn dotted, as
    # the sums would be were they accepted too.
    assert [line.get_label() for line in fig.axes[0].lines if line.get_label()[0] != "_"] == [
        "given (cost to us)",
        "received (value to us)",
        "if planned and offered are accepted (dotted)",
    ]
    assert "€25,200.00" in text_of(build_pdf(request("packaging-fr")))


def test_ledger_chart_money_axis_starts_at_zero_even_with_one_entry_or_zeros():
    from decimal import Decimal as D

    from salesdesk.brief.charts import ledger_figure
    from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry

    one = [
        LedgerEntry(
            Giver.US,
            "Free delivery",
            cost=D(1500),
            counterpart="volume",
            counterpart_value=D(1000),
            status=EntryStatus.ACCEPTED,
            round=2,
        )
    ]
    ax = ledger_figure(one, "EUR").axes[0]
    low, high = ax.get_ylim()
    assert low == 0 and 1500 <= high <= 2250  # from zero, to a round amount at or above it
    assert ax.get_xlim() == (1, 3)  # one round in the middle of a readable axis
    zeros = [LedgerEntry(Giver.US, "A call", status=EntryStatus.ACCEPTED, round=1)]
    assert ledger_figure(zeros, "EUR").axes[0].get_ylim() == (0, 1)
    sheet = sample_sheets(TODAY)["packaging-fr"]
    assert ledger_figure(sheet.ledger, "EUR").axes[0].get_ylim()[0] == 0


def test_the_full_brief_shows_the_ticked_checklist_items():
    from salesdesk.domain.stages import STAGE_CHECKLISTS, Stage

    req = request("packaging-fr")
    req.sheet.checklist = {"contract": [1]}
    text = " ".join(text_of(build_pdf(req)).split())
    items = [_(item) for item in STAGE_CHECKLISTS[Stage.CONTRACT]]
    assert "☑ " + " ".join(items[1].split()) in text
    assert "☐ " + " ".join(items[0].split()) in text


def test_a_declined_concession_is_printed_as_such(tmp_path):
    from salesdesk.domain.ledger import EntryStatus, Giver

    req = request("packaging-fr")
    planned = [
        e for e in req.sheet.ledger if e.giver is Giver.US and e.status is EntryStatus.PLANNED
    ]
    assert planned
    planned[0].needs_approval, planned[0].declined = True, True
    planned[0].approved_by = "carol"
    path = tmp_path / "brief.pdf"
    path.write_bytes(build_pdf(req))
    text = " ".join(poppler_text(path).split())
    assert "DECLINED by carol: do not offer it" in text
