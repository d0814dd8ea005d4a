"""The frontier of a worksheet computed off the GUI thread.

A 10-term worksheet with 100 values per term takes 50–200 ms to map (the frontier,
the deal zone, Nash); the rep's edit must not wait for it. The editor shows what can be
told at once (every per-term warning, the scores) and asks for the map here; when it
is ready, the editor shows the analysis again, the map then read from the domain's
cache. One computation at a time: a state asked for while one runs waits, and only
the latest one is computed.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QObject, QTimer, Signal

from salesdesk.domain.frontier import deal_map
from salesdesk.domain.terms import Term
from salesdesk.ui.background import Job

log = logging.getLogger(__name__)
Request = tuple[list[Term], Decimal | None, Decimal | None]


class FrontierWorker(QObject):
    ready = Signal()  # a map was computed: the editor shows the analysis again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: Job | None = None
        self._running = False
        self._wanted: Request | None = None
        self._computing: Request | None = None
        # Started once the edit has been shown: a thread started at once would share the
        # interpreter's lock with the rest of the edit (the warnings, the grids) and make
        # it wait for the map in slices of 5 ms.
        self._starter = QTimer(self)
        self._starter.setSingleShot(True)
        self._starter.setInterval(0)
        self._starter.timeout.connect(self._start)

    def request(
        self, terms: Sequence[Term], our_batna: Decimal | None, their_batna: Decimal | None
    ) -> None:
        asked = (list(terms), our_batna, their_batna)
        if asked == self._wanted or (self._running and asked == self._computing):
            return  # already asked (the worksheet's analysis and the rehearsal both ask)
        # A copy: the worker reads it while the rep goes on editing the sheet.
        self._wanted = (copy.deepcopy(list(terms)), our_batna, their_batna)
        if not self._running:
            self._starter.start()

    @property
    def pending(self) -> bool:
        return self._running or self._wanted is not None

    def wait(self, seconds: float | None = None) -> bool:
        """Whether the running computation (if any) has ended within `seconds`."""
        return self._job is None or self._job.wait(seconds)

    def _start(self) -> None:
        if self._running:
            return
        wanted, self._wanted = self._wanted, None
        if wanted is None:
            return
        self._computing = wanted
        terms, ours, theirs = wanted
        # Kept until the next one replaces it: its signals arrive after its thread ends.
        self._job = Job(lambda: deal_map(terms, ours, theirs), "frontier")
        self._job.done.connect(self._finished)
        self._job.failed.connect(self._failed)
        self._running = True
        self._job.start()

    def _finished(self, _found: object) -> None:
        self._running = False
        if self._wanted is not None:
            self._start()  # the rep changed the terms meanwhile: that state first
        else:
            self.ready.emit()

    def _failed(self, exc: object) -> None:
        # The editor checked the terms could be scored before asking: this is a bug.
        self._running = False
        log.error("the frontier could not be computed: %r", exc)
        if self._wanted is not None:
            self._start()
        if isinstance(exc, BaseException):
            raise exc
