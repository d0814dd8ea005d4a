"""The app in French on a 1280×720 laptop screen: the window never grows past the screen,
the Meetings tab shows its buttons and attendees without scrolling, and every dialog a
rep meets in a week speaks French — its title whole, its words, its file names, its
files' sizes, kinds and dates.

The whole file also runs under Xvfb, with the fonts of a desktop:
`xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/pytest tests/ui/test_french_screen.py`."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from salesdesk.domain.merge import Clash
from salesdesk.i18n import set_language
from salesdesk.paths import resource_path
from salesdesk.ui import qsettings
from salesdesk.ui.backups import OpenProblem
from salesdesk.ui.conflict_dialog import ConflictDialog
from salesdesk.ui.dialogs import title_width
from tests.ui.conftest import TODAY, deal_ids

SCREEN = (1280, 720)
# Words of English a French screen never shows (French shares "Date", "Type", "OK"…).
ENGLISH = re.compile(
    r"\b(the|and|of|to|with|from|file|files|all|cancel|open|save|look|name|size|modified"
    r"|yes|no|pages?|brief|copy|deals?|backups?|databases?|restore|folder|directory"
    r"|computer|back|forward|detail|view|new|delete|rename|show|hidden|close|help"
    r"|meetings?|template|customer|sqlite3|rows?|created|updated)\b",
    re.IGNORECASE,
)
CURRENCY = re.compile(r"[A-Z]{3}")  # ISO codes, the same in every language ("ALL": lek)


@pytest.fixture
def french(qapp):
    """The app's French: our catalogue, Qt's own, French numbers and dates."""
    translators = []
    for name, folder in (
        ("salesdesk_fr", str(resource_path("i18n"))),
        ("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator()
        assert translator.load(name, folder)
        QCoreApplication.installTranslator(translator)
        translators.append(translator)
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French))
    set_language("fr")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)
    set_language("en")


@pytest.fixture
def screen(french, qtbot, tmp_path):
    """The window in French at 1280×720, the Renouvellement deal open."""
    from salesdesk.ui.main_window import MainWindow

    window = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    assert window.open_database(str(tmp_path / "app.db"))
    if window.profile_banner is not None:
        window.profile_banner.hide()
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    yield window
    window.close()


def test_no_deal_in_french_widens_the_window_past_the_screen(screen, qtbot):
    """A stage-4 or stage-6 deal grew the window to 1290–1298 px: its right edge (save
    time, currency, a date's clear button) was cut off."""
    for title, deal_id in deal_ids(screen).items():
        screen.open_deal(deal_id)
        for tab in range(screen.editor.count()):
            screen.editor.setCurrentIndex(tab)
            qtbot.wait(10)
            where = f"{title}, {screen.editor.tabText(tab)}"
            assert screen.minimumSizeHint().width() <= SCREEN[0], where
            assert screen.minimumSizeHint().height() <= SCREEN[1], where
            assert screen.width() <= SCREEN[0], where


def fully_shown(widget: QWidget) -> bool:
    """The whole widget is on screen, none of it scrolled away or cut."""
    region = widget.visibleRegion()
    return not region.isEmpty() and region.boundingRect() == widget.rect()


def test_the_meetings_tab_shows_its_buttons_and_attendees_without_scrolling(screen, qtbot):
    tab = screen.editor.meetings
    screen.editor.setCurrentWidget(tab)
    tab.meeting_table.selectRow(2)  # the third round: five people, four of them attending
    qtbot.wait(50)
    assert screen.width() <= SCREEN[0] and screen.height() <= SCREEN[1]
    for button in (tab.m_add, tab.m_update, tab.m_remove):
        assert fully_shown(button), button.text()
    people = tab.m_attendees
    viewport = people.viewport().rect()
    shown = [
        people.item(i).text()
        for i in range(people.count())
        if viewport.contains(people.visualItemRect(people.item(i)))
    ]
    assert len(shown) > 3 and len(shown) == people.count() == 5
    for field in (tab.m_title, tab.m_customer_note, tab.meeting_table):
        assert fully_shown(field)


# ---------------------------------------------------------------- every dialog, read


def words(dialog: QWidget) -> list[str]:
    """Every word the dialog shows: title, labels, buttons and their tips, fields, lists,
    headers and the cells in sight (a file list's sizes, kinds and dates)."""
    found = [dialog.windowTitle()]
    if isinstance(dialog, QMessageBox):
        found += [dialog.text(), dialog.informativeText()]
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        if not widget.isVisibleTo(dialog):
            continue
        if isinstance(widget, QLabel):
            found.append(re.sub(r"<[^>]+>", " ", widget.text()))
        elif isinstance(widget, QAbstractButton):
            found += [widget.text(), widget.toolTip()]
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QLineEdit):
            found += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            found += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            found.append(widget.toPlainText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, root = widget.model(), widget.rootIndex()
            columns = model.columnCount(root)
            found += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)
            ]
            for row in range(min(model.rowCount(root), 30)):
                found += [str(model.index(row, c, root).data() or "") for c in range(columns)]
    # A path is the rep's own (their folders' names), not the app's words.
    return [w.replace("&", "") for w in found if w and not w.startswith((os.sep, "~"))]


