"""A chart shows its data as soon as there is some, and its placeholder only when not."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salesdesk.ui.models import terms as cols
from tests.ui.conftest import TODAY, deal_ids


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
