"""The canvas view: wheel and Ctrl +/- zoom, Ctrl+0 fit, drag empty space to pan, Shift-drag to select.

A picture first comes into sight at a zoom where its text can be read (``show_readable``), and each
of the document's views keeps its own zoom, centre and scrollable area while the user looks at another
one. The scrollable area is the view's own (the picture with a margin, grown as it grows), not the
scene's, which holds every view ever drawn in it: a picture smaller than the canvas is centred on that
area, so it must be the same when the user comes back.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

MIN_SCALE = 0.005
MAX_SCALE = 6.0
OVERVIEW_BELOW = 0.2  # zoom under which the scene draws its batched overview instead of items
READABLE_MIN = 0.75  # the smallest zoom a picture first opens at: labels stay about 8 px high
READABLE_MAX = 1.0
MARGIN = 40.0  # scene units around the picture when it is fitted
FIRST_BOX_ROOM = 200.0  # scene units left of a first sight's first box
GROW_AFTER_MS = 200  # the scrollable area follows the picture once an edit or a drag pauses


@dataclass(frozen=True)
class Sight:
    """Where the canvas looks: its zoom, the scene point at its centre, its scrollable area, and
    whether the user has moved it since it was chosen for them."""

    zoom: float
    centre: QPointF
    area: QRectF
    chosen_for_user: bool


def readable_zoom(picture: QRectF, viewport_width: float, viewport_height: float) -> tuple[float, bool]:
    """The zoom to first show ``picture`` at, and whether the whole of it fits at that zoom.

    Fitted when it fits at READABLE_MIN or more (never past READABLE_MAX); otherwise as wide as it
    can be shown within those bounds.

    >>> readable_zoom(QRectF(0, 0, 400, 300), 800, 600)
    (1.0, True)
    >>> readable_zoom(QRectF(0, 0, 1000, 4000), 800, 600)
    (0.8, False)
    """
    fit_width, fit_height = viewport_width / picture.width(), viewport_height / picture.height()
    whole = min(fit_width, fit_height)
    if whole >= READABLE_MIN:
        return min(whole, READABLE_MAX), True
    return min(READABLE_MAX, max(READABLE_MIN, fit_width)), False


def first_box(scene, corner: QRectF) -> tuple[float, float] | None:
    """The place of the first box of the picture's top row, when no box stands within ``corner``
    (None when one does, or the scene has no picture)."""
    places = getattr(getattr(scene, "picture", None), "places", None)
    if not places or any(corner.contains(x, y) for x, y in places.values()):
        return None
    return min(places.values(), key=lambda place: (place[1], place[0]))


class DiagramView(QGraphicsView):
    zoom_changed = Signal(float)
    scene_replaced = Signal(object)  # the new scene (or None)

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
        self._chosen_for_user = False  # showing a first sight, to be chosen again if the canvas resizes
        self._sights: dict[str, Sight] = {}
        self._grow_timer = QTimer(self, singleShot=True, interval=GROW_AFTER_MS)
        self._grow_timer.timeout.connect(self._grow)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._touched)

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self._touched()
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
        old = self.scene()
        if old is not None:
            old.changed.disconnect(self._scene_changed)
        super().setScene(scene)
        if scene is not None:
            self.setSceneRect(self.picture())
            scene.changed.connect(self._scene_changed)
        self._zoomed()
        self.scene_replaced.emit(scene)

    def resetTransform(self) -> None:
        self._touched()
        super().resetTransform()
        self._zoomed()

    # --- where the canvas looks -------------------------------------------------------------------
    def show_readable(self) -> None:
        """Show the picture at a zoom where its text reads: all of it, fitted and centred, when it
        fits at READABLE_MIN or more; otherwise its top (left) part, or the selection if there is one.
        """
        scene = self.scene()
        if scene is None:
            return
        picture = self.picture()
        width, height = self.viewport().width(), self.viewport().height()
        zoom, whole = readable_zoom(picture, width, height)
        selected = [item.sceneBoundingRect() for item in scene.selectedItems()]
        if whole:
            centre = picture.center()
        elif not selected:  # the top left corner, or the top middle of a picture as narrow as the canvas
            shown = QRectF(picture.topLeft(), QSizeF(width / zoom, height / zoom)).intersected(picture)
            first = first_box(scene, shown)
            if first is not None:  # nothing in that corner (a wide picture): from the top row's first box
                left = min(first[0] - FIRST_BOX_ROOM, picture.right() - shown.width())
                shown.moveLeft(max(picture.left(), left))
            centre = shown.center()
        else:
            focus = selected[0]
            for rect in selected[1:]:
                focus = focus.united(rect)
            centre = focus.center()
        self._look(Sight(zoom, centre, picture, chosen_for_user=True))

    def look_at(self, point: QPointF) -> None:
        """Centre the canvas on a scene point, as the user asked."""
        self._touched()
        self._grow()  # (something just added out there may not be in the scrollable area yet)
        self.centerOn(point)

    def picture(self) -> QRectF:
        """The scene's items with a margin around them (a small frame when there are none)."""
        scene = self.scene()
        items = QRectF() if scene is None else (
            scene.picture_rect() if hasattr(scene, "picture_rect") else scene.itemsBoundingRect())
        if items.isEmpty():
            return QRectF(-200, -150, 400, 300)
        return items.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def sight(self) -> Sight:
        """Where the canvas looks now."""
        centre = self.mapToScene(self.viewport().rect().center())
        return Sight(self.zoom(), centre, self.sceneRect(), self._chosen_for_user)

    def leave(self, view_name: str) -> None:
        """Remember where the canvas looks in a view that is about to be replaced by another."""
        self._grow()
        self._sights[view_name] = self.sight()

    def enter(self, view_name: str) -> None:
        """Look where the user last looked in this view, or, on a first visit, at a readable sight."""
        sight = self._sights.get(view_name)
        if sight is None:
            self.show_readable()
        else:
            self._look(dataclasses.replace(sight, area=sight.area.united(self.picture())))

    def forget_views(self) -> None:
        """A new document: every view is visited afresh."""
        self._sights.clear()

    def _look(self, sight: Sight) -> None:
        self.setSceneRect(sight.area)
        self.setTransform(QTransform.fromScale(sight.zoom, sight.zoom))
        self.centerOn(sight.centre)
        self._chosen_for_user = sight.chosen_for_user
        self._zoomed()

    def _scene_changed(self, _rects) -> None:
        self._grow_timer.start()

    def _grow(self) -> None:
        """Keep the scrollable area around the whole picture."""
        self._grow_timer.stop()
        if self.scene() is not None and not self.sceneRect().contains(self.picture()):
            self.setSceneRect(self.sceneRect().united(self.picture()))

    def _touched(self, *_) -> None:
        self._chosen_for_user = False

    def paintEvent(self, event) -> None:
        """Paint, once the scene has made what is in sight (a big picture is made in stages)."""
        scene = self.scene()
        if scene is not None and hasattr(scene, "make_shown"):
            scene.make_shown(self.mapToScene(self.viewport().rect()).boundingRect())
        super().paintEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._chosen_for_user:  # docks still settling around a first sight: choose it again
            self.show_readable()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """In the overview, a double click zooms in to where it points."""
        if self.zoom() < OVERVIEW_BELOW:
            at = self.mapToScene(event.position().toPoint())
            self.zoom_by(0.6 / self.zoom())
            self.look_at(at)
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
        self._touched()
        self._grow()
        rect = self.picture()
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
        self._touched()
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
