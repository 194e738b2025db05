"""Which ownership relationships are in force at a date, and how a fuzzy date compares with a day.

A :class:`~model.types.FuzzyDate` known to a year or a month stands for that whole period:

* a **start** counts from the first day of its period: a start of ``2019`` counts from 2019-01-01,
  ``2019-03`` from 2019-03-01, ``2019-03-15`` from that day;
* an **end** counts through the last day of its period: an end of ``2019`` holds through
  2019-12-31, ``2019-03`` through 2019-03-31, ``2019-03-15`` through that day. The relationship
  was in force at some time in the period it ended in, so the whole period gives it the benefit
  of the doubt.

So a relationship is in force on day ``d`` when ``first_day(start) <= d <= last_day(end)``, a missing
start meaning "since always" and a missing end "still".

Statuses (see :func:`in_force`): ``planned`` never takes part. Without a date (``as_of=None``) only
``current`` relationships take part, whatever dates they carry. With a date, ``current``,
``former`` and ``dissolved`` relationships take part when the date falls between their start and
end; a ``former`` or ``dissolved`` one needs a recorded end, since without one nobody can say it
was still in force on that day.
"""

from __future__ import annotations

import calendar
import datetime
import re
from functools import lru_cache

from model.errors import InvalidValueError
from model.types import CURRENT, DISSOLVED, FORMER, OWNERSHIP, FuzzyDate, Relationship

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_as_of(as_of: str | datetime.date | None) -> datetime.date | None:
    """The day to look at: None, a ``datetime.date`` or a 'YYYY-MM-DD' string.

    >>> parse_as_of("2020-05-01")
    datetime.date(2020, 5, 1)
    >>> parse_as_of(None) is None
    True
    """
    if as_of is None:
        return None
    if isinstance(as_of, datetime.datetime):
        return as_of.date()
    if isinstance(as_of, datetime.date):
        return as_of
    text = str(as_of).strip()
    if _DAY_RE.match(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise InvalidValueError(f"'{as_of}' is not a day: write the date as YYYY-MM-DD")


@lru_cache(maxsize=4096)
def _period(value: str) -> tuple[datetime.date, datetime.date]:
    parts = [int(part) for part in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    day = datetime.date(year, month, parts[2])
    return day, day


def first_day(date: FuzzyDate) -> datetime.date:
    """The first day a fuzzy date may mean.

    >>> first_day(FuzzyDate("2019-03"))
    datetime.date(2019, 3, 1)
    """
    return _period(date.value)[0]


def last_day(date: FuzzyDate) -> datetime.date:
    """The last day a fuzzy date may mean.

    >>> last_day(FuzzyDate("2019-02")), last_day(FuzzyDate("2019"))
    (datetime.date(2019, 2, 28), datetime.date(2019, 12, 31))
    """
    return _period(date.value)[1]


def in_force(relationship: Relationship, as_of: datetime.date | None) -> bool:
    """Whether a relationship takes part in a look-through on ``as_of`` (None: now, by status).

    >>> from model.types import Relationship
    >>> sold = Relationship("r", "ownership", "a", "b", status="dissolved", end=FuzzyDate("2019-03"))
    >>> in_force(sold, datetime.date(2019, 3, 31)), in_force(sold, datetime.date(2019, 4, 1))
    (True, False)
    >>> in_force(sold, None)
    False
    """
    status = relationship.status
    if as_of is None:
        return status == CURRENT
    if status not in (CURRENT, FORMER, DISSOLVED):
        return False
    if status != CURRENT and relationship.end is None:
        return False
    if relationship.start is not None and as_of < first_day(relationship.start):
        return False
    return relationship.end is None or as_of <= last_day(relationship.end)


def ownership_in_force(relationships: list[Relationship], as_of: datetime.date | None) -> list[Relationship]:
    """The ownership relationships among ``relationships`` that are in force on ``as_of``."""
    return [rel for rel in relationships if rel.kind == OWNERSHIP and in_force(rel, as_of)]
