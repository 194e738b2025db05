"""Canvas items: an entity box and a relationship line. Items hold ids and what they show, nothing else.

The scene sets what an item shows from model events (``show_entity``, ``show_relationship``); items
never read or change the model.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from model.types import DISSOLVED, OWNERSHIP, Entity, Relationship

from . import style
from .paths import RESOURCES

ENTITY_TYPE = QGraphicsItem.UserType + 1
RELATIONSHIP_TYPE = QGraphicsItem.UserType + 2
LOD_TEXT = 0.45  # below this zoom, labels give way to shapes
PORT_RADIUS = 6.0
LABEL_AT = 0.62  # how far along a line its label sits, unless another label is there already
LABEL_PLACES = (0.62, 0.5, 0.75, 0.38, 0.85, 0.27)


@cache
def kind_icon(kind: str) -> QSvgRenderer:
    return QSvgRenderer(str(RESOURCES / f"{kind}.svg"))


def _lod(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


class EntityItem(QGraphicsItem):
    """One entity: its kind's shape, an icon, the name and the first alias."""

    def __init__(self, entity_id: str) -> None:
        super().__init__()
        self.entity_id = entity_id
        self.kind = "company"
        self.name = ""
        self.alias = ""
        self.cited = True
        self.edges: list[RelationshipItem] = []
        self._rect = QRectF()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(style.Z_NODE)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def type(self) -> int:
        return ENTITY_TYPE

    def show_entity(self, entity: Entity) -> None:
        """Take what to draw from the model's value."""
        self.prepareGeometryChange()
        self.kind, self.name = entity.kind, entity.name
        self.alias = entity.aliases[0] if entity.aliases else ""
        self.cited = bool(entity.citations)
        width = QFontMetricsF(style.name_font()).horizontalAdvance(self.name) + 48
        if self.alias:
            width = max(width, QFontMetricsF(style.alias_font()).horizontalAdvance(self.alias) + 48)
        width = min(style.NODE_MAX_WIDTH, max(style.NODE_MIN_WIDTH, width))
        self._rect = QRectF(-width / 2, -style.NODE_HEIGHT / 2, width, style.NODE_HEIGHT)
        tip = f"{self.name}\n{', '.join(entity.aliases)}" if entity.aliases else self.name
        self.setToolTip(tip + ("" if self.cited else "\n(analyst-asserted: no citation)"))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-3, -3, 3, 3)

    def shape(self) -> QPainterPath:
        return style.node_path(self.kind, self._rect)

    def port_rect(self) -> QRectF:
        """The small handle at the bottom edge that starts a new relationship when dragged."""
        centre = QPointF(self._rect.right() - 12, self._rect.bottom() - 10)
        return QRectF(centre.x() - PORT_RADIUS, centre.y() - PORT_RADIUS, 2 * PORT_RADIUS, 2 * PORT_RADIUS)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(style.node_pen(self.kind, selected))
        painter.setBrush(style.KIND_FILL[self.kind])
        painter.drawPath(style.node_path(self.kind, self._rect))
        if _lod(painter) < LOD_TEXT:
            return
        rect = self._rect
        kind_icon(self.kind).render(painter, QRectF(rect.left() + 8, rect.center().y() - 9, 18, 18))
        text_rect = rect.adjusted(30, 4, -10, -4)
        painter.setPen(style.TEXT_COLOUR)
        name_metrics = QFontMetricsF(style.name_font())
        name = name_metrics.elidedText(self.name, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.setFont(style.name_font())
        if self.alias:
            top = text_rect.adjusted(0, 0, 0, -text_rect.height() / 2)
            painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, name)
            painter.setFont(style.alias_font())
            alias = QFontMetricsF(style.alias_font()).elidedText(
                self.alias, Qt.TextElideMode.ElideRight, text_rect.width())
            bottom = text_rect.adjusted(0, text_rect.height() / 2 + 1, 0, 0)
            painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, alias)
        else:  # a long name wraps onto a second line rather than losing its end
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                             | Qt.TextFlag.TextWordWrap, self.name)
        if not self.cited:
            painter.setFont(style.label_font())
            painter.setPen(style.FORMER_COLOUR)
            painter.drawText(rect.adjusted(0, 0, -6, -1), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignBottom, "asserted")
        if self.isUnderMouse() or selected:
            painter.setPen(QPen(style.KIND_EDGE[self.kind], 1.2))
            painter.setBrush(QBrush(style.SELECTION_COLOUR))
            painter.drawEllipse(self.port_rect())

    def hoverEnterEvent(self, event) -> None:
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.update()
        super().hoverLeaveEvent(event)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.update_path()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setZValue(style.Z_NODE_SELECTED if value else style.Z_NODE)
        return super().itemChange(change, value)


def _clip_to_box(item: EntityItem, inside: QPointF, outside: QPointF) -> QPointF:
    """Where the segment from the item's centre towards ``outside`` leaves its box."""
    rect = item.sceneBoundingRect().adjusted(3, 3, -3, -3)
    dx, dy = outside.x() - inside.x(), outside.y() - inside.y()
    if dx == 0 and dy == 0:
        return inside
    scale_x = rect.width() / 2 / abs(dx) if dx else math.inf
    scale_y = rect.height() / 2 / abs(dy) if dy else math.inf
    scale = min(scale_x, scale_y, 1.0)
    return QPointF(inside.x() + dx * scale, inside.y() + dy * scale)


