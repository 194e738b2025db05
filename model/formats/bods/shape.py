"""A light check of BODS 0.4 statements against the standard's rules, as warnings for the importer.

Not the official validator (libcovebods is that): a small table of the fields people get wrong, so
that a file the importer reads leniently still tells its user what is wrong with it, place by place.

>>> check_statements([("$[0]", {"statementId": "short", "recordId": "e", "recordType": "entity",
...                              "declarationSubject": "e", "statementDate": "2020-01-01",
...                              "recordDetails": {"isComponent": False}})])
['$[0].statementId: must be 32 to 64 characters long', '$[0].recordDetails: entityType is missing']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from model.formats.bods.codes import SOURCE_TYPES

Check = Callable[[Any, str, list[str]], None]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
_VERSION = re.compile(r"^\d+\.\d+$")
_SCHEME = re.compile(r"^[A-Z]{2,3}-[A-Z0-9_]+$|^[A-Z]{4}$")  # org-id style, or a four-letter register


def _string(pattern: re.Pattern[str] | None = None, what: str = "") -> Check:
    def check(value: Any, where: str, out: list[str]) -> None:
        if not isinstance(value, str):
            out.append(f"{where}: must be a string")
        elif pattern is not None and not pattern.match(value):
            out.append(f"{where}: '{value[:40]}' is not {what}")
    return check


def _enum(*allowed: str) -> Check:
    def check(value: Any, where: str, out: list[str]) -> None:
        if value not in allowed:
            out.append(f"{where}: '{value}' is not one of {', '.join(allowed)}")
    return check


def _boolean(value: Any, where: str, out: list[str]) -> None:
    if not isinstance(value, bool):
        out.append(f"{where}: must be true or false")


def _obj(fields: dict[str, Check], required: tuple[str, ...] = ()) -> Check:
    def check(value: Any, where: str, out: list[str]) -> None:
        if not isinstance(value, dict):
            out.append(f"{where}: must be an object")
            return
        for key in required:
            if key not in value:
                out.append(f"{where}: {key} is missing")
        for key, field_check in fields.items():
            if key in value:
                field_check(value[key], f"{where}.{key}", out)
    return check


def _list(item: Check) -> Check:
    def check(value: Any, where: str, out: list[str]) -> None:
        if not isinstance(value, list):
            out.append(f"{where}: must be a list")
            return
        for i, element in enumerate(value):
            item(element, f"{where}[{i}]", out)
    return check


TEXT, DATE = _string(), _string(_DATE, "a YYYY-MM-DD date")
DATE_TIME = _string(_DATE_TIME, "a date or date-time")
PARTIAL = _string(_PARTIAL_DATE, "a YYYY, YYYY-MM or YYYY-MM-DD date")
URI = _string(_URI, "a URI")
AGENT = _obj({"name": TEXT, "uri": URI})
SOURCE = _obj({"type": _list(_enum(*SOURCE_TYPES)), "description": TEXT, "url": URI,
               "retrievedAt": DATE_TIME, "assertedBy": _list(AGENT)})
ANNOTATION = _obj({"statementPointerTarget": TEXT, "creationDate": DATE_TIME, "createdBy": AGENT,
                   "motivation": _enum("commenting", "correcting", "identifying", "linking",
                                       "transformation"),
                   "description": TEXT, "transformedContent": TEXT, "url": URI},
                  required=("statementPointerTarget", "motivation"))
PUBLICATION = _obj({"publicationDate": DATE_TIME, "bodsVersion": _string(_VERSION, "a version such as 0.4"),
                    "license": URI, "publisher": _obj({"name": TEXT, "url": URI})},
                   required=("publicationDate", "bodsVersion", "publisher"))
COUNTRY = _obj({"name": TEXT, "code": _string(re.compile(r"^[A-Za-z]{2}$"), "a two-letter code")},
               required=("name",))
UNSPECIFIED = _obj({"reason": _enum(
    "noBeneficialOwners", "subjectUnableToConfirmOrIdentifyBeneficialOwner",
    "interestedPartyHasNotProvidedInformation", "subjectExemptFromDisclosure",
    "interestedPartyExemptFromDisclosure", "unknown", "informationUnknownToPublisher"),
    "description": TEXT}, required=("reason",))
JURISDICTION = _obj({"name": TEXT, "code": _string(re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$"),
                                                   "a country or subdivision code")}, required=("name",))
IDENTIFIER = _obj({"id": TEXT, "scheme": _string(_SCHEME, "a known identifier scheme code"),
                   "schemeName": TEXT, "uri": URI})
ADDRESS = _obj({"type": TEXT, "address": TEXT, "postCode": TEXT, "country": COUNTRY})
NAME = _obj({"type": _enum("legal", "translation", "transliteration", "former", "alternative", "birth"),
             "fullName": TEXT, "familyName": TEXT, "givenName": TEXT, "patronymicName": TEXT})

DETAILS = {
    "entity": _obj({"isComponent": _boolean, "name": TEXT, "alternateNames": _list(TEXT),
                    "foundingDate": PARTIAL, "dissolutionDate": PARTIAL, "uri": URI,
                    "identifiers": _list(IDENTIFIER), "addresses": _list(ADDRESS),
                    "jurisdiction": JURISDICTION, "unspecifiedEntityDetails": UNSPECIFIED},
                   required=("isComponent", "entityType")),
    "person": _obj({"isComponent": _boolean, "personType": _enum("anonymousPerson", "unknownPerson",
                                                                 "knownPerson"),
                    "names": _list(NAME), "birthDate": PARTIAL, "deathDate": PARTIAL,
                    "identifiers": _list(IDENTIFIER), "addresses": _list(ADDRESS),
                    "nationalities": _list(COUNTRY), "unspecifiedPersonDetails": UNSPECIFIED},
                   required=("isComponent", "personType")),
    "relationship": _obj({"isComponent": _boolean, "componentRecords": _list(TEXT)},
                         required=("isComponent", "subject", "interestedParty")),
}


def check_statements(statements: list[tuple[str, Any]]) -> list[str]:
    """Warnings for statements that break the standard's rules (0.4 fields; order and ids in all)."""
    out: list[str] = []
    good = [(where, s) for where, s in statements if isinstance(s, dict)]
    records = {_id(s) for _, s in good}
    for where, statement in good:
        if "recordType" in statement:
            _check_statement(statement, where, out)
            subject = statement.get("declarationSubject")
            if isinstance(subject, str) and subject not in records:
                out.append(f"{where}.declarationSubject: '{subject}' names no record in the file")
    _check_ids(good, out)
    _check_references(good, out)
    return out


