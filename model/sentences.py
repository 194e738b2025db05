"""What a sentence of a source is: the one rule the source pane and the details pane share.

A sentence ends after '.', '!' or '?' followed by white space, at a blank line, and at a line break
unless the text was merely wrapped there: the next line goes on in lower case, the line ends in a
comma or dash, or it is a long line (over 50 characters, not a heading) stopping without a full stop
before a line that is not a list item. Leading and trailing white space and list bullets ('•') are
not part of it, and a stretch holding nothing else is no sentence. Abbreviations are not recognised:
'Xiaomi Inc. owns' is two sentences.

>>> text = "Xiaomi owns 29.5%. Zhao will report to Hong Feng!\\n  • Founded in 2016."
>>> [text[start:end] for start, end in sentence_spans(text)]
['Xiaomi owns 29.5%.', 'Zhao will report to Hong Feng!', 'Founded in 2016.']
>>> wrapped = "Headline\\nZhao Weixing, the former president of the bank in Chengdu, and\\nHong Feng met."
>>> [wrapped[start:end] for start, end in sentence_spans(wrapped)][1]
'Zhao Weixing, the former president of the bank in Chengdu, and\\nHong Feng met.'
"""

from __future__ import annotations

import bisect
import re

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
BULLETS = "\u2022"
_LIST_ITEM = re.compile(r"[ \t]*(?:[\u2022*\-–]|\d+[.)])\s")
_WRAPPED_LINE = 50  # a line this long that stops without a full stop was wrapped, not a heading


def _wrapped_here(text: str, match: re.Match) -> bool:
    """Is this single line break only where the text was wrapped (no sentence ends)?"""
    before = text[match.start() - 1] if match.start() else "."
    if match.group().count("\n") != 1 or before in ".!?":
        return False
    after = text[match.end(): match.end() + 1]
    if not after or _LIST_ITEM.match(text, match.end()):
        return False
    if after.islower() or before in ",;-–(":
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    return match.start() - line_start > _WRAPPED_LINE


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in BULLETS):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, in order; see the module docstring for the rule.

    >>> sentence_spans("One. Two?  Three")
    [(0, 4), (5, 9), (11, 16)]
    """
    spans, start = [], 0
    for match in [*SENTENCE_END.finditer(text), None]:
        if match and _wrapped_here(text, match):
            continue
        end = match.start() if match else len(text)
        first, last = _trimmed(text, start, end)
        if last > first:
            spans.append((first, last))
        if match:
            start = match.end()
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The words of the sentences holding ``text[start:end]``: (before, quote, after).

    ``before`` runs from the start of the sentence the quote starts in, ``after`` to the end of
    the sentence it ends in; a quote reaching into the space between sentences takes none.

    >>> text = "Why it matters: growth. Xiaomi owns a 29.5% stake in the bank. More later."
    >>> sentence_around(text, 38, 43)
    ('Xiaomi owns a ', '29.5%', ' stake in the bank.')
    """
    spans = sentence_spans(text)
    starts = [first for first, _ in spans]
    left, right = start, end
    here = bisect.bisect_right(starts, start) - 1
    if here >= 0 and start < spans[here][1]:
        left = spans[here][0]
    there = bisect.bisect_left(starts, end) - 1  # the last sentence starting before ``end``
    if there >= 0 and end <= spans[there][1]:
        right = spans[there][1]
    return text[left:start], text[start:end], text[end:right]
