"""What a rule is, the pieces its patterns are written with, and how a match becomes facts.

A rule is a regular expression over the masked sentence (see :mod:`model.extract.mentions`) with
named groups: ``subj`` and ``obj`` (one entity token or a list "⟦1⟧, ⟦2⟧ and ⟦3⟧"), and where the
wording gives them ``share``, ``role``, ``old`` (a person replaced, so a former holder), ``org`` (who
appoints, the object when no ``obj`` is written), ``newdesc``/``newnoun`` (a unit written without
a name: "set up a consumer finance company") and ``place`` (where a licence was granted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.extract import vocab
from model.extract.dates import FoundDate
from model.extract.mentions import Masked
from model.extract.resolve import FROM_RULE, Cluster, Registry
from model.extract.shares import SHARE, share_bounds
from model.extract.status import status_of

# Kind letters of the mask tokens each end may carry.
ANY, ORG, PERSON, STRICT_PERSON, AUTHORITY = "poqau", "oauq", "pq", "pq", "au"
POSS = r"(?:['’]s?)"
ROLE_WORD = "(?:" + "|".join(re.escape(role).replace(r"\ ", r"\s+") for role in vocab.ROLE_WORDS) + ")"
_ROLE_ONE = (
    r"(?i:(?:(?:acting|interim|deputy|senior|top|joint|co-|associate|assistant|regional|global|group|"
    r"founding|honorary|executive|non-executive|independent|managing|chief|first|lead|technology|"
    r"business|finance|political|sports|financial|news|foreign|editorial)\s+)*" + ROLE_WORD + r")(?![\w-])"
)
ROLES = rf"(?P<role>{_ROLE_ONE}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_ROLE_ONE})*)"
MOD = (r"(?:(?:former|then|ex|current|outgoing|incoming|new|newly\s+appointed|acting|interim|longtime|"
       r"long-time|previous|erstwhile)[\s-]+)?")
SHARE_GROUP = rf"(?P<share>{SHARE})"
# A determiner, or a possessive pronoun's token ("its" is masked as a reference).
DET = r"(?:(?:a|an|the|their|his|her|its|some)\s+|⟦\d+[a-z]\*⟧\s+)"
ADVERBS = (r"(?:(?:yet|also|previously|formerly|currently|now|later|then|briefly|once|recently|still|already|"
           r"reportedly|directly|indirectly|officially|formally|finally|jointly|ultimately|effectively|"
           r"eventually|quietly|first)\s+)*")
AUX = (rf"{ADVERBS}(?:(?:has|have|had|will|would|could|may|might|shall|is|are|was|were|be|been|being)\s+"
       rf"{ADVERBS})*")
INTENT = (r"(?:(?:agreed|agrees|plans|planned|planning|intends|intended|wants|wanted|set|expected|expects|"
          r"aims|hopes|moved|moves|offered|offers|seeks|sought|decided|decides|looking|looks|poised|tried|"
          r"tries|attempted|yet|needs|continues|continued|due|going)\s+to\s+)?")
REL = r"(?:\s*,?\s*(?:which|who|that)\s+)?"
DESC = (r"(?:(?!(?:in|of|a|an|to|from|with|for|by|and|or|its|their|his|her|the|stake|interest|shares?|"
        r"as|at|on|that|which|who|In|Of|The|A|An)\b)[A-Za-z][\w-]*\s+){0,3}")
# Words describing a unit ("cloud unit", "wholly owned subsidiary"), never a verb or a determiner.
UNIT_DESC = (r"(?:(?!(?:is|was|are|were|has|had|have|be|been|a|an|the|of|and|or|as|in|to|by|its|which|"
             r"that)\b)"
             r"[a-z][\w-]*\s+){0,3}?")
# Words that may stand between "by" and a name: "owned by producer Scott Hendricks".
BY_WORDS = r"(?:(?:the|its|former|then|late)\s+)*(?:(?!(?:and|or|as|in|on|at|with)\b)[a-z][\w-]*\s+){0,3}?"
ASIDE = r"(?:\s*,[^,]{0,120}?,)?"
TOKEN = re.compile(r"⟦(\d+)[a-z]\*?⟧")


def one(group: str, kinds: str = ANY) -> str:
    """One entity token of the given kinds, with its 'the', as the named group."""
    return rf"(?:[Tt]he\s+)?(?P<{group}>⟦\d+[{kinds}]\*?⟧)"


def many(group: str, kinds: str = ANY, needs_and: bool = False) -> str:
    """A list of entity tokens ('⟦1⟧, ⟦2⟧, and the ⟦3⟧'); references only first.

    With ``needs_and`` a list must end in 'and ...': at the start of a clause, "Bridgewater, Bohigian
    founded" is an introductory phrase and a subject, not two subjects."""
    item = rf"⟦\d+[{kinds}]⟧"
    if needs_and:
        first = rf"⟦\d+[{kinds}]\*?⟧"
        return (rf"(?:[Tt]he\s+)?(?P<{group}>{first}(?:(?:\s*,\s*(?:the\s+)?{item})*\s*,?\s+and\s+"
                rf"(?:the\s+)?{item})?)")
    joined = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
    return rf"(?:[Tt]he\s+)?(?P<{group}>⟦\d+[{kinds}]\*?⟧(?:{joined}{item})*)"


