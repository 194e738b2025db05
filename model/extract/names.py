"""A small chunker for capitalised names, the kind a name's own words give, and the aliases beside it.

A name is a run of capitalised words ("Sichuan Xinwang Bank"), which may hold a joining word
("Bank of Hangzhou", "Procter & Gamble"). Titles in front are split off ("Chairman Lei Jun" is the
name "Lei Jun" with the title "chairman"), places are left out, and an alias written beside a
name ("Xiaomi (小米集团)", "known as XW Bank", "formerly Insight Fintech") joins that name.

>>> [(n.text, n.aliases) for n in find_names("Xiaomi (小米集团) owns a stake in Sichuan Xinwang Bank.")]
[('Xiaomi', ('小米集团',)), ('Sichuan Xinwang Bank', ())]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.extract import vocab

# One word of a name: "Xiaomi", "E-Commerce", "U.S.", "WeBank", "iQiyi", "bdnews24.com", "3M".
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|[A-Z][\w]*(?:[-‐](?:[A-Z0-9][\w]*))*(?:\.(?:com|cn|net|org|io))?"
    r"|[a-z]+[A-Z][\w]*"
    r"|[a-z][\w]*\.(?:com|cn|net|org|io)\b"
    r"|\d+[A-Z][\w]*"
)
_ABBREVIATIONS = frozenset("inc co corp ltd jr sr plc bros st".split())
_JOINERS = frozenset("of for de du del da di der den van von la le y &".split())
# "of" and "for" join only after a word that takes them ("Bank of Hangzhou", not "Lei Jun of Xiaomi").
_TAKES_OF = (
    vocab.BANK_WORDS | vocab.AUTHORITY_WORDS | vocab.OTHER_ORG_WORDS
    | frozenset("department office board republic kingdom state states chamber house order centre center "
                "people's peoples commonwealth church city province".split())
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_ALIAS_BEFORE = re.compile(
    r"^(?:,?\s*(?:(?:also|formerly|previously|now|better|commonly|popularly|otherwise|simply)\s+)?"
    r"(?:known as|referred to as)\s+(?:simply\s+)?"
    r"|,?\s*(?:also|formerly|previously)\s+(?:called|named)\s+"
    r"|,?\s*(?:named|called|known)\s+(?:until|till|before)\s+(?:[A-Z][a-z]+\s+)?\d{4}\s+as\s+"
    r"|\s*,\s*(?:formerly|previously|aka|a\.k\.a\.)\s+"
    r"|\s*[(（]\s*(?:[,;:]\s*)?(?:(?:formerly|previously|also known as|known as|aka|now)\s+)?(?:[Tt]he\s+)?)"
    r"[“\"‘']?$"
)
_ALIAS_OR = re.compile(r"^\s*,?\s*or\s+(?:simply\s+)?[“\"‘']?$")
_PAREN_ALIAS = re.compile(r"\s*[(（]\s*[“\"‘']?([^()（）“”\"]{1,40}?)[”\"’']?\s*[)）]")
_PLACE_BEFORE = re.compile(
    r"(?:based|headquartered|located|registered|incorporated) in\s+$"
    r"|(?:city|municipality|province|state|county|region|capital|town) of\s+$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(r"^(?:[-‐]based\b|\s+(?:province|city|municipality|county|district|region)\b)")
_FAMILY_AFTER = re.compile(r" family\b")
_MONTHS_AND_DAYS = frozenset(month for month in vocab.MONTHS if len(month) > 3) | {"may"} | vocab.WEEKDAYS


@dataclass
class Name:
    """A name found in a sentence: absolute [start, end), its aliases, a title before it, a kind hint."""

    start: int
    end: int
    text: str
    aliases: tuple[str, ...] = ()
    title: str = ""
    kind: str | None = None
    alias_end: int = 0  # where the aliases written beside it end ("Ant Group, formerly Ant Financial,")


def kind_of_name(name: str) -> str | None:
    """The kind a name's own words give, or None when they give none.

    >>> kind_of_name("Bank of Hangzhou"), kind_of_name("Xiaomi Corp"), kind_of_name("Zhao Weixing")
    ('bank', 'company', None)
    >>> kind_of_name("Communications Authority of Kenya"), kind_of_name("Mehta family")
    ('authority', 'other')
    """
    words = [word.strip(".,").lower() for word in name.replace("-", " ").split()]
    if not words:
        return None
    if "central" in words and ("bank" in words or "reserve" in words):
        return "authority"
    if words[-1] == "family":
        return "other"
    pairs = zip(words, words[1:], strict=False)
    if words[0] in vocab.AUTHORITY_WORDS or words[-1] in vocab.AUTHORITY_WORDS or any(
        word in vocab.AUTHORITY_WORDS and after in ("of", "for") for word, after in pairs
    ):
        return "authority"
    if any(word in vocab.BANK_WORDS for word in words) or words[-1].endswith("bank"):
        return "bank"
    if words[-1] in vocab.OUTLET_WORDS or words[0] in ("news",):
        return "outlet"
    if any(word in vocab.COMPANY_WORDS for word in words[1:]) or words[-1].endswith(".com"):
        return "company"
    if any(word in vocab.OTHER_ORG_WORDS for word in words):
        return "other"
    return None


def is_place(name: str) -> bool:
    """True for a name wholly in the list of places ('Hong Kong', 'Singapore')."""
    return name.lower().removeprefix("the ") in vocab.PLACES


def _tokens(sentence: str) -> list[tuple[int, int]]:
    spans = []
    for match in _TOKEN.finditer(sentence):
        start, end = match.span()
        if start and (sentence[start - 1].isalnum() or sentence[start - 1] in "'’"):
            continue  # the tail of a word such as "it's" or "E2E"
        word = match.group().lower()
        if end < len(sentence) and sentence[end] == "." and (word in _ABBREVIATIONS or len(word) == 1):
            end += 1
        spans.append((start, end))
    return spans


def _runs(sentence: str, tokens: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Tokens joined into runs: only spaces, or a joining word between capitalised words."""
    runs: list[list[tuple[int, int]]] = []
    for token in tokens:
        if runs:
            gap = sentence[runs[-1][-1][1]:token[0]]
            joiner = gap.strip().lower()
            previous = sentence[runs[-1][-1][0]:runs[-1][-1][1]].lower()
            joined = gap == " " or (
                gap.startswith(" ") and gap.endswith(" ") and joiner in _JOINERS
                and (joiner not in ("of", "for") or previous in _TAKES_OF)
            )
            # "owned by Warner Bros. Under the deal": an abbreviation ended the sentence
            word = sentence[token[0]:token[1]].lower()
            opens_sentence = previous.endswith(".") and word in vocab.COMMON_CAPITALISED
            if joined and "\n" not in gap and not opens_sentence:
                runs[-1].append(token)
                continue
        runs.append([token])
    return runs


