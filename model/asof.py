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

A document opens on the date of its latest relationship start or end (:func:`default_as_of`), not
on today, so choosing a date first shows the newest state the sources describe.

The timeline lists every dated fact (:func:`dated_facts`): relationship starts and ends, and dated
entity attributes ('founded 2016'), earliest first.
"""

from __future__ import annotations

import calendar
import datetime
import math
from dataclasses import dataclass

from model.document import Document
from model.inforce import first_day, in_force, last_day
from model.types import PLANNED, Citation, Entity, FuzzyDate
from model.wording import relationship_sentence

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


@dataclass(frozen=True)
class DatedFact:
    """One dated fact: the item it belongs to, its date, what happened and the quote behind it."""

    item_id: str
    date: FuzzyDate
    what: str
    quote: str
    role: str  # 'start', 'end' or 'attribute'

    @property
    def span(self) -> tuple[float, float]:
        """The period the date stands for, as fractional years (a day has no width).

        >>> DatedFact("b", FuzzyDate("2016"), "Bank founded", "", "attribute").span
        (2016.0, 2017.0)
        """
        if self.date.precision == "day":
            start = year_fraction(first_day(self.date))
            return start, start
        return year_fraction(first_day(self.date)), year_fraction(last_day(self.date) + datetime.timedelta(1))

    @property
    def when(self) -> str:
        """The date as written: '2016', 'March 2019' or '23 April 2020', with the source's words."""
        day = first_day(self.date)
        month = calendar.month_name[day.month]
        text = {"year": f"{day.year}", "month": f"{month} {day.year}",
                "day": f"{day.day} {month} {day.year}"}[self.date.precision]
        return f"{text} (\u201c{self.date.text}\u201d)" if self.date.text else text

    @property
    def description(self) -> str:
        """The fact and its quote, for the hover text."""
        quote = f"\n\u201c{self.quote}\u201d" if self.quote else "\n(no quote)"
        return f"{self.when}: {self.what}{quote}"


def year_fraction(day: datetime.date) -> float:
    """A day as a fractional year, as the timeline plots it: 1 January 2020 is 2020.0.

    >>> year_fraction(datetime.date(2020, 1, 1)), round(year_fraction(datetime.date(2020, 7, 2)), 3)
    (2020.0, 2020.5)
    """
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def from_year_fraction(value: float) -> datetime.date:
    """The day a fractional year falls in (the inverse of :func:`year_fraction`).

    >>> from_year_fraction(2020.5)
    datetime.date(2020, 7, 2)
    """
    year = min(max(int(math.floor(value)), 1), 9998)
    start = datetime.date(year, 1, 1)
    length = (datetime.date(year + 1, 1, 1) - start).days
    return start + datetime.timedelta(days=min(int((value - year) * length), length - 1))


def dated_facts(doc: Document) -> list[DatedFact]:
    """Every dated fact of a document, earliest first (a fuzzy date by its first day), then by text.

    An attribute's quote is its own first citation, else its entity's; a relationship's is its first.

    >>> from model.types import Attribute, Relationship
    >>> doc = Document()
    >>> founded = Attribute("2016", FuzzyDate("2016"))
    >>> doc.add_entity(Entity("b", "Bank", "bank", attributes={"founded": founded}))
    >>> doc.add_entity(Entity("x", "Xiaomi"))
    >>> doc.add_relationship(Relationship("r", "ownership", "x", "b", end=FuzzyDate("2019-03")))
    >>> [(fact.item_id, fact.when, fact.what) for fact in dated_facts(doc)]
    [('b', '2016', 'Bank founded'), ('r', 'March 2019', 'Ends: Xiaomi owns Bank')]
    """
    facts = []
    for entity in doc.entities():
        for name, attribute in entity.attributes.items():
            if attribute.date is None:
                continue
            value = "" if attribute.value in ("", attribute.date.value) else f": {attribute.value}"
            quote = _first_quote(attribute.citations) or _first_quote(entity.citations)
            facts.append(DatedFact(entity.id, attribute.date, f"{entity.name} {name}{value}", quote,
                                   "attribute"))
    for rel in doc.relationships():
        subject, obj = doc.entity(rel.subject).name, doc.entity(rel.object).name
        what = relationship_sentence(subject, rel.kind, rel.role, obj)
        quote = _first_quote(rel.citations)
        planned = " (planned)" if rel.status == PLANNED else ""
        if rel.start is not None:
            facts.append(DatedFact(rel.id, rel.start, f"Starts{planned}: {what}", quote, "start"))
        if rel.end is not None:
            facts.append(DatedFact(rel.id, rel.end, f"Ends: {what}", quote, "end"))
    return sorted(facts, key=lambda fact: (first_day(fact.date), fact.what))


def _first_quote(citations: tuple[Citation, ...]) -> str:
    return citations[0].quote if citations else ""
