"""Which entity a name means: one entry per entity of the article, matched to a given document.

A later short form joins the full name written earlier ("Lam" is "Alain Lam", "SPDB" is
"Shanghai Pudong Development Bank"), and a headline's short name the full one the body writes
("Rovers", then "Portside Rovers"); a name matches an entity of the document by its name or an
alias, whatever the case and company suffixes ("Xiaomi Corp" is "Xiaomi").

>>> registry = Registry()
>>> alain = registry.add("Alain Lam", 0)
>>> registry.add("Lam", 40) is alain
True
>>> name_key("The Xiaomi Group Ltd."), name_key("XIAOMI")
('xiaomi', 'xiaomi')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.extract import vocab
from model.namekey import name_key

if TYPE_CHECKING:
    from model.document import Document

# How sure a kind is: guessed by default < read from a rule < from the name's words < from the document.
GUESSED, FROM_RULE, FROM_WORDS, FROM_DOCUMENT = 0, 1, 2, 3
_GENERIC = frozenset("bank group china the of and new international holdings company".split())


def person_like(name: str) -> bool:
    """Two or three capitalised words, none a nationality: written like a person's name."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper() and w.isalpha() and w.lower() not in vocab.DEMONYMS for w in words)


def _initials(name: str) -> str:
    words = [word for word in re.split(r"[\s-]+", name) if word and word[0].isupper()]
    return "".join(word[0] for word in words)


@dataclass(eq=False)
class Cluster:
    """One entity of the article: its name, aliases, kind and where it is mentioned."""

    number: int
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    strength: int = GUESSED
    known_id: str | None = None
    first: tuple[int, int] = (0, 0)
    last_seen: int = 0
    mentions: int = 0
    written_at: int = -1  # where its full name (or an alias) was last written, not a short form
    nouns: set[str] = field(default_factory=set)  # what the text called it: "lender", "club"
    person_form: bool = False  # once written like a person's name ("or simply Miguel Hidalgo")
    unnamed: bool = False  # only described ("set up a consumer finance company"): "the company" is another

    def set_kind(self, kind: str, strength: int) -> None:
        if kind and strength > self.strength:
            self.kind, self.strength = kind, strength

    @property
    def looks_like_person(self) -> bool:
        """An unknown name of two or three capitalised words may well be a person's."""
        return self.kind == "person" or (self.kind is None and (self.person_form or person_like(self.name)))


