"""Preferences as a rep states them on the Worksheet: a term's kind, an option term's
options typed or pasted, positions chosen among its labels, score points per side, and
a BATNA's score typed or computed from its package."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Batna
from salesdesk.domain.scoring import package_score
from salesdesk.domain.terms import ScorePoint, Side, TermKind, TermOption
from salesdesk.store import deal_load
from salesdesk.ui.models import terms as cols
from salesdesk.ui.models.options import LABEL, SCORE, THEIR_SCORE
from salesdesk.ui.models.points import POINT_SCORE, VALUE
from tests.ui.conftest import TODAY, deal_ids, wait_saved

BICYCLE = "Bicycle components, 2027 supply"


def stored(win):
    return deal_load.load_deal(win.workspace.db, win.workspace.session.sheet.id)


def sheet_of(win):
    return win.workspace.session.sheet


@pytest.fixture
def fresh(window):
    window.new_deal()
    window.editor.setCurrentWidget(window.editor.worksheet)
    return window


@pytest.fixture
def bicycle(window):
    window.open_deal(deal_ids(window)[BICYCLE])
    window.editor.setCurrentWidget(window.editor.worksheet)
    return window


def type_in(qtbot, table, row: int, column: int, text: str, key=Qt.Key.Key_Return) -> None:
    """Select the cell, type (the editor opens with the first key), then Enter or Tab."""
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.setFocus()
    table.edit(index)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)
    QApplication.processEvents()


def keys(qtbot, text: str, key=Qt.Key.Key_Tab) -> None:
    """Keys as a rep types them: each to the widget with the focus (the first opens the
    cell's editor, the rest go into it), then Tab or Enter."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), key)
    QApplication.processEvents()


def choose(qtbot, table, row: int, column: int, text: str) -> None:
    """Open a cell's list of choices and pick `text`, as a rep does with the mouse."""
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox), combo
    found = combo.findText(text)
    assert found >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(found)
    combo.activated.emit(found)
    QApplication.processEvents()


def add_term(qtbot, win, name: str) -> int:
    tab = win.editor.worksheet
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    QApplication.focusWidget().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), name)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    return tab.model.rowCount() - 1


def test_every_new_model_passes_the_model_tester(qtmodeltester, bicycle):
    tab = bicycle.editor.worksheet
    for row in range(tab.model.rowCount()):  # an option term, then a shaped one
        tab.table.setCurrentIndex(tab.model.index(row, cols.NAME))
        for model in (
            tab.model,
            tab.scores.options,
            *tab.scores.points.values(),
            tab.batna_ours.package,
            tab.batna_theirs.package,
        ):
            qtmodeltester.check(model)
    qtmodeltester.check(bicycle.editor.offers.model)


def test_an_option_term_is_filled_from_the_keyboard_and_its_positions_chosen(fresh, qtbot):
    tab = fresh.editor.worksheet
    row = add_term(qtbot, fresh, "Payment")
    choose(qtbot, tab.table, row, cols.KIND, "options")
    assert sheet_of(fresh).terms[row].kind is TermKind.OPTIONS
    assert tab.details.currentWidget() is tab.scores  # its options, to be filled
    assert tab.model.index(row, cols.DIRECTION).data() == "by its options"
    options = tab.scores.options_table
    # Label, Tab, our score, Tab, their score: as along a spreadsheet's row.
    type_in(qtbot, options, 0, LABEL, "Upon delivery", Qt.Key.Key_Tab)
    assert options.currentIndex().column() == SCORE
    keys(qtbot, "40")
    keys(qtbot, "100", Qt.Key.Key_Return)
    type_in(qtbot, options, 1, LABEL, "30 days after delivery")
    type_in(qtbot, options, 1, SCORE, "100")
    type_in(qtbot, options, 1, THEIR_SCORE, "40.5")
    assert sheet_of(fresh).terms[row].options == [
        TermOption("Upon delivery", Decimal(40), Decimal(100)),
        TermOption("30 days after delivery", Decimal(100), Decimal("40.5")),
    ]
    assert options.model().index(1, THEIR_SCORE).data() == "40.50"
    # Positions are chosen among the labels, and kept as labels.
    choose(qtbot, tab.table, row, cols.FIRST_POSITION, "30 days after delivery")
    choose(qtbot, tab.table, row, cols.FIRST_POSITION + 2, "Upon delivery")
    assert tab.model.index(row, cols.FIRST_POSITION).data() == "30 days after delivery"
    wait_saved(qtbot, fresh)
    term = stored(fresh).terms[row]
    assert (term.kind, term.opening, term.walk_away) == (
        TermKind.OPTIONS,
        "30 days after delivery",
        "Upon delivery",
    )


