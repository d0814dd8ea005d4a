"""The deal list: a virtual table model that asks the database for what is shown.

A new query fetches its first page only, so typing in the search box costs one page.
Once the view wants more (`fetchMore`, at the end of that page), the database counts
the matches and the model spans them all; pages are then fetched as they are shown
and the last few dozen kept. Filtering and sorting are the database's, so 100,000
deals cost what one screen of them costs, wherever the rep scrolls or jumps.

With `fetch_in_background`, the database is read on one thread of the model's own:
the pages around the rows on screen are read before the rep scrolls to them, and a
search (`search`) is asked there at each keystroke, its first page then its count;
the answer to a query typed over since is dropped, never shown.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from salesdesk.domain.dates import format_date
from salesdesk.domain.listing import DealQuery, DealSummary, SortKey
from salesdesk.domain.stages import STAGE_LABELS, STATUS_LABELS
from salesdesk.i18n import _, language

COL_TITLE, COL_ACCOUNT, COL_STAGE, COL_PHASE, COL_STATUS, COL_VALUE, COL_NEXT, COL_OWNER = range(8)
SORT_KEYS = (
    SortKey.TITLE,
    SortKey.ACCOUNT,
    SortKey.STAGE,
    SortKey.PHASE,
    SortKey.STATUS,
    SortKey.VALUE,
    SortKey.NEXT_CONTACT,
    SortKey.OWNER,
)
log = logging.getLogger(__name__)
PAGE = 200
CACHED_PAGES = 25  # 5,000 rows at most in memory; others are asked again when shown

Index = QModelIndex | QPersistentModelIndex


def overdue_colour() -> QColor:
    """An overdue contact's colour, readable in light and dark palettes alike."""
    dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b00020")


class DealSource(NamedTuple):
    """What the model asks the database."""

    fetch: Callable[[DealQuery, int, int], list[DealSummary]]  # (query, offset, limit)
    count: Callable[[DealQuery], int]
    locate: Callable[[DealQuery, int], int | None]  # a deal's row (0 first), if listed
    # The status bar's count of a search's matches, which may stop past a cap (then it
    # says "more than"); None: `count`.
    shown_count: Callable[[DealQuery], int] | None = None


SEARCHED = -1  # what a search's first page is told as, in place of a page number
COUNTED = -2  # and its count

# A reading for the fetching thread: (what, result) pairs, each told as it comes.
Reading = Callable[[], Iterable[tuple[int, object]]]


