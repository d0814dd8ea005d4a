from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from salesdesk.i18n import set_language
from salesdesk.paths import resource_path
from salesdesk.ui import import_hook

import_hook.lighten()  # as the app does at start

TODAY = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def private_qsettings(tmp_path):
    """Window state of the tests never touches the user's own settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    QCoreApplication.setOrganizationName("SalesDesk-tests")
    QCoreApplication.setApplicationName("SalesDesk-tests")
    yield


@pytest.fixture
def french(qapp):
    """The app's French catalogues, Qt's and gettext's, for one test."""
    translator = QTranslator()
    assert translator.load("salesdesk_fr", str(resource_path("i18n")))
    QCoreApplication.installTranslator(translator)
    set_language("fr")
    yield
    QCoreApplication.removeTranslator(translator)
    set_language("en")


@pytest.fixture
def english(qapp):
    """English's own catalogue, of plural forms only, as the app installs it ("1 row")."""
    translator = QTranslator()
    assert translator.load("salesdesk_en", str(resource_path("i18n")))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def window(qtbot, tmp_path, english):
    from salesdesk.ui.main_window import MainWindow

    win = MainWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database(str(tmp_path / "app.db"))
    yield win
    win.close()


def deal_ids(win) -> dict[str, int]:
    return {
        win.model.deal_at(r).title: win.model.deal_at(r).id for r in range(win.model.rowCount())
    }


def wait_saved(qtbot, win) -> None:
    qtbot.waitUntil(lambda: not win.workspace.session.dirty, timeout=3000)


class FileDialogs:
    """The app's file dialogs answered by the test: `answer(title, proposed, saving)`
    returns the file chosen (None: cancelled); `asked` keeps each dialog's title and
    proposed file, `dialogs` the dialogs themselves."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from PySide6.QtWidgets import QDialog, QFileDialog

        self.asked: list[tuple[str, str]] = []
        self.answer = lambda _title, _proposed, _saving: None
        self.dialogs: list[QFileDialog] = []
        chosen: dict[int, str] = {}
        real_selected = QFileDialog.selectedFiles

        def run(dialog: QFileDialog) -> int:
            files = real_selected(dialog)
            proposed = files[0] if files else dialog.directory().absolutePath()
            self.asked.append((dialog.windowTitle(), proposed))
            self.dialogs.append(dialog)
            saving = dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
            path = self.answer(dialog.windowTitle(), proposed, saving)
            if path is None:
                return QDialog.DialogCode.Rejected
            chosen[id(dialog)] = str(path)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(QFileDialog, "exec", run)
        monkeypatch.setattr(
            QFileDialog,
            "selectedFiles",
            lambda dialog: [chosen[id(dialog)]] if id(dialog) in chosen else real_selected(dialog),
        )


@pytest.fixture
def file_dialogs(monkeypatch) -> FileDialogs:
    return FileDialogs(monkeypatch)


def answer_files(monkeypatch: pytest.MonkeyPatch, path: object) -> FileDialogs:
    """Every file dialog from now on answers `path`."""
    dialogs = FileDialogs(monkeypatch)
    dialogs.answer = lambda _title, _proposed, _saving: path
    return dialogs
