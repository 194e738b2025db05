"""What a rule is, the pieces its patterns are written with, and how a match becomes facts.

A rule is a regular expression over the masked sentence (see :mod:`model.extract.mentions`) with
named groups: ``subj`` and ``obj`` (one entity token or a list "⟦1⟧, ⟦2⟧ and ⟦3⟧"), and where the
wording gives them ``share``, ``role``, ``old`` (a person replaced, so a former holder), ``org`` (who
appoints, the object when no ``obj`` is written), ``newdesc``/``newnoun`` (a unit written without
a name: "set up a consumer finance company"), ``place`` (where a licence was granted), ``subj2`` (a
second subject: a joint venture's partner), ``seller`` (who owned what is bought: "from X"), ``buyer``
(who buys what is sold: "to Y") and ``prev`` (where a person was before: "joined X from Y").

An ownership match that ends with its object reads on: "X's unit, Y, was shut down in 2021" is
dissolved, "..., was sold to Z" passes to Z.
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
    r"founding|honorary|executive|non-executive|independent|managing|chief|first|lead|technology|visiting|"
    r"business|finance|political|sports|financial|news|foreign|editorial)\s+)*" + ROLE_WORD + r")(?![\w-])"
)
_ROLE_FREE = (r"(?:(?!(?:of|at|for|with|in|from|and|or|the|a|an|to|as|by|its|his|her|their|is|was|has|had|"
              r"will|former|who|which)\b)[a-z][\w-]*\s+){0,2}?")
# A title outside the ``role`` group: the first of two titles a rule reads ("A chair X and chief Y").
ROLE_PLAIN = rf"{_ROLE_ONE}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_ROLE_ONE})*"
ROLES = rf"(?P<role>{_ROLE_ONE}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_ROLE_ONE})*)"
# After a determiner a title may carry its own words: "a former product director at Ubisoft".
DESCRIBED_ROLES = rf"(?P<role>{_ROLE_FREE}{_ROLE_ONE}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_ROLE_ONE})*)"
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
# "X, which owns", "X, who will report", and the comma closing an aside: "its founder, X, runs".
# It leaves the space before the verb to the rule ("{REL}\s+{AUX}...").
# A bracket of dates or a note may come first: "Osmund Ueland (born 1947) is ...".
# An appositive may too: "Tianyin Capital, a Chengdu fund, owns 5%" (its closing comma left to REL).
PAREN = r"(?:\s*\([^()]{1,80}\))?"
APPOSITIVE = r"(?:\s*,\s*(?:a|an)\s+[^⟦⟧,;.()]{1,60}?(?=,\s))?"
REL = PAREN + APPOSITIVE + r"(?:\s*,?\s*(?:which|who|that)(?=\s)|\s*,(?=\s))?"
DESC = (r"(?:(?!(?:in|of|a|an|to|from|with|for|by|and|or|its|their|his|her|the|stake|interest|shares?|"
        r"as|at|on|that|which|who|In|Of|The|A|An)\b)[A-Za-z][\w-]*\s+){0,3}")
# Words describing a unit ("cloud unit", "wholly owned subsidiary"), never a verb or a determiner.
UNIT_DESC = (r"(?:(?!(?:is|was|are|were|has|had|have|be|been|a|an|the|of|and|or|as|in|to|by|its|which|"
             r"that)\b)"
             r"(?:[a-z][\w'’-]*|[A-Z][a-z]+)\s+){0,3}?")
# Words that may stand between "by" and a name: "owned by producer Scott Hendricks", "by Polish refiner
# Orlen", "by Mauritius-based X" (a capitalised word left unmasked is no name).
BY_WORDS = (r"(?:(?:the|its|former|then|late)\s+)*(?:(?!(?:and|or|as|in|on|at|with|from|to|by|for)\b)"
            r"(?:[a-z][\w-]*|[A-Z][a-z]+(?:[-‐][a-z]+)?)\s+){0,3}?")
ASIDE = r"(?:\s*,[^,]{0,120}?,)?"
# Years in brackets after a listed name: "at Oxford (2009 - 2014), Harvard (2011) and NYU".
_DATES = r"(?:\s*\((?:\d{4}|\d{4}\s*[-–]\s*\d{4}|\d{4}\s+and\s+\d{4})\))?"
TOKEN = re.compile(r"⟦(\d+)[a-z]\*?⟧")


def one(group: str, kinds: str = ANY) -> str:
    """One entity token of the given kinds, with its 'the', as the named group."""
    return rf"(?:[Tt]he\s+)?(?P<{group}>⟦\d+[{kinds}]\*?⟧)"


def many(group: str, kinds: str = ANY, needs_and: bool = False) -> str:
    """A list of entity tokens ('⟦1⟧, ⟦2⟧, and the ⟦3⟧'); references only first.

    With ``needs_and`` a list must end in 'and ...': at the start of a clause, "Bridgewater, Bohigian
    founded" is an introductory phrase and a subject, not two subjects."""
    item = rf"(?:[A-Z][a-z]+['’]s\s+)?⟦\d+[{kinds}]⟧"
    if needs_and:
        first = rf"⟦\d+[{kinds}]\*?⟧"
        return (rf"(?:[Tt]he\s+)?(?P<{group}>{first}(?:(?:\s*,\s*(?:the\s+)?{item})*\s*,?\s+and\s+"
                rf"(?:the\s+)?{item})?)")
    joined = rf"{_DATES}(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
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
    sale: bool = False  # the subject sells: "to" names the buyer
    implicit_object: bool = False  # no object written: the one other organisation of the sentence


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


