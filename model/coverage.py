"""What of a source the document cites: the cited spans, and the sentences nothing cites yet.

A span is cited by any citation of an item (:func:`model.citations.citations_of`: an entity's or a
relationship's own, and an entity's attributes'). A sentence (:mod:`model.sentences`) is uncited
when no cited span touches it.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from model.checks import describe
from model.citations import citations_of
from model.document import Document
from model.sentences import sentence_spans
from model.types import Entity


@dataclass(frozen=True)
class CitedSpan:
    """Characters [start, end) of a source that an item cites, and what the citation supports."""

    start: int
    end: int
    item_id: str
    fact: str  # the relationship's kind ('ownership'...), or 'entity'
    text: str  # what the fact says: 'ownership Xiaomi -> Bank', 'Bank: founded = 2016'


def cited_spans(doc: Document, source_id: str) -> list[CitedSpan]:
    """Every span of one source that something cites, relationships first.

    >>> from model.citations import cite
    >>> from model.types import Attribute, Source
    >>> doc = Document()
    >>> doc.add_source(Source("s", "t", text="Founded in 2016, the bank grew."))
    >>> founded = Attribute("2016", citations=(cite(doc.source("s"), 0, 15),))
    >>> doc.add_entity(Entity("b", "Bank", "bank", attributes={"founded": founded}))
    >>> [(span.start, span.end, span.text) for span in cited_spans(doc, "s")]
    [(0, 15, 'Bank: founded = 2016')]
    """
    spans = []
    for item in [*doc.relationships(), *doc.entities()]:
        fact = "entity" if isinstance(item, Entity) else item.kind
        for attribute, citation in citations_of(item):
            if citation.source_id != source_id:
                continue
            if attribute:
                text = f"{item.name}: {attribute} = {item.attributes[attribute].value}"
            else:
                text = describe(doc, item)
            spans.append(CitedSpan(citation.start, citation.end, item.id, fact, text))
    return spans


def uncited_sentences(text: str, cited: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` that no cited (start, end) range touches.

    >>> uncited_sentences("Xiaomi owns 29.5%. Zhao left. He stays.", [(0, 6)])
    [(19, 29), (30, 39)]
    """
    ranges = sorted(cited)
    lows = [low for low, _ in ranges]
    reach = list(itertools.accumulate((high for _, high in ranges), max))  # the furthest end so far
    out = []
    for start, end in sentence_spans(text):
        before = bisect.bisect_left(lows, end)  # the ranges starting before the sentence ends
        if not before or reach[before - 1] <= start:
            out.append((start, end))
    return out
