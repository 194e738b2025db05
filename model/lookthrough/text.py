"""A look-through chain in words, as the look-through pane lists it under a party."""

from __future__ import annotations

from model.document import Document
from model.lookthrough.stakes import Path


def path_text(doc: Document, path: Path) -> str:
    """A chain as people read it: 'A → B → C: 60% × 50% = 30%' (one step: 'A → B: 60%').

    >>> from model.lookthrough.stakes import compute
    >>> from model.types import Entity, Relationship, Share
    >>> doc = Document()
    >>> for id_ in "abc":
    ...     doc.add_entity(Entity(id_, id_.upper()))
    >>> doc.add_relationship(Relationship("r1", "ownership", "a", "b", Share.exact(60)))
    >>> doc.add_relationship(Relationship("r2", "ownership", "b", "c", Share.exact(50)))
    >>> path_text(doc, compute(doc).paths("a", "c")[0])
    'A → B → C: 60% × 50% = 30%'
    """
    names = " \u2192 ".join(doc.entity(entity_id).name for entity_id in path.entity_ids)
    factors = " \u00d7 ".join(factor.text for factor in path.factors)
    if len(path.factors) == 1:
        return f"{names}: {factors}"
    return f"{names}: {factors} = {path.product.text}"
