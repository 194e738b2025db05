"""What was there on a day: the as-of rule the canvas filter uses (pure Python).

With a date chosen, hidden are

* every relationship not in force that day (:func:`model.inforce.in_force`: planned
  ones never are, former and dissolved ones need a recorded end, fuzzy dates count as their whole
  period; this is the rule the look-through uses);
* every entity whose existence is dated (an attribute 'founded', 'established', 'incorporated' or
  'born'; 'dissolved', 'closed' or 'died') when the day falls outside it;
* every entity not so dated that has relationships of which none is in force that day.

Entities with no relationships and no dates stay, since nothing says they did not exist; lines to a
hidden entity hide with it. A former position with no end date is never in force at a chosen date
(the source says it ended, not when), so such an entity can drop out of earlier dates too.

A document opens on the date of its latest dated fact (:func:`default_as_of`), not on today, so
choosing a date first shows the newest state the sources describe.
"""

from __future__ import annotations

import datetime

from model.document import Document
from model.inforce import first_day, in_force, last_day
from model.types import Entity

EXISTENCE_STARTS = ("founded", "established", "incorporated", "born")
EXISTENCE_ENDS = ("dissolved", "closed", "died")


def lifetime(entity: Entity) -> tuple[datetime.date | None, datetime.date | None] | None:
    """When the sources say an entity existed (first day, last day), or None when they don't say."""
    starts = [first_day(entity.attributes[name].date) for name in EXISTENCE_STARTS
              if name in entity.attributes and entity.attributes[name].date is not None]
    ends = [last_day(entity.attributes[name].date) for name in EXISTENCE_ENDS
            if name in entity.attributes and entity.attributes[name].date is not None]
    if not starts and not ends:
        return None
    return (min(starts) if starts else None, max(ends) if ends else None)


def hidden_at(doc: Document, day: datetime.date) -> frozenset[str]:
    """The ids the canvas hides on ``day``; see the module docstring for the rule.

    >>> from model.types import Relationship, FuzzyDate
    >>> doc = Document()
    >>> for id_ in ("x", "p2p", "loner"):
    ...     doc.add_entity(Entity(id_, id_))
    >>> doc.add_relationship(Relationship("r", "ownership", "x", "p2p", status="dissolved",
    ...                                   end=FuzzyDate("2019-03")))
    >>> sorted(hidden_at(doc, datetime.date(2018, 6, 1))), sorted(hidden_at(doc, datetime.date(2020, 5, 1)))
    ([], ['p2p', 'r', 'x'])
    """
    hidden: set[str] = set()
    live: set[str] = set()
    for rel in doc.relationships():
        (live if in_force(rel, day) else hidden).add(rel.id)
    for entity in doc.entities():
        lived = lifetime(entity)
        if lived is not None:
            start, end = lived
            if (start is not None and day < start) or (end is not None and day > end):
                hidden.add(entity.id)
            continue
        relationships = doc.relationships_of(entity.id)
        if relationships and not any(rel.id in live for rel in relationships):
            hidden.add(entity.id)
    return frozenset(hidden)


def default_as_of(doc: Document) -> datetime.date | None:
    """The default as-of date of a document: its latest relationship start or end, or None if undated.

    A fuzzy date counts as its first day, as dates are ordered everywhere else (so '2020-04' is
    2020-04-01 and comes before '2020-04-23').

    >>> from model.types import Relationship, FuzzyDate
    >>> doc = Document()
    >>> for id_ in ("x", "bank", "p2p"):
    ...     doc.add_entity(Entity(id_, id_))
    >>> default_as_of(doc) is None
    True
    >>> doc.add_relationship(Relationship("r1", "ownership", "x", "bank", start=FuzzyDate("2016")))
    >>> doc.add_relationship(Relationship("r2", "ownership", "x", "p2p", status="dissolved",
    ...                                   end=FuzzyDate("2019-03")))
    >>> default_as_of(doc)
    datetime.date(2019, 3, 1)
    """
    days = [first_day(date) for rel in doc.relationships() for date in (rel.start, rel.end)
            if date is not None]
    return max(days, default=None)