# Quoted, the words are the rep's data: a CRM's columns, a deal's title.
QUOTED = re.compile(r"(?<!\w)'[^'\n]*'(?!\w)|“[^”]*”|«[^»]*»")


def english_in(texts: list[str]) -> list[str]:
    return [t for t in texts if ENGLISH.search(QUOTED.sub("", t)) and not CURRENCY.fullmatch(t)]


class Walker:
    """Reads each dialog the app opens, then answers it as the test says; a dialog the
    test says nothing about is cancelled."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.read: list[tuple[str, list[str], int, int]] = []  # title, words, width, needed
        self.dialogs: list[QWidget] = []
        self.offered: list[str] = []  # the file names the file dialogs proposed
        self._answers: list[Callable[[QWidget], None]] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)

    def run(self, trigger: Callable[[], object], *answers: Callable[[QWidget], None]) -> None:
        self._answers = list(answers)
        self._timer.start()
        try:
            trigger()
        finally:
            self._timer.stop()
        assert not self._answers, "a dialog the test expected was not shown"

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or any(d is dialog for d in self.dialogs):
            return
        self.dialogs.append(dialog)
        answer = self._answers.pop(0) if self._answers else cancel
        # A file list fills from a thread: read it a moment later.
        QTimer.singleShot(400, lambda: self._read_and_answer(dialog, answer))

    def _read_and_answer(self, dialog: QWidget, answer: Callable[[QWidget], None]) -> None:
        try:
            if isinstance(dialog, QFileDialog) and dialog.selectedFiles():
                self.offered.append(Path(dialog.selectedFiles()[0]).name)
            self.read.append(
                (dialog.windowTitle(), words(dialog), dialog.width(), title_width(dialog))
            )
            answer(dialog)
        except Exception:
            cancel(dialog)  # never left open: the test would wait for it forever
            raise


def cancel(dialog: QWidget) -> None:
    if isinstance(dialog, QMessageBox) and dialog.escapeButton() is not None:
        dialog.escapeButton().click()
    elif isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()


def choose(path: Path) -> Callable[[QWidget], None]:
    """The file typed in the dialog's name field, then Open (as a rep does)."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        assert dialog.directory().absolutePath() == str(path.parent)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(path.name)
        dialog.accept()

    return answer


def press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(button).click()

    return answer


def click(text: str) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        next(b for b in dialog.buttons() if b.text().startswith(text)).click()

    return answer


def accept(dialog: QWidget) -> None:
    assert isinstance(dialog, QDialog)
    dialog.accept()


