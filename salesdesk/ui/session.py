"""The deal being edited: its sheet, the undo stack over it, and debounced saving.

Every edit is a command holding the sheet before and after, so undo and redo are
exact; the sheet is written to the database in one transaction a moment after the
last edit (and at once when the rep moves to another deal or quits).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.limits import edit_problem
from salesdesk.store import repository as repo
from salesdesk.store.engine import Database
from salesdesk.store.errors import StoreError

log = logging.getLogger(__name__)
SAVE_DELAY_MS = 400


class SheetCommand(QUndoCommand):
    def __init__(
        self,
        session: DealSession,
        text: str,
        before: DealSheet,
        after: DealSheet,
        merge_key: str | None,
    ) -> None:
        super().__init__(text)
        self.session = session
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        # Typing in one field merges into one undo step.
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SheetCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.session._apply(self.after)

    def undo(self) -> None:
        self.session._apply(self.before)


class DealSession(QObject):
    """Holds the open deal; emits `changed` after every edit, undo or redo."""

    changed = Signal()
    saved = Signal(datetime)
    failed = Signal(str)

    def __init__(
        self, db: Database, today: Callable[[], date] = date.today, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.sheet: DealSheet | None = None
        self.undo_stack = QUndoStack(self)
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)

    # ------------------------------------------------------------ opening

    def open(self, deal_id: int) -> DealSheet:
        self.save_now()
        self.sheet = repo.load_deal(self.db, deal_id)
        self.undo_stack.clear()
        self.changed.emit()
        return self.sheet

    def close(self) -> None:
        self.save_now()
        self.sheet = None
        self.undo_stack.clear()
        self.changed.emit()

    def reload_if_unchanged_here(self) -> bool:
        """Take the database's version after a change made elsewhere (the command line)."""
        if self.sheet is None or self.sheet.id is None or self._dirty:
            return False
        fresh = repo.load_deal(self.db, self.sheet.id)
        if fresh == self.sheet:
            return False
        self.sheet = fresh
        self.undo_stack.clear()
        self.changed.emit()
        return True

    # ------------------------------------------------------------ editing

    def edit(
        self, text: str, change: Callable[[DealSheet], object], merge_key: str | None = None
    ) -> None:
        """Apply `change` to a copy of the sheet as one undoable step."""
        if self.sheet is None:
            return
        before = copy.deepcopy(self.sheet)
        after = copy.deepcopy(self.sheet)
        change(after)
        if after == before:
            return
        problem = edit_problem(before, after)
        if problem is not None:
            # Refused with the field named, as every other entrance does.
            self.failed.emit(problem)
            self.changed.emit()  # the fields show the sheet as it still is
            return
        self.undo_stack.push(SheetCommand(self, text, before, after, merge_key))

    def _apply(self, sheet: DealSheet) -> None:
        self.sheet = copy.deepcopy(sheet)
        self._dirty = True
        self._timer.start()
        self.changed.emit()

    # ------------------------------------------------------------ saving

    @property
    def dirty(self) -> bool:
        return self._dirty

    def save_now(self) -> bool:
        self._timer.stop()
        if not self._dirty or self.sheet is None:
            return True
        try:
            repo.save_deal(self.db, copy.deepcopy(self.sheet), today=self.today())
        except StoreError as exc:
            log.warning("save failed: %s", exc)
            self.failed.emit(str(exc))
            return False
        self._dirty = False
        self.saved.emit(datetime.now())
        return True
