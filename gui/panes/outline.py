"""Outline pane: the ownership tree and the reporting tree, kept in step with the model.

An entity with several owners stands under each of them; a cycle is shown once, marked, not looped.
Dragging an item onto another asks to make the target its owner (or its manager).
"""

from __future__ import annotations

import time
from collections import defaultdict

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QTreeWidget, QTreeWidgetItem

from model.document import Document
from model.layout.arrange import upper_lower
from model.types import OWNERSHIP, PERSON, REPORTING
from model.wording import kind_noun

from .follow import LAYOUT_ONLY, Follower

ID_ROLE = 256
MAX_ITEMS = 20000  # a register of tens of thousands: the tree stops here
EXPAND_UP_TO = 500
SLICED_ABOVE = 300  # entities: a bigger document fills the trees a slice at a time
SLICE_S = 0.01  # the longest one slice of filling keeps the user's events waiting
ENTRIES_A_STEP = 50  # entries added between two looks at the clock


class OutlineTree(QTreeWidget):
    reparent_requested = Signal(str, str, str, str)  # kind, child id, old parent id or "", new parent id
    entity_clicked = Signal(str)

    def __init__(self, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"outline_{kind}")
        self.setHeaderLabels(["Name", "Share" if kind == OWNERSHIP else "Role"])
        self.setColumnWidth(0, 240)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.itemClicked.connect(lambda item, _: self.entity_clicked.emit(item.data(0, ID_ROLE)))

    def rebuild(self, doc: Document) -> None:
        for _ in self.fill(doc):
            pass

    def fill(self, doc: Document):
        """Fill the tree afresh from the document, keeping what was expanded; a generator that stops
        after each top-level entry, so that a big tree can be filled over several slices."""
        expanded = {self._path(item) for item in self._all_items() if item.isExpanded()}
        self.clear()
        children: dict[str, list[tuple[str, str]]] = defaultdict(list)
        has_parent = set()
        for rel in doc.relationships(self.kind):
            upper, lower = upper_lower(rel)
            label = f"{rel.share.text}%" if rel.share.disclosed else (rel.basis or rel.role)
            children[upper].append((lower, label + ("" if rel.status == "current" else f" ({rel.status})")))
            has_parent.add(lower)
        candidates = doc.entities() if self.kind == OWNERSHIP else [
            e for e in doc.entities() if e.kind == PERSON]
        roots = sorted((e for e in candidates if e.id not in has_parent), key=lambda e: e.name.lower())
        budget = [MAX_ITEMS]
        for entity in roots:
            yield from self._add(doc, None, entity.id, "", children, (), budget)
            yield
        for members in _cycles_without_roots(children, has_parent, {e.id for e in roots}):
            yield from self._add(doc, None, members, "", children, (), budget)
            yield
        if not expanded and MAX_ITEMS - budget[0] <= EXPAND_UP_TO:
            self.expandAll()  # a first look at a small structure shows all of it
        for item in self._all_items() if expanded else ():
            if self._path(item) in expanded:
                item.setExpanded(True)

    def _add(self, doc, parent, entity_id, label, children, ancestors, budget):
        """Add an entry and those below it; a generator that stops now and then (one root may hold
        thousands: a register's hub)."""
        if budget[0] <= 0:
            return
        budget[0] -= 1
        if budget[0] % ENTRIES_A_STEP == 0:
            yield
        name = doc.entity(entity_id).name
        in_cycle = entity_id in ancestors
        item = QTreeWidgetItem([f"\u21bb {name} (cycle)" if in_cycle else name, label])
        item.setData(0, ID_ROLE, entity_id)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        if in_cycle:
            return
        for child, child_label in sorted(children.get(entity_id, ()),
                                         key=lambda pair: doc.entity(pair[0]).name.lower()):
            yield from self._add(doc, item, child, child_label, children, (*ancestors, entity_id), budget)

    def _all_items(self):
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    @staticmethod
    def _path(item: QTreeWidgetItem) -> tuple:
        path = []
        while item is not None:
            path.append(item.data(0, ID_ROLE))
            item = item.parent()
        return tuple(path)

    def find_items_of(self, entity_id: str) -> list[QTreeWidgetItem]:
        return [item for item in self._all_items() if item.data(0, ID_ROLE) == entity_id]

    def dropEvent(self, event) -> None:
        """The model decides: emit a request and leave the tree to be rebuilt from the model."""
        target = self.itemAt(event.position().toPoint())
        dragged = self.currentItem()
        event.ignore()
        if target is None or dragged is None or target is dragged:
            return
        old_parent = dragged.parent().data(0, ID_ROLE) if dragged.parent() else ""
        self.reparent_requested.emit(self.kind, dragged.data(0, ID_ROLE), old_parent, target.data(0, ID_ROLE))


def _cycles_without_roots(children, has_parent, roots) -> list[str]:
    """One entry per cycle nothing outside reaches, so no entity vanishes from the tree."""
    reached: set[str] = set()
    _reach(roots, children, reached)
    out = []
    for entity_id in sorted(has_parent):
        if entity_id not in reached:
            out.append(entity_id)
            _reach([entity_id], children, reached)
    return out


def _reach(starts, children, reached: set[str]) -> None:
    stack = [s for s in starts if s not in reached]
    reached.update(stack)
    while stack:
        for child, _ in children.get(stack.pop(), ()):
            if child not in reached:
                reached.add(child)
                stack.append(child)


class OutlinePane(QTabWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.ownership = OutlineTree(OWNERSHIP)
        self.reporting = OutlineTree(REPORTING)
        self.addTab(self.ownership, kind_noun(OWNERSHIP))
        self.addTab(self.reporting, kind_noun(REPORTING))
        self.follower = Follower(self, self.refresh, 100, lambda event: event.name not in LAYOUT_ONLY
                                 and "citation" not in event.name)
        self._filling: list = []  # the trees' fills still under way (a big document)
        self._slicer = QTimer(self, interval=0)
        self._slicer.timeout.connect(self._fill_slice)

    @property
    def doc(self) -> Document | None:
        return self.follower.doc

    def set_document(self, doc: Document | None) -> None:
        self.follower.set_document(doc)

    @property
    def pending(self) -> bool:
        """Whether the trees are still to be filled (a burst of edits to wait out, or slices to go)."""
        return self.follower.pending or bool(self._filling)

    def refresh(self) -> None:
        self.follower.timer.stop()
        self._filling = []
        self._slicer.stop()
        for tree in (self.ownership, self.reporting):
            if self.doc is None:
                tree.clear()
            elif len(self.doc.entities()) > SLICED_ABOVE:
                self._filling.append(tree.fill(self.doc))
            else:
                tree.rebuild(self.doc)
        if self._filling:
            self._slicer.start()

    def _fill_slice(self) -> None:
        """Fill for a moment, then let the user's events through."""
        deadline = time.perf_counter() + SLICE_S
        while self._filling and time.perf_counter() < deadline:
            try:
                next(self._filling[0])
            except StopIteration:
                self._filling.pop(0)
        if not self._filling:
            self._slicer.stop()
