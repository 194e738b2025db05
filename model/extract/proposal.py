"""What the reader proposes: entities with their kind and aliases, and facts tied to their words.

Both are plain frozen dataclasses with a ``to_dict`` for JSON; offsets are Python string indices
(Unicode code points), so ``text[start:end] == quote`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Proposal:
    """A fact the text states: ``subject`` --relation--> ``object``.

    ``share_min``/``share_max`` are percent (equal when exact, both None when undisclosed or not an
    ownership); ``start_date`` is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as precise as the words,
    ``date_text`` those words; ``subject_id``/``object_id`` are ids in the given document, if matched.
    """

    subject: str
    relation: str
    object: str
    quote: str
    offset: tuple[int, int]
    rule: str
    confidence: float
    share_min: float | None = None
    share_max: float | None = None
    role: str = ""
    status: str = "current"
    start_date: str | None = None
    end_date: str | None = None
    date_text: str = ""
    basis: str = ""
    subject_kind: str | None = None
    object_kind: str | None = None
    subject_id: str | None = None
    object_id: str | None = None

    @property
    def key(self) -> str:
        """What a source remembers of a proposal the user rejected: the fact and where its words stand.

        >>> Proposal("Xiaomi", "ownership", "XW Bank", "owns", (0, 4), "r", 0.9).key
        'ownership|Xiaomi|XW Bank|0-4'
        """
        return f"{self.relation}|{self.subject}|{self.object}|{self.offset[0]}-{self.offset[1]}"

    def to_dict(self) -> dict:
        """The proposal as JSON-ready values.

        >>> Proposal("Xiaomi", "ownership", "XW Bank", "owns", (0, 4), "r", 0.9).to_dict()["offset"]
        [0, 4]
        """
        return {
            "subject": self.subject, "relation": self.relation, "object": self.object,
            "share_min": self.share_min, "share_max": self.share_max, "role": self.role,
            "status": self.status, "start_date": self.start_date, "end_date": self.end_date,
            "date_text": self.date_text, "basis": self.basis, "quote": self.quote,
            "offset": [self.offset[0], self.offset[1]], "confidence": self.confidence, "rule": self.rule,
            "subject_kind": self.subject_kind, "object_kind": self.object_kind,
            "subject_id": self.subject_id, "object_id": self.object_id,
        }


@dataclass(frozen=True)
class EntityProposal:
    """An entity the text names: its fullest name, kind, aliases, first mention and document id."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    quote: str
    offset: tuple[int, int]
    confidence: float
    mentions: int = 1
    known_id: str | None = None

    def to_dict(self) -> dict:
        return {
            "name": self.name, "kind": self.kind, "aliases": list(self.aliases), "quote": self.quote,
            "offset": [self.offset[0], self.offset[1]], "confidence": self.confidence,
            "mentions": self.mentions, "known_id": self.known_id,
        }


@dataclass(frozen=True)
class Reading:
    """Everything read from one text: the entities and the facts."""

    entities: tuple[EntityProposal, ...]
    proposals: tuple[Proposal, ...]

    def to_dict(self) -> dict:
        return {
            "entities": [entity.to_dict() for entity in self.entities],
            "proposals": [proposal.to_dict() for proposal in self.proposals],
        }
