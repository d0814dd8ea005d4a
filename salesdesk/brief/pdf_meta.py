"""The finishing of every PDF that leaves the app (a brief, a customer copy, a pack):
what archives, indexers and readers look for beyond the pages.

- the document's language (`/Lang`), its information dictionary (title, author — the
  preparer —, subject, creation date, creator, producer) and the same facts as XMP
  metadata, a file identifier, the PDF 1.7 header;
- each font embedded once, however many briefs a pack holds, with a subset tag of its
  own (reportlab tags every subset `AAAAAA+`): the tag is taken from the subset's
  content, so two different subsets never share one;
- without a password, PDF/A-2b's structural parts: the XMP `pdfaid` identification
  (part 2, conformance B), an sRGB output intent, no encryption; the fonts are already
  embedded. No validator runs here: tests check these parts, not full conformance;
- with a password, AES-256 (salesdesk.brief.protect) and no claim of PDF/A, which
  forbids encryption.

A brief without a password is finished as reportlab writes it (`finish_canvas`): the
same parts, nothing parsed again, no pypdf to import. A password, and a pack's pages
put together, go through pypdf (`finish`, `finish_writer`).
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from salesdesk import APP_NAME, __version__
from salesdesk.brief.protect import protect

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, IndirectObject

SRGB = "sRGB IEC61966-2.1"
PRODUCER = f"{APP_NAME} {__version__} (ReportLab, pypdf)"


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    lang: str
    created: datetime  # naive: the machine's local time


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def pdf_date(moment: datetime) -> str:
    """A PDF date with its offset from UTC: D:20270112093000+01'00'."""
    moment = _aware(moment)
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{rest:02d}'"


def _xml_text(text: str) -> str:
    """Text XML can hold: the control characters XML 1.0 forbids are left out."""
    kept = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
    kept = "".join(c for c in kept if not 0xD800 <= ord(c) <= 0xDFFF and c not in "\ufffe\uffff")
    return escape(kept)


def xmp_packet(info: DocumentInfo, document_id: uuid.UUID, *, archival: bool) -> bytes:
    """The XMP metadata: the information dictionary's facts in XMP's words, and the
    PDF/A-2b identification when the file is made for archives."""
    moment = _aware(info.created).isoformat(timespec="seconds")
    lang = _xml_text(info.lang)
    creator = (
        f"<dc:creator><rdf:Seq><rdf:li>{_xml_text(info.author)}</rdf:li></rdf:Seq></dc:creator>"
        if info.author
        else ""
    )
    pdfa = (
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>" if archival else ""
    )
    body = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"'
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        "<dc:format>application/pdf</dc:format>\n"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml_text(info.title)}'
        "</rdf:li></rdf:Alt></dc:title>\n"
        f"{creator}\n"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_xml_text(info.subject)}'
        "</rdf:li></rdf:Alt></dc:description>\n"
        f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n"
        f"<xmp:CreateDate>{moment}</xmp:CreateDate>\n"
        f"<xmp:ModifyDate>{moment}</xmp:ModifyDate>\n"
        f"<xmp:MetadataDate>{moment}</xmp:MetadataDate>\n"
        f"<xmp:CreatorTool>{APP_NAME} {__version__}</xmp:CreatorTool>\n"
        f"<pdf:Producer>{_xml_text(PRODUCER)}</pdf:Producer>\n"
        f"<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>\n"
        f"<xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>\n"
        f"{pdfa}\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        # Room for an editor to add to the packet in place, as XMP recommends.
        + (" " * 99 + "\n") * 20
        + '<?xpacket end="w"?>'
    )
    return body.encode("utf-8")


def srgb_profile() -> bytes:
    """An sRGB ICC profile (version 4, display class) made by Little CMS through Pillow
    (brief.srgb): free of the licences of the profiles found on a machine."""
    from salesdesk.brief.srgb import SRGB_ICC

    return SRGB_ICC


# ------------------------------------------------------------------ fonts


def _resources(node: Any, seen: set[int]) -> Iterator[DictionaryObject]:
    """Every resource dictionary reached from a page: its own, its forms'."""
    from pypdf.generic import DictionaryObject

    resources = node.get("/Resources")
    if resources is None:
        return
    resources = resources.get_object()
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return
    seen.add(id(resources))
    yield resources
    xobjects = resources.get("/XObject")
    for ref in (xobjects.get_object() if xobjects is not None else {}).values():
        form = ref.get_object()
        if form.get("/Subtype") == "/Form":
            yield from _resources(form, seen)