@dataclass(frozen=True)
class Rule:
    """A named pattern for one relation; ``status`` forces one, ``share`` is the default bounds,
    ``org_subject`` is the relation to read when an organisation stands where a person should."""

    name: str
    relation: str
    pattern: re.Pattern
    confidence: float
    basis: str = ""
    role: str = ""
    status: str | None = None
    share: tuple[float, float] | None = None
    org_subject: str | None = None


def rule(name, relation, pattern, confidence, **options) -> Rule:
    return Rule(name, relation, re.compile(pattern), confidence, **options)


@dataclass
class Fact:
    """A fact read from one match, between entities of the article (names are settled at the end)."""

    relation: str
    subject: Cluster
    object: Cluster
    share: tuple[float | None, float | None]
    role: str
    status: str
    date: FoundDate | None
    start: int
    end: int
    confidence: float
    rule: str
    basis: str = ""
    referenced: bool = False


@dataclass
class Context:
    """What a rule needs besides its match: the entities, the masked sentence and its dates."""

    registry: Registry
    masked: Masked
    dates: list[FoundDate]


_APPOSITIVE = re.compile(r",\s*(?:the|a|an|who|which|that)\b[^,]*,")


def _zone(masked: str, match: re.Match) -> str:
    """The words that set a fact's status: the match without asides, and what leads up to it."""
    zone = _APPOSITIVE.sub(" ", match.group())
    before = masked[: match.start()]
    if "⟧" not in before:
        zone = before + " " + zone
    return zone


def _date(context: Context, match: re.Match) -> FoundDate | None:
    masked = context.masked
    start, end = masked.original(match.start(), False), masked.original(match.end(), True)
    inside = [date for date in context.dates if start <= date.start and date.end <= end]
    if inside:
        return inside[0]
    if "⟧" not in masked.text[: match.start()]:
        before = [date for date in context.dates if date.end <= start]
        if before:
            return before[-1]
    tail = masked.text[match.end():]
    for date in context.dates:
        if date.start >= end and date.start - end <= 40:
            gap_end = match.end() + (date.start - end)
            clear = "⟦" not in masked.text[match.end(): gap_end]
            if clear and not re.search(r"[,;]", tail[: date.start - end]):
                return date
    return None


def _clusters(context: Context, match: re.Match, group: str) -> list[tuple[Cluster, bool]]:
    text = match.groupdict().get(group)
    if not text:
        return []
    found = []
    for number in TOKEN.findall(text):
        mention = context.masked.mentions[int(number)]
        found.append((mention.cluster, mention.reference))
    return found


def _role(match: re.Match, rule_: Rule) -> str:
    written = match.groupdict().get("role")
    if not written:
        return rule_.role
    written += match.groupdict().get("purpose") or ""
    return re.sub(r"\s*-\s*", "-", " ".join(written.lower().split()))