# "led by former Goldman Sachs banker Michael Hart": the 'former' is his past employer's, not this post's.
_PAST_EMPLOYER = re.compile(r"(?<=\s)(?:former|ex|then)[\s-]+⟦\d+[a-z]\*?⟧\s+(?:[a-z][\w-]*\s+){0,2}?(?=⟦)")


def _zone(masked: str, match: re.Match) -> str:
    """The words that set a fact's status: the match without asides, and what leads up to it."""
    zone = _PAST_EMPLOYER.sub(" ", _APPOSITIVE.sub(" ", match.group()))
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
    if relation == "position":  # "Japanese Politics", "Flemish Belgian": no person's name starts so
        return subject.kind in ("person", None) and object_.kind != "person" and \
            subject.name.split()[0].lower() not in vocab.DEMONYMS
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


def _implicit_object(context: Context, match: re.Match) -> list[tuple[Cluster, bool]]:
    subjects = {cluster.number for cluster, _ in _clusters(context, match, "subj")}
    others = {mention.cluster.number: mention for mention in context.masked.mentions
              if mention.cluster.number not in subjects and not mention.modifier
              and mention.cluster.kind not in ("person", "authority", "outlet")
              and not (mention.cluster.kind is None and mention.cluster.looks_like_person)}
    if len(others) != 1:
        return []
    (mention,) = others.values()
    return [(mention.cluster, True)]


def _objects(context: Context, match: re.Match, subject_name: str, rule_: Rule) -> list[tuple[Cluster, bool]]:
    objects = _clusters(context, match, "obj") or _clusters(context, match, "org")
    if not objects and rule_.implicit_object:
        return _implicit_object(context, match)
    groups = match.groupdict()
    if not objects and groups.get("newnoun"):
        desc = re.sub(r"\S+ \(([A-Z0-9]+)\)", r"\1", " ".join(groups["newdesc"].split()))
        written = f"{subject_name} {desc} {groups['newnoun']}"
        start = context.masked.original(match.start("newdesc"), False)
        cluster = context.registry.add(written, start, kind="business_unit", new=False, described=True)
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


_TAIL_VERB = (r"^(?:\s*,[^,⟦⟧]{0,80}?(?:⟦\d+[a-z]\*⟧[^,⟦⟧]{0,40})?,)?\s*(?:,\s*)?(?:which\s+)?"
              r"(?P<aux>was|were|has\s+been|had\s+been|have\s+been|is\s+being|will\s+be|is\s+to\s+be|"
              r"would\s+be)\s+(?:later\s+|eventually\s+|subsequently\s+)?")
_TAIL_DISSOLVED = re.compile(_TAIL_VERB + r"(?:shut\s+down|dissolved|closed(?:\s+down)?|liquidated|"
                             r"wound\s+(?:up|down)|disbanded|broken\s+up|folded)\b")
_TAIL_SOLD = re.compile(_TAIL_VERB + r"(?:sold|transferred|spun\s+off)\s+to\s+" + BY_WORDS +
                        r"(?:[Tt]he\s+)?(?P<buyer>⟦\d+[a-z]\*?⟧)")


