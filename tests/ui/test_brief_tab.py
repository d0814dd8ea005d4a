"""The Brief tab: the exact PDF, export, print to a PDF printer, and the pack."""

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog

from salesdesk.ui import file_dialogs
from salesdesk.ui.editor.brief_tab import PackDialog
from tests.ui.conftest import TODAY, answer_files, deal_ids


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
    window.workspace.session.edit("title", lambda s: setattr(s, "title", "Cartons 2027–2029"))
    qtbot.waitUntil(lambda: "Cartons 2027–2029" in text_of(brief.pdf), timeout=5000)


def test_the_tab_names_characters_no_font_prints(window, brief, qtbot):
    hieroglyph = "\U00013000"  # in none of the fonts tools/bootstrap.sh installs
    window.workspace.session.edit("title", lambda s: setattr(s, "title", f"Cartons {hieroglyph}"))
    qtbot.waitUntil(lambda: hieroglyph in brief.status.text(), timeout=5000)
    assert "no font on this machine prints" in brief.status.text()
    before = brief.pdf
    window.workspace.session.edit("title", lambda s: setattr(s, "title", "Cartons"))
    qtbot.waitUntil(lambda: brief.pdf != before, timeout=5000)
    assert "pages, built in" in brief.status.text()
    assert "no font" not in brief.status.text()


def test_the_redacted_variant_hides_the_figures(window, brief):
    sheet = window.workspace.sheet
    assert brief.variant_note.isHidden()
    brief.variant.setCurrentIndex(brief.variant.findData("redacted"))
    assert brief.variant.currentText() == "Customer copy"
    assert brief.variant_note.isVisible() and "Nothing internal" in brief.variant_note.text()
    text = text_of(brief.pdf)
    assert "Conclure" not in text  # the objectives stay internal
    assert sheet.title in text
    assert "Walk-away" not in text and "BATNA" not in text
    walk_away = sheet.terms[1].walk_away  # 320 000 cartons
    assert "320,000" not in text and "320000" not in text
    assert walk_away == 320000


def test_export_with_a_password_and_an_unwritable_target(brief, tmp_path, monkeypatch):
    target = tmp_path / "brief.pdf"
    answer_files(monkeypatch, target)
    brief.password.setText("s3cret")
    brief.export()
    reader = PdfReader(target)
    assert reader.is_encrypted
    assert "Renouvellement" in text_of(target.read_bytes(), "s3cret")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    blocked = tmp_path / "missing-folder" / "brief.pdf"
    answer_files(monkeypatch, blocked)
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
    answer_files(monkeypatch, target)
    window.export_pack()
    reader = PdfReader(target)
    titles = [item.title for item in reader.outline]
    assert titles[0] == "Contents" and len(titles) >= 3
    assert "Meeting pack written to" in window.statusBar().currentMessage()
    target.unlink()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    window.export_pack()
    assert not target.exists()


@pytest.mark.parametrize("new", [True, False], ids=["new deal", "old deal"])
def test_the_preview_shows_what_was_just_typed(window, qtbot, tmp_path, monkeypatch, new):
    """Title, account and value typed a moment ago — the typing pause not yet passed, as
    when the rep clicks the Brief tab straight away — are in the preview, in the fields
    and in the exported file: a refresh caused by one field never puts back the old text
    of another that is being typed."""
    if new:
        window.new_deal()
    else:
        window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    overview = window.editor.overview
    tab = window.editor.brief
    window.editor.setCurrentWidget(tab)  # a preview built from the deal as it was
    qtbot.waitUntil(lambda: tab.document.pageCount() > 0, timeout=10000)
    window.editor.setCurrentWidget(overview)
    overview.title.setFocus()
    for edit, text in (
        (overview.title, "Ferry fleet refit"),
        (overview.account, "Northern Isles Shipping"),
        (overview.value.edit, "480000"),
    ):
        edit.selectAll()
        qtbot.keyClicks(edit, text)
    window.editor.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "Ferry fleet refit" in text_of(tab.pdf), timeout=15000)
    qtbot.wait(1000)  # every pending timer (typing pause, rebuild, save) has fired
    shown = tab.document.getAllText(0).text()  # what the preview widget holds
    for text in (shown, text_of(tab.pdf)):
        assert "Ferry fleet refit" in text and "Northern Isles Shipping" in text
        assert "480,000" in text
        assert "New deal" not in text and "New account" not in text
    assert overview.account.text() == "Northern Isles Shipping"
    target = tmp_path / "exported.pdf"
    answer_files(monkeypatch, target)
    tab.export()
    assert text_of(target.read_bytes()) == text_of(tab.pdf)


def test_export_from_the_menu_takes_the_typing_in_progress(window, qtbot, tmp_path, monkeypatch):
    window.new_deal()
    overview = window.editor.overview
    overview.title.setFocus()
    qtbot.keyClicks(overview.title, "Ferry fleet refit")
    target = tmp_path / "exported.pdf"
    answer_files(monkeypatch, target)
    window.export_brief()  # Ctrl+E with the cursor still in the title
    assert "Ferry fleet refit" in text_of(target.read_bytes())


def test_typing_in_progress_is_kept_when_another_deal_is_opened(window, qtbot):
    ids = deal_ids(window)
    window.open_deal(ids["Renouvellement cartons 2027"])
    overview = window.editor.overview
    overview.title.setFocus()
    overview.title.selectAll()
    qtbot.keyClicks(overview.title, "Cartons 2027-2029")
    window.open_deal(ids["Fleet telematics roll-out, 240 vehicles"])
    window.open_deal(ids["Renouvellement cartons 2027"])
    assert window.workspace.session.sheet.title == "Cartons 2027-2029"


def test_a_password_readers_would_read_differently_is_refused_before_asking_where(
    brief, tmp_path, monkeypatch
):
    asked: list[str] = []
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: asked.append("asked") or "")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    brief.password.setText("\ufb01nance")  # the ligature ﬁ: SASLprep reads "finance"
    brief.export()
    assert asked == []
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert "do not all read as typed" in warnings[0]


def test_the_pack_dialog_refuses_such_a_password_with_its_reason(qtbot):
    dialog = PackDialog(TODAY)
    qtbot.addWidget(dialog)
    dialog.password.setText("cafe\u0301")  # é as e + a combining accent
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "do not all read as typed" in dialog.problem.text()
    dialog.password.setText("café")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
