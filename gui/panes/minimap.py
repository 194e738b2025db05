"""Overview pane: the whole picture in small, with the part the canvas shows framed on it.

A click or a drag on the map centres the canvas there. The map is drawn once into a pixmap and drawn
again, debounced, after the scene changes or the pane is resized; moving the canvas only moves the frame.
A big picture's map is drawn in a worker thread (boxes and lines in a few batched calls, as the
zoomed-out canvas draws them: :mod:`gui.overview`) and shown when it comes.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsScene, QSizePolicy, QWidget

from ..overview import overview_data, overview_inputs, render
from ..view import MARGIN, DiagramView

REFRESH_MS = 250
BATCHED_ABOVE = 300  # entities: a bigger picture is drawn in a worker thread, in a few batched calls
FRAME = QColor(230, 120, 20)


class MinimapPane(QWidget):
    """A small map of the canvas's scene; click or drag to move the canvas."""

    _drawn = Signal(int, object)  # the drawing's number, its image (from the worker thread)

    def __init__(self, canvas: DiagramView, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("minimap")
        self.setMinimumSize(120, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click or drag to move the canvas")
        self.canvas = canvas
        self.scene: QGraphicsScene | None = None
        self.pixmap = QPixmap()
        self.map_rect = QRectF()  # the scene rectangle the pixmap shows
        self.target = QRectF()  # where on the pane the pixmap stands
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._stale = True
        self._drawing = 0  # the number of the latest drawing asked of a worker thread
        self._drawn.connect(self._take, Qt.ConnectionType.QueuedConnection)
        canvas.scene_replaced.connect(self.set_scene)
        canvas.zoom_changed.connect(self.update)
        for bar in (canvas.horizontalScrollBar(), canvas.verticalScrollBar()):
            bar.valueChanged.connect(self.update)
            bar.rangeChanged.connect(self.update)
        if canvas.scene() is not None:
            self.set_scene(canvas.scene())

    def set_scene(self, scene: QGraphicsScene | None) -> None:
        if self.scene is not None:
            try:
                self.scene.changed.disconnect(self.schedule)
            except (RuntimeError, TypeError):  # the old scene is gone already
                pass
        self.scene = scene
        if scene is not None:
            scene.changed.connect(self.schedule)
        self.schedule()

    def schedule(self, *_) -> None:
        """Draw the map again once the scene has been still for a moment."""
        self._stale = True
        if self.isVisible():
            self.timer.start()

    def refresh(self) -> None:
        """Draw the scene, scaled down to the pane, into the cached pixmap."""
        self._stale = False
        self._drawing += 1
        scene = self.scene
        if scene is None or self.width() < 2 or self.height() < 2:
            self.pixmap, self.map_rect = QPixmap(), QRectF()
            self.update()
            return
        # the picture's own bounds, and its count of boxes: asking the items would make every one
        # still to be made (a big picture is made in stages) and ask each for its bounds
        picture_rect = getattr(scene, "picture_rect", scene.itemsBoundingRect)
        map_rect = picture_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        size = map_rect.size().scaled(self.width() - 4, self.height() - 4, Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(QPointF(0, 0), size)
        target.moveCenter(QRectF(self.rect()).center())
        ratio = self.devicePixelRatioF()
        picture = getattr(scene, "picture", None)
        if picture is not None and len(picture.places) > BATCHED_ABOVE:
            self._draw_away(overview_inputs(scene), map_rect, target, ratio)
            return
        self.map_rect, self.target = map_rect, target
        self.pixmap = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        self.pixmap.setDevicePixelRatio(ratio)
        self.pixmap.fill(QColor("white"))
        painter = QPainter(self.pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, QRectF(QPointF(0, 0), size), map_rect, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()
        self.update()

    def _draw_away(self, inputs: tuple, map_rect: QRectF, target: QRectF, ratio: float) -> None:
        """Draw the map in a worker thread; the old map stays until the new one comes."""
        number, drawn = self._drawing, self._drawn
        scale = target.width() / map_rect.width() * ratio

        def work() -> None:
            drawn.emit(number, (render(overview_data(inputs), map_rect, scale), map_rect, target, ratio))

        threading.Thread(target=work, name="stakemap-minimap", daemon=True).start()

    def _take(self, number: int, drawing: tuple) -> None:
        if number != self._drawing:
            return  # the scene or the pane changed since
        image, self.map_rect, self.target, ratio = drawing
        pixmap = QPixmap(image.size())
        pixmap.fill(QColor("white"))
        painter = QPainter(pixmap)
        painter.drawImage(0, 0, image)
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        self.pixmap = pixmap
        self.update()

    def to_scene(self, point: QPointF) -> QPointF:
        """The scene point under a point of the pane."""
        scale = self.map_rect.width() / self.target.width()
        return self.map_rect.topLeft() + (point - self.target.topLeft()) * scale

    def from_scene(self, rect: QRectF) -> QRectF:
        """Where a scene rectangle is on the pane."""
        scale = self.target.width() / self.map_rect.width()
        top_left = self.target.topLeft() + (rect.topLeft() - self.map_rect.topLeft()) * scale
        return QRectF(top_left, rect.size() * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self.pixmap.isNull() or self.map_rect.isEmpty():
            return
        painter.drawPixmap(self.target.topLeft(), self.pixmap)
        shown = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        painter.setPen(QPen(FRAME, 2))
        painter.setBrush(QColor(FRAME.red(), FRAME.green(), FRAME.blue(), 30))
        painter.drawRect(self.from_scene(shown).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.schedule()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.timer.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._move_canvas(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_canvas(event.position())

    def _move_canvas(self, point: QPointF) -> None:
        if not self.map_rect.isEmpty() and self.target.width() > 0:
            self.canvas.look_at(self.to_scene(point))