def _id(statement: dict) -> str | None:
    """The record's id (statement id in 0.2/0.3); None when it is not text, as a file may have it."""
    value = statement.get("recordId", statement.get("statementID"))
    return value if isinstance(value, str) else None


def _check_ids(statements: list[tuple[str, dict]], out: list[str]) -> None:
    seen: set[str] = set()
    for where, statement in statements:
        key = "statementId" if "recordType" in statement else "statementID"
        statement_id = statement.get(key)
        if isinstance(statement_id, str) and statement_id in seen:
            out.append(f"{where}.{key}: '{statement_id}' is used by an earlier statement")
        if isinstance(statement_id, str):
            seen.add(statement_id)


def _check_references(statements: list[tuple[str, dict]], out: list[str]) -> None:
    """Parties must be described before the relationship naming them; a beneficial owner is a person."""
    kinds: dict[Any, str] = {}
    referenced = set()
    for where, statement in statements:
        details = statement.get("recordDetails", statement)
        kind = statement.get("recordType") or statement.get("statementType", "")
        kinds.setdefault(_id(statement), kind)
        if not isinstance(details, dict) or kind not in ("relationship", "ownershipOrControlStatement"):
            continue
        for key in ("subject", "interestedParty"):
            ref = _reference(details.get(key))
            referenced.add(ref)
            if ref is not None and ref not in kinds:
                out.append(f"{where}: {key} '{ref}' is not described before this relationship")
        party = kinds.get(_reference(details.get("interestedParty")), "")
        interests = details.get("interests") if isinstance(details.get("interests"), list) else []
        if party not in ("person", "personStatement") and any(
                isinstance(i, dict) and i.get("beneficialOwnershipOrControl") is True for i in interests):
            out.append(f"{where}: a beneficial owner must be a person")
    for where, statement in statements:
        if statement.get("statementType") == "entityStatement" and _id(statement) not in referenced:
            out.append(f"{where}: the entity '{_id(statement)}' takes part in no relationship")


