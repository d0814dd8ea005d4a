"""Translation for headless code (domain, store, interop, CLI).

`_()` translates at call time, `N_()` only marks a constant for extraction so that
module-level tables stay importable before a language is chosen. The catalogue is
a gettext `.mo` in `resources/locale/<lang>/LC_MESSAGES/salesdesk.mo`; with none
installed the English source text is used.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_catalogues: dict[str, gettext.NullTranslations] = {}
_language: str | None = None
# A language spoken for a while by one thread (a customer copy in the customer's
# language), without changing the app's for the others.
_speaking: ContextVar[str | None] = ContextVar("salesdesk_speaking", default=None)

SUPPORTED = ("en", "fr")
# Each language in its own words, as a person choosing it looks for it.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


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
    spoken = _speaking.get()
    if spoken is not None:
        return spoken
    if _language is None:
        _language = detect_language()
    return _language


def set_language(lang: str) -> None:
    global _language
    _language = lang if lang in SUPPORTED else "en"


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Translate into `lang` inside the block, in this thread only (None: the app's)."""
    chosen = lang if lang in SUPPORTED else language()
    token = _speaking.set(chosen)
    try:
        yield chosen
    finally:
        _speaking.reset(token)


def _catalogue() -> gettext.NullTranslations:
    lang = language()
    found = _catalogues.get(lang)
    if found is None:
        from salesdesk.paths import resource_path

        found = _catalogues[lang] = gettext.translation(
            "salesdesk",
            localedir=str(resource_path("locale")),
            languages=[lang],
            fallback=True,
        )
    return found


def _(message: str) -> str:
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue().ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message
