"""Which relationships shape each view, and a layout run over a document (pure Python).

* ownership: owners above what they own;
* reporting: a manager above those who report to them, a person above the organisations they serve;
* all: every kind, authorities above what they license.

Only the view's own kinds decide the layers; the other relationships are drawn over the result.
"""

from __future__ import annotations

from .document import Arrangement, Document
from .layout import layered_layout
from .types import LICENCE, OWNERSHIP, POSITION, REPORTING, Relationship

VIEW_KINDS = {
    "ownership": (OWNERSHIP,),
    "reporting": (REPORTING, POSITION),
    "all": (OWNERSHIP, REPORTING, POSITION, LICENCE),
}
VIEW_LABELS = {"ownership": "Ownership", "reporting": "Reporting && roles", "all": "Everything"}

NODE_WIDTH = 230.0  # the widest box is 250: spacing 230 + 40 leaves a gap
NODE_HEIGHT = 58.0


def upper_lower(rel: Relationship) -> tuple[str, str]:
    """The end drawn above and the end drawn below: a manager sits above the one who reports."""
    if rel.kind == REPORTING:
        return rel.object, rel.subject
    return rel.subject, rel.object


def view_edges(doc: Document, view: str) -> list[tuple[str, str, str]]:
    """(upper id, lower id, relationship id) for each relationship that shapes the view."""
    kinds = VIEW_KINDS[view]
    return [(*upper_lower(rel), rel.id) for rel in doc.relationships() if rel.kind in kinds]


def arrange(doc: Document, view: str, pins: dict | None = None) -> Arrangement:
    """Lay out a view: every entity gets an automatic place; pinned ones stay where the user put them.

    ``pins`` overrides the document's pins of the view (to lay out as if some were released).

    >>> from model.types import Entity, Relationship, Share
    >>> doc = Document()
    >>> for eid in "ab": doc.add_entity(Entity(eid, eid.upper()))
    >>> doc.add_relationship(Relationship("r", "ownership", "a", "b", Share.exact(50)))
    >>> places = arrange(doc, "ownership").places
    >>> places["a"][1] < places["b"][1]
    True
    """
    edges = view_edges(doc, view)
    nodes = sorted(e.id for e in doc.entities())
    pins = doc.pins(view) if pins is None else pins
    result = layered_layout(nodes, [(upper, lower) for upper, lower, _ in edges], pinned=pins,
                            node_width=NODE_WIDTH, node_height=NODE_HEIGHT)
    bends = {}
    for index, points in result.bends.items():
        upper, lower, rid = edges[index]
        rel = doc.relationship(rid)
        ordered = tuple(points) if (upper, lower) == (rel.subject, rel.object) else tuple(reversed(points))
        bends[rid] = tuple((float(x), float(y)) for x, y in ordered)
    places = {node: (float(x), float(y)) for node, (x, y) in result.positions.items()}
    return Arrangement(places, bends)
