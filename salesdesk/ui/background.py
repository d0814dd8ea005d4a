"""One piece of work on a Python thread, its outcome delivered to the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class Job(QObject):
    """Runs `work` once on its own thread. `done` carries its result and `failed` its
    exception; both arrive in the GUI thread (queued, as the job lives there)."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], object], name: str) -> None:
        super().__init__()
        self._work = work
        # Not a daemon: quitting waits for the work to end rather than cut it short.
        self._thread = threading.Thread(target=self._run, name=name)

    def start(self) -> None:
        self._thread.start()

    def wait(self, seconds: float | None = None) -> bool:
        """Whether the work has ended (within `seconds`)."""
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the GUI thread, which sorts it out
            self.failed.emit(exc)
        else:
            self.done.emit(result)