def test_a_score_out_of_range_stays_in_its_cell_and_names_the_field(bicycle, qtbot):
    tab = bicycle.editor.worksheet
    tab.table.setCurrentIndex(tab.model.index(2, cols.NAME))  # Payment
    options = tab.scores.options_table
    before = list(sheet_of(bicycle).terms[2].options)
    type_in(qtbot, options, 0, SCORE, "120")
    index = options.model().index(0, SCORE)
    assert index.data() == "120"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    message = tab.scores.error.text()
    assert message.startswith("Payment, option 1, Our score: '120' is not a score")
    assert index.data(Qt.ItemDataRole.ToolTipRole) == message
    assert sheet_of(bicycle).terms[2].options == before
    type_in(qtbot, options, 0, LABEL, "60 days after delivery")  # a label taken
    assert "Two options are called '60 days after delivery'" in tab.scores.error.text()
    assert sheet_of(bicycle).terms[2].options == before


def test_options_pasted_from_a_spreadsheet_are_taken_all_or_none(bicycle, qtbot):
    tab = bicycle.editor.worksheet
    tab.table.setCurrentIndex(tab.model.index(3, cols.NAME))  # Returns
    panel = tab.scores
    clipboard = QApplication.clipboard()
    clipboard.setText("Option\tOur score\tTheir score\nFull price\t10\t90\nNo returns\t100\t0\n")
    panel.paste()
    options = sheet_of(bicycle).terms[3].options
    assert [o.label for o in options][-1] == "No returns"
    assert options[0] == TermOption("Full price", Decimal(10), Decimal(90))
    clipboard.setText("Credit note\t50\t50\nRefund\t150\t0\n")
    panel.paste()
    assert panel.error.text() == (
        "Nothing was pasted: line 2, Our score: "
        "'150' is not a score: a number from 0 to 100 with two decimals at most"
    )
    assert "Credit note" not in [o.label for o in sheet_of(bicycle).terms[3].options]


def test_a_renamed_option_keeps_every_value_that_chose_it(bicycle, qtbot):
    tab = bicycle.editor.worksheet
    tab.table.setCurrentIndex(tab.model.index(2, cols.NAME))  # Payment
    options = tab.scores.options_table
    type_in(qtbot, options, 0, LABEL, "On delivery")  # was "Upon delivery"
    sheet = sheet_of(bicycle)
    assert sheet.terms[2].target == "On delivery"
    assert [o.values["Payment"] for o in sheet.offers] == [
        "30 days after delivery",
        "On delivery",
        "On delivery",
        "30 days after delivery",
    ]
    # An option still chosen somewhere is not removed: the rep is told where.
    options.setCurrentIndex(options.model().index(0, LABEL))
    qtbot.mouseClick(tab.scores.remove_option, Qt.MouseButton.LeftButton)
    assert tab.scores.error.text().startswith("“On delivery” is chosen in Target, Walk-away")
    assert "On delivery" in [o.label for o in sheet_of(bicycle).terms[2].options]
    options.setCurrentIndex(options.model().index(2, LABEL))  # 60 days: chosen nowhere
    qtbot.mouseClick(tab.scores.remove_option, Qt.MouseButton.LeftButton)
    assert [o.label for o in sheet_of(bicycle).terms[2].options] == [
        "On delivery",
        "30 days after delivery",
    ]
    wait_saved(qtbot, bicycle)
    assert stored(bicycle).offers[1].values["Payment"] == "On delivery"


