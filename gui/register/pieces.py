"""What the window asks of a register store, as plain data: a neighbourhood read as a document, the
lines each record has in the register, and an expansion worked out away from the UI thread.

Nothing here touches a widget: these functions run in a worker thread (:mod:`gui.register.worker`) on
what the UI thread handed over (a :class:`Snapshot` of the document, never the live one), and what
they return is applied on the UI thread as one undo command (:mod:`gui.register.commands`).

An expansion adds a source of kind 'register' that every fact it adds cites, marked with the entity
it was expanded from (:func:`expansion_mark`), so a collapse finds what the expansion added in the
document itself, saved or not (:func:`collapse_plan`).

>>> from model.register.engine import connect
>>> register_degrees(connect(":memory:"), ["nobody"], None)
{}
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from model.citations import citations_of, recite
from model.document import Arrangement, Document
from model.layout.arrange import arrange
from model.layout.sizes import Sizes
from model.register.engine import Engine, is_postgres
from model.register.piece import piece_document
from model.register.queries import DEFAULT_CAP, Hit, Neighbourhood, in_force, neighbourhood
from model.types import Entity, Relationship, Source

EXPAND_CAP = 5000  # an expansion brings at most this many neighbours (the nearest, biggest stakes first)
_MARK = "#expanded-from="
_CHUNK = 900


@dataclass(frozen=True)
class WalkOptions:
    """How far a neighbourhood reaches: hops, up (owners) / down (holdings) / both, a day, a cap."""

    hops: int = 2
    direction: str = "both"
    as_of: str | None = None
    cap: int = DEFAULT_CAP


@dataclass(frozen=True)
class Opened:
    """A neighbourhood read as a document laid out for one view, and what the badges need."""

    doc: Document
    warnings: list[str]
    centre: Hit
    note: str
    as_of: str | None
    degrees: dict[str, int]  # record id -> its in-force lines in the register (both directions)
    links: frozenset[str]  # the register's relationship records the document holds


def store_name(address: str) -> str:
    """A short name for a store in titles: the file's name, or the database's.

    >>> store_name("/data/psc.sqlite"), store_name("postgresql://me:secret@db.example/psc")
    ('psc.sqlite', 'psc on db.example')
    """
    if is_postgres(address):
        rest = address.split("://", 1)[1].split("?", 1)[0]
        host, _, database = rest.rpartition("@")[2].partition("/")
        return f"{database or 'postgres'} on {host or 'localhost'}"
    return Path(address).name or address


def open_piece(engine: Engine, hit: Hit, options: WalkOptions, view: str,
               sizes: Sizes | None = None) -> Opened:
    """The neighbourhood of ``hit`` as a document whose facts cite their statements, laid out."""
    walk = neighbourhood(engine, hit.record_id, options.hops, options.direction, options.as_of, options.cap)
    doc, warnings = piece_document(engine, walk, f"{hit.name}: register neighbourhood")
    doc.set_arrangement(view, arrange(doc, view, sizes=sizes))
    degrees = register_degrees(engine, list(walk.hops), options.as_of)
    return Opened(doc, warnings, hit, walk.note, options.as_of, degrees, frozenset(walk.links))


def register_degrees(engine: Engine, record_ids: Sequence[str], as_of: str | None) -> dict[str, int]:
    """Per record, its in-force relationships in the register whose other end is known, both ways:
    the lines a badge counts (a line held to itself counts at both its ends)."""
    condition, when = in_force(as_of)
    degrees: dict[str, int] = {}
    ids = list(record_ids)
    for near, far in (("subject", "party"), ("party", "subject")):
        for start in range(0, len(ids), _CHUNK):
            among, params = engine.among(near, ids[start:start + _CHUNK])
            for record_id, count in engine.rows(
                    f"SELECT {near}, COUNT(*) FROM links WHERE {among} AND {far} IS NOT NULL AND {condition} "
                    f"GROUP BY {near}", [*params, *when]):
                degrees[record_id] = degrees.get(record_id, 0) + count
    return degrees


def link_ends(engine: Engine, link_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """Relationship record id -> (subject, interested party or None)."""
    ends: dict[str, tuple[str, str | None]] = {}
    ids = list(link_ids)
    for start in range(0, len(ids), _CHUNK):
        among, params = engine.among("record_id", ids[start:start + _CHUNK])
        for record_id, subject, party in engine.rows(
                f"SELECT record_id, subject, party FROM links WHERE {among}", params):
            ends[record_id] = (subject, party)
    return ends


def shown_lines(doc: Document, degrees: dict[str, int], links: frozenset[str] | set[str]) -> dict[str, int]:
    """Per register record on the canvas, its register lines the document draws (a line counts at each
    end that is a register record, as :func:`register_degrees` counts them)."""
    shown: dict[str, int] = {}
    for rel in doc.relationships():
        if rel.id in links and rel.subject in degrees and rel.object in degrees:
            shown[rel.subject] = shown.get(rel.subject, 0) + 1
            shown[rel.object] = shown.get(rel.object, 0) + 1
    return shown


def badge_counts(doc: Document, degrees: dict[str, int], links: frozenset[str] | set[str]) -> dict[str, int]:
    """Entity id -> how many of its lines in the register the document does not draw (only those > 0)."""
    shown = shown_lines(doc, degrees, links)
    counts = {}
    for entity_id, degree in degrees.items():
        if doc.has_entity(entity_id) and degree > shown.get(entity_id, 0):
            counts[entity_id] = degree - shown.get(entity_id, 0)
    return counts


# --- expanding --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Snapshot:
    """The document as it stood when an expansion or collapse was asked for (taken on the UI thread:
    the worker never reads the live document)."""

    entities: dict[str, Entity]
    relationships: dict[str, Relationship]
    sources: dict[str, Source]
    pins: dict[str, tuple[float, float]]
    view: str

    @classmethod
    def of(cls, doc: Document, view: str) -> Snapshot:
        return cls({e.id: e for e in doc.entities()}, {r.id: r for r in doc.relationships()},
                   {s.id: s for s in doc.sources()}, dict(doc.pins(view)), view)

    def document(self, leave_out: set[str] = frozenset()) -> Document:
        """A copy to lay out (without the ids in ``leave_out``, and the lines at them)."""
        doc = Document()
        for source in self.sources.values():
            doc.add_source(source)
        for entity in self.entities.values():
            if entity.id not in leave_out:
                doc.add_entity(entity)
        for rel in self.relationships.values():
            if rel.id not in leave_out and doc.has_entity(rel.subject) and doc.has_entity(rel.object):
                doc.add_relationship(rel)
        for entity_id, place in self.pins.items():
            if doc.has_entity(entity_id):
                doc.set_pin(self.view, entity_id, place)
        return doc


@dataclass(frozen=True)
class Expansion:
    """What expanding one entity adds: sources, entities, lines, and the view laid out with them."""

    entity_id: str
    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    relationships: tuple[Relationship, ...]
    view: str
    arrangement: Arrangement
    degrees: dict[str, int] = field(default_factory=dict)
    links: frozenset[str] = frozenset()
    cut: int = 0  # neighbours over the cap, left in the register


def expansion_mark(entity_id: str) -> str:
    """The ``url`` of the source an expansion adds, naming the entity it was expanded from.

    >>> source = Source("s", "t", url=expansion_mark("GB-COH 123"), kind="register")
    >>> source.url, expanded_from(source)
    ('#expanded-from=GB-COH%20123', 'GB-COH 123')
    """
    return _MARK + quote(entity_id, safe="")


def expanded_from(source: Source) -> str | None:
    """The entity an expansion's source was expanded from, or None for any other source."""
    if source.kind == "register" and source.url.startswith(_MARK):
        return unquote(source.url[len(_MARK):])
    return None


