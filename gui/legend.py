"""The legend: every shape and line style the canvas uses, painted by one function for the pane and
for exported pictures alike."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from model.types import (
    CURRENT,
    DISSOLVED,
    ENTITY_KIND_LABELS,
    FORMER,
    LICENCE,
    OWNERSHIP,
    PLANNED,
    POSITION,
    RELATIONSHIP_KINDS,
)
from model.wording import kind_verb

from . import style
from .items import kind_icon

ROW = 22.0
# What a line's label shows, after the kind's verb ('owns (share on the line)').
LINE_LABEL = {OWNERSHIP: "share on the line", POSITION: "role on the line",
              LICENCE: "licence or approval on the line"}
STATUS_TEXT = {CURRENT: "current", FORMER: "former (grey, dashed)", PLANNED: "planned (dotted)",
               DISSOLVED: "dissolved (grey, struck through)"}


def line_text(kind: str) -> str:
    """A line kind as the legend says it: its verb, and what its label shows."""
    label = LINE_LABEL.get(kind)
    return f"{kind_verb(kind)} ({label})" if label else kind_verb(kind)


def legend_rows() -> int:
    return len(ENTITY_KIND_LABELS) + len(RELATIONSHIP_KINDS) + len(STATUS_TEXT) + 3


def legend_size() -> QSize:
    metrics = QFontMetricsF(style.label_font())
    texts = [*ENTITY_KIND_LABELS.values(), *map(line_text, RELATIONSHIP_KINDS), *STATUS_TEXT.values()]
    width = 70 + max(metrics.horizontalAdvance(t) for t in texts)
    return QSize(int(width) + 10, int(ROW * legend_rows()) + 10)


def paint_legend(painter: QPainter, origin: QPointF) -> None:
    """Paint the legend with its top-left corner at ``origin``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    y = origin.y() + 4
    x = origin.x() + 4

    def heading(text: str) -> None:
        nonlocal y
        font = style.label_font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(style.TEXT_COLOUR)
        painter.drawText(QRectF(x, y, 400, ROW), Qt.AlignmentFlag.AlignVCenter, text)
        y += ROW

    def text(label: str) -> None:
        painter.setFont(style.label_font())
        painter.setPen(style.TEXT_COLOUR)
        painter.drawText(QRectF(x + 62, y, 400, ROW), Qt.AlignmentFlag.AlignVCenter, label)

    heading("Entities")
    for kind, label in ENTITY_KIND_LABELS.items():
        box = QRectF(x, y + 3, 54, ROW - 6)
        painter.setPen(style.node_pen(kind))
        painter.setBrush(style.KIND_FILL[kind])
        painter.drawPath(style.node_path(kind, box))
        side = box.height() - 2
        kind_icon(kind).render(painter, QRectF(box.left() + 4, box.top() + 1, side, side))
        text(label)
        y += ROW
    heading("Lines")
    for kind in RELATIONSHIP_KINDS:
        _sample_line(painter, x, y, kind, CURRENT)
        text(line_text(kind))
        y += ROW
    heading("Status")
    for status, label in STATUS_TEXT.items():
        _sample_line(painter, x, y, OWNERSHIP, status)
        text(label)
        y += ROW
    painter.restore()


def _sample_line(painter: QPainter, x: float, y: float, kind: str, status: str) -> None:
    pen = style.line_pen(kind, status)
    painter.setPen(pen)
    mid = y + ROW / 2
    painter.drawLine(QPointF(x, mid), QPointF(x + 50, mid))
    painter.setBrush(pen.color())
    painter.drawPolygon([QPointF(x + 54, mid), QPointF(x + 46, mid - 4), QPointF(x + 46, mid + 4)])
    if status == DISSOLVED:
        for at in (x + 16, x + 34):
            painter.drawLine(QPointF(at - 3, mid + 6), QPointF(at + 3, mid - 6))


class LegendWidget(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setMinimumSize(legend_size())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return legend_size()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        paint_legend(painter, QPointF(0, 0))
        painter.end()
