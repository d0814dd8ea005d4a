"""The worksheet, offers and ledger tabs, driven through their widgets."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from salesdesk.domain.analysis import WarningCode, analyse
from salesdesk.domain.ledger import Giver
from salesdesk.domain.money import format_number
from salesdesk.domain.scoring import package_score
from salesdesk.domain.terms import Side, step_of, zopa
from salesdesk.store import deal_load
from salesdesk.ui.editor.trade_dialog import TradeDialog
from salesdesk.ui.models import terms as cols
from salesdesk.warning_text import warning_message
from tests.ui.conftest import TODAY, deal_ids, wait_saved


def stored(win):
    return deal_load.load_deal(win.workspace.db, win.workspace.session.sheet.id)


@pytest.fixture
def fresh(window):
    """A new, empty deal open on its Worksheet tab."""
    window.new_deal()
    window.editor.setCurrentWidget(window.editor.worksheet)
    return window


def type_into_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """What a rep does: select the cell, type (which opens the editor), press Enter."""
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.setFocus()
    table.edit(index)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The closed editor is deleted by the event loop, as between two keystrokes of a rep.
    QApplication.processEvents()


def build_price_term(qtbot, win) -> None:
    sheet_tab = win.editor.worksheet
    qtbot.mouseClick(sheet_tab.add_button, Qt.MouseButton.LeftButton)
    QApplication.focusWidget().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "Price")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    for column, text in (
        (cols.WEIGHT, "100"),
        (cols.THEIR_WEIGHT, "100"),
        (cols.FIRST_POSITION + 0, "120"),  # opening
        (cols.FIRST_POSITION + 1, "110"),  # target
        (cols.FIRST_POSITION + 2, "100"),  # walk-away
        (cols.FIRST_POSITION + 3, "80"),  # their opening
        (cols.FIRST_POSITION + 4, "90"),  # their target
        (cols.FIRST_POSITION + 5, "105"),  # their walk-away
    ):
        type_into_cell(qtbot, sheet_tab.table, 0, column, text)


def shown_warnings(tab) -> list[str]:
    return [tab.warnings.item(i).text().removeprefix("⚠ ") for i in range(tab.warnings.count())]


def test_every_model_passes_the_model_tester(qtmodeltester, window):
    window.open_deal(deal_ids(window)["Warehouse scanners and support"])
    editor = window.editor
    editor.offers.propose()
    for model in (
        editor.worksheet.model,
        editor.offers.model,
        editor.ledger.model,
        editor.offers.packages,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_a_worksheet_typed_in_shows_the_domains_zopa_scores_and_warnings(fresh, qtbot):
    build_price_term(qtbot, fresh)
    wait_saved(qtbot, fresh)
    sheet = stored(fresh)
    assert [t.name for t in sheet.terms] == ["Price"]
    term = sheet.terms[0]
    assert (term.opening, term.target, term.walk_away) == (120, 110, 100)
    assert term.their_walk_away == 105
    model = fresh.editor.worksheet.model
    zone = zopa(term)
    assert zone is not None
    assert model.index(0, cols.ZOPA).data() == "100 – 105"
    assert fresh.editor.worksheet.weights.text() == "Weights: 100 / 100"
    assert shown_warnings(fresh.editor.worksheet) == ["Nothing to watch out for."]

    # Their walk-away moves below ours: no ZOPA, said beside the table and on the cells.
    type_into_cell(qtbot, fresh.editor.worksheet.table, 0, cols.FIRST_POSITION + 5, "95")
    expected = [
        warning_message(w, "en") for w in analyse(fresh.workspace.session.sheet, TODAY).warnings
    ]
    assert shown_warnings(fresh.editor.worksheet) == expected
    assert any("no zone of agreement" in text for text in expected)
    walk_away = model.index(0, cols.FIRST_POSITION + 2)
    assert walk_away.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "no zone of agreement" in walk_away.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, cols.ZOPA).data() == "none"
    assert model.index(0, cols.UNIT).data(Qt.ItemDataRole.BackgroundRole) is None

    # A weight that breaks the sum of 100 is marked and counted.
    type_into_cell(qtbot, fresh.editor.worksheet.table, 0, cols.WEIGHT, "90")
    assert fresh.editor.worksheet.weights.text() == "Weights: 90 / 100"
    assert model.index(0, cols.WEIGHT).data(Qt.ItemDataRole.BackgroundRole) is not None

    # Undo takes the edits back one at a time.
    fresh.acts.undo.trigger()
    assert fresh.workspace.session.sheet.terms[0].weight == 100
    fresh.acts.undo.trigger()
    assert fresh.workspace.session.sheet.terms[0].their_walk_away == 105


def test_a_step_is_typed_in_the_grid_and_defaults_to_the_positions_decimals(fresh, qtbot):
    build_price_term(qtbot, fresh)
    table, model = fresh.editor.worksheet.table, fresh.editor.worksheet.model
    step = model.index(0, cols.STEP)
    assert model.headerData(cols.STEP, Qt.Orientation.Horizontal) == "Step"
    assert step.data() == "1"  # 120, 110, 100: whole numbers
    assert step.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed: the default
    type_into_cell(qtbot, table, 0, cols.FIRST_POSITION + 1, "112.5")
    assert model.index(0, cols.STEP).data() == "0.1"  # follows the positions
    type_into_cell(qtbot, table, 0, cols.STEP, "2.5")
    wait_saved(qtbot, fresh)
    assert stored(fresh).terms[0].step == Decimal("2.5")
    assert model.index(0, cols.STEP).data(Qt.ItemDataRole.ForegroundRole) is None
    type_into_cell(qtbot, table, 0, cols.STEP, "0")
    assert "Term 1, Step: a step must be more than zero" in fresh.editor.worksheet.error.text()
    assert fresh.workspace.session.sheet.terms[0].step == Decimal("2.5")


def test_a_bad_number_stays_in_its_cell_in_red_and_is_not_saved(fresh, qtbot):
    build_price_term(qtbot, fresh)
    wait_saved(qtbot, fresh)
    tab = fresh.editor.worksheet
    type_into_cell(qtbot, tab.table, 0, cols.FIRST_POSITION + 1, "12,5O0")
    cell = tab.model.index(0, cols.FIRST_POSITION + 1)
    assert cell.data() == "12,5O0"
    assert "unexpected character 'O'" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tab.error.isVisible()
    assert "Term 1, Target" in tab.error.text()
    wait_saved(qtbot, fresh)
    assert stored(fresh).terms[0].target == 110
    # Fixing it clears the message and saves.
    type_into_cell(qtbot, tab.table, 0, cols.FIRST_POSITION + 1, "112")
    assert tab.model.index(0, cols.FIRST_POSITION + 1).data() == "112"
    wait_saved(qtbot, fresh)
    assert stored(fresh).terms[0].target == 112


def test_terms_pasted_from_a_spreadsheet_all_or_nothing(fresh, qtbot):
    tab = fresh.editor.worksheet
    clipboard = QApplication.clipboard()
    clipboard.setText(
        "Term\tUnit\tBetter for us\tWeight\tTheir weight\tOpening\tTarget\tWalk-away\n"
        "Unit price\tEUR\tmore\t60\t50\t1,240.50\t1,200\t1,150\n"
        "Payment terms\tdays\tless\t40\t50\t30\t45\t60\n"
    )
    tab.paste()
    terms = fresh.workspace.session.sheet.terms
    assert [(t.name, t.direction.value, t.weight) for t in terms] == [
        ("Unit price", "higher_is_better", 60),
        ("Payment terms", "lower_is_better", 40),
    ]
    assert terms[0].opening == Decimal("1240.5")
    clipboard.setText("Delivery\tdays\tless\t10\t\t5\nWarranty\tyears\tmore\tlots\n")
    tab.paste()
    assert tab.error.isVisible()
    assert "line 2, Weight" in tab.error.text()
    assert [t.name for t in fresh.workspace.session.sheet.terms] == ["Unit price", "Payment terms"]


def test_batna_form_and_the_walk_away_warning(fresh, qtbot):
    build_price_term(qtbot, fresh)
    form = fresh.editor.worksheet.batna_ours
    form.description.setText("Keep the current supplier")
    form.description.editingFinished.emit()
    form.term.setCurrentIndex(form.term.findData("Price"))
    form.term.activated.emit(form.term.currentIndex())
    form.value.edit.setText("102")
    form.value.edit.editingFinished.emit()
    form.score.edit.setText("150")
    form.score.edit.editingFinished.emit()
    assert form.score.error.text() == "A score lies between 0 and 100."
    wait_saved(qtbot, fresh)
    batna = stored(fresh).batna_ours
    assert (batna.description, batna.term, batna.value, batna.score) == (
        "Keep the current supplier",
        "Price",
        102,
        None,
    )
    codes = {w.code for w in analyse(fresh.workspace.session.sheet, TODAY).warnings}
    assert WarningCode.WALK_AWAY_WORSE_THAN_BATNA in codes
    assert any("worse than our BATNA" in w for w in shown_warnings(fresh.editor.worksheet))
    # Untyped, a value on price alone is no package score (it would be 10 on price):
    # the field asks for one, and so does the worksheet's analysis.
    assert form.score.edit.placeholderText() == "needed: 0–100"
    assert analyse(fresh.workspace.session.sheet, TODAY).batna_needs_score == ("us",)


def test_the_range_chart_follows_the_worksheet(fresh, qtbot):
    chart = fresh.editor.worksheet.chart
    qtbot.waitUntil(lambda: not chart.pending, timeout=3000)
    assert chart.figure is None and chart.empty.isVisible()
    build_price_term(qtbot, fresh)
    qtbot.waitUntil(lambda: not chart.pending and chart.figure is not None, timeout=3000)
    ax = chart.figure.axes[0]
    assert ax.get_title(loc="left") == "Price"
    texts = [t.get_text() for t in ax.texts]
    assert "ZOPA" in texts
    assert ax.patches, "the ZOPA is shaded"
    assert {"120", "110", "100", "80", "90", "105"} <= set(texts)
    type_into_cell(qtbot, fresh.editor.worksheet.table, 0, cols.FIRST_POSITION + 5, "95")
    assert chart.pending
    qtbot.waitUntil(lambda: not chart.pending, timeout=3000)
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    assert "no ZOPA" in texts and "ZOPA" not in texts


def test_our_concession_needs_a_counterpart_or_an_explicit_unilateral(fresh, qtbot, monkeypatch):
    build_price_term(qtbot, fresh)
    attempts: list[bool] = []

    def fill(dialog: TradeDialog) -> int:
        dialog.what.setText("Free delivery")
        dialog.cost.edit.setText("1 500")
        dialog.value.edit.setText("2000")
        dialog.status.setCurrentIndex(dialog.status.findData("accepted"))
        dialog.accept()
        attempts.append(dialog.result() == QDialog.DialogCode.Accepted)
        if not attempts[-1]:
            assert "Give it without counterpart" in dialog.problem.text()
            dialog.unilateral.setChecked(True)
            dialog.accept()
        return dialog.result()

    monkeypatch.setattr(TradeDialog, "exec", fill)
    qtbot.mouseClick(fresh.editor.ledger.ours_button, Qt.MouseButton.LeftButton)
    assert attempts == [False]
    entry = fresh.workspace.session.sheet.ledger[0]
    assert (entry.giver, entry.what, entry.cost, entry.counterpart) == (
        Giver.US,
        "Free delivery",
        Decimal(1500),
        "",
    )
    tab = fresh.editor.ledger
    row = tab.model.index(0, 0)
    assert "without counterpart" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert row.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert any(
        "without counterpart" in tab.warnings.item(i).text() for i in range(tab.warnings.count())
    )
    assert tab.given.text() == "Given (accepted): €1,500.00 cost to us"
    assert tab.received.text() == "Received (accepted): €0.00 value to us"
    assert tab.balance.text() == "Balance: -€1,500.00"
    assert tab.offered.text() == "Offered, awaiting an answer: €0.00 cost to us"
    # Our cost is in the "Cost to us" column, the value we give in "Value to them".
    assert [tab.model.index(0, c).data() for c in amount_columns(tab.model)] == [
        "€1,500.00",
        "",
        "",
        "€2,000.00",
    ]


def amount_columns(model) -> list[int]:
    """The ledger's four amount columns, found by their headers."""
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [
        headers.index(name)
        for name in ("Cost to us", "Value to us", "Cost to them", "Value to them")
    ]


