"""The eight-stage relationship path, drawn as a path the rep clicks along.

A stage before the deal's is done (✓) when some item of its checklist was ticked, and
skipped (↷, greyed) when none was: a deal moved straight to a later stage has not done
the earlier ones, and the line under the path says which it passed over.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QToolButton, QWidget

from salesdesk.domain.stages import STAGE_LABELS, Stage, skipped_stages
from salesdesk.i18n import _
from salesdesk.ui.models.terms import two_lines

DONE, SKIPPED = "✓ ", "↷ "
# A stage's name longer than this goes on two lines: the path stays narrow in French.
LONGEST_LINE = 13


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
            button.setAccessibleName(
                self.tr("Stage {n}: {label}").format(n=stage.number, label=_(STAGE_LABELS[stage]))
            )
            button.clicked.connect(lambda _checked=False, s=stage: self.stage_chosen.emit(s))
            self.group.addButton(button)
            self.buttons[stage] = button
            layout.addWidget(button, row, 2 * col)
            self._keep_width(stage, button)
        layout.setColumnStretch(8, 1)
        # Says which earlier stages were passed over (hidden when none was).
        self.skipped_note = QLabel(self)
        self.skipped_note.setWordWrap(True)
        self.skipped_note.setAccessibleName(self.tr("Stages skipped"))
        self.skipped_note.hide()
        layout.addWidget(self.skipped_note, 2, 0, 1, 9)

    @staticmethod
    def _text(stage: Stage, mark: str = "") -> str:
        return mark + two_lines(f"{stage.number}. {_(STAGE_LABELS[stage])}", LONGEST_LINE)

    def _keep_width(self, stage: Stage, button: QToolButton) -> None:
        """The button as wide as its widest state: the path never widens the window when
        a deal at a later stage opens (it grew past a 1280-pixel screen in French)."""
        widest = 0
        for mark in ("", DONE, SKIPPED):
            for style in ("", "font-weight: bold;", "font-style: italic;"):
                button.setText(self._text(stage, mark))
                button.setStyleSheet(style)
                button.ensurePolished()
                widest = max(widest, button.sizeHint().width())
        button.setStyleSheet("")
        button.setMinimumWidth(widest)

    def set_stage(self, current: Stage, checklist: Mapping[str, Sequence[int]]) -> None:
        skipped = skipped_stages(current, checklist)
        for stage, button in self.buttons.items():
            button.setChecked(stage is current)
            passed = stage.number < current.number
            mark = (SKIPPED if stage in skipped else DONE) if passed else ""
            button.setText(self._text(stage, mark))
            if stage is current:
                button.setStyleSheet("font-weight: bold;")
            elif stage in skipped:
                button.setStyleSheet("font-style: italic; color: palette(placeholder-text);")
            else:
                button.setStyleSheet("")
            name = f"{stage.number}. {_(STAGE_LABELS[stage])}"
            button.setToolTip(
                self.tr("{stage}: skipped, no item of its checklist was ticked").format(stage=name)
                if stage in skipped
                else ""
            )
        if skipped:
            self.skipped_note.setText(
                self.tr(
                    "%n stage(s) skipped, nothing of their checklist ticked: {stages}",
                    "",
                    len(skipped),
                ).format(stages=", ".join(f"{s.number}. {_(STAGE_LABELS[s])}" for s in skipped))
            )
        self.skipped_note.setVisible(bool(skipped))
