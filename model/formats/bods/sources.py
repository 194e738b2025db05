"""Sources, quotes and annotations of BODS statements, read back into Stakemap sources and citations.

A plain BODS ``source`` (a register, a self-declaration) becomes one :class:`Source` per distinct
description, whose text is that description; the statement cites it whole. Quotes Stakemap
exported ride in annotations with a ``stakemap`` property: they come back as the citations they
were, into a source whose text holds each quote and its context at the original offsets (the rest
of the original text is not in BODS and reads as blanks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from model.document import Document
from model.errors import InvalidValueError
from model.formats.bods.codes import ANALYST_SOURCE, STAKEMAP_KEY
from model.formats.bods.records import Record, Records
from model.types import SOURCE_KINDS, STATUSES, Attribute, Citation, FuzzyDate, Source

_INTEREST_POINTER = re.compile(r"/interests/(\d+)/(startDate|endDate)$")
TITLE_LENGTH = 100
# A citation's offsets are into the article it quotes; no article runs to 16 million characters, and
# the source text rebuilt from the quotes is as long as the largest offset.
MAX_OFFSET = 1 << 24


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def read_date(value: Any, where: str, warnings: list[str]) -> FuzzyDate | None:
    """A BODS date or date-time as a Stakemap date (its day, month or year part)."""
    if value is None:
        return None
    if not isinstance(value, str):
        warnings.append(f"{where}: a date must be a string; ignored")
        return None
    try:
        return FuzzyDate(value[:10])
    except InvalidValueError as error:
        warnings.append(f"{where}: {error}; ignored")
        return None


@dataclass
class Extra:
    """What a statement's annotations add: citations, notes, attributes, a status, exact dates."""

    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attributes: dict[str, Attribute] = field(default_factory=dict)
    status: str = ""
    dates: dict[tuple[int, str], FuzzyDate] = field(default_factory=dict)
    claim_of: str = ""  # the relationship whose one source's account this statement is
    attribute_claims: list[tuple[str, Attribute]] = field(default_factory=list)  # stated, not drawn
    chosen: dict[str, str] = field(default_factory=dict)


class SourceBook:
    """The document's sources as the statements name them, made once and shared."""

    def __init__(self, doc: Document, found: Records) -> None:
        self.doc = doc
        self._taken = set(found.records) | set(found.aliases)
        self._plain: dict[tuple, str] = {}
        self._exported: dict[str, str] = {}  # exported source id -> id in this document
        self._add_exported_sources(found)

    def _free_id(self, wanted: str) -> str:
        candidate, number = wanted or "source", 1
        while candidate in self._taken or self.doc.has_entity(candidate) or self._has_source(candidate):
            number += 1
            candidate = f"{wanted or 'source'}-{number}"
        self._taken.add(candidate)
        return candidate

    def _has_source(self, source_id: str) -> bool:
        return any(s.id == source_id for s in self.doc.sources())

    # --- quotes Stakemap exported ----------------------------------------------------------
    def _add_exported_sources(self, found: Records) -> None:
        quotes: dict[str, list[dict]] = {}
        details: dict[str, dict] = {}
        for record in found.records.values():
            for data in _exported_citations(record.statement):
                source = data["source"]
                quotes.setdefault(source["id"], []).append(data)
                details.setdefault(source["id"], source)
        for old_id, cited in quotes.items():
            info = details[old_id]
            new_id = self._free_id(old_id)
            self._exported[old_id] = new_id
            kind = _text(info.get("kind")) if _text(info.get("kind")) in SOURCE_KINDS else "article"
            self.doc.add_source(Source(new_id, _text(info.get("title")) or old_id,
                                       _text(info.get("publisher")), _text(info.get("date")),
                                       _text(info.get("url")), _rebuilt_text(cited), kind=kind))

    def exported_citation(self, data: dict) -> Citation | None:
        """The citation an annotation's ``stakemap.citation`` describes, or None when malformed."""
        if not _is_citation(data):
            return None
        return Citation(self._exported[data["source"]["id"]], data["start"], data["end"], data["quote"],
                        data.get("prefix", ""), data.get("suffix", ""), data.get("attributedTo", ""))

    # --- plain BODS sources ----------------------------------------------------------------
    def cite_statement(self, record: Record, warnings: list[str]) -> tuple[Citation, ...]:
        """A citation of the statement's source description, the source made on first sight."""
        raw = record.statement.get("source")
        if raw is None or raw == ANALYST_SOURCE:
            return ()
        if not isinstance(raw, dict):
            warnings.append(f"{record.where}.source: must be an object; ignored")
            return ()
        description = _text(raw.get("description"))
        if not description:
            return ()
        source_id = self._plain_source(record.statement, raw, description)
        return (Citation(source_id, 0, len(description), description),)

    def _plain_source(self, statement: dict, raw: dict, description: str) -> str:
        url = _text(raw.get("url"))
        asserted = raw.get("assertedBy")
        names = [_text(a.get("name")) for a in asserted if isinstance(a, dict)] if isinstance(
            asserted, list) else []
        publisher = ", ".join(n for n in names if n) or _publisher(statement)
        date = _text(raw.get("retrievedAt"))[:10]
        key = (description, url, publisher, date)
        if key not in self._plain:
            title = description if len(description) <= TITLE_LENGTH else description[:TITLE_LENGTH] + "\u2026"
            source = Source(self._free_id("bods-source"), title, publisher, date, url, description,
                            kind=_source_kind(raw))
            self.doc.add_source(source)
            self._plain[key] = source.id
        return self._plain[key]

    def plain_note(self, record: Record, extra: Extra) -> str:
        """A note naming the source where there is no description to cite."""
        raw = record.statement.get("source")
        if extra.citations or not isinstance(raw, dict) or _text(raw.get("description")):
            return ""
        types = raw.get("type")
        kinds = ", ".join(t for t in types if isinstance(t, str)) if isinstance(types, list) else ""
        url = _text(raw.get("url"))
        said = " ".join(p for p in (kinds, url) if p)
        return f"BODS source: {said}" if said else ""


