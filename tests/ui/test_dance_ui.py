"""The Offers tab: the negotiation dance, what each offer leaves on the table, the deal
zone in words, MESO packages with their own scores; a large worksheet's frontier mapped
off the GUI thread while the rep types; the F1 guide on preferences."""

import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salesdesk.brief.dance_geometry import dance
from salesdesk.domain.analysis import WarningCode, analyse
from salesdesk.domain.frontier import score_package
from salesdesk.domain.terms import Side
from salesdesk.store import deal_load, deals
from salesdesk.ui.dance_view import DanceView
from salesdesk.ui.models import terms as cols
from tests.ui.conftest import TODAY, deal_ids

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

BICYCLE = "Bicycle components, 2027 supply"
CARTONS = "Renouvellement cartons 2027"


def offers_tab(win, title: str):
    win.open_deal(deal_ids(win)[title])
    tab = win.editor.offers
    win.editor.setCurrentWidget(tab)
    return tab


def drawn(qtbot, chart) -> None:
    qtbot.waitUntil(
        lambda: not chart.pending and chart.figure is not None and chart.canvas.isVisible(),
        timeout=8000,
    )


def test_each_offer_says_what_it_leaves_on_the_table(window, qtbot):
    tab = offers_tab(window, BICYCLE)
    model = tab.model
    qtbot.waitUntil(lambda: not window.editor.frontier.pending, timeout=8000)
    cells = {
        (model.scored(r).offer.side, model.scored(r).offer.round): model.index(r, model.left_column)
        for r in range(model.rowCount())
    }
    header = model.headerData(model.left_column, Qt.Orientation.Horizontal)
    assert header == "Left on the table"
    # W, our round 2: a package as good for us gives them 16.38 points more.
    ours = cells[(Side.US, 2)]
    assert ours.data() == "16.38 for them"
    assert ours.data(Qt.ItemDataRole.ToolTipRole) == (
        "A package exists that is as good for us and 16.38 points better for them: "
        "offer it, and ask for something in return."
    )
    assert cells[(Side.THEM, 2)].data() == "7.26 for us"
    assert cells[(Side.US, 1)].data() == "nothing: on the frontier"
    # Above the chart, our latest offer's in a sentence.
    assert tab.left.text() == (
        "Our offer of round 2 leaves 16.38 points on the table: a package as good for us "
        "is that much better for them."
    )


def test_the_dance_chart_and_the_deal_zone_in_words(window, qtbot):
    tab = offers_tab(window, BICYCLE)
    assert tab.chart is tab.dance
    drawn(qtbot, tab.dance)
    assert tab.zone.text() == (
        "No deal zone: no package is worth our BATNA (60.30) to us and their BATNA (71.80) to them."
    )
    ax = tab.dance.figure.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Score for us", "Score for them (est.)")
    legend = [t.get_text() for t in tab.dance.figure.legends[0].get_texts()]
    # No deal zone: the legend says there is no Nash package, rather than leave it unsaid.
    assert legend == [
        "efficient frontier",
        "our offers",
        "their offers",
        "no deal zone: no Nash package",
        "BATNAs (dotted)",
    ]
    lines = ax.get_lines()
    # Our offers filled, theirs hollow, each joined in round order.
    ours = next(line for line in lines if line.get_marker() == "o" and len(line.get_xdata()) == 2)
    theirs = next(line for line in lines if line.get_marker() == "s")
    assert list(ours.get_xdata()) == [100.0, 75.87]
    assert ours.get_markerfacecolor() == ours.get_color()
    assert list(theirs.get_ydata()) == [100.0, 53.82] and theirs.get_markerfacecolor() == "white"
    rounds = sorted(t.get_text() for t in ax.texts)
    assert rounds == ["1", "1", "2", "2"]
    # A deal with a deal zone: the Nash package, named and drawn.
    tab = offers_tab(window, CARTONS)
    qtbot.waitUntil(lambda: "Nash" in tab.zone.text(), timeout=8000)
    assert tab.zone.text().endswith("The Nash package scores 30.52 for us and 10.50 for them.")
    drawn(qtbot, tab.dance)
    nash = [line for line in tab.dance.figure.axes[0].get_lines() if line.get_marker() == "D"]
    assert [(line.get_xdata()[0], line.get_ydata()[0]) for line in nash] == [(30.52, 10.5)]
    # Off the efficient frontier (the walk-aways rule its packages out): the deal zone's
    # own frontier is drawn and named, Nash on it.
    legend = [t.get_text() for t in tab.dance.figure.legends[0].get_texts()]
    assert "frontier within the walk-aways" in legend


def test_the_dance_widget_takes_any_geometry(window, qtbot):
    """The Rehearsal tab reuses it: a dance built from a list of offers, not a deal."""
    sheet = deal_load.load_deal(window.workspace.db, deal_ids(window)[BICYCLE])
    analysis = analyse(sheet, TODAY)
    chart = dance(analysis)
    assert chart is not None
    chart.offers[Side.THEM] = []  # the counterpart has not answered yet
    view = DanceView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    view.show_dance(chart)
    drawn(qtbot, view)
    assert not [line for line in view.figure.axes[0].get_lines() if line.get_marker() == "s"]
    view.show_analysis(None)
    qtbot.waitUntil(lambda: not view.pending and view.empty.isVisible(), timeout=5000)


