"""Brief tab: the exact PDF the rep will print or send, with export, print and the pack.

The preview is the very PDF that Export writes (QtPdf renders it), rebuilt a moment
after the deal changes and only while the tab is on screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.brief.choose import brief_language, default_paper, meeting_for
from salesdesk.brief.document import BriefRequest, Variant
from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import DealSheet, Meeting
from salesdesk.domain.display import format_date
from salesdesk.domain.errors import InputError
from salesdesk.domain.profile import Profile
from salesdesk.i18n import language
from salesdesk.store.engine import Database
from salesdesk.ui import file_dialogs
from salesdesk.ui.dialogs import ok_cancel, write_or_warn
from salesdesk.ui.fields import date_format, error_label
from salesdesk.ui.session import DealSession

log = logging.getLogger(__name__)
REBUILD_DELAY_MS = 400
NEXT_MEETING = "next"


def safe_file_name(text: str, limit: int = 100) -> str:
    """A file name from a title: letters, digits, spaces and dashes, cut with an ellipsis
    well below the 255 bytes file systems allow."""
    from salesdesk.domain.limits import shorten

    kept = "".join(c if c.isalnum() or c in " -_" else " " for c in text)
    return shorten(" ".join(kept.split()), limit) or "brief"


class BriefTab(QWidget):
    def __init__(
        self,
        session: DealSession,
        profile: Callable[[], Profile],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._profile = profile
        self._sheet: DealSheet | None = None
        self._stale = True
        self.pdf: bytes = b""
        # The time printed on the preview, kept for its export: the exported file is the
        # brief the rep looked at, even when a minute turned in between.
        self._generated_at: datetime | None = None
        self.build_seconds = 0.0

        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Meeting:"), self))
        self.meeting = QComboBox(self)
        self.meeting.setAccessibleName(self.tr("Meeting the brief is for"))
        # A long meeting title never widens the window past a laptop screen.
        self.meeting.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.meeting.setMinimumContentsLength(14)
        row.addWidget(self.meeting, 1)
        row.addWidget(QLabel(self.tr("Variant:"), self))
        self.variant = QComboBox(self)
        self.variant.addItem(self.tr("Full (for us and the manager)"), Variant.FULL.value)
        self.variant.addItem(self.tr("Customer copy"), Variant.REDACTED.value)
        self.variant.setAccessibleName(self.tr("Brief variant"))
        row.addWidget(self.variant)
        row.addWidget(QLabel(self.tr("Paper:"), self))
        self.paper = QComboBox(self)
        self.paper.addItem("A4", "a4")
        self.paper.addItem(self.tr("US Letter"), "letter")
        self.paper.setCurrentIndex(max(self.paper.findData(default_paper()), 0))
        self.paper.setAccessibleName(self.tr("Paper size"))
        row.addWidget(self.paper)
        outer.addLayout(row)
        actions = QHBoxLayout()
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password for exported files (optional)"))
        self.password.setAccessibleName(self.tr("Password for exported files"))
        # Reached by a click only: Tab and typing meant for elsewhere never land in it.
        self.password.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        actions.addWidget(self.password, 1)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        actions.addWidget(self.export_button)
        actions.addWidget(self.print_button)
        self.status = QLabel(self)
        actions.addWidget(self.status)
        outer.addLayout(actions)
        self.variant_note = QLabel(
            self.tr(
                "Customer copy: the deal's title and account, you and your company, the "
                "meeting's date, time, title and agenda, your note for the customer, the names "
                "of those attending and our current proposal. Nothing internal."
            ),
            self,
        )
        self.variant_note.setWordWrap(True)
        self.variant_note.hide()
        outer.addWidget(self.variant_note)

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Brief preview"))
        outer.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        self.variant.currentIndexChanged.connect(
            lambda _i: self.variant_note.setVisible(
                self.variant.currentData() == Variant.REDACTED.value
            )
        )
        for combo in (self.meeting, self.variant, self.paper):
            combo.currentIndexChanged.connect(lambda _i: self.rebuild())
        self.export_button.clicked.connect(self.export)
        self.print_button.clicked.connect(self.print_brief)

    # ------------------------------------------------------------ building

    def show_sheet(self, sheet: DealSheet) -> None:
        if self._sheet is None or self._sheet.id != sheet.id:
            self.password.clear()  # one deal's password never encrypts the next one's export
        self._sheet = sheet
        self._fill_meetings(sheet)
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def _fill_meetings(self, sheet: DealSheet) -> None:
        chosen = self.meeting.currentData()
        self.meeting.blockSignals(True)
        self.meeting.clear()
        self.meeting.addItem(self.tr("The next meeting"), NEXT_MEETING)
        lang = language()
        for m in sorted(sheet.meetings, key=lambda m: m.date):
            label = format_date(m.date, lang) + (f" — {m.title}" if m.title else "")
            self.meeting.addItem(label, m.date.isoformat())
        self.meeting.setCurrentIndex(max(self.meeting.findData(chosen), 0))
        self.meeting.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._timer.start(0)

    def _chosen_meeting(self, sheet: DealSheet) -> Meeting | None:
        data = self.meeting.currentData()
        on = None if data in (None, NEXT_MEETING) else date.fromisoformat(data)
        return meeting_for(sheet, self.session.today(), on)

    def request(self) -> BriefRequest | None:
        sheet = self._sheet
        if sheet is None:
            return None
        profile = self._profile()
        variant = Variant(self.variant.currentData())
        return BriefRequest(
            sheet=sheet,
            analysis=analyse(sheet, self.session.today(), profile.cadence),
            profile=profile,
            meeting=self._chosen_meeting(sheet),
            variant=variant,
            paper=self.paper.currentData(),
            # The customer copy in the language the deal's customer reads.
            lang=brief_language(sheet, variant.value),
            generated_at=self._generated_at,
        )

    def rebuild(self) -> None:
        from salesdesk.brief.document import build_pdf

        self._timer.stop()
        self._generated_at = datetime.now()
        request = self.request()
        if request is None:
            return
        started = time.perf_counter()
        self.pdf = build_pdf(request)
        self.build_seconds = time.perf_counter() - started
        self._stale = False
        # QPdfDocument reads from the buffer: a fresh one per PDF, kept alive with it.
        page = self.view.pageNavigator().currentPage()
        self.document.close()
        old = self._buffer
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        old.deleteLater()
        if 0 < page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPoint())
        status = self.tr("%n page(s), built in {ms} ms", "", self.document.pageCount()).format(
            ms=round(self.build_seconds * 1000)
        )
        from salesdesk.brief.fonts import take_missing

        missing = take_missing()
        if missing:
            # Never silent boxes: say which characters no font on this machine has.
            status += " — " + self.tr("no font on this machine prints: {chars}").format(
                chars=" ".join(missing)
            )
        self.status.setText(status)
        log.debug("brief rebuilt in %.0f ms", self.build_seconds * 1000)

    def current_pdf(self) -> bytes:
        if self._stale or not self.pdf:
            self.rebuild()
        return self.pdf

    # ------------------------------------------------------------ export and print

    def export(self) -> None:
        from salesdesk.brief.document import write_brief

        self.current_pdf()
        request = self.request()
        if request is None:
            return
        password = self.password.text() or None
        if not self._password_ok(password):
            return
        title = request.sheet.title
        if request.variant is Variant.REDACTED:
            name = self.tr("{title} customer copy").format(title=title)
        else:
            name = self.tr("{title} brief").format(title=title)
        path = file_dialogs.save_file_name(
            self,
            self.tr("Export the brief"),
            safe_file_name(name, 80) + ".pdf",
            self.tr("PDF (*.pdf)"),
        )
        if not path:
            return
        target = Path(path)
        if not write_or_warn(
            self,
            self.tr("Brief not written"),
            target,
            lambda: write_brief(target, request, password),
        ):
            return
        self.status.setText(self.tr("Exported to {file}").format(file=target))

    def _password_ok(self, password: str | None) -> bool:
        """A password every reader takes as typed, or the reason why not, said once."""
        from salesdesk.brief.protect import check_password

        try:
            check_password(password)
        except InputError as exc:
            QMessageBox.warning(self, self.tr("Brief not written"), exc.message)
            self.password.setFocus()
            return False
        return True

    def print_brief(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the brief"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Every page rendered at the printer's own resolution; returns the pages printed."""
        self.current_pdf()
        document = self.document
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Not printed"), self.tr("The printer is not ready."))
            return 0
        try:
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                size = QSize(round(points.width() * scale), round(points.height() * scale))
                painter.drawImage(QRect(QPoint(0, 0), size), document.render(page, size))
        finally:
            painter.end()
        return document.pageCount()


