"""The negotiation dance in a widget: our score against their estimated score, the
frontier, both BATNAs, every offer by round and the Nash package.

Reusable wherever offers are shown: give it a deal's `Analysis` (`show_analysis`), or a
`Dance` built from any list of offers (`show_dance`, e.g. a rehearsal growing round by
round). The geometry is `brief.dance_geometry`, the one the brief prints; matplotlib
is imported when the chart is first drawn, never at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from salesdesk.i18n import language
from salesdesk.ui.chart_view import SCREEN_DPI, ChartView

if TYPE_CHECKING:
    from salesdesk.brief.dance_geometry import Dance
    from salesdesk.domain.analysis import Analysis


class DanceView(ChartView):
    """Shows the dance of the analysis or geometry given last; redrawn a moment later."""

    def __init__(self, empty_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self._figure, "", parent)
        self.set_empty_text(
            empty_text
            or self.tr(
                "The negotiation dance appears once both sides' scores can be told: "
                "weights and positions for us, and our estimates for them."
            )
        )
        self.setAccessibleName(self.tr("Negotiation dance"))
        self._analysis: Analysis | None = None
        self._dance: Dance | None = None
        self._given = False  # a geometry was given, not an analysis

    def show_analysis(self, analysis: Analysis | None) -> None:
        self._analysis, self._dance, self._given = analysis, None, False
        self.schedule()

    def show_dance(self, dance: Dance | None) -> None:
        self._analysis, self._dance, self._given = None, dance, True
        self.schedule()

    def dance(self) -> Dance | None:
        """The geometry shown (or to be shown)."""
        if self._given:
            return self._dance
        if self._analysis is None:
            return None
        from salesdesk.brief.dance_geometry import dance

        return dance(self._analysis)

    def _figure(self) -> Any:
        chart = self.dance()
        if chart is None:
            return None
        from salesdesk.brief.dance_figure import dance_figure

        return dance_figure(chart, language(), max(self.width(), 200) / SCREEN_DPI)
