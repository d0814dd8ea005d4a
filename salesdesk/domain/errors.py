"""Errors raised for bad input: their message is translated and says what is wrong."""

from __future__ import annotations


class InputError(ValueError):
    """A value a person typed or a file held is not acceptable."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message
