"""What archives and readers look for in the files the app writes, read back with pypdf
and poppler: metadata, language, file identifiers, fonts once with their own subset
tags, PDF/A-2b's structural parts, and AES-256 that lets a reader print but not change.

PDF/A conformance itself is not validated here (no validator installs on the project's
machines): these tests check the structure the README lists, and only that.
"""

from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from pypdf import PasswordType, PdfReader

from salesdesk.brief.choose import meeting_for
from salesdesk.brief.document import BriefRequest, Variant, brief_pdf, render, write_brief
from salesdesk.brief.pack import build_pack
from salesdesk.domain.analysis import analyse
from salesdesk.domain.errors import InputError
from salesdesk.domain.profile import Profile
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)
GENERATED = datetime(2026, 11, 29, 8, 30)
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


def request(
    key: str,
    variant: Variant = Variant.FULL,
    profile: Profile | None = None,
    lang: str = "en",
) -> BriefRequest:
    sheet = sample_sheets(TODAY)[key]
    sheet.id = 1
    return BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=profile or Profile(name="Camille Durand", company="Durand Solutions"),
        meeting=meeting_for(sheet, TODAY),
        variant=variant,
        lang=lang,
        generated_at=GENERATED,
    )


def xmp(reader: PdfReader) -> ET.Element:
    stream = reader.trailer["/Root"]["/Metadata"].get_object()
    assert stream["/Type"] == "/Metadata" and stream["/Subtype"] == "/XML"
    assert "/Filter" not in stream  # PDF/A: the metadata stream is not filtered
    return ET.fromstring(stream.get_data())


def xmp_text(root: ET.Element, path: str) -> list[str]:
    return [e.text or "" for e in root.iterfind(".//" + path, NS)]


def fonts(reader: PdfReader) -> list[dict]:
    """Every font dictionary the pages use, once each (by object number)."""
    found: dict[int, dict] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].get_object().values():
            found[ref.idnum] = ref.get_object()
    return list(found.values())


def assert_pdfa_2b_structure(reader: PdfReader, raw: bytes) -> None:
    """PDF/A-2b's structural rules this project claims (README: what is not checked)."""
    assert raw.startswith(b"%PDF-1.7\n%") and all(b > 127 for b in raw[10:14])
    assert "/Encrypt" not in reader.trailer
    first, second = reader.trailer["/ID"]
    assert len(first.original_bytes) == 16 and len(second.original_bytes) == 16
    root = reader.trailer["/Root"]
    intents = root["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert profile["/N"] == 3
    assert icc[36:40] == b"acsp" and icc[12:16] == b"mntr" and icc[16:20] == b"RGB "
    assert icc[8] <= 4  # PDF/A-2 takes ICC profiles up to version 4
    meta = xmp(reader)
    assert xmp_text(meta, "pdfaid:part") == ["2"]
    assert xmp_text(meta, "pdfaid:conformance") == ["B"]
    for font in fonts(reader):
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]  # embedded


def test_a_brief_carries_its_language_information_xmp_and_identifier():
    raw = brief_pdf(request("packaging-fr", lang="fr"))
    reader = PdfReader(io.BytesIO(raw))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    info = reader.metadata
    assert info.title == "Renouvellement cartons 2027"
    assert info.author == "Camille Durand"  # the preparer
    assert info.subject.startswith("Fiche de rendez-vous")  # in the brief's language
    assert info.creation_date.replace(tzinfo=None) == GENERATED
    assert info["/CreationDate"].startswith("D:20261129083000")
    meta = xmp(reader)
    assert xmp_text(meta, "dc:title/rdf:Alt/rdf:li") == ["Renouvellement cartons 2027"]
    assert xmp_text(meta, "dc:creator/rdf:Seq/rdf:li") == ["Camille Durand"]
    assert xmp_text(meta, "dc:language/rdf:Bag/rdf:li") == ["fr"]
    assert xmp_text(meta, "xmp:CreateDate")[0].startswith("2026-11-29T08:30:00")
    assert xmp_text(meta, "pdf:Producer") == [info.producer]
    assert_pdfa_2b_structure(reader, raw)


def test_without_a_profile_name_the_author_is_the_deal_owner():
    req = request("telematics-en", profile=Profile())
    req.sheet.owner = "Morgan Price"
    reader = PdfReader(io.BytesIO(brief_pdf(req)))
    assert reader.metadata.author == "Morgan Price"
    assert xmp_text(xmp(reader), "dc:creator/rdf:Seq/rdf:li") == ["Morgan Price"]


def test_the_customer_copy_is_archival_too_and_says_nothing_internal_in_its_metadata():
    raw = brief_pdf(request("packaging-fr", Variant.REDACTED))
    reader = PdfReader(io.BytesIO(raw))
    assert_pdfa_2b_structure(reader, raw)
    said = " ".join(str(v) for v in reader.metadata.values()) + raw.decode("latin-1")
    assert "Conclure" not in said and "Ne rien céder" not in said  # the objectives


