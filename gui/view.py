"""The canvas view: wheel and Ctrl +/- zoom, Ctrl+0 fit, drag empty space to pan, Shift-drag to select."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

MIN_SCALE = 0.005
MAX_SCALE = 6.0
OVERVIEW_BELOW = 0.2  # zoom under which the scene draws its batched overview instead of items


class DiagramView(QGraphicsView):
    zoom_changed = Signal(float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setAcceptDrops(True)
        self._panning = False

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(MAX_SCALE, max(MIN_SCALE, self.zoom() * factor))
        factor = target / self.zoom()
        if abs(factor - 1) > 1e-6:
            self.scale(factor, factor)
            self._zoomed()

    def _zoomed(self) -> None:
        scene = self.scene()
        if scene is not None and hasattr(scene, "set_overview"):
            scene.set_overview(self.zoom() < OVERVIEW_BELOW)
        self.zoom_changed.emit(self.zoom())

    def setScene(self, scene) -> None:
        super().setScene(scene)
        self._zoomed()

    def resetTransform(self) -> None:
        super().resetTransform()
        self._zoomed()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """In the overview, a double click zooms in to where it points."""
        if self.zoom() < OVERVIEW_BELOW:
            at = self.mapToScene(event.position().toPoint())
            self.zoom_by(0.6 / self.zoom())
            self.centerOn(at)
            return
        super().mouseDoubleClickEvent(event)

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(0.8)

    def fit(self) -> None:
        """Show the whole diagram (never blown up past 100%)."""
        scene = self.scene()
        if scene is None:
            return
        rect = scene.itemsBoundingRect().adjusted(-40, -40, 40, 40)
        if rect.isEmpty():
            rect = QRectF(-200, -150, 400, 300)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:
            self.resetTransform()
            self.centerOn(rect.center())
        self._zoomed()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.15 ** steps)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        on_empty = self.itemAt(event.position().toPoint()) is None
        if event.button() == Qt.MouseButton.MiddleButton or (
                event.button() == Qt.MouseButton.LeftButton and on_empty
                and not event.modifiers() & (Qt.KeyboardModifier.ShiftModifier
                                             | Qt.KeyboardModifier.ControlModifier)):
            self._panning = True
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            if event.button() == Qt.MouseButton.MiddleButton:  # ScrollHandDrag answers the left button only
                event = QMouseEvent(event.type(), event.position(), event.globalPosition(),
                                    Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, event.modifiers())
            if on_empty and self.scene() is not None:
                self.scene().clearSelection()
        elif event.button() == Qt.MouseButton.LeftButton and on_empty:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._panning and event.button() == Qt.MouseButton.MiddleButton:
            event = QMouseEvent(event.type(), event.position(), event.globalPosition(),
                                Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, event.modifiers())
        super().mouseReleaseEvent(event)
        self._panning = False
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