def _publisher(statement: dict) -> str:
    details = statement.get("publicationDetails")
    publisher = details.get("publisher") if isinstance(details, dict) else None
    return _text(publisher.get("name")) if isinstance(publisher, dict) else ""


def _exported_citations(statement: dict) -> list[dict]:
    out = []
    for annotation in _annotation_list(statement):
        data = annotation.get(STAKEMAP_KEY)
        if not isinstance(data, dict):
            continue
        candidates = [data.get("citation")]
        attribute = data.get("attribute")
        if isinstance(attribute, dict) and isinstance(attribute.get("citations"), list):
            candidates += attribute["citations"]
        out += [c for c in candidates if _is_citation(c)]
    return out


def _annotation_list(statement: dict) -> list[dict]:
    raw = statement.get("annotations", [])
    return [a for a in raw if isinstance(a, dict)] if isinstance(raw, list) else []


def _is_citation(data: Any) -> bool:
    if not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        return False
    ints = all(isinstance(data.get(k), int) and not isinstance(data.get(k), bool) for k in ("start", "end"))
    strings = all(isinstance(data.get(k, ""), str) for k in ("quote", "prefix", "suffix", "attributedTo"))
    return (ints and strings and isinstance(data["source"].get("id"), str)
            and 0 <= data["start"] <= data["end"] <= MAX_OFFSET and isinstance(data.get("quote"), str))


def _rebuilt_text(cited: list[dict]) -> str:
    """Blanks with every quote and its context at its offsets: the citations match it again.

    Built from the pieces in order of offset, so the cost is the text's length, not a list of it.
    Where pieces overlap, the first keeps its characters (quotes of one text agree anyway).
    """
    pieces = []
    for c in cited:
        prefix, suffix = c.get("prefix", ""), c.get("suffix", "")
        pieces += [(c["start"] - len(prefix), prefix), (c["start"], c["quote"]), (c["end"], suffix)]
    out, cursor = [], 0
    for offset, piece in sorted(pieces, key=lambda p: p[0]):
        if offset < cursor:
            piece, offset = piece[cursor - offset:], cursor
        if piece:
            out += [" " * (offset - cursor), piece]
            cursor = offset + len(piece)
    return "".join(out)


