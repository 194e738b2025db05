"""Turning accepted proposals into the document's entities, relationships and citations.

:func:`plan` says what accepting one proposal changes, as steps (add an entity, add a relationship,
cite an item), without changing anything; :func:`apply` makes them (the command line calls it, the
window through one undo command). The rules:

* an end the proposal matched to an entity of the document (``subject_id``/``object_id``), or one
  named the same (name or alias, compared as the reader compares names: case, 'the', company
  suffixes), is that entity; otherwise a new entity, cited at its first mention (or, for one the
  words only imply, at the fact's words), of a kind the relationship allows (a position's holder
  is a person, a licence's grantor an authority);
* a relationship of the same kind between the same ends already there gets the quote as one more
  citation, not a second line; if its share or status says otherwise, the conflict is reported with
  both values and, accepted anyway, the article's values join the line as claims beside the
  project's (:mod:`model.claims`; the best-ranked source's are drawn) — a planned one beside a
  current one is a line of its own;
* a new relationship carries the share, role, status and date the words gave, and cites them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.checks import describe
from model.citations import cite
from model.claims import combine
from model.document import Document
from model.errors import InvalidValueError
from model.extract.proposal import EntityProposal, Proposal
from model.extract.resolve import name_key
from model.types import (
    BASIS_WORDS,
    COMPANY,
    ENDPOINT_KINDS,
    ENTITY_KINDS,
    OWNERSHIP,
    PLANNED,
    Citation,
    Entity,
    FuzzyDate,
    Relationship,
    Share,
    Source,
)


@dataclass
class Plan:
    """What accepting a proposal does: entities and a relationship to add, citations to attach
    (item id, citation), or why nothing can be done (``conflict``)."""

    entities: list[Entity] = field(default_factory=list)
    relationship: Relationship | None = None
    citations: list[tuple[str, Citation]] = field(default_factory=list)
    conflict: str = ""
    claims: tuple[Relationship, Relationship] | None = None  # a disputed line: as it is, with the claims

    @property
    def empty(self) -> bool:
        return not (self.entities or self.relationship or self.citations)


def source_with_text(doc: Document, text: str) -> Source | None:
    """The source of ``doc`` whose text this is: reading an article again reuses it, and with it
    what the user rejected from it before."""
    return next((source for source in doc.sources() if source.text == text), None)


def find_entity(doc: Document, name: str, extra: list[Entity] = ()) -> Entity | None:
    """The entity of ``doc`` (or of ``extra``, entities about to be added) called ``name``."""
    wanted = name_key(name)
    for entity in [*extra, *doc.entities()]:
        if wanted in {name_key(entity.name), *(name_key(alias) for alias in entity.aliases)}:
            return entity
    return None


def _end(doc: Document, source: Source, name: str, known_id: str | None, allowed: frozenset,
         entities: dict[str, EntityProposal], plan: Plan, words: tuple[int, int]) -> Entity:
    if known_id and doc.has_entity(known_id):
        return doc.entity(known_id)
    found = find_entity(doc, name, plan.entities)
    if found is not None:
        return found
    proposed = entities.get(name_key(name))
    kind = proposed.kind if proposed and proposed.kind in ENTITY_KINDS else COMPANY
    if kind not in allowed:
        kind = next(iter(allowed)) if len(allowed) == 1 else COMPANY
    aliases = tuple(a for a in (proposed.aliases if proposed else ()) if name_key(a) != name_key(name))
    first = proposed.offset if proposed and proposed.offset[1] > proposed.offset[0] else words
    citations = (cite(source, *first),) if first[1] > first[0] else ()
    entity = Entity(doc.new_id(_slug(name)), name, kind, aliases, citations=citations)
    while any(e.id == entity.id for e in plan.entities):  # two new ones with the same slug
        entity = Entity(entity.id + "-b", name, kind, aliases, citations=citations)
    plan.entities.append(entity)
    return entity


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40].strip("-")
    return slug or "entity"


def _share(proposal: Proposal) -> Share:
    if proposal.relation != OWNERSHIP or proposal.share_min is None or proposal.share_max is None:
        return Share()
    return Share(proposal.share_min, proposal.share_max)


def _date(value: str | None, words: str) -> FuzzyDate | None:
    try:
        return FuzzyDate(value, words) if value else None
    except InvalidValueError:
        return None


def plan(doc: Document, source: Source, proposal: Proposal, entities: list[EntityProposal] = ()
         ) -> Plan:
    """What accepting ``proposal`` (read from ``source``) changes in ``doc``; nothing is changed."""
    out = Plan()
    by_name = {name_key(e.name): e for e in entities}
    for entity in entities:
        for alias in entity.aliases:
            by_name.setdefault(name_key(alias), entity)
    holders, held = ENDPOINT_KINDS[proposal.relation]
    subject = _end(doc, source, proposal.subject, proposal.subject_id, holders, by_name, out, proposal.offset)
    obj = _end(doc, source, proposal.object, proposal.object_id, held, by_name, out, proposal.offset)
    quote = cite(source, *proposal.offset)
    share = _share(proposal)
    ends = (subject.id, obj.id)
    between = [r for r in doc.relationships(proposal.relation) if (r.subject, r.object) == ends]
    same = [r for r in between if r.status == proposal.status] or between
    # a planned change beside what stands today is a fact of its own (a stake to be raised), not a
    # contradiction of it
    if same and not (proposal.status == PLANNED and same[0].status != PLANNED):
        existing = same[0]
        disagree = []
        if share.disclosed and existing.share.disclosed and existing.share != share:
            disagree.append(f"share {existing.share.text}% here, {share.text}% in the article")
        if proposal.status != existing.status:
            disagree.append(f"status {existing.status} here, {proposal.status} in the article")
        if disagree:
            said = Relationship(existing.id, existing.kind, *ends, share, existing.basis, proposal.role,
                                proposal.status, _date(proposal.start_date, proposal.date_text),
                                _date(proposal.end_date, proposal.date_text), (quote,))
            return Plan(conflict=f"{describe(doc, existing)}: " + "; ".join(disagree),
                        claims=(existing, combine(existing, said, doc.ranks())))
        words = (quote.source_id, quote.start, quote.end)
        if not any((c.source_id, c.start, c.end) == words for c in existing.citations):
            out.citations.append((existing.id, quote))  # these words, once
        return out
    basis = proposal.basis if proposal.basis in BASIS_WORDS else ""
    out.relationship = Relationship(
        doc.new_id(f"{proposal.relation}-{_slug(proposal.subject)}"[:60]), proposal.relation,
        subject.id, obj.id, share, basis, proposal.role, proposal.status,
        _date(proposal.start_date, proposal.date_text), _date(proposal.end_date, proposal.date_text),
        (quote,))
    return out


def apply(doc: Document, steps: Plan) -> None:
    """Make the planned changes."""
    for entity in steps.entities:
        doc.add_entity(entity)
    if steps.relationship is not None:
        doc.add_relationship(steps.relationship)
    if steps.claims is not None:
        doc.update_relationship(steps.claims[1])
    for item_id, citation in steps.citations:
        doc.add_citation(item_id, citation)
