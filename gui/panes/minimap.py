"""Overview pane: the whole picture in small, with the part the canvas shows framed on it.

A click or a drag on the map centres the canvas there. The map is drawn once into a pixmap and drawn
again, debounced, after the scene changes or the pane is resized; moving the canvas only moves the frame.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsScene, QSizePolicy, QWidget

from ..overview import overview_picture
from ..view import MARGIN, DiagramView

REFRESH_MS = 250
BATCHED_ABOVE = 2000  # entities: a bigger picture is drawn in a few batched calls, not item by item
FRAME = QColor(230, 120, 20)


class MinimapPane(QWidget):
    """A small map of the canvas's scene; click or drag to move the canvas."""

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
        scene = self.scene
        if scene is None or self.width() < 2 or self.height() < 2:
            self.pixmap, self.map_rect = QPixmap(), QRectF()
            self.update()
            return
        # the picture's own bounds, and its count of boxes: asking the items would make every one
        # still to be made (a big picture is made in stages) and ask each for its bounds
        picture_rect = getattr(scene, "picture_rect", scene.itemsBoundingRect)
        self.map_rect = picture_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        size = self.map_rect.size().scaled(self.width() - 4, self.height() - 4,
                                           Qt.AspectRatioMode.KeepAspectRatio)
        self.target = QRectF(QPointF(0, 0), size)
        self.target.moveCenter(QRectF(self.rect()).center())
        ratio = self.devicePixelRatioF()
        self.pixmap = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        self.pixmap.setDevicePixelRatio(ratio)
        self.pixmap.fill(QColor("white"))
        painter = QPainter(self.pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        whole = QRectF(QPointF(0, 0), size)
        picture = getattr(scene, "picture", None)
        if picture is not None and len(picture.places) > BATCHED_ABOVE:
            scale = size.width() / self.map_rect.width()
            painter.scale(scale, scale)
            painter.translate(-self.map_rect.topLeft())
            painter.drawPicture(0, 0, overview_picture(scene))
        else:
            scene.render(painter, whole, self.map_rect, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()
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
