"""Merging two entities that are one ("Xiaomi Corporation" from a register, "Xiaomi" from an article)
and splitting them apart again.

Merging keeps one entity: the other's name and aliases become its aliases, its citations and lines
move over, both entities' attributes become claims side by side (:func:`model.attribute_claims.combine`:
where they disagree, the best-ranked source's is drawn until the user chooses), and lines that now say
the same thing (same kind, same ends) become one relationship holding both sets of claims
(:func:`model.claims.combine`). The kept entity remembers what the merge changed (a
:class:`model.types.Merge`), so :func:`split` gives back exactly the entities, lines and pins there
were, and is how a merge is undone.

>>> from model.document import Document
>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> for entity in (Entity("x", "Xiaomi"), Entity("xc", "Xiaomi Corporation"), Entity("b", "XW Bank", "bank")):
...     doc.add_entity(entity)
>>> doc.add_relationship(Relationship("r1", "ownership", "x", "b", Share.exact(29.5)))
>>> doc.add_relationship(Relationship("r2", "ownership", "xc", "b", Share.exact(30)))
>>> merge_entities(doc, "x", "xc")
>>> doc.entity("x").aliases, [r.id for r in doc.relationships()]
(('Xiaomi Corporation',), ['r1'])
>>> split_entity(doc, "x")
>>> sorted(e.id for e in doc.entities()), sorted(r.id for r in doc.relationships())
(['b', 'x', 'xc'], ['r1', 'r2'])
"""

from __future__ import annotations

import dataclasses

from model import attribute_claims
from model.claims import combine
from model.document import VIEWS, Document
from model.errors import InvalidValueError
from model.types import Entity, Merge, Relationship


def merge_entities(doc: Document, keep_id: str, absorb_id: str) -> None:
    """Merge ``absorb_id`` into ``keep_id`` (see the module's description)."""
    if keep_id == absorb_id:
        raise InvalidValueError("an entity cannot be merged with itself")
    kept, absorbed = doc.entity(keep_id), doc.entity(absorb_id)
    before = tuple(_lines_of(doc, keep_id, absorb_id))
    pins = tuple((view, *doc.pins(view)[absorb_id]) for view in VIEWS if absorb_id in doc.pins(view))

    # Lines move over first (the absorbed entity can go only when nothing touches it).
    for rel in before:
        if absorb_id in (rel.subject, rel.object):
            doc.update_relationship(dataclasses.replace(
                rel, subject=keep_id if rel.subject == absorb_id else rel.subject,
                object=keep_id if rel.object == absorb_id else rel.object))
    doc.remove_entity(absorb_id)
    ranks = doc.ranks()
    first: dict[tuple[str, str, str], Relationship] = {}
    for rel in list(_lines_of(doc, keep_id)):
        key = (rel.kind, rel.subject, rel.object)
        if key not in first:
            first[key] = rel
            continue
        doc.remove_relationship(rel.id)
        first[key] = combine(first[key], rel, ranks)
        doc.update_relationship(first[key])
    after = tuple(rel.id for rel in _lines_of(doc, keep_id))
    record = Merge(kept, absorbed, before, pins, after)
    doc.update_entity(dataclasses.replace(
        attribute_claims.combine(kept, absorbed, ranks),
        aliases=_aliases(kept, absorbed),
        citations=kept.citations + tuple(c for c in absorbed.citations if c not in kept.citations),
        note="\n".join(note for note in (kept.note, absorbed.note) if note),
        merged_from=kept.merged_from + (record,),
    ))


def split_entity(doc: Document, entity_id: str) -> None:
    """Undo the latest merge into ``entity_id``: both entities, their lines and pins as they were.
    Lines added to the merged entity since stay with the kept one."""
    merged = doc.entity(entity_id)
    if not merged.merged_from:
        raise InvalidValueError(f"'{merged.name}' was not made by merging; there is nothing to split")
    record = merged.merged_from[-1]
    for rel_id in record.after:
        if doc.has_relationship(rel_id):
            doc.remove_relationship(rel_id)
    doc.update_entity(record.kept)
    doc.add_entity(record.absorbed)
    for rel in record.relationships:
        doc.add_relationship(rel)
    for view, x, y in record.pins:
        doc.set_pin(view, record.absorbed.id, (x, y))


def _lines_of(doc: Document, *entity_ids: str) -> list[Relationship]:
    """Every relationship touching any of ``entity_ids``, once each, in the document's order."""
    seen: dict[str, Relationship] = {}
    for entity_id in entity_ids:
        for rel in doc.relationships_of(entity_id):
            seen.setdefault(rel.id, rel)
    order = {rel.id: n for n, rel in enumerate(doc.relationships())}
    return sorted(seen.values(), key=lambda rel: order[rel.id])


def _aliases(kept: Entity, absorbed: Entity) -> tuple[str, ...]:
    names = [*kept.aliases, absorbed.name, *absorbed.aliases]
    return tuple(name for name in dict.fromkeys(names) if name != kept.name)
