"""Claims: what each source says of a relationship, where sources disagree, and which value is drawn.

A relationship stated by one source keeps its values in its fields and has no claims. When a second
source speaks of it (adding a source, reading an article into the project, merging two entities),
each part (share, basis, role, status, dates) becomes claims: one per value, gathering the sources
and quotes that state it. Two claims of one part **disagree** when they cannot both be true: shares
whose ranges do not meet, another status, another role, dates that are not one inside the other (a
basis is a description, so it never disagrees). The value drawn is the one the user chose, else the
one from the source ranked highest (:func:`ranking`: register above filing above article above
other, newer above older, unless the user set an order). This module is the one home of those rules.

>>> from model.types import Relationship, Share, Citation
>>> said = (Citation("a", 0, 4, "Xiao"),)
>>> old = Relationship("r", "ownership", "x", "b", Share.exact(29.5), citations=said)
>>> new = Relationship("r2", "ownership", "x", "b", Share.exact(30), citations=(Citation("f", 0, 4, "Xi"),))
>>> both = combine(old, new, {"f": 0, "a": 1})
>>> both.share.text, sorted(disputes(both))
('30', ['share'])
>>> choose(both, "share", "29.5", {"f": 0, "a": 1}).share.text
'29.5'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from model.types import (
    CLAIM_FIELDS,
    SOURCE_KINDS,
    AttributeClaim,
    Claim,
    FuzzyDate,
    Relationship,
    Share,
    Source,
)

_KIND_RANK = {kind: rank for rank, kind in enumerate(SOURCE_KINDS)}
_NEVER_DISAGREE = frozenset({"basis"})
_UNRANKED = 1 << 30


# --- values ------------------------------------------------------------------------------
def field_value(rel: Relationship, field: str) -> str:
    """A part of a relationship written as a claim writes it ('' where nothing is said)."""
    if field == "share":
        return rel.share.text
    if field in ("start", "end"):
        date = getattr(rel, field)
        return date.value if date else ""
    return getattr(rel, field)


def with_value(rel: Relationship, field: str, value: str) -> Relationship:
    """``rel`` with one part set from a claim's value (a date keeps its wording where it is the same)."""
    if field_value(rel, field) == value:
        return rel
    if field == "share":
        return dataclasses.replace(rel, share=Share.parse(value))
    if field in ("start", "end"):
        return dataclasses.replace(rel, **{field: FuzzyDate(value) if value else None})
    return dataclasses.replace(rel, **{field: value})


def stated(rel: Relationship) -> tuple[Claim, ...]:
    """The claims of a relationship: its own, or while it has none, those its fields make, stated by
    the sources its citations come from (none for a fact the analyst added uncited)."""
    if rel.claims:
        return rel.claims
    sources = tuple(dict.fromkeys(citation.source_id for citation in rel.citations))
    return tuple(
        Claim(field, value, sources, rel.citations)
        for field in CLAIM_FIELDS
        if (value := field_value(rel, field)) or field == "status"
    )


def merge_claims(*groups: Iterable[Claim]) -> tuple[Claim, ...]:
    """One claim per part and value, gathering every source and quote that states it, first seen first."""
    merged: dict[tuple[str, str], Claim] = {}
    for claim in (claim for group in groups for claim in group):
        key = (claim.field, claim.value)
        if key not in merged:
            merged[key] = claim
            continue
        old = merged[key]
        merged[key] = Claim(claim.field, claim.value, tuple(dict.fromkeys(old.sources + claim.sources)),
                            old.citations + tuple(c for c in claim.citations if c not in old.citations))
    return tuple(merged.values())


# --- disagreement --------------------------------------------------------------------------
def conflict(field: str, one: str, other: str) -> bool:
    """Can two values of one part not both be true?

    >>> conflict("share", "29.5", "30"), conflict("share", "29.5", "25-50")
    (True, False)
    >>> conflict("start", "2019", "2019-05"), conflict("status", "current", "former")
    (False, True)
    """
    if one == other or field in _NEVER_DISAGREE or not one or not other:
        return False
    if field == "share":
        a, b = Share.parse(one), Share.parse(other)
        return a.high < b.low or b.high < a.low
    if field in ("start", "end"):
        return not (one.startswith(other) or other.startswith(one))
    if field == "role":
        return one.casefold() != other.casefold()
    return True


def disputes(rel: Relationship) -> dict[str, tuple[Claim, ...]]:
    """The parts whose claims disagree, each with all its claims."""
    by_field: dict[str, list[Claim]] = {}
    for claim in rel.claims:
        by_field.setdefault(claim.field, []).append(claim)
    return {
        field: tuple(claims) for field, claims in by_field.items()
        if any(conflict(field, a.value, b.value) for i, a in enumerate(claims) for b in claims[i + 1:])
    }


def unresolved(rel: Relationship) -> dict[str, tuple[Claim, ...]]:
    """The disputes the user has not settled by choosing a claim."""
    chosen = dict(rel.chosen)
    return {field: claims for field, claims in disputes(rel).items() if field not in chosen}


def looked_share(rel: Relationship) -> Share:
    """The share the look-through uses: the drawn one, or while sources disagree on it and the user has
    not chosen, the interval spanning every claim ('29.5' and '30' look through as 29.5-30)."""
    if not rel.claims or "share" not in unresolved(rel):
        return rel.share
    shares = [Share.parse(claim.value) for claim in rel.claims if claim.field == "share" and claim.value]
    return Share(min(share.low for share in shares), max(share.high for share in shares))


