"""Canvas items: an entity box and a relationship line. Items hold ids and what they show, nothing else.

The scene sets what an item shows from model events (``show_entity``, ``show_relationship``); items
never read or change the model.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from model.picture.draw import clip_to_box
from model.types import DISSOLVED, OWNERSHIP, Entity, Relationship

from . import style
from .measure import (
    ALIAS_LINE,
    LABEL_LINE,
    NAME_LINE,
    TEXT_LEFT,
    TEXT_RIGHT,
    box_layout,
    label_layout,
    metrics,
)
from .paths import RESOURCES

ENTITY_TYPE = QGraphicsItem.UserType + 1
RELATIONSHIP_TYPE = QGraphicsItem.UserType + 2
LOD_TEXT = 0.45  # below this zoom, labels give way to shapes
PORT_RADIUS = 6.0
BADGE_HEIGHT = 16.0

# combined once: or-ing Qt's enum flags in Python costs more than making the item
_ENTITY_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
_LINE_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
               | QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
_SELECTED = QStyle.StateFlag.State_Selected
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_NO_BRUSH = Qt.BrushStyle.NoBrush
_NO_PEN = Qt.PenStyle.NoPen
_CENTRE = Qt.AlignmentFlag.AlignCenter


@cache
def _line_pens(kind: str, status: str, selected: bool) -> tuple[QPen, QPen]:
    """The line's pen and its arrowhead's (solid) pen."""
    pen = style.line_pen(kind, status, selected)
    return pen, QPen(pen.color(), 1)


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
        self.note_refs = ""  # "[3]": source notes citing this entity, in exported pictures
        self.badge = 0  # lines in an open register not on the canvas: "+N" on the top edge
        self._badge_rect = QRectF()
        self._names: tuple[str, ...] = ()
        self._aliases: tuple[str, ...] = ()
        self._rect = QRectF()
        self.setFlags(_ENTITY_FLAGS)
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
        width, height, self._names, self._aliases = box_layout(self.name, self.alias)
        self._rect = QRectF(-width / 2, -height / 2, width, height)
        self._place_badge()
        tip = f"{self.name}\n{', '.join(entity.aliases)}" if entity.aliases else self.name
        self.setToolTip(style.tooltip(tip + ("" if self.cited else "\n(analyst-asserted: no citation)")))
        self.update()

    def boundingRect(self) -> QRectF:
        bounds = self._rect.adjusted(-3, -3, 3, 3)
        return bounds.united(self._badge_rect) if self.badge else bounds

    def set_badge(self, count: int) -> None:
        """Show "+count" on the box's top edge (nothing for 0): lines a register has beyond the canvas."""
        if count == self.badge:
            return
        self.prepareGeometryChange()
        self.badge = count
        self._place_badge()
        self.update()

    def _place_badge(self) -> None:
        if not self.badge:
            self._badge_rect = QRectF()
            return
        width = metrics("label_font").horizontalAdvance(f"+{self.badge:,}") + 10
        right, top = self._rect.right(), self._rect.top()
        self._badge_rect = QRectF(right - width - 6, top - BADGE_HEIGHT / 2, width, BADGE_HEIGHT)

    def badge_rect(self) -> QRectF:
        """Where the badge is, in item coordinates (empty when there is none)."""
        return self._badge_rect

    def text_lines(self) -> tuple[str, ...]:
        """The lines of the name, then of the alias, in the order :meth:`paint` writes them."""
        return self._names + self._aliases

    def look(self) -> tuple:
        """What decides how the box is drawn, but for where it stands and the words of its lines."""
        return (self.kind, self._rect.width(), self._rect.height(), len(self._names), len(self._aliases),
                self.cited, self.note_refs)

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
        # every line of the name and alias, as measured for the layout: nothing is cut short
        left, width = rect.left() + TEXT_LEFT, rect.width() - TEXT_LEFT - TEXT_RIGHT
        y = rect.center().y() - (NAME_LINE * len(self._names) + ALIAS_LINE * len(self._aliases)) / 2
        painter.setPen(style.TEXT_COLOUR)
        painter.setFont(style.name_font())
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for line in self._names:
            painter.drawText(QRectF(left, y, width + 4, NAME_LINE), flags, line)
            y += NAME_LINE
        painter.setFont(style.alias_font())
        for line in self._aliases:
            painter.drawText(QRectF(left, y, width + 4, ALIAS_LINE), flags, line)
            y += ALIAS_LINE
        if not self.cited:
            painter.setFont(style.label_font())
            painter.setPen(style.FORMER_COLOUR)
            painter.drawText(rect.adjusted(0, 0, -6, -1), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignBottom, "asserted")
        if self.note_refs:
            painter.setFont(style.label_font())
            painter.setPen(style.TEXT_COLOUR)
            top_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            painter.drawText(rect.adjusted(0, 2, -6, 0), top_right, self.note_refs)
        exporting = getattr(self.scene(), "exporting", False)
        if (self.isUnderMouse() or selected) and not exporting:
            painter.setPen(QPen(style.KIND_EDGE[self.kind], 1.2))
            painter.setBrush(QBrush(style.SELECTION_COLOUR))
            painter.drawEllipse(self.port_rect())
        if self.badge and not exporting:
            self.paint_badge(painter)

    def paint_badge(self, painter: QPainter) -> None:
        """The "+N" pill: a register holds N more lines of this entity than the canvas shows."""
        painter.setPen(_NO_PEN)
        painter.setBrush(style.BADGE_FILL)
        painter.drawRoundedRect(self._badge_rect, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
        painter.setFont(style.label_font())
        painter.setPen(style.BADGE_TEXT)
        painter.drawText(self._badge_rect, _CENTRE, f"+{self.badge:,}")

    def hoverEnterEvent(self, event) -> None:
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.update()
        super().hoverLeaveEvent(event)

    def set_note_refs(self, refs) -> None:
        """Show the numbers of the source notes that cite this entity (exports only)."""
        text = f"[{','.join(map(str, refs))}]" if refs else ""
        if text != self.note_refs:
            self.note_refs = text
            self.update()

    def follow(self) -> None:
        """Bring the lines along while this item is dragged. (Not an itemChange override: at 10,000
        items a Python call on every change of every item costs more than the moves themselves.)"""
        for edge in self.edges:
            edge.update_path(following=True)

def _clip_to_box(item: EntityItem, inside: tuple[float, float], outside: tuple[float, float]):
    """Where the segment from the item's centre towards ``outside`` meets its outline (3 px inside
    the box, so the line reaches the drawn edge)."""
    rect = item._rect
    half_w, half_h = rect.width() / 2 - 3, rect.height() / 2 - 3
    box = (inside[0] - half_w, inside[1] - half_h, inside[0] + half_w, inside[1] + half_h)
    return clip_to_box(box, inside, outside)


class RelationshipItem(QGraphicsItem):
    """A relationship line from subject to object along its route, with an arrowhead and its label.

    The route (bend points) and the label's centre come from the model's picture of the view
    (:func:`model.picture.draw.draw`, applied by the scene through :meth:`set_route`); while one of its
    ends is being dragged, the line follows the end and its label stays on the line.
    """

    def __init__(self, relationship_id: str, subject: EntityItem, obj: EntityItem) -> None:
        super().__init__()
        self.relationship_id = relationship_id
        self.subject, self.object = subject, obj
        self.kind, self.status, self.label = OWNERSHIP, "current", ""
        self.bends: tuple[tuple[float, float], ...] = ()
        self.label_centre: tuple[float, float] | None = None
        self.routed = False  # whether a path has been made since the item was made
        self.trim: tuple | None = None  # drawn only in part: others run along the rest (gui.trunks)
        self._path = QPainterPath()
        self._points: list[tuple[float, float]] = [(0.0, 0.0), (0.0, 0.0)]
        self._note_suffix = ""  # " [1,2]": numbers of the source notes, in exported pictures
        self._label_size = (0.0, 0.0)
        self._label_lines: tuple[str, ...] = ()
        self._label_at = QPointF()
        self._bounds = QRectF()
        self._arrow = QPolygonF()
        self._arrow_bounds = QRectF()
        # the exposed rectangle lets paint() skip an arrowhead or label that is off screen
        self.setFlags(_LINE_FLAGS)
        self.setZValue(style.Z_LINE)
        subject.edges.append(self)
        obj.edges.append(self)

    def type(self) -> int:
        return RELATIONSHIP_TYPE

    def show_relationship(self, relationship: Relationship, route: bool = True) -> None:
        """Take what to draw from the model's value (and draw the line again, unless ``route`` is off:
        the scene is about to give it its route)."""
        self.kind, self.status, self.label = relationship.kind, relationship.status, relationship.label
        self._measure_label()
        cited = "" if relationship.citations else "\n(analyst-asserted: no citation)"
        self.setToolTip(style.tooltip(f"{relationship.kind}: {self.label} ({relationship.status}){cited}"))
        if route:
            self.update_path()
        else:
            self.update()

    def _measure_label(self) -> None:
        width, height, self._label_lines = label_layout(self.label + self._note_suffix if self.label else "")
        self._label_size = (width, height)

    def set_route(self, bends, label_centre) -> None:
        """Take the route and label place of the view's picture."""
        bends = tuple(bends)
        if bends != self.bends or label_centre != self.label_centre:
            self.bends, self.label_centre = bends, label_centre
            self.update_path()

    def update_path(self, following: bool = False) -> None:
        """Recompute the line from where its two ends stand now (plain float geometry: this runs for
        every line at load and for every line of a dragged node at every mouse step). ``following``:
        an end is being dragged, so the label goes to the middle of the line, not its planned place."""
        self.prepareGeometryChange()
        self.routed = True
        start, end = (self.subject.x(), self.subject.y()), (self.object.x(), self.object.y())
        points = [start, *self.bends, end]
        points[0] = _clip_to_box(self.subject, points[0], points[1])
        points[-1] = _clip_to_box(self.object, points[-1], points[-2])
        self._points = points
        drawn = points
        if self.trim is not None and len(points) > 2:
            side, at = self.trim
            drawn = [at, *points[-2:]] if side == "from" else [*points[:2], at]
        path = QPainterPath(QPointF(*drawn[0]))
        for point in drawn[1:]:
            path.lineTo(*point)
        self._path = path
        if following or self.label_centre is None:  # until the picture places it: mid-line, cheaply
            self.label_centre = None  # (of the part drawn: lines along a trunk share the rest)
            (ax, ay), (bx, by) = drawn[(len(drawn) - 1) // 2], drawn[(len(drawn) - 1) // 2 + 1]
            self._label_at = QPointF((ax + bx) / 2, (ay + by) / 2)
        else:
            self._label_at = QPointF(*self.label_centre)
        (tail_x, tail_y), (tip_x, tip_y) = points[-2], points[-1]
        angle = math.atan2(tip_y - tail_y, tip_x - tail_x)
        size = 9.0
        self._arrow = QPolygonF([
            QPointF(tip_x, tip_y),
            QPointF(tip_x - math.cos(angle - 0.4) * size, tip_y - math.sin(angle - 0.4) * size),
            QPointF(tip_x - math.cos(angle + 0.4) * size, tip_y - math.sin(angle + 0.4) * size),
        ])
        # a line trimmed at its end leaves the arrowhead to the line it runs along
        self._arrow_bounds = self._arrow.boundingRect() if self.trim is None or self.trim[0] == "from" \
            else QRectF()
        self._update_bounds()
        self.update()

    def set_trim(self, trim: tuple | None) -> None:
        """Draw only part of the line (the rest is drawn by lines running along it), or all of it."""
        if trim != self.trim:
            self.trim = trim
            if self.routed:
                self.update_path()

    def set_label_centre(self, centre: tuple[float, float] | None) -> None:
        """Move only the label (its line stays as it is)."""
        if centre == self.label_centre:
            return
        self.prepareGeometryChange()
        self.label_centre = centre
        self._label_at = QPointF(*centre) if centre is not None else QPointF(*self.point_at(0.5))
        self._update_bounds()
        self.update()

    def point_at(self, t: float) -> tuple[float, float]:
        """The point a fraction ``t`` of the way along the line, by length."""
        points = self._points
        lengths = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:], strict=False)]
        target = sum(lengths) * t
        for (a, b), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
            if target <= length and length > 0:
                f = target / length
                return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)
            target -= length
        return points[-1]

    def route_points(self) -> list[tuple[float, float]]:
        """The line's points, from where it leaves the subject's box to where it meets the object's."""
        return self._points

    def arrow_points(self) -> list[tuple[float, float]]:
        return [(point.x(), point.y()) for point in self._arrow]

    def label_look(self) -> tuple:
        """What decides how the label is drawn, but for where it stands (empty: no label)."""
        return (self.kind, self.status, self._label_lines, self._label_size) if self.label else ()

    def label_centre_now(self) -> tuple[float, float]:
        return self._label_at.x(), self._label_at.y()

    def label_rect(self) -> QRectF:
        """The label's plate, in scene coordinates."""
        width, height = self._label_size
        return QRectF(self._label_at.x() - width / 2, self._label_at.y() - height / 2, width, height)

    def _update_bounds(self) -> None:
        self._bounds = self._path.boundingRect().united(self.label_rect()).united(
            self._arrow_bounds).adjusted(-4, -4, 4, 4)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        shape = stroker.createStroke(self._path)
        if self.label:
            shape.addRect(self.label_rect())
        return shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        # Hot: every visible line repaints on each step of a drag, so pens and text come from caches.
        selected = bool(option.state & _SELECTED)
        pen, head_pen = _line_pens(self.kind, self.status, selected)
        detailed = _lod(painter) >= LOD_TEXT
        painter.setRenderHint(_ANTIALIAS, detailed)
        exposed = option.exposedRect  # a long line crossing the view rarely shows its ends
        self.paint_line(painter, pen, head_pen, not self._arrow_bounds.isNull()
                        and exposed.intersects(self._arrow_bounds))
        if self.status == DISSOLVED:
            self._paint_strike(painter, pen)
        if not detailed or not self.label:
            return
        rect = self.label_rect()
        if not exposed.intersects(rect):
            return
        self.paint_label(painter, rect, head_pen)

    def pens(self) -> tuple[QPen, QPen]:
        """The line's pen and its arrowhead's, unselected (for pictures)."""
        return _line_pens(self.kind, self.status, False)

    def paint_line(self, painter: QPainter, pen: QPen, head_pen: QPen, arrow: bool = True) -> None:
        """The line and (with ``arrow``) its arrowhead."""
        painter.setPen(pen)
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(self._path)
        if arrow:
            painter.setPen(head_pen)
            painter.setBrush(head_pen.color())
            painter.drawPolygon(self._arrow)

    def paint_label(self, painter: QPainter, rect: QRectF, pen: QPen) -> None:
        """The plate and each line of the label; a dissolved line's label is struck through with a
        line drawn as wide as its text (a font's strike-out is drawn differently by each SVG reader)."""
        painter.setPen(_NO_PEN)
        painter.setBrush(style.LABEL_BACKGROUND)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setFont(style.label_font())
        painter.setPen(pen)
        fm = metrics("label_font")
        y = rect.top() + (rect.height() - LABEL_LINE * len(self._label_lines)) / 2
        for line in self._label_lines:
            line_rect = QRectF(rect.left(), y, rect.width(), LABEL_LINE)
            painter.drawText(line_rect, _CENTRE, line)
            if self.status == DISSOLVED:
                half = fm.horizontalAdvance(line) / 2
                middle = line_rect.center()
                painter.drawLine(QPointF(middle.x() - half, middle.y() + 0.5),
                                 QPointF(middle.x() + half, middle.y() + 0.5))
            y += LABEL_LINE

    def set_note_refs(self, refs) -> None:
        """Show the numbers of the source notes that cite this line (exports only)."""
        suffix = f" [{','.join(map(str, refs))}]" if refs else ""
        if suffix != self._note_suffix:
            self.prepareGeometryChange()
            self._note_suffix = suffix
            self._measure_label()
            self._update_bounds()
            self.update()

    def _paint_strike(self, painter: QPainter, pen: QPen) -> None:
        """Two short bars across the line mark a dissolved relationship."""
        painter.setPen(QPen(pen.color(), 2))
        for percent in (0.3, 0.7):
            at = self._path.pointAtPercent(percent)
            angle = math.radians(-self._path.angleAtPercent(percent) + 60)
            delta = QPointF(math.cos(angle) * 7, math.sin(angle) * 7)
            painter.drawLine(at - delta, at + delta)
