"""The project file: one JSON document per project, read with checks and written atomically.

Format ``{"format": "stakemap", "version": 3, ...}``; version 2 added sources' kinds and ranking,
claims (what each source says of a relationship, and the user's choices) and merge records; version 3
added claims on an entity's attributes. A version 1 or 2 file reads unchanged in meaning (a version 1
file's sources are all articles; neither has attribute claims); a file from a newer Stakemap is
refused with a message, since what it adds would be lost. Citation offsets
count Unicode code points (Python string indices) into the source's ``text``, not UTF-8 bytes.

Loading checks every field and raises :class:`LoadError` naming the file, the JSON path (or
line and column for broken JSON) and the reason; nothing is changed when it fails.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from typing import Any

from model.document import VIEWS, Document
from model.errors import InvalidValueError, LoadError, StakemapError
from model.formats.atomic import write_atomically
from model.formats.textfile import NumberRefused, read_text, strict_json
from model.types import (
    Attribute,
    AttributeClaim,
    Citation,
    Claim,
    Entity,
    FuzzyDate,
    Merge,
    Relationship,
    Share,
    Source,
)

FORMAT = "stakemap"
VERSION = 3
SUFFIX = ".stakemap.json"

# Upgrades from an older version: MIGRATIONS[n] turns a version-n dict into a version n+1 dict.
# Version 1 had no claims, merges or source kinds: its sources read as articles (the default).
# Version 2 had no claims on entities' attributes.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: lambda data: {**data, "version": 2},
                                                 2: lambda data: {**data, "version": 3}}


# --- writing -------------------------------------------------------------------------------
def _source(source: Source) -> dict:
    out = dataclasses.asdict(source)
    if not source.rejected:  # written only where the user turned something down
        del out["rejected"]
    return out


def _date(date: FuzzyDate | None) -> dict | None:
    return None if date is None else {"value": date.value, "text": date.text}


def _citation(c: Citation) -> dict:
    out = {"source": c.source_id, "start": c.start, "end": c.end, "quote": c.quote,
           "prefix": c.prefix, "suffix": c.suffix}
    if c.attributed_to:
        out["attributed_to"] = c.attributed_to
    return out


def _entity(e: Entity) -> dict:
    out: dict[str, Any] = {"id": e.id, "name": e.name, "kind": e.kind}
    if e.aliases:
        out["aliases"] = list(e.aliases)
    if e.attributes:
        out["attributes"] = {name: _attribute(a) for name, a in e.attributes.items()}
    if e.claims:
        out["claims"] = [{"name": c.name, "sources": list(c.sources), **_attribute(c.attribute)}
                         for c in e.claims]
    if e.chosen:
        out["chosen"] = dict(e.chosen)
    out["citations"] = [_citation(c) for c in e.citations]
    if e.note:
        out["note"] = e.note
    if e.merged_from:
        out["merged_from"] = [
            {"kept": _entity(m.kept), "absorbed": _entity(m.absorbed),
             "relationships": [_relationship(r) for r in m.relationships],
             "pins": [list(pin) for pin in m.pins], "after": list(m.after)}
            for m in e.merged_from
        ]
    return out


def _attribute(a: Attribute) -> dict:
    return {"value": a.value, "date": _date(a.date), "citations": [_citation(c) for c in a.citations],
            "note": a.note}


def _relationship(r: Relationship) -> dict:
    out: dict[str, Any] = {"id": r.id, "kind": r.kind, "subject": r.subject, "object": r.object,
                           "status": r.status}
    if r.share.disclosed:
        out["share"] = {"min": r.share.low, "max": r.share.high}
    for key in ("basis", "role", "note"):
        if getattr(r, key):
            out[key] = getattr(r, key)
    if r.start:
        out["start"] = _date(r.start)
    if r.end:
        out["end"] = _date(r.end)
    out["citations"] = [_citation(c) for c in r.citations]
    if r.claims:
        out["claims"] = [{"field": c.field, "value": c.value, "sources": list(c.sources),
                          "citations": [_citation(x) for x in c.citations]} for c in r.claims]
    if r.chosen:
        out["chosen"] = dict(r.chosen)
    return out


def to_dict(doc: Document) -> dict:
    """The document as plain JSON-ready data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": doc.title,
        "sources": [_source(s) for s in doc.sources()],
        "entities": [_entity(e) for e in doc.entities()],
        "relationships": [_relationship(r) for r in doc.relationships()],
        "layout": {view: {k: list(v) for k, v in doc.pins(view).items()} for view in VIEWS},
        **({"source_order": list(doc.source_order)} if doc.source_order else {}),
    }


