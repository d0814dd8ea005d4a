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
def window(qtbot, tmp_path):
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
