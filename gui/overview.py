"""The zoomed-out picture: every line and box drawn in a handful of batched calls.

At a few percent zoom, painting 20,000 items one Python call at a time takes half a second; drawn
as one ``drawLines`` per line style and one ``drawRects`` per entity kind, it takes milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPicture

from . import style

if TYPE_CHECKING:
    from .scene import DiagramScene


def overview_picture(scene: DiagramScene) -> QPicture:
    """A recorded drawing of the scene's visible entities and lines, in scene coordinates."""
    lines: dict[tuple[str, str], list[QLineF]] = defaultdict(list)
    hidden = scene.hidden
    for rid, item in scene.relationship_items.items():
        ends = (item.subject.entity_id, item.object.entity_id)
        if rid in hidden or ends[0] in hidden or ends[1] in hidden:
            continue
        points = [item.subject.pos(), *(QPointF(x, y) for x, y in item.bends), item.object.pos()]
        lines[(item.kind, item.status)].extend(QLineF(a, b) for a, b in zip(points, points[1:], strict=False))
    boxes: dict[str, list[QRectF]] = defaultdict(list)
    for entity_id, item in scene.entity_items.items():
        if entity_id not in hidden:
            boxes[item.kind].append(item.boundingRect().adjusted(3, 3, -3, -3).translated(item.pos()))
    picture = QPicture()
    painter = QPainter(picture)
    for (kind, status), group in sorted(lines.items()):
        pen = QPen(style.line_pen(kind, status).color(), 0)  # cosmetic: one pixel at any zoom
        painter.setPen(pen)
        painter.drawLines(group)
    painter.setPen(Qt.PenStyle.NoPen)
    for kind, group in sorted(boxes.items()):
        painter.setBrush(style.KIND_EDGE[kind])
        painter.drawRects(group)
    painter.end()
    return picture
