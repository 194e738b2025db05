"""The mentions of entities in one sentence, resolved, and the sentence with each one masked.

A mention is a name, an authority named by its country ("Chinese regulators", "the Norwegian
state") or territory ("the state of Hesse"), a pronoun ("its") or a definite description ("the
bank": the entity last called a bank, else the last one of that kind; "the new company" is none), or
a unit of a company ("Xiaomi's fintech branch", "the Swedish unit of Telia"). The
masked sentence writes each as a token ``⟦3p⟧`` (mention number, kind letter: p person, a authority,
o other organisation, q unknown written like a person's name,
u unknown; ``*`` marks a reference) so the rules' patterns read the wording
between the entities, and :class:`Masked` maps positions back to the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from model.extract import vocab
from model.extract.names import Name, find_names
from model.extract.resolve import FROM_RULE, FROM_WORDS, Cluster, Registry

_NOUNS = "|".join(sorted(map(re.escape, vocab.DESCRIPTOR_KINDS), key=len, reverse=True))
_DESCRIPTOR_BEFORE = re.compile(
    rf"(?:^|[\s,(“\"])(?:(?:[a-z][\w-]*|[A-Z][a-z]+-based)\s+){{0,3}}?({_NOUNS})\s+$"
)
_DEFINITE = re.compile(
    rf"\b[Tt]he\s+((?:(?:[a-z][\w-]*|[A-Z]\w+-based)\s+){{0,3}}?)({_NOUNS})(?![\w-])"
    rf"(?!\s+(?:of|in|company|group|firm|bank|unit)\b)"
)
# Nouns any company may be called: they tell no one company from another.
_GENERIC_NOUNS = frozenset({"company", "firm", "group", "business", "unit", "subsidiary", "division"})
_NEW_ENTITY = re.compile(r"\b(?:new|newly|combined|merged|enlarged|resulting|proposed|planned)\b")
_PRONOUN = re.compile(r"\b(?:[Ii]ts?|[Hh]e|[Hh]is|[Ss]he|[Hh]er)\b")
_ADJECTIVES = sorted(
    {word.title() if not word.isupper() else word for word in vocab.DEMONYMS}
    | {place.title() for place in vocab.PLACES if " " not in place or place.startswith("hong")},
    key=len, reverse=True,
)
_AUTHORITY = re.compile(
    r"\b(?P<adj>" + "|".join(map(re.escape, _ADJECTIVES)) + r")(?:['’]s)?\s+"
    r"(?P<noun>(?:[a-z]+\s+){0,2}?(?:regulators?|authorities|watchdogs?|government|central bank|"
    r"banking regulator|financial regulator|securities regulator|ministry of [a-z]+|state))\b(?![-‐])"
)
# "owned by the state of Hesse": a government named by its territory (not "based in the state of Texas").
_TERRITORY = re.compile(
    r"(?<!\bin )(?<!\bof )(?<!\bfrom )\b[Tt]he\s+(?P<written>(?:state|government|province|canton|city|"
    r"municipality|region|county|federal\s+state)\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)"
)
# "X, the English second-tier football club,": what an appositive calls a name.
_DESCRIPTOR_AFTER = re.compile(
    rf"\s*,\s*(?:the|a|an)\s+(?:(?!(?:of|at|in|for|with|to)\b)[\w-]+\s+){{0,4}}?({_NOUNS})"
    r"(?=\s*[,.;]|\s+(?:owned|controlled|backed|based|that|which|with|in|from|for)\b)"
)
# "Hovkapellet is a Swedish orchestra", "Lam is an American businessman": what a sentence says a name is.
_COPULA_KINDS = {**vocab.DESCRIPTOR_KINDS, **vocab.COPULA_KINDS}
_DESCRIPTOR_COPULA = re.compile(
    r"(?:\s*[(（][^()（）]{0,80}[)）])?\s*,?\s+(?:is|was|has\s+been|became)\s+(?:a|an|the|one\s+of\s+the)\s+(?:[\w-]+\s+){0,6}?("
    + "|".join(sorted(map(re.escape, _COPULA_KINDS), key=len, reverse=True)) + r")s?(?![\w-])"
)
# "the Swedish unit of Telia": a unit named by its owner, written after it.
_UNIT_BEFORE = re.compile(
    r"\b[Tt]he\s+(?P<desc>(?:(?:[a-z][\w-]*|[A-Z][a-z]+)\s+){1,3}?)"
    r"(?P<noun>" + "|".join(vocab.UNIT_NOUNS) + r"|business)\s+of\s+$"
)
_UNIT_AFTER = re.compile(
    r"(?P<poss>['’]s)?\s+(?P<desc>(?:(?:[a-z][\w-]*|\([A-Z0-9]+\))\s+){1,3}?)"
    r"(?P<noun>" + "|".join(vocab.UNIT_NOUNS) + r")\b"
    r"(?!\s*,?\s*(?:of\s+|called\s+|named\s+)?(?:the\s+)?[A-Z])"
)
_RELATING = re.compile(
    r"\b(?:units?|subsidiar(?:y|ies)|divisions?|arms?|parent|owned|owns|owner|affiliates?|spun|spin-off|"
    r"part\s+of|stakes?|shareholders?|sister|merged?|merger|brand|joint)\b", re.IGNORECASE)
_REF_KINDS = {
    "company": ("company", None), "bank": ("bank",), "authority": ("authority",), "outlet": ("outlet",),
    "business_unit": ("business_unit",),
}


@dataclass
class Mention:
    """A resolved mention: absolute [start, end), its entity, and whether it is a reference."""

    start: int
    end: int
    cluster: Cluster
    reference: bool = False
    modifier: bool = False  # "SoftBank-owned", "Xiaomi's": describes another entity, is not the subject


@dataclass
class Unit:
    """'Xiaomi's fintech branch': a unit named after its owner, which owns it."""

    owner: Cluster
    unit: Cluster
    start: int
    end: int


