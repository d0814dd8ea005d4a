"""The deal list answers on its own thread: each keystroke asked at once, an answer typed
over never shown, the count beside the rows it counts, pages read before they show."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.listing import DealQuery
from salesdesk.store import deal_list
from salesdesk.store import deals as store_deals
from tests.ui.conftest import TODAY


def _many(window, count: int) -> None:
    from benchmarks.fill import fill

    fill(window.workspace.db.location, count, 0)
    window.workspace.check_outside_changes()  # taken in now, not by the poll later


def test_typing_fast_never_shows_the_answer_to_letters_typed_over(window, qtbot):
    """A slow answer to "a" arrives after "aud" was typed: it is dropped, the list and
    the status bar show "aud"'s matches only, and the count is the list's."""
    _many(window, 300)
    source = window.model._source
    release = threading.Event()
    readers: list[int] = []

    def fetch(query, offset, limit):
        readers.append(threading.get_ident())
        if query.text == "a":
            release.wait(5)  # the database is slow on this one
        return source.fetch(query, offset, limit)

    window.model.set_source(source._replace(fetch=fetch))
    readers.clear()
    shown: list[str] = []
    window.model.modelReset.connect(lambda: shown.append(window.model.query.text))
    counts: list[str] = []
    window.statusBar().messageChanged.connect(counts.append)
    search = window.list_panel.search
    qtbot.keyClick(search, "a")
    qtbot.wait(50)  # "a" is being read
    qtbot.keyClicks(search, "ud")
    release.set()
    expected = deal_list.count_deals(window.workspace.db, DealQuery(text="aud"), TODAY)
    assert 0 < expected <= deal_list.COUNT_CAP

    qtbot.waitUntil(lambda: bool(counts) and counts[-1] == f"{expected} deals", timeout=5000)
    qtbot.wait(200)  # whatever was still on its way
    assert shown == ["aud"]  # neither "a" nor "au" ever showed
    assert counts[-1] == f"{expected} deals" and not any("More than" in c for c in counts)
    while window.model.canFetchMore():
        window.model.fetchMore()
    assert window.model.rowCount() == expected
    titles = [window.model.deal_at(r).title for r in range(expected)]
    found = deal_list.query_deals(window.workspace.db, DealQuery(text="aud"), TODAY, 0, expected)
    assert titles == [d.title for d in found]
    assert readers and threading.get_ident() not in readers  # the GUI thread never read


def test_each_keystroke_is_asked_at_once_not_after_a_pause_in_the_typing(window, qtbot):
    """The list's thread reads a letter's matches while the rep types the next."""
    _many(window, 50)
    source = window.model._source
    asked = threading.Event()
    texts: list[str] = []

    def fetch(query, offset, limit):
        texts.append(query.text)
        asked.set()
        return source.fetch(query, offset, limit)

    window.model.set_source(source._replace(fetch=fetch))
    texts.clear()
    search = window.list_panel.search
    for letter in "cloud":
        asked.clear()
        qtbot.keyClick(search, letter)
        # No event loop turn here (no timer can fire): the thread was asked at the key.
        assert asked.wait(3), f"{search.text()!r} was not asked at its keystroke"
        qtbot.waitUntil(lambda: window.model.query.text == search.text(), timeout=3000)
    assert texts == ["c", "cl", "clo", "clou", "cloud"]
    count = deal_list.count_deals(window.workspace.db, DealQuery(text="cloud"), TODAY)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"{count} deals", timeout=3000)


def test_a_filter_picked_while_a_search_is_read_shows_both(window, qtbot):
    """The rep types, then ticks "Overdue" before the answer came: the list shows the
    search and the filter together, and the count is theirs."""
    _many(window, 200)
    panel = window.list_panel
    qtbot.keyClicks(panel.search, "au")
    panel.overdue.setChecked(True)
    query = DealQuery(text="au", overdue_only=True)
    expected = deal_list.count_deals(window.workspace.db, query, TODAY)
    qtbot.waitUntil(lambda: window.model.query == query, timeout=3000)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == f"{expected} deals", timeout=3000
    )
    assert window.model.rowCount() == expected


def test_the_pages_either_side_of_the_one_shown_are_read_before_the_rep_scrolls(
    window, qtbot, monkeypatch
):
    """Scrolling up or down from the middle of a page finds its rows at hand."""
    from salesdesk.ui.models import deals

    monkeypatch.setattr(deals, "PAGE", 60)
    for i in range(5 * 60):
        store_deals.save_deal(window.workspace.db, DealSheet(f"Deal {i:04d}", "Acme"), today=TODAY)
    window.workspace.check_outside_changes()
    window.resize(1280, 720)
    window.model.sort(deals.COL_TITLE, Qt.SortOrder.AscendingOrder)
    window.model.fetchMore()
    table = window.list_panel.table
    pages = window.model._pages
    table.scrollTo(window.model.index(2 * 60 + 30, 0), table.ScrollHint.PositionAtCenter)
    table.viewport().repaint()
    qtbot.waitUntil(lambda: {1, 2, 3} <= set(pages), timeout=3000)
    # The rep reads the middle of the next page, at hand: the one after it is read now.
    table.scrollTo(window.model.index(3 * 60 + 30, 0), table.ScrollHint.PositionAtCenter)
    table.viewport().repaint()
    qtbot.waitUntil(lambda: 4 in pages, timeout=3000)
    bar = table.verticalScrollBar()
    for step in (2 * bar.pageStep(), -4 * bar.pageStep()):
        bar.setValue(bar.value() + step)
        table.viewport().repaint()
        top, bottom = table.rowAt(0), table.rowAt(table.viewport().height() - 1)
        assert all(window.model.cell(r, deals.COL_TITLE) is not None for r in range(top, bottom))


def test_the_selected_row_is_painted_highlighted_and_the_others_not(window):
    from PySide6.QtGui import QPalette

    from salesdesk.ui.models.deals import COL_STAGE

    table = window.list_panel.table
    table.selectRow(1)
    image = table.viewport().grab().toImage()
    palette = table.palette()
    highlights = {
        palette.color(group, QPalette.ColorRole.Highlight).rgb()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
    }

    def background(row: int) -> int:
        rect = table.visualRect(window.model.index(row, COL_STAGE))
        return image.pixelColor(rect.left() + 1, rect.top() + 1).rgb()

    assert background(1) in highlights
    assert background(0) not in highlights and background(2) not in highlights


def _wide_list(window):
    """The list with every column in sight (the value is right-aligned, the next contact
    in the overdue colour) and a row selected."""
    window.resize(1800, 800)
    window.list_panel.table.selectRow(1)
    return window.list_panel.table.viewport()


def test_a_row_painted_again_looks_as_it_did_the_first_time(window):
    """A cell's text is drawn at once the first time it shows and laid out to be kept when
    it shows again: both ways paint the same pixels, so nothing moves on a repaint."""
    viewport = _wide_list(window)
    window.list_panel.delegate.forget_texts()
    first = viewport.grab().toImage()  # every text new
    again = viewport.grab().toImage()  # every text kept from the first paint
    assert first == again
    title = window.list_panel.table.visualRect(window.model.index(0, 0))
    assert any(  # and text was painted: some of the title's pixels are dark
        first.pixelColor(x, y).lightness() < 100
        for x in range(title.left(), title.right())
        for y in range(title.top(), title.bottom())
    )


def test_the_list_takes_a_new_palette_at_once(window, qapp):
    """The rep's desktop turns to another theme: the rows are painted in its colours."""
    from PySide6.QtGui import QColor, QPalette

    from salesdesk.ui.models.deals import COL_TITLE

    viewport = _wide_list(window)
    viewport.grab()  # painted once in the usual colours (which are then kept)
    before = qapp.palette()
    green = QPalette(before)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        green.setColor(group, QPalette.ColorRole.Text, QColor("#00c000"))
    qapp.setPalette(green)
    try:
        qapp.processEvents()  # the widgets take the new palette
        image = viewport.grab().toImage()
    finally:
        qapp.setPalette(before)
    title = window.list_panel.table.visualRect(window.model.index(0, COL_TITLE))
    colours = {
        image.pixelColor(x, y).name()
        for x in range(title.left(), title.right())
        for y in range(title.top(), title.bottom())
    }
    assert "#00c000" in colours
