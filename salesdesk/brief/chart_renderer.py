"""The brief's charts drawn on the PDF canvas by a renderer of our own.

reportlab's renderer (renderPDF) draws a `Drawing` node by node, and for every node
saves and restores the graphics state, copies a state dictionary, looks for derived
values and sets each of the node's style properties again: a brief's charts have
hundreds of nodes each, and drawing them so took a sixth of a brief's time.

`ChartDrawing` is a `Drawing` that walks the same shape tree and writes what renderPDF
writes, through the same public canvas calls (`line`, `rect`, `circle`, paths,
`drawString`), inside the one graphics state its flowable saves: a group saves its own
only when it has a transform, and a style property (stroke and fill colour, line width,
cap, join, dash, font) is set only when the next shape needs another value. Solid
lines of one style that follow each other are drawn as one path when they lie apart.

Every node is checked, and the drawing planned, before anything is drawn: a shape
type, a property or a value this module does not know sends the whole drawing to
renderPDF, which draws it as it always did — never a picture drawn wrong in silence.

One path is written whole, with `canvas.addLiteral`: a path of segments alone (the
dance chart's frontier, thousands of steps), written as `canvas.lines` would write it
but each of its numbers formatted once. A path's operators change no state the canvas
keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab import rl_config
from reportlab.graphics.shapes import (
    STATE_DEFAULTS,
    Circle,
    Drawing,
    Group,
    Line,
    Path,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.validators import DerivedValue
from reportlab.pdfbase.pdfmetrics import stringWidth

_unset = rl_config._unset_  # renderPDF's "not given" for showBoundary

# What each shape type holds once made by its constructor, and nothing else: a property
# set on top (a transform on a leaf, a text render mode, an opacity, a draw-time
# callback, a named child) is something this renderer was not written for.
_STROKE = {
    "strokeColor",
    "strokeWidth",
    "strokeLineCap",
    "strokeLineJoin",
    "strokeMiterLimit",  # renderPDF never sets it: the limit in force applies to both
    "strokeDashArray",
    "strokeOpacity",
}
_SOLID = _STROKE | {"fillColor", "fillOpacity"}
_KEYS: dict[type, frozenset[str]] = {
    Line: frozenset(_STROKE | {"x1", "y1", "x2", "y2"}),
    PolyLine: frozenset(_STROKE | {"points"}),
    Polygon: frozenset(_SOLID | {"points"}),
    Rect: frozenset(_SOLID | {"x", "y", "width", "height", "rx", "ry"}),
    Circle: frozenset(_SOLID | {"cx", "cy", "r"}),
    Path: frozenset(_SOLID | {"points", "operators", "isClipPath", "autoclose", "fillMode"}),
    String: frozenset({"x", "y", "text", "fontName", "fontSize", "fillColor", "textAnchor"}),
    Group: frozenset({"_attrMap", "contents", "transform"}),
}
_DRAWING_KEYS = frozenset(
    {"contents", "transform", "background", "width", "height", "hAlign", "vAlign"}
    | {"renderScale", "canv"}
)
_IDENTITY = (1, 0, 0, 1, 0, 0)
# The types of value a shape of ours holds; any other is looked at for a derived value
# (one renderPDF computes as it draws).
_PLAIN = frozenset({int, float, bool, str, list, tuple, type(None), Color})

# The plan's operations: a tuple whose first item says what it draws.
_LINES, _POLYLINE, _POLYGON, _RECT, _CIRCLE, _PATH, _TEXT, _PUSH, _POP = range(9)

# Two solid lines of one style drawn as one path paint the same pixels as two paths
# only when no pixel is touched by both (where they share one, anti-aliasing blends a
# pixel painted twice differently from one painted once): they go in one path only
# when their boxes lie this far apart (points), more than a pixel at 72 dpi and up.
_APART = 2.0


class _Unknown(Exception):
    """A node this renderer does not draw: the drawing goes to reportlab's renderer."""


class ChartDrawing(Drawing):
    """A reportlab `Drawing` that draws itself with `draw_shapes`, or with renderPDF
    when it holds something `draw_shapes` does not know."""

    def draw(self, showBoundary: Any = _unset) -> None:
        if not draw_shapes(self, self.canv, showBoundary):
            super().draw(showBoundary)