def _reference(value: Any) -> str | None:
    """The id a subject or interested party names; None unless it is text, whatever the file holds."""
    if isinstance(value, dict):
        value = value.get("describedByEntityStatement") or value.get("describedByPersonStatement")
    return value if isinstance(value, str) else None


def _check_statement(statement: dict, where: str, out: list[str]) -> None:
    statement_id = statement.get("statementId")
    if not isinstance(statement_id, str) or not 32 <= len(statement_id) <= 64:
        out.append(f"{where}.statementId: must be 32 to 64 characters long")
    for key in ("declarationSubject", "statementDate"):
        if key not in statement:
            out.append(f"{where}: {key} is missing")
    _obj({"declarationSubject": TEXT, "statementDate": DATE_TIME, "source": SOURCE,
          "annotations": _list(ANNOTATION), "publicationDetails": PUBLICATION,
          "recordStatus": _enum("new", "updated", "closed")})(
        statement, where, out)
    details = statement.get("recordDetails")
    if statement.get("recordType") == "entity" and isinstance(details, dict):
        _check_entity_type(details.get("entityType"), f"{where}.recordDetails.entityType", out)
    if statement.get("recordType") == "person" and isinstance(details, dict):
        _check_person_identifiers(details.get("identifiers"), f"{where}.recordDetails.identifiers", out)
    record_type = statement.get("recordType")
    check = DETAILS.get(record_type) if isinstance(record_type, str) else None
    if check is not None and "recordDetails" in statement:
        check(statement["recordDetails"], f"{where}.recordDetails", out)
    annotations = statement.get("annotations")
    for i, annotation in enumerate(annotations if isinstance(annotations, list) else []):
        if isinstance(annotation, dict):
            _check_annotation(statement, annotation, f"{where}.annotations[{i}]", out)


SUBTYPES = {"arrangement": ("trust", "nomination", "other"), "legalEntity": ("trust", "other"),
            "stateBody": ("governmentDepartment", "stateAgency", "other")}
ENTITY_TYPES = ("registeredEntity", "legalEntity", "arrangement", "anonymousEntity", "unknownEntity",
                "state", "stateBody")
_PERSON_SCHEME = re.compile(r"^[A-Z]{3}-(PASSPORT|TAXID|IDCARD)$")


def _check_entity_type(value: Any, where: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        if value is not None:
            out.append(f"{where}: must be an object")
        return
    type_, subtype = value.get("type"), value.get("subtype")
    if type_ not in ENTITY_TYPES:
        out.append(f"{where}.type: '{type_}' is not one of {', '.join(ENTITY_TYPES)}")
    elif subtype is not None and subtype not in SUBTYPES.get(type_, ("other",)):
        out.append(f"{where}.subtype: '{subtype}' does not go with the type '{type_}'")


def _check_person_identifiers(value: Any, where: str, out: list[str]) -> None:
    for i, identifier in enumerate(value if isinstance(value, list) else []):
        scheme = identifier.get("scheme") if isinstance(identifier, dict) else None
        if isinstance(scheme, str) and not _PERSON_SCHEME.match(scheme):
            out.append(f"{where}[{i}].scheme: '{scheme}' is not a passport, tax id or id card scheme "
                       "(such as GBR-PASSPORT)")


def _check_annotation(statement: dict, annotation: dict, where: str, out: list[str]) -> None:
    pointer = annotation.get("statementPointerTarget")
    if isinstance(pointer, str) and not _resolves(statement, pointer):
        out.append(f"{where}.statementPointerTarget: '{pointer}' points at nothing in the statement")
    motivation = annotation.get("motivation")
    if "transformedContent" in annotation and motivation != "transformation":
        out.append(f"{where}.transformedContent: only a 'transformation' annotation may have it")
    if motivation == "linking" and "url" not in annotation:
        out.append(f"{where}: a 'linking' annotation needs a url")


def _resolves(document: Any, pointer: str) -> bool:
    """Whether an RFC 6901 JSON pointer names something in the document."""
    if pointer == "":
        return True
    if not pointer.startswith("/"):
        return False
    for token in pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, dict) and token in document:
            document = document[token]
        elif isinstance(document, list) and token.isdigit() and int(token) < len(document):
            document = document[int(token)]
        else:
            return False
    return True
