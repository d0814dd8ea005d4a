"""The input fields take what a person types, the way they type it."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from salesdesk.ui.fields import AmountField, DateField, PercentField
from tests.ui.conftest import TODAY


def in_a_form(qtbot, widget):
    """The field in a window with a next field, so Tab has somewhere to go."""
    form = QWidget()
    layout = QVBoxLayout(form)
    layout.addWidget(widget)
    layout.addWidget(QLineEdit(form))
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    widget.test_form = form  # keeps the window alive as long as the field
    return widget


@pytest.fixture
def field(qtbot):
    return in_a_form(qtbot, DateField(today=lambda: TODAY))


def type_and_leave(qtbot, widget, text: str) -> None:
    widget.edit.setFocus()
    widget.edit.selectAll()
    qtbot.keyClicks(widget.edit, text)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Tab)


@pytest.mark.parametrize("text", ["31/03/2027", "2027-03-31", "31 Mar 2027", "31.3.27"])
def test_a_date_typed_into_an_empty_field_is_taken_on_tab(qtbot, field, text):
    taken = []
    field.committed.connect(taken.append)
    type_and_leave(qtbot, field, text)
    assert taken == [date(2027, 3, 31)]
    assert field.value() == date(2027, 3, 31)
    assert field.edit.text() == "31 Mar 2027"  # shown the app's way once taken
    assert not field.error.isVisible()


def test_an_impossible_date_is_refused_at_the_field_and_the_message_goes_when_fixed(qtbot, field):
    taken = []
    field.committed.connect(taken.append)
    type_and_leave(qtbot, field, "31/02/2027")
    assert field.error.isVisible() and "does not exist" in field.error.text().replace(
        "is not a date that exists", "does not exist"
    )
    assert taken == [] and field.value() is None
    assert field.edit.text() == "31/02/2027"  # the rep's text stays to be corrected
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "28/02/2027")
    assert not field.error.isVisible()  # the message goes as soon as the date is right
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert taken == [date(2027, 2, 28)]


def test_the_calendar_opens_on_today_or_the_fields_date_and_clearing_is_one_click(qtbot, field):
    field.pick.menu().aboutToShow.emit()
    assert field.calendar.selectedDate().toPython() == TODAY
    field.set_value(date(2027, 6, 15))
    field.pick.menu().aboutToShow.emit()
    assert field.calendar.selectedDate().toPython() == date(2027, 6, 15)
    taken = []
    field.committed.connect(taken.append)
    field.calendar.clicked.emit(field.calendar.selectedDate().addDays(1))
    assert taken == [date(2027, 6, 16)]
    qtbot.mouseClick(field.clear, Qt.MouseButton.LeftButton)
    assert taken[-1] is None and field.edit.text() == ""


def test_a_required_date_refuses_an_empty_field(qtbot):
    widget = in_a_form(qtbot, DateField(optional=False))
    assert not widget.clear.isVisible()
    widget.set_value(TODAY)
    type_and_leave(qtbot, widget, "")
    widget.edit.clear()
    widget.edit.editingFinished.emit()
    assert widget.error.isVisible() and widget.value() == TODAY


def test_typing_60_into_an_empty_probability_is_taken(qtbot):
    widget = in_a_form(qtbot, PercentField())
    taken = []
    widget.committed_value.connect(taken.append)
    widget.setFocus()
    qtbot.keyClicks(widget, "60")
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert taken == [60]
    qtbot.keyClicks(widget, "5")  # the validator refuses what cannot be a percentage
    assert widget.text() != "605"


def test_an_amount_is_not_reformatted_while_typed_but_on_leaving(qtbot):
    widget = in_a_form(qtbot, AmountField())
    taken = []
    widget.committed.connect(taken.append)
    widget.edit.setFocus()
    qtbot.keyClicks(widget.edit, "1000")
    qtbot.wait(700)  # a pause commits what is there…
    assert taken == [Decimal("1000")]
    widget.set_value(Decimal("1000"))  # …and the deal shown back does not touch the text
    assert widget.edit.text() == "1000"
    qtbot.keyClicks(widget.edit, ".5")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Tab)
    assert not widget.error.isVisible()
    assert taken[-1] == Decimal("1000.5")
    assert widget.edit.text() == "1,000.5"  # formatted once the rep leaves


def test_the_trade_forms_message_is_shown_whole_and_goes_when_acted_on(qtbot):
    from salesdesk.domain.ledger import Giver
    from salesdesk.domain.profile import Profile
    from salesdesk.ui.editor.trade_dialog import TradeDialog

    dialog = TradeDialog(Giver.US, [], Profile())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.what.setText("Free delivery")
    dialog.accept()
    assert dialog.problem.isVisible()
    qtbot.wait(10)
    # every line of the wrapped message fits in the label and the label in the dialog
    label = dialog.problem
    assert label.height() >= label.heightForWidth(label.width())
    assert label.geometry().bottom() <= dialog.rect().bottom()
    dialog.unilateral.setChecked(True)
    assert not dialog.problem.isVisible()


def test_the_trade_form_locks_approval_past_the_reps_authority(qtbot):
    """The form decides as the server does (issue 23): past the rep's amount limit, or a
    deeper discount than the rep's (cost against the deal's value), "Needs a manager's
    approval" is ticked and cannot be unticked; within both, the rep chooses; a
    concession already waiting stays waiting."""
    from decimal import Decimal

    from salesdesk.domain.ledger import Giver, LedgerEntry
    from salesdesk.domain.profile import Profile
    from salesdesk.ui.editor.trade_dialog import TradeDialog

    limits = Profile(max_concession_cost=Decimal(1000), max_discount_pct=Decimal(5))
    dialog = TradeDialog(Giver.US, [], limits, deal_value=Decimal(10000))
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.needs_approval
    for cost, locked in (("400", False), ("600", True), ("400", False), ("5000", True)):
        dialog.cost.edit.setText(cost)
        dialog.cost.commit()
        assert (box.isChecked(), box.isEnabled()) == (locked, not locked), cost
    waiting = LedgerEntry(Giver.US, "Free delivery", cost=Decimal(10), needs_approval=True)
    again = TradeDialog(Giver.US, [], limits, waiting, deal_value=Decimal(10000))
    qtbot.addWidget(again)
    assert again.needs_approval.isChecked() and not again.needs_approval.isEnabled()
    assert again.entry().needs_approval
