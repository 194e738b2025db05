"""The document: entities and the relationships between them, its sources and pinned places.

Every change goes through a method here and emits an :class:`Event` named noun + past tense
(``entity_added``, ``relationship_changed``, ``citation_removed``...). The GUI's undo commands call
these methods and nothing else; the scene follows the events.

>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> seen = []
>>> doc.subscribe(lambda event: seen.append(event.name))
>>> doc.add_entity(Entity("x", "Xiaomi"))
>>> doc.add_entity(Entity("b", "Sichuan Xinwang Bank", "bank"))
>>> doc.add_relationship(Relationship("r", "ownership", "x", "b", Share.exact(29.5)))
>>> seen
['entity_added', 'entity_added', 'relationship_added']
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from model.errors import InvalidValueError, UnknownIdError
from model.types import Citation, Entity, Relationship, Source

if TYPE_CHECKING:
    import networkx as nx

VIEWS = ("ownership", "reporting", "all")


@dataclass(frozen=True)
class Arrangement:
    """Where an automatic layout put things in one view: entity centres, the route of each of the
    view's lines (its bend points from subject to object), and the shelf: the entities with no line
    of the view's kind, set aside in a labelled block (``shelf_box``: x0, y0, x1, y1); and where
    a label would best go (``label_spots``: the stub into a stacked box). Derived from
    the model, so not saved; the user's pins override it."""

    places: dict[str, tuple[float, float]] = field(default_factory=dict)
    bends: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)
    shelf: tuple[str, ...] = ()
    shelf_box: tuple[float, float, float, float] | None = None
    label_spots: dict[str, tuple[float, float]] = field(default_factory=dict)  # first choices


@dataclass(frozen=True)
class Event:
    """What changed: ``name`` such as 'entity_changed', the id, and the old and new values."""

    name: str
    id: str
    old: Any = None
    new: Any = None


