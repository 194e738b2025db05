"""One statement as the register store keeps it: the columns it is searched and walked by.

A BODS statement (0.2, 0.3 or 0.4) or a FollowTheMoney entity becomes a :class:`Row`: the record it
describes, its names and identifiers (for an entity or a person), or the two ends, share range,
dates and kind of a relationship. The BODS importer's own readers decide what a statement says
(names, entity kinds, interests and shares), so a register and a file read the same way.

>>> row = normalise({"statementId": "s1" * 16, "recordId": "e1", "recordType": "entity",
...                  "statementDate": "2024-01-02",
...                  "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "Acme Ltd",
...                                    "identifiers": [{"scheme": "GB-COH", "id": "0123"}]}}, "$[0]")
>>> row.kind, row.names, row.identifiers, row.date
('entity', ('Acme Ltd',), (('GB-COH', '0123'),), '2024-01-02')
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

from model.errors import InvalidValueError
from model.formats.bods import parts
from model.formats.bods.records import records as bods_records
from model.formats.ftm.reader import _IDENTIFIERS as FTM_IDENTIFIERS
from model.formats.ftm.reader import KIND_OF_SCHEMA, LINKS
from model.types import OWNERSHIP, PERSON, Share

BODS, FTM = "bods", "ftm"
# FollowTheMoney link schema -> (owned/organisation end, holder end)
FTM_ENDS = {schema: (object_key, subject_key) for schema, (subject_key, object_key, _) in LINKS.items()}


@dataclass(frozen=True)
class Link:
    """A relationship's columns: ``subject`` is what is held (BODS's subject), ``party`` who holds it
    (None when the register says the owner is unknown); ``ownership`` False for control alone."""

    subject: str
    party: str | None
    ownership: bool
    share_low: float | None
    share_high: float | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Row:
    """What the store keeps of one statement."""

    statement_id: str
    record_id: str
    kind: str  # entity, person or relationship
    date: str  # the statement's date, '' when it has none
    closed: bool
    format: str  # bods or ftm
    entity_kind: str = ""  # company, person, authority... for entities and persons
    names: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    link: Link | None = None
    replaces: tuple[str, ...] = ()  # record ids this statement replaces (0.2/0.3 replacesStatements)


def statement_hash(statement: dict) -> str:
    """A stable id for a statement that has none: the same statement indexed twice is one statement."""
    text = json.dumps(statement, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def normalise(statement: Any, where: str) -> Row:
    """The row of one statement; InvalidValueError when it is no statement the store can keep."""
    if not isinstance(statement, dict):
        raise InvalidValueError(f"a statement must be an object, not {type(statement).__name__}")
    if "schema" in statement and "properties" in statement:
        return _ftm(statement)
    return _bods(statement, where)


# --- BODS ------------------------------------------------------------------------------------------
def _bods(statement: dict, where: str) -> Row:
    warnings: list[str] = []
    found = bods_records([(where, statement)], warnings)
    if not found.records:
        # the field at fault stays named ('recordId: must be a non-empty string'); the place is the problem's
        reason = warnings[0].removeprefix(f"{where}.").removeprefix(f"{where}: ") if warnings else \
            "not a BODS statement"
        raise InvalidValueError(reason.removesuffix("; skipped"))
    record = next(iter(found.records.values()))
    statement_id = statement.get("statementId", statement.get("statementID"))
    if not isinstance(statement_id, str) or not statement_id:
        statement_id = statement_hash(statement)
    replaces = tuple(old for old in found.aliases if old != record.id)
    common = dict(statement_id=statement_id, record_id=record.id, kind=record.kind, date=record.date[:10],
                  closed=record.status == "closed", format=BODS, replaces=replaces)
    if record.kind == "relationship":
        return Row(**common, link=_bods_link(record, warnings))
    if record.kind == "person":
        name, kind, aliases, _ = parts.person_names(record, warnings)
    else:
        name, kind, aliases, _ = parts.entity_names(record, warnings)
    return Row(**common, entity_kind=kind, names=tuple(dict.fromkeys((name, *aliases))),
               identifiers=_bods_identifiers(record.details))


def _bods_identifiers(details: dict) -> tuple[tuple[str, str], ...]:
    raw = details.get("identifiers")
    out = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
            scheme = item.get("scheme") or item.get("schemeName") or ""
            out.append((scheme if isinstance(scheme, str) else "", item["id"].strip()))
    return tuple(dict.fromkeys(out))


def _bods_link(record, warnings: list[str]) -> Link:
    subject, _ = parts.reference(record.details.get("subject"), record.kind)
    party, _ = parts.reference(record.details.get("interestedParty"), record.kind)
    if subject is None:
        raise InvalidValueError("a relationship without a subject record")
    facts = parts.interest_facts(record, True, warnings)
    for warning in warnings:  # a share no register can hold (150%): the statement is bad, not undisclosed
        if ".share: " in warning and warning.endswith("; read as undisclosed"):
            reason = warning.removeprefix(f"{record.where}.").removesuffix("; read as undisclosed")
            raise InvalidValueError(reason)
    owning = [f for f in facts if f.kind == OWNERSHIP and f.index >= 0]
    share = owning[0].share if owning else Share()
    starts = [f.start.value for f in facts if f.start]
    ends = [f.end.value for f in facts if f.end]
    end = max(ends) if ends and len(ends) == len(facts) else None
    start = first_day(min(starts)) if starts else None
    return Link(subject, party, bool(owning), share.low, share.high, start, last_day(end))


def first_day(value: str | None) -> str | None:
    """A start known to a year or a month as the first day it may mean, for comparing with days.

    >>> first_day("2019"), first_day("2019-03"), first_day(None)
    ('2019-01-01', '2019-03-01', None)
    """
    return None if value is None else value + "-01-01"[len(value) - 4:] if len(value) < 10 else value


def last_day(value: str | None) -> str | None:
    """An end known to a year or a month as the last day it may mean ('-31' sorts after any day).

    >>> last_day("2019"), last_day("2019-02"), last_day("2019-02-03")
    ('2019-12-31', '2019-02-31', '2019-02-03')
    """
    return None if value is None else value + "-12-31"[len(value) - 4:] if len(value) < 10 else value


# --- FollowTheMoney ---------------------------------------------------------------------------------
def _values(props: dict, key: str) -> list[str]:
    raw = props.get(key, [])
    raw = [raw] if isinstance(raw, str) else raw
    return [v.strip() for v in raw if isinstance(v, str) and v.strip()] if isinstance(raw, list) else []


def _ftm(item: dict) -> Row:
    schema, item_id, props = item.get("schema"), item.get("id"), item.get("properties")
    if not isinstance(item_id, str) or not item_id or not isinstance(props, dict):
        raise InvalidValueError("a FollowTheMoney entity needs an 'id' and 'properties'")
    date = item.get("last_change") or item.get("first_seen") or ""
    date = date[:10] if isinstance(date, str) else ""
    common = dict(statement_id=item_id, record_id=item_id, date=date, closed=False, format=FTM)
    if schema in KIND_OF_SCHEMA:
        names = _values(props, "name") + _values(props, "alias") + _values(props, "previousName")
        ids = [(scheme, value) for key, scheme in FTM_IDENTIFIERS for value in _values(props, key)]
        kind = KIND_OF_SCHEMA[schema]
        return Row(**common, kind="person" if kind == PERSON else "entity", entity_kind=kind,
                   names=tuple(dict.fromkeys(names or ["Unnamed"])), identifiers=tuple(dict.fromkeys(ids)))
    if schema in FTM_ENDS:
        held_key, holder_key = FTM_ENDS[schema]
        held, holder = _values(props, held_key), _values(props, holder_key)
        if not held or not holder:
            raise InvalidValueError(f"a {schema} link needs '{held_key}' and '{holder_key}'")
        share = Share()
        if schema == "Ownership" and _values(props, "percentage"):
            try:
                share = Share.parse(_values(props, "percentage")[0])
            except InvalidValueError:
                share = Share()
        start, end = (_values(props, key)[:1] for key in ("startDate", "endDate"))
        link = Link(held[0], holder[0], schema == "Ownership", share.low, share.high,
                    first_day(start[0][:10]) if start else None, last_day(end[0][:10]) if end else None)
        return Row(**common, kind="relationship", link=link)
    raise InvalidValueError(f"the FollowTheMoney schema {schema!r} is not an entity or a link the store "
                            "keeps")


# --- the raw statement ------------------------------------------------------------------------------
def pack(statement: Any) -> bytes:
    """A statement as the store keeps it: its JSON text (the line as read, when there is one), compressed.

    >>> unpack(pack(b'{"a": 1}\\r\\n')), unpack(pack({"b": [2]}))
    ({'a': 1}, {'b': [2]})
    """
    if not isinstance(statement, bytes):
        text = json.dumps(statement, ensure_ascii=False, separators=(",", ":"))
        statement = text.encode("utf-8", "surrogatepass")
    return zlib.compress(statement.strip().removeprefix(b"\xef\xbb\xbf"), 1)


def unpack(data: bytes | memoryview) -> Any:
    """A stored raw statement as it was read."""
    return json.loads(zlib.decompress(bytes(data)).decode("utf-8", "surrogatepass"))
