"""Rehearsal: play the next rounds against a simulated counterpart before the meeting.

The rep chooses how the other side plays (a tactic of the negotiation-agent
literature), types an offer or takes the proposed next offer, and sees each reply with
both scores and the dance chart growing. Nothing of a rehearsal is stored as an offer;
it can be kept as a note with the next meeting's objectives.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.frontier import check_scorable, known_deal_map
from salesdesk.domain.money import format_number
from salesdesk.domain.next_offer import latest_values, next_offer
from salesdesk.domain.rehearsal import (
    TACTIC_LABELS,
    Action,
    Counterpart,
    Reply,
    Tactic,
    keep_note,
    planned_rounds,
    rehearsal_note,
    rehearsed_sheet,
)
from salesdesk.domain.scoring import batna_score
from salesdesk.domain.terms import Side
from salesdesk.i18n import _, language
from salesdesk.ui.combos import choice
from salesdesk.ui.editor.frontier_worker import FrontierWorker
from salesdesk.ui.editor.package_form import PackageForm
from salesdesk.ui.fields import error_label
from salesdesk.ui.models.rows import MEASURED_ROWS, Column, RowsModel
from salesdesk.ui.session import DealSession

ACTION_LABELS = {
    Action.ACCEPT: _("they accept"),
    Action.COUNTER: _("they counter"),
    Action.WALK_AWAY: _("they walk away"),
}


def _score(value: Any) -> str:
    return "—" if value is None else format_number(value, language(), 2)


def replies_model(parent: QWidget | None = None) -> RowsModel[Reply]:
    return RowsModel[Reply](
        [
            Column(_("Round"), lambda r: str(r.round), align_right=True),
            Column(_("Our offer: for us"), lambda r: _score(r.offer_score), align_right=True),
            Column(_("for them"), lambda r: _score(r.offer_their_score), align_right=True),
            Column(_("Their answer"), lambda r: _(ACTION_LABELS[r.action])),
            Column(_("Their package: for us"), lambda r: _score(r.score), align_right=True),
            Column(_("for them"), lambda r: _score(r.their_score), align_right=True),
            Column(_("Their aspiration"), lambda r: _score(r.aspiration), align_right=True),
        ],
        parent,
    )


class RehearsalTab(QWidget):
    def __init__(
        self, session: DealSession, frontier: FrontierWorker, parent: QWidget | None = None
    ) -> None:
        """`frontier`: the editor's worker; the counterpart plays on the frontier it maps
        off the GUI thread (a large worksheet's takes 50–200 ms: an edit must not wait)."""
        super().__init__(parent)
        self.session = session
        self._frontier = frontier
        self._sheet: DealSheet | None = None
        self.player: Counterpart | None = None
        self._waiting = False  # for the frontier of the terms shown
        outer = QVBoxLayout(self)
        setup = QHBoxLayout()
        setup.addWidget(QLabel(self.tr("They play"), self))
        self.tactic = QComboBox(self)
        self.tactic.setAccessibleName(self.tr("Their tactic"))
        for tactic in Tactic:
            self.tactic.addItem(_(TACTIC_LABELS[tactic]), tactic.value)
        setup.addWidget(self.tactic)
        setup.addWidget(QLabel(self.tr("over"), self))
        self.rounds = QSpinBox(self)
        self.rounds.setRange(1, 20)
        self.rounds.setValue(3)
        self.rounds.setSuffix(self.tr(" rounds"))
        self.rounds.setAccessibleName(self.tr("Rounds"))
        setup.addWidget(self.rounds)
        self.restart_button = QPushButton(self.tr("&Start over"), self)
        setup.addWidget(self.restart_button)
        setup.addStretch(1)
        outer.addLayout(setup)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Where the rehearsal stands"))
        outer.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(splitter, 1)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        offer_box = QGroupBox(self.tr("Our offer"), left)
        offer_layout = QVBoxLayout(offer_box)
        self.offer = PackageForm(self.tr("Their last reply"), self.tr("We offer"), offer_box)
        offer_layout.addWidget(self.offer)
        row = QHBoxLayout()
        self.proposed_button = QPushButton(self.tr("Take the &proposed next offer"), offer_box)
        self.play_button = QPushButton(self.tr("&Make this offer"), offer_box)
        self.play_button.setToolTip(self.tr("Ctrl+Enter"))
        row.addWidget(self.proposed_button)
        row.addWidget(self.play_button)
        row.addStretch(1)
        offer_layout.addLayout(row)
        self.error = error_label(offer_box)
        offer_layout.addWidget(self.error)
        left_layout.addWidget(offer_box)
        self.replies = replies_model(self)
        self.table = QTableView(left)
        self.table.setModel(self.replies)
        self.table.setAccessibleName(self.tr("Their replies"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(MEASURED_ROWS)
        left_layout.addWidget(self.table, 1)
        note_row = QHBoxLayout()
        self.note_button = QPushButton(self.tr("Keep it as a &note"), left)
        self.note_button.setToolTip(
            self.tr("Added to the next meeting's objectives, where the brief prints it")
        )
        note_row.addWidget(self.note_button)
        note_row.addStretch(1)
        left_layout.addLayout(note_row)
        self.chart_area = QWidget(splitter)
        # Room for the dance and its legend at 1280×720: the offers' grid scrolls instead.
        self.chart_area.setMinimumWidth(260)
        splitter.setChildrenCollapsible(False)
        self.chart_layout = QVBoxLayout(self.chart_area)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart: Any = None
        self._make_chart()
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.restart_button.clicked.connect(self.restart)
        self.tactic.activated.connect(lambda _i: self.restart())
        self.rounds.valueChanged.connect(lambda _v: self.restart())
        self.proposed_button.clicked.connect(self.take_proposed)
        self.play_button.clicked.connect(self.play)
        self.note_button.clicked.connect(self.keep_note)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.play)
        frontier.ready.connect(self._frontier_ready)

    # ------------------------------------------------------------ the chart

    def _make_chart(self) -> None:
        from salesdesk.ui.chart_view import ChartView

        self.chart = ChartView(
            self._dance_figure,
            self.tr("The dance chart appears once both sides' scores can be told."),
            self.chart_area,
        )
        self.chart.setAccessibleName(self.tr("The rehearsal's dance chart"))
        self.chart_layout.addWidget(self.chart)

    def rehearsed(self) -> DealSheet | None:
        """The deal with the rehearsal's offers in place of the real ones (a copy)."""
        if self._sheet is None:
            return None
        return rehearsed_sheet(self._sheet, self.player.replies if self.player else [])

    def _dance_figure(self) -> Any:
        sheet = self.rehearsed()
        if sheet is None or self._waiting:
            return None  # (while the frontier is mapped, analyse() would map it here)
        from salesdesk.brief.dance_figure import dance_figure
        from salesdesk.brief.dance_geometry import dance
        from salesdesk.i18n import language
        from salesdesk.ui.chart_view import SCREEN_DPI

        # The rehearsal's offers only (a copy of the deal): a few packages, scored at once;
        # drawn as the Offers tab draws its dance, the legend in as many columns as fit.
        chart = dance(analyse(sheet, self.session.today()))
        if chart is None:
            return None
        return dance_figure(chart, language(), max(self.chart.width(), 200) / SCREEN_DPI)

    # ------------------------------------------------------------ showing

    def show_sheet(self, sheet: DealSheet) -> None:
        changed = self._sheet is None or self._sheet.id != sheet.id
        terms_changed = self._sheet is None or self._sheet.terms != sheet.terms
        self._sheet = sheet
        self.offer.set_terms(sheet.terms)
        if changed:
            self.rounds.blockSignals(True)
            self.rounds.setValue(planned_rounds([m.round for m in sheet.meetings]))
            self.rounds.blockSignals(False)
        if changed or terms_changed or (self.player is None and not self._waiting):
            self.restart()

    def _frontier_ready(self) -> None:
        if self._waiting:
            self.restart()

    def restart(self) -> None:
        """A new rehearsal: their tactic and rounds as chosen, our latest offer typed."""
        sheet = self._sheet
        self.player = None
        self.replies.set_rows([])
        self.error.hide()
        if sheet is None:
            return
        ours = {
            **{t.name: t.opening for t in sheet.terms if t.opening is not None},
            **latest_values(sheet, Side.US),
        }
        theirs = latest_values(sheet, Side.THEM)
        self.offer.set_values(ours, theirs)
        our_batna = batna_score(sheet.batna_ours, sheet.terms, Side.US)
        their_batna = batna_score(sheet.batna_theirs, sheet.terms, Side.THEM)
        self._waiting = self._map_pending(sheet, our_batna, their_batna)
        if self._waiting:
            # The counterpart is made when the worker has mapped the frontier.
            self.status.setText(
                self.tr("Mapping the frontier… the rehearsal starts when it is ready.")
            )
            self._enable()
            self.chart.show_waiting()
            return
        try:
            self.player = Counterpart(
                sheet.terms,
                their_batna,
                choice(self.tactic, Tactic) or Tactic.BOULWARE,
                self.rounds.value(),
                our_batna=our_batna,
            )
        except InputError as exc:
            self.status.setText(self.tr("No rehearsal yet: {reason}").format(reason=str(exc)))
            self._enable()
            self.chart.schedule()
            return
        self.status.setText(
            self.tr(
                "Round 1 of {n}: type our offer, or take the proposed next offer, then make it."
            ).format(n=self.rounds.value())
        )
        self._enable()
        self.chart.schedule()

    def _map_pending(
        self, sheet: DealSheet, our_batna: Decimal | None, their_batna: Decimal | None
    ) -> bool:
        """Whether the frontier of these terms is still to be mapped (then asked of the
        worker); terms that cannot be scored are told by the counterpart at once."""
        if known_deal_map(sheet.terms, our_batna, their_batna) is not None:
            return False
        try:
            check_scorable(sheet.terms)
        except InputError:
            return False
        self._frontier.request(sheet.terms, our_batna, their_batna)
        return True

    def _enable(self) -> None:
        playing = self.player is not None and not self.player.done
        for widget in (self.play_button, self.proposed_button, self.offer):
            widget.setEnabled(playing)
        self.note_button.setEnabled(self.player is not None and bool(self.player.replies))

    # ------------------------------------------------------------ playing

    def take_proposed(self) -> None:
        if self._sheet is None:
            return
        replies = self.player.replies if self.player else []
        try:
            plan = next_offer(rehearsed_sheet(self._sheet, replies, after_real=True))
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.offer.set_values(plan.values, self._their_last())

    def _their_last(self) -> dict[str, Any]:
        if self.player is not None and self.player.replies:
            last = self.player.replies[-1]
            if last.values is not None and last.action is Action.COUNTER:
                return dict(last.values)
        return latest_values(self._sheet, Side.THEM) if self._sheet else {}

    def play(self) -> None:
        if self.player is None or self.player.done or self._sheet is None:
            return
        try:
            typed = self.offer.values()
            previous = dict(self.player.replies[-1].offer) if self.player.replies else {}
            reply = self.player.answer({**previous, **typed})
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.replies.set_rows(self.player.replies)
        self.table.scrollToBottom()
        n = self.rounds.value()
        if reply.action is Action.ACCEPT:
            said = self.tr("Round {round}: they accept our offer ({their} for them).")
        elif reply.action is Action.WALK_AWAY:
            said = self.tr(
                "Round {round}: they walk away: our offer ({their} for them) is below their "
                "BATNA at the last round."
            )
        else:
            said = self.tr(
                "Round {round} of {n}: they counter (their aspiration: {aspiration}). "
                "Type our next offer."
            )
            self.offer.set_values({**reply.offer}, reply.values)
        self.status.setText(
            said.format(
                round=reply.round,
                n=n,
                their=_score(reply.offer_their_score),
                aspiration=_score(reply.aspiration),
            )
        )
        self._enable()
        self.chart.schedule()

    def keep_note(self) -> None:
        if self.player is None or not self.player.replies or self._sheet is None:
            return
        note = rehearsal_note(
            self.player.tactic,
            self.player.rounds,
            self.player.replies,
            self._sheet.terms,
            language(),
        )
        today = self.session.today()
        try:
            keep_note(copy.deepcopy(self._sheet), note, today)  # a meeting to keep it with?
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.session.edit(
            self.tr("Keep the rehearsal as a note"), lambda s: keep_note(s, note, today)
        )
        self.status.setText(self.tr("Kept with the next meeting's objectives."))
