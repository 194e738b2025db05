"""Undo commands. Each ``redo``/``undo`` calls document methods only; the scene follows by events.

A removal records what hangs off the removed things (relationships, citations inside them, pins)
so that undo puts back exactly what was there.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QUndoCommand

from model.document import VIEWS, Arrangement, Document
from model.types import Citation, Entity, Relationship, Source

MOVE_ID = 1001


class AddEntityCommand(QUndoCommand):
    """Add an entity, pinned where it was dropped in one view; the other views place it beside what it
    is related to, or on their shelf (:func:`model.picture.draw.entity_places`)."""

    def __init__(self, doc: Document, entity: Entity, view: str, place: tuple[float, float]) -> None:
        super().__init__(f"Add {entity.name}")
        self.doc, self.entity, self.view, self.place = doc, entity, view, place

    def redo(self) -> None:
        self.doc.add_entity(self.entity)
        self.doc.set_pin(self.view, self.entity.id, self.place)

    def undo(self) -> None:
        self.doc.remove_entity(self.entity.id)


class AddRelationshipCommand(QUndoCommand):
    def __init__(self, doc: Document, relationship: Relationship, text: str = "") -> None:
        super().__init__(text or f"Add {relationship.kind}")
        self.doc, self.relationship = doc, relationship

    def redo(self) -> None:
        self.doc.add_relationship(self.relationship)

    def undo(self) -> None:
        self.doc.remove_relationship(self.relationship.id)


class RemoveItemsCommand(QUndoCommand):
    """Delete entities and relationships, and every relationship hanging off a deleted entity."""

    def __init__(self, doc: Document, ids: list[str]) -> None:
        super().__init__()
        self.doc = doc
        entity_ids = [i for i in ids if doc.has_entity(i)]
        rel_ids = dict.fromkeys(i for i in ids if doc.has_relationship(i))
        for entity_id in entity_ids:
            rel_ids.update(dict.fromkeys(r.id for r in doc.relationships_of(entity_id)))
        self.entities = [doc.entity(i) for i in entity_ids]
        self.relationships = [doc.relationship(i) for i in rel_ids]
        self.pins = {view: {i: doc.pins(view)[i] for i in entity_ids if i in doc.pins(view)}
                     for view in VIEWS}
        names = [e.name for e in self.entities] or [r.kind for r in self.relationships]
        more = len(self.entities) + len(self.relationships) - 1
        self.setText(f"Delete {names[0]}" + (f" and {more} more" if more > 0 else "") if names else "Delete")

    def redo(self) -> None:
        for rel in self.relationships:
            self.doc.remove_relationship(rel.id)
        for entity in self.entities:
            self.doc.remove_entity(entity.id)

    def undo(self) -> None:
        for entity in self.entities:
            self.doc.add_entity(entity)
        for view, pins in self.pins.items():
            for entity_id, place in pins.items():
                self.doc.set_pin(view, entity_id, place)
        for rel in self.relationships:
            self.doc.add_relationship(rel)


class ReplaceCommand(QUndoCommand):
    """Change an entity's or a relationship's fields: the old value and the new one."""

    def __init__(self, doc: Document, old: Entity | Relationship, new: Entity | Relationship,
                 text: str = "") -> None:
        super().__init__(text or f"Edit {getattr(new, 'name', new.kind)}")
        self.doc, self.old, self.new = doc, old, new

    def _set(self, value: Entity | Relationship) -> None:
        if isinstance(value, Entity):
            self.doc.update_entity(value)
        else:
            self.doc.update_relationship(value)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class MoveNodesCommand(QUndoCommand):
    """Pin moved nodes at their new places; undo restores the old places and pins.

    Consecutive keyboard nudges of the same nodes merge into one step.
    """

    def __init__(self, doc: Document, view: str, moves: dict[str, tuple], nudge: bool = False) -> None:
        super().__init__("Move" if len(moves) > 1 else f"Move {doc.entity(next(iter(moves))).name}")
        self.doc, self.view, self.nudge = doc, view, nudge
        pins = doc.pins(view)
        self.old_pins = {entity_id: pins.get(entity_id) for entity_id in moves}
        self.new = {entity_id: new for entity_id, (_, new) in moves.items()}

    def id(self) -> int:
        return MOVE_ID if self.nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveNodesCommand) or not other.nudge or other.view != self.view:
            return False
        if set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        return True

    def redo(self) -> None:
        for entity_id, place in self.new.items():
            self.doc.set_pin(self.view, entity_id, place)

    def undo(self) -> None:
        for entity_id, place in self.old_pins.items():
            self.doc.set_pin(self.view, entity_id, place)


class ArrangeCommand(QUndoCommand):
    """A layout run: a view's automatic places, and optionally pins released, as one step."""

    def __init__(self, doc: Document, view: str, arrangement: Arrangement, unpin: list[str] = (),
                 text: str = "Re-layout") -> None:
        super().__init__(text)
        self.doc, self.view = doc, view
        self.old = doc.arrangement(view)
        self.new = arrangement
        pins = doc.pins(view)
        self.released = {entity_id: pins[entity_id] for entity_id in unpin if entity_id in pins}

    def redo(self) -> None:
        self.doc.set_arrangement(self.view, self.new)
        for entity_id in self.released:
            self.doc.set_pin(self.view, entity_id, None)

    def undo(self) -> None:
        for entity_id, place in self.released.items():
            self.doc.set_pin(self.view, entity_id, place)
        self.doc.set_arrangement(self.view, self.old)


