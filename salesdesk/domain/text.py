"""Text helpers shared by search and matching."""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """Case- and accent-free form: `Société Générale` → `societe generale`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())
