"""Reading GraphML (Stakemap's own export, yEd, Gephi) with a hardened XML parser.

The file goes through ``defusedxml``, which refuses entity declarations, so an entity-expansion
bomb ("billion laughs") or an external entity is a :class:`LoadError`, not a hang or a leak.
Node names come from a ``name`` or ``label`` attribute or a yEd node label; kinds, shares,
roles and statuses from the attributes :mod:`model.formats.graphml.write` writes. An edge
without a kind is an ownership (a reporting line between two persons).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml
import defusedxml.ElementTree as SafeTree

from model.document import Document
from model.errors import InvalidValueError, LoadError, StakemapError
from model.types import (
    BASIS_WORDS,
    COMPANY,
    CURRENT,
    ENTITY_KINDS,
    OWNERSHIP,
    PERSON,
    RELATIONSHIP_KINDS,
    REPORTING,
    STATUSES,
    Entity,
    Relationship,
    Share,
)

NS = "{http://graphml.graphdrawing.org/xmlns}"
MAX_BYTES = 200 * 1024 * 1024


def load(path: str | os.PathLike) -> tuple[Document, list[str]]:
    """Read a GraphML file; raise LoadError (never another exception) when it cannot be read."""
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise LoadError(str(path), "", f"larger than {MAX_BYTES // 2**20} MB")
        raw = Path(path).read_bytes()
    except OSError as error:
        raise LoadError(str(path), "", error.strerror or str(error)) from None
    return loads(raw, str(path))


def loads(data: bytes | str, path: str = "<text>") -> tuple[Document, list[str]]:
    """A document from GraphML bytes or text, and warnings about what was left out.

    >>> doc, _ = loads('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
    ...                '<node id="a"/><node id="b"/><edge source="a" target="b"/></graph></graphml>')
    >>> [r.kind for r in doc.relationships()]
    ['ownership']
    """
    root = _parse(data, path)
    graph = root.find(f"{NS}graph")
    if root.tag != f"{NS}graphml" or graph is None:
        raise LoadError(path, "/graphml/graph", "not GraphML: no <graphml> root with a <graph> in it")
    warnings: list[str] = []
    keys = _keys(root)
    doc = Document()
    try:
        _read_nodes(graph, keys, doc, warnings)
        _read_edges(graph, keys, doc, warnings)
    except StakemapError as error:
        raise LoadError(path, "/graphml/graph", str(error)) from None
    return doc, [f"{path}: {w}" for w in warnings]


def _parse(data: bytes | str, path: str) -> Element:
    try:
        return SafeTree.fromstring(data)
    except defusedxml.EntitiesForbidden:
        raise LoadError(path, "<!DOCTYPE>", "declares XML entities, which are refused: an entity-"
                        "expansion bomb ('billion laughs') or external entity could hide there") from None
    except (defusedxml.DTDForbidden, defusedxml.ExternalReferenceForbidden) as error:
        raise LoadError(path, "<!DOCTYPE>", f"refused: {error}") from None
    except SafeTree.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise LoadError(path, f"line {line}, column {column + 1}", f"not well-formed XML ({error})") from None
    except RecursionError:
        raise LoadError(path, "", "nested too deeply to be GraphML") from None


def _keys(root: Element) -> dict[str, tuple[str, str]]:
    """key id -> (attribute name, yEd graphics type or '')."""
    out = {}
    for key in root.iter(f"{NS}key"):
        key_id = key.get("id", "")
        out[key_id] = (key.get("attr.name") or key_id, key.get("yfiles.type", ""))
    return out


def _data(element: Element, keys: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The element's data by attribute name; a yEd label under the name 'label'."""
    out = {}
    for data in element.findall(f"{NS}data"):
        name, yfiles = keys.get(data.get("key", ""), (data.get("key", ""), ""))
        if yfiles in ("nodegraphics", "edgegraphics"):
            labels = [t.text.strip() for t in data.iter() if t.tag.endswith(("NodeLabel", "EdgeLabel"))
                      and t.text and t.text.strip()]
            if labels:
                out.setdefault("label", labels[0])
        elif data.text is not None:
            out[name] = data.text.strip()
    return out


def _read_nodes(graph: Element, keys: dict, doc: Document, warnings: list[str]) -> None:
    for number, node in enumerate(graph.iter(f"{NS}node")):
        node_id = node.get("id")
        where = f"node {number + 1} ('{node_id}')"
        if not node_id:
            warnings.append(f"node {number + 1}: no id; skipped")
            continue
        attrs = _data(node, keys)
        name = attrs.get("name") or attrs.get("label") or node_id
        kind = attrs.get("kind", "").strip().lower()
        if kind not in ENTITY_KINDS:
            if kind:
                warnings.append(f"{where}: '{kind}' is not an entity kind; read as company")
            kind = COMPANY
        if doc.has_entity(node_id):
            warnings.append(f"{where}: the id is used twice; skipped")
            continue
        doc.add_entity(Entity(node_id, name, kind))


def _read_edges(graph: Element, keys: dict, doc: Document, warnings: list[str]) -> None:
    for number, edge in enumerate(graph.iter(f"{NS}edge")):
        source, target = edge.get("source", ""), edge.get("target", "")
        where = f"edge {number + 1} ({source} -> {target})"
        if not (doc.has_entity(source) and doc.has_entity(target)):
            warnings.append(f"{where}: an end names no node; skipped")
            continue
        rel = _relationship(edge, _data(edge, keys), doc, number, where, warnings)
        if rel is not None:
            doc.add_relationship(rel)


def _edge_id(edge: Element, doc: Document, number: int) -> str:
    wanted = edge.get("id") or f"edge-{number + 1}"
    if not (doc.has_entity(wanted) or doc.has_relationship(wanted)):
        return wanted
    return doc.new_id(wanted)


def _relationship(edge: Element, attrs: dict[str, str], doc: Document, number: int, where: str,
                  warnings: list[str]) -> Relationship | None:
    source, target = edge.get("source", ""), edge.get("target", "")
    kind = attrs.get("kind", "").strip().lower()
    if kind not in RELATIONSHIP_KINDS:
        both_people = doc.entity(source).kind == PERSON and doc.entity(target).kind == PERSON
        kind = REPORTING if both_people else OWNERSHIP
    share, role = _share(attrs, where, warnings), attrs.get("role", "")
    basis = role if kind == OWNERSHIP and role.lower() in BASIS_WORDS else ""
    note = f"GraphML role: {role}" if kind == OWNERSHIP and role and not basis else ""
    status = attrs.get("status", CURRENT)
    if status not in STATUSES:
        warnings.append(f"{where}: '{status}' is not a status; read as current")
        status = CURRENT
    try:
        return Relationship(_edge_id(edge, doc, number), kind, source, target,
                            share if kind == OWNERSHIP else Share(), basis,
                            "" if kind == OWNERSHIP else role or attrs.get("label", ""), status, note=note)
    except InvalidValueError as error:
        warnings.append(f"{where}: {error}; skipped")
        return None


def _share(attrs: dict[str, str], where: str, warnings: list[str]) -> Share:
    try:
        if "share_min" in attrs and "share_max" in attrs:
            return Share(float(attrs["share_min"]), float(attrs["share_max"]))
        label = attrs.get("label", "")
        return Share.parse(label) if _looks_like_share(label) else Share()
    except (InvalidValueError, ValueError) as error:
        warnings.append(f"{where}: {error}; the share is read as undisclosed")
        return Share()


def _looks_like_share(text: Any) -> bool:
    cleaned = str(text).replace("%", "").replace("-", "").replace(".", "").strip()
    return cleaned.isdigit()
