"""The deal editor: one tab per part of the preparation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget, QWidget

from salesdesk.domain.analysis import Analysis, WarningCode, analyse
from salesdesk.domain.deal import DealSheet, Stakeholder
from salesdesk.domain.errors import InputError
from salesdesk.domain.frontier import check_scorable, known_deal_map, left_on_table
from salesdesk.domain.profile import Profile
from salesdesk.domain.scoring import batna_score
from salesdesk.domain.terms import Side, Term
from salesdesk.ui import dialogs
from salesdesk.ui.editor.brief_tab import BriefTab
from salesdesk.ui.editor.counterpart import CounterpartTab
from salesdesk.ui.editor.frontier_worker import FrontierWorker
from salesdesk.ui.editor.ledger import LedgerTab
from salesdesk.ui.editor.meetings import MeetingsTab
from salesdesk.ui.editor.offers import OffersTab
from salesdesk.ui.editor.overview import OverviewTab
from salesdesk.ui.editor.people import PeopleTab
from salesdesk.ui.editor.rehearsal import RehearsalTab
from salesdesk.ui.editor.worksheet import WorksheetTab
from salesdesk.ui.fields import commit_pending
from salesdesk.ui.session import DealSession


class DealEditor(QTabWidget):
    # A line for the status bar, and for how long (ms).
    message = Signal(str, int)
    # A chart's empty state asked for the guide to the method.
    guide_requested = Signal()

    def __init__(
        self,
        session: DealSession,
        profile: Profile,
        known_people: Callable[[str], list[Stakeholder]],
        templates: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.profile = profile
        self.templates = templates
        self.overview = OverviewTab(session, profile, self)
        self.people = PeopleTab(session, known_people, self)
        self.meetings = MeetingsTab(session, self)
        self.worksheet = WorksheetTab(session, self.price_effect, self.save_template, self)
        self.offers = OffersTab(session, self)
        self.ledger = LedgerTab(session, lambda: self.profile, self)
        self.addTab(self.overview, self.tr("&Overview"))
        self.addTab(self.people, self.tr("&People"))
        self.addTab(self.meetings, self.tr("&Meetings"))
        self.addTab(self.worksheet, self.tr("&Worksheet"))
        self.addTab(self.offers, self.tr("O&ffers"))
        self.counterpart = CounterpartTab(session, self)
        self.addTab(self.counterpart, self.tr("Their s&ide"))
        self.addTab(self.ledger, self.tr("&Ledger"))
        # The frontier of a large worksheet is mapped off the GUI thread.
        self.frontier = FrontierWorker(self)
        self.rehearsal = RehearsalTab(session, self.frontier, self)
        self.addTab(self.rehearsal, self.tr("Re&hearsal"))
        self.brief = BriefTab(session, lambda: self.profile, self)
        self.addTab(self.brief, self.tr("&Brief"))
        for tab in (self.worksheet, self.offers, self.ledger):
            tab.chart.guide_requested.connect(self.guide_requested)
        self.offers.curves.guide_requested.connect(self.guide_requested)
        self.frontier.ready.connect(self.refresh)
        self._last: tuple[str | None, Analysis] | None = None
        session.changed.connect(self.refresh)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(session.field_left)
        # Typing not yet committed is committed when the rep turns to another tab, so
        # the Brief tab's preview is built from what the fields show.
        self.currentChanged.connect(lambda _index: self.commit_pending())

    def commit_pending(self) -> None:
        commit_pending(self)
        self.meetings.commit_form()

    def set_profile(self, profile: Profile) -> None:
        self.profile = profile
        self.overview.profile = profile
        self.refresh()

    def refresh(self) -> None:
        sheet = self.session.sheet
        self.setEnabled(sheet is not None)
        if sheet is None:
            return
        analysis, pending = self.analysis(sheet)
        self.overview.show_sheet(sheet)
        self.people.show_sheet(sheet)
        self.meetings.show_sheet(sheet)
        self.worksheet.show_sheet(sheet, analysis)
        self.offers.show_sheet(sheet, analysis, frontier_pending=pending)
        self.counterpart.show_sheet(sheet, analysis)
        self.rehearsal.show_sheet(sheet)
        self.ledger.show_sheet(sheet, analysis)
        self.brief.show_sheet(sheet)

    def analysis(self, sheet: DealSheet) -> tuple[Analysis, bool]:
        """The worksheet's analysis, and whether its frontier is still being mapped.

        Everything but the frontier is told at once; a frontier not mapped yet is asked
        of the worker, and meanwhile the deal's last one stands in (the edit changed it
        little, and a warning blinking off and on would say more than it knows)."""
        today, cadence = self.session.today(), self.profile.cadence
        ours = batna_score(sheet.batna_ours, sheet.terms, Side.US)
        theirs = batna_score(sheet.batna_theirs, sheet.terms, Side.THEM)
        try:
            check_scorable(sheet.terms)
        except InputError:
            scorable = False
        else:
            scorable = True
        if scorable and known_deal_map(sheet.terms, ours, theirs) is None:
            self.frontier.request(sheet.terms, ours, theirs)
            quick = analyse(sheet, today, cadence, frontier=False)
            return self._with_last_map(sheet, quick), True
        analysis = analyse(sheet, today, cadence)
        self._last = (sheet.uid, analysis)
        return analysis, False

    def _with_last_map(self, sheet: DealSheet, quick: Analysis) -> Analysis:
        if self._last is None or self._last[0] != sheet.uid or self._last[1].deal_map is None:
            return quick
        last = self._last[1]
        found = last.deal_map
        assert found is not None
        zone = [w for w in last.warnings if w.code is WarningCode.NO_DEAL_ZONE]
        offers = [
            replace(
                item,
                left_on_table=left_on_table(
                    found.frontier, item.score, item.their_score, item.offer.side is Side.US
                ),
            )
            if item.score is not None and item.their_score is not None
            else item
            for item in quick.offers
        ]
        return replace(quick, warnings=zone + quick.warnings, deal_map=found, offers=offers)

    def price_effect(self, term: Term | None) -> None:
        from salesdesk.ui.price_dialog import PriceEffectDialog

        PriceEffectDialog(term, parent=self).exec()

    def save_template(self) -> None:
        from salesdesk.interop.templates import save_template

        sheet = self.session.sheet
        if sheet is None or self.templates is None:
            return
        name = dialogs.ask_text(
            self, self.tr("Save as template"), self.tr("Template name:"), sheet.title
        )
        if name is None:
            return
        try:
            template = save_template(self.templates, name, sheet, self.session.today())
        except InputError as exc:
            QMessageBox.warning(self, self.tr("Save as template"), str(exc))
            return
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save as template"),
                self.tr("The template could not be written: {reason}").format(
                    reason=exc.strerror or exc
                ),
            )
            return
        self.message.emit(self.tr("Template “{name}” saved").format(name=template.name), 4000)
