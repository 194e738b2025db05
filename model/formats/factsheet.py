"""The fact sheet: one CSV row per relationship and per cited attribute, to check a story against.

Where several sources speak of a relationship (it has claims), it takes one row per source, each
with what that source says and its quotes; the ``source`` column tells them apart. An entity whose
sources speak of its attributes apart takes one row per claim, each naming the sources that state it.
"""

from __future__ import annotations

import csv
import io

from model.claims import as_stated_by, speakers
from model.document import Document
from model.types import Citation, Relationship

COLUMNS = ("subject", "relation", "object", "share", "role", "status", "start", "end", "quote", "source")


def _quotes(citations: tuple[Citation, ...]) -> str:
    return " | ".join(c.quote for c in citations)


def _sources(doc: Document, citations: tuple[Citation, ...]) -> str:
    titles = dict.fromkeys(doc.source(c.source_id).title for c in citations)
    return " | ".join(titles) if titles else "analyst-asserted"


def rows(doc: Document) -> list[dict[str, str]]:
    """The fact sheet's rows, relationships first, then cited attributes.

    >>> from model.types import Entity, Relationship, Share
    >>> doc = Document()
    >>> doc.add_entity(Entity("x", "Xiaomi")); doc.add_entity(Entity("b", "Bank", "bank"))
    >>> doc.add_relationship(Relationship("r", "ownership", "x", "b", Share.exact(29.5)))
    >>> rows(doc)[0]["share"], rows(doc)[0]["source"]
    ('29.5', 'analyst-asserted')
    """
    out = []
    for rel in doc.relationships():
        if rel.claims:
            out.extend(_claim_rows(doc, rel))
            continue
        out.append({
            "subject": doc.entity(rel.subject).name, "relation": rel.kind,
            "object": doc.entity(rel.object).name, "share": rel.share.text,
            "role": rel.role or rel.basis, "status": rel.status,
            "start": str(rel.start or ""), "end": str(rel.end or ""),
            "quote": _quotes(rel.citations), "source": _sources(doc, rel.citations),
        })
    for entity in doc.entities():
        if entity.claims:
            said = [(c.name, c.attribute, _titles(doc, c.sources)) for c in entity.claims
                    if c.attribute.citations or c.sources]
        else:
            said = [(name, a, _sources(doc, a.citations))
                    for name, a in entity.attributes.items() if a.citations]
        out.extend({
            "subject": entity.name, "relation": name, "object": attribute.value, "share": "",
            "role": "", "status": "", "start": str(attribute.date or ""), "end": "",
            "quote": _quotes(attribute.citations), "source": source,
        } for name, attribute, source in said)
    return out


def _titles(doc: Document, source_ids: tuple[str, ...]) -> str:
    titles = [doc.source(s).title for s in source_ids if doc.has_source(s)]
    return " | ".join(titles) if titles else "analyst-asserted"


def _claim_rows(doc: Document, rel: Relationship) -> list[dict[str, str]]:
    """A row per source of a relationship's claims, highest-ranked first (an analyst's own last)."""
    out = []
    for source in speakers(rel, doc.ranks()):
        said = as_stated_by(rel, source)
        out.append({
            "subject": doc.entity(rel.subject).name, "relation": rel.kind,
            "object": doc.entity(rel.object).name, "share": said.share.text,
            "role": said.role or said.basis, "status": said.status,
            "start": str(said.start or ""), "end": str(said.end or ""),
            "quote": _quotes(said.citations), "source": _sources(doc, said.citations),
        })
    return out


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run: one that starts like a formula gets a
    leading apostrophe, as OWASP's CSV-injection advice says (names come from registers and
    articles nobody here controls).

    >>> inert("=1+2"), inert("@SUM(A1)"), inert("Xiaomi"), inert("")
    ("'=1+2", "'@SUM(A1)", 'Xiaomi', '')
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(doc: Document) -> str:
    buffer = io.StringIO()
    # RFC 4180's CRLF rows: the writer then quotes any cell holding a carriage return, which a
    # bare "\n" ending leaves open, splitting a row in two for every reader
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: inert(value) for key, value in row.items()} for row in rows(doc))
    return buffer.getvalue()
