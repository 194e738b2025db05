"""An article as a document of its own: its text as the one source, and every fact its reading proposes
that does not contradict another accepted, each cited at its words.

This is what adding an article to a project means, wherever it is added: ``stakemap add`` and the
window's preview both match this document to the project (:mod:`model.matching`).

>>> doc = article_as_document("Xiaomi holds 29.5% of XW Bank.", "A story", publisher="The Wire")
>>> [(e.name, e.kind) for e in doc.entities()]
[('Xiaomi', 'company'), ('XW Bank', 'bank')]
>>> [(r.kind, r.share.text, [c.quote for c in r.citations]) for r in doc.relationships()]
[('ownership', '29.5', ['Xiaomi holds 29.5% of XW Bank'])]
>>> source = doc.sources()[0]
>>> (source.id, source.title, source.publisher, source.kind)
('article-1', 'A story', 'The Wire', 'article')
"""

from __future__ import annotations

from model.document import Document
from model.extract.accept import apply, plan
from model.extract.read import read
from model.types import Source


def article_as_document(text: str, title: str, publisher: str = "", date: str = "", url: str = "",
                        source_id: str = "article-1") -> Document:
    """A document holding the article (a source of kind "article" with ``text`` verbatim and what is
    known of it) and what it states: each proposal of its reading accepted in turn, those that would
    contradict one accepted before it left out. ``source_id`` names the source, so a caller can pick
    one its project does not use yet."""
    doc = Document(title)
    source = Source(source_id, title, publisher, date, url, text)
    doc.add_source(source)
    reading = read(text, doc)
    for proposal in reading.proposals:
        steps = plan(doc, source, proposal, list(reading.entities))
        if not steps.conflict:
            apply(doc, steps)
    return doc