def plan_expansion(engine: Engine, snapshot: Snapshot, entity_id: str, source_id: str, as_of: str | None,
                   sizes: Sizes | None = None) -> Expansion:
    """The neighbours of ``entity_id`` (both ways) that the snapshot lacks, the lines from them and from
    ``entity_id`` to what is there, citing a new source ``source_id``, and the view laid out again."""
    present = snapshot.entities
    walk = neighbourhood(engine, entity_id, 1, "both", as_of, EXPAND_CAP)
    new = [record_id for record_id in walk.hops if record_id not in present]
    fresh = set(new)
    ring = neighbourhood(engine, [*new, *present], 0, "both", as_of, len(new) + len(present) + 1)
    missing = [link for link in ring.links if link not in snapshot.relationships]
    ends = {link: (subject, party) for link, (subject, party) in link_ends(engine, missing).items()
            if entity_id in (subject, party) or subject in fresh or party in fresh}
    records = dict.fromkeys(new)
    records.update((end, None) for pair in ends.values() for end in pair if end in present)
    name = present[entity_id].name if entity_id in present else entity_id
    piece_doc, _ = piece_document(engine, Neighbourhood((entity_id,), dict.fromkeys(records, 1), tuple(ends)))
    sources, renames = _sources_to_add(piece_doc, snapshot, source_id, name, entity_id)
    entities = tuple(recite(e, renames) for e in piece_doc.entities() if e.id not in present)
    rels = tuple(recite(r, renames) for r in piece_doc.relationships() if r.id not in snapshot.relationships)
    layout = snapshot.document()
    for source in sources:
        layout.add_source(source)
    for entity in entities:
        layout.add_entity(entity)
    for rel in rels:
        layout.add_relationship(rel)
    arrangement = arrange(layout, snapshot.view, sizes=sizes)
    degrees = register_degrees(engine, new, as_of)
    return Expansion(entity_id, sources, entities, rels, snapshot.view, arrangement, degrees,
                     frozenset(ends), walk.cut)


