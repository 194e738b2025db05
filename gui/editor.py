"""The document controller: the only place that turns requests from the canvas and panes into commands.

One editor per open document: the document, its scene and its undo stack. The window's modified
flag is ``not undo_stack.isClean()``.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from model.citations import cite
from model.document import Document
from model.layout.arrange import arrange, upper_lower
from model.types import ENTITY_KIND_LABELS, OWNERSHIP, REPORTING, Entity, Relationship, Share, allowed_kinds
from model.wording import kind_verb

from .commands import (
    AddEntityCommand,
    AddRelationshipCommand,
    ArrangeCommand,
    CiteCommand,
    MoveNodesCommand,
    RemoveItemsCommand,
    ReplaceCommand,
)
from .dialogs import RelationshipDialog
from .measure import QtSizes
from .scene import DiagramScene


class Editor(QObject):
    entity_created = Signal(str)  # a new entity whose name the user should type next
    message = Signal(str)  # a line for the status bar

    def __init__(self, doc: Document, path: str | None = None, view: str = "ownership",
                 dialog_parent: QWidget | None = None, options: dict | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.path = path
        self.imported_from = ""  # the BODS/FtM/GraphML file this document was read from, if any
        self.dialog_parent = dialog_parent
        self.undo_stack = QUndoStack(self)
        self.scene = DiagramScene(doc, view, self, **(options or {}))
        self.scene.nodes_moved.connect(self.move_nodes)
        self.scene.connect_requested.connect(self.connect_entities)
        self.scene.entity_dropped.connect(self.create_entity)
        self.scene.citation_dropped.connect(self.drop_citation)
        # the canvas draws the picture once per step (a macro's many events make one refresh)
        self.undo_stack.indexChanged.connect(lambda _index: self.scene.flush(step=True))

    @property
    def view(self) -> str:
        return self.scene.view_name

    def close(self) -> None:
        """Stop following the document and stop signalling (the window is done with us)."""
        self.scene.detach()
        self.scene.blockSignals(True)
        self.undo_stack.blockSignals(True)

    def push(self, command) -> None:
        self.undo_stack.push(command)

    # --- canvas requests ------------------------------------------------------------------------
    def move_nodes(self, moves: dict) -> None:
        self.push(MoveNodesCommand(self.doc, self.view, moves))

    def nudge(self, ids: list[str], dx: float, dy: float) -> None:
        """Move selected entities with the arrow keys; consecutive nudges merge into one step."""
        moves = {}
        for entity_id in ids:
            if self.doc.has_entity(entity_id):
                x, y = self.doc.place(self.view, entity_id) or (0.0, 0.0)
                moves[entity_id] = ((x, y), (x + dx, y + dy))
        if moves:
            self.push(MoveNodesCommand(self.doc, self.view, moves, nudge=True))

    def create_entity(self, kind: str, pos: QPointF, name: str = "", citations=()) -> str:
        entity_id = self.doc.new_id(kind.replace("_", "-"))
        name = name or f"New {ENTITY_KIND_LABELS[kind].split(' /')[0].lower()}"
        entity = Entity(entity_id, name, kind, citations=tuple(citations))
        self.push(AddEntityCommand(self.doc, entity, self.view, (pos.x(), pos.y())))
        self.entity_created.emit(entity_id)
        return entity_id

    def ask_relationship(self, subject: Entity, obj: Entity, kinds: list[str]) -> Relationship | None:
        """Show the new-relationship dialog; None when cancelled."""
        dialog = RelationshipDialog(subject.name, obj.name, kinds, self.dialog_parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        kind = dialog.chosen_kind()
        return Relationship(
            self.doc.new_id(kind), kind, subject.id, obj.id, dialog.parsed_share(),
            dialog.basis.currentText() if kind == OWNERSHIP else "",
            dialog.role.text().strip() if kind != OWNERSHIP else "", dialog.status.currentText())

    def connect_entities(self, subject_id: str, object_id: str) -> None:
        subject, obj = self.doc.entity(subject_id), self.doc.entity(object_id)
        kinds = allowed_kinds(subject.kind, obj.kind)
        if not kinds:
            self.message.emit(f"No relationship runs from a {subject.kind} to a {obj.kind}.")
            return
        relationship = self.ask_relationship(subject, obj, kinds)
        if relationship is not None:
            self.push(AddRelationshipCommand(self.doc, relationship))

    def drop_citation(self, span: dict, item_id: str, pos: QPointF) -> None:
        """Words dragged from the source pane: cite them on the item, or make a cited entity."""
        source = self.doc.source(span["source"])
        citation = cite(source, int(span["start"]), int(span["end"]))
        if item_id:
            self.push(CiteCommand(self.doc, item_id, citation))
            return
        name = " ".join(citation.quote.split())[:80]
        self.create_entity("company", pos, name, (citation,))

    # --- pane and menu requests -----------------------------------------------------------------
    def delete(self, ids: list[str]) -> None:
        ids = [i for i in ids if self.doc.has_entity(i) or self.doc.has_relationship(i)]
        if ids:
            self.push(RemoveItemsCommand(self.doc, ids))

    def replace(self, new: Entity | Relationship, text: str = "") -> None:
        """Apply an edited value from a pane; nothing is pushed when nothing changed."""
        old = self.doc.item(new.id)
        if old != new:
            self.push(ReplaceCommand(self.doc, old, new, text))

    def remove_citation(self, item_id: str, index: int) -> None:
        item = self.doc.item(item_id)
        citations = item.citations[:index] + item.citations[index + 1:]
        self.push(ReplaceCommand(self.doc, item, dataclasses.replace(item, citations=citations),
                                 "Remove citation"))

    def relayout(self) -> None:
        """Lay out the current view again; pinned nodes stay."""
        self.push(ArrangeCommand(self.doc, self.view, arrange(self.doc, self.view, sizes=QtSizes())))

    def unpin(self, ids: list[str]) -> None:
        """Release pinned nodes (all of them when ids is empty) and lay them out with the rest."""
        pins = self.doc.pins(self.view)
        released = [i for i in (ids or list(pins)) if i in pins]
        if not released:
            self.message.emit("Nothing pinned to release.")
            return
        keep = {i: p for i, p in pins.items() if i not in released}
        self.push(ArrangeCommand(self.doc, self.view, arrange(self.doc, self.view, keep, QtSizes()), released,
                                 f"Unpin {len(released)}"))

    def reparent(self, kind: str, child_id: str, old_parent: str | None, new_parent: str,
                 share: Share | None = None) -> None:
        """Outline drag: the new parent becomes the child's owner (or manager) instead of the old one."""
        if child_id == new_parent or old_parent == new_parent:
            return
        if kind == OWNERSHIP:
            subject, obj = new_parent, child_id
        else:
            subject, obj = child_id, new_parent
        if not allowed_kinds(self.doc.entity(subject).kind, self.doc.entity(obj).kind).count(kind):
            self.message.emit(f"{self.doc.entity(new_parent).name} cannot take that place.")
            return
        old = None
        if old_parent is not None:
            old = next((r for r in self.doc.relationships(kind)
                        if upper_lower(r) == (old_parent, child_id)), None)
        new = Relationship(self.doc.new_id(kind), kind, subject, obj, share or Share(),
                           basis="stake" if kind == OWNERSHIP else "",
                           role=kind_verb(REPORTING) if kind == REPORTING else "")
        name = self.doc.entity(child_id).name
        self.undo_stack.beginMacro(f"Move {name} under {self.doc.entity(new_parent).name}")
        if old is not None:
            self.push(RemoveItemsCommand(self.doc, [old.id]))
        self.push(AddRelationshipCommand(self.doc, new))
        self.undo_stack.endMacro()