def test_each_distinct_font_subset_has_a_tag_of_its_own(tmp_path):
    path = tmp_path / "brief.pdf"
    write_brief(path, request("packaging-fr"))
    listed = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = [line.split()[0] for line in listed]
    tags = [name.split("+")[0] for name in names]
    assert len(names) == 2 and len(set(tags)) == 2, names  # regular and bold
    assert all(re.fullmatch(r"[A-Z]{6}", tag) for tag in tags)
    assert "AAAAAA" not in tags


def test_a_pack_embeds_each_font_once_and_is_archival(tmp_path):
    requests = [request(key) for key in ("telematics-en", "packaging-fr", "scanners-en")]
    raw = build_pack(requests, TODAY, date(2026, 12, 31), workers=2)
    path = tmp_path / "pack.pdf"
    path.write_bytes(raw)
    reader = PdfReader(path)
    used = fonts(reader)
    names = [str(f["/BaseFont"]) for f in used]
    assert len(names) == len(set(names)) == 2, names  # contents and 3 briefs share them
    listed = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(listed) == 2, listed
    programs = {f["/FontDescriptor"].raw_get("/FontFile2").idnum for f in used}  # one each
    assert len(programs) == 2
    info = reader.metadata
    assert info.title == "Meeting pack, 29 Nov 2026 to 31 Dec 2026"
    assert info.author == "Camille Durand"
    assert info.creation_date is not None
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert_pdfa_2b_structure(reader, raw)
    for req in requests:  # every brief still reads whole
        assert req.sheet.title in "\n".join(p.extract_text() for p in reader.pages)


def test_a_pack_with_names_outside_the_first_seed_still_keeps_each_font_once():
    requests = [request(key) for key in ("telematics-en", "scanners-en")]
    requests[0].sheet.stakeholders[0].name = "Ελένη Παπαδοπούλου"
    requests[0].meeting.attendees = [requests[0].sheet.stakeholders[0].uid]  # type: ignore[union-attr]
    requests[1].sheet.stakeholders[0].name = "Дмитрий Соколов"
    requests[1].meeting.attendees = [requests[1].sheet.stakeholders[0].uid]  # type: ignore[union-attr]
    reader = PdfReader(io.BytesIO(build_pack(requests, TODAY, date(2026, 12, 31), workers=1)))
    names = [str(f["/BaseFont"]) for f in fonts(reader)]
    base = [n.split("+")[1] for n in names]
    assert sorted(base) == ["DejaVuSans", "DejaVuSans-Bold"], names
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Ελένη Παπαδοπούλου" in text and "Дмитрий Соколов" in text


