"""The diagram scene: mirrors the document, keeps id <-> item dictionaries and no state of its own.

Items are created, updated and placed from document events. User gestures come out as signals
(``nodes_moved``, ``connect_requested``, ``entity_dropped``, ``citation_dropped``, ``files_dropped``)
for the editor to turn into undo commands.

A big picture is made in stages: the items the canvas shows first (:meth:`DiagramScene.make_shown`,
asked by the view before it paints), the rest in slices between the user's events. Whoever asks for
``entity_items`` or ``relationship_items`` gets every item (what is still to make is made then).
Labels of a big picture are placed in a child process and reach the items the same way.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import math
import time

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneDragDropEvent, QGraphicsSceneMouseEvent

from model.document import Document, Event
from model.picture.draw import Picture, draw

from .background import Labeller
from .interactions import ConnectInteraction, Interaction, MoveInteraction, starts_connection
from .items import EntityItem, RelationshipItem
from .measure import QtSizes, box_layout, entity_alias
from .overview import Overview
from .shelf import ShelfItem
from .staging import Backlog
from .trunks import shared_trims

SCENE_MARGIN = 3000.0  # room to drag beyond the picture
LABELS_LATER_ABOVE = 300  # lines: a bigger picture is shown first and labelled in a child process
# (placing the labels of 600 lines takes ~60 ms, of 500 stacked ones ~200 ms: more than a frame)
MAKE_AT_ONCE_UP_TO = 600  # items still to make: more are made in stages, what the canvas shows first
SLICE_S = 0.008  # the longest a slice of making keeps the user's events waiting
SLICE_STEP = 8  # ids taken from the backlog at a time within a slice
BIG_BURST = 1000  # model events: an undo step this big is drawn a moment later, a frame of its own
BIG_BURST_PAUSE_MS = 15
BOX_REACH = 160.0  # half the widest box (or label plate): how far a shown item's place can be off screen
KIND_MIME = "application/x-stakemap-kind"
CITATION_MIME = "application/x-stakemap-citation"


class DiagramScene(QGraphicsScene):
    nodes_moved = Signal(dict)  # {entity_id: ((old x, y), (new x, y))}
    connect_requested = Signal(str, str)  # subject id, object id
    entity_dropped = Signal(str, QPointF)  # entity kind, scene position
    citation_dropped = Signal(dict, str, QPointF)  # {source, start, end}, item id or "", position
    files_dropped = Signal(list)  # local file paths
    built = Signal()  # every item of the picture has been made and has its label place

    def __init__(self, doc: Document, view: str = "ownership", parent=None, *, show_other: bool = False,
                 show_shelf: bool = True) -> None:
        super().__init__(parent)
        self.setBackgroundBrush(QColor("white"))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.doc = doc
        self.view_name = view
        self.connect_mode = False
        self._entity_items: dict[str, EntityItem] = {}  # what is made so far
        self._relationship_items: dict[str, RelationshipItem] = {}
        self.hidden: frozenset[str] = frozenset()
        self.overview = False
        self.exporting = False  # painting a picture: no selection marks or handles
        self.overview_image = Overview(self)  # what the canvas shows when zoomed far out
        self.show_other = show_other  # lines of other kinds than the view's
        self.show_shelf = show_shelf  # the entities with no line of the view's kind
        self.note_suffixes: dict[str, str] = {}
        self.badges: dict[str, int] = {}  # entity id -> lines an open register has beyond the canvas
        self.picture = Picture()
        self._trims: dict[str, tuple] = {}  # lines drawn only where others sharing their route do not run
        self._refresh_due = False
        self._burst = 0  # model events since the picture was last drawn
        self._leaving: list = []  # items of what was removed, taken off the scene when it is drawn
        self._pending: object | None = None  # a picture drawn, to be put on the canvas next turn
        self._labeller = Labeller(self, self._take_labels)
        self._picture_rect: QRectF | None = None
        # what is still to make (entities, lines) or to move to its label place (lines)
        self._todo_entities, self._todo_lines, self._todo_labels = Backlog(), Backlog(), Backlog()
        self._filing: tuple[list, list] | None = None  # ids still to file in the backlogs
        self._slicer = QTimer(self, interval=0)
        self._slicer.timeout.connect(self._make_slice)
        self._mover = MoveInteraction(self)
        self._interaction: Interaction | None = None
        self.rebuild()
        doc.subscribe(self.on_event)

    def detach(self) -> None:
        """Stop following the document (before it is replaced)."""
        self.doc.unsubscribe(self.on_event)
        self._pending = None
        self._labeller.start(None)
        self._slicer.stop()
        gc.unfreeze()  # what this document and its items leave behind can be collected again

    # --- building from the model ----------------------------------------------------------------
    def rebuild(self) -> None:
        """Make every item afresh (in stages, if there are many), then draw the view's picture."""
        self._leaving = []  # (cleared with the rest)
        self.clear()
        self._entity_items.clear()
        self._relationship_items.clear()
        self.shelf_item = ShelfItem()
        self.addItem(self.shelf_item)
        self.refresh()

    def _make_entity(self, entity_id: str) -> EntityItem:
        """The entity's item, standing where the picture puts it (made now if it is not made yet)."""
        item = self._entity_items.get(entity_id)
        if item is None:
            item = EntityItem(entity_id)
            item.show_entity(self.doc.entity(entity_id))
            if entity_id in self.badges:
                item.set_badge(self.badges[entity_id])
            place = self.picture.places.get(entity_id)
            if place is not None:
                item.setPos(*place)
            item.setVisible(self._shows(item))
            self._entity_items[entity_id] = item
            self.addItem(item)
        return item

    def _make_relationship(self, relationship_id: str) -> RelationshipItem:
        """The line's item along the picture's route, with its label where the picture has it."""
        item = self._relationship_items.get(relationship_id)
        if item is None:
            rel = self.doc.relationship(relationship_id)
            item = RelationshipItem(relationship_id, self._make_entity(rel.subject),
                                    self._make_entity(rel.object))
            item.show_relationship(rel, route=False)
            item.trim = self._trims.get(relationship_id)
            route = self.picture.lines.get(relationship_id)
            if route is not None:
                item.bends, item.label_centre = route, self.picture.labels.get(relationship_id)
                item.update_path()
            item.setVisible(self._shows(item))
            self._relationship_items[relationship_id] = item
            self.addItem(item)
        return item

    def _remove_relationship(self, relationship_id: str) -> None:
        item = self._relationship_items.pop(relationship_id, None)
        if item is not None:
            self._leaving.append(item)

    def _let_go(self) -> None:
        """Take the items of what was removed off the scene: one by one, or, when more went than is
        left (a register's expansion collapsed), by clearing the scene and making what is left again."""
        leaving, self._leaving = self._leaving, []
        left = len(self._entity_items) + len(self._relationship_items)
        if len(leaving) > BIG_BURST and len(leaving) > left:
            self.clear()
            self._entity_items.clear()
            self._relationship_items.clear()
            self.shelf_item = ShelfItem()
            self.addItem(self.shelf_item)
            return
        # the lines leave their ends' lists in one pass per end (a hub's list holds thousands)
        lines = {id(item): item for item in leaving if isinstance(item, RelationshipItem)}
        ends = {id(end): end for line in lines.values() for end in (line.subject, line.object)}
        for end in ends.values():
            end.edges = [edge for edge in end.edges if id(edge) not in lines]
        for item in leaving:
            self.removeItem(item)

    # --- the picture ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Draw the view's picture now: places, visibility, routes and labels, all from the model.
        A big picture shows at once and gets its labels from a worker thread a moment later."""
        self._refresh_due = False
        self._burst = 0
        self._show(self._draw())

    def _draw(self) -> Picture:
        later = len(self.doc.relationships()) > LABELS_LATER_ABOVE
        self._pending = None
        return draw(self.doc, self.view_name, sizes=QtSizes(self.note_suffixes), show_other=self.show_other,
                    show_shelf=self.show_shelf, hidden=self.hidden, with_labels=not later)

    def _show(self, picture: Picture) -> None:
        """Put a picture of the document as it stands on the canvas."""
        self._let_go()
        self.picture = picture
        self._trims = self._shared_trims()
        self._labeller.start(self.picture.label_job)  # plain data: placed while the items are set
        self._apply_picture()

    def _refresh_in_two(self) -> None:
        """After a big burst of events: draw the picture now and put it on the canvas a moment later,
        two frames (unless the document changes again first: then the next refresh draws it)."""
        if not self._refresh_due:
            return
        self._refresh_due = False
        self._burst = 0
        picture = self._draw()
        self._pending = token = object()
        QTimer.singleShot(BIG_BURST_PAUSE_MS, self, lambda: self._pending is token and self._show(picture))

    def _shared_trims(self) -> dict[str, tuple]:
        doc = self.doc
        routes = {}
        for rid, bends in self.picture.lines.items():
            rel = doc.relationship(rid)
            routes[rid] = (rel.subject, rel.object, (rel.kind, rel.status), bends)
        return shared_trims(routes)

    def finish_labels(self) -> None:
        """Make every item and wait for the labels of the current picture (an export needs every one
        in place)."""
        labels = self._labeller.wait()
        if labels is not None:
            self._take_labels(labels)
        self.finish_building()

    def _take_labels(self, labels: dict) -> None:
        self.picture = dataclasses.replace(self.picture, labels=labels, label_job=None)
        self._picture_rect = None
        made = [rid for rid in labels if rid in self._relationship_items]
        if len(made) <= MAKE_AT_ONCE_UP_TO:
            for rid in made:
                self._relationship_items[rid].set_label_centre(labels[rid])
        else:  # thousands of plates move: what the canvas shows first, the rest in slices
            for rid in made:
                self._todo_labels.add_path(rid, self._route_points(rid))
            self._slicer.start()
        self._check_built()

    # --- making a big picture in stages ---------------------------------------------------------
    @property
    def entity_items(self) -> dict[str, EntityItem]:
        """Entity id -> item, for every entity of the document (whatever is still to make is made now)."""
        if self._todo_left():
            self.finish_building()
        return self._entity_items

    @property
    def relationship_items(self) -> dict[str, RelationshipItem]:
        """Relationship id -> item, for every relationship of the document (made now if need be)."""
        if self._todo_left():
            self.finish_building()
        return self._relationship_items

    @property
    def building(self) -> bool:
        """Whether items or label places are still to come (labels still being placed count)."""
        return self._todo_left() or self._labeller.pending

    def make_shown(self, rect: QRectF) -> None:
        """Make at once whatever the picture shows within ``rect`` (the canvas is about to paint it)."""
        if self.overview or not self._todo_left():
            return  # (in the overview no item is drawn)
        self._file_pending()
        reach = BOX_REACH
        box = (rect.left() - reach, rect.top() - reach, rect.right() + reach, rect.bottom() + reach)
        self._make(self._todo_lines.take(box), self._todo_entities.take(box), self._todo_labels.take(box))

    def finish_building(self) -> None:
        """Make every item still to make and put every label the picture has in its place."""
        self._file_pending()
        while self._todo_left():
            self._make(self._todo_lines.take_some(10**9), self._todo_entities.take_some(10**9),
                       self._todo_labels.take_some(10**9))
        self._check_built()

    def _make_slice(self) -> None:
        if self._filing is not None:  # a slice of its own
            self._file_pending()
            return
        deadline = time.perf_counter() + SLICE_S
        while time.perf_counter() < deadline and self._todo_left():
            lines = self._todo_lines.take_some(SLICE_STEP)
            entities = [] if lines else self._todo_entities.take_some(SLICE_STEP)
            labels = [] if lines or entities else self._todo_labels.take_some(SLICE_STEP)
            self._make(lines, entities, labels)
        self._check_built()

    def _make(self, lines, entities, labels) -> None:
        doc = self.doc  # (something removed since it was filed is not made: a refresh is on its way)
        for rid in lines:
            if doc.has_relationship(rid):
                self._make_relationship(rid)
        for eid in entities:
            if doc.has_entity(eid):
                self._make_entity(eid)
        for rid in labels:
            item = self._relationship_items.get(rid)
            if item is not None:
                item.set_label_centre(self.picture.labels.get(rid))

    def _todo_left(self) -> bool:
        return self._filing is not None or bool(self._todo_entities or self._todo_lines or self._todo_labels)

    def _check_built(self) -> None:
        if not self._todo_left():
            if self._slicer.isActive():  # a big picture has just been made
                self._slicer.stop()
                # Set what is made aside from the garbage collector: its full sweeps would otherwise
                # walk every item and every value of the document, a third of a second in the middle
                # of a drag. (Let go again when the document is replaced: see detach.)
                gc.freeze()
            if not self._labeller.pending:
                self.built.emit()

    def _route_points(self, rid: str) -> list:
        """Where the line is drawn: its route, or the part of it that others do not draw (gui.trunks)."""
        rel = self.doc.relationship(rid)
        places = self.picture.places
        points = [places[rel.subject], *self.picture.lines[rid], places[rel.object]]
        trim = self._trims.get(rid)
        if trim is not None and len(points) > 2:
            return [trim[1], *points[-2:]] if trim[0] == "from" else [*points[:2], trim[1]]
        return points

    def _file_missing(self) -> None:
        """Make the items the picture needs that are not made yet: at once if they are few, else file
        them by where they stand, to be made when the canvas shows them or in the next slices."""
        for backlog in (self._todo_entities, self._todo_lines, self._todo_labels):
            backlog.clear()
        doc = self.doc
        entities = [e.id for e in doc.entities() if e.id not in self._entity_items]
        lines = [r.id for r in doc.relationships() if r.id not in self._relationship_items]
        # Qt sizes its index by the items there are when it first paints; a picture made in stages
        # must be indexed for all it will hold, or every paint sifts thousands of items per cell.
        count = len(self._entity_items) + len(self._relationship_items) + len(entities) + len(lines)
        depth = max(5, math.ceil(math.log2(max(count, 2))))
        if depth != self.bspTreeDepth():
            self.setBspTreeDepth(depth)
        self._filing = None
        if len(entities) + len(lines) <= MAKE_AT_ONCE_UP_TO:
            for eid in entities:
                self._make_entity(eid)
            for rid in lines:
                self._make_relationship(rid)
            return
        self._filing = (entities, lines)  # filed in a moment: the picture and the filing are two frames
        self._slicer.start()

    def _file_pending(self) -> None:
        """File what :meth:`_file_missing` left to file, by where it stands on the picture."""
        if self._filing is None:
            return
        (entities, lines), self._filing = self._filing, None
        picture = self.picture
        for eid in entities:
            place = picture.places.get(eid)
            if place is None:
                self._todo_entities.add_elsewhere(eid)
            else:
                self._todo_entities.add_point(eid, place)
        for rid in lines:
            if rid in picture.lines:
                self._todo_lines.add_path(rid, self._route_points(rid))
            else:
                self._todo_lines.add_elsewhere(rid)

    def refresh_soon(self) -> None:
        """Draw the picture once the current burst of model events is over."""
        if not self._refresh_due:
            self._refresh_due = True
            QTimer.singleShot(0, self, self._catch_up)

    def _catch_up(self) -> None:
        """The burst of events is over: draw the picture, or after a big burst let the event loop
        through first (the events took a frame's time already)."""
        if self._burst >= BIG_BURST:
            QTimer.singleShot(BIG_BURST_PAUSE_MS, self, self._refresh_in_two)
        else:
            self.flush()

    def flush(self, step: bool = False) -> None:
        """Bring the canvas up to date with the model if a refresh is due. After an undo ``step`` of
        thousands of events (a register's expansion) the drawing waits a moment (it is on its way: see
        refresh_soon), so the step and the drawing are two frames."""
        if self._refresh_due and not (step and self._burst >= BIG_BURST):
            self.refresh()

    def _apply_picture(self) -> None:
        self._picture_rect = None
        picture = self.picture
        moved = set()
        for entity_id, item in self._entity_items.items():
            place = picture.places.get(entity_id)
            if place is not None and (item.pos().x(), item.pos().y()) != place:
                item.setPos(*place)
                moved.add(entity_id)
            item.setVisible(self._shows(item))
        for rid, item in self._relationship_items.items():
            route = picture.lines.get(rid)
            if route is not None:
                ends_moved = item.subject.entity_id in moved or item.object.entity_id in moved
                label, trim = picture.labels.get(rid), self._trims.get(rid)
                if ends_moved or not item.routed or route != item.bends or label != item.label_centre \
                        or trim != item.trim:
                    item.bends, item.label_centre, item.trim = route, label, trim
                    item.update_path()
            item.setVisible(self._shows(item))
        self._file_missing()
        # a scene without a rectangle of its own asks every item for its bounds (seconds at 10,000)
        margin = SCENE_MARGIN
        self.setSceneRect(self.picture_rect().adjusted(-margin, -margin, margin, margin))
        self.shelf_item.show_shelf(picture.shelf_box, len(picture.shelf))
        self.shelf_item.setVisible(picture.shelf_box is not None and not self.overview)
        self.overview_image.picture_changed()
        self.update()

    def picture_rect(self) -> QRectF:
        """The bounds of what the view's picture shows (from the picture: asking 20,000 items for
        theirs takes seconds)."""
        if self._picture_rect is None:
            rect = QRectF()
            boxes = []
            for eid, (x, y) in self.picture.places.items():
                entity = self.doc.entity(eid)
                width, height, _, _ = box_layout(entity.name, entity_alias(entity))
                boxes.append((x - width / 2 - 3, y - height / 2 - 3, x + width / 2 + 3, y + height / 2 + 3))
            if boxes:
                x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
                rect = QRectF(x0, y0, max(b[2] for b in boxes) - x0, max(b[3] for b in boxes) - y0)
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

    def set_badges(self, badges: dict[str, int]) -> None:
        """Show "+N" on the entities with N more lines in an open register (items not made yet take
        theirs when they are made)."""
        old, self.badges = self.badges, dict(badges)
        for entity_id in old.keys() | self.badges.keys():
            item = self._entity_items.get(entity_id)
            if item is not None:
                item.set_badge(self.badges.get(entity_id, 0))

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
        for item in [*self._entity_items.values(), *self._relationship_items.values()]:
            item.setVisible(self._shows(item))
        self.shelf_item.setVisible(self.picture.shelf_box is not None and not self.overview)
        self.update()

    def drawForeground(self, painter: QPainter, rect) -> None:
        if self.overview:
            self.overview_image.paint(painter)

    # --- following the model --------------------------------------------------------------------
    def on_event(self, event: Event) -> None:
        handler = getattr(self, f"_on_{event.name}", None)
        if handler is not None:
            handler(event)
        self._burst += 1
        self._pending = None  # a picture drawn before this change is not put on the canvas
        self.refresh_soon()

    # (an item not made yet needs nothing: it is made from the document as it then stands)
    def _on_entity_changed(self, event: Event) -> None:
        item = self._entity_items.get(event.id)
        if item is not None:
            item.show_entity(event.new)

    def _on_entity_removed(self, event: Event) -> None:
        item = self._entity_items.pop(event.id, None)
        if item is not None:
            self._leaving.append(item)

    def _on_relationship_changed(self, event: Event) -> None:
        old, new = event.old, event.new
        if (old.subject, old.object) != (new.subject, new.object):
            self._remove_relationship(event.id)  # made again, between its new ends, by the refresh
        elif event.id in self._relationship_items:
            self._relationship_items[event.id].show_relationship(new)

    def _on_relationship_removed(self, event: Event) -> None:
        self._remove_relationship(event.id)

    def _on_citation_added(self, event: Event) -> None:
        self._refresh_item(event.id)

    _on_citation_removed = _on_citation_added

    def _refresh_item(self, item_id: str) -> None:
        if item_id in self._entity_items and self.doc.has_entity(item_id):
            self._entity_items[item_id].show_entity(self.doc.entity(item_id))
        elif item_id in self._relationship_items:
            self._relationship_items[item_id].show_relationship(self.doc.relationship(item_id))

    def _on_pin_changed(self, event: Event) -> None:
        view, _ = event.new
        item = self._entity_items.get(event.id)
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
            if self.doc.has_entity(item_id):
                self._make_entity(item_id).setSelected(True)
            elif self.doc.has_relationship(item_id):
                self._make_relationship(item_id).setSelected(True)
        self.blockSignals(False)
        self.selectionChanged.emit()
