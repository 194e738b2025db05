"""Reading Beneficial Ownership Data Standard files (0.2, 0.3, 0.4; JSON array or JSON Lines).

Entities and persons become entities; each relationship's interests become an ownership (from a
shareholding or voting-rights interest, with its exact share or range) and, for a person, positions
(from board, officer and other control interests). Unknown and anonymous parties become entities
named for what is known of them; closed records and ended interests become former relationships.
A statement's source becomes a :class:`Source` whose text is the source's description, cited by the
statement; quotes Stakemap exported come back as the citations they were.

Bad input never raises anything but :class:`LoadError`; what can be read around a fault is read, and
each fault is a warning naming its place.

>>> text = ('[{"statementID": "e", "statementType": "entityStatement", "name": "Acme"},'
...         ' {"statementID": "p", "statementType": "personStatement", "names": [{"fullName": "Ann"}]},'
...         ' {"statementID": "r", "statementType": "ownershipOrControlStatement",'
...         '  "subject": {"describedByEntityStatement": "e"},'
...         '  "interestedParty": {"describedByPersonStatement": "p"},'
...         '  "interests": [{"type": "shareholding", "share": {"minimum": 25, "maximum": 50}}]}]')
>>> doc, warnings = loads(text, "x.json")
>>> [r.label for r in doc.relationships()], warnings
(['25-50%'], [])
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from model import attribute_claims
from model.claims import combine, resolve
from model.document import Document
from model.errors import LoadError, StakemapError
from model.formats.bods import parts
from model.formats.bods.records import Record, Records, parse_statements, records
from model.formats.bods.shape import check_statements
from model.formats.textfile import read_text
from model.types import (
    FORMER,
    OTHER,
    OWNERSHIP,
    PERSON,
    POSITION,
    AttributeClaim,
    Entity,
    Relationship,
    Share,
)


def load(path: str | os.PathLike) -> tuple[Document, list[str]]:
    """Read a BODS file; raise LoadError (never another exception) when it cannot be read."""
    return loads(read_text(path), str(path))


def loads(text: str, path: str = "<text>") -> tuple[Document, list[str]]:
    """A document from BODS text, and warnings (each naming a place) about what was not read."""
    statements = parse_statements(text, path)
    warnings: list[str] = check_statements(statements)
    if len(statements) == 1 and statements[0][0] == "$":
        warnings.append("$: a single statement; BODS packages are arrays of statements")
    try:
        doc = _build(records(statements, warnings), warnings)
    except RecursionError:
        raise LoadError(path, "$", "nested too deeply to be BODS") from None
    except StakemapError as error:  # a fault no check below foresaw: still a message, not a traceback
        raise LoadError(path, "$", str(error)) from None
    if not doc.entities():
        warnings.append("no entity, person or relationship statements were found")
    return doc, [f"{path}: {w}" for w in warnings]


class _Builder:
    """Turns records into a document, one record at a time, collecting warnings."""

    def __init__(self, found: Records, warnings: list[str]) -> None:
        self.found = found
        self.warnings = warnings
        self.doc = Document()
        self.sources = parts.SourceBook(self.doc, found)
        self.claims: dict[str, list[tuple[str, dict[str, str]]]] = {}  # accounts of one relationship

    def build(self) -> Document:
        for record in self.found.records.values():
            if record.kind != "relationship":
                self._add_entity(record)
        for record in self.found.records.values():
            if record.kind == "relationship":
                self._add_relationships(record)
        self._gather_claims()
        return self.doc

    def _gather_claims(self) -> None:
        """Statements Stakemap wrote as several sources' accounts of one relationship become that one
        relationship again, with each account's claims (:func:`model.claims.combine`)."""
        ranks = self.doc.ranks()
        for accounts in self.claims.values():
            present = [(rel_id, chosen) for rel_id, chosen in accounts if self.doc.has_relationship(rel_id)]
            if len(present) < 2:
                continue
            first = self.doc.relationship(present[0][0])
            for rel_id, _ in present[1:]:
                other = self.doc.remove_relationship(rel_id)
                if (other.kind, other.subject, other.object) != (first.kind, first.subject, first.object):
                    self.doc.add_relationship(other)  # not the same fact after all: left as it is
                    continue
                first = combine(first, other, ranks)
            chosen = tuple(present[0][1].items())
            self.doc.update_relationship(resolve(dataclasses.replace(first, chosen=chosen), ranks))

    # --- entities ---------------------------------------------------------------------------
    def _add_entity(self, record: Record) -> None:
        if record.kind == "person":
            name, kind, aliases, note = parts.person_names(record, self.warnings)
        else:
            name, kind, aliases, note = parts.entity_names(record, self.warnings)
        extra = parts.annotations(record, self.sources, self.warnings)
        notes = [n for n in (note, *extra.notes, self.sources.plain_note(record, extra)) if n]
        attributes = {**parts.entity_attributes(record, self.warnings), **extra.attributes}
        citations = tuple(extra.citations) or self.sources.cite_statement(record, self.warnings)
        entity = Entity(record.id, name, kind, tuple(aliases), attributes, citations, "\n".join(notes))
        if extra.attribute_claims:  # what other sources say beside the drawn attributes
            others = [AttributeClaim(n, a, attribute_claims.sources_of_attribute(entity, a))
                      for n, a in extra.attribute_claims]
            entity = dataclasses.replace(entity, claims=attribute_claims.merge_claims(
                attribute_claims.stated(entity), others), chosen=tuple(extra.chosen.items()))
        self._add(entity, record)

    def _add(self, item: Entity | Relationship, record: Record) -> None:
        if self.doc.has_entity(item.id) or self.doc.has_relationship(item.id):
            self.warnings.append(f"{record.where}: the id '{item.id}' is used twice; skipped")
            return
        try:
            if isinstance(item, Entity):
                self.doc.add_entity(item)
            else:
                self.doc.add_relationship(item)
        except StakemapError as error:
            self.warnings.append(f"{record.where}: {error}; skipped")

    def _party(self, record: Record, key: str) -> str:
        """The entity id at one end of a relationship, made up where BODS leaves it unknown."""
        ref, unspecified = parts.reference(record.details.get(key), record.kind)
        if ref is not None:
            ref = self.found.resolve(ref)
            if self.doc.has_entity(ref):
                return ref
            self.warnings.append(f"{record.where}.{parts.details_path(record)}{key}: names no entity or "
                                 f"person in the file ('{ref}'); shown as an unknown party")
            return self._placeholder(f"unknown-{ref}", f"Unknown party ({ref})", OTHER, "")
        reason = parts.unspecified_words(unspecified)
        if unspecified is None:
            self.warnings.append(f"{record.where}.{parts.details_path(record)}{key}: missing or not a "
                                 "record id; shown as an unknown party")
        name = "Unknown owner" if key == "interestedParty" else "Unknown subject"
        return self._placeholder(f"{record.id}-{key}", f"{name}", OTHER, reason)

    def _placeholder(self, wanted_id: str, name: str, kind: str, note: str) -> str:
        if self.doc.has_entity(wanted_id):
            return wanted_id
        entity_id = wanted_id if not self.doc.has_relationship(wanted_id) else self.doc.new_id(wanted_id)
        self.doc.add_entity(Entity(entity_id, name, kind, note=note))
        return entity_id

    # --- relationships ----------------------------------------------------------------------
    def _add_relationships(self, record: Record) -> None:
        owned = self._party(record, "subject")
        party = self._party(record, "interestedParty")
        if self.doc.entity(owned).kind == PERSON:
            self.warnings.append(f"{record.where}: the subject is a person; BODS subjects are entities")
        extra = parts.annotations(record, self.sources, self.warnings)
        citations = tuple(extra.citations) or self.sources.cite_statement(record, self.warnings)
        notes = [n for n in (*extra.notes, self.sources.plain_note(record, extra)) if n]
        person = self.doc.entity(party).kind == PERSON
        for number, fact in enumerate(parts.interest_facts(record, person, self.warnings)):
            status = extra.status or (FORMER if record.status == "closed" or fact.end else "current")
            rel_id = record.id if number == 0 else self.doc.new_id(record.id)
            start = extra.dates.get((fact.index, "startDate"), fact.start)
            end = extra.dates.get((fact.index, "endDate"), fact.end)
            note = "\n".join([*notes, *fact.notes])
            rel = self._relationship(rel_id, fact, party, owned, status, start, end, citations, note,
                                     record)
            if rel is not None:
                self._add(rel, record)
                if extra.claim_of and number == 0:
                    self.claims.setdefault(extra.claim_of, []).append((rel.id, extra.chosen))

    def _relationship(self, rel_id: str, fact: parts.Fact, party: str, owned: str, status: str,
                      start: Any, end: Any, citations: tuple, note: str,
                      record: Record) -> Relationship | None:
        kind = fact.kind
        if kind == POSITION and self.doc.entity(owned).kind == PERSON:
            kind = OWNERSHIP
        try:
            return Relationship(rel_id, kind, party, owned, fact.share if kind == OWNERSHIP else Share(),
                                fact.basis, fact.role, status, start, end, citations, note)
        except StakemapError as error:
            self.warnings.append(f"{record.where}: {error}; skipped")
            return None


def _build(found: Records, warnings: list[str]) -> Document:
    return _Builder(found, warnings).build()

