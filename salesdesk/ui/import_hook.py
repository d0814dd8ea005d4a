"""A lighter PySide import hook: the same check, without the source cache.

Once PySide6 is imported, every later import runs its `__feature__` hook, which asks
whether the new module mentions "PySide6" by calling `inspect.getsource()`. That
reads, decodes and keeps each module's whole source in `linecache`: about 0.1 s and
some megabytes over the store's ~300 modules at start, more when matplotlib comes.
The check below gives the same answer by reading the file's bytes and keeps nothing.
"""

from __future__ import annotations

import logging
import sys
from types import ModuleType

log = logging.getLogger(__name__)
FEATURE_MODULE = "shibokensupport.feature"


def mentions_pyside(module: ModuleType) -> bool:
    """Whether the module's source file names PySide6 (False when it has none)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built-in, extension or bytecode-only: inspect could not read it
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighten() -> bool:
    """Swap PySide's check for ours; False (and nothing changed) if PySide moved it."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        log.info("PySide's feature hook not found; its import check is left as is")
        return False
    feature._mod_uses_pyside = mentions_pyside  # type: ignore[attr-defined]
    return True
