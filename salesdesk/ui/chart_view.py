"""A matplotlib figure in a Qt canvas, redrawn a moment after the data last changed.

The figures are built by `salesdesk.brief.charts` from the chart geometry the PDF
brief's own (reportlab) charts use, so screen and paper show the same chart.
Redraws are coalesced by a short timer so typing never waits for a chart, and
matplotlib is imported only when a chart is first shown.

A chart laid out for its width (`fit_width`) is built again for the width it is shown
at and keeps the height its rows need: where the pane is shorter, it scrolls, rather
than squeezing one row's tick labels into the next row's title.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import cache
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QStackedLayout, QWidget

log = logging.getLogger(__name__)
REDRAW_DELAY_MS = 20
RELAYOUT_DELAY_MS = 120  # a width settled for that long gets its own layout
SCREEN_DPI = 100.0  # matplotlib's figure.dpi: logical pixels per inch on screen


@cache
def _canvas_class() -> type:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class Canvas(FigureCanvasQTAgg):
        def draw(self) -> None:
            super().draw()
            # Showing the canvas asked for an idle redraw; this full draw answers it.
            # Left pending, it would draw the whole figure again at the first paint
            # after the rep's next edit, delaying that edit's chart by ~100 ms.
            self._draw_pending = False

    return Canvas


class ChartView(QWidget):
    """Shows what `build()` returns: a Figure, or None for "nothing to chart"."""

    drawn = Signal(float)  # seconds from the data's change to the chart on screen
    # The empty state's "How to prepare" link: the window shows its guide to the method.
    guide_requested = Signal()

    def __init__(
        self,
        build: Callable[[], Any],
        empty_text: str,
        parent: QWidget | None = None,
        update: Callable[[Any], list[Any] | None] | None = None,
        *,
        fit_width: bool = False,
    ) -> None:
        """`update(figure)` may redraw some axes of the figure shown and return them
        (None: build a new figure). Only those axes are then painted again.

        `fit_width`: `build()` lays the figure out for `width_inches()` and its height
        is kept as built; the chart is built again when its width changes and scrolls
        when it is taller than the pane."""
        super().__init__(parent)
        self._build = build
        self._update = update
        self._fit_width = fit_width
        self._stack = QStackedLayout(self)
        # Until the chart is drawn, a blank page: the placeholder says there is nothing to
        # chart, which is only known once the data has been looked at. (Its first drawing,
        # matplotlib's import included, takes a second: the placeholder then showed while
        # the data was there.)
        self.waiting = QWidget(self)
        self._stack.addWidget(self.waiting)
        self.empty = QLabel(self)
        self.set_empty_text(empty_text)
        self.empty.linkActivated.connect(lambda _link: self.guide_requested.emit())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack.addWidget(self.empty)
        self.scroll_area: QScrollArea | None = None
        if fit_width:
            self.scroll_area = QScrollArea(self)
            self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll_area.setWidgetResizable(True)
            self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            self._stack.addWidget(self.scroll_area)
        self.canvas: Any = None
        self.figure: Any = None
        self._natural: tuple[float, float] | None = None  # the figure's own size, inches
        self._dpi = SCREEN_DPI
        self._stale_since: float | None = None
        self._relayout = False  # the width changed: build anew, not row by row
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw)
        self._width_timer = QTimer(self)
        self._width_timer.setSingleShot(True)
        self._width_timer.setInterval(RELAYOUT_DELAY_MS)
        self._width_timer.timeout.connect(self._width_settled)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(140)

    def set_empty_text(self, text: str) -> None:
        """What the chart says when there is nothing to chart, and a link to the guide."""
        how = self.tr("How to prepare")
        self.empty.setText(
            f'{escape(text, quote=False)}<br><a href="guide">{escape(how, quote=False)}</a>'
        )

    def show_waiting(self) -> None:
        """A blank page until the data to chart is known (not "nothing to chart")."""
        self._timer.stop()
        self._stale_since = None
        self._stack.setCurrentWidget(self.waiting)

    def width_inches(self) -> float:
        """The width, in inches of the figure, that a chart shown now would get."""
        width = (
            self.scroll_area.viewport().width() if self.scroll_area is not None else self.width()
        )
        if self.scroll_area is not None and self._stack.currentWidget() is not self.scroll_area:
            width = self.width()  # the viewport is laid out once the chart shows
        return max(width, 1) / self._dpi

    def _built_width(self) -> int | None:
        if self.figure is None or self._natural is None:
            return None
        return round(self._natural[0] * self._dpi)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._check_width()

    def _width_gap(self) -> int:
        """Pixels the chart was laid out wider than the pane now shows it (negative:
        narrower); 0 for a chart that does not fit its width or is not laid out yet."""
        built = self._built_width()
        if not self._fit_width or built is None:
            return 0
        return built - round(self.width_inches() * self._dpi)

    def _narrowed(self) -> bool:
        """The chart was laid out wider than the pane now shows it."""
        return self._width_gap() > 4

    def _check_width(self) -> None:
        if abs(self._width_gap()) > 4:
            self._width_timer.start()

    def _width_settled(self) -> None:
        if abs(self._width_gap()) > 4:
            self._relayout = True
            self.schedule()

    def schedule(self) -> None:
        """The data changed: redraw soon, once, if the chart is on screen."""
        if self._stale_since is None:
            self._stale_since = time.perf_counter()
        if self.isVisible():
            self._timer.start()
        elif self._stack.currentWidget() is self.empty:
            # Another deal's "nothing to chart" must not show when this one's tab does.
            self._stack.setCurrentWidget(self.waiting)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale_since is not None or self.figure is None:
            self._stale_since = self._stale_since or time.perf_counter()
            self._timer.start()
        self._check_width()

    @property
    def pending(self) -> bool:
        """A redraw is due: the data changed, or the width it was laid out for."""
        return self._stale_since is not None or self._width_timer.isActive()

    def redraw(self) -> None:
        self._timer.stop()
        if not self.isVisible() and self._stale_since is not None:
            return  # hidden since the change (the rep turned to another tab): when shown
        started = self._stale_since or time.perf_counter()
        self._stale_since = None
        changed = None
        relayout, self._relayout = self._relayout, False
        if (
            self._update is not None
            and self.figure is not None
            and self.canvas is not None
            and not relayout
        ):
            changed = self._update(self.figure)
        if changed is not None:
            if self._squeezed():
                self.canvas.draw()  # texts cross the bands: paint the whole figure again
            else:
                self._repaint_axes(changed)
            self._done(started)
            return
        figure = self._build()
        self.figure = figure
        if figure is None:
            self._stack.setCurrentWidget(self.empty)
        else:
            self._show(figure)
            if self._narrowed():
                # Shown, it brought a scroll bar (it is taller than the pane), which takes
                # some of the width it was laid out for: laid out again at once for what
                # is left, rather than squeezed until the rep's first edits redraw it
                # whole. (A width still settling is looked at again by the width timer.)
                figure = self.figure = self._build()
                self._show(figure)
            if self._update is not None:
                # Warm the partial path while idle, so the rep's first edit is quick too.
                QTimer.singleShot(0, self._warm_up)
        self._done(started)

    def _warm_up(self) -> None:
        if self.figure is not None and self.canvas is not None and not self.pending:
            self._repaint_axes(self.figure.axes[:1])

    def _done(self, started: float) -> None:
        elapsed = time.perf_counter() - started
        log.debug("chart redrawn %.0f ms after the change", elapsed * 1000)
        self.drawn.emit(elapsed)

    def _squeezed(self) -> bool:
        """Whether the figure is shown smaller than it was laid out: its texts then reach
        into the neighbouring rows' bands, which repainting one band would leave behind."""
        if self.figure is None or self._natural is None:
            return False
        width, height = self.figure.get_size_inches()
        return bool(width < self._natural[0] * 0.99 or height < self._natural[1] * 0.99)

    def _show(self, figure: Any) -> None:
        # The figure keeps its white paper, as in the brief: readable in light and dark palettes.
        width, height = figure.get_size_inches()
        self._natural = (float(width), float(height))
        self._dpi = float(figure.dpi)  # before the canvas scales it by the screen's pixel ratio
        canvas = _canvas_class()(figure)
        old = self.canvas
        self.canvas = canvas
        if self.scroll_area is not None:
            # As tall as its rows need; as wide as the pane (built for that width).
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            canvas.setFixedHeight(round(height * self._dpi))
            canvas.setMinimumWidth(1)
            self.scroll_area.takeWidget()
            self.scroll_area.setWidget(canvas)
            self._stack.setCurrentWidget(self.scroll_area)
        else:
            canvas.setParent(self)
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            canvas.setMinimumHeight(120)
            self._stack.addWidget(canvas)
            self._stack.setCurrentWidget(canvas)
        if old is not None:
            if self.scroll_area is None:
                self._stack.removeWidget(old)
            old.deleteLater()
        canvas.draw()
        self._check_width()

    def _repaint_axes(self, axes: list[Any]) -> None:
        """Paint again only the horizontal bands of the given axes.

        Each axes owns the band from half-way to the axes above to half-way to the
        one below (its title, labels and ticks live there), so clearing a band and
        drawing its axes again leaves the rest of the picture as it was.
        """
        if not axes:
            return
        from matplotlib.patches import Rectangle
        from matplotlib.transforms import Bbox, IdentityTransform

        figure, canvas = self.figure, self.canvas
        renderer = canvas.get_renderer()
        stack = sorted(figure.axes, key=lambda a: -a.bbox.y1)  # top to bottom
        width = figure.bbox.width
        for ax in axes:
            i = stack.index(ax)
            top = figure.bbox.height if i == 0 else (stack[i - 1].bbox.y0 + ax.bbox.y1) / 2
            if i + 1 < len(stack):
                bottom = (ax.bbox.y0 + stack[i + 1].bbox.y1) / 2
            else:
                gap = (top - ax.bbox.y1) if i > 0 else ax.bbox.y0 / 2
                bottom = max(ax.bbox.y0 - gap, 0)
                for legend in figure.legends:
                    bottom = max(bottom, legend.get_window_extent(renderer).y1 + 1)
            band = Rectangle(
                (0, bottom),
                width,
                top - bottom,
                transform=IdentityTransform(),
                facecolor=figure.get_facecolor(),
                edgecolor="none",
            )
            band.set_figure(figure)
            band.draw(renderer)
            ax.draw(renderer)
            canvas.blit(Bbox.from_extents(0, bottom, width, top))
