"""The diagram scene: mirrors the document, keeps id <-> item dictionaries and no state of its own.

Items are created, updated and placed from document events. User gestures come out as signals
(``nodes_moved``, ``connect_requested``, ``entity_dropped``, ``citation_dropped``, ``files_dropped``)
for the editor to turn into undo commands.
"""

from __future__ import annotations

import dataclasses
import json

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPicture
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneDragDropEvent, QGraphicsSceneMouseEvent

from model.document import Document, Event
from model.picture.draw import Picture, draw

from .background import Labeller
from .interactions import ConnectInteraction, Interaction, MoveInteraction, starts_connection
from .items import EntityItem, RelationshipItem
from .measure import QtSizes
from .overview import overview_picture
from .shelf import ShelfItem

SCENE_MARGIN = 3000.0  # room to drag beyond the picture
LABELS_LATER_ABOVE = 2000  # lines: a bigger picture is shown first and labelled in a worker thread
KIND_MIME = "application/x-stakemap-kind"
CITATION_MIME = "application/x-stakemap-citation"


class DiagramScene(QGraphicsScene):
    nodes_moved = Signal(dict)  # {entity_id: ((old x, y), (new x, y))}
    connect_requested = Signal(str, str)  # subject id, object id
    entity_dropped = Signal(str, QPointF)  # entity kind, scene position
    citation_dropped = Signal(dict, str, QPointF)  # {source, start, end}, item id or "", position
    files_dropped = Signal(list)  # local file paths

    def __init__(self, doc: Document, view: str = "ownership", parent=None, *, show_other: bool = False,
                 show_shelf: bool = True) -> None:
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
        self.show_other = show_other  # lines of other kinds than the view's
        self.show_shelf = show_shelf  # the entities with no line of the view's kind
        self.note_suffixes: dict[str, str] = {}
        self.picture = Picture()
        self._refresh_due = False
        self._labeller = Labeller(self, self._take_labels)
        self._picture_rect: QRectF | None = None
        self._mover = MoveInteraction(self)
        self._interaction: Interaction | None = None
        self.rebuild()
        doc.subscribe(self.on_event)

    def detach(self) -> None:
        """Stop following the document (before it is replaced)."""
        self.doc.unsubscribe(self.on_event)

    # --- building from the model ----------------------------------------------------------------
    def rebuild(self) -> None:
        """Make every item afresh, then draw the view's picture."""
        self.clear()
        self.entity_items.clear()
        self.relationship_items.clear()
        self.shelf_item = ShelfItem()
        self.addItem(self.shelf_item)
        for entity in self.doc.entities():
            self._add_entity(entity.id)
        for rel in self.doc.relationships():
            self._add_relationship(rel.id)
        self.refresh()

    def _add_entity(self, entity_id: str) -> None:
        item = EntityItem(entity_id)
        item.show_entity(self.doc.entity(entity_id))
        item.setVisible(False)  # until the picture places it
        self.entity_items[entity_id] = item
        self.addItem(item)

    def _add_relationship(self, relationship_id: str) -> None:
        rel = self.doc.relationship(relationship_id)
        item = RelationshipItem(relationship_id, self.entity_items[rel.subject],
                                self.entity_items[rel.object])
        item.setVisible(False)
        self.relationship_items[relationship_id] = item
        self.addItem(item)
        item.show_relationship(rel, route=False)  # routed by the next refresh

    def _remove_relationship(self, relationship_id: str) -> None:
        item = self.relationship_items.pop(relationship_id)
        item.detach()
        self.removeItem(item)

    # --- the picture ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Draw the view's picture now: places, visibility, routes and labels, all from the model.
        A big picture shows at once and gets its labels from a worker thread a moment later."""
        self._refresh_due = False
        later = len(self.relationship_items) > LABELS_LATER_ABOVE
        self.picture = draw(self.doc, self.view_name, sizes=QtSizes(self.note_suffixes),
                            show_other=self.show_other, show_shelf=self.show_shelf, hidden=self.hidden,
                            with_labels=not later)
        self._labeller.start(self.picture.label_job)  # plain data: placed while the items are set
        self._apply_picture()

    def finish_labels(self) -> None:
        """Wait for the labels of the current picture (an export needs every one in place)."""
        labels = self._labeller.wait()
        if labels is not None:
            self._take_labels(labels)

    def _take_labels(self, labels: dict) -> None:
        self.picture = dataclasses.replace(self.picture, labels=labels, label_job=None)
        self._picture_rect = None
        for rid, centre in labels.items():
            item = self.relationship_items.get(rid)
            if item is not None:
                item.set_label_centre(centre)

    def refresh_soon(self) -> None:
        """Draw the picture once the current burst of model events is over."""
        if not self._refresh_due:
            self._refresh_due = True
            QTimer.singleShot(0, self, self.flush)

    def flush(self) -> None:
        """Bring the canvas up to date with the model if a refresh is due."""
        if self._refresh_due:
            self.refresh()

    def _apply_picture(self) -> None:
        self._picture_rect = None
        picture = self.picture
        moved = set()
        for entity_id, item in self.entity_items.items():
            place = picture.places.get(entity_id)
            if place is not None and (item.pos().x(), item.pos().y()) != place:
                item.setPos(*place)
                moved.add(entity_id)
            item.setVisible(self._shows(item))
        for rid, item in self.relationship_items.items():
            route = picture.lines.get(rid)
            if route is not None:
                ends_moved = item.subject.entity_id in moved or item.object.entity_id in moved
                label = picture.labels.get(rid)
                if ends_moved or not item.routed or route != item.bends or label != item.label_centre:
                    item.bends, item.label_centre = route, label
                    item.update_path()
            item.setVisible(self._shows(item))
        # a scene without a rectangle of its own asks every item for its bounds (seconds at 10,000)
        margin = SCENE_MARGIN
        self.setSceneRect(self.picture_rect().adjusted(-margin, -margin, margin, margin))
        self.shelf_item.show_shelf(picture.shelf_box, len(picture.shelf))
        self.shelf_item.setVisible(picture.shelf_box is not None and not self.overview)
        self._overview_picture = None
        self.update()

    def picture_rect(self) -> QRectF:
        """The bounds of what the view's picture shows (from the picture: asking 20,000 items for
        theirs takes seconds)."""
        if self._picture_rect is None:
            rect = QRectF()
            for eid in self.picture.places:
                item = self.entity_items.get(eid)
                if item is not None:
                    rect = rect.united(item.sceneBoundingRect())
            xs = [x for route in self.picture.lines.values() for x, _ in route]
            ys = [y for route in self.picture.lines.values() for _, y in route]
            if xs:
                rect = rect.united(QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
            for centre in self.picture.labels.values():  # labels are at most a plate's size off
                rect = rect.united(QRectF(centre[0] - 80, centre[1] - 30, 160, 60))
            if self.picture.shelf_box:
                x0, y0, x1, y1 = self.picture.shelf_box
                rect = rect.united(QRectF(x0, y0, x1 - x0, y1 - y0))
            self._picture_rect = rect
        return self._picture_rect

    def set_view(self, view: str) -> None:
        if view != self.view_name:
            self.view_name = view
            self.refresh()

    def set_options(self, show_other: bool | None = None, show_shelf: bool | None = None) -> None:
        """Show lines of other kinds than the view's; show the shelf of entities outside the view."""
        if show_other is not None:
            self.show_other = show_other
        if show_shelf is not None:
            self.show_shelf = show_shelf
        self.refresh()

    def set_hidden(self, hidden_ids: frozenset[str]) -> None:
        """Hide these entities and relationships (an as-of date, a filter); lines to hidden ends too."""
        hidden = frozenset(hidden_ids)
        if hidden != self.hidden:
            self.hidden = hidden
            self.refresh()

    def set_note_suffixes(self, suffixes: dict[str, str]) -> None:
        """Label suffixes (source note numbers, in exports): longer labels need new places."""
        if suffixes != self.note_suffixes:
            self.note_suffixes = dict(suffixes)
            self.refresh()

    def set_overview(self, on: bool) -> None:
        """Zoomed far out, draw the whole picture in a few batched calls instead of item by item."""
        if on != self.overview:
            self.overview = on
            self._apply_visibility()

    def _shows(self, item) -> bool:
        return not self.overview and self.passes_filter(item)

    def passes_filter(self, item) -> bool:
        """Whether the view's picture shows the item, whatever the zoom."""
        if isinstance(item, EntityItem):
            return item.entity_id in self.picture.places
        return item.relationship_id in self.picture.lines

    def _apply_visibility(self) -> None:
        for item in [*self.entity_items.values(), *self.relationship_items.values()]:
            item.setVisible(self._shows(item))
        self.shelf_item.setVisible(self.picture.shelf_box is not None and not self.overview)
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
        handler = getattr(self, f"_on_{event.name}", None)
        if handler is not None:
            handler(event)
        self.refresh_soon()

    def _on_entity_added(self, event: Event) -> None:
        self._add_entity(event.id)

    def _on_entity_changed(self, event: Event) -> None:
        self.entity_items[event.id].show_entity(event.new)

    def _on_entity_removed(self, event: Event) -> None:
        item = self.entity_items.pop(event.id)
        self.removeItem(item)

    def _on_relationship_added(self, event: Event) -> None:
        self._add_relationship(event.id)

    def _on_relationship_changed(self, event: Event) -> None:
        old, new = event.old, event.new
        if (old.subject, old.object) != (new.subject, new.object):
            self._remove_relationship(event.id)
            self._add_relationship(event.id)
        else:
            self.relationship_items[event.id].show_relationship(new)

    def _on_relationship_removed(self, event: Event) -> None:
        self._remove_relationship(event.id)

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
        item = self.entity_items.get(event.id)
        place = self.doc.place(view, event.id)
        if view == self.view_name and item is not None and place is not None:
            item.setPos(*place)  # at once; its lines are routed when the burst of events is over

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
