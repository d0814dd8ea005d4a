"""A chart shows its data as soon as there is some, and its placeholder only when not."""

import itertools
import os
from decimal import Decimal as D
from pathlib import Path

import pytest
from matplotlib.text import Text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.terms import Direction, Term
from salesdesk.store import deal_load, deals
from salesdesk.ui.models import terms as cols
from tests.ui.conftest import TODAY, deal_ids


def showing_chart(chart) -> bool:
    """The rep sees the chart, not its placeholder."""
    return (
        chart.figure is not None
        and chart.canvas is not None
        and chart.canvas.isVisible()
        and not chart.empty.isVisible()
    )


def test_the_range_chart_follows_the_data_through_edits_undo_and_tab_changes(window, qtbot):
    window.new_deal()
    tab = window.editor.worksheet
    window.editor.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.chart.pending)
    assert not showing_chart(tab.chart)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    QApplication.focusWidget().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "Price")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    tab.model.setData(tab.model.index(0, cols.FIRST_POSITION), "120")  # as the cell's Enter
    qtbot.waitUntil(lambda: not tab.chart.pending)
    assert not showing_chart(tab.chart)  # one position: the placeholder
    tab.model.setData(tab.model.index(0, cols.FIRST_POSITION + 1), "110")
    qtbot.waitUntil(lambda: showing_chart(tab.chart))  # two positions: the chart
    window.editor.setCurrentWidget(window.editor.ledger)
    window.editor.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: showing_chart(tab.chart))
    window.acts.undo.trigger()
    qtbot.waitUntil(lambda: not tab.chart.pending)
    assert not showing_chart(tab.chart)
    window.acts.redo.trigger()
    qtbot.waitUntil(lambda: showing_chart(tab.chart))


def test_every_chart_shows_its_data_when_its_deal_is_opened_from_today(window, qtbot):
    editor = window.editor
    for title in ("Renouvellement cartons 2027", "Fleet telematics roll-out, 240 vehicles"):
        for name in ("worksheet", "ledger"):
            window.show_today()
            window.open_deal(deal_ids(window)[title])
            chart = getattr(editor, name).chart
            editor.setCurrentWidget(getattr(editor, name))
            qtbot.waitUntil(lambda chart=chart: showing_chart(chart), timeout=5000)


