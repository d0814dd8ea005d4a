"""One piece of work on a Python thread, its outcome delivered to the GUI thread."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

# The niceness of a job the rep does not wait for (Linux: 19 is the lowest priority).
BACKGROUND_NICENESS = 19


def yield_processor() -> None:
    """Lower the calling thread's priority below the window's, for good: on a busy
    machine the window's thread (and the list's) get the processor first, and this work
    takes what is left. Linux only, where a thread has a niceness of its own; elsewhere
    nothing changes."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):  # a sandbox may refuse; the work runs anyway
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)


class Job(QObject):
    """Runs `work` once on its own thread. `done` carries its result and `failed` its
    exception; both arrive in the GUI thread (queued, as the job lives there).

    `background`: nobody waits for it (the start-up backup), so its thread yields the
    processor to the window's (`yield_processor`)."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], object], name: str, *, background: bool = False) -> None:
        super().__init__()
        self._work = work
        self._background = background
        # Not a daemon: quitting waits for the work to end rather than cut it short.
        self._thread = threading.Thread(target=self._run, name=name)

    def start(self) -> None:
        self._thread.start()

    def wait(self, seconds: float | None = None) -> bool:
        """Whether the work has ended (within `seconds`)."""
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _run(self) -> None:
        if self._background:
            yield_processor()
        try:
            result = self._work()
        except Exception as exc:  # handed to the GUI thread, which sorts it out
            self.failed.emit(exc)
        else:
            self.done.emit(result)
