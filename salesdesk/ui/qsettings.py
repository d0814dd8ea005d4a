"""Window state in QSettings: every key declared once, with its type and default."""

from __future__ import annotations

from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


class Key(Generic[T]):
    # A plain class: dataclasses would be one more import before the window shows.
    __slots__ = ("default", "name")

    def __init__(self, name: str, default: T) -> None:
        self.name = name
        self.default = default


GEOMETRY = Key("window/geometry", QByteArray())
WINDOW_STATE = Key("window/state", QByteArray())
SPLITTER = Key("window/splitter", QByteArray())
DEAL_COLUMNS = Key("deal_list/header", QByteArray())
LAST_DEAL = Key("deal_list/last_deal", 0)
# The folder of the last file opened or saved: the next file dialog starts there.
LAST_FOLDER = Key("files/last_folder", "")
# "" follows the system's locale; "en" or "fr" chosen in the settings.
LANGUAGE = Key("app/language", "")


def settings() -> QSettings:
    return QSettings()


def read(key: Key[T]) -> T:
    value: Any = settings().value(key.name, key.default)
    default = key.default
    if value is None:
        return default
    if isinstance(default, bool):
        return cast(T, value in (True, "true", "1", 1))
    if isinstance(default, int):
        try:
            return cast(T, int(value))
        except (TypeError, ValueError):
            return default
    if isinstance(default, QByteArray) and not isinstance(value, QByteArray):
        return default
    return cast(T, value)


def write(key: Key[T], value: T) -> None:
    settings().setValue(key.name, value)


def last_folder(name: str = "") -> str:
    """Where a file dialog starts: the folder used last (else home), with `name` in it."""
    from pathlib import Path

    folder = Path(read(LAST_FOLDER) or Path.home())
    if not folder.is_dir():
        folder = Path.home()
    return str(folder / name) if name else str(folder)


def remember_folder(path: str) -> None:
    """Remember the folder of a file the rep chose."""
    from pathlib import Path

    if path:
        write(LAST_FOLDER, str(Path(path).parent))