def annotations(record: Record, book: SourceBook, warnings: list[str]) -> Extra:
    """What the statement's annotations say, as Stakemap values."""
    extra = Extra()
    raw = record.statement.get("annotations", [])
    if not isinstance(raw, list):
        warnings.append(f"{record.where}.annotations: must be a list; ignored")
        return extra
    for index, annotation in enumerate(raw):
        where = f"{record.where}.annotations[{index}]"
        if not isinstance(annotation, dict):
            warnings.append(f"{where}: must be an object; ignored")
            continue
        data = annotation.get(STAKEMAP_KEY)
        if isinstance(data, dict):
            _read_stakemap(data, _text(annotation.get("statementPointerTarget")), book, extra, where,
                           warnings)
        elif isinstance(annotation.get("description"), str):
            extra.notes.append(f"BODS annotation: {annotation['description']}")
        elif "description" in annotation:
            warnings.append(f"{where}.description: must be a string; ignored")
    return extra


def _read_stakemap(data: dict, pointer: str, book: SourceBook, extra: Extra, where: str,
                   warnings: list[str]) -> None:
    if "citation" in data:
        citation = book.exported_citation(data["citation"])
        if citation is None:
            warnings.append(f"{where}.stakemap.citation: not a citation Stakemap wrote (a source, a quote, "
                            f"and offsets from 0 to {MAX_OFFSET:,}); ignored")
        else:
            extra.citations.append(citation)
    if isinstance(data.get("note"), str):
        extra.notes.append(data["note"])
    if data.get("status") in STATUSES:
        extra.status = data["status"]
    if isinstance(data.get("date"), dict):
        _read_exact_date(data["date"], pointer, extra, where, warnings)
    if isinstance(data.get("attribute"), dict):
        _read_attribute(data["attribute"], book, extra, where, warnings)
    if isinstance(data.get("claimOf"), str) and data["claimOf"]:
        extra.claim_of = data["claimOf"]
        chosen = data.get("chosen")
        if isinstance(chosen, dict):
            extra.chosen = {k: v for k, v in chosen.items() if isinstance(k, str) and isinstance(v, str)}


def _read_exact_date(data: dict, pointer: str, extra: Extra, where: str, warnings: list[str]) -> None:
    match = _INTEREST_POINTER.search(pointer)
    try:
        date = FuzzyDate(data.get("value", ""), _text(data.get("text")))
    except (InvalidValueError, TypeError):
        warnings.append(f"{where}.stakemap.date: not a date; ignored")
        return
    if match:
        extra.dates[(int(match.group(1)), match.group(2))] = date


def _read_attribute(data: dict, book: SourceBook, extra: Extra, where: str, warnings: list[str]) -> None:
    name, value = data.get("name"), data.get("value")
    if not isinstance(name, str) or not isinstance(value, str):
        warnings.append(f"{where}.stakemap.attribute: needs a name and a value; ignored")
        return
    date = None
    if isinstance(data.get("date"), dict):
        holder = Extra()
        _read_exact_date(data["date"], "/interests/0/startDate", holder, where, warnings)
        date = holder.dates.get((0, "startDate"))
    cited = [book.exported_citation(c) for c in data.get("citations", []) if isinstance(c, dict)]
    note = data.get("note") if isinstance(data.get("note"), str) else ""
    attribute = Attribute(value, date, tuple(c for c in cited if c), note)
    claim = data.get("claim")
    if not isinstance(claim, dict):
        extra.attributes[name] = attribute
        return
    extra.attribute_claims.append((name, attribute))
    chosen = claim.get("chosen")
    if isinstance(chosen, dict):
        extra.chosen.update({k: v for k, v in chosen.items() if isinstance(k, str) and isinstance(v, str)})


def _source_kind(raw: dict) -> str:
    """What kind of source a BODS source is: an official register, a company's own filing, or other."""
    types = raw.get("type") if isinstance(raw.get("type"), list) else [raw.get("type")]
    if "officialRegister" in types:
        return "register"
    if "selfDeclaration" in types:
        return "filing"
    return "other"