@pytest.fixture
def folder(screen, tmp_path):
    """The rep's folder, where the file dialogs open: a backup and a CRM export in it,
    written at 14:54 on 6 December 2026."""
    place = tmp_path / "dossier"
    place.mkdir()
    screen.workspace.back_up(place / "sauvegarde.db")
    (place / "export-crm.csv").write_text(
        "Record ID;Deal Name;Deal Stage;Close Date;Amount;Associated Company\n"
        "7;Grand contrat;Contract sent;27/11/2026;25 000,00 €;Société X\n",
        encoding="utf-8",
    )
    stamp = datetime(2026, 12, 6, 14, 54).timestamp()
    for path in place.iterdir():
        os.utime(path, (stamp, stamp))
    qsettings.write(qsettings.LAST_FOLDER, str(place))
    return place


def test_every_dialog_of_a_week_speaks_french(screen, folder, qtbot):
    walker = Walker(qtbot)
    acts, editor = screen.acts, screen.editor
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    walker.run(acts.import_crm.trigger, choose(folder / "export-crm.csv"), cancel)
    walker.run(acts.import_deal.trigger)
    walker.run(acts.export_deal.trigger)
    walker.run(acts.export_list.trigger)
    walker.run(acts.export_ics.trigger)
    walker.run(acts.backup.trigger)
    walker.run(editor.brief.export)
    walker.run(acts.export_pack.trigger, accept)
    walker.run(editor.save_template)
    walker.run(acts.from_template.trigger)
    walker.run(acts.settings.trigger)
    walker.run(acts.team.trigger)
    walker.run(acts.approvals.trigger)
    walker.run(acts.delete.trigger, press(no))
    walker.run(acts.about.trigger)
    walker.run(lambda: editor.worksheet.price_button.click())
    walker.run(lambda: editor.ledger.ours_button.click())
    walker.run(lambda: editor.ledger.theirs_button.click())
    clash = Clash(None, None, "title", "", "Cartons 2027", "Cartons 2027-2028")
    walker.run(lambda: ConflictDialog([clash], "Renouvellement cartons 2027", screen).exec())
    problem = OpenProblem("La base app.db est endommagée.")
    walker.run(lambda: screen.choose_database(problem), click("Choisir un autre fichier"), cancel)
    walker.run(acts.restore.trigger, choose(folder / "sauvegarde.db"), press(yes))
    status = screen.statusBar().currentMessage()

    titles = [title for title, *_ in walker.read]
    assert "Importer un export de CRM" in titles and "Restaurer une sauvegarde" in titles
    english = {title: english_in(texts) for title, texts, *_ in walker.read}
    assert not any(english.values()), {t: e for t, e in english.items() if e}
    cut = [(title, width, needed) for title, _, width, needed in walker.read if width < needed]
    assert not cut, cut  # "Enregi…sDesk"
    assert status.startswith("Sauvegarde restaurée")
    assert not english_in([status.split(str(folder.parent))[0]])  # the path aside

    offered = set(walker.offered)
    assert "Fiche Renouvellement cartons 2027.pdf" in offered  # not "… brief.pdf"
    assert {"affaires.csv", "rendez-vous.ics"} <= offered
    listing = next(texts for title, texts, *_ in walker.read if title == "Restaurer une sauvegarde")
    assert "06/12/2026 14:54" in listing, listing  # not "6 12 2026 14:54"
    assert "Fichier DB" in listing


def test_the_brief_counts_its_pages_in_french(screen, qtbot):
    tab = screen.editor.brief
    screen.editor.setCurrentWidget(tab)
    tab.variant.setCurrentIndex(tab.variant.findData("redacted"))
    qtbot.waitUntil(lambda: "construit" in tab.status.text(), timeout=15000)
    pages = tab.document.pageCount()
    expected = "1 page, construite en" if pages == 1 else f"{pages} pages, construites en"
    assert tab.status.text().startswith(expected), tab.status.text()