def test_meso_packages_show_their_own_scores_for_both_sides(window, qtbot):
    tab = offers_tab(window, BICYCLE)
    tab.meso_score.edit.setText("70")
    tab.propose()
    sheet = window.workspace.session.sheet
    packages = tab.packages.rows()
    assert packages
    names = [t.name for t in sheet.terms]
    score_col, their_col = len(names), len(names) + 1
    for row, package in enumerate(packages):
        own = score_package(sheet.terms, package.values)
        assert own is not None
        assert tab.packages.index(row, score_col).data() == f"{own.score:.2f}"
        assert tab.packages.index(row, their_col).data() == f"{own.their_score:.2f}"
        assert abs(own.score - Decimal(70)) <= 1
        assert tab.packages.index(row, names.index("Payment")).data() in {
            "Upon delivery",
            "30 days after delivery",
            "60 days after delivery",
        }


def test_an_option_value_of_an_offer_is_chosen_among_the_labels(window, qtbot):
    tab = offers_tab(window, BICYCLE)
    model = tab.model
    row = next(r for r in range(model.rowCount()) if model.scored(r).offer.side is Side.US)
    column = 2 + 2  # Payment, after round and side
    index = model.index(row, column)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    combo = QApplication.focusWidget()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "—",
        "Upon delivery",
        "30 days after delivery",
        "60 days after delivery",
    ]
    combo.setCurrentIndex(3)
    combo.activated.emit(3)
    offer = window.workspace.session.sheet.offers[model.offer_index(row)]
    assert offer.values["Payment"] == "60 days after delivery"


def test_a_large_worksheet_answers_an_edit_at_once_and_maps_its_frontier_after(window, qtbot):
    """10 terms × 100 values: the warnings and cells are updated as the edit returns; the
    frontier follows from a worker thread, and typing meanwhile is never overwritten."""
    from bench_frontier import large_sheet

    deal_id = deals.save_deal(window.workspace.db, large_sheet(), today=TODAY)
    window.refresh_lists()
    window.open_deal(deal_id)
    editor = window.editor
    tab = editor.worksheet
    editor.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not editor.frontier.pending, timeout=15000)
    tab.model.setData(tab.model.index(0, cols.FIRST_POSITION + 1), "151")
    assert editor.frontier.pending  # the edit returned before the frontier was mapped
    assert window.workspace.session.sheet.terms[0].target == 151
    # Typing in a cell while the frontier lands: what is typed stays and is taken.
    index = tab.model.index(1, cols.WEIGHT)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    field = QApplication.focusWidget()
    field.selectAll()
    qtbot.keyClicks(field, "7")
    qtbot.waitUntil(lambda: not editor.frontier.pending, timeout=15000)
    QApplication.processEvents()
    assert field.text() == "7"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()  # the cell's Enter commits on the next turn
    assert window.workspace.session.sheet.terms[1].weight == 7
    qtbot.waitUntil(lambda: not editor.frontier.pending, timeout=15000)
    analysis = analyse(window.workspace.session.sheet, TODAY)
    assert analysis.deal_map is not None
    offers = editor.offers
    assert offers.zone.text().startswith("Deal zone")
    assert WarningCode.NO_DEAL_ZONE not in analysis.codes()


def guide_text() -> str:
    from salesdesk.ui.guide import GuideDialog

    dialog = GuideDialog()
    text = dialog.text.toPlainText()
    dialog.deleteLater()
    return text


def test_the_guide_explains_options_shaped_scores_batna_scores_the_frontier_and_nash(qapp):
    text = guide_text()
    for words in (
        "What each term is worth: options and shaped scores",
        "give score points",
        "The BATNA's score",
        "fill its package",
        "The efficient frontier holds the packages no other package beats",
        "the Nash package shares the gains over both BATNAs best",
        "The negotiation dance on the Offers tab",
    ):
        assert words in text


def test_the_guide_in_french(french):
    text = guide_text()
    for words in (
        "Ce que vaut chaque terme : options et scores façonnés",
        "donnez des points de score",
        "Le score de la MESORE",
        "La frontière efficiente réunit les paquets qu'aucun autre ne bat",
        "le paquet de Nash partage au mieux les gains",
    ):
        assert words in text


START_UP = """
import sys, tempfile, time
from datetime import date
from PySide6.QtWidgets import QApplication
app = QApplication([])
from salesdesk.ui.main_window import MainWindow
window = MainWindow(today=date.today)
window.show()
assert window.open_database(tempfile.mkdtemp() + "/s.db")  # the samples, today's list
end = time.monotonic() + 1.5
while time.monotonic() < end:
    app.processEvents()
    time.sleep(0.02)
print("matplotlib" in sys.modules)
"""


def test_matplotlib_waits_for_the_first_chart(tmp_path):
    """The dance and the range chart draw with matplotlib, which costs the start-up
    its import unless it comes with the first chart shown."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", START_UP],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout.split()
    assert out[-1:] == ["False"]
