"""FollowTheMoney entities (JSON Lines) in and out: the format of Aleph, OpenSanctions and ``ftm``.

Person, Company, Organization, PublicBody and LegalEntity become entities; Ownership (with its
percentage) ownership; Directorship, Employment and Membership positions; an UnknownLink between
two persons a reporting line, from an authority a licence. Dates, roles, statuses and source URLs
travel both ways; a relationship's cited quotes travel in ``description`` and come back as a
citation of a source at ``sourceUrl``.

>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> doc.add_entity(Entity("x", "Xiaomi")); doc.add_entity(Entity("b", "Xinwang", "bank"))
>>> doc.add_relationship(Relationship("r", "ownership", "x", "b", Share.exact(29.5)))
>>> back, warnings = loads(dumps(doc))
>>> back.relationship("r").share.text, back.entity("b").kind
('29.5', 'company')
"""

from __future__ import annotations

import json
import os
from typing import Any

from model.document import Document
from model.errors import InvalidValueError, LoadError, StakemapError
from model.formats.bods.codes import interest_for_role
from model.formats.ftm.reader import Reader
from model.formats.textfile import NumberRefused, json_lines, read_text, strict_json
from model.types import (
    AUTHORITY,
    BUSINESS_UNIT,
    OTHER,
    OUTLET,
    OWNERSHIP,
    PERSON,
    POSITION,
    Entity,
    Relationship,
)

SCHEMA_OF_KIND = {PERSON: "Person", AUTHORITY: "PublicBody", BUSINESS_UNIT: "Organization",
                  OUTLET: "Organization", OTHER: "Organization"}  # company and bank: Company


# --- export ------------------------------------------------------------------------------------
def to_entities(doc: Document) -> list[dict]:
    """FtM entity dicts for the document: entities first, then the links between them."""
    out = [_entity(doc, e) for e in doc.entities()]
    out += [_link(doc, r) for r in doc.relationships()]
    return out


def dumps(doc: Document) -> str:
    """The document as FtM JSON Lines, one entity a line."""
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in to_entities(doc))


def _source_urls(doc: Document, citations: tuple) -> list[str]:
    urls = (doc.source(c.source_id).url for c in citations)
    return list(dict.fromkeys(u for u in urls if u.startswith(("http://", "https://"))))


def _entity(doc: Document, entity: Entity) -> dict:
    props: dict[str, list[str]] = {"name": [entity.name]}
    if entity.aliases:
        props["alias"] = list(entity.aliases)
    if entity.note:
        props["notes"] = [entity.note]
    urls = _source_urls(doc, entity.citations)
    if urls:
        props["sourceUrl"] = urls
    return {"id": entity.id, "schema": SCHEMA_OF_KIND.get(entity.kind, "Company"), "properties": props}


def _link(doc: Document, rel: Relationship) -> dict:
    schema, subject_key, object_key = _link_schema(rel)
    props: dict[str, list[str]] = {subject_key: [rel.subject], object_key: [rel.object],
                                   "status": [rel.status]}
    if rel.kind == OWNERSHIP:
        if rel.share.disclosed:
            props["percentage"] = [rel.share.text]
        if rel.basis:
            props["role"] = [rel.basis]
    elif rel.role:
        props["role"] = [rel.role]
    if rel.start:
        props["startDate"] = [rel.start.value]
    if rel.end:
        props["endDate"] = [rel.end.value]
    if rel.note:
        props["summary"] = [rel.note]
    if rel.citations:
        props["description"] = ["\n".join(c.quote for c in rel.citations)]
        props["publisher"] = list(dict.fromkeys(
            doc.source(c.source_id).publisher for c in rel.citations if doc.source(c.source_id).publisher))
    urls = _source_urls(doc, rel.citations)
    if urls:
        props["sourceUrl"] = urls
    return {"id": rel.id, "schema": schema, "properties": {k: v for k, v in props.items() if v}}


def _link_schema(rel: Relationship) -> tuple[str, str, str]:
    if rel.kind == OWNERSHIP:
        return "Ownership", "owner", "asset"
    if rel.kind == POSITION:
        if interest_for_role(rel.role) in ("boardChair", "boardMember"):
            return "Directorship", "director", "organization"
        if "member" in rel.role.lower():
            return "Membership", "member", "organization"
        return "Employment", "employee", "employer"
    return "UnknownLink", "subject", "object"  # reporting lines and licences


# --- import ------------------------------------------------------------------------------------
def load(path: str | os.PathLike) -> tuple[Document, list[str]]:
    """Read an FtM JSON Lines file (or an Aleph diagram's JSON); LoadError when it cannot be read."""
    return loads(read_text(path), str(path))


def loads(text: str, path: str = "<text>") -> tuple[Document, list[str]]:
    """A document from FtM text, and warnings naming what was left out."""
    items = _parse(text, path)
    try:
        reader = Reader(items)
        doc = reader.read()
    except RecursionError:
        raise LoadError(path, "$", "nested too deeply to be FollowTheMoney") from None
    except (StakemapError, InvalidValueError) as error:
        raise LoadError(path, "$", str(error)) from None
    return doc, [f"{path}: {w}" for w in reader.warnings]


def _parse(text: str, path: str) -> list[tuple[str, Any]]:
    stripped = text.strip()
    if not stripped:
        raise LoadError(path, "", "the file is empty")
    try:  # an Aleph diagram, a JSON array, or a one-line JSON Lines file
        data = strict_json(stripped)
    except json.JSONDecodeError:
        data = None
    except NumberRefused as error:
        raise LoadError(path, "$", str(error)) from None
    except RecursionError:
        raise LoadError(path, "$", "nested too deeply to be FollowTheMoney") from None
    if isinstance(data, dict) and isinstance(data.get("entities"), list):
        return [(f"$.entities[{i}]", e) for i, e in enumerate(data["entities"])]
    if isinstance(data, list):
        return [(f"$[{i}]", e) for i, e in enumerate(data)]
    if isinstance(data, dict):
        return [("line 1", data)]
    return _lines(stripped, path)


def _lines(text: str, path: str) -> list[tuple[str, Any]]:
    return json_lines(text, path, "FollowTheMoney")
