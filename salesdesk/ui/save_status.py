"""The status bar's word on saving the open deal, and the rep's choice when someone else
changed the same fields meanwhile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

if TYPE_CHECKING:
    from datetime import datetime

    from salesdesk.ui.session import DealSession


class SaveStatus(QLabel):
    """ "Saved at 10:42:07", "Not saved"…, following a `DealSession`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: DealSession | None = None
        # Someone else's version merged into the save under way (said once saved).
        self._merged_version: int | None = None

    def follow(self, session: DealSession) -> None:
        self.session = session
        session.saved.connect(self._saved)
        session.failed.connect(self._failed)
        session.conflict.connect(self._conflict)
        session.merged.connect(self._merged)

    def _saved(self, when: datetime) -> None:
        text = self.tr("Saved at {time}").format(time=when.strftime("%H:%M:%S"))
        if self._merged_version is not None:
            text = self.tr(
                "Saved at {time} with the changes someone else saved meanwhile (version {v})"
            ).format(time=when.strftime("%H:%M:%S"), v=self._merged_version)
            self._merged_version = None
        self.setText(text)

    def _conflict(self, clashes: list[object]) -> None:
        """Someone else changed the same fields: the rep chooses, then it is saved."""
        from salesdesk.domain.merge import Clash
        from salesdesk.ui.conflict_dialog import ConflictDialog

        if self.session is None or self.session.sheet is None:
            return
        self.setText(self.tr("Not saved: changed by someone else"))
        dialog = ConflictDialog(
            [c for c in clashes if isinstance(c, Clash)], self.session.sheet.title, self.window()
        )
        dialog.exec()  # closing it keeps their values, as the choices preset
        self.session.resolve(dialog.chosen_mine())

    def _merged(self, version: int) -> None:
        self._merged_version = version

    def _failed(self, message: str) -> None:
        self.setText(self.tr("Not saved"))
        QMessageBox.warning(self.window(), self.tr("Not saved"), message)
