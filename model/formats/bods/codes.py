"""What Stakemap's kinds, roles and statuses are called in the Beneficial Ownership Data Standard.

Shared by :mod:`model.formats.bods.write` and :mod:`model.formats.bods.read` so that a project written to
BODS 0.4 reads back as the same project as far as BODS can carry it (see the README's table of
what each format keeps).

Where BODS has no field for something Stakemap knows (a date's precision and wording, the offsets
of a quote, a relationship that is only planned), the export adds a ``commenting`` annotation whose
``description`` a person can read and whose custom ``stakemap`` property Stakemap reads back; the
0.4 schema invites such custom properties on annotations.
"""

from __future__ import annotations

import re

from model.types import (
    AUTHORITY,
    BANK,
    BUSINESS_UNIT,
    COMPANY,
    ENTITY_KIND_LABELS,
    OTHER,
    OUTLET,
    PERSON,
)

BODS_VERSION = "0.4"
STAKEMAP_KEY = "stakemap"  # the custom property of a Stakemap annotation

# Entity kind -> (entityType.type, entityType.subtype or None); entityType.details holds the label.
ENTITY_TYPES: dict[str, tuple[str, str | None]] = {
    COMPANY: ("registeredEntity", None),
    BANK: ("registeredEntity", None),
    OUTLET: ("registeredEntity", None),
    BUSINESS_UNIT: ("legalEntity", "other"),
    AUTHORITY: ("stateBody", "other"),
    OTHER: ("legalEntity", None),
}

# entityType.type -> kind, where details do not name a Stakemap kind.
KIND_OF_ENTITY_TYPE = {"stateBody": AUTHORITY, "state": AUTHORITY, "arrangement": OTHER}

_KIND_BY_LABEL = {label.lower(): kind for kind, label in ENTITY_KIND_LABELS.items() if kind != PERSON}

# Words of a position's role -> the BODS 0.4 interest type (interestType codelist); first match wins.
ROLE_INTERESTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bchair", re.I), "boardChair"),
    (re.compile(r"\b(director|board member|non-executive)\b", re.I), "boardMember"),
    (re.compile(r"\b(president|chief|ceo|cfo|coo|executive|manag|head|officer|secretary)", re.I),
     "seniorManagingOfficial"),
    (re.compile(r"\btrustee\b", re.I), "trustee"),
    (re.compile(r"\bsettlor\b", re.I), "settlor"),
    (re.compile(r"\bprotector\b", re.I), "protector"),
    (re.compile(r"\bnominee\b", re.I), "nominee"),
)
DEFAULT_POSITION_INTEREST = "otherInfluenceOrControl"

# Interest types that are a holding of a share rather than a position of control.
SHARE_INTERESTS = ("shareholding", "votingRights")

# What the import writes as a role when an interest carries no details. 0.2 spelt types with hyphens.
INTEREST_LABELS = {
    "boardChair": "chair of the board",
    "boardMember": "board member",
    "seniorManagingOfficial": "senior managing official",
    "appointmentOfBoard": "appoints the board",
    "otherInfluenceOrControl": "other influence or control",
}

# The source of a statement no citation supports; the import does not cite it back.
ANALYST_SOURCE = {"type": ["primaryResearch"], "description": "Asserted by the analyst; no source cited."}

SOURCE_TYPES = ("selfDeclaration", "officialRegister", "thirdParty", "primaryResearch", "verified")


def interest_for_role(role: str) -> str:
    """The BODS interest type that fits a position's title.

    >>> interest_for_role("chairman"), interest_for_role("vice president"), interest_for_role("adviser")
    ('boardChair', 'seniorManagingOfficial', 'otherInfluenceOrControl')
    """
    for pattern, interest in ROLE_INTERESTS:
        if pattern.search(role):
            return interest
    return DEFAULT_POSITION_INTEREST


def kind_from_entity_type(type_: str, details: str) -> str:
    """The Stakemap kind of a BODS entity: from ``details`` where it names one, else from ``type``.

    >>> kind_from_entity_type("registeredEntity", "Bank"), kind_from_entity_type("stateBody", "")
    ('bank', 'authority')
    """
    by_label = _KIND_BY_LABEL.get(details.strip().lower())
    if by_label:
        return by_label
    return KIND_OF_ENTITY_TYPE.get(type_, COMPANY)


def camel_interest(type_: str) -> str:
    """0.2's hyphenated interest types in 0.3/0.4 spelling ('voting-rights' -> 'votingRights')."""
    head, *rest = type_.split("-")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def full_date(value: str) -> str:
    """A Stakemap date as the YYYY-MM-DD BODS asks for, rounded to the first day as BODS allows.

    >>> full_date("2020-01"), full_date("2019")
    ('2020-01-01', '2019-01-01')
    """
    parts = value.split("-")
    parts += ["01"] * (3 - len(parts))
    return "-".join(parts)