@dataclass
class Masked:
    """The sentence with mentions as tokens, and the way back to the text's offsets."""

    text: str
    mentions: list[Mention]
    _starts: list[int] = field(default_factory=list)
    _pieces: list[tuple[int, int, int, int, bool]] = field(default_factory=list)

    def original(self, position: int, is_end: bool) -> int:
        """The text offset of a position in the masked sentence; tokens map to their mention's ends."""
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        if is_end and index > 0 and self._pieces[index][0] == position:
            index -= 1
        masked_start, masked_end, start, end, token = self._pieces[index]
        if token:
            return end if is_end else start
        return start + (position - masked_start)

    def mention(self, token: str) -> Mention:
        return self.mentions[int(re.match(r"⟦(\d+)", token).group(1))]


@dataclass
class State:
    """What the reading remembers from sentence to sentence: the last company and person subjects."""

    subject: Cluster | None = None
    person: Cluster | None = None
    known_pattern: re.Pattern | None = None


def kind_letter(cluster: Cluster) -> str:
    """p person, q unknown but written like a person's name, a authority, o organisation, u unknown."""
    if cluster.kind == "person":
        return "p"
    if cluster.kind == "authority":
        return "a"
    if cluster.kind:
        return "o"
    return "q" if cluster.looks_like_person else "u"


def _known_names(sentence: str, offset: int, state: State) -> list[Name]:
    if state.known_pattern is None:
        return []
    found = state.known_pattern.finditer(sentence)
    return [Name(m.start() + offset, m.end() + offset, m.group()) for m in found]


