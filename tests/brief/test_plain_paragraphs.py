"""Plain text set without reportlab's markup parser reads exactly as parsed text: the
same fragments in every style of the brief, and every page of the samples' briefs
drawn with the same operators."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from salesdesk.brief import builder, styles, tables
from salesdesk.brief.document import Variant, build_pdf
from salesdesk.brief.tables import fitted_tables
from tests.brief.test_brief import request

TEXTS = [
    "Prix unitaire",
    "  two   spaces\tand a tab  ",
    "a line\nand another\n\n",
    "1\u202f250,50\u00a0€",
    "Łódzkie Zakłady — “quoted” 30 days > 20",
    "x",
]


def _styles() -> list:
    table = fitted_tables(["Term", "Unit", "Ours"], [["Price", "EUR", "1.5"]], "tfv", 400)[0]
    cells = {id(c.style): c.style for row in table._cellvalues for c in row if hasattr(c, "style")}
    return [*styles.paragraph_styles().values(), *cells.values()]


@pytest.mark.parametrize("text", TEXTS)
def test_plain_text_gives_the_fragments_the_parser_gives_in_every_style(text):
    for style in _styles():
        fast, parsed = styles.paragraph(text, style), Paragraph(text, style)
        assert fast.text == parsed.text
        assert [f.__dict__ for f in fast.frags] == [f.__dict__ for f in parsed.frags]


def _pages(pdf: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("key", ["packaging-fr", "telematics-en", "scanners-en"])
@pytest.mark.parametrize("variant", [Variant.FULL, Variant.REDACTED])
def test_a_brief_draws_the_same_pages_as_with_every_cell_parsed(key, variant, monkeypatch):
    fast = _pages(build_pdf(request(key, variant)))

    def parsed(text, style):
        return styles._paragraph_class()(text, style)

    for module in (styles, builder, tables):
        monkeypatch.setattr(module, "paragraph", parsed)
    assert fast == _pages(build_pdf(request(key, variant)))