def dumps(doc: Document) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=1) + "\n"


def save(doc: Document, path: str | os.PathLike) -> None:
    """Write atomically (:func:`model.formats.atomic.write_atomically`): a crash mid-save never leaves a
    broken file, the file keeps its permissions and a link to it stays a link."""
    write_atomically(path, dumps(doc).encode("utf-8"))


# --- reading -------------------------------------------------------------------------------
class _Bad(Exception):
    def __init__(self, where: str, reason: str):
        super().__init__(reason)
        self.where = where
        self.reason = reason


def _get(obj: dict, key: str, where: str, kind: type | tuple, default: Any = ...) -> Any:
    if key not in obj:
        if default is ...:
            raise _Bad(where, f"'{key}' is missing")
        return default
    value = obj[key]
    if value is None and default is None:
        return None
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise _Bad(f"{where}.{key}", "must be a number")
    if not isinstance(value, kind):
        names = {str: "a string", int: "a whole number", list: "a list", dict: "an object",
                 (int, float): "a number"}
        raise _Bad(f"{where}.{key}", f"must be {names.get(kind, kind)}, not {type(value).__name__}")
    return value


def _str_list(obj: dict, key: str, where: str) -> tuple[str, ...]:
    values = _get(obj, key, where, list, [])
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise _Bad(f"{where}.{key}[{i}]", "must be a string")
    return tuple(values)


def _read_date(obj: dict, key: str, where: str) -> FuzzyDate | None:
    raw = _get(obj, key, where, dict, None)
    if raw is None:
        return None
    here = f"{where}.{key}"
    return _wrap(here, lambda: FuzzyDate(_get(raw, "value", here, str), _get(raw, "text", here, str, "")))


def _wrap(where: str, make: Callable[[], Any]) -> Any:
    try:
        return make()
    except InvalidValueError as error:
        raise _Bad(where, str(error)) from None


def _read_citations(obj: dict, where: str, sources: dict[str, Source]) -> tuple[Citation, ...]:
    out = []
    for i, raw in enumerate(_get(obj, "citations", where, list, [])):
        here = f"{where}.citations[{i}]"
        if not isinstance(raw, dict):
            raise _Bad(here, "must be an object")
        source_id = _get(raw, "source", here, str)
        if source_id not in sources:
            raise _Bad(f"{here}.source", f"names no source: '{source_id}'")
        start, end = _get(raw, "start", here, int), _get(raw, "end", here, int)
        if not 0 <= start <= end:
            raise _Bad(here, f"offsets {start}-{end} must satisfy 0 <= start <= end")
        out.append(Citation(source_id, start, end, _get(raw, "quote", here, str),
                            _get(raw, "prefix", here, str, ""), _get(raw, "suffix", here, str, ""),
                            _get(raw, "attributed_to", here, str, "")))
    return tuple(out)


def _read_entity(raw: Any, where: str, sources: dict[str, Source]) -> Entity:
    if not isinstance(raw, dict):
        raise _Bad(where, "must be an object")
    attributes = {name: _read_attribute(value, f"{where}.attributes.{name}", sources)
                  for name, value in _get(raw, "attributes", where, dict, {}).items()}
    claims = []
    for i, value in enumerate(_get(raw, "claims", where, list, [])):
        here = f"{where}.claims[{i}]"
        attribute = _read_attribute(value, here, sources)  # first: it says when the claim is no object
        claims.append(AttributeClaim(_get(value, "name", here, str), attribute,
                                     _str_list(value, "sources", here)))
    merges = tuple(_read_merge(value, f"{where}.merged_from[{i}]")
                   for i, value in enumerate(_get(raw, "merged_from", where, list, [])))
    return _wrap(where, lambda: Entity(
        _get(raw, "id", where, str), _get(raw, "name", where, str), _get(raw, "kind", where, str),
        _str_list(raw, "aliases", where), attributes, _read_citations(raw, where, sources),
        _get(raw, "note", where, str, ""), merges, tuple(claims), _read_chosen(raw, where)))


