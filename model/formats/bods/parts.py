"""The pieces of a BODS statement read one at a time: names, references, interests, shares, dates.

Each reader takes the raw JSON (any type may stand anywhere in a bad file), returns plain Stakemap
values and appends a warning naming the place for whatever it had to leave out.

>>> warnings = []
>>> read_share({"exclusiveMinimum": 25, "maximum": 50}, "$", warnings)
(Share(low=25.0, high=50.0), 'BODS share: more than 25% and at most 50%')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from model.errors import InvalidValueError
from model.formats.bods.codes import INTEREST_LABELS, SHARE_INTERESTS, camel_interest, kind_from_entity_type
from model.formats.bods.records import Record
from model.formats.bods.sources import Extra, SourceBook, annotations, read_date
from model.types import BASIS_WORDS, OWNERSHIP, PERSON, POSITION, Attribute, FuzzyDate, Share

__all__ = ["Extra", "SourceBook", "annotations", "read_date", "Fact"]

def details_path(record: Record) -> str:
    """Where a record's details start in its statement, for messages."""
    return "recordDetails." if record.details is not record.statement else ""


def words(code: str) -> str:
    """A camelCase code in words: 'interestedPartyExemptFromDisclosure' -> 'interested party exempt...'."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", code).lower()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


# --- names -------------------------------------------------------------------------------------
def person_names(record: Record, warnings: list[str]) -> tuple[str, str, list[str], str]:
    """(name, kind, aliases, note) of a person statement."""
    details = record.details
    names = details.get("names", [])
    if not isinstance(names, list):
        warnings.append(f"{record.where}.{details_path(record)}names: must be a list; ignored")
        names = []
    full = [_full_name(n) for n in sorted((n for n in names if isinstance(n, dict)), key=_legal_first)]
    full = [n for n in dict.fromkeys(full) if n]
    person_type = _text(details.get("personType"))
    note = _unspecified_note(details.get("unspecifiedPersonDetails") or details.get("missingInfoReason"))
    if full:
        return full[0], PERSON, full[1:], note
    name = {"anonymousPerson": "Anonymous person", "unknownPerson": "Unknown person"}.get(person_type)
    if name is None:
        warnings.append(f"{record.where}: a known person without a name; shown as 'Unnamed person'")
        name = "Unnamed person"
    return name, PERSON, [], note


def _legal_first(name: dict) -> int:
    return 0 if name.get("type") in ("legal", "individual") else 1


def _full_name(name: dict) -> str:
    full = _text(name.get("fullName"))
    if full:
        return full
    pieces = (name.get(key) for key in ("givenName", "patronymicName", "familyName"))
    return " ".join(_text(p) for p in pieces if _text(p))


def entity_names(record: Record, warnings: list[str]) -> tuple[str, str, list[str], str]:
    """(name, kind, aliases, note) of an entity statement."""
    details = record.details
    raw_type = details.get("entityType")
    type_ = _text(raw_type.get("type")) if isinstance(raw_type, dict) else _text(raw_type)
    type_details = _text(raw_type.get("details")) if isinstance(raw_type, dict) else ""
    kind = kind_from_entity_type(type_, type_details)
    aliases = details.get("alternateNames", [])
    aliases = [a for a in aliases if isinstance(a, str) and a.strip()] if isinstance(aliases, list) else []
    note = _unspecified_note(details.get("unspecifiedEntityDetails"))
    name = _text(details.get("name"))
    if not name:
        name = {"anonymousEntity": "Anonymous entity", "unknownEntity": "Unknown entity"}.get(type_, "")
    if not name:
        warnings.append(f"{record.where}: an entity without a name; shown as 'Unnamed entity'")
        name = "Unnamed entity"
    return name, kind, aliases, note


def _unspecified_note(value: Any) -> str:
    if isinstance(value, str):
        return value
    return unspecified_words(value) if isinstance(value, dict) else ""


def unspecified_words(value: Any) -> str:
    """Why BODS could not say who or what: 'interested party exempt from disclosure: listed on...'."""
    if not isinstance(value, dict):
        return ""
    reason, description = _text(value.get("reason")), _text(value.get("description"))
    return ": ".join(p for p in (words(reason) if reason else "", description) if p)


def entity_attributes(record: Record, warnings: list[str]) -> dict[str, Attribute]:
    """Founding and dissolution dates, identifiers and jurisdiction, where the statement gives them."""
    details, out = record.details, {}
    for key, name in (("foundingDate", "founded"), ("dissolutionDate", "dissolved")):
        date = read_date(details.get(key), f"{record.where}.{details_path(record)}{key}", warnings)
        if date:
            out[name] = Attribute(date.value, date)
    identifiers = details.get("identifiers", [])
    if isinstance(identifiers, list):
        ids = [" ".join(_text(i.get(k)) for k in ("scheme", "id") if _text(i.get(k)))
               for i in identifiers if isinstance(i, dict)]
        if any(ids):
            out["identifiers"] = Attribute("; ".join(i for i in ids if i))
    for key in ("jurisdiction", "incorporatedInJurisdiction"):
        place = details.get(key)
        if isinstance(place, dict) and (_text(place.get("name")) or _text(place.get("code"))):
            out["jurisdiction"] = Attribute(_text(place.get("name")) or _text(place.get("code")))
    return out


# --- references --------------------------------------------------------------------------------
def reference(value: Any, kind: str) -> tuple[str | None, dict | None]:
    """(record id, None) for a named party; (None, unspecified details) for an unknown one."""
    if isinstance(value, str) and value:
        return value, None
    if not isinstance(value, dict):
        return None, None
    for key in ("describedByEntityStatement", "describedByPersonStatement"):
        if isinstance(value.get(key), str) and value[key]:
            return value[key], None
    if "unspecified" in value:
        inner = value["unspecified"]
        return None, inner if isinstance(inner, dict) else {"reason": _text(inner)}
    if "reason" in value or "description" in value:
        return None, value
    return None, None


# --- interests ---------------------------------------------------------------------------------
@dataclass
class Fact:
    """One Stakemap relationship a BODS relationship gives rise to."""

    index: int  # of the interest it came from, -1 when made up
    kind: str
    share: Share = Share()
    basis: str = ""
    role: str = ""
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    notes: list[str] = field(default_factory=list)


def interest_facts(record: Record, person: bool, warnings: list[str]) -> list[Fact]:
    """Ownership from share interests, positions from a person's control interests."""
    where = f"{record.where}.{details_path(record)}interests"
    raw = record.details.get("interests", [])
    if not isinstance(raw, list):
        warnings.append(f"{where}: must be a list; read as no interests")
        raw = []
    holdings, voting, controls = [], [], []
    for index, interest in enumerate(raw):
        if not isinstance(interest, dict):
            warnings.append(f"{where}[{index}]: must be an object; skipped")
            continue
        fact, type_ = _interest(interest, index, person, f"{where}[{index}]", warnings)
        target = holdings if type_ == "shareholding" or (not type_ and fact.share.disclosed) else (
            voting if type_ == "votingRights" else controls)
        target.append(fact)
    return _combine(holdings, voting, controls, person)


