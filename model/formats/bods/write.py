"""A document as Beneficial Ownership Data Standard 0.4 statements (entity, person, relationship).

Ownership becomes a ``shareholding`` interest (an exact share, an inclusive range, or no share
where undisclosed); a position becomes the control interest its title names (``boardChair``,
``seniorManagingOfficial``...). Reporting lines and licences have no place in BODS: they are left
out and named in the report :func:`to_bods` returns. Every statement carries a ``source`` built from
its citations, and each cited quote travels in a ``commenting`` annotation.

Statement ids are UUID 5 of the statement's own content, so the same project always exports the same
bytes (given the same ``statement_date``).

>>> from model.document import Document
>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> doc.add_entity(Entity("x", "Xiaomi")); doc.add_entity(Entity("b", "Xinwang", "bank"))
>>> doc.add_relationship(Relationship("r", "ownership", "x", "b", Share.exact(29.5)))
>>> statements, report = to_bods(doc, statement_date="2020-04-24")
>>> [s["recordType"] for s in statements], statements[-1]["recordDetails"]["interests"][0]["share"]
(['entity', 'entity', 'relationship'], {'exact': 29.5})
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import uuid
from typing import Any

from model.claims import as_stated_by, speakers
from model.document import Document
from model.formats.bods.codes import (
    ANALYST_SOURCE,
    BODS_VERSION,
    ENTITY_TYPES,
    STAKEMAP_KEY,
    full_date,
    interest_for_role,
)
from model.types import (
    DISSOLVED,
    ENTITY_KIND_LABELS,
    FORMER,
    OWNERSHIP,
    PERSON,
    POSITION,
    Attribute,
    Citation,
    Entity,
    FuzzyDate,
    Relationship,
)

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://stakemap.invalid/bods")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s]+$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_bods(doc: Document, publisher: str = "Stakemap",
            statement_date: str | None = None) -> tuple[list[dict], list[str]]:
    """BODS 0.4 statements for the document, and a report of what BODS could not carry.

    ``statement_date`` (YYYY-MM-DD) dates every statement; by default the latest date among the
    project's sources, or today where no source is dated.
    """
    date = statement_date or default_statement_date(doc)
    report: list[str] = []
    statements = [_entity_statement(doc, entity, date, publisher) for entity in doc.entities()]
    for rel in doc.relationships():
        reason = _left_out(doc, rel)
        if reason:
            report.append(f"left out {_describe(doc, rel)}: {reason}")
            continue
        if rel.claims:  # sources disagree or agree: a statement per source, its own source and quotes
            statements.extend(_claim_statements(doc, rel, date, publisher))
            continue
        statements.append(_relationship_statement(doc, rel, date, publisher))
    report.extend(_attribute_notes(doc))
    return statements, report


def dumps_statements(statements: list[dict], lines: bool = False) -> str:
    """Statements as a JSON array (the usual BODS package) or, with ``lines``, as JSON Lines."""
    if lines:
        return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements)
    return json.dumps(statements, ensure_ascii=False, indent=1) + "\n"


def dumps_json(doc: Document, **options: Any) -> str:
    """The document as a BODS JSON array."""
    return dumps_statements(to_bods(doc, **options)[0])


def dumps_jsonl(doc: Document, **options: Any) -> str:
    """The document as BODS JSON Lines, one statement a line."""
    return dumps_statements(to_bods(doc, **options)[0], lines=True)


def default_statement_date(doc: Document) -> str:
    """The latest date among the project's sources (rounded to a full date), else today."""
    dates = [full_date(s.date[:10]) for s in doc.sources() if re.match(r"^\d{4}(-\d{2}){0,2}", s.date)]
    return max(dates) if dates else datetime.date.today().isoformat()


# --- what stays out ----------------------------------------------------------------------------
def _left_out(doc: Document, rel: Relationship) -> str:
    if rel.kind not in (OWNERSHIP, POSITION):
        return f"BODS has no {rel.kind} relationships"
    if doc.entity(rel.object).kind == PERSON:
        return "in BODS only an entity can be owned or controlled"
    if rel.kind == POSITION and doc.entity(rel.subject).kind != PERSON:
        return "in Stakemap only a person holds a position"
    return ""


def _describe(doc: Document, rel: Relationship) -> str:
    label = rel.role or rel.kind
    return f"{rel.kind} '{doc.entity(rel.subject).name}' -> '{doc.entity(rel.object).name}' ({label})"


def _attribute_notes(doc: Document) -> list[str]:
    count = sum(len(e.attributes) for e in doc.entities())
    if not count:
        return []
    return [f"{count} entity attributes travel only as Stakemap annotations; BODS fields hold none of them"]


