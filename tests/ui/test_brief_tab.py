"""The Brief tab: the exact PDF, export, print to a PDF printer, and the pack."""

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog

from salesdesk.ui.editor.brief_tab import PackDialog
from tests.ui.conftest import TODAY, deal_ids


def text_of(pdf: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    if password:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def brief(window, qtbot):
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    tab = window.editor.brief
    window.editor.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.document.pageCount() > 0, timeout=10000)
    return tab


def test_the_tab_shows_the_brief_and_follows_the_deal(window, brief, qtbot):
    assert brief.document.pageCount() == len(PdfReader(io.BytesIO(brief.pdf)).pages)
    text = text_of(brief.pdf)
    assert "Renouvellement cartons 2027" in text and "BATNA" in text
    assert "pages, built in" in brief.status.text()
    window.session.edit("title", lambda s: setattr(s, "title", "Cartons 2027–2029"))
    qtbot.waitUntil(lambda: "Cartons 2027–2029" in text_of(brief.pdf), timeout=5000)


def test_the_tab_names_characters_no_font_prints(window, brief, qtbot):
    hieroglyph = "\U00013000"  # in none of the fonts tools/bootstrap.sh installs
    window.session.edit("title", lambda s: setattr(s, "title", f"Cartons {hieroglyph}"))
    qtbot.waitUntil(lambda: hieroglyph in brief.status.text(), timeout=5000)
    assert "no font on this machine prints" in brief.status.text()
    before = brief.pdf
    window.session.edit("title", lambda s: setattr(s, "title", "Cartons"))
    qtbot.waitUntil(lambda: brief.pdf != before, timeout=5000)
    assert "pages, built in" in brief.status.text()
    assert "no font" not in brief.status.text()


def test_the_redacted_variant_hides_the_figures(brief):
    sheet = brief._sheet
    brief.variant.setCurrentIndex(brief.variant.findData("redacted"))
    text = text_of(brief.pdf)
    assert sheet.title in text
    assert "Walk-away" not in text and "BATNA" not in text
    walk_away = sheet.terms[1].walk_away  # 320 000 cartons
    assert "320,000" not in text and "320000" not in text
    assert walk_away == 320000


def test_export_with_a_password_and_an_unwritable_target(brief, tmp_path, monkeypatch):
    target = tmp_path / "brief.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    brief.password.setText("s3cret")
    brief.export()
    reader = PdfReader(target)
    assert reader.is_encrypted
    assert "Renouvellement" in text_of(target.read_bytes(), "s3cret")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    blocked = tmp_path / "missing-folder" / "brief.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocked), ""))
    brief.export()
    assert not blocked.exists()
    assert warnings and str(blocked) in warnings[0] and "No such file" in warnings[0]


def test_printing_to_a_pdf_printer_prints_every_page(brief, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = brief.print_to(printer)
    assert printer.resolution() >= 300
    assert pages == brief.document.pageCount() == len(PdfReader(out).pages)


def test_the_pack_with_progress_and_cancel(window, tmp_path, monkeypatch):
    def accept(dialog: PackDialog) -> int:
        dialog.start.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
        end = TODAY + timedelta(days=30)
        dialog.end.setDate(QDate(end.year, end.month, end.day))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PackDialog, "exec", accept)
    target = tmp_path / "pack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_pack()
    reader = PdfReader(target)
    titles = [item.title for item in reader.outline]
    assert titles[0] == "Contents" and len(titles) >= 3
    assert "Meeting pack written to" in window.statusBar().currentMessage()
    target.unlink()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    window.export_pack()
    assert not target.exists()