def test_a_protected_brief_prints_but_cannot_be_changed(tmp_path):
    path = tmp_path / "secret.pdf"
    write_brief(path, request("telematics-en"), password="s3cret")
    raw = path.read_bytes()
    assert raw.startswith(b"%PDF-1.7")
    reader = PdfReader(path)
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)  # AES-256
    # The owner password is not the user's: opening with it gives a reader's rights only.
    assert reader.decrypt("s3cret") == PasswordType.USER_PASSWORD
    extension = reader.trailer["/Root"]["/Extensions"]["/ADBE"]
    assert (extension["/BaseVersion"], extension["/ExtensionLevel"]) == ("/1.7", 8)
    flags = int(encrypt["/P"]) & 0xFFFFFFFF
    allowed = {bit: bool(flags & (1 << (bit - 1))) for bit in (3, 4, 5, 6, 9, 10, 11, 12)}
    printing, copying = (3, 12), (5, 10)  # print (high quality too), copy text
    changing = (4, 6, 9, 11)  # content, notes, forms, assembly
    assert all(allowed[b] for b in (*printing, *copying))
    assert not any(allowed[b] for b in changing)
    # Not PDF/A (which forbids encryption), but the same metadata and language.
    assert reader.metadata.author == "Camille Durand"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert xmp_text(xmp(reader), "pdfaid:part") == []
    shown = subprocess.run(
        ["pdfinfo", "-upw", "s3cret", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(
        r"Encrypted:\s+yes \(print:yes copy:yes change:no addNotes:no algorithm:AES-256\)", shown
    )
    assert re.search(r"PDF version:\s+1\.7", shown)


@pytest.mark.parametrize(
    "password",
    [
        "cafe\u0301",  # é typed as e + a combining accent
        "\ufb01nance",  # the ligature ﬁ
        "\uff33\uff45\uff43\uff52\uff45\uff54",  # full-width letters
        "tab\there",  # a control character
        "a\u00a0b",  # a no-break space
    ],
)
def test_a_password_readers_would_take_differently_is_refused(password):
    with pytest.raises(InputError, match="do not all read as typed"):
        brief_pdf(request("telematics-en"), password)
    with pytest.raises(InputError, match="do not all read as typed"):
        build_pack([request("telematics-en")], TODAY, TODAY, password=password, workers=1)


@pytest.mark.parametrize("password", ["café-Ünïcode", "s3cret!", "Grüße 2027"])
def test_a_password_every_reader_takes_as_typed_opens_in_poppler(password, tmp_path):
    path = tmp_path / "secret.pdf"
    write_brief(path, request("telematics-en"), password=password)
    opened = subprocess.run(
        ["pdftotext", "-upw", password, str(path), "-"], capture_output=True, text=True, check=True
    )
    assert "Fleet telematics" in opened.stdout
    assert PdfReader(path).decrypt(password) == PasswordType.USER_PASSWORD


def test_the_output_intent_is_the_srgb_profile_little_cms_makes():
    """The profile kept as bytes (brief.srgb) is Little CMS's sRGB, its date aside."""
    from PIL import ImageCms

    from salesdesk.brief.srgb import SRGB_ICC

    made = bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    assert len(SRGB_ICC) == len(made) == 588
    assert SRGB_ICC[:24] + SRGB_ICC[36:] == made[:24] + made[36:]  # 24..35: the date


def _counting_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from salesdesk.brief import pack

    drawn: list[str] = []

    def counted(request: BriefRequest, *args: object, **kwargs: object) -> object:
        drawn.append(request.sheet.title)
        return render(request, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pack, "render", counted)
    return drawn


def test_a_pack_draws_each_brief_once(monkeypatch):
    """The first font seed holds every sign a brief draws (the frontier legend's ◆, the
    currencies' symbols, the French words): no brief is drawn a second time."""
    drawn = _counting_renders(monkeypatch)
    requests = [request(key) for key in ("telematics-en", "packaging-fr", "scanners-en")]
    reader = PdfReader(io.BytesIO(build_pack(requests, TODAY, date(2026, 12, 31), workers=1)))
    assert len(drawn) == 3
    assert "◆" in "\n".join(p.extract_text() for p in reader.pages)


def test_a_pack_whose_first_seed_falls_short_draws_again_and_keeps_each_font_once(
    monkeypatch,
):
    from salesdesk.brief import pack

    drawn = _counting_renders(monkeypatch)
    monkeypatch.setattr(pack, "_first_seed", lambda _requests: {pack.REGULAR: "abc"})
    requests = [request(key) for key in ("telematics-en", "scanners-en")]
    reader = PdfReader(io.BytesIO(build_pack(requests, TODAY, date(2026, 12, 31), workers=1)))
    assert len(drawn) == 4  # each brief drawn again with every character drawn
    names = [str(f["/BaseFont"]) for f in fonts(reader)]
    assert sorted(n.split("+")[1] for n in names) == ["DejaVuSans", "DejaVuSans-Bold"], names


# ------------------------------------------------------------------ a pack's fonts read once


def _run(*args: object) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def _text(path, first: int = 1, last: int = 0) -> str:
    return _run("pdftotext", "-layout", "-f", first, "-l", last, path, "-")


def _pictures(path, first: int, last: int, folder) -> list[bytes]:
    """Pages `first`..`last` (from 1) as a reader shows them, one grey picture each."""
    prefix = folder / f"{path.stem}-{first}"
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", str(first), "-l", str(last), str(path), prefix],
        check=True,
    )
    return [p.read_bytes() for p in sorted(folder.glob(f"{prefix.name}-*.pgm"))]


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


def _font_programs(reader: PdfReader) -> int:
    """How many font programs the file holds, used or not."""
    return sum(
        1
        for number in reader.xref[0]
        if isinstance(found := reader.get_object(number), dict) and "/Length1" in found
    )


def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    from salesdesk.brief import pack

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def]
            return GENERATED

    monkeypatch.setattr(pack, "datetime", Clock)


def _kept_and_copied(monkeypatch, tmp_path, requests: list[BriefRequest]) -> tuple:
    """The pack as built, and as built when each brief's fonts were copied whole (the
    copies dropped at the end by what they hold): the second is what the pack showed
    before its fonts were read once. Both drawn in worker processes."""
    from salesdesk.brief import kept_fonts

    kept = tmp_path / "kept.pdf"
    kept.write_bytes(build_pack(requests, TODAY, date(2026, 12, 31), workers=2))
    looked: list[int] = []
    monkeypatch.setattr(kept_fonts, "_alike", lambda *_args: looked.append(1))
    copied = tmp_path / "copied.pdf"
    copied.write_bytes(build_pack(requests, TODAY, date(2026, 12, 31), workers=2))
    assert looked  # the second pack looked for kept fonts, and was told of none
    return kept, copied


