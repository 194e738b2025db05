"""Adding a source to a project: which incoming entities are already there, and what the sources
disagree on, shown before anything changes.

An incoming entity **matches** an existing one by identifier first (an LEI anywhere, or the same
scheme and number, as BODS and FollowTheMoney carry them), then by a name or alias that reduces to
the same key (:func:`model.namekey.name_key`: case, accents, punctuation, company suffixes) on exactly
one existing entity of a compatible kind. It is **possibly** the same where the key fits more than one,
where a person's name fits an organisation, or where one name is the other with words added
("Xiaomi" and "Xiaomi Technology"): the user decides. The rest is **new**. A relationship the project
already has (same kind, same ends once matched) gains the incoming claims; where they disagree
(:func:`model.claims.disputes`), the preview lists it.

>>> from model.types import Entity, Relationship, Share, Source, Citation
>>> project, incoming = Document(), Document()
>>> project.add_source(Source("a", "story", text="Xiaomi holds 29.5%"))
>>> incoming.add_source(Source("r", "register", kind="register", text="XIAOMI CORP 30"))
>>> for doc, name, cite in ((project, "Xiaomi", Citation("a", 0, 6, "Xiaomi")),
...                         (incoming, "XIAOMI CORP.", Citation("r", 0, 11, "XIAOMI CORP"))):
...     doc.add_entity(Entity("x", name, citations=(cite,)))
...     doc.add_entity(Entity("b", "XW Bank", "bank"))
>>> project.add_relationship(Relationship("r1", "ownership", "x", "b", Share.exact(29.5)))
>>> incoming.add_relationship(Relationship("r1", "ownership", "x", "b", Share.exact(30),
...                                        citations=(Citation("r", 12, 14, "30"),)))
>>> found = preview(project, incoming)
>>> [(m.incoming, m.existing, m.why) for m in found.matched]
[('x', 'x', "same name: 'XIAOMI CORP.' and 'Xiaomi'"), ('b', 'b', "same name: 'XW Bank'")]
>>> [(d.field, d.claims) for d in found.disagreements]
[('share', (('29.5%', ''), ('30%', 'register')))]
>>> apply(project, incoming, found)
>>> project.relationship("r1").share.text  # a register outranks an uncited value
'30'
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from model import attribute_claims
from model.citations import recite
from model.claims import combine, describe, disputes, part_name
from model.document import Document
from model.namekey import name_key
from model.types import PERSON, Entity

ATTRIBUTE = "attribute"  # a Disagreement's ``relation`` when it is about an entity's attribute
_POSSIBLE_PER_WORD = 200  # names compared through their rarest shared word; a common word is no evidence
_LEI = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")


@dataclass(frozen=True)
class Match:
    """An incoming entity (its id in the incoming document) and the existing one it is, and why."""

    incoming: str
    existing: str
    why: str


@dataclass(frozen=True)
class Disagreement:
    """Sources disagree on one part of one relationship (names, the part, each value and its source), or
    on an attribute of one entity (``relation`` 'attribute', no ``object``, ``field`` the attribute)."""

    subject: str
    relation: str
    object: str
    field: str
    claims: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        """'the share of Xiaomi → XW Bank (ownership): 29.5% (A story); 30% (A filing)', or for an
        attribute 'the founding date of XW Bank: 2016 (A story); 2017 (A filing)'."""
        what = (self.subject if self.relation == ATTRIBUTE
                else f"{self.subject} → {self.object} ({self.relation})")
        said = "; ".join(f"{value} ({source or 'no source'})" for value, source in self.claims)
        return f"the {part_name(self.field)} of {what}: {said}"


@dataclass
class Preview:
    """What adding a source would do; nothing has changed yet."""

    new: list[str] = field(default_factory=list)
    matched: list[Match] = field(default_factory=list)
    possible: list[Match] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    def as_json(self, incoming: Document, project: Document) -> dict:
        """The form ``stakemap add --json`` prints: names, not ids."""
        def pair(match: Match) -> dict:
            return {"incoming": incoming.entity(match.incoming).name,
                    "existing": project.entity(match.existing).name, "why": match.why}
        return {
            "new": [incoming.entity(entity_id).name for entity_id in self.new],
            "matched": [pair(match) for match in self.matched],
            "possible": [pair(match) for match in self.possible],
            "disagreements": [
                {"subject": d.subject, "relation": d.relation, "object": d.object, "field": d.field,
                 "claims": [{"value": value, "source": source} for value, source in d.claims]}
                for d in self.disagreements
            ],
        }


# --- identifiers and names ------------------------------------------------------------------
def identifiers(entity: Entity) -> set[str]:
    """The entity's identifiers as comparable keys: 'LEI:…' for an LEI whatever its scheme's name,
    else 'SCHEME:NUMBER' ('GB-COH 01234567' -> 'GB-COH:01234567').

    >>> from model.types import Attribute
    >>> ids = Attribute("XI-LEI 5493001KJTIIGC8Y1R12; GB-COH 123")
    >>> sorted(identifiers(Entity("x", "X", attributes={"identifiers": ids})))
    ['GB-COH:123', 'LEI:5493001KJTIIGC8Y1R12']
    """
    attribute = entity.attributes.get("identifiers")
    if attribute is None:
        return set()
    keys = set()
    for part in attribute.value.split(";"):
        words = part.split()
        if not words:
            continue
        number = re.sub(r"[^0-9A-Za-z]", "", words[-1]).upper()
        scheme = " ".join(words[:-1]).upper()
        if _LEI.match(number) and ("LEI" in scheme or not scheme):
            keys.add(f"LEI:{number}")
        elif scheme and number:
            keys.add(f"{scheme}:{number}")
    return keys


def _names(entity: Entity) -> list[str]:
    return [entity.name, *entity.aliases]


def _kinds_fit(one: Entity, other: Entity) -> bool:
    return (one.kind == PERSON) == (other.kind == PERSON)


class _Index:
    """The project's entities by identifier, by name key and by each word of a name key."""

    def __init__(self, project: Document) -> None:
        self.by_identifier: dict[str, list[Entity]] = {}
        self.by_key: dict[str, list[Entity]] = {}
        self.by_word: dict[str, list[tuple[str, Entity]]] = {}
        for entity in project.entities():
            for key in identifiers(entity):
                self.by_identifier.setdefault(key, []).append(entity)
            for name in _names(entity):
                key = name_key(name)
                if not key:
                    continue
                owners = self.by_key.setdefault(key, [])
                if entity not in owners:
                    owners.append(entity)
                    for word in set(key.split()):
                        self.by_word.setdefault(word, []).append((key, entity))


