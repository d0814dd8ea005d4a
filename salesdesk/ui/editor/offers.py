"""Offers tab: each side's offer per round with its scores, the concession curves, and
equivalent packages (MESO) to put on the table next."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.analysis import Analysis
from salesdesk.domain.concessions import faster_conceder, pace
from salesdesk.domain.deal import DealSheet, Offer
from salesdesk.domain.display import sheet_places
from salesdesk.domain.errors import InputError
from salesdesk.domain.frontier import check_scorable
from salesdesk.domain.meso import Package, equivalent_packages
from salesdesk.domain.money import format_number
from salesdesk.domain.preferences import value_text
from salesdesk.domain.terms import Side, Value
from salesdesk.i18n import _, language
from salesdesk.interop.paste import parse_position
from salesdesk.ui.chart_view import ChartView
from salesdesk.ui.colors import error_style
from salesdesk.ui.dance_view import DanceView
from salesdesk.ui.editor.delegates import ChoiceDelegate, label_choices
from salesdesk.ui.fields import AmountField, error_label
from salesdesk.ui.models.offers import OffersModel
from salesdesk.ui.models.rows import MEASURED_ROWS, Column, RowsModel
from salesdesk.ui.session import DealSession

DEFAULT_MESO_SCORE = Decimal(75)


def _score(value: Decimal | None) -> str:
    return "—" if value is None else format_number(value, language(), 2)


def _package_value(name: str, decimals: Callable[[str], int | None]) -> Callable[[Package], str]:
    def show(package: Package) -> str:
        value = package.values.get(name)
        return "" if value is None else value_text(value, language(), decimals(name))

    return show


def packages_model(
    term_names: list[str],
    decimals: Callable[[str], int | None] = lambda _name: None,
    parent: QWidget | None = None,
) -> RowsModel[Package]:
    """The MESO grid; a term's values with `decimals(term)` places (money: 48.00)."""
    columns: list[Column[Package]] = []
    for name in term_names:
        columns.append(Column(name, _package_value(name, decimals), align_right=True))
    columns += [
        Column(_("Score for us"), lambda p: _score(p.score), align_right=True),
        Column(_("Score for them (est.)"), lambda p: _score(p.their_score), align_right=True),
        Column(_("Moves"), lambda p: ", ".join(p.moves)),
    ]
    return RowsModel[Package](columns, parent)


def next_round(sheet: DealSheet, side: Side) -> int:
    rounds = [o.round for o in sheet.offers if o.side is side]
    return max(rounds, default=0) + 1


