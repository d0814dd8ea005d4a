"""A chart shows its data as soon as there is some, and its placeholder only when not."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salesdesk.ui.models import terms as cols
from tests.ui.conftest import deal_ids


def showing_chart(chart) -> bool:
    return chart.figure is not None and chart._layout.currentWidget() is chart.canvas


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
