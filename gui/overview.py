"""The zoomed-out picture: every line and box drawn into an image in a worker thread, shown at once.

At a few percent zoom, painting 20,000 items one Python call at a time takes half a second, and even
one batched ``drawLines`` per line style takes a tenth of a second on every repaint. So the overview
is drawn once into an image at the canvas's zoom, in a worker thread (the lines in chunks, so that
the UI thread gets its turn between them), and a repaint only copies the image. The image is kept
while the drawing is the same: an edit that changes no place, route, kind, status or box size keeps
it; another zoom, or the parts of a big picture off the image, asks for a new one, and the old one is
shown, scaled, until it comes.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPen, QPicture

from . import style
from .measure import box_layout, entity_alias

if TYPE_CHECKING:
    from .scene import DiagramScene

CHUNK = 1500  # lines or boxes per call into Qt: the worker holds the interpreter no longer than that
MAX_PIXELS = 12_000_000  # an image of the whole picture up to this size; beyond, the part in sight
ZOOM_SLACK = 0.1  # an image drawn within 10% of the zoom is used as it is


@dataclass(frozen=True)
class OverviewData:
    """What the overview draws, in scene coordinates: line segments (x0, y0, x1, y1) by (kind,
    status), boxes (x, y, width, height) by entity kind, and the bounds of it all."""

    lines: dict[tuple[str, str], list[tuple[float, float, float, float]]]
    boxes: dict[str, list[tuple[float, float, float, float]]]
    bounds: QRectF


def overview_inputs(scene: DiagramScene) -> tuple:
    """The plain values the overview is drawn from (read on the UI thread; equal inputs, equal drawing)."""
    doc, picture, hidden = scene.doc, scene.picture, scene.hidden
    ends = {}
    for rid, route in picture.lines.items():
        if rid in hidden:
            continue
        rel = doc.relationship(rid)
        if rel.subject not in hidden and rel.object not in hidden:
            ends[rid] = (rel.kind, rel.status, rel.subject, rel.object, route)
    boxes = {}
    for eid, place in picture.places.items():
        if eid not in hidden:
            entity = doc.entity(eid)
            width, height, _, _ = box_layout(entity.name, entity_alias(entity))
            boxes[eid] = (entity.kind, place, width, height)
    return picture.places, ends, boxes


def overview_data(inputs: tuple) -> OverviewData:
    """The segments and boxes to draw (plain Python: any thread)."""
    places, ends, entity_boxes = inputs
    lines: dict[tuple[str, str], list] = defaultdict(list)
    for kind, status, subject, obj, route in ends.values():
        points = [places[subject], *route, places[obj]]
        lines[(kind, status)].extend((a[0], a[1], b[0], b[1])
                                     for a, b in zip(points, points[1:], strict=False))
    boxes: dict[str, list] = defaultdict(list)
    for kind, (x, y), width, height in entity_boxes.values():
        boxes[kind].append((x - width / 2, y - height / 2, width, height))
    every = [b for group in boxes.values() for b in group]
    bounds = QRectF()
    if every:
        x0, y0 = min(b[0] for b in every), min(b[1] for b in every)
        bounds = QRectF(x0, y0, max(b[0] + b[2] for b in every) - x0, max(b[1] + b[3] for b in every) - y0)
    return OverviewData(dict(lines), dict(boxes), bounds)


def paint_overview(painter: QPainter, data: OverviewData) -> None:
    """Draw the overview with ``painter`` (in scene coordinates), a chunk of shapes per call."""
    for (kind, status), group in sorted(data.lines.items()):
        painter.setPen(QPen(style.line_pen(kind, status).color(), 0))  # cosmetic: one pixel at any zoom
        for start in range(0, len(group), CHUNK):
            painter.drawLines([QLineF(*segment) for segment in group[start:start + CHUNK]])
    painter.setPen(Qt.PenStyle.NoPen)
    for kind, group in sorted(data.boxes.items()):
        painter.setBrush(style.KIND_EDGE[kind])
        for start in range(0, len(group), CHUNK):
            painter.drawRects([QRectF(*box) for box in group[start:start + CHUNK]])


def overview_picture(scene: DiagramScene) -> QPicture:
    """A recorded drawing of the scene's visible entities and lines, in scene coordinates."""
    picture = QPicture()
    painter = QPainter(picture)
    paint_overview(painter, scene.overview_image.data())
    painter.end()
    return picture


