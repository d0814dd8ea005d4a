"""A small picture of who introduced whom (the article's network of relations)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from salesdesk.domain.deal import STANCE_LABELS, PartySide, Stakeholder
from salesdesk.i18n import _

NODE_H = 36
GAP_X = 18
GAP_Y = 34
OURS = QColor("#1e88e5")
THEIRS = QColor("#fb8c00")


def layers(people: list[Stakeholder]) -> list[list[Stakeholder]]:
    """People by depth in the introduction chains (introducers above those introduced)."""
    by_uid = {p.uid: p for p in people}
    depth: dict[str, int] = {}

    def depth_of(person: Stakeholder, seen: frozenset[str] = frozenset()) -> int:
        if person.uid in depth:
            return depth[person.uid]
        parent = by_uid.get(person.introduced_by or "")
        value = (
            0
            if parent is None or parent.uid in seen or parent is person
            else 1 + depth_of(parent, seen | {person.uid})
        )
        depth[person.uid] = value
        return value

    rows: list[list[Stakeholder]] = []
    for person in people:
        d = depth_of(person)
        while len(rows) <= d:
            rows.append([])
        rows[d].append(person)
    return rows


class NetworkView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: list[Stakeholder] = []
        self.labels: dict[str, str] = {}  # uid → the name shown
        self.setAccessibleName(self.tr("Who introduced whom"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(120)

    def set_people(self, people: list[Stakeholder], labels: dict[str, str]) -> None:
        """The people, and how each is shown by uid (two of one name told apart)."""
        self.people = list(people)
        self.labels = dict(labels)
        self.setToolTip(
            "\n".join(
                self.tr("{a} introduced {b}").format(
                    a=self.labels[p.introduced_by], b=self.labels.get(p.uid, p.name)
                )
                for p in people
                if p.introduced_by in self.labels
            )
        )
        self.updateGeometry()
        self.update()

    def _label(self, person: Stakeholder) -> str:
        return self.labels.get(person.uid, person.name)

    def sizeHint(self) -> QSize:
        rows = max(1, len(layers(self.people)))
        return QSize(480, rows * (NODE_H + GAP_Y) + 10)

    def _boxes(self) -> dict[str, QRectF]:
        metrics = QFontMetrics(self.font())
        boxes: dict[str, QRectF] = {}
        for depth, row in enumerate(layers(self.people)):
            widths = [max(metrics.horizontalAdvance(self._label(p)), 60) + 20 for p in row]
            total = sum(widths) + GAP_X * (len(row) - 1)
            x = max(5.0, (self.width() - total) / 2)
            y = 5 + depth * (NODE_H + GAP_Y)
            for person, w in zip(row, widths, strict=True):
                boxes[person.uid] = QRectF(x, y, w, NODE_H)
                x += w + GAP_X
        return boxes

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        if not self.people:
            painter.setPen(text_color)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Add people to see who introduced whom."),
            )
            return
        boxes = self._boxes()
        painter.setPen(QPen(text_color, 1.2))
        for person in self.people:
            parent = boxes.get(person.introduced_by or "")
            child = boxes.get(person.uid)
            if parent is None or child is None:
                continue
            start = QPointF(parent.center().x(), parent.bottom())
            end = QPointF(child.center().x(), child.top())
            path = QPainterPath(start)
            path.cubicTo(
                QPointF(start.x(), start.y() + GAP_Y / 2),
                QPointF(end.x(), end.y() - GAP_Y / 2),
                end,
            )
            painter.drawPath(path)
            painter.drawLine(end, QPointF(end.x() - 4, end.y() - 7))
            painter.drawLine(end, QPointF(end.x() + 4, end.y() - 7))
        small = self.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        for person in self.people:
            box = boxes[person.uid]
            color = OURS if person.side is PartySide.OURS else THEIRS
            painter.setPen(QPen(color, 2))
            fill = QColor(color)
            fill.setAlpha(40)
            painter.setBrush(fill)
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(text_color)
            painter.drawText(
                box.adjusted(0, 2, 0, -NODE_H / 2),
                Qt.AlignmentFlag.AlignCenter,
                self._label(person),
            )
            if person.stance:
                painter.setFont(small)
                painter.drawText(
                    box.adjusted(0, NODE_H / 2, 0, -2),
                    Qt.AlignmentFlag.AlignCenter,
                    _(STANCE_LABELS[person.stance]),
                )
                painter.setFont(self.font())
        painter.end()
