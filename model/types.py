"""Plain values of the model: entities, relationships, shares, dates, sources and citations.

All of them are frozen dataclasses; a change makes a new value (``dataclasses.replace``), so an
undo command can keep the old one and put it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.errors import InvalidValueError
from model.wording import kind_verb

# Entity kinds. Organisations are every kind but a person.
COMPANY = "company"
BANK = "bank"
BUSINESS_UNIT = "business_unit"
PERSON = "person"
AUTHORITY = "authority"
OUTLET = "outlet"
OTHER = "other"
ENTITY_KINDS = (COMPANY, BANK, BUSINESS_UNIT, PERSON, AUTHORITY, OUTLET, OTHER)
ENTITY_KIND_LABELS = {
    COMPANY: "Company",
    BANK: "Bank",
    BUSINESS_UNIT: "Business unit",
    PERSON: "Person",
    AUTHORITY: "Authority / regulator",
    OUTLET: "Outlet / platform",
    OTHER: "Other organisation",
}

# Relationship kinds, each subject -> object.
OWNERSHIP = "ownership"
POSITION = "position"
REPORTING = "reporting"
LICENCE = "licence"
RELATIONSHIP_KINDS = (OWNERSHIP, POSITION, REPORTING, LICENCE)

# Which entity kinds may stand at each end of a relationship kind.
ORGANISATION_KINDS = frozenset(ENTITY_KINDS) - {PERSON}
ENDPOINT_KINDS = {
    OWNERSHIP: (frozenset(ENTITY_KINDS), ORGANISATION_KINDS),
    POSITION: (frozenset({PERSON}), ORGANISATION_KINDS),
    REPORTING: (frozenset({PERSON}), frozenset({PERSON})),
    LICENCE: (frozenset({AUTHORITY}), ORGANISATION_KINDS),
}

CURRENT = "current"
FORMER = "former"
PLANNED = "planned"
DISSOLVED = "dissolved"
STATUSES = (CURRENT, FORMER, PLANNED, DISSOLVED)

BASIS_WORDS = ("stake", "backed", "subsidiary", "division")

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def allowed_kinds(subject_kind: str, object_kind: str) -> list[str]:
    """The relationship kinds that make sense from one entity kind to another.

    >>> allowed_kinds(PERSON, PERSON)
    ['reporting']
    >>> allowed_kinds(COMPANY, BANK)
    ['ownership']
    """
    return [
        kind
        for kind in RELATIONSHIP_KINDS
        if subject_kind in ENDPOINT_KINDS[kind][0] and object_kind in ENDPOINT_KINDS[kind][1]
    ]


@dataclass(frozen=True)
class Share:
    """A percentage held: exact (low == high), a range, or undisclosed (both None).

    >>> Share.parse("29.5").text, Share.parse("25-50").text, Share.parse("").text
    ('29.5', '25-50', '')
    """

    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        if (self.low is None) != (self.high is None):
            raise InvalidValueError("a share range needs both ends, or neither when undisclosed")
        if self.low is None:
            return
        for end in (self.low, self.high):
            if isinstance(end, bool) or not isinstance(end, int | float) or end != end:
                raise InvalidValueError(f"a share must be a number, not {end!r}")
            if not 0 <= end <= 100:
                raise InvalidValueError(f"a share must be between 0 and 100%, not {_num(end)}%")
        if self.low > self.high:
            raise InvalidValueError(
                f"a share range must run low to high, not {_num(self.low)}-{_num(self.high)}"
            )

    @classmethod
    def exact(cls, value: float) -> Share:
        return cls(value, value)

    @classmethod
    def parse(cls, text: str) -> Share:
        """Read '29.5', '29.5%', '25-50' or '' (undisclosed); raise InvalidValueError otherwise."""
        cleaned = text.strip().replace("%", "").replace("\u2013", "-").replace(" ", "")
        if cleaned == "":
            return cls()
        parts = cleaned.split("-", 1) if "-" in cleaned[1:] else [cleaned]
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            raise InvalidValueError(
                f"'{text}' is not a share: write 29.5, a range such as 25-50, or leave it empty"
            ) from None
        return cls(numbers[0], numbers[-1])

    @property
    def disclosed(self) -> bool:
        return self.low is not None

    @property
    def is_exact(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def text(self) -> str:
        """'29.5', '25-50' or '' as the fact sheet writes it."""
        if self.low is None:
            return ""
        if self.is_exact:
            return _num(self.low)
        return f"{_num(self.low)}-{_num(self.high)}"


def _num(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to a day, a month or a year, with the words the source used.

    >>> FuzzyDate("2020-01", "In January").precision
    'month'
    """

    value: str
    text: str = ""

    def __post_init__(self) -> None:
        match = _DATE_RE.match(self.value)
        if not match:
            raise InvalidValueError(f"'{self.value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        _, month, day = match.groups()
        if month and not 1 <= int(month) <= 12:
            raise InvalidValueError(f"'{self.value}' has no month {month}")
        if day:
            import datetime

            try:
                datetime.date.fromisoformat(self.value)
            except ValueError:
                raise InvalidValueError(f"'{self.value}' is not a real day") from None

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]

    def __str__(self) -> str:
        return f"{self.value} ({self.text})" if self.text else self.value


# What kind of document a source is, most authoritative first: the default ranking of sources
# (:func:`model.claims.ranking`) puts a register above a filing above an article.
SOURCE_KINDS = ("register", "filing", "article", "other")