class Document:
    """A Stakemap project in memory."""

    def __init__(self, title: str = "") -> None:
        # Plain dicts, not a networkx graph: importing networkx costs a quarter of a second, which every
        # command would pay; :attr:`graph` builds one on demand for the algorithms that need it.
        self._entities: dict[str, Entity] = {}
        self._out: dict[str, dict[str, None]] = {}  # entity id -> its relationships as subject, in order
        self._in: dict[str, dict[str, None]] = {}  # ... and as object
        self._relationships: dict[str, Relationship] = {}
        self._sources: dict[str, Source] = {}
        self._pins: dict[str, dict[str, tuple[float, float]]] = {view: {} for view in VIEWS}
        self._layouts: dict[str, Arrangement] = {view: Arrangement() for view in VIEWS}
        self._listeners: list[Callable[[Event], None]] = []
        self._source_order: tuple[str, ...] = ()
        self.title = title

    # --- events -------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Event], None]) -> None:
        """Call ``listener(event)`` after every change."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Event], None]) -> None:
        self._listeners.remove(listener)

    def _emit(self, name: str, id_: str, old: Any = None, new: Any = None) -> None:
        if not self._listeners:  # loading a file: nobody listens yet, so no event need be made
            return
        event = Event(name, id_, old, new)
        for listener in list(self._listeners):
            listener(event)

    # --- reading ------------------------------------------------------------------------
    @property
    def graph(self) -> nx.MultiDiGraph:
        """A read-only networkx graph: nodes are entity ids (with ``entity``), edge keys relationship ids."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        graph.add_nodes_from((entity_id, {"entity": entity}) for entity_id, entity in self._entities.items())
        graph.add_edges_from((r.subject, r.object, r.id) for r in self._relationships.values())
        return nx.freeze(graph)

    def entities(self) -> list[Entity]:
        return list(self._entities.values())

    def entity(self, entity_id: str) -> Entity:
        try:
            return self._entities[entity_id]
        except KeyError:
            raise UnknownIdError(f"no entity with id '{entity_id}'") from None

    def has_entity(self, entity_id: str) -> bool:
        return entity_id in self._entities

    def relationships(self, kind: str | None = None) -> list[Relationship]:
        return [rel for rel in self._relationships.values() if kind is None or rel.kind == kind]

    def relationship(self, relationship_id: str) -> Relationship:
        try:
            return self._relationships[relationship_id]
        except KeyError:
            raise UnknownIdError(f"no relationship with id '{relationship_id}'") from None

    def has_relationship(self, relationship_id: str) -> bool:
        return relationship_id in self._relationships

    def relationships_of(self, entity_id: str) -> list[Relationship]:
        """Every relationship with the entity at either end, in a stable order."""
        if entity_id not in self._entities:
            return []
        keys = itertools.chain(self._out[entity_id], self._in[entity_id])
        return [self._relationships[key] for key in dict.fromkeys(keys)]

    def item(self, item_id: str) -> Entity | Relationship:
        """The entity or relationship with this id."""
        if item_id in self._relationships:
            return self._relationships[item_id]
        return self.entity(item_id)

    def has_source(self, source_id: str) -> bool:
        return source_id in self._sources

    def sources(self) -> list[Source]:
        return list(self._sources.values())

    def source(self, source_id: str) -> Source:
        try:
            return self._sources[source_id]
        except KeyError:
            raise UnknownIdError(f"no source with id '{source_id}'") from None

    def pins(self, view: str) -> dict[str, tuple[float, float]]:
        """Places the user dropped entities at in a view (a copy)."""
        return dict(self._pins[view])

    def arrangement(self, view: str) -> Arrangement:
        """The last automatic layout of a view."""
        return self._layouts[view]

    def place(self, view: str, entity_id: str) -> tuple[float, float] | None:
        """Where an entity stands in a view: its pin, else its automatic place, else None."""
        pin = self._pins[view].get(entity_id)
        return pin if pin is not None else self._layouts[view].places.get(entity_id)

    def new_id(self, prefix: str) -> str:
        """An id not yet used by any entity, relationship or source."""
        for number in itertools.count(1):
            candidate = f"{prefix}-{number}"
            if not self._id_taken(candidate):
                return candidate
        raise AssertionError("unreachable")

    def _id_taken(self, item_id: str) -> bool:
        return item_id in self._entities or item_id in self._relationships or item_id in self._sources

    # --- entities -----------------------------------------------------------------------
    def add_entity(self, entity: Entity) -> None:
        if self._id_taken(entity.id):
            raise InvalidValueError(f"the id '{entity.id}' is already used")
        self._entities[entity.id] = entity
        self._out[entity.id], self._in[entity.id] = {}, {}
        self._emit("entity_added", entity.id, new=entity)

    def update_entity(self, entity: Entity) -> None:
        """Replace the entity with the same id."""
        old = self.entity(entity.id)
        if old == entity:
            return
        self._entities[entity.id] = entity
        self._emit("entity_changed", entity.id, old, entity)

    def remove_entity(self, entity_id: str) -> Entity:
        """Remove an entity that no relationship touches any more; return it."""
        old = self.entity(entity_id)
        if self._out[entity_id] or self._in[entity_id]:
            raise InvalidValueError(
                f"'{old.name}' still has relationships; remove them first"
            )
        del self._entities[entity_id], self._out[entity_id], self._in[entity_id]
        for pins in self._pins.values():
            pins.pop(entity_id, None)
        self._emit("entity_removed", entity_id, old=old)
        return old

    # --- relationships ------------------------------------------------------------------
    def add_relationship(self, relationship: Relationship) -> None:
        if self._id_taken(relationship.id):
            raise InvalidValueError(f"the id '{relationship.id}' is already used")
        for end in (relationship.subject, relationship.object):
            self.entity(end)
        self._link(relationship)
        self._relationships[relationship.id] = relationship
        self._emit("relationship_added", relationship.id, new=relationship)

    def update_relationship(self, relationship: Relationship) -> None:
        old = self.relationship(relationship.id)
        if old == relationship:
            return
        if (old.subject, old.object) != (relationship.subject, relationship.object):
            for end in (relationship.subject, relationship.object):
                self.entity(end)
            self._unlink(old)
            self._link(relationship)
        self._relationships[relationship.id] = relationship
        self._emit("relationship_changed", relationship.id, old, relationship)

    def remove_relationship(self, relationship_id: str) -> Relationship:
        old = self.relationship(relationship_id)
        self._unlink(old)
        del self._relationships[relationship_id]
        self._emit("relationship_removed", relationship_id, old=old)
        return old

    def _link(self, relationship: Relationship) -> None:
        self._out[relationship.subject][relationship.id] = None
        self._in[relationship.object][relationship.id] = None

    def _unlink(self, relationship: Relationship) -> None:
        del self._out[relationship.subject][relationship.id], self._in[relationship.object][relationship.id]

    # --- citations ----------------------------------------------------------------------
    def add_citation(self, item_id: str, citation: Citation) -> None:
        """Attach a citation to an entity or a relationship."""
        self.source(citation.source_id)
        self._replace_citations(item_id, lambda cites: cites + (citation,))
        self._emit("citation_added", item_id, new=citation)

    def remove_citation(self, item_id: str, citation: Citation) -> None:
        item = self.item(item_id)
        if citation not in item.citations:
            raise InvalidValueError("that citation is not on this item")
        last = len(item.citations) - 1 - item.citations[::-1].index(citation)
        self._replace_citations(item_id, lambda cites: cites[:last] + cites[last + 1:])
        self._emit("citation_removed", item_id, old=citation)

    def _replace_citations(self, item_id: str, change: Callable[[tuple], tuple]) -> None:
        item = self.item(item_id)
        new = dataclasses.replace(item, citations=change(item.citations))
        if isinstance(item, Relationship):
            self._relationships[item_id] = new
        else:
            self._entities[item_id] = new

    # --- sources and places -------------------------------------------------------------
    def add_source(self, source: Source) -> None:
        if self._id_taken(source.id):
            raise InvalidValueError(f"the id '{source.id}' is already used")
        self._sources[source.id] = source
        self._emit("source_added", source.id, new=source)

    def update_source(self, source: Source) -> None:
        """Replace the source with the same id (its text stays: citations count its characters)."""
        old = self.source(source.id)
        if old.text != source.text:
            raise InvalidValueError("a source's text cannot change: citations point into it")
        if old != source:
            self._sources[source.id] = source
            self._emit("source_changed", source.id, old, source)

    def remove_source(self, source_id: str) -> Source:
        """Remove a source nothing cites any more; return it."""
        from model.citations import citations_of  # here: model.citations builds on this module

        old = self.source(source_id)
        items = [*self._entities.values(), *self._relationships.values()]
        cited = [c for item in items for _, c in citations_of(item) if c.source_id == source_id]
        if cited:
            raise InvalidValueError(f"'{old.title}' is still cited {len(cited)} times; remove those first")
        del self._sources[source_id]
        self._source_order = tuple(s for s in self._source_order if s != source_id)
        self._emit("source_removed", source_id, old=old)
        return old

    @property
    def source_order(self) -> tuple[str, ...]:
        """The sources the user ranked, highest first (the rest follow by kind and date)."""
        return self._source_order

    def ranks(self) -> dict[str, int]:
        """Each source's rank, 0 the highest (:func:`model.claims.ranking`)."""
        from model.claims import ranking  # here: model.claims builds on the types this module uses

        return ranking(self._sources.values(), self._source_order)

    def set_source_order(self, order: tuple[str, ...]) -> None:
        """Rank the sources (highest first); the drawn values follow where sources disagree."""
        order = tuple(dict.fromkeys(order))
        for source_id in order:
            self.source(source_id)
        old = self._source_order
        if old == order:
            return
        self._source_order = order
        self._emit("source_order_changed", "", old, order)
        self.redraw_claims()

    def redraw_claims(self) -> None:
        """Draw again, from the sources' ranks, every line and entity whose sources speak of it apart
        (after the ranking or a source's kind changed); the user's choices stay."""
        from model import attribute_claims, claims  # here: they build on the types this module uses

        ranks = self.ranks()
        for rel in [r for r in self._relationships.values() if r.claims]:
            self.update_relationship(claims.resolve(rel, ranks))
        for entity in [e for e in self._entities.values() if e.claims]:
            self.update_entity(attribute_claims.resolve(entity, ranks))

    def claimed_items(self) -> list[Entity | Relationship]:
        """The lines and entities that have claims, as they stand."""
        return [*(e for e in self._entities.values() if e.claims),
                *(r for r in self._relationships.values() if r.claims)]

    def set_pin(self, view: str, entity_id: str, place: tuple[float, float] | None) -> None:
        """Pin an entity at a place in a view, or unpin it with None."""
        self.entity(entity_id)
        pins = self._pins[view]
        old = pins.get(entity_id)
        if place is None:
            pins.pop(entity_id, None)
        else:
            pins[entity_id] = (float(place[0]), float(place[1]))
        if old != pins.get(entity_id):
            self._emit("pin_changed", entity_id, (view, old), (view, pins.get(entity_id)))

    def set_arrangement(self, view: str, arrangement: Arrangement) -> None:
        """Replace a view's automatic layout (a layout run, or undoing one)."""
        old = self._layouts[view]
        if old == arrangement:
            return
        self._layouts[view] = arrangement
        self._emit("arrangement_changed", view, old, arrangement)

    # --- comparing ----------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (
            self.title == other.title
            and self._sources == other._sources
            and {e.id: e for e in self.entities()} == {e.id: e for e in other.entities()}
            and self._relationships == other._relationships
            and self._pins == other._pins
            and self._source_order == other._source_order
        )

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities())