class OffersTab(QWidget):
    def __init__(self, session: DealSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._sheet: DealSheet | None = None
        self._analysis: Analysis | None = None
        self.next_dialog: QWidget | None = None
        self.model = OffersModel(session.edit, self)
        outer = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.ours_button = QPushButton(self.tr("Add our offer"), self)
        self.theirs_button = QPushButton(self.tr("Add their offer"), self)
        self.remove_button = QPushButton(self.tr("Remove offer"), self)
        self.next_button = QPushButton(self.tr("Propose &next offer…"), self)
        self.next_button.setToolTip(
            self.tr(
                "A smaller concession than the last one, within our walk-aways, as good for "
                "them as that allows: edit it, then record it"
            )
        )
        for button in (self.ours_button, self.theirs_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.error = error_label(self)
        outer.addWidget(self.error)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(splitter, 1)
        top = QSplitter(Qt.Orientation.Horizontal, splitter)
        self.table = QTableView(top)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Offers per round"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setItemDelegate(
            ChoiceDelegate(
                lambda index: label_choices(self.model.options(index.column())), self.table
            )
        )
        # The dance (both sides' scores) and the concession curves (ours over the rounds).
        self.charts = QTabWidget(top)
        self.charts.setDocumentMode(True)
        self.dance_page = dance_page = QWidget(self.charts)
        dance_layout = QVBoxLayout(dance_page)
        dance_layout.setContentsMargins(0, 0, 0, 0)
        self.zone = QLabel(dance_page)
        self.zone.setWordWrap(True)
        self.zone.setAccessibleName(self.tr("Deal zone"))
        dance_layout.addWidget(self.zone)
        self.left = QLabel(dance_page)
        self.left.setWordWrap(True)
        self.left.setAccessibleName(self.tr("Left on the table"))
        dance_layout.addWidget(self.left)
        self.dance = DanceView(parent=dance_page)
        dance_layout.addWidget(self.dance, 1)
        self.charts.addTab(dance_page, self.tr("Negotiation dance"))
        curves = QWidget(self.charts)
        curves_layout = QVBoxLayout(curves)
        curves_layout.setContentsMargins(0, 0, 0, 0)
        self.marks = QLabel(curves)
        self.marks.setWordWrap(True)
        self.marks.setAccessibleName(self.tr("Scores to compare with"))
        curves_layout.addWidget(self.marks)
        self.pace = QLabel(curves)
        self.pace.setWordWrap(True)
        self.pace.setAccessibleName(self.tr("Pace of concessions"))
        curves_layout.addWidget(self.pace)
        self.curves = ChartView(
            self._offers_figure,
            self.tr("The concession curves appear once offers can be scored."),
            curves,
        )
        self.curves.setAccessibleName(self.tr("Concession curves"))
        curves_layout.addWidget(self.curves, 1)
        self.charts.addTab(curves, self.tr("Concession curves"))
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)

        meso = QGroupBox(self.tr("Equivalent packages (MESO)"), splitter)
        meso_layout = QVBoxLayout(meso)
        explain = QLabel(
            self.tr(
                "Packages worth the same to us but giving the other side different things: "
                "put them on the table together, and their choice tells you what they value."
            ),
            meso,
        )
        explain.setWordWrap(True)
        meso_layout.addWidget(explain)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Score for us:"), meso))
        self.meso_score = AmountField(meso, allow_empty=False)
        self.meso_score.setAccessibleName(self.tr("Score of the packages for us"))
        self.meso_score.set_value(DEFAULT_MESO_SCORE)
        self.meso_score.setMaximumWidth(120)
        row.addWidget(self.meso_score)
        self.meso_target = QLabel(meso)
        row.addWidget(self.meso_target)
        self.propose_button = QPushButton(self.tr("Propose packages"), meso)
        self.save_package_button = QPushButton(self.tr("Save as our next offer"), meso)
        self.save_package_button.setEnabled(False)
        row.addWidget(self.propose_button)
        row.addWidget(self.save_package_button)
        row.addStretch(1)
        meso_layout.addLayout(row)
        self.meso_error = error_label(meso)
        meso_layout.addWidget(self.meso_error)
        self._places: dict[str, int] = {}  # a term's decimals, as the brief prints them
        self.packages = packages_model([], self._places.get, self)
        self.package_table = QTableView(meso)
        self.package_table.setModel(self.packages)
        self.package_table.setAccessibleName(self.tr("Equivalent packages"))
        self.package_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.package_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.package_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.package_table.horizontalHeader().setStretchLastSection(True)
        meso_layout.addWidget(self.package_table, 1)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)

        self.ours_button.clicked.connect(lambda: self.add_offer(Side.US))
        self.theirs_button.clicked.connect(lambda: self.add_offer(Side.THEM))
        self.remove_button.clicked.connect(self.remove_offer)
        self.next_button.clicked.connect(self.propose_next_offer)
        self.propose_button.clicked.connect(self.propose)
        self.save_package_button.clicked.connect(self.save_package)
        self.model.rejected.connect(self._show_error)

    @property
    def chart(self) -> ChartView:
        """The chart the tab shows now: the negotiation dance, or the concession curves."""
        return self.dance if self.charts.currentWidget() is self.dance_page else self.curves

    # ------------------------------------------------------------ showing

    def show_sheet(
        self, sheet: DealSheet, analysis: Analysis, *, frontier_pending: bool = False
    ) -> None:
        """`frontier_pending`: the frontier is being mapped (the analysis has none yet, or
        the deal's last one): the dance and the deal zone wait for it."""
        terms_changed = self._sheet is None or [t.name for t in self._sheet.terms] != [
            t.name for t in sheet.terms
        ]
        self._sheet, self._analysis = sheet, analysis
        self._places.clear()
        self._places.update(sheet_places(sheet))
        self.model.show_sheet(sheet, analysis)
        self.error.hide()
        self.pace.setText(self.pace_text(analysis))
        self.marks.setText(self.marks_text(analysis))
        self._show_zone(sheet, analysis, frontier_pending)
        self.meso_target.setText(
            ""
            if analysis.target_score is None
            else self.tr("(our target scores {score})").format(
                score=format_number(analysis.target_score, language(), 2)
            )
        )
        if terms_changed:
            latest = [o for o in analysis.offers if o.offer.side is Side.US and o.score is not None]
            if latest:
                self.meso_score.set_value(max(latest, key=lambda o: o.offer.round).score)
            old = self.packages
            self.packages = packages_model([t.name for t in sheet.terms], self._places.get, self)
            self.package_table.setModel(self.packages)
            old.deleteLater()
            self.save_package_button.setEnabled(False)
            self.package_table.selectionModel().currentRowChanged.connect(
                lambda cur, _prev: self.save_package_button.setEnabled(cur.isValid())
            )
        self.curves.schedule()

    def _show_zone(self, sheet: DealSheet, analysis: Analysis, pending: bool) -> None:
        """Whether a deal zone exists, and the dance; while the frontier is first mapped,
        a word saying so (not "nothing to chart")."""
        if pending and analysis.deal_map is None:
            self.zone.setText(self.tr("Mapping the frontier…"))
            self.zone.setStyleSheet("")
            self.zone.setToolTip("")
            self.left.setText("")
            self.dance.show_waiting()
            return
        self.zone.setText(self.zone_text(sheet, analysis))
        no_zone = analysis.deal_map is not None and not analysis.deal_map.deal_zone
        self.zone.setStyleSheet(error_style() + " font-weight: bold;" if no_zone else "")
        self.zone.setToolTip(
            self.tr(
                "Improve our alternative, test their estimated BATNA, or find what else "
                "could be traded: as things stand, walking away is better for one side."
            )
            if no_zone
            else ""
        )
        self.dance.show_analysis(analysis)
        self.left.setText(self.left_text(analysis))

    def left_text(self, analysis: Analysis) -> str:
        """What our latest offer leaves on the table, in words (the grid has it per offer)."""
        ours = [o for o in analysis.offers if o.offer.side is Side.US and o.left_on_table]
        if not ours:
            return ""
        latest = max(ours, key=lambda o: o.offer.round)
        assert latest.left_on_table is not None
        return self.tr(
            "Our offer of round {round} leaves {points} points on the table: a package as "
            "good for us is that much better for them."
        ).format(
            round=latest.offer.round,
            points=format_number(latest.left_on_table, language(), 2),
        )

    def zone_text(self, sheet: DealSheet, analysis: Analysis) -> str:
        """Whether a deal both sides prefer to their alternatives exists, in words."""
        found = analysis.deal_map
        lang = language()
        if found is None:
            try:
                check_scorable(sheet.terms)
            except InputError as exc:
                return self.tr("The frontier cannot be drawn yet: {reason}.").format(
                    reason=str(exc)
                )
            return ""
        if found.nash is not None:
            return self.tr(
                "Deal zone: packages exist that both sides prefer to their BATNAs. "
                "The Nash package scores {ours} for us and {theirs} for them."
            ).format(
                ours=format_number(found.nash.score, lang, 2),
                theirs=format_number(found.nash.their_score, lang, 2),
            )
        if found.deal_zone:
            return self.tr("Deal zone: packages exist that both sides prefer to their BATNAs.")
        if found.our_batna is None or found.their_batna is None:
            return self.tr("No package lies within both sides' walk-aways: there is no deal zone.")
        return self.tr(
            "No deal zone: no package is worth our BATNA ({ours}) to us and their "
            "BATNA ({theirs}) to them."
        ).format(
            ours=format_number(found.our_batna, lang, 2),
            theirs=format_number(found.their_batna, lang, 2),
        )

    def marks_text(self, analysis: Analysis) -> str:
        lang = language()
        parts = []
        if analysis.target_score is not None:
            parts.append(
                self.tr("Our target scores {score}.").format(
                    score=format_number(analysis.target_score, lang, 2)
                )
            )
        if analysis.batna_score is not None:
            parts.append(
                self.tr("Our BATNA scores {score}.").format(
                    score=format_number(analysis.batna_score, lang, 2)
                )
            )
        return " ".join(parts)

    def pace_text(self, analysis: Analysis) -> str:
        ours, theirs = pace(analysis.offers, Side.US), pace(analysis.offers, Side.THEM)
        lang = language()
        parts = []
        if ours is not None:
            parts.append(
                self.tr("We gave up {points} points of our score per round.").format(
                    points=format_number(ours.per_round, lang)
                )
            )
        if theirs is not None:
            parts.append(
                self.tr("They gave up {points} points of theirs per round.").format(
                    points=format_number(theirs.per_round, lang)
                )
            )
        faster = faster_conceder(analysis.offers)
        if faster is Side.US:
            parts.append(self.tr("We are conceding faster: slow down and ask for more."))
        elif faster is Side.THEM:
            parts.append(self.tr("They are conceding faster."))
        if not parts:
            return self.tr("Two scored offers of a side are needed to measure its pace.")
        return " ".join(parts)

    def _offers_figure(self) -> Any:
        if self._analysis is None or self._sheet is None:
            return None
        from salesdesk.brief.charts import offers_figure

        a = self._analysis
        return offers_figure(a.offers, a.batna_score, a.target_score)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # ------------------------------------------------------------ editing

    def add_offer(self, side: Side, values: dict[str, Value] | None = None) -> None:
        sheet = self._sheet
        if sheet is None:
            return
        round_ = next_round(sheet, side)
        if values is None:
            previous = [o for o in sheet.offers if o.side is side]
            if previous:
                values = dict(max(previous, key=lambda o: o.round).values)
            else:
                values = {
                    t.name: v
                    for t in sheet.terms
                    if (v := t.opening if side is Side.US else t.their_opening) is not None
                }
        offer = Offer(side, round_, dict(values))
        label = (
            self.tr("Add our offer for round {round}")
            if side is Side.US
            else self.tr("Add their offer for round {round}")
        ).format(round=round_)
        self.session.edit(label, lambda s: s.offers.append(offer))

    def propose_next_offer(self) -> None:
        """The next offer, editable, recorded as our offer of the next round on OK."""
        from salesdesk.domain.next_offer import next_offer
        from salesdesk.ui.editor.next_offer_dialog import NextOfferDialog

        sheet = self._sheet
        if sheet is None:
            return
        try:
            plan = next_offer(sheet)
        except InputError as exc:
            self._show_error(
                self.tr("No next offer can be proposed yet: {reason}").format(
                    reason=f"{exc.field}: {exc.message}"
                    if exc.field and exc.field in {t.name for t in sheet.terms}
                    else exc.message
                )
            )
            return
        self.error.hide()
        dialog = NextOfferDialog(sheet, plan, self)
        self.next_dialog = dialog  # reachable while open (tests)
        try:
            if dialog.exec() != NextOfferDialog.DialogCode.Accepted:
                return
            self.session.edit(
                self.tr("Record our offer for round {round}").format(round=plan.round),
                dialog.apply,
            )
        finally:
            self.next_dialog = None

    def remove_offer(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        position = self.model.offer_index(index.row())

        def change(sheet: DealSheet) -> None:
            del sheet.offers[position]

        self.session.edit(self.tr("Remove offer"), change)

    def propose(self) -> None:
        sheet, analysis = self._sheet, self._analysis
        if sheet is None or analysis is None:
            return
        self.meso_score.commit()
        text = self.meso_score.edit.text()
        if not self.meso_score.error.isHidden():
            return
        try:
            score = parse_position(text, language())
            if score is None:
                raise InputError(self.tr("enter the score the packages should reach"))
            packages = equivalent_packages(
                sheet.terms, score, analysis.batna_score, their_batna=analysis.their_batna_score
            )
        except InputError as exc:
            self.packages.set_rows([])
            self.meso_error.setText(str(exc))
            self.meso_error.show()
            return
        self.meso_error.hide()
        self.packages.set_rows(packages)
        self.save_package_button.setEnabled(False)

    def save_package(self) -> None:
        index = self.package_table.currentIndex()
        if not index.isValid():
            return
        self.add_offer(Side.US, self.packages.row(index.row()).values)
