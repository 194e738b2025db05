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
        if self.steps.claims is not None:  # a disputed line: back as it was
            self.doc.update_relationship(self.steps.claims[0])
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


class RecordedCommand(QUndoCommand):
    """Any change made of document methods, as one step: the first redo runs ``change(doc)`` and records
    the events it emits; undo inverts them newest first, a later redo replays them. (An entity removed
    gets its pins back from a copy taken before the change: removing it drops them without events.)"""

    def __init__(self, doc: Document, text: str, change) -> None:
        super().__init__(text)
        self.doc, self.change = doc, change
        self.events: list | None = None
        self.pins: dict[str, dict[str, tuple[float, float]]] = {}

    def redo(self) -> None:
        if self.events is not None:
            for event in self.events:
                _replay(self.doc, event)
            return
        self.pins = {view: self.doc.pins(view) for view in VIEWS}
        events: list = []
        self.doc.subscribe(events.append)
        try:
            self.change(self.doc)
        finally:
            self.doc.unsubscribe(events.append)
        self.events = events

    def undo(self) -> None:
        for event in reversed(self.events or []):
            _invert(self.doc, event)
            if event.name == "entity_removed":
                for view, pins in self.pins.items():
                    if event.id in pins:
                        self.doc.set_pin(view, event.id, pins[event.id])


def _replay(doc: Document, event) -> None:
    """Make the change an event reports again."""
    name, new = event.name, event.new
    if name in ("entity_added", "relationship_added", "source_added"):
        getattr(doc, "add_" + name.replace("_added", ""))(new)
    elif name in ("entity_changed", "relationship_changed", "source_changed"):
        getattr(doc, "update_" + name.replace("_changed", ""))(new)
    elif name in ("entity_removed", "relationship_removed", "source_removed"):
        getattr(doc, "remove_" + name.replace("_removed", ""))(event.id)
    elif name == "citation_added":
        doc.add_citation(event.id, new)
    elif name == "citation_removed":
        doc.remove_citation(event.id, event.old)
    elif name == "pin_changed":
        doc.set_pin(new[0], event.id, new[1])
    elif name == "source_order_changed":
        doc.set_source_order(new)
    elif name == "arrangement_changed":
        doc.set_arrangement(event.id, new)


def _invert(doc: Document, event) -> None:
    """Undo the change an event reports."""
    name, old = event.name, event.old
    if name in ("entity_added", "relationship_added", "source_added"):
        getattr(doc, "remove_" + name.replace("_added", ""))(event.id)
    elif name in ("entity_changed", "relationship_changed", "source_changed"):
        getattr(doc, "update_" + name.replace("_changed", ""))(old)
    elif name in ("entity_removed", "relationship_removed", "source_removed"):
        getattr(doc, "add_" + name.replace("_removed", ""))(old)
    elif name == "citation_added":
        doc.remove_citation(event.id, event.new)
    elif name == "citation_removed":
        doc.add_citation(event.id, old)
    elif name == "pin_changed":
        doc.set_pin(old[0], event.id, old[1])
    elif name == "source_order_changed":
        doc.set_source_order(old)
    elif name == "arrangement_changed":
        doc.set_arrangement(event.id, old)


class MergeCommand(QUndoCommand):
    """Merge one entity into another (:func:`model.merge.merge_entities`); undo splits them again,
    which gives back exactly what was there."""

    def __init__(self, doc: Document, keep_id: str, absorb_id: str) -> None:
        super().__init__(f"Merge {doc.entity(absorb_id).name} into {doc.entity(keep_id).name}")
        self.doc, self.keep_id, self.absorb_id = doc, keep_id, absorb_id

    def redo(self) -> None:
        from model.merge import merge_entities

        merge_entities(self.doc, self.keep_id, self.absorb_id)

    def undo(self) -> None:
        from model.merge import split_entity

        split_entity(self.doc, self.keep_id)


class SplitCommand(RecordedCommand):
    """Split an entity made by merging (:func:`model.merge.split_entity`). Undo takes back the split's
    own changes rather than merging again, so edits made to the merged entity since come back too."""

    def __init__(self, doc: Document, entity_id: str) -> None:
        from model.merge import split_entity

        name = doc.entity(entity_id).merged_from[-1].absorbed.name
        super().__init__(doc, f"Split {name} from {doc.entity(entity_id).name}",
                         lambda d: split_entity(d, entity_id))


class SourceOrderCommand(QUndoCommand):
    """Rank the sources (highest first); the drawn values of disputed lines follow."""

    def __init__(self, doc: Document, order: tuple[str, ...], text: str = "Rank sources") -> None:
        super().__init__(text)
        self.doc, self.old, self.new = doc, doc.source_order, tuple(order)
        # set_source_order re-resolves every disputed line, but a line's values as they stand may not be
        # what re-resolving under the old order gives (an edit since): keep them to put back exactly.
        self.items = doc.claimed_items()

    def redo(self) -> None:
        self.doc.set_source_order(self.new)

    def undo(self) -> None:
        self.doc.set_source_order(self.old)
        for item in self.items:
            if isinstance(item, Relationship) and self.doc.has_relationship(item.id):
                self.doc.update_relationship(item)
            elif isinstance(item, Entity) and self.doc.has_entity(item.id):
                self.doc.update_entity(item)


class SourceKindCommand(RecordedCommand):
    """Say what kind of document a source is (register, filing, article, other). The default ranking
    follows the kind, so disputed lines are drawn again from the new ranks, in the same step."""

    def __init__(self, doc: Document, source_id: str, kind: str) -> None:
        source = doc.source(source_id)
        super().__init__(doc, f"Make \u201c{source.title}\u201d {_a(kind)}",
                         lambda d: _set_kind(d, source_id, kind))


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _set_kind(doc: Document, source_id: str, kind: str) -> None:
    doc.update_source(dataclasses.replace(doc.source(source_id), kind=kind))
    doc.redraw_claims()