def draw_shapes(drawing: Any, canvas: Any, showBoundary: Any = _unset) -> bool:
    """Draw `drawing` at the canvas's origin as renderPDF would; False, having drawn
    nothing, when it holds a node, property or value this renderer does not know."""
    if showBoundary is _unset:  # as Drawing.draw and renderPDF choose it
        showBoundary = getattr(drawing, "_showBoundary", _unset)
        if showBoundary is _unset:
            showBoundary = rl_config.showBoundary
    if showBoundary:
        return False
    try:
        plan = _plan(drawing)
    except _Unknown:
        return False
    # What renderPDF sets at a drawing's start and no shape of ours sets: overprinting
    # off (the canvas writes nothing when it already is, as it always is in a brief).
    canvas.setFillOverprint(STATE_DEFAULTS["fillOverprint"])
    canvas.setStrokeOverprint(STATE_DEFAULTS["strokeOverprint"])
    canvas.setOverprintMask(STATE_DEFAULTS["overprintMask"])
    _Pen(canvas).draw(plan)
    return True


# ------------------------------------------------------------------ the plan


def _plan(drawing: Any) -> list[tuple[Any, ...]]:
    """The drawing's operations in drawing order, every node checked first."""
    d = drawing.__dict__
    # A flowable also carries the layout's private notes (`_frame`, `_postponed`...),
    # which renderPDF does not read either; a draw-time callback it would call.
    public = {key for key in d if key[0] != "_"}
    if (
        not public <= _DRAWING_KEYS
        or "_drawTimeCallback" in d
        or d.get("background") is not None
        or d.get("renderScale", 1.0) != 1.0
    ):
        raise _Unknown
    plan: list[tuple[Any, ...]] = []
    _group(drawing, plan)
    return plan


def _group(group: Any, plan: list[tuple[Any, ...]]) -> None:
    transform = tuple(group.transform)
    if len(transform) != 6 or any(isinstance(v, DerivedValue) for v in transform):
        raise _Unknown
    turned = transform != _IDENTITY
    if turned:
        plan.append((_PUSH, transform))
    for node in group.contents:
        kind = type(node)  # exactly: a subclass may draw itself otherwise
        keys = _KEYS.get(kind)
        d = node.__dict__
        if keys is None or d.keys() != keys:
            raise _Unknown
        if kind is Group:
            _group(node, plan)
            continue
        if not _PLAIN.issuperset(map(type, d.values())):
            for value in d.values():
                if isinstance(value, DerivedValue):
                    raise _Unknown
        if kind is String:
            _string(d, plan)
            continue
        if d["strokeOpacity"] is not None or d.get("fillOpacity") is not None:
            raise _Unknown
        stroke = _stroke(d)
        if kind is Line:
            if stroke is not None:
                _line(plan, stroke, (d["x1"], d["y1"], d["x2"], d["y2"]))
            continue
        fill = None if kind is PolyLine else _color(d["fillColor"])
        if kind is Rect:
            if d["rx"] != 0 or d["ry"] != 0:
                raise _Unknown  # rounded: renderPDF's roundRect
            if stroke is not None or fill is not None:
                plan.append((_RECT, stroke, fill, d["x"], d["y"], d["width"], d["height"]))
        elif kind is Circle:
            if stroke is not None or fill is not None:
                plan.append((_CIRCLE, stroke, fill, d["cx"], d["cy"], d["r"]))
        elif kind is PolyLine:
            points = _points(d["points"])
            if stroke is not None:
                plan.append((_POLYLINE, stroke, points))
        elif kind is Polygon:
            points = _points(d["points"])
            if stroke is not None or fill is not None:
                plan.append((_POLYGON, stroke, fill, points))
        else:
            _path(d, stroke, fill, plan)
    if turned:
        plan.append((_POP,))


def _color(value: Any) -> Color | None:
    # Exactly an RGB colour (what HexColor makes): CMYK and spot colours go to renderPDF.
    if value is None or type(value) is Color:
        return value
    raise _Unknown


# A stroke style: (colour's components, colour, width, cap, join, dash); the dash is
# None for a solid line, else (pattern, phase).
_Stroke = tuple[tuple[float, ...], Color, Any, Any, Any, "tuple[tuple[Any, ...], Any] | None"]