def _match_one(entity: Entity, index: _Index) -> tuple[str, Entity | list[Entity] | None, str]:
    """('matched', existing, why), ('possible', [existing...], why) or ('new', None, '')."""
    for key in sorted(identifiers(entity)):
        found = index.by_identifier.get(key, [])
        if len(found) == 1:
            return "matched", found[0], f"same identifier {key.replace(':', ' ', 1)}"
        if found:
            return "possible", found, f"identifier {key.replace(':', ' ', 1)} is on {len(found)} entities"
    for name in _names(entity):
        key = name_key(name)
        found = index.by_key.get(key, []) if key else []
        if len(found) == 1 and _kinds_fit(entity, found[0]):
            existing = found[0]
            written = next((n for n in _names(existing) if name_key(n) == key), existing.name)
            why = f"same name: '{name}'" if written == name else f"same name: '{name}' and '{written}'"
            return "matched", existing, why
        if found:
            return "possible", found, (f"the name '{name}' fits {len(found)} entities" if len(found) > 1
                                       else f"the name '{name}' fits, but one is a person and one is not")
    for name in _names(entity):
        key = name_key(name)
        words = key.split()
        if not words:
            continue
        known = [word for word in words if word in index.by_word]
        if not known:
            continue
        candidates = index.by_word[min(known, key=lambda word: len(index.by_word[word]))]
        if len(candidates) > _POSSIBLE_PER_WORD:
            continue
        wordset = set(words)
        for other_key, existing in candidates:
            other = set(other_key.split())
            if other_key != key and (wordset < other or other < wordset or wordset == other) and _kinds_fit(
                    entity, existing):
                shared = " ".join(word for word in words if word in other)
                return "possible", [existing], f"'{name}' and '{existing.name}' share the words '{shared}'"
    return "new", None, ""