def _read_attribute(value: Any, here: str, sources: dict[str, Source]) -> Attribute:
    if not isinstance(value, dict):
        raise _Bad(here, "must be an object")
    return Attribute(_get(value, "value", here, str), _read_date(value, "date", here),
                     _read_citations(value, here, sources), _get(value, "note", here, str, ""))


def _read_chosen(raw: dict, where: str) -> tuple[tuple[str, str], ...]:
    chosen = _get(raw, "chosen", where, dict, {})
    for part, value in chosen.items():
        if not isinstance(value, str):
            raise _Bad(f"{where}.chosen.{part}", "must be a string")
    return tuple(chosen.items())


class _AnySource(dict):
    """A merge record is history: its quotes may name a source removed since."""

    def __contains__(self, key: object) -> bool:
        return True


def _read_merge(raw: Any, where: str) -> Merge:
    if not isinstance(raw, dict):
        raise _Bad(where, "must be an object")
    history = _AnySource()
    pins = []
    for i, pin in enumerate(_get(raw, "pins", where, list, [])):
        ok = (isinstance(pin, list) and len(pin) == 3 and pin[0] in VIEWS
              and all(isinstance(v, int | float) and not isinstance(v, bool) for v in pin[1:]))
        if not ok:
            raise _Bad(f"{where}.pins[{i}]", f"must be [view, x, y] with a view of {', '.join(VIEWS)}")
        pins.append((pin[0], float(pin[1]), float(pin[2])))
    relationships = tuple(_read_relationship(value, f"{where}.relationships[{i}]", history)
                          for i, value in enumerate(_get(raw, "relationships", where, list, [])))
    return Merge(_read_entity(_get(raw, "kept", where, dict), f"{where}.kept", history),
                 _read_entity(_get(raw, "absorbed", where, dict), f"{where}.absorbed", history),
                 relationships, tuple(pins), _str_list(raw, "after", where))


def _read_relationship(raw: Any, where: str, sources: dict[str, Source]) -> Relationship:
    if not isinstance(raw, dict):
        raise _Bad(where, "must be an object")
    share = Share()
    share_raw = _get(raw, "share", where, dict, None)
    if share_raw is not None:
        here = f"{where}.share"
        low = _get(share_raw, "min", here, (int, float))
        high = _get(share_raw, "max", here, (int, float))
        share = _wrap(here, lambda: Share(float(low), float(high)))
    claims = []
    for i, value in enumerate(_get(raw, "claims", where, list, [])):
        here = f"{where}.claims[{i}]"
        if not isinstance(value, dict):
            raise _Bad(here, "must be an object")
        claims.append(_wrap(here, lambda v=value, h=here: Claim(
            _get(v, "field", h, str), _get(v, "value", h, str), _str_list(v, "sources", h),
            _read_citations(v, h, sources))))
    return _wrap(where, lambda: Relationship(
        _get(raw, "id", where, str), _get(raw, "kind", where, str),
        _get(raw, "subject", where, str), _get(raw, "object", where, str), share,
        _get(raw, "basis", where, str, ""), _get(raw, "role", where, str, ""),
        _get(raw, "status", where, str, "current"), _read_date(raw, "start", where),
        _read_date(raw, "end", where), _read_citations(raw, where, sources),
        _get(raw, "note", where, str, ""), tuple(claims), _read_chosen(raw, where)))


