"""Dates written in a sentence, with the precision the words support.

"on 24 August 2014" is a day, "in May 2019" a month, "in 2016" a year. Words that end a period
("until 2019") mark the date as an end, not a start. Dates relative to publication ("Thursday",
"last year") are not read: the text alone does not say when it was written.

>>> [(d.value, d.text) for d in find_dates("Founded in 2016, it was sold in May 2019.")]
[('2016', 'in 2016'), ('2019-05', 'in May 2019')]
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from model.extract.vocab import MONTHS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_LEAD = r"(?:(?P<lead>in|on|since|from|by|until|till|to|as of|during|of|early|late|mid|end of|start of)\s+)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_PATTERNS = [
    re.compile(rf"\b{_LEAD}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_LEAD}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_LEAD}{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_LEAD}(?P<iso>{_YEAR}-\d{{2}}-\d{{2}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<lead>in|since|from|by|until|till|as of|during|early|late|mid-?|end of)\s+"
               rf"{_YEAR}\b(?!s)",
               re.IGNORECASE),
    re.compile(rf"(?<=\()(?P<lead>){_YEAR}(?=\))"),
]
_END_WORDS = ("until", "till", "to", "by")


@dataclass(frozen=True)
class FoundDate:
    """A date in the text: absolute [start, end), 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', and its words."""

    start: int
    end: int
    value: str
    text: str
    is_end: bool = False

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


def _value(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("iso"):
        value = groups["iso"]
    else:
        value = groups["year"]
        if groups.get("month"):
            value += f"-{MONTHS[groups['month'].lower()]:02d}"
            if groups.get("day"):
                value += f"-{int(groups['day']):02d}"
    if len(value) == 10:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def find_dates(sentence: str, offset: int = 0) -> list[FoundDate]:
    """Every date in ``sentence`` (first character at ``offset``), most precise reading first, in order."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(start < right and left < end for left, right in taken):
                continue
            value = _value(match)
            if value is None:
                continue
            lead = (match.group("lead") or "").lower()
            taken.append((start, end))
            found.append(FoundDate(start + offset, end + offset, value, match.group(), lead in _END_WORDS))
    return sorted(found, key=lambda date: date.start)
