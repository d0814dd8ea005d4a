"""The eight-stage relationship path, drawn as a path the rep clicks along."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QToolButton, QWidget

from salesdesk.domain.stages import STAGE_LABELS, Stage
from salesdesk.i18n import _


class StagePath(QWidget):
    stage_chosen = Signal(object)  # Stage

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Two rows of four: the whole path fits a laptop screen beside the deal list.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Stage, QToolButton] = {}
        for stage in Stage:
            row, col = divmod(stage.number - 1, 4)
            if col > 0:
                layout.addWidget(QLabel("›", self), row, 2 * col - 1)
            button = QToolButton(self)
            button.setCheckable(True)
            button.setText(f"{stage.number}. {_(STAGE_LABELS[stage])}")
            button.setAccessibleName(
                self.tr("Stage {n}: {label}").format(n=stage.number, label=_(STAGE_LABELS[stage]))
            )
            button.clicked.connect(lambda _checked=False, s=stage: self.stage_chosen.emit(s))
            self.group.addButton(button)
            self.buttons[stage] = button
            layout.addWidget(button, row, 2 * col)
        layout.setColumnStretch(8, 1)

    def set_stage(self, current: Stage) -> None:
        for stage, button in self.buttons.items():
            button.setChecked(stage is current)
            done = stage.number < current.number
            button.setText(("✓ " if done else "") + f"{stage.number}. {_(STAGE_LABELS[stage])}")
            button.setStyleSheet("font-weight: bold;" if stage is current else "")