# --- reading the plain shape quickly ---------------------------------------------------------
# Every save writes items in one plain shape; reading 50,000 of them through the careful readers
# above (a call per field, a location string per item) takes seconds. The quick readers accept
# only that shape, with exactly the types the careful readers accept, and build the same values;
# anything else (attributes, a wrong type, a value a constructor refuses) gives None, and the
# careful reader reads the item again to say where and why. So the rules stay above.
_ABSENT: Any = ()  # a missing list, taken as empty
_QUICK_ENTITY_KEYS = frozenset({"id", "name", "kind", "aliases", "citations", "note"})  # all else: careful
_UNDISCLOSED = Share()


def _quick_entity(raw: Any, sources: dict[str, Source]) -> Entity | None:
    if type(raw) is not dict or not _QUICK_ENTITY_KEYS.issuperset(raw):
        return None
    get = raw.get
    id_, name, kind, note = get("id"), get("name"), get("kind"), get("note", "")
    if type(id_) is not str or type(name) is not str or type(kind) is not str or type(note) is not str:
        return None
    aliases = get("aliases", _ABSENT)
    if aliases is not _ABSENT:
        if type(aliases) is not list or any(type(alias) is not str for alias in aliases):
            return None
        aliases = tuple(aliases)
    citations = _quick_citations(get("citations", _ABSENT), sources)
    if citations is None:
        return None
    try:
        return Entity(id_, name, kind, aliases, {}, citations, note)
    except InvalidValueError:
        return None


def _quick_relationship(raw: Any, sources: dict[str, Source]) -> Relationship | None:
    if type(raw) is not dict or "claims" in raw or "chosen" in raw:
        return None
    get = raw.get
    id_, kind, subject, object_ = get("id"), get("kind"), get("subject"), get("object")
    basis, role, note, status = get("basis", ""), get("role", ""), get("note", ""), get("status", "current")
    for text in (id_, kind, subject, object_, basis, role, note, status):
        if type(text) is not str:
            return None
    share, start, end = get("share"), get("start"), get("end")
    try:
        if share is None:
            share = _UNDISCLOSED
        else:
            low, high = share.get("min"), share.get("max")  # AttributeError when not an object
            if type(low) not in _NUMBER_TYPES or type(high) not in _NUMBER_TYPES:
                return None
            share = Share(float(low), float(high))
        if start is not None:
            start = _quick_date(start)
        if end is not None:
            end = _quick_date(end)
        citations = _quick_citations(get("citations", _ABSENT), sources)
        if citations is None:
            return None
        return Relationship(id_, kind, subject, object_, share, basis, role, status, start, end,
                            citations, note)
    except (InvalidValueError, AttributeError, TypeError):
        return None


_NUMBER_TYPES = (int, float)  # exactly: a bool is not a share


def _quick_date(raw: dict) -> FuzzyDate:
    """A date object of the plain shape; TypeError or InvalidValueError otherwise."""
    value, text = raw.get("value"), raw.get("text", "")
    if type(value) is not str or type(text) is not str:
        raise TypeError
    return FuzzyDate(value, text)


def _quick_citations(raws: Any, sources: dict[str, Source]) -> tuple[Citation, ...] | None:
    if not raws:
        return () if raws is _ABSENT or type(raws) is list else None
    if type(raws) is not list:
        return None
    out = []
    for raw in raws:
        if type(raw) is not dict:
            return None
        get = raw.get
        source_id, start, end, quote = get("source"), get("start"), get("end"), get("quote")
        prefix, suffix, attributed_to = get("prefix", ""), get("suffix", ""), get("attributed_to", "")
        for text in (source_id, quote, prefix, suffix, attributed_to):
            if type(text) is not str:
                return None
        if type(start) is not int or type(end) is not int or not 0 <= start <= end:
            return None
        if source_id not in sources:
            return None
        out.append(Citation(source_id, start, end, quote, prefix, suffix, attributed_to))
    return tuple(out)


def from_dict(data: Any, path: str = "<data>") -> Document:
    """Build a document from loaded JSON data; raise LoadError naming the place on bad input."""
    try:
        return _from_dict(data)
    except _Bad as bad:
        raise LoadError(path, bad.where, bad.reason) from None
    except StakemapError as error:
        raise LoadError(path, "$", str(error)) from None


