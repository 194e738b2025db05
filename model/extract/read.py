"""Reading an article: sentence by sentence, mentions resolved, every rule tried, facts settled.

>>> text = "Xiaomi owns a 29.5% stake in Sichuan Xinwang Bank. Zhao will report to Hong Feng."
>>> for p in propose(text):
...     print(p.subject, p.relation, p.object, p.share_min, p.status)
Xiaomi ownership Sichuan Xinwang Bank 29.5 current
Zhao reporting Hong Feng None planned
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from model.extract import licences, ownership, people
from model.extract.dates import find_dates
from model.extract.mentions import State, mask, read_mentions
from model.extract.nesting import nesting_facts
from model.extract.proposal import EntityProposal, Proposal, Reading
from model.extract.resolve import GUESSED, Cluster, Registry
from model.extract.rules import Context, Fact, apply
from model.extract.status import status_of
from model.sentences import sentence_spans

if TYPE_CHECKING:
    from model.document import Document

RULES = [*ownership.RULES, *people.POSITION_RULES, *people.REPORTING_RULES, *licences.RULES]
# A sentence break after these is no break for a fact ("Apple Inc. owns ..."): see the report.
_ABBREVIATION_END = re.compile(r"\b(?:Inc|Co|Corp|Ltd|Mr|Ms|Mrs|Dr|Jr|St|No|U\.S|U\.K|Bros|Plc)\.$")


def passages(text: str) -> list[tuple[int, int]]:
    """The text's sentences, rejoined where a company or title abbreviation ended one."""
    joined: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if joined and _ABBREVIATION_END.search(text[joined[-1][0]:joined[-1][1]]) and \
                "\n" not in text[joined[-1][1]:start]:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _known_pattern(registry: Registry) -> re.Pattern | None:
    names = sorted(set(registry.known_names()), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])", re.IGNORECASE)


def headline_end(text: str, spans: list[tuple[int, int]]) -> int:
    """Where a headline ends: a first line with no full stop, standing alone above the text; else 0.

    >>> headline_end("Rovers sold\\n\\nPortside Rovers was sold.", [(0, 11), (13, 38)])
    11
    """
    if len(spans) < 2:
        return 0
    start, end = spans[0]
    line = text[start:end]
    if line.rstrip()[-1:] in ".!?\"”" or "\n" not in text[end:spans[1][0]] or len(line.split()) > 25:
        return 0
    return end


def _facts(text: str, registry: Registry) -> list[Fact]:
    state = State(known_pattern=_known_pattern(registry))
    facts: list[Fact] = []
    spans = passages(text)
    registry.headline_end = headline_end(text, spans)
    for start, end in spans:
        sentence = text[start:end]
        mentions, units = read_mentions(sentence, start, registry, state)
        dates = find_dates(sentence, start)
        for unit in units:
            facts.append(_unit_fact(text, start, unit, dates))
        if len(mentions) < 2 and not any(m.reference for m in mentions) and not units:
            if not mentions or not re.search(r"licen[cs]e|set up|establish|break up|shut down", sentence):
                continue
        masked = mask(sentence, start, mentions)
        context = Context(registry, masked, dates)
        for rule_ in RULES:
            for match in rule_.pattern.finditer(masked.text):
                facts.extend(apply(rule_, match, context))
    return facts


def _unit_fact(text: str, sentence_start: int, unit, dates) -> Fact:
    """'its fintech branch': the owner owns the unit; the verb just before may say it was shut down."""
    clause = text[sentence_start:unit.start]
    clause = clause[max(clause.rfind(","), clause.rfind(";")) + 1:]
    # Only a verb right before the unit speaks of it ("shut down its unit", not "previously ran the unit").
    verb = re.search(r"(?:\w+\s+)?\w+\s*$", clause)
    status = status_of(verb.group(), "ownership") if verb else "current"
    status = status if status in ("dissolved", "former") and not re.search(
        r"\b(?:previously|formerly|once|ex)\b", verb.group()) else "current"
    date = next((d for d in dates if d.end <= unit.start and unit.start - d.end <= 60), None)
    date = date if status != "current" else None
    return Fact("ownership", unit.owner, unit.unit, (None, None), "", status, date,
                unit.start, unit.end, 0.7, "possessive-unit", "division")


def _share_rank(fact: Fact) -> int:
    """An exact share (the body's "60%") says more than a range (the headline's "majority")."""
    low, high = fact.share
    return 0 if low is None else 2 if low == high else 1


def _better(fact: Fact, other: Fact) -> bool:
    """Which of two readings of one fact to keep: the one with the most precise share, then the surer one."""
    return ((_share_rank(fact), fact.confidence, -(fact.end - fact.start))
            > (_share_rank(other), other.confidence, -(other.end - other.start)))


def _settled(facts: list[Fact]) -> list[Fact]:
    """One fact per relation, ends and status: a stake held now and one planned are two facts."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        key = (fact.relation, fact.subject.number, fact.object.number, fact.status)
        if key not in best or _better(fact, best[key]):
            if key in best and not fact.role:
                fact.role = best[key].role
            best[key] = fact
    return sorted(best.values(), key=lambda fact: (fact.start, fact.end))


def _proposal(text: str, fact: Fact) -> Proposal:
    date = fact.date
    return Proposal(
        subject=fact.subject.name, relation=fact.relation, object=fact.object.name,
        quote=text[fact.start:fact.end], offset=(fact.start, fact.end), rule=fact.rule,
        confidence=fact.confidence, share_min=fact.share[0], share_max=fact.share[1], role=fact.role,
        status=fact.status, start_date=date.value if date and not date.is_end else None,
        end_date=date.value if date and date.is_end else None, date_text=date.text if date else "",
        basis=fact.basis if fact.relation == "ownership" else "",
        subject_kind=fact.subject.kind, object_kind=fact.object.kind,
        subject_id=fact.subject.known_id, object_id=fact.object.known_id,
    )


def _entity(text: str, cluster: Cluster) -> EntityProposal:
    start, end = cluster.first
    confidence = 0.5 if cluster.strength == GUESSED else 0.8
    kind = cluster.kind or ("person" if cluster.looks_like_person else "company")
    return EntityProposal(cluster.name, kind,
                          tuple(cluster.aliases), text[start:end], (start, end), confidence,
                          cluster.mentions, cluster.known_id)


def read(text: str, known: Document | None = None) -> Reading:
    """The entities and facts ``text`` states, matched to the entities of ``known`` where given.

    >>> reading = read("Tencent-backed WeBank, known as XW Bank, grew.")
    >>> [(e.name, e.kind, e.aliases) for e in reading.entities]
    [('Tencent', 'company', ()), ('WeBank', 'bank', ('XW Bank',))]
    """
    registry = Registry(known)
    facts = _facts(text, registry)
    facts = _settled(facts + nesting_facts(text, registry.clusters, facts))
    entities = tuple(_entity(text, cluster) for cluster in registry.clusters if cluster.mentions)
    return Reading(entities, tuple(_proposal(text, fact) for fact in facts))


def propose(text: str, known: Document | None = None) -> list[Proposal]:
    """The ownership, position, reporting and licence facts ``text`` states, in text order."""
    return list(read(text, known).proposals)