def _interest(interest: dict, index: int, person: bool, where: str,
              warnings: list[str]) -> tuple[Fact, str]:
    type_ = camel_interest(_text(interest.get("type")))
    share, share_note = read_share(interest.get("share"), f"{where}.share", warnings)
    details = _text(interest.get("details"))
    fact = Fact(index, OWNERSHIP, share, start=read_date(interest.get("startDate"), f"{where}.startDate",
                                                         warnings),
                end=read_date(interest.get("endDate"), f"{where}.endDate", warnings))
    if share_note:
        fact.notes.append(share_note)
    if type_ in SHARE_INTERESTS or not type_:
        if details.lower() in BASIS_WORDS:
            fact.basis = details.lower()
        elif details:
            fact.notes.append(f"BODS interest details: {details}")
        return fact, type_
    label = details or INTEREST_LABELS.get(type_, words(type_))
    if person:
        fact.kind, fact.role, fact.share = POSITION, label, Share()
    else:
        fact.notes.append(f"control: {label}")
    return fact, type_


def _combine(holdings: list[Fact], voting: list[Fact], controls: list[Fact], person: bool) -> list[Fact]:
    """One ownership per shareholding (else per voting interest); the rest as positions or notes."""
    owning = holdings or voting
    extra_notes = [f"voting rights {v.share.text or 'undisclosed'}%" for v in voting] if holdings else []
    positions = [c for c in controls if c.kind == POSITION]
    entity_controls = [c for c in controls if c.kind != POSITION]
    if not owning and entity_controls:
        owning = [entity_controls[0]]
        entity_controls = entity_controls[1:]
    if owning:
        owning[0].notes.extend(extra_notes + [n for c in entity_controls for n in c.notes])
    if not owning and not positions:
        owning = [Fact(-1, OWNERSHIP, notes=["BODS gives no interests"])]
    return owning + positions


def read_share(value: Any, where: str, warnings: list[str]) -> tuple[Share, str]:
    """A BODS share (0.4 numeric or 0.2/0.3 boolean exclusive bounds) and a note on exclusive ends."""
    if value is None:
        return Share(), ""
    if not isinstance(value, dict):
        warnings.append(f"{where}: must be an object; read as undisclosed")
        return Share(), ""
    try:
        if _number(value.get("exact")):
            return Share.exact(float(value["exact"])), ""
        low, low_open = _bound(value, "minimum", "exclusiveMinimum")
        high, high_open = _bound(value, "maximum", "exclusiveMaximum")
        if low is None and high is None:
            return Share(), ""
        share = Share(0.0 if low is None else low, 100.0 if high is None else high)
    except InvalidValueError as error:
        warnings.append(f"{where}: {error}; read as undisclosed")
        return Share(), ""
    if not (low_open or high_open):
        return share, ""
    return share, (f"BODS share: {'more than' if low_open else 'at least'} {share.low:g}% and "
                   f"{'less than' if high_open else 'at most'} {share.high:g}%")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _bound(share: dict, inclusive: str, exclusive: str) -> tuple[float | None, bool]:
    if _number(share.get(exclusive)):  # 0.4: the exclusive bound is the number itself
        return float(share[exclusive]), True
    if _number(share.get(inclusive)):  # 0.2/0.3: a boolean flag beside the number
        return float(share[inclusive]), share.get(exclusive) is True
    if inclusive in share or (exclusive in share and not isinstance(share[exclusive], bool)):
        raise InvalidValueError(f"'{inclusive}' must be a number")
    return None, False