class CiteCommand(QUndoCommand):
    """Attach a citation to an entity or a relationship. (Taking one off is a ReplaceCommand, which
    puts it back in its old place on undo.)"""

    def __init__(self, doc: Document, item_id: str, citation: Citation) -> None:
        words = citation.quote if len(citation.quote) < 30 else citation.quote[:28] + "\u2026"
        super().__init__(f"Cite \u201c{words}\u201d")
        self.doc, self.item_id, self.citation = doc, item_id, citation

    def redo(self) -> None:
        self.doc.add_citation(self.item_id, self.citation)

    def undo(self) -> None:
        self.doc.remove_citation(self.item_id, self.citation)


class AcceptCommand(QUndoCommand):
    """Accept a proposed fact (:func:`model.extract.accept.plan`): its new entities, its line or its
    citation of a line already there, as one step."""

    def __init__(self, doc: Document, steps, text: str) -> None:
        super().__init__(text)
        self.doc, self.steps = doc, steps

    def redo(self) -> None:
        from model.extract.accept import apply

        apply(self.doc, self.steps)

    def undo(self) -> None:
        for item_id, citation in reversed(self.steps.citations):
            self.doc.remove_citation(item_id, citation)
        if self.steps.relationship is not None:
            self.doc.remove_relationship(self.steps.relationship.id)
        for entity in reversed(self.steps.entities):
            self.doc.remove_entity(entity.id)


class AddSourceCommand(QUndoCommand):
    """Add a source (an article read, or text pasted)."""

    def __init__(self, doc: Document, source: Source) -> None:
        super().__init__(f"Add source \u201c{source.title}\u201d")
        self.doc, self.source = doc, source

    def redo(self) -> None:
        self.doc.add_source(self.source)

    def undo(self) -> None:
        self.doc.remove_source(self.source.id)


class RejectCommand(QUndoCommand):
    """Turn a proposed fact down: its source remembers it, so reading the source again skips it."""

    def __init__(self, doc: Document, source_id: str, key: str) -> None:
        super().__init__("Reject " + key.split("|", 3)[0])
        self.doc, self.source_id, self.key = doc, source_id, key

    def redo(self) -> None:
        source = self.doc.source(self.source_id)
        self.doc.update_source(dataclasses.replace(source, rejected=(*source.rejected, self.key)))

    def undo(self) -> None:
        source = self.doc.source(self.source_id)
        rejected = list(source.rejected)
        rejected.remove(self.key)
        self.doc.update_source(dataclasses.replace(source, rejected=tuple(rejected)))