def _tail(context: Context, match: re.Match) -> tuple[str | None, list, FoundDate | None, int]:
    """What follows an ownership match ending in its object: its end ('dissolved') or its sale, the
    date written right after, and where those words end (the quote takes them in)."""
    if match.groupdict().get("obj") is None or match.end("obj") != match.end():
        return None, [], None, 0
    tail = context.masked.text[match.end():]
    found = _TAIL_DISSOLVED.match(tail) or _TAIL_SOLD.match(tail)
    if not found:
        return None, [], None, 0
    planned = found.group("aux").split()[0] in ("will", "is", "would")
    end = context.masked.original(match.end() + found.end(), True)
    date = next((d for d in context.dates if end <= d.start <= end + 30), None)
    if "buyer" not in found.groupdict():
        return "dissolved", [], date, end
    buyer = context.masked.mention(found.group("buyer"))
    return ("current" if planned else "former"), [(buyer.cluster, buyer.reference, planned)], date, end


def _side_facts(context: Context, match: re.Match, rule_: Rule, status: str, object_: Cluster,
                confidence: float, start: int, end: int, date) -> list[Fact]:
    """The seller of what is bought ("from X"), the buyer of what is sold ("to Y")."""
    facts = []
    for seller, _ in _clusters(context, match, "seller"):
        if _fits("ownership", seller, object_):
            facts.append(Fact("ownership", seller, object_, (None, None), "", "current" if status == "planned"
                              else "former", None, start, end, round(confidence * 0.9, 2), rule_.name,
                              rule_.basis))
    for buyer, _ in _clusters(context, match, "buyer"):
        if _fits("ownership", buyer, object_):
            facts.append(Fact("ownership", buyer, object_, _share(match, rule_), "", status, date, start, end,
                              round(confidence * 0.9, 2), rule_.name, "acquired"))
    return facts


def apply(rule_: Rule, match: re.Match, context: Context) -> list[Fact]:
    """The facts one match of ``rule_`` states; none when the entities do not fit the relation."""
    subjects = _clusters(context, match, "subj") + _clusters(context, match, "subj2")
    if not subjects and rule_.relation == "licence":
        subjects = _licensor(context, match)
    masked = context.masked
    zone = _zone(masked.text, match)
    status = rule_.status or status_of(zone, rule_.relation)
    start, end = masked.original(match.start(), False), masked.original(match.end(), True)
    date = _date(context, match)
    buyers: list = []
    if rule_.relation == "ownership":
        tail_status, buyers, tail_date, tail_end = _tail(context, match)
        if tail_status:
            status, date, end = tail_status, tail_date or date, tail_end
    if rule_.sale:  # the seller holds the stake until a planned sale closes
        buyer_status = "planned" if status == "planned" else "current"
        status = "current" if status == "planned" else "former"
    facts = []
    for subject, subject_ref in subjects:
        relation = rule_.relation
        if rule_.org_subject and subject.kind not in ("person", None):
            relation = rule_.org_subject
        for object_, object_ref in _objects(context, match, subject.name, rule_):
            if not _fits(relation, subject, object_):
                continue
            confidence = rule_.confidence * (0.85 if subject_ref or object_ref else 1.0)
            confidence *= 0.9 if None in (subject.kind, object_.kind) else 1.0
            facts.append(Fact(relation, subject, object_, _share(match, rule_) if relation == "ownership"
                              else (None, None), _role(match, rule_), status, date, start, end,
                              round(confidence, 2), rule_.name, rule_.basis, subject_ref or object_ref))
            _learn_kinds(relation, subject, object_)
            if relation == "ownership":
                facts += _side_facts(context, match, rule_, buyer_status if rule_.sale else status, object_,
                                     confidence, start, end, date)
                for buyer, reference, planned in buyers:
                    if _fits("ownership", buyer, object_):
                        facts.append(Fact("ownership", buyer, object_, (None, None), "", "planned" if planned
                                          else "current", date, start, end, round(confidence * 0.85, 2),
                                          rule_.name, "acquired", reference))
            for prev, _ in _clusters(context, match, "prev"):
                if _fits(relation, subject, prev):
                    facts.append(Fact(relation, subject, prev, (None, None), "", "former", None, start, end,
                                      round(confidence * 0.9, 2), rule_.name))
            for old, _ in _clusters(context, match, "old"):
                if _fits(relation, old, object_):
                    facts.append(Fact(relation, old, object_, (None, None), _role(match, rule_), "former",
                                      date, start, end, round(confidence * 0.9, 2), rule_.name))
    return facts