def render(data: OverviewData, target: QRectF, scale: float) -> QImage:
    """The part ``target`` of the overview as an image at ``scale`` pixels per scene unit."""
    image = QImage(max(1, round(target.width() * scale)), max(1, round(target.height() * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    painter.translate(-target.topLeft())
    paint_overview(painter, data)
    painter.end()
    return image


class _Delivery(QObject):
    ready = Signal(int, object, object, object, float)  # generation, data, image, target, scale


class Overview:
    """The scene's overview image: kept while its inputs are unchanged, drawn again in a worker thread
    when they change or the zoom does. :meth:`paint` never waits for it."""

    def __init__(self, scene: DiagramScene) -> None:
        self.scene = scene
        self._stale = True  # the scene has a new picture: are the inputs still the same?
        self._inputs: tuple | None = None
        self._data: OverviewData | None = None
        self._generation = 0
        self._image: tuple[int, QImage, QRectF, float] | None = None  # generation, image, target, scale
        self._asked: tuple[int, float, QRectF] | None = None  # the drawing under way
        self._delivery = _Delivery()
        self._delivery.ready.connect(self._take, Qt.ConnectionType.QueuedConnection)

    def picture_changed(self) -> None:
        """The scene has a new picture (whether the overview changed is found out when it is next needed)."""
        self._stale = True

    def _current(self) -> None:
        if self._stale:
            self._stale = False
            inputs = overview_inputs(self.scene)
            if inputs != self._inputs:
                self._inputs, self._data = inputs, None
                self._generation += 1
                self._asked = None  # the old image stays on screen until its successor comes

    def data(self) -> OverviewData:
        """What the overview draws now (worked out here if no worker has yet)."""
        self._current()
        if self._data is None:
            self._data = overview_data(self._inputs)
        return self._data

    @property
    def ready(self) -> bool:
        """Whether the image is the current picture's, drawn at the zoom it was last shown at."""
        self._current()
        return self._image is not None and self._image[0] == self._generation and self._asked is None

    def paint(self, painter: QPainter) -> None:
        """Show the image (scaled, if drawn at another zoom); ask for a better one if need be."""
        self._current()
        transform = painter.worldTransform()
        device = painter.device()
        scale = transform.m11() * (device.devicePixelRatioF() if device is not None else 1.0)
        visible = transform.inverted()[0].mapRect(QRectF(painter.viewport()))
        if self._image is not None:
            _, image, target, _ = self._image
            painter.drawImage(target, image)
        if not self._fits(scale, visible):
            self._ask(scale, visible)

    def _bounds(self) -> QRectF:
        return self.scene.picture_rect().adjusted(-2, -2, 2, 2)

    def _fits(self, scale: float, visible: QRectF) -> bool:
        if self._image is None or self._image[0] != self._generation:
            return False
        _, _, target, drawn_at = self._image
        in_sight = visible.intersected(self._bounds())
        return abs(drawn_at / scale - 1) <= ZOOM_SLACK and target.contains(in_sight)

    def _ask(self, scale: float, visible: QRectF) -> None:
        bounds = target = self._bounds()
        if bounds.width() * bounds.height() * scale * scale > MAX_PIXELS:  # the part in sight, and round it
            grown = visible.adjusted(-visible.width(), -visible.height(), visible.width(), visible.height())
            target = grown.intersected(bounds)
        if target.isEmpty():
            return
        asked = (self._generation, round(scale, 6), target)
        if self._asked is not None and self._asked[:2] == asked[:2] and self._asked[2].contains(target):
            return  # already on its way
        self._asked = asked
        inputs, data, generation, delivery = self._inputs, self._data, self._generation, self._delivery

        def work() -> None:
            made = data if data is not None else overview_data(inputs)
            delivery.ready.emit(generation, made, render(made, target, scale), target, scale)

        threading.Thread(target=work, name="stakemap-overview", daemon=True).start()

    def _take(self, generation: int, data: OverviewData, image: QImage, target: QRectF,
              scale: float) -> None:
        if generation != self._generation:
            return  # drawn from an older picture
        if self._data is None:
            self._data = data
        if self._asked is not None and self._asked[1:] == (round(scale, 6), target):
            self._asked = None
        self._image = (generation, image, target, scale)
        self.scene.update()