def _share(match: re.Match, rule_: Rule) -> tuple[float | None, float | None]:
    for group in ("share", "share2", "share3"):
        written = match.groupdict().get(group)
        if written:
            bounds = share_bounds(written)
            if bounds[0] is not None:
                return bounds
    if rule_.share:
        return rule_.share
    if re.search(r"\bcontroll(?:ed|ing)\b|\bcontrols?\b", match.group()):
        return (50.0, 100.0)  # control without a figure is more than half
    return (None, None)


def _fits(relation: str, subject: Cluster, object_: Cluster) -> bool:
    if subject is object_:
        return False
    if relation == "ownership":
        return object_.kind != "person"
    if relation == "position":
        return subject.kind in ("person", None) and object_.kind != "person"
    if relation == "reporting":
        return subject.kind in ("person", None) and object_.kind in ("person", None)
    return subject.kind in ("authority", None) and object_.kind not in ("person", "authority")


def _learn_kinds(relation: str, subject: Cluster, object_: Cluster) -> None:
    if relation in ("position", "reporting"):
        subject.set_kind("person", FROM_RULE)
    if relation == "reporting":
        object_.set_kind("person", FROM_RULE)
    elif relation == "licence":
        subject.set_kind("authority", FROM_RULE)
    if relation != "reporting":
        object_.set_kind("company", FROM_RULE)


def _objects(context: Context, match: re.Match, subject_name: str) -> list[tuple[Cluster, bool]]:
    objects = _clusters(context, match, "obj") or _clusters(context, match, "org")
    groups = match.groupdict()
    if not objects and groups.get("newnoun"):
        desc = re.sub(r"\S+ \(([A-Z0-9]+)\)", r"\1", " ".join(groups["newdesc"].split()))
        written = f"{subject_name} {desc} {groups['newnoun']}"
        start = context.masked.original(match.start("newdesc"), False)
        cluster = context.registry.add(written, start, kind="business_unit", new=False)
        objects = [(cluster, False)]
    return objects


def _licensor(context: Context, match: re.Match) -> list[tuple[Cluster, bool]]:
    """Who granted a licence the text names no grantor for: the place's authority, or the only one."""
    place = (match.groupdict().get("place") or "").strip()
    start = context.masked.original(match.start(), False)
    if place:
        return [(context.registry.add(f"{place} licensing authority", start, kind="authority"), True)]
    authorities = [cluster for cluster in context.registry.clusters if cluster.kind == "authority"]
    return [(authorities[0], True)] if len(authorities) == 1 else []


def apply(rule_: Rule, match: re.Match, context: Context) -> list[Fact]:
    """The facts one match of ``rule_`` states; none when the entities do not fit the relation."""
    subjects = _clusters(context, match, "subj")
    if not subjects and rule_.relation == "licence":
        subjects = _licensor(context, match)
    masked = context.masked
    zone = _zone(masked.text, match)
    status = rule_.status or status_of(zone, rule_.relation)
    start, end = masked.original(match.start(), False), masked.original(match.end(), True)
    date = _date(context, match)
    facts = []
    for subject, subject_ref in subjects:
        relation = rule_.relation
        if rule_.org_subject and subject.kind not in ("person", None):
            relation = rule_.org_subject
        for object_, object_ref in _objects(context, match, subject.name):
            if not _fits(relation, subject, object_):
                continue
            confidence = rule_.confidence * (0.85 if subject_ref or object_ref else 1.0)
            confidence *= 0.9 if None in (subject.kind, object_.kind) else 1.0
            facts.append(Fact(relation, subject, object_, _share(match, rule_) if relation == "ownership"
                              else (None, None), _role(match, rule_), status, date, start, end,
                              round(confidence, 2), rule_.name, rule_.basis, subject_ref or object_ref))
            _learn_kinds(relation, subject, object_)
            for old, _ in _clusters(context, match, "old"):
                if _fits(relation, old, object_):
                    facts.append(Fact(relation, old, object_, (None, None), _role(match, rule_), "former",
                                      date, start, end, round(confidence * 0.9, 2), rule_.name))
    return facts
