"""Edit modes of the canvas, one handler object each: moving nodes and drawing a new relationship.

The scene hands mouse events to the active handler; a handler never changes the model, it asks the
scene to emit a request (``nodes_moved``, ``connect_requested``) that the editor turns into a command.
Alt-dragging one entity onto another asks to merge them (:func:`merge_requests`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsSceneMouseEvent

from . import style
from .items import EntityItem

if TYPE_CHECKING:
    from .scene import DiagramScene


class Interaction:
    """Base handler: return True from a method to say the event was dealt with."""

    def __init__(self, scene: DiagramScene) -> None:
        self.scene = scene

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False


class MoveInteraction(Interaction):
    """Qt moves the selected nodes; this records where they were and reports one move on release."""

    def __init__(self, scene: DiagramScene) -> None:
        super().__init__(scene)
        self._start: dict[str, tuple[float, float]] = {}

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        self._start = {
            item.entity_id: (item.pos().x(), item.pos().y())
            for item in self.scene.selectedItems() if isinstance(item, EntityItem)
        }
        return False

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Qt has just moved the dragged nodes: bring their lines along."""
        if event.buttons() and self._start:
            for entity_id in self._start:
                item = self.scene.entity_items.get(entity_id)
                if item is not None:
                    item.follow()
        return False

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        target = self._merge_target(event)
        if target:  # Alt-drop onto another entity: a merge, not a move; the box goes back first
            (dragged, old), = self._start.items()
            item = self.scene.entity_items.get(dragged)
            if item is not None:
                item.setPos(*old)
                item.follow()
            self._start = {}
            merge_requests(self.scene).requested.emit(target, dragged)
            return False
        moves = {}
        for entity_id, old in self._start.items():
            item = self.scene.entity_items.get(entity_id)
            if item is None:
                continue
            new = (item.pos().x(), item.pos().y())
            if new != old:
                moves[entity_id] = (old, new)
        self._start = {}
        if moves:
            self.scene.nodes_moved.emit(moves)
        return False

    def _merge_target(self, event: QGraphicsSceneMouseEvent) -> str:
        """The entity one Alt-dragged entity was dropped on, or ''."""
        if len(self._start) != 1 or not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            return ""
        for item in self.scene.items(event.scenePos()):
            if isinstance(item, EntityItem) and item.isVisible() and item.entity_id not in self._start:
                return item.entity_id
        return ""


class MergeRequests(QObject):
    """Where Alt-drag asks for a merge: ``requested(keep_id, absorb_id)``, the entity dropped on kept."""

    requested = Signal(str, str)


def merge_requests(scene: DiagramScene) -> MergeRequests:
    """The scene's merge requests (made on first use, a child of the scene, so it lives as long)."""
    found = scene.findChild(MergeRequests)
    return found if found is not None else MergeRequests(scene)


class ConnectInteraction(Interaction):
    """Drag from a node to another: a dashed preview line, then a request to connect the two."""

    def __init__(self, scene: DiagramScene, source: EntityItem) -> None:
        super().__init__(scene)
        self.source = source
        self.preview = QGraphicsLineItem()
        pen = QPen(style.SELECTION_COLOUR, 2, Qt.PenStyle.DashLine)
        self.preview.setPen(pen)
        self.preview.setZValue(style.Z_PREVIEW)
        scene.addItem(self.preview)

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        self.preview.setLine(QLineF(self.source.scenePos(), event.scenePos()))
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        self.scene.removeItem(self.preview)
        target = self.scene.entity_at(event.scenePos())
        self.scene.end_interaction()
        if target is not None and target is not self.source:
            self.scene.connect_requested.emit(self.source.entity_id, target.entity_id)
        return True


def starts_connection(item: EntityItem, scene_pos: QPointF, connect_mode: bool) -> bool:
    """A press starts a connection in connect mode, or on the node's port handle."""
    return connect_mode or item.port_rect().contains(item.mapFromScene(scene_pos))