def _stroke(d: dict[str, Any]) -> _Stroke | None:
    color = _color(d["strokeColor"])
    if color is None:
        return None  # renderPDF strokes nothing
    dash = d["strokeDashArray"]
    if dash:  # renderPDF's two forms: a pattern, or (phase, pattern)
        if not isinstance(dash, (list, tuple)):
            raise _Unknown
        if len(dash) == 2 and isinstance(dash[1], (list, tuple)):
            dash = (tuple(dash[1]), dash[0])
        else:
            dash = (tuple(dash), 0)
    else:
        dash = None
    return (
        color.rgba(),
        color,
        d["strokeWidth"],
        d["strokeLineCap"],
        d["strokeLineJoin"],
        dash,
    )


def _points(points: Sequence[float]) -> Sequence[float]:
    # renderPDF's least: one point (a ledger of one round draws its lines so)
    if len(points) < 2 or len(points) % 2:
        raise _Unknown
    return points


def _line(plan: list[tuple[Any, ...]], stroke: _Stroke, segment: tuple[Any, ...]) -> None:
    """A line joins the solid lines of its style just before it, when it lies apart
    from each (see `_APART`); else it starts a path of its own."""
    last = plan[-1] if plan else None
    if last is not None and last[0] == _LINES and stroke[5] is None and last[1] == stroke:
        # Each stroke's box: its line's, grown by its width (the most a cap reaches).
        pad = 2 * stroke[2] + _APART
        x1, y1, x2, y2 = segment
        left, right = min(x1, x2) - pad, max(x1, x2) + pad
        bottom, top = min(y1, y2) - pad, max(y1, y2) + pad
        for a, b, c, e in last[2]:
            if left < max(a, c) and min(a, c) < right and bottom < max(b, e) and min(b, e) < top:
                break
        else:
            last[2].append(segment)
            return
    plan.append((_LINES, stroke, [segment]))


def _path(d: dict[str, Any], stroke: _Stroke | None, fill: Color | None, plan: list[Any]) -> None:
    if d["isClipPath"] or d["autoclose"] is not None:
        raise _Unknown
    operators, points = d["operators"], d["points"]
    if not operators:
        return  # renderPDF paints an empty path: nothing
    moves = closes = needed = 0
    for op in operators:
        if op == 0:
            moves += 1
        elif op == 3:
            closes += 1
        elif op != 1 and op != 2:
            raise _Unknown
        needed += (2, 2, 6, 0)[op]
    if needed != len(points):
        raise _Unknown
    if moves != closes:
        fill = None  # renderPDF fills only a path whose every subpath is closed
    if stroke is not None or fill is not None:
        plan.append((_PATH, stroke, fill, d["fillMode"], operators, points))


def _string(d: dict[str, Any], plan: list[tuple[Any, ...]]) -> None:
    fill = _color(d["fillColor"])
    if fill is None:
        return  # renderPDF draws text only with a fill colour
    x, text, font, size = d["x"], d["text"], d["fontName"], d["fontSize"]
    anchor = d["textAnchor"]
    if anchor not in ("start", "inherited"):
        if anchor not in ("middle", "end"):
            raise _Unknown
        width = stringWidth(text, font, size, String.encoding)
        x -= width if anchor == "end" else width * 0.5
    plan.append((_TEXT, fill, font, size, x, d["y"], text))


# ------------------------------------------------------------------ drawing the plan


_UNSET = object()  # a property the pen has not set yet
# What the pen remembers of the canvas's graphics state.
_STYLE = ("stroke_rgba", "width", "cap", "join", "dash", "fill_rgba", "font")