class PackDialog(QDialog):
    """The dates of the pack, its variant and an optional password."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a meeting pack"))
        form = QFormLayout(self)
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for edit, day in ((self.start, today), (self.end, today + timedelta(days=7))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())
            edit.setDate(QDate(day.year, day.month, day.day))
        form.addRow(self.tr("&From"), self.start)
        form.addRow(self.tr("&To"), self.end)
        self.variant = QComboBox(self)
        self.variant.addItem(self.tr("Full"), Variant.FULL.value)
        self.variant.addItem(self.tr("Customer copy"), Variant.REDACTED.value)
        form.addRow(self.tr("&Variant"), self.variant)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Password (optional)"), self.password)
        self.problem = error_label(self)
        form.addRow(self.problem)
        form.addRow(ok_cancel(self))

    def dates(self) -> tuple[date, date]:
        start, end = self.start.date(), self.end.date()
        return (
            date(start.year(), start.month(), start.day()),
            date(end.year(), end.month(), end.day()),
        )

    def accept(self) -> None:
        from salesdesk.brief.protect import check_password

        start, end = self.dates()
        problem = self.tr("The end is before the start.") if end < start else ""
        try:
            check_password(self.password.text() or None)
        except InputError as exc:
            problem = problem or exc.message
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()

    def write_pack(self, db: Database, today: date) -> Path | None:
        from salesdesk.brief.pack import PackCancelled, build_pack
        from salesdesk.brief.requests import pack_requests
        from salesdesk.files import atomic_write_bytes

        parent = self.parentWidget() or self
        start, end = self.dates()
        requests = pack_requests(
            db,
            start,
            end,
            today,
            variant=Variant(self.variant.currentData()),
            paper=default_paper(),
            lang=None,
        )
        if not requests:
            QMessageBox.information(
                parent,
                self.tr("No meeting"),
                self.tr("There is no meeting from {start} to {end}.").format(
                    start=format_date(start, language()), end=format_date(end, language())
                ),
            )
            return None
        name = self.tr("meeting pack {start} {end}").format(
            start=start.isoformat(), end=end.isoformat()
        )
        path = file_dialogs.save_file_name(
            parent, self.tr("Export the pack"), name + ".pdf", self.tr("PDF (*.pdf)")
        )
        if not path:
            return None
        progress = QProgressDialog(
            self.tr("Building the briefs…"), self.tr("Cancel"), 0, len(requests), parent
        )
        progress.setWindowTitle(self.tr("Meeting pack"))
        progress.setMinimumDuration(0)
        progress.setValue(0)

        def advance(done: int, total: int, label: str) -> None:
            progress.setValue(done)
            progress.setLabelText(
                self.tr("Brief {done} of {total}: {label}").format(
                    done=done, total=total, label=label
                )
            )
            QApplication.processEvents()

        try:
            # One process: forking a running Qt application is not safe.
            pdf = build_pack(
                requests,
                start,
                end,
                password=self.password.text() or None,
                progress=advance,
                workers=1,
                cancelled=progress.wasCanceled,
                lang=language(),
            )
        except PackCancelled:
            return None
        finally:
            progress.close()
        target = Path(path)
        if not write_or_warn(
            parent, self.tr("Pack not written"), target, lambda: atomic_write_bytes(target, pdf)
        ):
            return None
        return target


def export_pack(parent: QWidget, db: Database, today: date) -> Path | None:
    """Ask for the dates and the file, build the pack with a progress dialog that can
    be cancelled, and write it atomically. Returns the file written."""
    dialog = PackDialog(today, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.write_pack(db, today)