def _fonts_listed(path) -> list[list[str]]:
    """pdffonts' lines: name with its subset tag, type, encoding, embedded… (not the
    object's number)."""
    return [line.split()[:-2] for line in _run("pdffonts", path).splitlines()[2:]]


def _same_pages(kept, copied, tmp_path) -> None:
    new, old = PdfReader(kept), PdfReader(copied)
    assert len(new.pages) == len(old.pages)
    assert _outline(new) == _outline(old)
    assert _fonts_listed(kept) == _fonts_listed(copied)
    assert _text(kept) == _text(copied)
    pages = len(new.pages)
    assert _pictures(kept, 1, pages, tmp_path) == _pictures(copied, 1, pages, tmp_path)


def test_a_pack_reads_each_font_once_and_shows_what_copying_every_font_showed(
    monkeypatch, tmp_path
):
    """Briefs 2.. point at the fonts the pack holds, nothing of theirs read again: the
    pack embeds each font once, and shows page for page what it showed before."""
    _fixed_clock(monkeypatch)
    keys = ("telematics-en", "packaging-fr", "scanners-en", "telematics-en")
    kept, copied = _kept_and_copied(monkeypatch, tmp_path, [request(key) for key in keys])
    reader = PdfReader(kept)
    assert len(reader.pages) > 8
    assert _font_programs(reader) == len(fonts(reader)) == len(_fonts_listed(kept)) == 2
    _same_pages(kept, copied, tmp_path)


def test_briefs_whose_fonts_differ_keep_their_own(monkeypatch, tmp_path):
    """Fonts of one name that hold other characters (a Greek name in one brief, a
    Chinese one in the other, each brief giving its characters codes as it meets them)
    are not taken for one another: each keeps its own, with its own tag, and every page
    reads and looks as before."""
    from salesdesk.brief import pack

    if not _run("fc-list", ":charset=738b", "file").strip():  # 王
        pytest.skip("no font for Chinese on this machine")
    _fixed_clock(monkeypatch)
    requests = [request(key) for key in ("telematics-en", "scanners-en")]
    for req, name in zip(requests, ("Ελένη Παπαδοπούλου", "王小明"), strict=True):
        req.sheet.stakeholders[0].name = name
        req.meeting.attendees = [req.sheet.stakeholders[0].uid]  # type: ignore[union-attr]
    # No common seed, and the briefs joined as drawn, whatever their fonts.
    monkeypatch.setattr(pack, "_first_seed", lambda _requests: {})
    monkeypatch.setattr(pack, "_one_encoding", lambda _drawn: None)
    kept, copied = _kept_and_copied(monkeypatch, tmp_path, requests)
    reader = PdfReader(kept)
    names = [str(f["/BaseFont"]) for f in fonts(reader)]
    dejavu = [n for n in names if "DejaVuSans" in n]
    # The contents' and each brief's own regular and bold, each with its own tag.
    assert len(dejavu) == len(set(dejavu)) == 6, names
    assert _font_programs(reader) == len(names) == 7  # and the Chinese name's font
    _same_pages(kept, copied, tmp_path)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Ελένη Παπαδοπούλου" in text and "王小明" in text


def _capitals(seed: str) -> bytes:
    """A page that prints ÀÁÂÃÄÅ, its font giving them codes in `seed`'s order (beyond
    the first 128 codes, which a subset keeps for ASCII)."""
    from reportlab.pdfgen.canvas import Canvas

    from salesdesk.brief.fonts import REGULAR, register, seeded_canvas

    register()
    buffer = io.BytesIO()
    canvas: Canvas = seeded_canvas({REGULAR: seed}, {})(buffer, initialFontName=REGULAR)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(72, 720, "ÀÁÂÃÄÅ")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_fonts_alike_in_all_but_their_glyphs_are_not_taken_for_one_another():
    """Two subsets of one font that differ only in which letter each code draws: the
    same font dictionary (the letters are as wide), other glyphs and text map. Each page
    reads its own letters; the third page, drawn as the first, takes the first's font."""
    from salesdesk.brief.pack import _Binder

    up, down = _capitals("ÀÁÂÃÄÅ"), _capitals("ÅÄÃÂÁÀ")
    assert (
        PdfReader(io.BytesIO(up)).pages[0]["/Resources"]["/Font"]["/F1+0"]["/Widths"]
        == (PdfReader(io.BytesIO(down)).pages[0]["/Resources"]["/Font"]["/F1+0"]["/Widths"])
    )
    binder = _Binder()
    for pdf in (up, down, up):
        binder.add(pdf)
    out = io.BytesIO()
    binder.writer.write(out)
    reader = PdfReader(out)
    assert [page.extract_text().strip() for page in reader.pages] == ["ÀÁÂÃÄÅ"] * 3
    assert _font_programs(reader) == 2
    assert binder.fonts.matched == 1
