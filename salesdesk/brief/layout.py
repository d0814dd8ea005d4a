"""How the brief's sections fall on pages: a short section kept whole, and the short
blocks that move up into the gap a long one would leave at the foot of a page.

The space left on a page is read through reportlab's public flowable protocol — a
frame offers every flowable the room it has left in `wrap(availWidth, availHeight)` —
by a probe of no size put before a block when it comes up, rather than from the
frame's private position (`_y`, `_y1p`, `_atTop`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any


def height_of(flowables: Sequence[Any], width: float, height: float) -> float:
    return float(sum(f.wrap(width, height)[1] for f in flowables))


@cache
def _block_class() -> type:
    from reportlab.platypus import KeepTogether

    class Block(KeepTogether):
        """KeepTogether that names its parts (reportlab keeps them private)."""

        def __init__(self, parts: list[Any]) -> None:
            super().__init__(parts)
            self.parts = parts

    return Block


def kept_whole(flowables: list[Any]) -> Any:
    """A section that moves whole to the next page when it does not fit on this one."""
    return _block_class()(flowables)


def _is_block(flowable: Any) -> bool:
    return isinstance(flowable, _block_class())


class GapFiller:
    """For a doc template: `filter` is called from its `filterFlowables`, `moved_on`
    from its `afterFlowable` and `handle_frameBegin`."""

    def __init__(self) -> None:
        self.room: tuple[float, float] | None = None  # width and height left, if fresh
        self.last_probe: Any = None

    def probe(self) -> Any:
        """A flowable of no size, space-transparent, that notes the room it is offered."""
        from reportlab.platypus import Flowable

        filler = self

        class Probe(Flowable):
            # Declared as reportlab's own zero-size flowables do: the frame offers it
            # what is left even when nothing is, and the space after the previous
            # flowable carries over to the next one, as if the probe were not there.
            _ZEROSIZE = True
            _SPACETRANSFER = True

            def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
                filler.room = (availWidth, availHeight)
                return 0, 0

            def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
                pass  # nothing to draw: not even a saved and restored graphics state

        self.last_probe = Probe()
        return self.last_probe

    def moved_on(self, flowable: Any = None) -> None:
        """Something was placed, or a new frame begun: the room noted is past."""
        if flowable is None or flowable is not self.last_probe:
            self.room = None

    def filter(self, frame: Any, flowables: list[Any]) -> None:
        """When the next block (a section kept whole) does not fit in what is left of the
        page, the short blocks after it that do fit move up into that space, so that the
        page does not end on a large gap."""
        if frame is None or not flowables or not _is_block(flowables[0]):
            return
        if self.room is None:
            flowables.insert(0, self.probe())  # measured first, then back here
            return
        width, space = self.room
        full = frame.height - frame.topPadding - frame.bottomPadding
        if space >= full - 1e-6:  # at the top of the frame: nothing to fill
            return
        first = flowables[0]
        if height_of(first.parts, width, full) <= space:
            return
        moved, i = 0, 1
        while i < len(flowables) and _is_block(flowables[i]):
            needed = height_of(flowables[i].parts, width, full) + 12
            if needed <= space:
                flowables.insert(moved, flowables.pop(i))
                moved += 1
                space -= needed
            i += 1
