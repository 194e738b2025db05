"""The shelf: a light frame, behind the entities that have no line of the view's kind, with a heading
that says what they are, so that they are not read as part of the structure."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from . import style

SHELF_FILL = QColor("#f6f6f4")
SHELF_EDGE = QColor("#c8c8c2")


def shelf_heading(count: int) -> str:
    return f"Outside this view ({count})"


class ShelfItem(QGraphicsItem):
    """The shelf's frame and heading; the entities on it are ordinary entity items."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self.heading = ""
        self.setZValue(style.Z_LINE - 0.5)

    def show_shelf(self, box, count: int) -> None:
        rect = QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1]) if box else QRectF()
        heading = shelf_heading(count) if box else ""
        if rect != self._rect or heading != self.heading:
            self.prepareGeometryChange()
            self._rect, self.heading = rect, heading
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._rect.isEmpty():
            return
        painter.setPen(QPen(SHELF_EDGE, 1, Qt.PenStyle.DashLine))
        painter.setBrush(SHELF_FILL)
        painter.drawRoundedRect(self._rect, 8, 8)
        painter.setFont(style.label_font())
        painter.setPen(style.TEXT_COLOUR)
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(self._rect.adjusted(12, 6, -12, 0), top_left, self.heading)
