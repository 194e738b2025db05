"""What share of a company words give: exact ("29.5%"), a range ("majority", "more than 25%"), or none.

>>> share_bounds("a 29.5%"), share_bounds("majority"), share_bounds("more than 25%"), share_bounds("")
((29.5, 29.5), (50.0, 100.0), (25.0, 100.0), (None, None))
"""

from __future__ import annotations

import re

NUMBER = r"\d{1,3}(?:\.\d+)?"
PERCENT = rf"{NUMBER}\s?(?:%|per\s?cent\b|percent\b|pct\b)"
_ABOVE = ("more than", "over", "above", "at least", "upwards of", "in excess of", "just over", "no less than")
_BELOW = ("less than", "under", "below", "up to", "at most", "no more than", "just under")
_NEAR = ("nearly", "almost", "close to")
_WORDS = {
    "wholly": (100.0, 100.0), "fully": (100.0, 100.0), "entirely": (100.0, 100.0), "full": (100.0, 100.0),
    "sole": (100.0, 100.0), "all": (100.0, 100.0), "majority": (50.0, 100.0), "controlling": (50.0, 100.0),
    "minority": (0.0, 50.0), "half": (50.0, 50.0), "a third": (33.3, 33.4), "one-third": (33.3, 33.4),
    "two-thirds": (66.6, 66.7), "a quarter": (25.0, 25.0), "one-quarter": (25.0, 25.0),
    "quarter": (25.0, 25.0), "third": (33.3, 33.4),
}
# The words a share is written in, for the rules' patterns.
SHARE = (
    rf"(?:(?:between\s+{PERCENT}\s+and\s+{PERCENT})|{NUMBER}\s?(?:%|percent)?\s?(?:-|–|to)\s?{PERCENT}"
    rf"|(?:(?:{'|'.join(_ABOVE + _BELOW + _NEAR)}|about|around|roughly|approximately|some|an estimated)\s+)?"
    rf"{PERCENT}"
    r"|majority|controlling|minority|wholly|fully|entirely|full|sole|half|a third|one-third|two-thirds"
    r"|a quarter|one-quarter)"
)


def share_bounds(words: str) -> tuple[float | None, float | None]:
    """(low, high) percent from the words of a share; (None, None) when they give no size."""
    text = " ".join(words.lower().replace("–", "-").split())
    numbers = [float(number) for number in re.findall(NUMBER, text)]
    numbers = [number for number in numbers if number <= 100]
    if len(numbers) >= 2 and re.search(r"between|-|\bto\b", text):
        return (min(numbers[:2]), max(numbers[:2]))
    if numbers:
        value = numbers[0]
        if any(re.search(rf"\b{word}\b", text) for word in _ABOVE):
            return (value, 100.0)
        if any(re.search(rf"\b{word}\b", text) for word in _BELOW):
            return (0.0, value)
        if any(re.search(rf"\b{word}\b", text) for word in _NEAR):
            return (max(0.0, value - 5), value)
        return (value, value)
    for word, bounds in _WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return bounds
    return (None, None)
