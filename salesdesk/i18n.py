"""Translation for headless code (domain, store, interop, CLI).

`_()` translates at call time, `N_()` only marks a constant for extraction so that
module-level tables stay importable before a language is chosen. The catalogue is
a gettext `.mo` in `resources/locale/<lang>/LC_MESSAGES/salesdesk.mo`; with none
installed the English source text is used.
"""

from __future__ import annotations

import gettext
import os

_translation: gettext.NullTranslations | None = None
_language: str | None = None

SUPPORTED = ("en", "fr")


def detect_language() -> str:
    """The language of the user's locale, `SALESDESK_LANG` first."""
    for var in ("SALESDESK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            code = value.split(":")[0][:2].lower()
            return code if code in SUPPORTED else "en"
    return "en"


def language() -> str:
    global _language
    if _language is None:
        _language = detect_language()
    return _language


def set_language(lang: str) -> None:
    global _language, _translation
    _language = lang if lang in SUPPORTED else "en"
    _translation = None


def _catalogue() -> gettext.NullTranslations:
    global _translation
    if _translation is None:
        from salesdesk.paths import resource_path

        _translation = gettext.translation(
            "salesdesk",
            localedir=str(resource_path("locale")),
            languages=[language()],
            fallback=True,
        )
    return _translation


def _(message: str) -> str:
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue().ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message