# --- the preview ---------------------------------------------------------------------------
def preview(project: Document, incoming: Document) -> Preview:
    """What adding ``incoming`` to ``project`` would do (nothing changes)."""
    index = _Index(project)
    result = Preview()
    mapping: dict[str, str] = {}
    for entity in incoming.entities():
        verdict, found, why = _match_one(entity, index)
        if verdict == "matched":
            result.matched.append(Match(entity.id, found.id, why))
            mapping[entity.id] = found.id
        elif verdict == "possible":
            result.possible.extend(Match(entity.id, existing.id, why) for existing in found)
            result.new.append(entity.id)  # new unless the user says it is the same
        else:
            result.new.append(entity.id)
    titles = {**{s.id: s.title for s in project.sources()}, **{s.id: s.title for s in incoming.sources()}}
    ranks = _ranks_with(project, incoming)
    said_by = lambda sources: ", ".join(titles.get(s, s) for s in sources)  # noqa: E731
    for match in result.matched:
        existing = project.entity(match.existing)
        before = attribute_claims.disputes(existing)
        after = attribute_claims.disputes(
            attribute_claims.combine(existing, incoming.entity(match.incoming), ranks))
        for name, claims in after.items():
            if before.get(name) != claims:
                result.disagreements.append(Disagreement(existing.name, ATTRIBUTE, "", name, tuple(
                    (c.attribute.value, said_by(c.sources)) for c in claims)))
    existing_lines = {(r.kind, r.subject, r.object): r for r in project.relationships()}
    for rel in incoming.relationships():
        ends = (rel.kind, mapping.get(rel.subject), mapping.get(rel.object))
        existing = existing_lines.get(ends)
        if existing is None:
            continue
        before = disputes(existing)
        after = disputes(combine(existing, rel, ranks))
        for part, claims in after.items():
            if before.get(part) == claims:
                continue
            result.disagreements.append(Disagreement(
                project.entity(existing.subject).name, rel.kind, project.entity(existing.object).name, part,
                tuple((describe(part, c.value), said_by(c.sources)) for c in claims)))
    return result


def _ranks_with(project: Document, incoming: Document) -> dict[str, int]:
    from model.claims import ranking

    return ranking([*project.sources(), *incoming.sources()], project.source_order)


# --- applying it ---------------------------------------------------------------------------
def apply(project: Document, incoming: Document, found: Preview,
          same: frozenset[str] | set[str] = frozenset()) -> None:
    """Add ``incoming`` to ``project`` as ``found`` says; ``same``: incoming ids of possible matches the
    user says are the same entity (the first one listed for it). Only document methods change it."""
    source_ids = {}
    for source in incoming.sources():
        new_id = project.new_id("source") if _taken(project, source.id) else source.id
        source_ids[source.id] = new_id
        project.add_source(dataclasses.replace(source, id=new_id))

    mapping = {match.incoming: match.existing for match in found.matched}
    for match in found.possible:
        if match.incoming in same and match.incoming not in mapping:
            mapping[match.incoming] = match.existing
    ranks = project.ranks()
    for entity in incoming.entities():
        entity = recite(entity, source_ids)
        if entity.id in mapping:
            existing = project.entity(mapping[entity.id])
            names = [n for n in dict.fromkeys([*existing.aliases, *_names(entity)]) if n != existing.name]
            project.update_entity(dataclasses.replace(
                attribute_claims.combine(existing, entity, ranks), aliases=tuple(names),
                citations=existing.citations + tuple(c for c in entity.citations
                                                     if c not in existing.citations)))
        else:
            new_id = project.new_id("entity") if _taken(project, entity.id) else entity.id
            mapping[entity.id] = new_id
            project.add_entity(dataclasses.replace(entity, id=new_id, merged_from=()))
    lines = {(r.kind, r.subject, r.object): r for r in project.relationships()}
    for rel in incoming.relationships():
        moved = dataclasses.replace(recite(rel, source_ids), subject=mapping[rel.subject],
                                    object=mapping[rel.object])
        key = (moved.kind, moved.subject, moved.object)
        if key in lines:
            lines[key] = combine(lines[key], moved, ranks)
            project.update_relationship(lines[key])
        else:
            if _taken(project, moved.id):
                moved = dataclasses.replace(moved, id=project.new_id("rel"))
            project.add_relationship(moved)
            lines[key] = moved


def _taken(project: Document, item_id: str) -> bool:
    return project.has_entity(item_id) or project.has_relationship(item_id) or project.has_source(item_id)
