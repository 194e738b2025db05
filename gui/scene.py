"""The diagram scene: mirrors the document, keeps id <-> item dictionaries and no state of its own.

Items are created, updated and placed from document events. User gestures come out as signals
(``nodes_moved``, ``connect_requested``, ``entity_dropped``, ``citation_dropped``, ``files_dropped``)
for the editor to turn into undo commands.
"""

from __future__ import annotations

import json
from collections import defaultdict

from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPicture
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneDragDropEvent, QGraphicsSceneMouseEvent

from model.document import Document, Event

from .interactions import ConnectInteraction, Interaction, MoveInteraction, starts_connection
from .items import LABEL_PLACES, EntityItem, RelationshipItem
from .overview import overview_picture

KIND_MIME = "application/x-stakemap-kind"
CITATION_MIME = "application/x-stakemap-citation"
PARALLEL_SPACING = 34.0
DEFER_LABELS_ABOVE = 2000  # lines


class DiagramScene(QGraphicsScene):
    nodes_moved = Signal(dict)  # {entity_id: ((old x, y), (new x, y))}
    connect_requested = Signal(str, str)  # subject id, object id
    entity_dropped = Signal(str, QPointF)  # entity kind, scene position
    citation_dropped = Signal(dict, str, QPointF)  # {source, start, end}, item id or "", position
    files_dropped = Signal(list)  # local file paths

    def __init__(self, doc: Document, view: str = "ownership", parent=None) -> None:
        super().__init__(parent)
        self.setBackgroundBrush(QColor("white"))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.doc = doc
        self.view_name = view
        self.connect_mode = False
        self.entity_items: dict[str, EntityItem] = {}
        self.relationship_items: dict[str, RelationshipItem] = {}
        self.hidden: frozenset[str] = frozenset()
        self.overview = False
        self.exporting = False  # painting a picture: no selection marks or handles
        self._overview_picture: QPicture | None = None
        self._pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._pins_cache: dict | None = None  # pins held still while many lines are routed
        self._mover = MoveInteraction(self)
        self._interaction: Interaction | None = None
        self.rebuild()
        doc.subscribe(self.on_event)

    def detach(self) -> None:
        """Stop following the document (before it is replaced)."""
        self.doc.unsubscribe(self.on_event)

    # --- building from the model ----------------------------------------------------------------
    def rebuild(self) -> None:
        """Make every item afresh: entities in place first, so each line is routed once."""
        self.clear()
        self.entity_items.clear()
        self.relationship_items.clear()
        self._pairs.clear()
        for entity in self.doc.entities():
            self._add_entity(entity.id)
        self._pins_cache = self.doc.pins(self.view_name)
        try:
            for rel in self.doc.relationships():
                self._add_relationship(rel.id)
        finally:
            self._pins_cache = None
        if len(self.relationship_items) > DEFER_LABELS_ABOVE:
            # a big picture opens zoomed out, labels unread: place them just after the first paint
            QTimer.singleShot(50, self, lambda: self.declutter_labels(self.relationship_items.values()))
        else:
            self.declutter_labels(self.relationship_items.values())

    def _add_entity(self, entity_id: str) -> None:
        item = EntityItem(entity_id)
        item.show_entity(self.doc.entity(entity_id))
        self.entity_items[entity_id] = item
        item.setVisible(self._shows(item))
        self.addItem(item)
        self._place(item)

    def _add_relationship(self, relationship_id: str) -> None:
        rel = self.doc.relationship(relationship_id)
        item = RelationshipItem(relationship_id, self.entity_items[rel.subject],
                                self.entity_items[rel.object])
        item.bends = self._bends_of(item)
        self.relationship_items[relationship_id] = item
        item.setVisible(self._shows(item))
        self.addItem(item)
        item.show_relationship(rel)
        self._pairs[_pair(rel.subject, rel.object)].add(relationship_id)
        self._spread_parallel(rel.subject, rel.object)

    def _remove_relationship(self, relationship_id: str, subject: str, obj: str) -> None:
        item = self.relationship_items.pop(relationship_id)
        item.detach()
        self.removeItem(item)
        self._pairs[_pair(subject, obj)].discard(relationship_id)
        self._spread_parallel(subject, obj)

    def _spread_parallel(self, a: str, b: str) -> None:
        """Bow the lines between one pair apart so each label can be read."""
        group = sorted(self._pairs.get(_pair(a, b), ()))
        for index, rid in enumerate(group):
            item = self.relationship_items[rid]
            step = (index + 1) // 2 * (1 if index % 2 else -1) * PARALLEL_SPACING
            if item.subject.entity_id != min(a, b):
                step = -step  # the same side of the pair whatever the direction
            if item.offset != (step if len(group) > 1 else 0.0):
                item.offset = step if len(group) > 1 else 0.0
                item.update_path()

    def place_all(self) -> None:
        """Put every item where the document says it stands in the current view."""
        for item in self.entity_items.values():
            self._place(item)
        self._apply_bends()
        self.declutter_labels(self.relationship_items.values())

    def declutter_labels(self, lines) -> None:
        """Slide labels along their lines so that none covers another label or an entity."""
        taken = [i.sceneBoundingRect() for i in self.entity_items.values() if i.isVisible()]
        moving = {id(line) for line in lines}
        taken += [line._label_rect() for line in self.relationship_items.values()
                  if id(line) not in moving and line.label]
        grid = _RectGrid(taken)
        for line in sorted(lines, key=lambda item: item.relationship_id):
            if not line.label:
                continue
            for t in LABEL_PLACES:
                rect = line.label_rect_at(t)
                if not grid.hits(rect):
                    break
            else:
                t = LABEL_PLACES[0]
            line.set_label_t(t)
            grid.add(line._label_rect())

    def _place(self, item: EntityItem) -> None:
        place = self.doc.place(self.view_name, item.entity_id)
        x, y = place if place is not None else (0.0, 0.0)
        if (item.pos().x(), item.pos().y()) != (x, y):
            item.move_to(x, y)

    def _bends_of(self, item: RelationshipItem) -> tuple:
        """The layout's bend points, unless the user has moved an end since."""
        pins = self.doc.pins(self.view_name) if self._pins_cache is None else self._pins_cache
        if item.subject.entity_id in pins or item.object.entity_id in pins:
            return ()
        return self.doc.arrangement(self.view_name).bends.get(item.relationship_id, ())

    def _apply_bends(self) -> None:
        self._pins_cache = self.doc.pins(self.view_name)
        try:
            for item in self.relationship_items.values():
                bends = self._bends_of(item)
                if bends != item.bends:
                    item.bends = bends
                    item.update_path()
        finally:
            self._pins_cache = None

    def set_view(self, view: str) -> None:
        if view != self.view_name:
            self.view_name = view
            self.place_all()

    def set_hidden(self, hidden_ids: frozenset[str]) -> None:
        """Hide these entities and relationships (an as-of date, a filter); lines to hidden ends too."""
        self.hidden = frozenset(hidden_ids)
        self._apply_visibility()

    def set_overview(self, on: bool) -> None:
        """Zoomed far out, draw the whole picture in a few batched calls instead of item by item."""
        if on != self.overview:
            self.overview = on
            self._apply_visibility()

    def _shows(self, item) -> bool:
        return not self.overview and self.passes_filter(item)

    def passes_filter(self, item) -> bool:
        """Whether the item passes the filter (an as-of date), whatever the zoom."""
        if isinstance(item, EntityItem):
            return item.entity_id not in self.hidden
        return not ({item.relationship_id, item.subject.entity_id, item.object.entity_id} & self.hidden)

    def _apply_visibility(self) -> None:
        for item in [*self.entity_items.values(), *self.relationship_items.values()]:
            item.setVisible(self._shows(item))
        self._overview_picture = None
        self.update()

    def drawForeground(self, painter: QPainter, rect) -> None:
        if not self.overview:
            return
        if self._overview_picture is None:
            self._overview_picture = overview_picture(self)
        painter.drawPicture(0, 0, self._overview_picture)

    # --- following the model --------------------------------------------------------------------
    def on_event(self, event: Event) -> None:
        if self.overview:
            self._overview_picture = None
            self.update()
        handler = getattr(self, f"_on_{event.name}", None)
        if handler is not None:
            handler(event)

    def _on_entity_added(self, event: Event) -> None:
        self._add_entity(event.id)

    def _on_entity_changed(self, event: Event) -> None:
        item = self.entity_items[event.id]
        item.show_entity(event.new)
        for edge in item.edges:
            edge.update_path()

    def _on_entity_removed(self, event: Event) -> None:
        item = self.entity_items.pop(event.id)
        self.removeItem(item)

    def _on_relationship_added(self, event: Event) -> None:
        self._add_relationship(event.id)
        self.declutter_labels([self.relationship_items[event.id]])

    def _on_relationship_changed(self, event: Event) -> None:
        old, new = event.old, event.new
        if (old.subject, old.object) != (new.subject, new.object):
            self._remove_relationship(event.id, old.subject, old.object)
            self._add_relationship(event.id)
        else:
            self.relationship_items[event.id].show_relationship(new)
        self.declutter_labels([self.relationship_items[event.id]])

    def _on_relationship_removed(self, event: Event) -> None:
        self._remove_relationship(event.id, event.old.subject, event.old.object)

    def _on_citation_added(self, event: Event) -> None:
        self._refresh_item(event.id)

    _on_citation_removed = _on_citation_added

    def _refresh_item(self, item_id: str) -> None:
        if item_id in self.entity_items:
            self.entity_items[item_id].show_entity(self.doc.entity(item_id))
        elif item_id in self.relationship_items:
            self.relationship_items[item_id].show_relationship(self.doc.relationship(item_id))

    def _on_pin_changed(self, event: Event) -> None:
        view, _ = event.new
        if view == self.view_name and event.id in self.entity_items:
            self._place(self.entity_items[event.id])
            self._apply_bends_of(self.entity_items[event.id])

    def _apply_bends_of(self, item: EntityItem) -> None:
        for edge in item.edges:
            edge.bends = ()
            edge.update_path()
        self.declutter_labels(item.edges)

    def _on_arrangement_changed(self, event: Event) -> None:
        if event.id == self.view_name:
            self.place_all()

    # --- gestures -------------------------------------------------------------------------------
    def entity_at(self, scene_pos: QPointF) -> EntityItem | None:
        for item in self.items(scene_pos):
            if isinstance(item, EntityItem) and item.isVisible():
                return item
        return None

    def end_interaction(self) -> None:
        self._interaction = None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.entity_at(event.scenePos())
        if item is not None and starts_connection(item, event.scenePos(), self.connect_mode):
            self._interaction = ConnectInteraction(self, item)
            event.accept()
            return
        super().mousePressEvent(event)
        self._mover.press(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._interaction is not None and self._interaction.move(event):
            return
        super().mouseMoveEvent(event)
        self._mover.move(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._interaction is not None and self._interaction.release(event):
            return
        super().mouseReleaseEvent(event)
        self._mover.release(event)

    # --- drops ----------------------------------------------------------------------------------
    def _wanted(self, event: QGraphicsSceneDragDropEvent) -> bool:
        mime = event.mimeData()
        return mime.hasFormat(KIND_MIME) or mime.hasFormat(CITATION_MIME) or mime.hasUrls()

    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        event.setAccepted(self._wanted(event))

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        event.setAccepted(self._wanted(event))

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        mime = event.mimeData()
        pos = event.scenePos()
        if mime.hasFormat(KIND_MIME):
            self.entity_dropped.emit(bytes(mime.data(KIND_MIME)).decode(), pos)
        elif mime.hasFormat(CITATION_MIME):
            span = json.loads(bytes(mime.data(CITATION_MIME)).decode())
            self.citation_dropped.emit(span, self.item_id_at(pos), pos)
        elif mime.hasUrls():
            self.files_dropped.emit([url.toLocalFile() for url in mime.urls() if url.isLocalFile()])
        else:
            event.ignore()
            return
        event.acceptProposedAction()

    def item_id_at(self, scene_pos: QPointF) -> str:
        """The id of the entity or line under a point, or '' for empty canvas."""
        for item in self.items(scene_pos):
            if not item.isVisible():
                continue
            if isinstance(item, EntityItem):
                return item.entity_id
            if isinstance(item, RelationshipItem):
                return item.relationship_id
        return ""

    def selected_ids(self) -> list[str]:
        out = []
        for item in self.selectedItems():
            if isinstance(item, EntityItem):
                out.append(item.entity_id)
            elif isinstance(item, RelationshipItem):
                out.append(item.relationship_id)
        return sorted(out)

    def select_ids(self, ids) -> None:
        wanted = set(ids)
        self.blockSignals(True)
        self.clearSelection()
        for item_id in wanted:
            item = self.entity_items.get(item_id) or self.relationship_items.get(item_id)
            if item is not None:
                item.setSelected(True)
        self.blockSignals(False)
        self.selectionChanged.emit()



def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class _RectGrid:
    """Rectangles bucketed by a coarse grid, to ask quickly whether a new one overlaps any."""

    CELL = 200.0

    def __init__(self, rects) -> None:
        self.cells: dict[tuple[int, int], list] = defaultdict(list)
        for rect in rects:
            self.add(rect)

    def _keys(self, rect):
        for gx in range(int(rect.left() // self.CELL), int(rect.right() // self.CELL) + 1):
            for gy in range(int(rect.top() // self.CELL), int(rect.bottom() // self.CELL) + 1):
                yield gx, gy

    def add(self, rect) -> None:
        for key in self._keys(rect):
            self.cells[key].append(rect)

    def hits(self, rect) -> bool:
        return any(rect.intersects(other) for key in self._keys(rect) for other in self.cells.get(key, ()))