class _Pen:
    """Draws a plan on a canvas, remembering the style properties it set: each is set
    again only when an operation needs another value. Nothing is assumed of the state
    the drawing starts in: the first operation that needs a property sets it."""

    __slots__ = ("canvas", *_STYLE)
    stroke_rgba: Any
    width: Any
    cap: Any
    join: Any
    dash: Any
    fill_rgba: Any
    font: Any

    def __init__(self, canvas: Any) -> None:
        self.canvas = canvas
        self._recall((_UNSET,) * len(_STYLE))

    def _remember(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _STYLE)

    def _recall(self, style: tuple[Any, ...]) -> None:
        for name, value in zip(_STYLE, style, strict=True):
            setattr(self, name, value)

    def draw(self, plan: list[tuple[Any, ...]]) -> None:
        canvas = self.canvas
        saved: list[tuple[Any, ...]] = []
        for op in plan:
            kind = op[0]
            if kind == _LINES:
                self._stroke(op[1])
                segments = op[2]
                if len(segments) == 1:
                    canvas.line(*segments[0])
                else:
                    canvas.lines(segments)
            elif kind == _TEXT:
                _kind, fill, font, size, x, y, text = op
                self._fill(fill)
                if self.font != (font, size):
                    canvas.setFont(font, size)
                    self.font = (font, size)
                canvas.drawString(x, y, text)
            elif kind == _RECT:
                _kind, stroke, fill, x, y, width, height = op
                self._both(stroke, fill)
                # The canvas's fill rule (renderPDF's is the state's default): a
                # rectangle or a circle covers the same pixels under either rule.
                canvas.rect(x, y, width, height, stroke=stroke is not None, fill=fill is not None)
            elif kind == _CIRCLE:
                _kind, stroke, fill, x, y, r = op
                self._both(stroke, fill)
                canvas.circle(x, y, r, stroke=stroke is not None, fill=fill is not None)
            elif kind in (_POLYLINE, _POLYGON):
                stroke, fill = op[1], (None if kind == _POLYLINE else op[2])
                self._both(stroke, fill)
                points = op[-1]
                path = canvas.beginPath()
                path.moveTo(points[0], points[1])
                line_to = path.lineTo
                for i in range(2, len(points), 2):
                    line_to(points[i], points[i + 1])
                if kind == _POLYGON:
                    path.close()
                canvas.drawPath(
                    path,
                    stroke=stroke is not None,
                    fill=fill is not None,
                    fillMode=STATE_DEFAULTS["fillMode"],  # renderPDF's: a polygon has none
                )
            elif kind == _PATH:
                self._path(op)
            elif kind == _PUSH:
                canvas.saveState()
                canvas.transform(*op[1])
                saved.append(self._remember())
            else:  # _POP: the canvas is back in the state it saved, and so is the pen
                canvas.restoreState()
                self._recall(saved.pop())

    def _path(self, op: tuple[Any, ...]) -> None:
        _kind, stroke, fill, fill_mode, operators, points = op
        canvas = self.canvas
        self._both(stroke, fill)
        count = len(operators)
        if fill is None and count % 2 == 0 and operators == [0, 1] * (count // 2):
            # Segments alone (a hatching, a frontier's thousands of steps): written as
            # `canvas.lines` writes them, each number as reportlab writes it (fp_str),
            # but each value formatted once — a staircase's steps share their ends.
            values = list(set(points))
            text = dict(zip(values, fp_str(values).split(" "), strict=True))
            it = iter(map(text.__getitem__, points))
            segments = " ".join(
                f"{a} {b} m {c} {d} l" for a, b, c, d in zip(it, it, it, it, strict=True)
            )
            canvas.addLiteral(f"n {segments} S")
            return
        path = canvas.beginPath()
        steps = (path.moveTo, path.lineTo, path.curveTo, path.close)
        i = 0
        for op_ in operators:
            n = (2, 2, 6, 0)[op_]
            steps[op_](*points[i : i + n])
            i += n
        canvas.drawPath(path, stroke=stroke is not None, fill=fill is not None, fillMode=fill_mode)

    def _both(self, stroke: _Stroke | None, fill: Color | None) -> None:
        if stroke is not None:
            self._stroke(stroke)
        if fill is not None:
            self._fill(fill)

    def _fill(self, color: Color) -> None:
        rgba = color.rgba()
        if self.fill_rgba != rgba:
            self.canvas.setFillColor(color)
            self.fill_rgba = rgba

    def _stroke(self, stroke: _Stroke) -> None:
        canvas = self.canvas
        rgba, color, width, cap, join, dash = stroke
        if self.stroke_rgba != rgba:
            canvas.setStrokeColor(color)
            self.stroke_rgba = rgba
        if self.width != width:
            canvas.setLineWidth(width)
            self.width = width
        if self.cap != cap:
            canvas.setLineCap(cap)
            self.cap = cap
        if self.join != join:
            canvas.setLineJoin(join)
            self.join = join
        if self.dash != dash:
            if dash is None:
                canvas.setDash()
            else:
                canvas.setDash(dash[0], dash[1])
            self.dash = dash
