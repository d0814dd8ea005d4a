"""Text helpers shared by search and matching."""

from __future__ import annotations

import hashlib
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
    }
)


def search_key(text: str) -> str:
    """Case- and accent-free form: `Société Générale` → `societe generale`, `Łódź` → `lodz`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


# The stored key's column holds this many characters. Title and account (300 each) fit,
# but a few characters unfold into many (“ﷺ” into 18, “㈱” into 3), and a key cut short
# only loses its very end, where a save refused by the database would lose the deal.
DEAL_KEY_LENGTH = 700


def deal_search_key(title: str, account: str) -> str:
    """The key a deal is found by: its title and account, as `search_key` folds them."""
    return search_key(f"{title} {account}")[:DEAL_KEY_LENGTH]


# An account is known by its folded name, in a column of this many characters.
ACCOUNT_KEY_LENGTH = 300


def account_key(name: str) -> str:
    """The key an account is known by: its name as `search_key` folds it. A name that
    unfolds past the column keeps its start and a digest of the whole, so two such
    names stay two accounts."""
    key = search_key(name)
    if len(key) <= ACCOUNT_KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"{key[: ACCOUNT_KEY_LENGTH - len(digest) - 1]}#{digest}"
