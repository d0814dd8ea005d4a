"""The deal being edited: its sheet, the undo stack over it, and debounced saving.

Every edit is a command holding the sheet before and after, so undo and redo are
exact; the sheet is written to the database in one transaction a moment after the
last edit (and at once when the rep moves to another deal or quits).

A save states the version the edits started from. When someone else saved the deal
meanwhile, the save is refused; the rep's changes are then merged field by field onto
the newer version (theirs kept wherever the rep changed nothing), and the fields both
changed are put to the rep (`conflict`): nothing is written until they choose.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Collection
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.limits import edit_problem
from salesdesk.domain.merge import Clash, merge
from salesdesk.store import deal_load, deals
from salesdesk.store.engine import Database
from salesdesk.store.errors import Conflict, StoreError

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
        # Typing in one field, in one visit to it, merges into one undo step.
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SheetCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        # Typed and taken back in the same visit: no step is left to undo.
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        self.session.apply_step(self.after)

    def undo(self) -> None:
        self.session.apply_step(self.before)


class DealSession(QObject):
    """Holds the open deal; emits `changed` after every edit, undo or redo."""

    changed = Signal()
    saved = Signal(datetime)
    failed = Signal(str)
    # Someone else saved the deal meanwhile and changed some of the same fields: the
    # clashes (a list of domain.merge.Clash) await `resolve()`.
    conflict = Signal(object)
    # Someone else's newer version was merged with the rep's changes (their version).
    merged = Signal(int)

    def __init__(
        self, db: Database, today: Callable[[], date] = date.today, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.sheet: DealSheet | None = None
        # The sheet as last read or written: what the edits since started from.
        self._base: DealSheet | None = None
        # A newer version and the clashes with it, while the rep has not chosen.
        self._pending: tuple[DealSheet, list[Clash]] | None = None
        # One undo history per deal, kept while the app runs: going to another deal and
        # back keeps what can be undone there. The group follows the open deal's stack.
        self.undo_group = QUndoGroup(self)
        self._no_deal = QUndoStack(self)
        self.undo_group.addStack(self._no_deal)
        self.undo_group.setActiveStack(self._no_deal)
        self._stacks: dict[int, QUndoStack] = {}
        self._left_as: dict[int, DealSheet] = {}
        # Counts the rep's moves from field to field: edits of one field merge into one
        # undo step only within one visit to it, so Ctrl+Z never takes back more than
        # the last visit's typing (a title typed minutes earlier stays).
        self._visit = 0
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)

    # ------------------------------------------------------------ opening

    @property
    def undo_stack(self) -> QUndoStack:
        """The open deal's undo history (an empty one when no deal is open)."""
        stack = self.undo_group.activeStack()
        return stack if stack is not None else self._no_deal

    def open(self, deal_id: int) -> DealSheet:
        self._leave()
        self.sheet = deal_load.load_deal(self.db, deal_id)
        self._base = copy.deepcopy(self.sheet)
        self._pending = None
        stack = self._stacks.get(deal_id)
        if stack is None:
            stack = self._stacks[deal_id] = QUndoStack(self)
            self.undo_group.addStack(stack)
        elif self._left_as.get(deal_id) != self.sheet:
            stack.clear()  # changed elsewhere meanwhile: the old steps no longer apply
        self.undo_group.setActiveStack(stack)
        self.changed.emit()
        return self.sheet

    def close(self) -> None:
        self._leave()
        self.sheet = None
        self._base = None
        self._pending = None
        self.undo_group.setActiveStack(self._no_deal)
        self.changed.emit()

    def forget(self, deal_id: int) -> None:
        """Drop a deal's undo history (the deal was deleted)."""
        stack = self._stacks.pop(deal_id, None)
        self._left_as.pop(deal_id, None)
        if stack is not None:
            if self.undo_group.activeStack() is stack:
                self.undo_group.setActiveStack(self._no_deal)
            self.undo_group.removeStack(stack)
            stack.deleteLater()

    def _leave(self) -> None:
        saved = self.save_now()
        if self.sheet is not None and self.sheet.id is not None:
            if saved:
                self._left_as[self.sheet.id] = copy.deepcopy(self.sheet)
            else:
                self.forget(self.sheet.id)

    def reload_if_unchanged_here(self) -> bool:
        """Take the database's version after a change made elsewhere (the command line)."""
        if self.sheet is None or self.sheet.id is None or self._dirty:
            return False
        fresh = deal_load.load_deal(self.db, self.sheet.id)
        if fresh == self.sheet and fresh.version == self.sheet.version:
            return False
        self.sheet = fresh
        self._base = copy.deepcopy(fresh)
        self.undo_stack.clear()
        self.changed.emit()
        return True

    # ------------------------------------------------------------ editing

    def field_left(self, _old: object = None, _new: object = None) -> None:
        """The focus moved (QApplication.focusChanged): the next edit is a step of its own."""
        self._visit += 1

    def edit(
        self, text: str, change: Callable[[DealSheet], object], merge_key: str | None = None
    ) -> None:
        """Apply `change` to a copy of the sheet as one undoable step; consecutive edits
        with the same `merge_key` in one visit to a field make one step."""
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
        key = f"{merge_key}@{self._visit}" if merge_key else None
        self.undo_stack.push(SheetCommand(self, text, before, after, key))

    def apply_step(self, sheet: DealSheet) -> None:
        """Show `sheet` as the deal (an undo or redo step) and save it soon."""
        # Undo and redo move the content, never the version it was read at.
        version = self.sheet.version if self.sheet is not None else sheet.version
        self.sheet = copy.deepcopy(sheet)
        self.sheet.version = version
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
        if self._pending is not None:
            return False  # nothing is written until the rep has chosen
        for _attempt in range(3):
            written = copy.deepcopy(self.sheet)
            try:
                deals.save_deal(self.db, written, today=self.today())
            except Conflict:
                if not self._merge_newer():
                    return False
                continue
            except (StoreError, InputError) as exc:
                log.warning("save failed: %s", exc)
                self.failed.emit(str(exc))
                return False
            self.sheet.version = written.version
            self._base = copy.deepcopy(written)
            self._dirty = False
            self.saved.emit(datetime.now())
            return True
        return False

    def _merge_newer(self) -> bool:
        """Carry the rep's changes onto the newer version; False when some need a choice."""
        assert self.sheet is not None and self.sheet.id is not None and self._base is not None
        theirs = deal_load.load_deal(self.db, self.sheet.id)
        merged, clashes = merge(self._base, self.sheet, theirs)
        if clashes:
            log.info("deal %s: %d fields changed here and elsewhere", self.sheet.id, len(clashes))
            self._pending = (theirs, clashes)
            self.conflict.emit(clashes)
            return False
        self._take_merged(merged, theirs)
        self.merged.emit(theirs.version)
        return True

    def _take_merged(self, merged: DealSheet, theirs: DealSheet) -> None:
        merged.version = theirs.version
        self.sheet = merged
        self._base = copy.deepcopy(theirs)
        # The steps before the merge would bring back the older version: they go.
        self.undo_stack.clear()
        self.changed.emit()

    def resolve(self, mine: Collection[tuple[str | None, str | None, str]]) -> bool:
        """The rep's choice: the clashes whose keys are in `mine` take the rep's value,
        the others theirs; then the merged deal is saved."""
        if self._pending is None or self.sheet is None or self._base is None:
            return True
        theirs, _clashes = self._pending
        merged, _ = merge(self._base, self.sheet, theirs, mine)
        self._pending = None
        self._take_merged(merged, theirs)
        self._dirty = True
        return self.save_now()