def test_the_ledger_shows_a_concessions_status_before_its_amounts(fresh, qtbot, monkeypatch):
    """At 1280×720 the amounts push the columns after them off screen: the status of
    each concession (accepted, offered, planned) comes first."""
    model = fresh.editor.ledger.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers.index("Status") < headers.index("Cost to us")


def test_their_concession_is_priced_as_cost_to_them_value_to_us(fresh, qtbot, monkeypatch):
    build_price_term(qtbot, fresh)
    seen: dict[str, str] = {}

    def fill(dialog: TradeDialog) -> int:
        seen["cost"] = dialog.cost.accessibleName()
        seen["value"] = dialog.value.accessibleName()
        dialog.what.setText("Payment at 45 days")
        dialog.cost.edit.setText("3500")
        dialog.value.edit.setText("4000")
        dialog.counterpart.setText("48-hour delivery")
        dialog.counterpart_cost.edit.setText("1000")
        dialog.status.setCurrentIndex(dialog.status.findData("accepted"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(TradeDialog, "exec", fill)
    fresh.editor.ledger.add_entry(Giver.THEM)
    assert seen == {"cost": "Cost to them", "value": "Value to us"}
    tab = fresh.editor.ledger
    # Their cost goes under "Cost to them", the value to us under "Value to us", and the
    # counterpart we give (1,000) under "Cost to us": the headline adds those columns.
    assert [tab.model.index(0, c).data() for c in amount_columns(tab.model)] == [
        "€1,000.00",
        "€4,000.00",
        "€3,500.00",
        "",
    ]
    assert tab.given.text() == "Given (accepted): €1,000.00 cost to us"
    assert tab.received.text() == "Received (accepted): €4,000.00 value to us"
    assert tab.balance.text() == "Balance: €3,000.00"


def test_the_headline_counts_our_offers_awaiting_an_answer_apart(window, qtbot):
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    tab = window.editor.ledger
    # Accepted: we gave 19,200 + 6,000 (counterpart of their entry), received 24,000 + 3,500.
    assert tab.given.text() == "Given (accepted): €25,200.00 cost to us"
    assert tab.received.text() == "Received (accepted): €27,500.00 value to us"
    assert tab.balance.text() == "Balance: €2,300.00"
    # Our safety stock (28,000) is offered, not answered: outside the balance.
    assert tab.offered.text() == "Offered, awaiting an answer: €28,000.00 cost to us"


def test_a_traded_concession_with_approval_is_recorded(fresh, qtbot, monkeypatch):
    def fill(dialog: TradeDialog) -> int:
        dialog.what.setText("3 % off")
        dialog.term.setCurrentIndex(dialog.term.findData("Price"))
        dialog.cost.edit.setText("3000")
        dialog.counterpart.setText("a 3-year contract")
        dialog.counterpart_value.edit.setText("5000")
        dialog.status.setCurrentIndex(dialog.status.findData("accepted"))
        dialog.round.setValue(1)
        dialog.needs_approval.setChecked(True)
        dialog.approved_by.setText("Claire Martin")
        dialog.accept()
        return dialog.result()

    build_price_term(qtbot, fresh)
    monkeypatch.setattr(TradeDialog, "exec", fill)
    fresh.editor.ledger.add_entry(Giver.US)
    wait_saved(qtbot, fresh)
    entry = stored(fresh).ledger[0]
    assert entry.counterpart == "a 3-year contract"
    assert entry.approved and entry.approved_by == "Claire Martin"
    assert entry.approved_at is not None and entry.approved_at.date() == date.today()
    tab = fresh.editor.ledger
    assert tab.balance.text() == "Balance: €2,000.00"
    assert tab.model.index(0, 10).data() == "approved by Claire Martin"
    chart = tab.chart
    fresh.editor.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not chart.pending and chart.figure is not None, timeout=3000)
    labels = [line.get_label() for line in chart.figure.axes[0].get_lines()]
    assert labels == ["given (cost to us)", "received (value to us)"]


def shown(score: Decimal | None) -> str:
    return "" if score is None else format_number(score, "en", 2)


def test_offers_are_scored_from_both_sides_against_the_batna(window, qtbot):
    window.open_deal(deal_ids(window)["Warehouse scanners and support"])
    tab = window.editor.offers
    window.editor.setCurrentWidget(tab)
    sheet = window.workspace.session.sheet
    model = tab.model
    for row in range(model.rowCount()):
        offer = model.scored(row).offer
        ours = package_score(sheet.terms, offer.values, Side.US)
        theirs = package_score(sheet.terms, offer.values, Side.THEM)
        assert model.index(row, model.score_column).data() == shown(ours)
        assert model.index(row, model.their_score_column).data() == shown(theirs)
        if ours is not None:
            above = ours - sheet.batna_ours.score
            sign = "+" if above > 0 else ""
            assert model.index(row, model.batna_column).data() == sign + shown(above)
    # Our target (760 per scanner, 12 months of support) scores (60 × 50 + 40 × 25) / 100.
    assert "Our target scores 40.00." in tab.marks.text()
    assert "Our BATNA scores 20.00." in tab.marks.text()
    last = model.rowCount() - 1  # our round 2: 740 and 8 → (60 × 33.33 + 0) / 100 = 20
    assert model.index(last, model.score_column).data() == "20.00"
    assert model.index(last, model.target_column).data() == "-20.00"
    assert (
        model.headerData(
            model.target_column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
        )
        == "Our target scores 40.00"
    )
    # From the opening (100) to 20 in one round.
    assert "We gave up 80 points of our score per round" in tab.pace.text()
    before = len(sheet.offers)
    qtbot.mouseClick(tab.ours_button, Qt.MouseButton.LeftButton)
    assert len(window.workspace.session.sheet.offers) == before + 1
    new = window.workspace.session.sheet.offers[-1]
    assert new.side is Side.US and new.round == 3
    # The new round repeats the last offer: the pace over three rounds slows to 40.
    assert "We gave up 40 points of our score per round" in tab.pace.text()
    tab.charts.setCurrentIndex(1)  # the concession curves, beside the dance
    assert tab.chart is tab.curves
    qtbot.waitUntil(lambda: not tab.chart.pending and tab.chart.figure is not None, timeout=3000)
    labels = [line.get_label() for line in tab.chart.figure.axes[0].get_lines()]
    assert labels == ["our offers", "their offers", "our BATNA", "our target"]


def test_meso_packages_score_the_same_and_differ(window, qtbot):
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    tab = window.editor.offers
    tab.meso_score.edit.setText("70")
    qtbot.mouseClick(tab.propose_button, Qt.MouseButton.LeftButton)
    packages = tab.packages.rows()
    assert len(packages) == 3
    terms = window.workspace.session.sheet.terms
    for package in packages:
        score = package_score(terms, package.values, Side.US)
        assert score is not None and abs(score - 70) <= 1
    assert len({tuple(sorted(p.values.items())) for p in packages}) == 3
    assert len({frozenset(p.moves) for p in packages}) == 3
    steps = {t.name: step_of(t) for t in terms}
    for package in packages:
        assert all(v % steps[name] == 0 for name, v in package.values.items())
        shown = tab.packages.index(packages.index(package), len(terms)).data()
        assert shown == format_number(package.score, "en", 2)  # the package's own score
    assert "(our target scores 54.06)" in tab.meso_target.text()
    # Below our BATNA's score is refused with a message, not a traceback.
    tab.meso_score.edit.setText("10")
    qtbot.mouseClick(tab.propose_button, Qt.MouseButton.LeftButton)
    assert "BATNA" in tab.meso_error.text() and tab.packages.rowCount() == 0
    # A chosen package becomes our offer for the next round.
    tab.meso_score.edit.setText("70")
    tab.propose()
    tab.package_table.selectRow(2)
    assert tab.save_package_button.isEnabled()
    qtbot.mouseClick(tab.save_package_button, Qt.MouseButton.LeftButton)
    offer = window.workspace.session.sheet.offers[-1]
    assert offer.side is Side.US and offer.values == packages[2].values


def test_money_shows_its_pence_in_the_three_grids_as_in_the_brief(window, qtbot):
    """£39 a vehicle reads 39.00 in the worksheet, the offers and the MESO packages, as the
    brief prints it; months and days keep no decimals."""
    window.open_deal(deal_ids(window)["Fleet telematics roll-out, 240 vehicles"])
    sheet_tab, offers = window.editor.worksheet, window.editor.offers
    grid = sheet_tab.model
    assert [grid.index(0, cols.FIRST_POSITION + i).data() for i in range(3)] == [
        "39.00",
        "35.00",
        "31.00",
    ]
    assert grid.index(1, cols.FIRST_POSITION).data() == "48"  # months
    model = offers.model
    price = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert sorted(price) == ["26.00", "30.00", "36.00"]
    assert sorted(model.index(r, 3).data() for r in range(model.rowCount())) == ["12", "30", "48"]
    offers.meso_score.edit.setText("60")
    offers.propose()
    assert offers.packages.rowCount() > 0
    for row in range(offers.packages.rowCount()):
        shown = offers.packages.index(row, 0).data()
        assert shown[-3] == "." and shown.replace(".", "").isdigit(), shown
    # Typed with one decimal, shown with the pence.
    type_into_cell(qtbot, sheet_tab.table, 0, cols.FIRST_POSITION + 1, "35.5")
    assert grid.index(0, cols.FIRST_POSITION + 1).data() == "35.50"
    assert grid.index(0, cols.FIRST_POSITION).data() == "39.00"
    type_into_cell(qtbot, sheet_tab.table, 0, cols.FIRST_POSITION + 2, "28")  # our walk-away
    assert grid.index(0, cols.ZOPA).data() == "28.00 – 30.00"


def test_a_worksheet_saved_as_template_starts_a_new_deal(window, qtbot, monkeypatch):
    window.open_deal(deal_ids(window)["Fleet telematics roll-out, 240 vehicles"])
    monkeypatch.setattr(QInputDialog, "exec", lambda dialog: dialog.setTextValue("Telematics") or 1)
    window.editor.worksheet.template_button.click()
    monkeypatch.setattr(QInputDialog, "exec", lambda _dialog: 1)  # the only one, "Telematics"
    window.new_deal_from_template()
    sheet = window.workspace.session.sheet
    assert sheet.title == "New deal" and not sheet.ledger and not sheet.offers
    assert [t.name for t in sheet.terms] == [
        "Price per vehicle per month",
        "Contract length",
        "Installation lead time",
    ]
    # The structure, not the telematics deal's figures.
    assert sheet.terms[0].unit == "£" and sheet.terms[0].target is None


def test_the_price_effect_calculator(fresh, qtbot):
    from salesdesk.ui.price_dialog import PriceEffectDialog

    build_price_term(qtbot, fresh)
    dialog = PriceEffectDialog(fresh.editor.worksheet.model.term(0))
    qtbot.addWidget(dialog)
    assert dialog.discount.edit.text() == "8.33"  # 120 → 110
    dialog.discount.edit.setText("10")
    dialog.discount.edit.editingFinished.emit()
    dialog.margin.edit.setText("30")
    dialog.margin.edit.editingFinished.emit()
    assert dialog.outcome.text() == "Sell 50 % more volume to keep the same gross profit."
    dialog.discount.edit.setText("30")
    dialog.discount.edit.editingFinished.emit()
    assert "eats the whole gross margin" in dialog.outcome.text()


@pytest.mark.parametrize(
    "size",
    [(2400, 1400), (1280, 720)],
    ids=["at its own size: one band repainted", "squeezed: the whole canvas repainted"],
)
def test_a_term_redrawn_alone_looks_like_the_whole_chart_redrawn(window, qtbot, size):
    # Shown smaller than laid out, a row's texts reach into its neighbours' bands: the
    # changed row is drawn again on the same figure either way, then painted.
    window.resize(*size)
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    tab = window.editor.worksheet
    window.editor.setCurrentWidget(tab)
    chart = tab.chart
    qtbot.waitUntil(lambda: not chart.pending and chart.figure is not None, timeout=3000)
    first = chart.figure
    tab.model.setData(tab.model.index(1, cols.FIRST_POSITION + 5), "310000")
    qtbot.waitUntil(lambda: not chart.pending, timeout=3000)
    assert chart.figure is first, "only the changed term was drawn again"
    partial = chart.canvas.grab().toImage()
    chart.figure = None
    chart.redraw()
    assert chart.figure is not first
    assert chart.canvas.grab().toImage() == partial
