"""The brief's charts drawn by our renderer (brief.chart_renderer) look exactly as
reportlab's renderer (renderPDF) draws them: every page of varied briefs rasterised by
poppler and compared pixel for pixel, and read back by pdftotext; and a drawing holding
what our renderer does not know is drawn by reportlab's, as it always was."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Ellipse,
    Group,
    Line,
    Rect,
    String,
    Wedge,
)
from reportlab.lib.colors import CMYKColor, HexColor
from reportlab.pdfgen.canvas import Canvas

from benchmarks.bench_brief import distinct_sheets
from salesdesk.brief import chart_renderer
from salesdesk.brief.chart_renderer import ChartDrawing, draw_shapes
from salesdesk.brief.document import Variant, build_pdf
from salesdesk.brief.fonts import REGULAR, register
from salesdesk.domain.deal import DealSheet
from salesdesk.interop.demo import sample_sheets
from tests.brief.test_brief import TODAY, request_for
from tests.brief.test_charts import CROWDED, LONG

SAMPLES = sample_sheets(TODAY)
# The five samples (numbers and options, score curves, a ledger of one round, a dance
# with and without a deal zone), three of the pack benchmark's deals (each its own
# values), the crowded and the long terms of the chart tests, on letter paper too.
SHEETS: dict[str, Callable[[], DealSheet]] = {
    **{key: (lambda key=key: SAMPLES[key]) for key in SAMPLES},
    **{f"distinct-{i}": (lambda i=i: distinct_sheets(i + 1, TODAY)[i]) for i in (5, 18, 37)},
    "crowded": lambda: replace(SAMPLES["packaging-fr"], terms=[CROWDED, LONG]),
}
CASES = [
    *((key, variant, "a4") for key in SHEETS for variant in (Variant.FULL, Variant.REDACTED)),
    ("scanners-en", Variant.FULL, "letter"),
]


def rasters(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    """Every page as poppler paints it: 100 dpi, grey, anti-aliased (its defaults)."""
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-gray", str(path), str(folder / name)], check=True)
    return [page.read_bytes() for page in sorted(folder.glob(f"{name}-*.pgm"))]


def poppler_text(pdf: bytes, folder: Path, name: str) -> str:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(("key", "variant", "paper"), CASES, ids=lambda v: str(v))
def test_a_brief_looks_the_same_drawn_by_either_renderer(
    key: str, variant: Variant, paper: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = request_for(SHEETS[key](), variant, paper)
    drawn: list[bool] = []

    def spied(*args: Any) -> bool:
        drawn.append(draw_shapes(*args))
        return drawn[-1]

    monkeypatch.setattr(chart_renderer, "draw_shapes", spied)
    ours = build_pdf(request)
    with monkeypatch.context() as m:
        m.setattr(ChartDrawing, "draw", Drawing.draw)  # reportlab's renderPDF
        theirs = build_pdf(request)
    if variant is Variant.FULL:
        # Every chart was drawn by our renderer, none left to reportlab's...
        assert drawn and all(drawn)
        assert ours != theirs
    else:
        assert not drawn  # the customer copy has no chart
    # ...and every page is the same, pixel for pixel, and reads the same.
    mine, reference = rasters(ours, tmp_path, "ours"), rasters(theirs, tmp_path, "theirs")
    assert len(mine) == len(reference) >= 1
    for number, (a, b) in enumerate(zip(mine, reference, strict=True), start=1):
        assert a == b, f"page {number} differs"
    assert poppler_text(ours, tmp_path, "ours") == poppler_text(theirs, tmp_path, "theirs")


# ------------------------------------------------------------------ what it does not know


class OtherLine(Line):
    """A shape of a type it was not written for, though a Line's subclass."""


def _unknown_shapes() -> dict[str, Callable[[], Any]]:
    blue = HexColor("#0072B2")

    def named_child() -> Group:
        group = Group()
        group.add(Line(0, 0, 50, 50, strokeColor=blue), name="diagonal")
        return group

    return {
        "ellipse": lambda: Ellipse(60, 50, 40, 20, fillColor=blue, strokeColor=None),
        "wedge": lambda: Wedge(60, 50, 30, 0, 120, fillColor=blue),
        "subclass": lambda: OtherLine(10, 10, 90, 90, strokeColor=blue),
        "translucent": lambda: Line(10, 10, 90, 90, strokeColor=blue, strokeOpacity=0.4),
        "rounded": lambda: Rect(10, 10, 80, 40, rx=6, ry=6, fillColor=blue),
        "cmyk": lambda: Circle(50, 50, 20, fillColor=CMYKColor(1, 0, 0, 0)),
        "outlined text": lambda: _outlined("outline"),
        "named child": named_child,
    }


def _outlined(text: str) -> String:
    shape = String(10, 40, text, fontName=REGULAR, fontSize=14)
    shape.textRenderMode = 1  # stroked glyphs
    return shape


def _page(drawing: Drawing) -> bytes:
    """One page, uncompressed and reproducible, with `drawing` on it as platypus draws a
    flowable."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 150), invariant=1, pageCompression=0)
    drawing.drawOn(canvas, 20, 20)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _drawing(cls: type, shapes: list[Any]) -> Drawing:
    drawing = cls(160, 110)
    for shape in shapes:
        drawing.add(shape)
    return drawing


@pytest.mark.parametrize("name", list(_unknown_shapes()))
def test_a_shape_it_does_not_know_is_drawn_by_reportlab(name: str) -> None:
    register()
    make = _unknown_shapes()[name]

    def shapes() -> list[Any]:
        # Known shapes around it: the drawing is left to reportlab whole.
        return [Line(0, 0, 100, 0, strokeColor=HexColor("#444444")), make(), Circle(5, 5, 2)]

    chart = _drawing(ChartDrawing, shapes())
    assert not draw_shapes(chart, Canvas(io.BytesIO()))
    # Drawn on a page, the chart is byte for byte what reportlab's renderer writes.
    assert _page(chart) == _page(_drawing(Drawing, shapes()))


def test_known_shapes_alone_are_drawn_by_ours_and_look_the_same(tmp_path: Path) -> None:
    register()

    def shapes() -> list[Any]:
        grey, blue = HexColor("#444444"), HexColor("#0072B2")
        turned = Group(String(0, 0, "turned", fontName=REGULAR, fontSize=8))
        turned.transform = (0, 1, -1, 0, 12, 20)
        return [
            Line(20, 10, 140, 10, strokeColor=grey, strokeWidth=0.6),
            Line(20, 10, 20, 100, strokeColor=grey, strokeWidth=0.6),
            Line(60, 30, 60, 40, strokeColor=grey),  # apart from the next: one path
            Line(90, 30, 90, 40, strokeColor=grey),
            Line(30, 60, 120, 60, strokeColor=blue, strokeDashArray=[3, 2]),
            Rect(40, 70, 30, 20, fillColor=blue, strokeColor=None),
            Circle(100, 80, 6, fillColor=HexColor("#ffffff"), strokeColor=blue),
            turned,
            String(140, 95, "end", fontName=REGULAR, fontSize=7, textAnchor="end"),
        ]

    chart = _drawing(ChartDrawing, shapes())
    ours, theirs = _page(chart), _page(_drawing(Drawing, shapes()))
    assert ours != theirs
    assert rasters(ours, tmp_path, "ours") == rasters(theirs, tmp_path, "theirs")
