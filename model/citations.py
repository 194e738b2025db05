"""Citations: making them from a source's text, finding them again when the text has shifted, and
which citations belong to an item.

An item's citations (:func:`citations_of`) are its own, then those of each of its attributes (and of
the attribute claims sources disagree on, :mod:`model.attribute_claims`); the
details pane lists them, the source pane highlights them and the checks test each one against
its source. The numbered notes of an exported picture (:func:`source_notes`) take only an item's
own citations, since a picture shows the item and not its attributes.
"""

from __future__ import annotations

import dataclasses

from model.document import Document
from model.types import Citation, Entity, Relationship, Source

CONTEXT = 32  # characters of prefix and suffix kept around a quote


def cite(source: Source, start: int, end: int, attributed_to: str = "") -> Citation:
    """A citation of ``source.text[start:end]`` with its surrounding words.

    >>> s = Source("s", "t", text="Xiaomi owns a 29.5% stake.")
    >>> cite(s, 14, 19).quote
    '29.5%'
    """
    if not 0 <= start < end <= len(source.text):
        raise ValueError(f"offsets {start}-{end} lie outside the source's {len(source.text)} characters")
    return Citation(
        source.id, start, end, source.text[start:end],
        source.text[max(0, start - CONTEXT):start], source.text[end:end + CONTEXT], attributed_to,
    )


def cite_quote(source: Source, quote: str, attributed_to: str = "", occurrence: int = 1) -> Citation:
    """A citation of the ``occurrence``-th place the exact words ``quote`` stand in the source."""
    start = -1
    for _ in range(occurrence):
        start = source.text.find(quote, start + 1)
        if start < 0:
            raise ValueError(f"the source does not contain {quote!r} (occurrence {occurrence})")
    return cite(source, start, start + len(quote), attributed_to)


def matches(source: Source, citation: Citation) -> bool:
    """Whether the quote still stands at its offsets in the source text."""
    return source.text[citation.start:citation.end] == citation.quote


def reanchor(source: Source, citation: Citation) -> Citation | None:
    """Find a quote whose offsets no longer match: the place where quote and context agree best.

    Returns the moved citation, or None where the quote is nowhere in the text.
    """
    if matches(source, citation):
        return citation
    best, best_score = None, -1
    start = source.text.find(citation.quote)
    while start >= 0 and citation.quote:
        end = start + len(citation.quote)
        score = _common_suffix(source.text[:start], citation.prefix) + _common_prefix(
            source.text[end:], citation.suffix)
        if score > best_score:
            best, best_score = start, score
        start = source.text.find(citation.quote, start + 1)
    if best is None:
        return None
    return cite(source, best, best + len(citation.quote), citation.attributed_to)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def citations_of(item: Entity | Relationship) -> list[tuple[str, Citation]]:
    """Every citation of an item as (attribute name, citation): its own first, named '', in their
    order (so the i-th is ``item.citations[i]``), then each attribute's.

    >>> from model.types import Attribute
    >>> said = Citation("s", 0, 4, "said")
    >>> bank = Entity("b", "Bank", "bank", attributes={"founded": Attribute("2016", citations=(said,))})
    >>> [(attribute, citation.quote) for attribute, citation in citations_of(bank)]
    [('founded', 'said')]
    """
    cited = [("", citation) for citation in item.citations]
    if isinstance(item, Entity):
        cited += [(name, citation) for name, attribute in item.attributes.items()
                  for citation in attribute.citations]
        if item.claims:
            from model.attribute_claims import claim_citations

            cited += claim_citations(item)
    return cited


def sources_of(item: Entity | Relationship) -> set[str]:
    """The ids of the sources an item cites: its citations, its attributes', and its claims' sources.

    >>> from model.types import Claim
    >>> rel = Relationship("r", "ownership", "x", "b", citations=(Citation("s1", 0, 1, "X"),),
    ...                    claims=(Claim("share", "30", ("s2",)),))
    >>> sorted(sources_of(rel))
    ['s1', 's2']
    """
    found = {citation.source_id for _, citation in citations_of(item)}
    found.update(source for claim in item.claims for source in claim.sources)
    return found


def recite(item: Entity | Relationship, renames: dict[str, str]) -> Entity | Relationship:
    """The item with every citation (its own, its attributes', its claims') and every claim's source
    pointing at the sources' new ids (``renames``: old id -> new id; the rest stay). An item citing none
    of the renamed sources is returned as it is."""
    if not renames or not (set(renames) & sources_of(item)):
        return item

    def cites(citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
        return tuple(dataclasses.replace(c, source_id=renames.get(c.source_id, c.source_id))
                     for c in citations)

    def sources(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(renames.get(s, s) for s in ids)

    if isinstance(item, Relationship):
        return dataclasses.replace(item, citations=cites(item.citations), claims=tuple(
            dataclasses.replace(c, sources=sources(c.sources), citations=cites(c.citations))
            for c in item.claims))

    def attribute(a):
        return dataclasses.replace(a, citations=cites(a.citations))
    return dataclasses.replace(
        item, citations=cites(item.citations),
        attributes={name: attribute(a) for name, a in item.attributes.items()},
        claims=tuple(dataclasses.replace(c, attribute=attribute(c.attribute), sources=sources(c.sources))
                     for c in item.claims))


def source_notes(doc: Document, item_ids: list[str]) -> tuple[list[str], dict[str, list[int]]]:
    """Numbered notes, each cited quote once with its source, and the note numbers of each item.

    An item's own citations count, not its attributes' (a picture does not show attributes).

    >>> doc = Document()
    >>> doc.add_source(Source("s", "Xiaomi hires", "TechNode", "2020-04-24", text="Xiaomi owns 29.5%."))
    >>> doc.add_entity(Entity("x", "Xiaomi", citations=(cite(doc.source("s"), 0, 6),)))
    >>> source_notes(doc, ["x"])
    (['[1] \u201cXiaomi\u201d \u2014 Xiaomi hires, TechNode 2020-04-24'], {'x': [1]})
    """
    numbers: dict[tuple, int] = {}
    notes: list[str] = []
    refs: dict[str, list[int]] = {}
    for item_id in item_ids:
        for citation in doc.item(item_id).citations:
            key = (citation.source_id, citation.start, citation.end)
            if key not in numbers:
                source = doc.source(citation.source_id)
                numbers[key] = len(notes) + 1
                by = f", {citation.attributed_to}" if citation.attributed_to else ""
                notes.append(f"[{numbers[key]}] \u201c{' '.join(citation.quote.split())}\u201d \u2014 "
                             f"{source.title}, {source.publisher} {source.date}{by}".rstrip())
            refs.setdefault(item_id, []).append(numbers[key])
    return notes, refs