def test_the_placeholder_never_shows_while_a_deals_chart_is_still_being_drawn(window, qtbot):
    """Its first drawing takes a second (matplotlib is imported then): the placeholder,
    which says there is nothing to chart, showed meanwhile although the data was there."""
    editor = window.editor
    ids = deal_ids(window)
    window.new_deal()  # nothing to chart: the placeholder, once the data says so
    for name in ("worksheet", "ledger", "offers"):
        tab = getattr(editor, name)
        editor.setCurrentWidget(tab)
        assert not tab.chart.empty.isVisible()
        qtbot.waitUntil(lambda tab=tab: not tab.chart.pending)
        assert tab.chart.empty.isVisible() and not showing_chart(tab.chart)
    for open_from in ("today", "list"):
        editor.setCurrentWidget(editor.overview)
        window.new_deal()
        if open_from == "today":
            window.show_today()
            window.open_deal(ids["Renouvellement cartons 2027"])
        else:
            window.list_panel.select(ids["Renouvellement cartons 2027"])
        for name in ("worksheet", "ledger", "offers"):
            tab = getattr(editor, name)
            editor.setCurrentWidget(tab)
            assert not tab.chart.empty.isVisible(), (open_from, name)
            qtbot.waitUntil(lambda tab=tab: showing_chart(tab.chart), timeout=5000)
            assert not tab.chart.empty.isVisible()
    # Switching deals while the chart shows: from the chart to the placeholder and back.
    editor.setCurrentWidget(editor.worksheet)
    chart = editor.worksheet.chart
    window.list_panel.select(ids["Audit énergétique des bâtiments"])
    qtbot.waitUntil(lambda: showing_chart(chart) and not chart.pending, timeout=5000)
    window.new_deal()
    editor.setCurrentWidget(editor.worksheet)
    qtbot.waitUntil(lambda: chart.empty.isVisible() and not chart.pending, timeout=5000)
    window.list_panel.select(ids["Fleet telematics roll-out, 240 vehicles"])
    qtbot.waitUntil(lambda: showing_chart(chart) and not chart.pending, timeout=5000)
    # Changed outside the window (another connection, as an import or a sync writes):
    # the chart shows the new value once the window has taken the change in.
    from salesdesk.store.engine import open_database

    other = open_database(str(window.workspace.db.path))
    try:
        sheet = deal_load.load_deal(other, ids["Fleet telematics roll-out, 240 vehicles"])
        sheet.terms[0].target = D("777")
        deals.save_deal(other, sheet, today=TODAY)
    finally:
        other.close()
    assert window.workspace.check_outside_changes()
    qtbot.waitUntil(lambda: not chart.pending, timeout=5000)
    assert showing_chart(chart)
    texts = {t.get_text() for ax in chart.figure.axes for t in ax.texts}
    assert "777.00" in texts  # the price's new target, written as money


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [None, (1280, 720)])
def test_the_ledger_chart_keeps_its_axis_labels_inside_at_every_window_size(
    qtbot, tmp_path, lang, size
):
    from salesdesk.i18n import set_language
    from salesdesk.ui.main_window import MainWindow

    set_language(lang)
    try:
        window = MainWindow(today=lambda: TODAY)
        qtbot.addWidget(window)
        window.show()
        if size is not None:
            window.resize(*size)
        assert window.open_database(str(tmp_path / "app.db"))
        window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
        editor = window.editor
        for name in ("ledger", "worksheet"):
            tab = getattr(editor, name)
            editor.setCurrentWidget(tab)
            qtbot.waitUntil(lambda tab=tab: showing_chart(tab.chart), timeout=5000)
            qtbot.wait(50)
            figure, canvas = tab.chart.figure, tab.chart.canvas
            canvas.draw()
            # The figure as shown: the canvas's size on screen, not the size it was built at.
            shown = figure.get_size_inches() * figure.dpi
            assert abs(shown[1] - canvas.height() * canvas.device_pixel_ratio) <= 2
            renderer = canvas.get_renderer()
            whole = figure.bbox
            for ax in figure.axes:
                for text in (ax.xaxis.label, *ax.get_xticklabels()):
                    if not text.get_text() or not text.get_visible():
                        continue
                    box = text.get_window_extent(renderer)
                    assert whole.y0 - 0.5 <= box.y0 and box.y1 <= whole.y1 + 0.5, (
                        name,
                        text.get_text(),
                    )
                    assert whole.x0 - 0.5 <= box.x0 and box.x1 <= whole.x1 + 0.5
            if name == "ledger":
                assert figure.axes[0].xaxis.label.get_text() == (
                    "round" if lang == "en" else "tour"
                )
            if os.environ.get("SALESDESK_SHOTS"):  # to look at: SALESDESK_SHOTS=folder
                shot = Path(os.environ["SALESDESK_SHOTS"]) / f"{name}-{lang}-{size}.png"
                window.grab().save(str(shot))
        window.close()
    finally:
        set_language("en")


def _terms(count: int) -> list[Term]:
    """Terms with wide numbers ("300,000"), a market range and labels in two lanes."""
    terms = []
    for i in range(count):
        big = D(300_000 + 25_000 * i)
        terms.append(
            Term(
                f"Annual licence fee, tier {i + 1}" if i % 2 == 0 else f"Payment days {i + 1}",
                "EUR" if i % 2 == 0 else "days",
                Direction.HIGHER_IS_BETTER if i % 2 == 0 else Direction.LOWER_IS_BETTER,
                opening=big if i % 2 == 0 else D(30 + i),
                target=big - 20_000 if i % 2 == 0 else D(45 + i),
                walk_away=big - 60_000 if i % 2 == 0 else D(60 + i),
                their_opening=big - 120_000 if i % 2 == 0 else D(90 + i),
                their_target=big - 70_000 if i % 2 == 0 else D(60 + i),
                their_walk_away=big - 40_000 if i % 2 == 0 else D(50 + i),
                market_low=big - 90_000 if i % 2 == 0 else None,
                market_typical=big - 50_000 if i % 2 == 0 else None,
                market_high=big - 10_000 if i % 2 == 0 else None,
            )
        )
    return terms


def _shown(texts, renderer) -> list:
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text()]


