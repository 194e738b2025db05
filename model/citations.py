"""Making citations from a source's text and finding them again when the text has shifted."""

from __future__ import annotations

from model.types import Citation, Source

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