class RelationshipItem(QGraphicsItem):
    """A relationship line from subject to object, with an arrowhead and its label."""

    def __init__(self, relationship_id: str, subject: EntityItem, obj: EntityItem) -> None:
        super().__init__()
        self.relationship_id = relationship_id
        self.subject, self.object = subject, obj
        self.kind, self.status, self.label = OWNERSHIP, "current", ""
        self.bends: tuple[tuple[float, float], ...] = ()
        self.offset = 0.0  # sideways bow for parallel lines between one pair
        self._path = QPainterPath()
        self._label_at = QPointF()
        self.label_t = LABEL_AT
        self._arrow = QPolygonF()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(style.Z_LINE)
        subject.edges.append(self)
        obj.edges.append(self)

    def type(self) -> int:
        return RELATIONSHIP_TYPE

    def detach(self) -> None:
        for end in (self.subject, self.object):
            if self in end.edges:
                end.edges.remove(self)

    def show_relationship(self, relationship: Relationship) -> None:
        self.kind, self.status, self.label = relationship.kind, relationship.status, relationship.label
        cited = "" if relationship.citations else "\n(analyst-asserted: no citation)"
        self.setToolTip(f"{relationship.kind}: {self.label} ({relationship.status}){cited}")
        self.update_path()

    def update_path(self) -> None:
        """Recompute the line from where its two ends stand now."""
        self.prepareGeometryChange()
        start, end = self.subject.scenePos(), self.object.scenePos()
        points = [start, *(QPointF(x, y) for x, y in self.bends), end]
        if len(points) == 2 and self.offset:
            normal = QLineF(start, end).normalVector().unitVector()
            control = (start + end) / 2 + QPointF(normal.dx(), normal.dy()) * self.offset
            points = [start, control, end]
        points[0] = _clip_to_box(self.subject, points[0], points[1])
        points[-1] = _clip_to_box(self.object, points[-1], points[-2])
        path = QPainterPath(points[0])
        if len(points) == 3 and self.offset and not self.bends:
            path.quadTo(points[1], points[2])
        else:
            for point in points[1:]:
                path.lineTo(point)
        self._path = path
        # past the middle: lines fanning out from one owner part further apart there
        self._label_at = path.pointAtPercent(self.label_t)
        tip = points[-1]
        angle = math.radians(-path.angleAtPercent(1.0))
        size = 9.0
        self._arrow = QPolygonF([
            tip,
            tip - QPointF(math.cos(angle - 0.4) * size, math.sin(angle - 0.4) * size),
            tip - QPointF(math.cos(angle + 0.4) * size, math.sin(angle + 0.4) * size),
        ])
        self.update()

    def label_rect_at(self, t: float) -> QRectF:
        """Where the label would stand at fraction ``t`` of the line, in scene coordinates."""
        at = self._path.pointAtPercent(t)
        rect = self._label_rect()
        rect.moveCenter(at)
        return rect

    def set_label_t(self, t: float) -> None:
        if t != self.label_t:
            self.prepareGeometryChange()
            self.label_t = t
            self._label_at = self._path.pointAtPercent(t)
            self.update()

    def _label_rect(self) -> QRectF:
        metrics = QFontMetricsF(style.label_font())
        width = min(metrics.horizontalAdvance(self.label), 200) + 8
        return QRectF(self._label_at.x() - width / 2, self._label_at.y() - 8, width, 16)

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().united(self._label_rect()).united(
            self._arrow.boundingRect()).adjusted(-4, -4, 4, 4)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        shape = stroker.createStroke(self._path)
        shape.addRect(self._label_rect())
        return shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pen = style.line_pen(self.kind, self.status, selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, _lod(painter) >= LOD_TEXT)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(QPen(pen.color(), 1))
        painter.setBrush(pen.color())
        painter.drawPolygon(self._arrow)
        if self.status == DISSOLVED:
            self._paint_strike(painter, pen)
        if _lod(painter) < LOD_TEXT or not self.label:
            return
        rect = self._label_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.LABEL_BACKGROUND)
        painter.drawRoundedRect(rect, 3, 3)
        font = style.label_font()
        font.setStrikeOut(self.status == DISSOLVED)
        painter.setFont(font)
        painter.setPen(pen.color())
        text = QFontMetricsF(font).elidedText(self.label, Qt.TextElideMode.ElideRight, rect.width() - 6)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_strike(self, painter: QPainter, pen: QPen) -> None:
        """Two short bars across the line mark a dissolved relationship."""
        painter.setPen(QPen(pen.color(), 2))
        for percent in (0.3, 0.7):
            at = self._path.pointAtPercent(percent)
            angle = math.radians(-self._path.angleAtPercent(percent) + 60)
            delta = QPointF(math.cos(angle) * 7, math.sin(angle) * 7)
            painter.drawLine(at - delta, at + delta)