def _from_dict(data: Any) -> Document:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Bad("$.format", f"not a Stakemap project (expected \"format\": \"{FORMAT}\")")
    version = _get(data, "version", "$", int)
    if version > VERSION:
        raise _Bad("$.version", f"version {version} was written by a newer Stakemap "
                                f"(this one reads up to {VERSION})")
    while version < VERSION:
        if version not in MIGRATIONS:
            raise _Bad("$.version", f"version {version} is not a version Stakemap ever wrote")
        data = MIGRATIONS[version](data)
        version += 1
    doc = Document(_get(data, "title", "$", str, ""))
    sources: dict[str, Source] = {}
    for i, raw in enumerate(_get(data, "sources", "$", list, [])):
        here = f"$.sources[{i}]"
        if not isinstance(raw, dict):
            raise _Bad(here, "must be an object")
        fields = {key: _get(raw, key, here, str, "") for key in
                  ("title", "publisher", "date", "url", "text")}
        kind, source_id = _get(raw, "kind", here, str, "article"), _get(raw, "id", here, str)
        rejected = _str_list(raw, "rejected", here)
        source = _wrap(here, lambda f=fields, k=kind, i=source_id, r=rejected: Source(
            i, **f, rejected=r, kind=k))
        _wrap(here, lambda s=source: doc.add_source(s))
        sources[source.id] = source
    # The places ("$.entities[7]") are spelt out only when something is wrong.
    for i, raw in enumerate(_get(data, "entities", "$", list, [])):
        entity = _quick_entity(raw, sources) or _read_entity(raw, f"$.entities[{i}]", sources)
        try:
            doc.add_entity(entity)
        except InvalidValueError as error:
            raise _Bad(f"$.entities[{i}].id", str(error)) from None
    has_entity = doc.has_entity
    for i, raw in enumerate(_get(data, "relationships", "$", list, [])):
        rel = _quick_relationship(raw, sources) or _read_relationship(raw, f"$.relationships[{i}]", sources)
        if not (has_entity(rel.subject) and has_entity(rel.object)):
            end = "subject" if not has_entity(rel.subject) else "object"
            raise _Bad(f"$.relationships[{i}].{end}", f"names no entity: '{getattr(rel, end)}'")
        try:
            doc.add_relationship(rel)
        except InvalidValueError as error:
            raise _Bad(f"$.relationships[{i}].id", str(error)) from None
    layout = _get(data, "layout", "$", dict, {})
    for view, pins in layout.items():
        here = f"$.layout.{view}"
        if view not in VIEWS or not isinstance(pins, dict):
            raise _Bad(here, f"must be an object under one of {', '.join(VIEWS)}")
        for entity_id, place in pins.items():
            ok = (isinstance(place, list) and len(place) == 2
                  and all(isinstance(v, int | float) and not isinstance(v, bool) for v in place))
            if not ok:
                raise _Bad(f"{here}.{entity_id}", "must be [x, y]")
            if not doc.has_entity(entity_id):
                raise _Bad(f"{here}.{entity_id}", f"names no entity: '{entity_id}'")
            doc.set_pin(view, entity_id, (place[0], place[1]))
    order = _str_list(data, "source_order", "$")
    for i, source_id in enumerate(order):
        if source_id not in sources:
            raise _Bad(f"$.source_order[{i}]", f"names no source: '{source_id}'")
    doc.set_source_order(order)
    return doc


def loads(text: str, path: str = "<text>") -> Document:
    try:
        data = strict_json(text)
    except json.JSONDecodeError as error:
        raise LoadError(path, f"line {error.lineno}, column {error.colno}",
                        f"not valid JSON ({error.msg})") from None
    except NumberRefused as error:
        raise LoadError(path, "$", str(error)) from None
    except RecursionError:
        raise LoadError(path, "$", "nested too deeply to be a project") from None
    return from_dict(data, path)


def load(path: str | os.PathLike) -> Document:
    """Read a project file; raise LoadError (never another exception) when it cannot be read."""
    return loads(read_text(path), str(path))
