"""A piece of the register as a Stakemap document, every fact citing the statement it comes from.

The records of a :class:`~model.register.queries.Neighbourhood` are read back as their current raw
statements and built into a :class:`Document` by the same importers a file goes through (BODS,
FollowTheMoney), so a piece reads exactly as the statements would from a file. One source,
of kind 'register', lists the statements used, a line each: statement id, record, date, the file
and place it was indexed from, and the source the statement names; each entity and relationship
cites its line, beside whatever the statement itself cites.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from model.document import Document
from model.errors import LoadError
from model.formats.bods import read as bods_read
from model.formats.ftm import file as ftm_file
from model.register.engine import Engine, _safe
from model.register.normal import unpack
from model.register.queries import Neighbourhood
from model.types import Citation, Entity, Source

_KIND_ORDER = {"entity": 0, "person": 0, "relationship": 1}


def current_statements(engine: Engine, record_ids: Sequence[str]) -> list[tuple]:
    """(statement id, record id, kind, date, format, file, place, statement) of each record's current
    statement, entities and persons first."""
    out = []
    ids = list(record_ids)
    for start in range(0, len(ids), 900):
        among, params = engine.among("r.record_id", ids[start:start + 900])
        out += engine.rows(
            "SELECT s.statement_id, s.record_id, s.kind, s.date, s.format, s.file, s.place, s.raw "
            f"FROM records r JOIN statements s ON s.statement_id = r.statement_id WHERE {among}", params)
    out.sort(key=lambda row: _KIND_ORDER.get(row[2], 2))
    return [(*row[:7], unpack(row[7])) for row in out]


def piece_document(engine: Engine, piece: Neighbourhood, title: str = "") -> tuple[Document, list[str]]:
    """The neighbourhood as a document, and warnings the importers gave."""
    rows = current_statements(engine, [*piece.hops, *piece.links])
    bods = [row for row in rows if row[4] == "bods"]
    ftm = [row for row in rows if row[4] == "ftm"]
    doc, warnings = Document(title), []
    if bods:
        doc, warnings = _read(bods_read.loads, json.dumps([row[7] for row in bods], ensure_ascii=False))
        doc.title = title
    if ftm:
        other, more = _read(ftm_file.loads, "\n".join(json.dumps(row[7], ensure_ascii=False) for row in ftm))
        _add_all(doc, other)
        warnings += more
    _cite_statements(doc, rows, _safe(engine.address))  # a piece saved never holds a password
    return doc, warnings


def _read(loads, text: str) -> tuple[Document, list[str]]:
    try:
        doc, warnings = loads(text, "register")
    except LoadError as error:
        return Document(), [str(error)]
    # the standard's own checks (ids of 32 characters, parties described first...) speak of the dump,
    # already reported when it was indexed; only what the piece could not show is passed on
    return doc, [w for w in warnings if "shown as" in w or "skipped" in w]


def _add_all(doc: Document, other: Document) -> None:
    for source in other.sources():
        if not doc.has_source(source.id):
            doc.add_source(source)
    for entity in other.entities():
        if not doc.has_entity(entity.id) and not doc.has_relationship(entity.id):
            doc.add_entity(entity)
    for rel in other.relationships():
        if not doc.has_relationship(rel.id) and doc.has_entity(rel.subject) and doc.has_entity(rel.object):
            doc.add_relationship(rel)


def statement_line(row: tuple) -> str:
    """The line of the register source that a fact cites: its statement and where it came from.

    >>> statement_line(("s1", "e1", "entity", "2024-01-02", "bods", "psc.jsonl", "line 4",
    ...                 {"source": {"description": "UK PSC register"}}))
    'statement s1 (entity e1, 2024-01-02; psc.jsonl line 4): UK PSC register'
    """
    statement_id, record_id, kind, date, _, file, place, statement = row
    source = statement.get("source") if isinstance(statement, dict) else None
    said = source.get("description") if isinstance(source, dict) else None
    said = said if isinstance(said, str) and said.strip() else "no source named"
    return f"statement {statement_id} ({kind} {record_id}, {date or 'undated'}; {file} {place}): {said}"


def _cite_statements(doc: Document, rows: list[tuple], address: str) -> None:
    if not rows:
        return
    lines, offsets, cursor = [], {}, 0
    for row in rows:
        line = statement_line(row)
        offsets[row[1]] = (cursor, line)
        lines.append(line)
        cursor += len(line) + 1
    dates = sorted(row[3] for row in rows if row[3])
    source = Source(doc.new_id("register"), f"Register store {address}", "", dates[-1] if dates else "",
                    "", "\n".join(lines), kind="register")
    doc.add_source(source)
    items = [*doc.entities(), *doc.relationships()]
    for item in items:
        record_id = item.id if item.id in offsets else item.id.rsplit("-", 1)[0]
        if record_id in offsets:
            start, line = offsets[record_id]
            citation = Citation(source.id, start, start + len(line), line)
            doc.add_citation(item.id, citation)
            if isinstance(item, Entity) and any(not a.citations for a in item.attributes.values()):
                # the statement states the identifiers and jurisdiction as much as the name
                entity = doc.entity(item.id)
                doc.update_entity(replace(entity, attributes={
                    name: a if a.citations else replace(a, citations=(citation,))
                    for name, a in entity.attributes.items()}))
