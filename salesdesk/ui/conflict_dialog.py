"""Someone else saved the deal while the rep was editing it: a choice per field.

Each field both changed is a row with their value and the rep's, side by side, and a
choice between them; nothing is written until the rep confirms.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.merge import EXISTS, Clash


class ConflictDialog(QDialog):
    def __init__(self, clashes: Sequence[Clash], title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.clashes = list(clashes)
        self.setWindowTitle(self.tr("Changed by someone else"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "“{title}” was saved by someone else while you were editing it. Their other "
                "changes and yours are both kept; for these fields, choose which value stays. "
                "Nothing is saved until you choose."
            ).format(title=title),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        for column, text in enumerate((self.tr("Field"), self.tr("Theirs"), self.tr("Mine"))):
            header = QLabel(f"<b>{text}</b>", grid_host)
            grid.addWidget(header, 0, column)
        self.groups: list[QButtonGroup] = []
        self.mine_buttons: list[QRadioButton] = []
        for row, clash in enumerate(self.clashes, start=1):
            grid.addWidget(QLabel(self.field_label(clash), grid_host), row, 0)
            theirs = QRadioButton(self.value_text(clash, clash.theirs), grid_host)
            mine = QRadioButton(self.value_text(clash, clash.mine), grid_host)
            group = QButtonGroup(self)
            group.addButton(theirs)
            group.addButton(mine)
            theirs.setChecked(True)
            grid.addWidget(theirs, row, 1)
            grid.addWidget(mine, row, 2)
            self.groups.append(group)
            self.mine_buttons.append(mine)
        grid.setRowStretch(len(self.clashes) + 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        layout.addWidget(scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save my choice"))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, min(520, 200 + 36 * len(self.clashes)))

    def chosen_mine(self) -> list[tuple[str | None, str | None, str]]:
        """The keys of the clashes settled in favour of the rep's value."""
        return [
            c.key for c, b in zip(self.clashes, self.mine_buttons, strict=True) if b.isChecked()
        ]

    def field_label(self, clash: Clash) -> str:
        fields = {
            "title": self.tr("title"),
            "account": self.tr("account"),
            "currency": self.tr("currency"),
            "value": self.tr("value"),
            "status": self.tr("status"),
            "stage": self.tr("stage"),
            "phase": self.tr("phase"),
            "close_date": self.tr("close date"),
            "probability": self.tr("probability"),
            "owner": self.tr("owner"),
            "last_contact": self.tr("last contact"),
            "lost_reason": self.tr("lost reason"),
            "competitor": self.tr("competitor"),
            "batna_ours": self.tr("our BATNA"),
            "batna_theirs": self.tr("their BATNA"),
            "name": self.tr("name"),
            "unit": self.tr("unit"),
            "direction": self.tr("direction"),
            "weight": self.tr("weight"),
            "their_weight": self.tr("their weight"),
            "kind": self.tr("kind"),
            "options": self.tr("options"),
            "points": self.tr("score points"),
            "their_points": self.tr("their score points"),
            "opening": self.tr("opening"),
            "target": self.tr("target"),
            "walk_away": self.tr("walk-away"),
            "their_opening": self.tr("their opening"),
            "their_target": self.tr("their target"),
            "their_walk_away": self.tr("their walk-away"),
            "market_low": self.tr("market low"),
            "market_typical": self.tr("market typical"),
            "market_high": self.tr("market high"),
            "values": self.tr("values"),
            "what": self.tr("what is given"),
            "cost": self.tr("cost"),
            "counterpart": self.tr("counterpart"),
            "round": self.tr("round"),
            "date": self.tr("date"),
            "summary": self.tr("summary"),
            "objectives": self.tr("objectives"),
            "agenda": self.tr("agenda"),
            "outcome": self.tr("outcome"),
            "next_steps": self.tr("next steps"),
            "attendees": self.tr("attendees"),
            "role": self.tr("role"),
            "stance": self.tr("stance"),
            EXISTS: self.tr("kept or removed"),
        }
        rows = {
            "terms": self.tr("Term"),
            "offers": self.tr("Offer"),
            "ledger": self.tr("Concession"),
            "stakeholders": self.tr("Person"),
            "meetings": self.tr("Meeting"),
            "interactions": self.tr("Interaction"),
        }
        name = fields.get(clash.field, clash.field.replace("_", " "))
        if clash.rows is None:
            return name
        return self.tr("{row} “{name}”: {field}").format(
            row=rows.get(clash.rows, clash.rows), name=clash.row_name, field=name
        )

    def value_text(self, clash: Clash, value: Any) -> str:
        if clash.field == EXISTS:
            return self.tr("removed") if value is None else self.tr("kept")
        return _plain(value) or self.tr("(empty)")


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal | int | str | date | datetime | time):
        return str(value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    label = getattr(value, "label", None)
    if label is not None:  # an option: its label and both scores
        return f"{label} ({value.score}/{value.their_score})"
    if hasattr(value, "score") and hasattr(value, "value"):  # a score point
        return f"{value.value} → {value.score}"
    description = getattr(value, "description", None)
    if description is not None:  # a BATNA
        parts = [description, _plain(getattr(value, "value", None))]
        return " · ".join(p for p in parts if p)
    return str(value)
