"""Claims on an entity's attributes: what each source says of its jurisdiction, founding date,
identifiers..., where they disagree, and which value is drawn.

The same scheme as a relationship's claims (:mod:`model.claims`): an entity whose attributes one
source gives keeps them in ``attributes`` and has no claims; when a second source speaks of it
(adding a source, merging two entities) every attribute becomes claims, one per value, gathering the
sources and quotes that state it, and ``attributes`` holds the value drawn: the user's choice, else the
best-ranked source's (:func:`model.claims.ranking`). Values are compared as a reader would (case,
spaces and punctuation aside); dates disagree when neither is inside the other ('2016' and
'2016-03' agree); identifiers never disagree, since sources add schemes to each other, so the drawn
identifiers are all of them.

>>> from model.types import Attribute, Citation, Entity
>>> story = Entity("x", "Xiaomi", citations=(Citation("a", 0, 6, "Xiaomi"),),
...                attributes={"jurisdiction": Attribute("China")})
>>> filing = Entity("x2", "Xiaomi Corp", citations=(Citation("f", 0, 6, "XIAOMI"),),
...                 attributes={"jurisdiction": Attribute("Cayman Islands")})
>>> both = combine(story, filing, {"f": 0, "a": 1})
>>> both.attributes["jurisdiction"].value, sorted(disputes(both))
('Cayman Islands', ['jurisdiction'])
>>> choose(both, "jurisdiction", "China", {"f": 0, "a": 1}).attributes["jurisdiction"].value
'China'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from model.claims import claim_rank
from model.types import Attribute, AttributeClaim, Citation, Entity

IDENTIFIERS = "identifiers"  # sources add identifiers to each other: never a disagreement
_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def value_key(value: str) -> str:
    """The key two values of an attribute share when they say the same ('Cayman Islands' and
    'cayman  islands.' do)."""
    return " ".join(re.sub(r"[^\w\s]", " ", value.casefold()).split())


def sources_of_attribute(entity: Entity, attribute: Attribute) -> tuple[str, ...]:
    """The sources stating an attribute: those its quotes come from, else (an attribute a register
    gives with no quote of its own) those the entity cites."""
    cited = attribute.citations or entity.citations
    return tuple(dict.fromkeys(citation.source_id for citation in cited))


def stated(entity: Entity) -> tuple[AttributeClaim, ...]:
    """The entity's claims: its own, or while it has none, one per attribute from its sources."""
    if entity.claims:
        return entity.claims
    return tuple(AttributeClaim(name, attribute, sources_of_attribute(entity, attribute))
                 for name, attribute in entity.attributes.items())


def merge_claims(*groups: Iterable[AttributeClaim]) -> tuple[AttributeClaim, ...]:
    """One claim per attribute and value, gathering every source and quote that states it; the first
    seen keeps its wording and note (and gains a date where it had none)."""
    merged: dict[tuple[str, str], AttributeClaim] = {}
    for claim in (claim for group in groups for claim in group):
        key = (claim.name, value_key(claim.attribute.value))
        old = merged.get(key)
        if old is None:
            merged[key] = claim
            continue
        was, new = old.attribute, claim.attribute
        citations = was.citations + tuple(c for c in new.citations if c not in was.citations)
        merged[key] = AttributeClaim(claim.name, dataclasses.replace(
            was, citations=citations, date=was.date or new.date),
            tuple(dict.fromkeys(old.sources + claim.sources)))
    return tuple(merged.values())


def conflict(name: str, one: str, other: str) -> bool:
    """Can two values of an attribute not both be true?

    >>> conflict("founded", "2016", "2016-03"), conflict("jurisdiction", "China", "china")
    (False, False)
    >>> conflict("jurisdiction", "China", "Cayman Islands"), conflict("identifiers", "LEI 1", "GB-COH 2")
    (True, False)
    """
    if name == IDENTIFIERS or not one.strip() or not other.strip():
        return False
    if _DATE.match(one) and _DATE.match(other):
        return not (one.startswith(other) or other.startswith(one))
    return value_key(one) != value_key(other)