def _candidates(sentence: str, offset: int, state: State) -> list[tuple[int, int, str, object]]:
    """(start, end, type, detail) of every possible mention; longer and earlier ones win overlaps."""
    found = [(n.start, n.end, "name", n) for n in _known_names(sentence, offset, state)]
    for match in _AUTHORITY.finditer(sentence):
        written = f"{match.group('adj')} {match.group('noun')}"
        found.append((match.start() + offset, match.end() + offset, "authority", written))
    for match in _TERRITORY.finditer(sentence):
        written = match.group("written")
        found.append((match.start("written") + offset, match.end() + offset, "authority", written))
    found += [(n.start, n.end, "name", n) for n in find_names(sentence, offset)]
    for match in _DEFINITE.finditer(sentence):
        if re.match(r"\s+(?:[A-Z]|['’]s\s+[A-Z])", sentence[match.end():]) and not match.group(1):
            continue  # "the company Xiaomi": a descriptor, not a reference
        if _NEW_ENTITY.search(match.group(1)):
            continue  # "the new company", "the combined group": none named before
        found.append((match.start() + offset, match.end() + offset, "definite", match.group(2)))
    for match in _PRONOUN.finditer(sentence):
        found.append((match.start() + offset, match.end() + offset, "pronoun", match.group().lower()))
    chosen: list[tuple[int, int, str, object]] = []
    for candidate in found:  # earlier entries in ``found`` have priority
        if all(candidate[1] <= other[0] or candidate[0] >= other[1] for other in chosen):
            chosen.append(candidate)
    return sorted(chosen)


_ROLE_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:former\s+|then\s+|new\s+)?(?:[a-z-]+\s+){0,2}?(?:"
    + "|".join(re.escape(role) for role in vocab.ROLE_WORDS) + r")\b"
    r"|\s+(?:(?:will|would|also|now|directly)\s+)*(?:reports|report|reported|reporting)\s+to\b",
    re.IGNORECASE,
)


def _person_cue(sentence: str, offset: int, name: Name) -> bool:
    """'Zhao will report to', 'Zhao Weixing, the former president at': words that follow a person."""
    return bool(_ROLE_AFTER.match(sentence, name.end - offset)) or bool(
        re.search(r"\b(?:appointed|hired|named|promoted|poached)\s+$", sentence[: name.start - offset]))


def _resolve_pronoun(word: str, start: int, sentence_mentions: list[Mention], state: State) -> Cluster | None:
    if word in ("it", "its"):
        organisations = [
            m for m in sentence_mentions if m.cluster.kind not in ("person", "authority", "outlet")
        ]
        # A modifier ("SoftBank-owned Arm") and a name written like a person's ("Standard Chartered")
        # are the last choices, but still choices.
        for mention in sorted(organisations, key=lambda m: (m.modifier, m.cluster.kind is None
                                                             and m.cluster.looks_like_person)):
            return mention.cluster
        return state.subject
    for mention in sentence_mentions:
        if mention.cluster.kind == "person":
            return mention.cluster
    return state.person


def _descriptor_nouns(sentence: str, offset: int, start: int, end: int) -> list[str]:
    """What the words around a name call it: "news outlet Caixin", "Rovers, the football club,"."""
    before = _DESCRIPTOR_BEFORE.search(sentence[: start - offset])
    after = _DESCRIPTOR_AFTER.match(sentence, end - offset)
    return [match.group(1) for match in (before, after) if match and match.group(1) not in _GENERIC_NOUNS]


def _unit_after(sentence: str, offset: int, mention: Mention, registry: Registry, word: str):
    match = _UNIT_AFTER.match(sentence, mention.end - offset)
    if not match or (word != "its" and not match.group("poss")) or (word == "its" and match.group("poss")):
        return None
    desc = " ".join(match.group("desc").split())
    desc = re.sub(r"\S+ \(([A-Z0-9]+)\)", r"\1", desc)  # "peer-to-peer (P2P) lending" -> "P2P lending"
    written = f"{mention.cluster.name} {desc} {match.group('noun')}"
    unit = registry.add(written, mention.start, match.end() + offset, kind="business_unit")
    return Unit(mention.cluster, unit, mention.start, match.end() + offset)


def _unit_before(sentence: str, offset: int, mention: Mention, registry: Registry) -> Unit | None:
    match = _UNIT_BEFORE.search(sentence[: mention.start - offset])
    if not match or re.match(r"\s*[-‐–]\s*[A-Z]", sentence[mention.end - offset:]):
        return None  # no unit, or an owner's name that may go on ("Hispano - Suiza")
    desc = " ".join(match.group("desc").split())
    written = f"{mention.cluster.name} {desc} {match.group('noun')}"
    unit = registry.add(written, match.start() + offset, mention.end, kind="business_unit")
    return Unit(mention.cluster, unit, match.start() + offset, mention.end)