def _split_titles(sentence: str, run: list[tuple[int, int]], at_start: bool):
    """Cut a run into (title, tokens) pieces: titles and ordinary words are not part of names."""
    pieces, title, current = [], [], []
    for position, (start, end) in enumerate(run):
        word = sentence[start:end].lower()
        leading = not current
        ordinary = leading and (
            word in ("the", "a", "an") or (at_start and position == 0 and word in vocab.COMMON_CAPITALISED)
        )
        dated = word != "may" or re.match(r"\s+\d", sentence[end:])
        lone_demonym = word.strip(".") in vocab.DEMONYMS and leading and len(run) == 1
        if word in _MONTHS_AND_DAYS and dated or lone_demonym:
            ordinary = True
        if leading and word in vocab.TITLE_TOKENS:
            title.append(sentence[start:end])
            continue
        if ordinary:
            continue
        rest = " ".join(sentence[a:b] for a, b in run[position:])
        if current and word in vocab.TITLE_TOKENS and position + 1 < len(run) and \
                kind_of_name(rest) is None:  # "PC Partner Communications" is one company
            pieces.append((" ".join(title), current))
            title, current = [sentence[start:end]], []
            continue
        current.append((start, end))
    if current:
        pieces.append((" ".join(title), current))
    return pieces


def _trim_joiners(sentence: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    while tokens and sentence[tokens[-1][0]:tokens[-1][1]].lower() in _JOINERS:
        tokens = tokens[:-1]
    return tokens


def _raw_names(sentence: str, offset: int) -> list[Name]:
    names = []
    tokens = _tokens(sentence)
    for run in _runs(sentence, tokens):
        before = sentence[: run[0][0]].rstrip(" “\"‘'•\t")
        at_start = not before or before[-1] in ".:!?;—–-(\n"
        for title, piece in _split_titles(sentence, run, at_start):
            piece = _trim_joiners(sentence, piece)
            if not piece:
                continue
            start, end = piece[0][0], piece[-1][1]
            text = sentence[start:end]
            if text.lower().rstrip(".") in vocab.COMMON_CAPITALISED or text.lower() in vocab.DEMONYMS:
                continue
            words = text.lower().split()
            if all(word in vocab.DEMONYMS for word in words) or (len(words) == 1 and (
                    words[0] in vocab.ROLE_WORDS or words[0] == "general")):
                continue  # "a Flemish Belgian journalist", "Leader of the party": no names
            if at_start and len(piece) == 1 and re.fullmatch(r"[A-Z][a-z]{3,}(?:ing|ed|ly)", text) and \
                    re.match(r" [a-z]", sentence[end:]):
                continue  # "Writing about ...", "Originally it ...": a verb or adverb, not a name
            names.append(Name(start + offset, end + offset, text, title=title.lower()))
    return names


def _is_place_here(sentence: str, offset: int, name: Name) -> bool:
    if kind_of_name(name.text) is not None:
        return False
    before, after = sentence[: name.start - offset], sentence[name.end - offset:]
    return is_place(name.text) or bool(_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after))