def test_a_numeric_term_becomes_an_option_term_and_back_without_losing_a_value(bicycle, qtbot):
    tab = bicycle.editor.worksheet
    choose(qtbot, tab.table, 1, cols.KIND, "options")  # Delivery, 20 to 45 days
    term = sheet_of(bicycle).terms[1]
    assert term.kind is TermKind.OPTIONS
    assert [o.label for o in term.options] == ["20 days", "30 days", "45 days"]
    # Each scored as the curve scored it, for each side.
    assert term.options[2] == TermOption("45 days", Decimal(100), Decimal(40))
    assert (term.opening, term.their_opening) == ("45 days", "20 days")
    assert sheet_of(bicycle).offers[3].values["Delivery"] == "30 days"
    choose(qtbot, tab.table, 1, cols.KIND, "a number")
    term = sheet_of(bicycle).terms[1]
    assert (term.kind, term.opening, term.their_opening) == (
        TermKind.NUMERIC,
        Decimal(45),
        Decimal(20),
    )
    assert term.points[-1] == ScorePoint(Decimal(45), Decimal(100))
    # Payment's labels hold no number: the change is refused, by name, and nothing moves.
    choose(qtbot, tab.table, 2, cols.KIND, "a number")
    assert sheet_of(bicycle).terms[2].kind is TermKind.OPTIONS
    assert tab.error.text().startswith(
        "Term 3, Kind: these values are options without a number: Target (Upon delivery), "
    )


def test_score_points_are_typed_per_side_and_refused_with_the_field_named(fresh, qtbot):
    tab = fresh.editor.worksheet
    row = add_term(qtbot, fresh, "Delivery")
    for column, text in ((cols.UNIT, "days"), (cols.WEIGHT, "100"), (cols.THEIR_WEIGHT, "100")):
        type_in(qtbot, tab.table, row, column, text)
    for offset, text in enumerate(("45", "30", "20", "20", "30", "45")):
        type_in(qtbot, tab.table, row, cols.FIRST_POSITION + offset, text)
    tab.table.setCurrentIndex(tab.model.index(row, cols.NAME))
    ours = tab.scores.points_tables[Side.US]
    # A first value: the straight line's two ends come with it, so the curve is whole.
    type_in(qtbot, ours, 0, VALUE, "60")
    assert sheet_of(fresh).terms[row].points == [
        ScorePoint(Decimal(20), Decimal(0)),
        ScorePoint(Decimal(45), Decimal(100)),
        ScorePoint(Decimal(60), Decimal(100)),
    ]
    type_in(qtbot, ours, 2, POINT_SCORE, "5")  # worse after 45 days
    term = sheet_of(fresh).terms[row]
    assert term.points[-1] == ScorePoint(Decimal(60), Decimal(5))
    assert analyse(sheet_of(fresh), TODAY).zopas["Delivery"] is not None
    type_in(qtbot, ours, 2, VALUE, "45")  # two points at 45 days
    assert tab.scores.error.text() == (
        "Delivery, our score points, line 3, Value: Two score points have the same value"
    )
    assert sheet_of(fresh).terms[row].points[-1] == ScorePoint(Decimal(60), Decimal(5))
    type_in(qtbot, ours, 1, POINT_SCORE, "101")
    assert "line 2, Score: '101' is not a score" in tab.scores.error.text()
    # Down to two points, then the straight line again.
    ours.setCurrentIndex(ours.model().index(2, VALUE))
    qtbot.mouseClick(tab.scores.remove_point[Side.US], Qt.MouseButton.LeftButton)
    ours.setCurrentIndex(ours.model().index(1, VALUE))
    qtbot.mouseClick(tab.scores.remove_point[Side.US], Qt.MouseButton.LeftButton)
    assert tab.scores.error.text().startswith("A score curve needs at least two points")
    assert len(sheet_of(fresh).terms[row].points) == 2
    qtbot.mouseClick(tab.scores.straight[Side.US], Qt.MouseButton.LeftButton)
    assert sheet_of(fresh).terms[row].points == []
    wait_saved(qtbot, fresh)
    assert stored(fresh).terms[row].points == []


def test_an_option_batna_value_shows_and_survives_an_edit_of_the_form(bicycle, qtbot):
    form = bicycle.editor.worksheet.batna_theirs
    form.term.setCurrentIndex(form.term.findData("Payment"))
    form.term.activated.emit(form.term.currentIndex())
    assert form.value_stack.currentWidget() is form.value_option
    form.value_option.setCurrentIndex(form.value_option.findText("Upon delivery"))
    form.value_option.activated.emit(form.value_option.currentIndex())
    assert sheet_of(bicycle).batna_theirs.value == "Upon delivery"
    # Another field of the form edited: the label stays, shown.
    form.description.setText("Tristar Components, paid on delivery")
    form.description.editingFinished.emit()
    wait_saved(qtbot, bicycle)
    assert stored(bicycle).batna_theirs.value == "Upon delivery"
    assert form.value_option.currentText() == "Upon delivery"
    # Measured on a numeric term, a label has no meaning: the value goes with it.
    form.term.setCurrentIndex(form.term.findData("Price"))
    form.term.activated.emit(form.term.currentIndex())
    assert sheet_of(bicycle).batna_theirs.value is None
    assert form.value_stack.currentWidget() is form.value


