"""Reading FollowTheMoney entity dicts into a document (the import half of :mod:`model.formats.ftm.file`).

Things come first, links second, so a link may stand before the things it joins. Schemas Stakemap
has no place for (Document, Address, Vessel...) and links to things not in the file are counted and
reported in one warning each rather than one per line.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from model.document import Document
from model.errors import InvalidValueError, StakemapError
from model.types import (
    AUTHORITY,
    BASIS_WORDS,
    COMPANY,
    CURRENT,
    LICENCE,
    OTHER,
    OWNERSHIP,
    PERSON,
    POSITION,
    REPORTING,
    STATUSES,
    Attribute,
    Citation,
    Entity,
    FuzzyDate,
    Relationship,
    Share,
    Source,
)

KIND_OF_SCHEMA = {"Person": PERSON, "Company": COMPANY, "Organization": OTHER, "LegalEntity": OTHER,
                  "PublicBody": AUTHORITY}
# Identifier properties (FollowTheMoney's names) and the scheme each is written with; the LEI is
# matched across formats by its number alone (model.matching.identifiers).
_IDENTIFIERS = (("leiCode", "LEI"), ("registrationNumber", "registration"), ("ogrnCode", "RU-OGRN"),
                ("innCode", "RU-INN"), ("swiftBic", "SWIFT"), ("taxNumber", "tax"), ("vatCode", "VAT"),
                ("idNumber", "id"))
# Link schema -> (subject property, object property, default role)
LINKS = {
    "Ownership": ("owner", "asset", ""),
    "Directorship": ("director", "organization", "director"),
    "Employment": ("employee", "employer", "employee"),
    "Membership": ("member", "organization", "member"),
    "UnknownLink": ("subject", "object", ""),
}


def _values(props: dict, key: str) -> list[str]:
    raw = props.get(key, [])
    raw = [raw] if isinstance(raw, str) else raw
    return [v.strip() for v in raw if isinstance(v, str) and v.strip()] if isinstance(raw, list) else []


def _first(props: dict, key: str) -> str:
    values = _values(props, key)
    return values[0] if values else ""


class Reader:
    """Collects entities, then links, into a new document, with warnings."""

    def __init__(self, items: list[tuple[str, Any]]) -> None:
        self.items = items
        self.warnings: list[str] = []
        self.doc = Document()
        self._skipped: Counter[str] = Counter()
        self._sources: dict[tuple[str, str], str] = {}

    def read(self) -> Document:
        links = []
        for where, item in self.items:
            schema = self._schema(where, item)
            if schema in KIND_OF_SCHEMA:
                self._entity(where, item, KIND_OF_SCHEMA[schema])
            elif schema in LINKS:
                links.append((where, item, schema))
            elif schema:
                self._skipped[f"entities of schema {schema}"] += 1
        for where, item, schema in links:
            self._link(where, item, schema)
        for what, count in sorted(self._skipped.items()):
            self.warnings.append(f"left out {count} {what}")
        return self.doc

    def _schema(self, where: str, item: Any) -> str:
        if not isinstance(item, dict):
            self.warnings.append(f"{where}: an FtM entity must be an object; skipped")
            return ""
        schema, entity_id = item.get("schema"), item.get("id")
        if not isinstance(schema, str) or not isinstance(entity_id, str) or not entity_id:
            self.warnings.append(f"{where}: an FtM entity needs an 'id' and a 'schema'; skipped")
            return ""
        if not isinstance(item.get("properties", {}), dict):
            self.warnings.append(f"{where}.properties: must be an object; skipped")
            return ""
        return schema

    def _add(self, where: str, thing: Entity | Relationship) -> None:
        try:
            if isinstance(thing, Entity):
                self.doc.add_entity(thing)
            else:
                self.doc.add_relationship(thing)
        except StakemapError as error:
            self.warnings.append(f"{where}: {error}; skipped")

    # --- things -----------------------------------------------------------------------------
    def _entity(self, where: str, item: dict, kind: str) -> None:
        props = item.get("properties", {})
        names = _values(props, "name")
        aliases = [n for n in dict.fromkeys(names[1:] + _values(props, "alias")
                                            + _values(props, "previousName")) if n]
        notes = _values(props, "notes") + _values(props, "description")
        name = names[0] if names else ""
        if not name:
            self.warnings.append(f"{where}: a {item['schema']} without a name; shown as 'Unnamed'")
            name = "Unnamed"
        notes += [f"Source: {url}" for url in _values(props, "sourceUrl")]
        ids = [f"{scheme} {value}" for prop, scheme in _IDENTIFIERS
               for value in _values(props, prop) if value]
        attributes = {"identifiers": Attribute("; ".join(ids))} if ids else {}
        self._add(where, Entity(item["id"], name, kind, tuple(aliases), attributes, note="\n".join(notes)))

    # --- links ------------------------------------------------------------------------------
    def _link(self, where: str, item: dict, schema: str) -> None:
        props = item.get("properties", {})
        subject_key, object_key, default_role = LINKS[schema]
        subject, object_ = _first(props, subject_key), _first(props, object_key)
        if not (self.doc.has_entity(subject) and self.doc.has_entity(object_)):
            self._skipped[f"{schema} links to things not in the file"] += 1
            return
        kind = self._kind(schema, subject, object_)
        if kind is None:
            self._skipped[f"{schema} links Stakemap has no kind for"] += 1
            return
        share, basis, role, notes = self._terms(where, props, kind, default_role)
        status = _first(props, "status")
        if status not in STATUSES:
            notes += [f"FtM status: {status}"] if status else []
            status = CURRENT
        rel = Relationship(item["id"], kind, subject, object_, share, basis, role, status,
                           self._date(where, props, "startDate"), self._date(where, props, "endDate"),
                           self._citations(props), "\n".join(notes + _values(props, "summary")))
        self._add(where, rel)

    def _kind(self, schema: str, subject: str, object_: str) -> str | None:
        subject_kind = self.doc.entity(subject).kind
        object_kind = self.doc.entity(object_).kind
        if schema == "Ownership":
            return OWNERSHIP
        if schema == "UnknownLink":
            if subject_kind == PERSON and object_kind == PERSON:
                return REPORTING
            return LICENCE if subject_kind == AUTHORITY and object_kind != PERSON else None
        if subject_kind == PERSON and object_kind != PERSON:
            return POSITION
        return OWNERSHIP if object_kind != PERSON else None  # a company as director or member

    def _terms(self, where: str, props: dict, kind: str,
               default_role: str) -> tuple[Share, str, str, list[str]]:
        role, notes, share, basis = _first(props, "role"), [], Share(), ""
        if kind != OWNERSHIP:
            return share, "", role or default_role, notes
        percentage = _first(props, "percentage")
        if percentage:
            try:
                share = Share.parse(percentage)
            except InvalidValueError as error:
                self.warnings.append(f"{where}.properties.percentage: {error}; read as undisclosed")
        if role.lower() in BASIS_WORDS:
            basis = role.lower()
        elif role:
            notes.append(f"FtM role: {role}")
        if default_role:
            notes.append(f"FtM {default_role}ship")
        return share, basis, "", notes

    def _date(self, where: str, props: dict, key: str) -> FuzzyDate | None:
        value = _first(props, key)
        if not value:
            return None
        try:
            return FuzzyDate(value[:10])
        except InvalidValueError as error:
            self.warnings.append(f"{where}.properties.{key}: {error}; ignored")
            return None

    def _citations(self, props: dict) -> tuple[Citation, ...]:
        """The quotes in ``description``, cited from a source at the link's first source URL."""
        quote = "\n".join(_values(props, "description"))
        url = _first(props, "sourceUrl")
        if not quote or not url:
            return ()
        key = (url, quote)
        if key not in self._sources:
            source_id = self.doc.new_id("ftm-source")
            publisher = ", ".join(_values(props, "publisher"))
            self.doc.add_source(Source(source_id, url, publisher, "", url, quote))
            self._sources[key] = source_id
        return tuple(Citation(self._sources[key], start, start + len(line), line)
                     for start, line in _lines_with_offsets(quote) if line)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out
