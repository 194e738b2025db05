"""Undo commands for a register's neighbourhood: expanding an entity and collapsing it again, one step
each. Their ``redo``/``undo`` call document methods only; the scene and the badges follow.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from model.document import VIEWS, Arrangement, Document

from .pieces import Collapse, Expansion


class ExpandCommand(QUndoCommand):
    """Add what an expansion brings (sources, entities, lines) and the view laid out with them."""

    def __init__(self, doc: Document, expansion: Expansion, name: str) -> None:
        count = len(expansion.entities)
        super().__init__(f"Expand {name} from the register (+{count:,})")
        self.doc, self.expansion = doc, expansion
        self.old = doc.arrangement(expansion.view)

    def redo(self) -> None:
        doc, expansion = self.doc, self.expansion
        for source in expansion.sources:
            doc.add_source(source)
        for entity in expansion.entities:
            doc.add_entity(entity)
        for rel in expansion.relationships:
            doc.add_relationship(rel)
        doc.set_arrangement(expansion.view, expansion.arrangement)

    def undo(self) -> None:
        doc, expansion = self.doc, self.expansion
        doc.set_arrangement(expansion.view, self.old)
        for rel in reversed(expansion.relationships):
            doc.remove_relationship(rel.id)
        for entity in reversed(expansion.entities):
            doc.remove_entity(entity.id)
        for source in reversed(expansion.sources):
            doc.remove_source(source.id)


class CollapseCommand(QUndoCommand):
    """Take away what an entity's expansions added (and the lines at it), and lay the view out again;
    undo puts back exactly what was there, pins included."""

    def __init__(self, doc: Document, collapse: Collapse, view: str, arrangement: Arrangement,
                 name: str) -> None:
        super().__init__(f"Collapse {name}")
        self.doc, self.view = doc, view
        entity_ids = [i for i in collapse.item_ids if doc.has_entity(i)]
        rel_ids = dict.fromkeys(i for i in collapse.item_ids if doc.has_relationship(i))
        for entity_id in entity_ids:
            rel_ids.update(dict.fromkeys(r.id for r in doc.relationships_of(entity_id)))
        self.entities = [doc.entity(i) for i in entity_ids]
        self.relationships = [doc.relationship(i) for i in rel_ids]
        self.sources = [doc.source(i) for i in collapse.source_ids if doc.has_source(i)]
        self.pins = {v: {i: doc.pins(v)[i] for i in entity_ids if i in doc.pins(v)} for v in VIEWS}
        self.old, self.new = doc.arrangement(view), arrangement

    def redo(self) -> None:
        doc = self.doc
        for rel in self.relationships:
            doc.remove_relationship(rel.id)
        for entity in self.entities:
            doc.remove_entity(entity.id)
        for source in self.sources:
            doc.remove_source(source.id)
        doc.set_arrangement(self.view, self.new)

    def undo(self) -> None:
        doc = self.doc
        doc.set_arrangement(self.view, self.old)
        for source in self.sources:
            doc.add_source(source)
        for entity in self.entities:
            doc.add_entity(entity)
        for view, pins in self.pins.items():
            for entity_id, place in pins.items():
                doc.set_pin(view, entity_id, place)
        for rel in self.relationships:
            doc.add_relationship(rel)