def disputes(entity: Entity) -> dict[str, tuple[AttributeClaim, ...]]:
    """The attributes whose claims disagree, each with all its claims."""
    by_name: dict[str, list[AttributeClaim]] = {}
    for claim in entity.claims:
        by_name.setdefault(claim.name, []).append(claim)
    return {
        name: tuple(claims) for name, claims in by_name.items()
        if any(conflict(name, a.attribute.value, b.attribute.value)
               for i, a in enumerate(claims) for b in claims[i + 1:])
    }


def unresolved(entity: Entity) -> dict[str, tuple[AttributeClaim, ...]]:
    """The disputes the user has not settled by choosing a claim."""
    chosen = dict(entity.chosen)
    return {name: claims for name, claims in disputes(entity).items() if name not in chosen}


def _all_identifiers(claims: list[AttributeClaim], ranks: dict[str, int]) -> Attribute:
    """Every identifier any source gives, best-ranked source's first, each once."""
    ordered = sorted(claims, key=lambda claim: claim_rank(claim, ranks))
    parts: dict[str, str] = {}
    citations: list[Citation] = []
    for claim in ordered:
        for part in claim.attribute.value.split(";"):
            if part.strip():
                parts.setdefault(value_key(part), part.strip())
        citations += [c for c in claim.attribute.citations if c not in citations]
    return dataclasses.replace(ordered[0].attribute, value="; ".join(parts.values()),
                               citations=tuple(citations))


def resolve(entity: Entity, ranks: dict[str, int]) -> Entity:
    """``entity`` with each claimed attribute set to the value drawn: the user's choice, else the
    best-ranked source's (ties keep the first); identifiers gather every source's."""
    if not entity.claims:
        return entity
    chosen = dict(entity.chosen)
    by_name: dict[str, list[AttributeClaim]] = {}
    for claim in entity.claims:
        by_name.setdefault(claim.name, []).append(claim)
    attributes = dict(entity.attributes)
    for name, claims in by_name.items():
        picked = [c for c in claims
                  if name in chosen and value_key(c.attribute.value) == value_key(chosen[name])]
        if picked:
            attributes[name] = picked[0].attribute
        elif name == IDENTIFIERS:
            attributes[name] = _all_identifiers(claims, ranks)
        else:
            attributes[name] = min(claims, key=lambda claim: claim_rank(claim, ranks)).attribute
    if attributes == entity.attributes:
        return entity
    return dataclasses.replace(entity, attributes=attributes)


def combine(existing: Entity, incoming: Entity, ranks: dict[str, int]) -> Entity:
    """``existing`` with ``incoming``'s attributes as claims beside its own, the drawn values resolved.
    Names, citations and everything else are the caller's to combine; nothing changes where
    ``incoming`` gives no attribute."""
    said = stated(incoming)
    if not said:
        return existing
    claims = merge_claims(stated(existing), said)
    return resolve(dataclasses.replace(existing, claims=claims, chosen=existing.chosen or incoming.chosen),
                   ranks)


def choose(entity: Entity, name: str, value: str, ranks: dict[str, int]) -> Entity:
    """``entity`` with the user's choice of one claim for an attribute ('Use this one')."""
    chosen = tuple((n, v) for n, v in entity.chosen if n != name) + ((name, value),)
    return resolve(dataclasses.replace(entity, chosen=chosen), ranks)


def claim_citations(entity: Entity) -> list[tuple[str, Citation]]:
    """The quotes of claims the drawn attributes do not carry, as (attribute, citation)."""
    drawn = {(name, c) for name, attribute in entity.attributes.items() for c in attribute.citations}
    out: list[tuple[str, Citation]] = []
    for claim in entity.claims:
        for citation in claim.attribute.citations:
            if (claim.name, citation) not in drawn and (claim.name, citation) not in out:
                out.append((claim.name, citation))
    return out