# --- statements --------------------------------------------------------------------------------
def _finish(statement: dict, date: str, publisher: str) -> dict:
    """Add the publication details, then the id made from everything else."""
    statement["statementDate"] = date
    statement["publicationDetails"] = {
        "publicationDate": date, "bodsVersion": BODS_VERSION, "publisher": {"name": publisher},
    }
    content = json.dumps(statement, sort_keys=True, ensure_ascii=False)
    return {"statementId": str(uuid.uuid5(NAMESPACE, content)), **statement}


def _base(record_id: str, subject: str, record_type: str, status: str) -> dict:
    return {"declarationSubject": subject, "recordId": record_id, "recordStatus": status,
            "recordType": record_type}


def _entity_statement(doc: Document, entity: Entity, date: str, publisher: str) -> dict:
    record_type = "person" if entity.kind == PERSON else "entity"
    statement = _base(entity.id, entity.id, record_type, "new")
    statement["recordDetails"] = (_person_details(entity) if entity.kind == PERSON
                                  else _entity_details(entity))
    statement["source"] = _source(doc, entity.citations)
    annotations = [_citation_annotation(doc, c, "") for c in entity.citations]
    annotations += [_attribute_annotation(doc, name, a) for name, a in entity.attributes.items()]
    annotations += [_attribute_annotation(doc, c.name, c.attribute, claim=dict(entity.chosen))
                    for c in entity.claims if entity.attributes.get(c.name) != c.attribute]
    if entity.note:
        annotations.append(_annotation("", entity.note, note=entity.note))
    if annotations:
        statement["annotations"] = annotations
    return _finish(statement, date, publisher)


def _entity_details(entity: Entity) -> dict:
    type_, subtype = ENTITY_TYPES[entity.kind]
    entity_type = {"type": type_, "details": ENTITY_KIND_LABELS[entity.kind]}
    if subtype:
        entity_type["subtype"] = subtype
    details: dict[str, Any] = {"isComponent": False, "entityType": entity_type, "name": entity.name}
    if entity.aliases:
        details["alternateNames"] = list(entity.aliases)
    return details


def _person_details(entity: Entity) -> dict:
    names = [{"type": "legal", "fullName": entity.name}]
    names += [{"type": "alternative", "fullName": alias} for alias in entity.aliases]
    return {"isComponent": False, "personType": "knownPerson", "names": names}


def _relationship_statement(doc: Document, rel: Relationship, date: str, publisher: str) -> dict:
    status = "closed" if rel.status in (FORMER, DISSOLVED) else "new"
    statement = _base(rel.id, rel.object, "relationship", status)
    party_is_person = doc.entity(rel.subject).kind == PERSON
    statement["recordDetails"] = {
        "isComponent": False, "subject": rel.object, "interestedParty": rel.subject,
        "interests": [_interest(rel, party_is_person)],
    }
    statement["source"] = _source(doc, rel.citations)
    annotations = [_citation_annotation(doc, c, "/recordDetails/interests/0") for c in rel.citations]
    annotations += _date_annotations(rel)
    if rel.status not in ("current", FORMER):
        annotations.append(_annotation("", f"Stakemap status: {rel.status}", status=rel.status))
    if rel.note:
        annotations.append(_annotation("", rel.note, note=rel.note))
    if annotations:
        statement["annotations"] = annotations
    return _finish(statement, date, publisher)


def _claim_statements(doc: Document, rel: Relationship, date: str, publisher: str) -> list[dict]:
    """One relationship statement per source of ``rel``'s claims (the highest-ranked keeps the
    relationship's record id); an annotation ties them together so Stakemap reads one relationship
    with its claims back."""
    out = []
    for number, source in enumerate(speakers(rel, doc.ranks())):
        said = as_stated_by(rel, source)
        statement = _relationship_statement(
            doc, dataclasses.replace(said, id=rel.id if number == 0 else f"{rel.id}-claim-{number}"),
            date, publisher)
        statement.pop("statementId")
        words = f"one source's account of a relationship other sources also describe ({rel.id})"
        statement.setdefault("annotations", []).append(
            _annotation("", words, claimOf=rel.id, chosen=dict(rel.chosen)))
        out.append(_finish(statement, date, publisher))
    return out