def _initials_of(short: str, full: str) -> bool:
    """Is ``short`` an acronym of ``full`` ('GWS' of 'Grand Wing Servo - Tech Co., Ltd.')?

    >>> _initials_of("GWS", "Grand Wing Servo - Tech Co., Ltd."), _initials_of("IBM", "Apple")
    (True, False)
    """
    if not re.fullmatch(r"[A-Z]{2,6}", short):
        return False
    initials = iter(word[0] for word in re.findall(r"[A-Z][\w&]*", full))
    return short[0] == full[0] and all(letter in initials for letter in short)


def _paren_alias(sentence: str, offset: int, name: Name) -> tuple[str, int] | None:
    match = _PAREN_ALIAS.match(sentence, name.end - offset)
    if not match:
        return None
    inside = match.group(1).strip()
    acronym_like = re.fullmatch(r"[A-Z][\w&.\- ]{0,30}", inside) and not re.search(r"\d{4}", inside)
    if _CJK.search(inside) or acronym_like:
        return inside, match.end() + offset
    return None


def _with_suffixes(sentence: str, offset: int, names: list[Name]) -> list[Name]:
    """'Iowa Telecom, Inc.' is one name: a lone company suffix joins the name before it. So do two
    names joined by a spaced hyphen ('Disney - ABC Television Group'), as tokenised text writes them."""
    kept: list[Name] = []
    for name in names:
        words = [word.strip(".").lower() for word in name.text.split()]
        gap = sentence[kept[-1].end - offset: name.start - offset] if kept else ""
        hyphenated = gap == " - " and not name.title and not kept[-1].title
        suffix = gap in (", ", " ") and all(word in vocab.COMPANY_SUFFIXES for word in words)
        if kept and (hyphenated or suffix):
            kept[-1].end = name.end
            kept[-1].text = sentence[kept[-1].start - offset: name.end - offset]
            continue
        kept.append(name)
    return kept


def find_names(sentence: str, offset: int = 0) -> list[Name]:
    """The names in ``sentence`` (whose first character is ``offset`` in the text), in order."""
    found = _with_suffixes(sentence, offset, _raw_names(sentence, offset))
    found = [name for name in found if not _is_place_here(sentence, offset, name)]
    merged: list[Name] = []
    skip_until, chaining, last_end = -1, False, 0
    for name in found:
        if name.start < skip_until:
            if merged and name.text not in merged[-1].aliases:
                merged[-1].aliases += (name.text,)
            continue
        if merged:
            gap = sentence[(last_end if chaining else merged[-1].end) - offset: name.start - offset]
            or_alias = _ALIAS_OR.match(gap) and (chaining or _initials_of(name.text, merged[-1].text))
            if (_ALIAS_BEFORE.match(gap) or or_alias) and not name.title:
                merged[-1].aliases += (name.text,)
                chaining, last_end = True, name.end
                closing = re.match(r"[”\"’']?\s*[)）]|[”\"’']?,", sentence[name.end - offset:])
                merged[-1].alias_end = name.end + (closing.end() if closing else 0)
                continue
        chaining = False
        paren = _paren_alias(sentence, offset, name)
        if paren:
            name.aliases += (paren[0],)
            skip_until = name.alias_end = paren[1]
        # An acronym in brackets after a lowercase word is a term ("peer-to-peer (P2P)"), not a name.
        before = sentence[: name.start - offset]
        if re.search(r"[a-z]\s*\($", before) and name.text.isupper():
            continue
        merged.append(name)
    for name in merged:
        family = _FAMILY_AFTER.match(sentence, name.end - offset)
        if family and not name.title:  # "the Whitfield family" is not Dana Whitfield
            name.end += family.end() - (name.end - offset)
            name.text = sentence[name.start - offset:name.end - offset]
        name.kind = kind_of_name(name.text)
    return merged