# --- which value is drawn -------------------------------------------------------------------
def ranking(sources: Iterable[Source], order: Iterable[str] = ()) -> dict[str, int]:
    """Each source's rank, 0 the highest: the user's ``order`` first, then the rest by kind (register,
    filing, article, other) and newer before older.

    >>> from model.types import Source
    >>> ranking([Source("a", "story", date="2020-04-24"), Source("r", "register", kind="register"),
    ...          Source("b", "later story", date="2021-01-02")])
    {'r': 0, 'b': 1, 'a': 2}
    """
    sources = list(sources)
    known = {source.id for source in sources}
    first = [source_id for source_id in dict.fromkeys(order) if source_id in known]
    rest = sorted((s for s in sources if s.id not in first), key=lambda s: s.date, reverse=True)
    rest.sort(key=lambda s: _KIND_RANK[s.kind])  # stable: newer first within a kind
    return {source_id: rank for rank, source_id in enumerate(first + [s.id for s in rest])}


def claim_rank(claim: Claim | AttributeClaim, ranks: dict[str, int]) -> int:
    """A claim's rank: that of the best-ranked source stating it (last for a claim nobody states)."""
    return min((ranks.get(source, _UNRANKED) for source in claim.sources), default=_UNRANKED)


def resolve(rel: Relationship, ranks: dict[str, int]) -> Relationship:
    """``rel`` with each claimed part set to the value drawn: the user's choice, else the best-ranked
    source's (a claim nobody states, an analyst's own value, ranks last; ties keep the first)."""
    chosen = dict(rel.chosen)
    for field in CLAIM_FIELDS:
        claims = [claim for claim in rel.claims if claim.field == field]
        if not claims:
            continue
        values = [claim.value for claim in claims]
        if field in chosen and chosen[field] in values:
            value = chosen[field]
        else:
            value = min(claims, key=lambda claim: claim_rank(claim, ranks)).value
        rel = with_value(rel, field, value)
    return rel


def combine(existing: Relationship, incoming: Relationship, ranks: dict[str, int]) -> Relationship:
    """One relationship saying what both say: ``existing``'s id, ends and note, both sets of claims and
    citations, the drawn values resolved."""
    claims = merge_claims(stated(existing), stated(incoming))
    citations = existing.citations + tuple(c for c in incoming.citations if c not in existing.citations)
    note = existing.note if not incoming.note or incoming.note in existing.note else (
        f"{existing.note}\n{incoming.note}".strip())
    combined = dataclasses.replace(existing, claims=claims, citations=citations, note=note,
                                   chosen=existing.chosen or incoming.chosen)
    return resolve(combined, ranks)


def choose(rel: Relationship, field: str, value: str, ranks: dict[str, int]) -> Relationship:
    """``rel`` with the user's choice of one claim for a part ('Use this one')."""
    chosen = tuple((f, v) for f, v in rel.chosen if f != field) + ((field, value),)
    return resolve(dataclasses.replace(rel, chosen=chosen), ranks)


def as_stated_by(rel: Relationship, source_id: str) -> Relationship:
    """What one source says of a relationship, as a relationship of its own (no claims): its values,
    its quotes. ``source_id`` '' is the analyst's own word (claims no source states)."""
    said = {c.field: c.value for c in rel.claims if (source_id in c.sources if source_id else not c.sources)}
    plain = Relationship(rel.id, rel.kind, rel.subject, rel.object, note=rel.note,
                         citations=tuple(c for c in rel.citations if c.source_id == source_id))
    for part, value in said.items():
        plain = with_value(plain, part, value)
    return plain


def speakers(rel: Relationship, ranks: dict[str, int]) -> list[str]:
    """The sources of a relationship's claims, highest-ranked first ('' last for the analyst's own)."""
    sources = sorted({source for claim in rel.claims for source in claim.sources},
                     key=lambda source: ranks.get(source, _UNRANKED))
    return sources + ([""] if any(not claim.sources for claim in rel.claims) else [])


_PART_NAMES = {"start": "start date", "end": "end date", "founded": "founding date",
               "dissolved": "dissolution date"}


def part_name(part: str) -> str:
    """A claimed part of a line or attribute of an entity as a sentence names it: 'start date'."""
    return _PART_NAMES.get(part, part)


def describe(field: str, value: str) -> str:
    """A claim's value as a person reads it: '30%', 'undisclosed', 'former'."""
    if field == "share":
        return f"{value}%" if value else "undisclosed"
    return value or "not said"


def label_mark(rel: Relationship) -> str:
    """What the canvas adds to a line's label while sources disagree and the user has not chosen: the
    other share values after the drawn one ('30%' becomes '30% \u2260 29.5%'), else a trailing
    ' \u2260' for a dispute on another part. Empty when nothing is in dispute.

    >>> said = (Claim("share", "30", ("f",)), Claim("share", "29.5", ("a",)))
    >>> rel = Relationship("r", "ownership", "x", "b", Share.exact(30), claims=said)
    >>> rel.label, label_mark(rel)
    ('30% \u2260 29.5%', ' \u2260 29.5%')
    """
    open_disputes = unresolved(rel)
    if not open_disputes:
        return ""
    drawn = rel.share.text
    shares = open_disputes.get("share", ())
    others = [claim.value for claim in shares if conflict("share", claim.value, drawn)]
    if others:
        return " \u2260 " + ", ".join(describe("share", value) for value in dict.fromkeys(others))
    return " \u2260"

