"""A line above the panes asking the rep's name and company, while the profile has none."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)


class ProfileBanner(QFrame):
    """Name and company for the briefs ("Prepared by …"); "Not now" skips it until next start."""

    saved = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.message = QLabel(self.tr("Your briefs are signed with your name:"), self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Your name"))
        self.name.setAccessibleName(self.tr("Your name"))
        self.company = QLineEdit(self)
        self.company.setPlaceholderText(self.tr("Your company"))
        self.company.setAccessibleName(self.tr("Your company"))
        self.save = QPushButton(self.tr("Save"), self)
        self.later = QPushButton(self.tr("Not now"), self)
        self.save.setEnabled(False)
        layout.addWidget(self.message)
        layout.addWidget(self.name, 2)
        layout.addWidget(self.company, 2)
        layout.addWidget(self.save)
        layout.addWidget(self.later)
        self.name.textChanged.connect(lambda text: self.save.setEnabled(bool(text.strip())))
        self.name.returnPressed.connect(self._save)
        self.company.returnPressed.connect(self._save)
        self.save.clicked.connect(self._save)
        self.later.clicked.connect(self.hide)

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.name.setFocus()
            return
        self.saved.emit(name, self.company.text().strip())
        self.hide()