def read_mentions(
    sentence: str, offset: int, registry: Registry, state: State
) -> tuple[list[Mention], list[Unit]]:
    """The resolved mentions of one sentence, in order, and the units its possessives name."""
    mentions: list[Mention] = []
    units: list[Unit] = []
    for start, end, sort, detail in _candidates(sentence, offset, state):
        cluster = None
        word = ""
        if sort == "name":
            # "Samsung Electronics, a division of Samsung" names two entities; "Vantage Semiconductor
            # plans ... would give Vantage control" names one: only words of ownership keep them apart.
            related = _RELATING.search(sentence[: start - offset])
            cluster = registry.add(detail.text, start, end, detail.aliases, kind=detail.kind,
                                   sentence_start=offset if related else -1)
            for noun in _descriptor_nouns(sentence, offset, start, end):
                cluster.nouns.add(noun)
                cluster.set_kind(vocab.DESCRIPTOR_KINDS[noun], FROM_WORDS)
            copula = _DESCRIPTOR_COPULA.match(sentence, max(detail.end, detail.alias_end) - offset)
            if copula:
                cluster.set_kind(_COPULA_KINDS[copula.group(1)], FROM_WORDS)
            if detail.title or _person_cue(sentence, offset, detail):
                cluster.set_kind("person", FROM_RULE)
            end = max(end, detail.alias_end)
        elif sort == "authority":
            cluster = registry.add(detail, start, end, kind="authority")
        elif sort == "definite":
            kind = vocab.DESCRIPTOR_KINDS[detail]
            specific = detail not in _GENERIC_NOUNS
            cluster = (registry.described(detail, start) if specific else None) or registry.latest(
                _REF_KINDS[kind], start, people=False if kind == "company" else None, sentence_start=offset)
            if cluster is not None:
                cluster.set_kind(kind, FROM_RULE)
                if specific:
                    cluster.nouns.add(detail)
        else:
            word = detail
            cluster = _resolve_pronoun(detail, start, mentions, state)
        if cluster is None:
            continue
        cluster.last_seen = start
        modifier = bool(re.match(r"[-‐][a-z]|['’]s?\b", sentence[end - offset:]))
        mention = Mention(start, end, cluster, sort in ("definite", "pronoun"), modifier)
        unit = _unit_after(sentence, offset, mention, registry, word) if sort != "authority" else None
        if unit is None and sort == "name":
            unit = _unit_before(sentence, offset, mention, registry)
        if unit is not None:
            units.append(unit)
            mention = Mention(unit.start, unit.end, unit.unit, reference=mention.reference)
        mentions.append(mention)
    for mention in mentions:
        kind = mention.cluster.kind
        if kind == "person" or (kind is None and mention.cluster.looks_like_person):
            state.person = mention.cluster
            break
    for mention in mentions:
        if mention.cluster.kind not in ("person", "authority", "outlet", "business_unit") and not (
            mention.cluster.kind is None and mention.cluster.looks_like_person
        ):
            state.subject = mention.cluster
            break
    return mentions, units


def mask(sentence: str, offset: int, mentions: list[Mention]) -> Masked:
    """The sentence with every mention replaced by its token."""
    parts, starts, pieces = [], [], []
    position, cursor = 0, offset
    for number, mention in enumerate(mentions):
        if mention.start > cursor:
            plain = sentence[cursor - offset: mention.start - offset]
            starts.append(position)
            pieces.append((position, position + len(plain), cursor, mention.start, False))
            parts.append(plain)
            position += len(plain)
        token = f"⟦{number}{kind_letter(mention.cluster)}{'*' if mention.reference else ''}⟧"
        starts.append(position)
        pieces.append((position, position + len(token), mention.start, mention.end, True))
        parts.append(token)
        position += len(token)
        cursor = mention.end
    end = offset + len(sentence)
    starts.append(position)
    pieces.append((position, position + end - cursor, cursor, end, False))
    parts.append(sentence[cursor - offset:])
    return Masked("".join(parts), mentions, starts, pieces)