def _rows(figure, renderer) -> list[tuple[list, list]]:
    """(every text the rep reads, its tick labels) row by row from the top, then the
    legend's."""
    rows = []
    for ax in sorted(figure.axes, key=lambda a: -a.bbox.y1):
        ticks = _shown([t for t in ax.get_xticklabels() if t.get_visible()], renderer)
        # Its title (at the left), the positions' labels, "ZOPA".
        texts = [c for c in ax.get_children() if isinstance(c, Text) and c.get_visible()]
        rows.append((_shown(texts, renderer) + ticks, ticks))
    rows.append(([("legend", legend.get_window_extent(renderer)) for legend in figure.legends], []))
    return rows


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("count", [1, 3, 8])
def test_the_range_chart_keeps_every_row_readable_and_apart_at_every_window_size(
    qtbot, tmp_path, lang, count
):
    from salesdesk.i18n import set_language
    from salesdesk.ui.main_window import MainWindow

    set_language(lang)
    try:
        window = MainWindow(today=lambda: TODAY)
        qtbot.addWidget(window)
        window.show()
        assert window.open_database(str(tmp_path / "app.db"))
        deal_id = deals.save_deal(
            window.workspace.db, DealSheet("Ranges", "Account", terms=_terms(count)), today=TODAY
        )
        window.refresh_lists()
        window.open_deal(deal_id)
        tab = window.editor.worksheet
        window.editor.setCurrentWidget(tab)
        chart = tab.chart
        # 1280×720, the smallest window, and the chart's pane at its narrowest and widest.
        for size, chart_share in (
            ((1280, 720), None),
            ((1, 1), None),
            ((1280, 720), 0.0),
            ((1920, 1080), 1.0),
        ):
            window.resize(*size)
            if chart_share is not None:
                splitter = chart.parentWidget()
                total = sum(splitter.sizes())
                splitter.setSizes([round(total * (1 - chart_share)), round(total * chart_share)])
            qtbot.wait(10)
            # Built again for the width it is shown at.
            qtbot.waitUntil(lambda: showing_chart(chart) and not chart.pending, timeout=5000)
            figure, canvas = chart.figure, chart.canvas
            canvas.draw()
            renderer = canvas.get_renderer()
            where = (size, chart_share, lang, count)
            assert len(figure.axes) == count
            # The whole figure is on the canvas, which the pane shows whole in width
            # and scrolls through in height.
            assert abs(figure.bbox.height - canvas.height() * canvas.device_pixel_ratio) <= 2
            assert canvas.width() <= chart.scroll_area.viewport().width(), where
            rows = _rows(figure, renderer)
            for texts, ticks in rows:
                for text, box in texts:
                    assert box.x0 >= -0.5 and box.x1 <= figure.bbox.width + 0.5, (where, text)
                    assert box.y0 >= -0.5 and box.y1 <= figure.bbox.height + 0.5, (where, text)
                boxes = sorted((box for _text, box in ticks), key=lambda b: b.x0)
                for left, right in itertools.pairwise(boxes):
                    assert left.x1 + 2 <= right.x0, (where, "tick labels touch")
            for (texts, _ticks), term in zip(rows, _terms(count), strict=False):
                assert f"{term.name} ({term.unit})" in [text for text, _box in texts], where
            for (upper, _t), (lower, _u) in itertools.pairwise(rows):
                # Every text of a row stands above every text of the next (y runs up).
                lowest = min(box.y0 for _text, box in upper)
                highest = max(box.y1 for _text, box in lower)
                assert lowest >= highest + 1, (where, upper[0][0], lower[0][0] if lower else "")
            if os.environ.get("SALESDESK_SHOTS"):  # to look at: SALESDESK_SHOTS=folder
                name = f"ranges-{count}-{lang}-{size[0]}x{size[1]}-{chart_share}.png"
                window.grab().save(str(Path(os.environ["SALESDESK_SHOTS"]) / name))
        window.close()
    finally:
        set_language("en")


def test_a_chart_taller_than_its_pane_is_laid_out_beside_its_scroll_bar_when_first_shown(
    qtbot, tmp_path
):
    """The scroll bar a tall chart brings takes some of the pane's width: the chart is
    laid out for what is left as it is first shown, not squeezed until the rep's first
    edits draw it whole again (the first edit's chart then took twice as long)."""
    from salesdesk.ui.main_window import MainWindow

    window = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert window.open_database(str(tmp_path / "app.db"))
    deal_id = deals.save_deal(
        window.workspace.db, DealSheet("Ranges", "Account", terms=_terms(8)), today=TODAY
    )
    window.refresh_lists()
    chart = window.editor.worksheet.chart
    with qtbot.waitSignal(chart.drawn, timeout=10_000):
        window.open_deal(deal_id)
        window.editor.setCurrentWidget(window.editor.worksheet)
    viewport = chart.scroll_area.viewport()
    assert chart.scroll_area.verticalScrollBar().isVisible()
    assert chart.figure.bbox.height > viewport.height()
    assert abs(chart.canvas.width() - viewport.width()) <= 4
    assert abs(chart.figure.bbox.width / chart.canvas.device_pixel_ratio - viewport.width()) <= 4
    first = chart.figure
    qtbot.waitUntil(lambda: not chart.pending, timeout=3000)
    assert chart.figure is first, "laid out again later: it was built for the wrong width"
    window.close()