def _data(ref: Any) -> bytes:
    return bytes(ref.get_object().get_data()) if ref is not None else b""


def _font_key(font: DictionaryObject) -> bytes | None:
    """What makes two embedded fonts the same font: the program and every table that
    maps codes to glyphs, widths and text. None for a font without a program of ours."""
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
    program = program or descriptor.get("/FontFile")
    if program is None:
        return None
    name = str(font.get("/BaseFont", "")).split("+", 1)[-1]
    parts = [
        name.encode("utf-8"),
        str(font.get("/Subtype")).encode(),
        str(font.get("/FirstChar")).encode(),
        str(font.get("/LastChar")).encode(),
        repr([float(w) for w in font.get("/Widths", [])]).encode(),
        str(font.get("/Encoding")).encode(),
        _data(program),
        _data(font.get("/ToUnicode")),
    ]
    return hashlib.sha256(b"\0".join(parts)).digest()


def _tag(key: bytes) -> str:
    """Six capital letters taken from the subset's content (ISO 32000-1, 9.6.4)."""
    return "".join(chr(ord("A") + b % 26) for b in key[:6])


class _Tagged:
    """A reportlab TrueType font as a document embeds it, each of its subsets named with
    a tag taken from its content (the font file, the characters in their codes' order)
    instead of reportlab's AAAAAA, AAAAAB…"""

    def __init__(self, font: Any) -> None:
        self.font = font

    def __getattr__(self, name: str) -> Any:
        return getattr(self.font, name)

    def addObjects(self, doc: Any) -> None:
        from reportlab.pdfbase.pdfdoc import PDFName

        state = self.font.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        internal = state.internalName if state is not None else None
        self.font.addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for n, subset in enumerate(subsets):
            pdf_font = fonts.get(f"{internal}+{n}")
            if pdf_font is None:
                continue
            old = str(pdf_font.BaseFont)
            name = old.split("+", 1)[-1]
            content = f"{self.font.face.filename}\0{name}\0{subset}".encode()
            tagged = f"{_tag(hashlib.sha256(content).digest())}+{name}"
            pdf_font.BaseFont = tagged
            descriptor = doc.idToObject.get("fontDescriptor:" + old)
            if descriptor is not None:
                descriptor.dict["FontName"] = PDFName(tagged)


def fonts_once(writer: PdfWriter) -> None:
    """Point every use of the same embedded font at one copy, and give each distinct
    subset its own tag."""
    from pypdf.generic import IndirectObject, NameObject

    canonical: dict[bytes, IndirectObject] = {}
    keys: dict[int, bytes | None] = {}  # by object: a font is read once however often used
    seen: set[int] = set()
    for page in writer.pages:
        for resources in _resources(page, seen):
            fonts = resources.get("/Font")
            if fonts is None:
                continue
            fonts = fonts.get_object()
            for name, ref in list(fonts.items()):
                if not isinstance(ref, IndirectObject):
                    continue
                if ref.idnum not in keys:
                    font: Any = ref.get_object()
                    keys[ref.idnum] = _font_key(font)
                key = keys[ref.idnum]
                if key is None:
                    continue
                first = canonical.setdefault(key, ref)
                if first != ref:
                    fonts[NameObject(name)] = first
    for key, ref in canonical.items():
        font = ref.get_object()
        name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
        tagged = NameObject(f"/{_tag(key)}+{name}")
        font[NameObject("/BaseFont")] = tagged
        font["/FontDescriptor"].get_object()[NameObject("/FontName")] = tagged
    _drop_unreachable(writer)


