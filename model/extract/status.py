"""A fact's status from the words around it: current, former, planned or dissolved.

>>> status_of("the former president at"), status_of("will report to"), status_of("shut down its")
('former', 'planned', 'dissolved')
"""

from __future__ import annotations

import re

from model.extract.vocab import DISSOLVED_WORDS, FORMER_WORDS, PLANNED_WORDS


def _words(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(word) for word in words) + r")(?![\w])",
                      re.IGNORECASE)


_DISSOLVED = _words(DISSOLVED_WORDS)
_FORMER = _words(FORMER_WORDS)
_FORMER_PREFIX = re.compile(r"(?<![\w])ex[-‐]|(?<![\w])then[-‐]", re.IGNORECASE)
_PLANNED = _words(PLANNED_WORDS)
# In a position, the past copula or "has served as" without "since" tells of a past post.
_PAST_POST = re.compile(r"\b(?:was|were|served as|has served as|have served as|had been|worked)\b",
                        re.IGNORECASE)
_ONGOING = re.compile(r"\b(?:since|currently|now|still|is|remains)\b", re.IGNORECASE)
# "Berg had led the company since 2011", "who spent a decade at Barclays": a post told as over.
_OVER_POST = re.compile(r"\bhad\s+(?:led|run|headed|chaired|managed|served|worked)\b|\bspent\b",
                        re.IGNORECASE)


def status_of(words: str, relation: str = "ownership") -> str:
    """The status the words give; 'current' when they give none."""
    if _DISSOLVED.search(words):
        return "dissolved"
    if _FORMER.search(words) or _FORMER_PREFIX.search(words):
        return "former"
    if _PLANNED.search(words):
        return "planned"
    if relation in ("position", "reporting") and _PAST_POST.search(words) and not _ONGOING.search(words):
        return "former"
    if relation == "position" and _OVER_POST.search(words):
        return "former"
    return "current"