def test_a_batna_score_computed_from_its_package_and_one_that_needs_a_score(bicycle, qtbot):
    tab = bicycle.editor.worksheet
    form = tab.batna_ours
    form.score.edit.setText("")  # untyped: the package's score counts
    form.score.edit.editingFinished.emit()
    table = form.package_table
    type_in(qtbot, table, 0, 1, "4.12")
    type_in(qtbot, table, 1, 1, "30")
    assert "Still without a value: Payment, Returns." in form.package_note.text()
    choose(qtbot, table, 2, 1, "Upon delivery")
    choose(qtbot, table, 3, 1, "Full price")
    sheet = sheet_of(bicycle)
    expected = package_score(sheet.terms, sheet.batna_ours.package, Side.US)
    assert expected is not None
    assert analyse(sheet, TODAY).batna_score == expected
    shown = f"{expected:.2f}"
    assert form.score.edit.placeholderText() == f"{shown} (from its package)"
    assert form.package_note.text() == f"Its score is its package's: {shown}."
    assert table.model().index(2, 2).data() == "40.00"  # upon delivery, to us
    # A BATNA valued on one term only asks for a score, at the top of the watch-out list.
    their = sheet.batna_theirs

    def one_term(s):
        s.batna_theirs = Batna(their.description, "Upon delivery", "Payment")

    bicycle.workspace.session.edit("value on one term", one_term)
    first = tab.warnings.item(0)
    assert first.text() == "⚠ Their BATNA needs a score (0–100): type one, or fill its package."
    tab.warnings.itemClicked.emit(first)
    assert tab.details.currentWidget() is tab.batna_theirs


def test_weights_with_two_decimals_and_their_sum_in_french(fresh, qtbot):
    from salesdesk.i18n import set_language

    tab = fresh.editor.worksheet
    row = add_term(qtbot, fresh, "Price")
    type_in(qtbot, tab.table, row, cols.WEIGHT, "28.81")
    assert sheet_of(fresh).terms[row].weight == Decimal("28.81")
    assert tab.weights.text() == "Weights: 28.81 / 100"
    set_language("fr")
    try:
        fresh.editor.refresh()
        assert tab.weights.text().endswith("28,81 / 100")
        assert tab.model.index(row, cols.WEIGHT).data() == "28,81"
    finally:
        set_language("en")


def test_the_range_chart_draws_a_shaped_term_as_its_curve_and_options_on_their_scores(
    bicycle, qtbot
):
    chart = bicycle.editor.worksheet.chart
    qtbot.waitUntil(lambda: not chart.pending and chart.figure is not None, timeout=5000)
    titles = [ax.get_title(loc="left") for ax in chart.figure.axes]
    assert titles == [
        "Price ($/unit)",
        "Delivery (days)",
        "Payment (options by each side's score, 0–100)",
        "Returns (options by each side's score, 0–100)",
    ]
    delivery = chart.figure.axes[1]
    assert delivery.get_title(loc="right") == "score curves, 0–100"
    # Our curve rises to its peak at 45 days and falls after: its highest point there.
    ours = [
        line
        for line in delivery.get_lines()
        if len(line.get_xdata()) == 6 and line.get_color() == "#0072B2"
    ]
    assert len(ours) == 1
    xs, ys = ours[0].get_xdata(), ours[0].get_ydata()
    top = min(range(len(ys)), key=lambda i: ys[i])  # y runs down: 100 is the smallest
    assert xs[top] == 45.0
    payment = chart.figure.axes[2]
    texts = {t.get_text() for t in payment.texts}
    assert {"Upon delivery", "30 days after delivery", "60 days after delivery"} <= texts
    assert "ZOPA: Upon delivery, 30 days after delivery" in texts