def _interest(rel: Relationship, party_is_person: bool) -> dict:
    if rel.kind == OWNERSHIP:
        interest: dict[str, Any] = {"type": "shareholding", "directOrIndirect": "direct"}
        if rel.basis:
            interest["details"] = rel.basis
        share = _share(rel)
        if share:
            interest["share"] = share
    else:
        interest = {"type": interest_for_role(rel.role), "directOrIndirect": "direct"}
        if rel.role:
            interest["details"] = rel.role
    if not party_is_person:
        interest["beneficialOwnershipOrControl"] = False  # only a person can be a beneficial owner
    if rel.start:
        interest["startDate"] = full_date(rel.start.value)
    if rel.end:
        interest["endDate"] = full_date(rel.end.value)
    return interest


def _share(rel: Relationship) -> dict:
    """BODS asks for ``exact`` when both ends agree, and inclusive bounds for a range."""
    if not rel.share.disclosed:
        return {}
    if rel.share.is_exact:
        return {"exact": rel.share.low}
    return {"minimum": rel.share.low, "maximum": rel.share.high}


# --- sources and annotations -------------------------------------------------------------------
def _source(doc: Document, citations: tuple[Citation, ...]) -> dict:
    """The statement's source: the documents its quotes come from, or the analyst's own word."""
    sources = [doc.source(sid) for sid in dict.fromkeys(c.source_id for c in citations)]
    if not sources:
        return dict(ANALYST_SOURCE)
    described = "; ".join(_source_words(s.title, s.publisher, s.date) for s in sources)
    out: dict[str, Any] = {"type": ["thirdParty"], "description": described}
    urls = [s.url for s in sources if _URI.match(s.url)]
    if urls:
        out["url"] = urls[0]
    asserted = dict.fromkeys([s.publisher for s in sources if s.publisher]
                             + [c.attributed_to for c in citations if c.attributed_to])
    if asserted:
        out["assertedBy"] = [{"name": name} for name in asserted]
    return out


def _source_words(title: str, publisher: str, date: str) -> str:
    extra = ", ".join(part for part in (publisher, date) if part)
    return f"{title} ({extra})" if extra else title


def _annotation(pointer: str, description: str, url: str = "", **stakemap: Any) -> dict:
    annotation: dict[str, Any] = {"statementPointerTarget": pointer, "motivation": "commenting",
                                  "description": description}
    if url and _URI.match(url):
        annotation["url"] = url
    annotation[STAKEMAP_KEY] = stakemap
    return annotation


def citation_data(doc: Document, citation: Citation) -> dict:
    """A citation with its source's details, as the Stakemap annotation property holds it."""
    source = doc.source(citation.source_id)
    return {
        "source": {"id": source.id, "title": source.title, "publisher": source.publisher,
                   "date": source.date, "url": source.url, "kind": source.kind},
        "start": citation.start, "end": citation.end, "quote": citation.quote,
        "prefix": citation.prefix, "suffix": citation.suffix, "attributedTo": citation.attributed_to,
    }


def _citation_annotation(doc: Document, citation: Citation, pointer: str) -> dict:
    source = doc.source(citation.source_id)
    cited = _source_words(source.title, source.publisher, source.date)
    words = f"\u201c{citation.quote}\u201d \u2014 {cited}"
    if citation.attributed_to:
        words += f", according to {citation.attributed_to}"
    return _annotation(pointer, words, source.url, citation=citation_data(doc, citation))


def _date_data(date: FuzzyDate | None) -> dict | None:
    return None if date is None else {"value": date.value, "text": date.text}


def _attribute_annotation(doc: Document, name: str, attribute: Attribute, claim: dict | None = None) -> dict:
    """An attribute as an annotation; ``claim`` (the user's choices, maybe empty) marks one that another
    source states and is not drawn, so a reader keeps it as a claim beside the drawn value."""
    words = f"{name}: {attribute.value}" + (f" ({attribute.date})" if attribute.date else "")
    if claim is not None:
        words = f"also stated, {words}"
    data = {"name": name, "value": attribute.value, "date": _date_data(attribute.date),
            "note": attribute.note, "citations": [citation_data(doc, c) for c in attribute.citations]}
    if claim is not None:
        data["claim"] = {"chosen": claim}
    return _annotation("/recordDetails", words, attribute=data)


def _date_annotations(rel: Relationship) -> list[dict]:
    """Say how a date was given where BODS' full YYYY-MM-DD would claim more than is known."""
    out = []
    for key, date in (("startDate", rel.start), ("endDate", rel.end)):
        if date is None or (_FULL_DATE.match(date.value) and not date.text):
            continue
        words = f"given as '{date.text or date.value}' ({date.precision} precision)"
        out.append(_annotation(f"/recordDetails/interests/0/{key}", words, date=_date_data(date)))
    return out
