"""Checks of a document: errors that make it wrong, warnings worth a look, notes on assertions.

The document itself refuses what can never be stored (a share of 150, a relationship to a missing
entity, an unknown source); the project-file loader reports those with their place. What is left
for these checks is what a document can hold and still be wrong or doubtful.
"""

from __future__ import annotations

import graphlib
from collections import defaultdict
from dataclasses import dataclass

from model import attribute_claims
from model.citations import citations_of, matches
from model.claims import describe as describe_value
from model.claims import part_name, unresolved
from model.document import Document
from model.types import CURRENT, ENDPOINT_KINDS, OWNERSHIP, Entity, Relationship

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One finding: its severity, what is wrong, where (a readable name), and the item's id."""

    severity: str
    what: str
    where: str
    item_id: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.what}: {self.where}"


def describe(doc: Document, item: Entity | Relationship) -> str:
    """A readable name: 'Xiaomi' or 'ownership Xiaomi -> Sichuan Xinwang Bank'."""
    if isinstance(item, Entity):
        return f"{item.kind} {item.name}"
    return f"{item.kind} {doc.entity(item.subject).name} -> {doc.entity(item.object).name}"


def check(doc: Document) -> list[Problem]:
    """Every problem in the document, errors first, in a stable order.

    >>> from model.types import Entity, Relationship
    >>> doc = Document()
    >>> doc.add_entity(Entity("a", "Acme"))
    >>> doc.add_relationship(Relationship("r", "ownership", "a", "a", note="test"))
    >>> [str(p) for p in check(doc) if p.severity == "error"]
    ['error: owns itself: ownership Acme -> Acme']
    """
    problems: list[Problem] = []
    for rel in doc.relationships():
        problems.extend(_relationship_errors(doc, rel))
    problems.extend(_over_100(doc))
    problems.extend(_cycles(doc))
    problems.extend(_citation_problems(doc))
    problems.extend(_disagreements(doc))
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(problems, key=lambda p: order[p.severity])


def _relationship_errors(doc: Document, rel: Relationship) -> list[Problem]:
    found = []
    subject, obj = doc.entity(rel.subject), doc.entity(rel.object)
    subject_kinds, object_kinds = ENDPOINT_KINDS[rel.kind]
    if subject.kind not in subject_kinds or obj.kind not in object_kinds:
        found.append(f"a {rel.kind} cannot run from a {subject.kind} to a {obj.kind}")
    if rel.kind == OWNERSHIP and rel.subject == rel.object:
        found.append("owns itself")
    if rel.start and rel.end and rel.end.value[:len(rel.start.value)] < rel.start.value:
        found.append(f"ends ({rel.end}) before it starts ({rel.start})")
    if not found:  # most relationships: no need to describe them
        return []
    where = describe(doc, rel)
    return [Problem(ERROR, what, where, rel.id) for what in found]


def _over_100(doc: Document) -> list[Problem]:
    least = defaultdict(float)
    for rel in doc.relationships(OWNERSHIP):
        if rel.status == CURRENT and rel.share.disclosed:
            least[rel.object] += rel.share.low
    return [
        Problem(WARNING, f"current stakes add up to at least {total:g}%",
                describe(doc, doc.entity(owned)), owned)
        for owned, total in least.items() if total > 100 + 1e-9
    ]


def _cycles(doc: Document) -> list[Problem]:
    edges = [(r.subject, r.object) for r in doc.relationships(OWNERSHIP) if r.subject != r.object]
    owners: dict[str, set[str]] = {}
    for subject, owned in edges:
        owners.setdefault(owned, set()).add(subject)
    try:  # the standard library says whether there is a cycle at all, without networkx's import time
        graphlib.TopologicalSorter(owners).prepare()
        return []
    except graphlib.CycleError:
        pass
    import networkx as nx

    out = []
    for component in nx.strongly_connected_components(nx.DiGraph(edges)):
        if len(component) > 1:
            names = sorted(doc.entity(e).name for e in component)
            first = min(component)
            out.append(Problem(WARNING, "ownership cycle (legal, but worth a look)",
                               " -> ".join(names), first))
    return out


def _disagreements(doc: Document) -> list[Problem]:
    """A warning for each part of a relationship, and each attribute of an entity, its sources disagree
    on until the user chooses one (:func:`model.claims.unresolved`,
    :func:`model.attribute_claims.unresolved`): 'sources disagree on the share: 29.5% (TechNode), 30%
    (register)'."""
    out = []
    for rel in doc.relationships():
        if not rel.claims:
            continue
        for field, claims in unresolved(rel).items():
            said = ", ".join(
                f"{describe_value(field, claim.value)} ({_titles(doc, claim.sources)})" for claim in claims)
            out.append(Problem(WARNING, f"sources disagree on the {part_name(field)}: {said}",
                               describe(doc, rel), rel.id))
    for entity in doc.entities():
        if not entity.claims:
            continue
        for name, claims in attribute_claims.unresolved(entity).items():
            said = ", ".join(f"{claim.attribute.value} ({_titles(doc, claim.sources)})" for claim in claims)
            out.append(Problem(WARNING, f"sources disagree on the {part_name(name)}: {said}", entity.name,
                               entity.id))
    return out


def _titles(doc: Document, source_ids: tuple[str, ...]) -> str:
    titles = [doc.source(s).title if doc.has_source(s) else s for s in source_ids]
    return ", ".join(titles) or "no source"


def _citation_problems(doc: Document) -> list[Problem]:
    out = []
    items: list[Entity | Relationship] = [*doc.relationships(), *doc.entities()]
    for item in items:
        where = describe(doc, item)
        for _, citation in citations_of(item):
            source = doc.source(citation.source_id)
            if not matches(source, citation):
                out.append(Problem(WARNING, f"quote no longer matches the source: "
                                            f"\u201c{citation.quote}\u201d", where, item.id))
        if not item.citations:
            out.append(_uncited("", item.note, where, item.id))
        if isinstance(item, Entity):
            for name, attribute in item.attributes.items():
                if not attribute.citations:
                    out.append(_uncited(f"{name} ", attribute.note, where, item.id))
    return out


def _uncited(what: str, note: str, where: str, item_id: str) -> Problem:
    if note:
        return Problem(INFO, f"{what}analyst-asserted: {note}", where, item_id)
    return Problem(WARNING, f"{what}uncited: no source supports it", where, item_id)