@dataclass(frozen=True)
class Source:
    """A document facts are cited from; ``text`` is its full text, offsets count its characters.
    ``rejected`` keeps the facts proposed from it that the user turned down, so reading it again
    does not propose them again (each as :attr:`model.extract.proposal.Proposal.key` writes it)."""

    id: str
    title: str
    publisher: str = ""
    date: str = ""
    url: str = ""
    text: str = ""
    rejected: tuple[str, ...] = ()
    kind: str = "article"

    def __post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise InvalidValueError(
                f"'{self.kind}' is not a kind of source; use one of {', '.join(SOURCE_KINDS)}"
            )


@dataclass(frozen=True)
class Citation:
    """Words quoted from a source: character offsets [start, end) into ``Source.text``.

    ``prefix`` and ``suffix`` hold a little text either side, as W3C Web Annotation's
    TextQuoteSelector does, so the quote can be found again if the text shifts.
    ``attributed_to`` is whom the source credits ("according to Tianyancha").
    """

    source_id: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    attributed_to: str = ""


# The parts of a relationship sources may disagree on, each a claim of its own.
CLAIM_FIELDS = ("share", "basis", "role", "status", "start", "end")


@dataclass(frozen=True)
class Claim:
    """What sources say of one part of a relationship: ``field`` (one of :data:`CLAIM_FIELDS`), its
    ``value`` written as the fact sheet writes it ('29.5', '25-50', 'former', '2019-05'), the
    sources that say so and their quotes. Sources that agree share one claim.

    >>> Claim("share", "30", ("s2",)).field
    'share'
    """

    field: str
    value: str
    sources: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        if self.field not in CLAIM_FIELDS:
            raise InvalidValueError(f"'{self.field}' is not a part of a relationship sources can claim; "
                                    f"use one of {', '.join(CLAIM_FIELDS)}")


@dataclass(frozen=True)
class Attribute:
    """One attribute value of an entity (founded, location...), with its date and citations."""

    value: str
    date: FuzzyDate | None = None
    citations: tuple[Citation, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class AttributeClaim:
    """What sources say of one attribute of an entity: its ``name`` ('jurisdiction', 'founded'), the
    ``attribute`` they state (value, date, quotes) and the ``sources`` that state it. Sources that agree
    share one claim; the rules are in :mod:`model.attribute_claims`."""

    name: str
    attribute: Attribute
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A company, bank, business unit, person, authority or outlet.

    ``note`` says why an analyst added what no citation supports.
    """

    id: str
    name: str
    kind: str = COMPANY
    aliases: tuple[str, ...] = ()
    attributes: dict[str, Attribute] = field(default_factory=dict, compare=True, hash=False)
    citations: tuple[Citation, ...] = ()
    note: str = ""
    merged_from: tuple[Merge, ...] = ()  # what merging made it of, latest last (Edit > Split undoes one)
    claims: tuple[AttributeClaim, ...] = ()  # empty while one source (or none) gives its attributes
    chosen: tuple[tuple[str, str], ...] = ()  # (attribute, value) the user chose among disagreeing claims

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidValueError("an entity needs a name")
        if self.kind not in ENTITY_KINDS:
            raise InvalidValueError(
                f"'{self.kind}' is not an entity kind; use one of {', '.join(ENTITY_KINDS)}"
            )

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def label(self) -> str:
        """Name, and the first alias beneath it where there is one."""
        return f"{self.name}\n{self.aliases[0]}" if self.aliases else self.name


@dataclass(frozen=True)
class Relationship:
    """A directed fact, subject -> object: ownership, position, reporting or licence.

    ``share`` and ``basis`` belong to ownership; ``role`` is the title of a position or the name
    of a licence.
    """

    id: str
    kind: str
    subject: str
    object: str
    share: Share = Share()
    basis: str = ""
    role: str = ""
    status: str = CURRENT
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    citations: tuple[Citation, ...] = ()
    note: str = ""
    claims: tuple[Claim, ...] = ()  # empty while one source (or none) speaks of it: the fields say it all
    chosen: tuple[tuple[str, str], ...] = ()  # (field, value) the user chose among disagreeing claims

    def __post_init__(self) -> None:
        if self.kind not in RELATIONSHIP_KINDS:
            raise InvalidValueError(
                f"'{self.kind}' is not a relationship kind; use one of {', '.join(RELATIONSHIP_KINDS)}"
            )
        if self.status not in STATUSES:
            raise InvalidValueError(
                f"'{self.status}' is not a status; use one of {', '.join(STATUSES)}"
            )
        if self.kind != OWNERSHIP and self.share.disclosed:
            raise InvalidValueError(f"a {self.kind} relationship has no share")

    @property
    def label(self) -> str:
        """What the canvas writes on the line: '29.5%', 'backed, size undisclosed', a role, or the verb;
        while sources disagree, with a mark saying so (:func:`model.claims.label_mark`)."""
        if self.kind == OWNERSHIP:
            disclosed = self.share.disclosed
            text = f"{self.share.text}%" if disclosed else f"{self.basis or 'stake'}, size undisclosed"
        else:
            text = self.role or kind_verb(self.kind)
        if not self.claims:  # most lines: one source, nothing to mark
            return text
        from model.claims import label_mark  # here: model.claims builds on this module

        return text + label_mark(self)


@dataclass(frozen=True)
class Merge:
    """What one merge of two entities changed, so that splitting gives back exactly what was there:
    the entity kept as it was before, the one absorbed, every relationship of either before the merge,
    the absorbed entity's pins (view, x, y), and the ids of the merged entity's relationships just
    after the merge (those a split replaces; lines added later stay with the kept entity)."""

    kept: Entity
    absorbed: Entity
    relationships: tuple[Relationship, ...] = ()
    pins: tuple[tuple[str, float, float], ...] = ()
    after: tuple[str, ...] = ()
