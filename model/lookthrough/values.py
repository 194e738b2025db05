"""The values a look-through answers with: intervals in percent, verdicts, stakes and chains.

They are plain frozen dataclasses, built by :mod:`model.lookthrough.stakes`.
"""

from __future__ import annotations

from dataclasses import dataclass

CERTAINLY_ABOVE = "certainly above"
POSSIBLY_ABOVE = "possibly above"
BELOW = "below"
THRESHOLDS = (10, 25, 50)
DEFAULT_THRESHOLD = 25
# Percentages closer than this count as equal (a threshold of 25 against 24.9999999999).
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Interval:
    """An effective stake in percent, ``low`` to ``high``; ``unknown`` when an undisclosed share
    lies on some chain.

    >>> Interval(29.5, 29.5).text, Interval(10, 40).text, Interval(0, 100, unknown=True).text
    ('29.5%', '10-40%', 'undisclosed')
    """

    low: float
    high: float
    unknown: bool = False

    @property
    def is_exact(self) -> bool:
        return abs(self.high - self.low) <= _TOLERANCE

    @property
    def text(self) -> str:
        """'29.5%', '10-40%', or 'undisclosed' for [0, 100] that comes only from unknowns."""
        return stake_text(self.low, self.high, self.unknown)

    def verdict(self, threshold: float) -> str:
        """'certainly above', 'possibly above' or 'below' a threshold in percent.

        >>> Interval(20, 30).verdict(25), Interval(25, 30).verdict(25), Interval(0, 10).verdict(25)
        ('possibly above', 'certainly above', 'below')
        """
        return verdict_of(self.low, self.high, threshold)


# The two below are Interval.text and Interval.verdict for bare numbers: the look-through's JSON
# writes hundreds of thousands of stakes and need not make an Interval for each.
def stake_text(low: float, high: float, unknown: bool) -> str:
    """:attr:`Interval.text` of ``Interval(low, high, unknown)``."""
    if unknown and low <= _TOLERANCE and high >= 100 - _TOLERANCE:
        return "undisclosed"
    if abs(high - low) <= _TOLERANCE:
        return f"{round(low, 2):g}%"
    return f"{round(low, 2):g}-{round(high, 2):g}%"


def verdict_of(low: float, high: float, threshold: float) -> str:
    """:meth:`Interval.verdict` of an interval from ``low`` to ``high``."""
    if low >= threshold - _TOLERANCE:
        return CERTAINLY_ABOVE
    if high >= threshold - _TOLERANCE:
        return POSSIBLY_ABOVE
    return BELOW


@dataclass(frozen=True)
class EffectiveStake:
    """What ``owner_id`` holds of ``owned_id``, all chains together, with a verdict at a threshold.

    ``is_ultimate`` says the owner is a natural person or a top-level holder; ``is_direct`` that it
    holds a stake of its own in ``owned_id``.
    """

    owner_id: str
    owned_id: str
    interval: Interval
    verdict: str
    is_ultimate: bool
    is_direct: bool

    @property
    def unknown(self) -> bool:
        return self.interval.unknown


@dataclass(frozen=True)
class Path:
    """One chain of stakes from an owner to an entity: relationship ids and their shares.

    ``entity_ids`` runs from the owner to the owned entity, one longer than ``relationship_ids``.
    ``factors[k]`` is the share of ``relationship_ids[k]`` as used (highs tightened);
    ``product`` multiplies them.
    """

    relationship_ids: tuple[str, ...]
    entity_ids: tuple[str, ...]
    factors: tuple[Interval, ...]
    product: Interval


@dataclass(frozen=True)
class Derivation:
    """How an effective stake comes about: its interval and the chains that make it up."""

    owner_id: str
    owned_id: str
    interval: Interval
    paths: tuple[Path, ...]
    truncated: bool
    circular: bool
