"""GraphML for yEd and Gephi: nodes carry name and kind, edges kind, shares, role and status."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from model.document import Document
from model.formats.xmltext import xml_text

if TYPE_CHECKING:
    import networkx as nx


def to_graph(doc: Document) -> nx.MultiDiGraph:
    """A plain networkx graph with GraphML-friendly attributes (no None values, only characters
    XML can hold)."""
    import networkx as nx  # imported here: its import time is paid only by GraphML export

    graph = nx.MultiDiGraph()
    for entity in doc.entities():
        graph.add_node(xml_text(entity.id), name=xml_text(entity.name), kind=entity.kind)
    for rel in doc.relationships():
        attrs = {"kind": rel.kind, "role": xml_text(rel.role or rel.basis), "status": rel.status}
        if rel.share.disclosed:
            attrs.update(share_min=float(rel.share.low), share_max=float(rel.share.high))
        graph.add_edge(xml_text(rel.subject), xml_text(rel.object), key=xml_text(rel.id), **attrs)
    return graph


def to_graphml(doc: Document) -> str:
    """GraphML text of the document.

    >>> from model.types import Entity
    >>> doc = Document(); doc.add_entity(Entity("x", "Xiaomi"))
    >>> 'Xiaomi' in to_graphml(doc)
    True
    """
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(to_graph(doc), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