class Registry:
    """The entities of one article, in the order they were first met."""

    def __init__(self, known: Document | None = None) -> None:
        self.clusters: list[Cluster] = []
        self.headline_end = 0  # a headline's short names ("Rovers") give way to the body's full ones
        self._by_key: dict[str, Cluster] = {}
        self._known: dict[str, object] = {}
        if known is not None:
            for entity in known.entities():
                for written in (entity.name, *entity.aliases):
                    self._known.setdefault(name_key(written), entity)

    def known_names(self) -> list[str]:
        """Names and aliases of the given document, to be found in the text as they are written."""
        return [name for name in self._known_written() if len(name) >= 2]

    def _known_written(self):
        seen = set()
        for entity in self._known.values():
            if entity.id not in seen:
                seen.add(entity.id)
                yield entity.name
                yield from entity.aliases

    # --- finding and adding ------------------------------------------------------------------
    def find(self, written: str, sentence_start: int = -1) -> Cluster | None:
        """The entity ``written`` names, by its key, a shorter form or its initials; None if new.

        A shorter form never means a name written in full in the same sentence (from
        ``sentence_start``): "Samsung Electronics, a division of Samsung" names two entities. A
        longer form means a name only the headline wrote ("Rovers", then "Portside Rovers")."""
        key = name_key(written)
        if key in self._by_key:
            return self._by_key[key]
        words = key.split()
        if not words:
            return None
        candidates = []
        for cluster in self.clusters:
            cluster_words = name_key(cluster.name).split()
            if len(words) < len(cluster_words) and _contains(cluster_words, words):
                if cluster.written_at >= sentence_start >= 0:
                    continue
                if len(words) > 1 or words[0] not in _GENERIC:
                    candidates.append(cluster)
            elif written.isupper() and 2 <= len(written) <= 8 and _initials(cluster.name) == written:
                candidates.append(cluster)
            elif (len(words) > len(cluster_words) and _contains(words, cluster_words)
                  and cluster.last_seen < self.headline_end and cluster.kind != "person"):
                candidates.append(cluster)
        return max(candidates, key=lambda cluster: cluster.last_seen) if candidates else None

    def add(self, written: str, start: int, end: int | None = None, aliases=(), kind: str | None = None,
            strength: int = FROM_WORDS, new: bool = False, sentence_start: int = -1,
            described: bool = False) -> Cluster:
        """The entity ``written`` names, added when new; its aliases and kind join it.

        ``described``: the text has no name for it, only words ("a consumer finance company"), so
        it is no referent for "the company" or "it" until a name is written."""
        cluster = None if new else self.find(written, sentence_start)
        if cluster is None:
            cluster = self._known_cluster(written, aliases) or self._new(written, start, end)
        elif len(name_key(written)) > len(name_key(cluster.name)) and cluster.known_id is None:
            self._promote(cluster, written)
        if self._by_key.get(name_key(written)) is cluster:
            cluster.written_at = start
        elif person_like(written):
            cluster.person_form = True
        for alias in aliases:
            if name_key(alias) not in self._by_key:
                self._by_key[name_key(alias)] = cluster
                if alias != cluster.name and alias not in cluster.aliases:
                    cluster.aliases.append(alias)
        if kind:
            cluster.set_kind(kind, strength)
        cluster.unnamed = described and (cluster.mentions == 0 or cluster.unnamed)
        cluster.last_seen = start
        cluster.mentions += 1
        return cluster

    def _promote(self, cluster: Cluster, written: str) -> None:
        """The headline's short name becomes an alias of the full one the body writes."""
        if cluster.name not in cluster.aliases:
            cluster.aliases.append(cluster.name)
        cluster.name = written
        self._by_key[name_key(written)] = cluster

    def _new(self, written: str, start: int, end: int | None) -> Cluster:
        cluster = Cluster(len(self.clusters), written, first=(start, end if end is not None else start))
        self.clusters.append(cluster)
        self._by_key[name_key(written)] = cluster
        return cluster

    def _known_cluster(self, written: str, aliases) -> Cluster | None:
        for form in (written, *aliases):
            entity = self._known.get(name_key(form))
            if entity is None:
                continue
            existing = self._by_key.get(name_key(entity.name))
            cluster = existing or self._new(entity.name, 0, 0)
            cluster.known_id = entity.id
            cluster.set_kind(entity.kind, FROM_DOCUMENT)
            for alias in (*entity.aliases, written):
                self._by_key.setdefault(name_key(alias), cluster)
            if written != entity.name and written not in cluster.aliases:
                cluster.aliases.append(written)
            return cluster
        return None

    # --- references ---------------------------------------------------------------------------
    def described(self, noun: str, before: int) -> Cluster | None:
        """The entity last mentioned before offset ``before`` that the text has called ``noun``."""
        called = [cluster for cluster in self.clusters
                  if noun in cluster.nouns and cluster.last_seen < before]
        return max(called, key=lambda cluster: cluster.last_seen) if called else None

    def latest(
        self, kinds: tuple[str | None, ...], before: int, people: bool | None = None, sentence_start: int = -1
    ) -> Cluster | None:
        """The entity of one of ``kinds`` mentioned last before offset ``before``.

        With ``people`` False a name written like a person's, in an earlier sentence, is the last
        choice, not no choice: "the furniture maker" after "Brandt Möbel" is Brandt Möbel when no other
        company is in sight."""
        best = fallback = None
        for cluster in self.clusters:
            if cluster.kind not in kinds or cluster.last_seen >= before or cluster.unnamed:
                continue
            if people is not None and cluster.kind is None and cluster.looks_like_person != people:
                if people is False and cluster.last_seen < sentence_start and (
                        fallback is None or cluster.last_seen > fallback.last_seen):
                    fallback = cluster
                continue
            if best is None or cluster.last_seen > best.last_seen:
                best = cluster
        return best or fallback


def _contains(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return any(words[i:i + size] == part for i in range(len(words) - size + 1))
