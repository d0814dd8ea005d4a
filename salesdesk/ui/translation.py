"""The app's language: the setting, else the system's locale; Qt's catalogues loaded.

Two catalogues serve one language: ours (`resources/i18n/salesdesk_<lang>.qm`, the
strings of `self.tr()`) and Qt's own (`qtbase_<lang>.qm`, the standard dialogs'
buttons). English, the source language, has only ours, for its plural forms
("%Ln deal(s)" → "1 deal", "100,000 deals"). Headless strings come from gettext
(`salesdesk.i18n`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from salesdesk.i18n import language, set_language
from salesdesk.paths import resource_path
from salesdesk.ui import qsettings

log = logging.getLogger(__name__)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A string of `context` for code outside a QObject's methods: `pyside6-lupdate` files
    the calls of a function of this name under the context they give, as Qt's own
    `QCoreApplication.translate` (a `window.tr()` is filed under "window" but looked up
    under "MainWindow": it was never translated)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def apply_language(app: QCoreApplication) -> str:
    """Choose the language, install the translators; returns the language code."""
    chosen = qsettings.read(qsettings.LANGUAGE)
    if chosen:
        set_language(chosen)
    lang = language()
    QLocale.setDefault(
        QLocale(QLocale.Language.French if lang == "fr" else QLocale.Language.English)
    )
    catalogues = [(f"salesdesk_{lang}", str(resource_path("i18n")))]
    if lang != "en":  # English's own catalogue holds its plural forms only
        catalogues.append(
            (f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        )
    for name, folder in catalogues:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
        else:
            log.warning("no %s translation in %s", name, folder)
    return lang