def _drop_unreachable(writer: PdfWriter) -> None:
    """Objects nothing points to any more (the copies `fonts_once` replaced) are not
    written."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reached: set[int] = set()
    todo: list[Any] = [writer.root_object, writer._info]
    while todo:
        node = todo.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in reached:
                continue
            reached.add(node.idnum)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            todo.extend(node.values())
        elif isinstance(node, ArrayObject):
            todo.extend(node)
    for root in (writer.root_object, writer._info):
        ref = getattr(root, "indirect_reference", None)
        if ref is not None:
            reached.add(ref.idnum)
    for index in range(len(writer._objects)):
        if index + 1 not in reached:
            writer._objects[index] = None


# ------------------------------------------------------------------ the whole


def _stream(writer: PdfWriter, data: bytes, entries: dict[str, Any]) -> IndirectObject:
    from pypdf.generic import NameObject, StreamObject

    stream = StreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject(key)] = value
    return writer._add_object(stream)


def _output_intent(writer: PdfWriter) -> DictionaryObject:
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject

    profile = _stream(writer, srgb_profile(), {"/N": NumberObject(3)})
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(SRGB),
            NameObject("/Info"): TextStringObject(SRGB),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/DestOutputProfile"): profile,
        }
    )


def finish_canvas(canvas: Any, info: DocumentInfo) -> None:
    """What `finish` gives a document without a password, given by reportlab itself as
    `canvas` saves it: call just before `canvas.save()`."""
    from reportlab.pdfbase.pdfdoc import (
        DummyDoc,
        PDFArray,
        PDFCatalog,
        PDFDictionary,
        PDFInfo,
        PDFName,
        PDFStream,
        PDFString,
        PDFText,
    )
    from reportlab.pdfbase.pdfdoc import format as pdf_format

    doc = canvas._doc
    doc.delayedFonts[:] = [_Tagged(font) for font in doc.delayedFonts]
    created = pdf_date(info.created)
    entries = {
        "Title": info.title,
        "Author": info.author,
        "Subject": info.subject,
        "Creator": f"{APP_NAME} {__version__}",
        "Producer": PRODUCER,
        "CreationDate": created,
        "ModDate": created,
    }

    class Info(PDFInfo):
        def format(self, document: Any) -> bytes:
            said = {k: PDFString(v) for k, v in entries.items() if v}
            return bytes(PDFDictionary(said).format(document))

    class Plain(PDFStream):
        """A stream written as it is: no /Filter (PDF/A's metadata is not filtered)."""

        def format(self, document: Any) -> bytes:
            entries = PDFDictionary(self.dictionary.dict.copy())
            content = document.encrypt.encode(self.content)
            entries["Length"] = len(content)
            return bytes(
                pdf_format(entries, document)
                + b"\nstream\n"
                + pdf_format(content, document)
                + b"endstream\n"
            )

    doc.info = Info()
    document_id = uuid.uuid4()
    catalog = doc.Catalog
    catalog.Lang = PDFString(info.lang)
    catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
    catalog.Metadata = Plain(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp_packet(info, document_id, archival=True),
    )
    profile = Plain(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(SRGB),
            "Info": PDFString(SRGB),
            "RegistryName": PDFString("http://www.color.org"),
            "DestOutputProfile": doc.Reference(profile),
        }
    )
    catalog.OutputIntents = PDFArray([intent])
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    identifier = PDFText(document_id.bytes, enc="raw").format(DummyDoc())
    doc._ID = b"\n[" + identifier + identifier + b"]\n"
    doc._pdfVersion = (1, 7)


def finish(pdf: bytes, info: DocumentInfo, password: str | None = None) -> bytes:
    """`pdf` as it leaves the app: metadata, one copy of each font, and either PDF/A-2b's
    structural parts (no password) or AES-256 encryption (with one)."""
    from pypdf import PdfReader, PdfWriter

    return finish_writer(PdfWriter(clone_from=PdfReader(io.BytesIO(pdf))), info, password)


def finish_writer(writer: PdfWriter, info: DocumentInfo, password: str | None = None) -> bytes:
    """`finish` of a document being put together (the pack's pages)."""
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        ByteStringObject,
        DictionaryObject,
        NameObject,
        TextStringObject,
    )

    fonts_once(writer)
    created = pdf_date(info.created)
    entries = {
        "/Title": info.title,
        "/Author": info.author,
        "/Subject": info.subject,
        "/Creator": f"{APP_NAME} {__version__}",
        "/Producer": PRODUCER,
        "/CreationDate": created,
        "/ModDate": created,
    }
    writer.metadata = {k: v for k, v in entries.items() if v}
    document_id = uuid.uuid4()
    archival = password is None
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(info.lang)
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    root[NameObject("/Metadata")] = _stream(
        writer,
        xmp_packet(info, document_id, archival=archival),
        {"/Type": NameObject("/Metadata"), "/Subtype": NameObject("/XML")},
    )
    if archival:
        root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer)])
    writer._ID = ArrayObject(
        [ByteStringObject(document_id.bytes), ByteStringObject(document_id.bytes)]
    )
    writer.pdf_header = "%PDF-1.7"
    if password is not None:
        protect(writer, password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