class PageFetcher(QObject):
    """Reads the list on one thread of its own: a search first (the latest only), then
    the pages, the one asked last first (the one on screen while the rep scrolls).
    `fetched` arrives in the GUI thread: generation, what (a page number, SEARCHED or
    COUNTED), and the rows or the count (None: reading failed)."""

    fetched = Signal(int, int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted: list[tuple[int, int, Reading]] = []
        self._search: tuple[int, int, Reading] | None = None
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def request(self, generation: int, number: int, read: Callable[[], list[DealSummary]]) -> None:
        def page() -> Iterator[tuple[int, object]]:
            yield number, read()

        self._put(lambda: self._wanted.append((generation, number, page)))

    def request_search(self, generation: int, read: Reading) -> None:
        """Read a search's answer before any page; a search asked before and not yet
        begun is dropped, and one under way stops before its count."""

        def put() -> None:
            self._search = (generation, SEARCHED, read)

        self._put(put)

    def _put(self, put: Callable[[], None]) -> None:
        with self._ready:
            put()
            self._ready.notify()
        if self._thread is None:
            # A daemon: it only reads, and a quit need not wait for a page nobody will see.
            self._thread = threading.Thread(target=self._run, name="deal list pages", daemon=True)
            self._thread.start()

    def forget(self) -> None:
        """What was asked so far is no longer wanted (a new query)."""
        with self._ready:
            self._wanted.clear()
            self._search = None

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._wanted and self._search is None:
                    self._ready.wait()
                if self._search is not None:
                    (generation, what, read), self._search = self._search, None
                else:
                    generation, what, read = self._wanted.pop()
            steps: Iterator[tuple[int, object]] = iter(read())
            while True:
                try:
                    what, found = next(steps)
                except StopIteration:
                    break
                except Exception:  # the GUI thread asks again, synchronously, and sees the error
                    log.exception("reading the deal list")
                    self.fetched.emit(generation, what, None)
                    break
                self.fetched.emit(generation, what, found)
                what = COUNTED  # a search's count comes after its page
                if self._search is not None:
                    break  # typed over: the rest of this answer would not be shown


class DealListModel(QAbstractTableModel):
    """The deals a `DealSource` lists; `set_query` asks again from the start.

    With `fetch_in_background`, a page not yet read is asked of a thread and its rows
    show a moment later: scrolling never waits on the database. (`deal_at` still reads
    at once: a selection needs its row.)"""

    # A search's rows are shown (the model was reset to them).
    answered = Signal()
    # Its count for the status bar, as `DealSource.shown_count` gives it.
    counted = Signal(int)

    def __init__(self, parent: QObject | None = None, fetch_in_background: bool = False) -> None:
        super().__init__(parent)
        self._source: DealSource | None = None
        self._generation = 0  # of the rows shown; a query asked since has a later one
        self._asked_last = 0  # the latest generation given out
        self._searching: tuple[int, DealQuery] | None = None  # asked, not yet shown
        self._asked: set[int] = set()
        self._shown_page, self._heading = 0, 1  # the page painted last, the way scrolled
        self._fetcher: PageFetcher | None = None
        if fetch_in_background:
            self._fetcher = PageFetcher(self)
            self._fetcher.fetched.connect(self._page_fetched)
        self.query = DealQuery()
        self._pages: OrderedDict[int, list[DealSummary]] = OrderedDict()
        self._total = 0  # rows the model spans
        self._complete = True  # False: the query has more rows than `_total`
        self._headers = [
            self.tr("Title"),
            self.tr("Account"),
            self.tr("Stage"),
            self.tr("Phase"),
            self.tr("Status"),
            self.tr("Value"),
            self.tr("Next contact"),
            self.tr("Owner"),
        ]

    # ------------------------------------------------------------ loading

    def show_first_page(self, rows: list[DealSummary]) -> None:
        """Rows read before the database is open (`store.first_page`): shown until
        `set_source` reads them again, and nothing more is asked meanwhile."""
        if self._source is not None:
            return
        self.beginResetModel()
        self._pages.clear()
        self._pages[0] = rows
        self._total, self._complete = len(rows), True
        self.endResetModel()

    def set_source(self, source: DealSource) -> None:
        self._source = source
        self.reload()
        # The app's long-lived objects (modules, widgets, the first page) are set aside
        # from the garbage collector: a full collection while the rep scrolls then walks
        # the pages read since (a few ms), not everything imported (60 ms, a stalled frame).
        gc.freeze()

    def set_query(self, query: DealQuery) -> None:
        self.query = query
        self.reload()

    @property
    def wanted(self) -> DealQuery:
        """The query last asked for: the rows shown, or a search not yet answered."""
        return self._searching[1] if self._searching is not None else self.query

    def search(self, query: DealQuery) -> None:
        """Show `query`'s rows once read on the fetching thread (`answered`), then its
        count (`counted`); the rows shown meanwhile stay. A query asked after it, here or
        by `set_query`, drops its answer. Without a fetching thread: at once."""
        if self._fetcher is None or self._source is None:
            self.set_query(query)
            self.answered.emit()
            count = self._source.shown_count or self._source.count if self._source else None
            if count is not None:
                self.counted.emit(count(query))
            return
        self._asked_last += 1
        self._searching = (self._asked_last, query)
        source = self._source

        def read() -> Iterator[tuple[int, object]]:
            rows = source.fetch(query, 0, PAGE)
            yield SEARCHED, rows
            if len(rows) < PAGE:
                yield COUNTED, len(rows)  # all there: nothing more to count
            else:
                yield COUNTED, (source.shown_count or source.count)(query)

        self._fetcher.request_search(self._asked_last, read)

    def _searched(self, generation: int, rows: object) -> None:
        if self._searching is None or self._searching[0] != generation:
            return  # typed over, or the list was read again since
        query = self._searching[1]
        if not isinstance(rows, list):  # reading failed: again here, where the error shows
            self.set_query(query)
            return
        self.beginResetModel()
        self.query, self._searching = query, None
        self._generation = generation
        self._asked.clear()
        self._pages.clear()
        self._pages[0] = rows
        self._total, self._complete = len(rows), len(rows) < PAGE
        self.endResetModel()
        self.answered.emit()

    def reload(self, keep: bool = False) -> None:
        """Ask the database again. `keep` (after a save): span as many rows as before and
        fetch again the pages last shown, so the view stays where it was."""
        spanned = keep and self._total > PAGE and self._complete
        recent = list(self._pages)[-3:] if keep else []
        if self._searching is not None:  # the search asked last is read now instead
            self.query, self._searching = self._searching[1], None
        self.beginResetModel()
        self._asked_last += 1
        self._generation = self._asked_last
        self._asked.clear()
        if self._fetcher is not None:
            self._fetcher.forget()
        self._pages.clear()
        self._total, self._complete = 0, True
        if self._source is not None:
            first = self._source.fetch(self.query, 0, PAGE)
            self._pages[0] = first
            self._total, self._complete = len(first), len(first) < PAGE
            if spanned and not self._complete:
                self._total, self._complete = self._source.count(self.query), True
            for number in recent:
                if 0 < number * PAGE < self._total:
                    self._page(number)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid() and not self._complete and self._source is not None:
            self.set_count(self._source.count(self.query))

    def known_count(self) -> int | None:
        """The query's number of rows, when the model already spans them all."""
        return self._total if self._complete else None

    def set_count(self, total: int) -> None:
        """The query's count (asked here or elsewhere): span every match, so the scroll
        bar tells the list's true length."""
        if self._complete:
            return
        self._complete = True
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()

    def _page(self, number: int) -> list[DealSummary]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        if self._source is None:
            return []
        page = self._pages[number] = self._source.fetch(self.query, number * PAGE, PAGE)
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)  # the least recently shown
        return page

    def _page_fetched(self, generation: int, number: int, rows: object) -> None:
        if number == SEARCHED:
            self._searched(generation, rows)
            return
        if number == COUNTED:
            if generation == self._generation and isinstance(rows, int):
                self.counted.emit(rows)
            return
        if generation != self._generation:
            return
        self._asked.discard(number)
        if not isinstance(rows, list):
            return
        if number not in self._pages:
            self._pages[number] = rows
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        first, last = number * PAGE, min((number + 1) * PAGE, self._total) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _shown_row(self, row: int) -> DealSummary | None:
        """The row for painting: at hand, or asked of the fetching thread (None till then)."""
        if self._fetcher is None or self._source is None:
            return self.deal_at(row)
        if not 0 <= row < self._total:
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            # The pages either side first: the one on screen is asked last, so read first.
            self._ask(number - 1)
            self._ask(number + 1)
            self._ask(number)
            return None
        self._pages.move_to_end(number)
        if number != self._shown_page:
            self._heading = 1 if number > self._shown_page else -1
            self._shown_page = number
        # The pages either side are read while this one shows, and the next but one the
        # way the rep scrolls: a page scrolled to is at hand before it shows (a frame
        # never paints empty cells while the rep scrolls a page at a time).
        self._ask(number - self._heading)
        self._ask(number + 2 * self._heading)
        self._ask(number + self._heading)  # asked last: read first
        within = row % PAGE
        return page[within] if within < len(page) else None

    def _ask(self, number: int) -> None:
        """Have the fetching thread read page `number`, unless it is at hand or asked."""
        if (
            self._fetcher is None
            or self._source is None
            or not 0 <= number * PAGE < self._total
            or number in self._pages
            or number in self._asked
        ):
            return
        self._asked.add(number)
        source, query = self._source, self.query
        self._fetcher.request(
            self._generation, number, lambda: source.fetch(query, number * PAGE, PAGE)
        )

    def cell(self, row: int, col: int) -> tuple[str, bool, bool] | None:
        """What the list paints in a cell: text, right-aligned, overdue (in the warning
        colour); None while its page is being read. One call per cell, for the delegate."""
        deal = self._shown_row(row)
        if deal is None:
            return None
        return (
            self._display(deal, col),
            col in (COL_PHASE, COL_VALUE),
            col == COL_NEXT and deal.overdue,
        )

    def row_of(self, deal_id: int) -> int | None:
        """The deal's row among the rows already fetched."""
        for number, page in self._pages.items():
            for i, row in enumerate(page):
                if row.id == deal_id:
                    return number * PAGE + i
        return None

    def locate(self, deal_id: int) -> int | None:
        """The deal's row in the whole list, asking the database when it is not at hand."""
        row = self.row_of(deal_id)
        if row is not None or self._source is None:
            return row
        row = self._source.locate(self.query, deal_id)
        if row is not None and row >= self._total:
            self.fetchMore()
        return row if row is not None and row < self._total else None

    def deal_at(self, row: int) -> DealSummary | None:
        if not 0 <= row < self._total:
            return None
        page = self._page(row // PAGE)
        return page[row % PAGE] if row % PAGE < len(page) else None

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(SORT_KEYS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.set_query(replace(self.wanted, sort=SORT_KEYS[column], descending=descending))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._shown_row(index.row()) if index.isValid() else None
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == 0:
                return "…"  # being read; shown a moment later
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_PHASE, COL_VALUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE and row.sample:
            return self.tr("A sample deal to try the app on: delete it once you no longer need it.")
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NEXT and row.overdue:
            return self.tr("Contact overdue")
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_NEXT and row.overdue:
            return overdue_colour()
        return None

    @staticmethod
    def _display(row: DealSummary, col: int) -> str:
        lang = language()
        if col == COL_TITLE:
            return _("{title} (sample)").format(title=row.title) if row.sample else row.title
        if col == COL_ACCOUNT:
            return row.account
        if col == COL_STAGE:
            return _(STAGE_LABELS[row.stage])
        if col == COL_PHASE:
            return str(row.phase)
        if col == COL_STATUS:
            return _(STATUS_LABELS[row.status])
        if col == COL_VALUE:
            # Imported on first use: the money module is not needed to show the window.
            from salesdesk.domain.money import format_money

            return "" if row.value is None else format_money(row.value, row.currency, lang)
        if col == COL_OWNER:
            return row.owner
        text = format_date(row.next_contact_due, lang)
        return f"{text} ⚠" if row.overdue else text