def _sources_to_add(piece_doc: Document, snapshot: Snapshot, source_id: str, name: str,
                    entity_id: str) -> tuple[tuple[Source, ...], dict[str, str]]:
    """The piece's sources the document lacks (the register's own one becomes ``source_id``, marked
    with the entity expanded), and the renames their citations need."""
    taken = {*snapshot.sources, *snapshot.entities, *snapshot.relationships, source_id,
             *(e.id for e in piece_doc.entities()), *(r.id for r in piece_doc.relationships())}
    added, renames = [], {}
    for source in piece_doc.sources():
        if source.kind == "register" and source.title.startswith("Register store"):
            added.append(dataclasses.replace(source, id=source_id, title=f"Register: the lines of {name}",
                                             url=expansion_mark(entity_id)))
            renames[source.id] = source_id
        elif snapshot.sources.get(source.id) == source:
            continue  # the same source is there already
        else:
            new_id = source.id
            number = 1
            while new_id in taken:
                number += 1
                new_id = f"{source.id}-{number}"
            taken.add(new_id)
            added.append(dataclasses.replace(source, id=new_id))
            if new_id != source.id:
                renames[source.id] = new_id
    return tuple(added), renames


# --- collapsing -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Collapse:
    """What collapsing an entity takes away: the items its expansions added, and their sources."""

    entity_id: str
    item_ids: tuple[str, ...]
    source_ids: tuple[str, ...]


def collapse_plan(doc: Document, entity_id: str) -> Collapse:
    """The entities and lines that the expansions of ``entity_id`` added (and, in turn, those added by
    expanding any of them), and the sources nothing else will cite once they are gone."""
    marked: dict[str, list[str]] = defaultdict(list)  # entity -> the sources of its expansions
    for source in doc.sources():
        origin = expanded_from(source)
        if origin is not None:
            marked[origin].append(source.id)
    items = [*doc.entities(), *doc.relationships()]
    cited_by = {item.id: {c.source_id for _, c in citations_of(item)} for item in items}
    citing: dict[str, list] = defaultdict(list)
    for item in items:
        for source_id in cited_by[item.id]:
            citing[source_id].append(item)
    gone: dict[str, None] = {}
    sources: set[str] = set()
    centres = [entity_id]
    while centres:
        for source_id in marked.get(centres.pop(), ()):
            if source_id in sources:
                continue
            sources.add(source_id)
            for item in citing[source_id]:
                if item.id not in gone and item.id != entity_id:
                    gone[item.id] = None
                    if isinstance(item, Entity):
                        centres.append(item.id)
    for entity in [doc.entity(i) for i in gone if doc.has_entity(i)]:
        gone.update((r.id, None) for r in doc.relationships_of(entity.id))
    left = set().union(*(cited for item_id, cited in cited_by.items() if item_id not in gone))
    cited_gone = set().union(*(cited_by[item_id] for item_id in gone))
    drop = tuple(s for s in doc.sources() if s.id in (sources | cited_gone) - left and s.kind == "register")
    return Collapse(entity_id, tuple(gone), tuple(s.id for s in drop))
