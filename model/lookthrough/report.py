"""Look-through answers for the command line: rows, a text table and JSON with the derivations.

``stakemap lookthrough FILE [--subject NAME] [--threshold 25] [--as-of YYYY-MM-DD] [--json]``
reads a document, finds the subject with :func:`find_entity`, and prints
:func:`render_table` of :func:`lookthrough_rows`, or JSON (:mod:`model.lookthrough.stream`).

>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> doc.add_entity(Entity("p", "Pat Lee", "person"))
>>> doc.add_entity(Entity("a", "Acme Holdings", aliases=("Acme",)))
>>> doc.add_entity(Entity("b", "Beta Bank", "bank"))
>>> doc.add_relationship(Relationship("r1", "ownership", "p", "a", Share.exact(60)))
>>> doc.add_relationship(Relationship("r2", "ownership", "a", "b", Share.exact(50)))
>>> print(render_table(lookthrough_rows(doc, find_entity(doc, "beta bank"))))
Owner          Effective  Verdict (25%)    Ultimate  Direct  Paths
-------------  ---------  ---------------  --------  ------  -----
Acme Holdings  50%        certainly above  no        yes     1
Pat Lee        30%        certainly above  yes       no      1
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterator

from model.claims import looked_share, unresolved
from model.document import Document
from model.errors import InvalidValueError, UnknownIdError
from model.lookthrough.stakes import DEFAULT_THRESHOLD, Interval, LookThrough, compute
from model.lookthrough.stream import PATHS_SHOWN, every_holder, write_json
from model.types import Entity

_COLUMNS = (
    ("owner", "Owner"),
    ("effective", "Effective"),
    ("verdict", "Verdict"),
    ("ultimate", "Ultimate"),
    ("direct", "Direct"),
    ("paths", "Paths"),
)


def dispute_notes(doc: Document, subject_id: str | None = None) -> list[str]:
    """What the look-through says of shares sources disagree on and the user has not chosen among:
    each is looked through as the interval spanning the claims. ``subject_id``: only those whose
    lines touch the owned entity's chains would be exact; every such line of the document is
    listed, or those into ``subject_id`` when given.

    >>> from model.types import Claim, Relationship, Share
    >>> doc = Document()
    >>> doc.add_entity(Entity("a", "A")); doc.add_entity(Entity("b", "B"))
    >>> doc.add_relationship(Relationship("r", "ownership", "a", "b", Share.exact(30),
    ...     claims=(Claim("share", "29.5", ("s1",)), Claim("share", "30", ("s2",)))))
    >>> dispute_notes(doc)
    ['sources disagree on the share of A in B (29.5%, 30%): looked through as 29.5-30% until one is chosen']
    """
    notes = []
    for rel in doc.relationships("ownership"):
        if not rel.claims or (subject_id and rel.object != subject_id):
            continue
        span = looked_share(rel)
        if span == rel.share and "share" not in unresolved(rel):
            continue
        values = ", ".join(f"{c.value}%" for c in rel.claims if c.field == "share" and c.value)
        notes.append(f"sources disagree on the share of {doc.entity(rel.subject).name} in "
                     f"{doc.entity(rel.object).name} ({values}): looked through as {span.text}% "
                     "until one is chosen")
    return notes


def find_entity(doc: Document, name: str) -> str:
    """The id of the entity whose id, name or alias is ``name`` (case-insensitive).

    Falls back to a unique entity whose name or alias contains ``name``. Raises
    :class:`UnknownIdError` when nothing matches and :class:`InvalidValueError` when several do.

    >>> from model.types import Entity
    >>> doc = Document()
    >>> doc.add_entity(Entity("x", "Xiaomi Corporation", aliases=("小米",)))
    >>> find_entity(doc, "XIAOMI CORPORATION"), find_entity(doc, "小米"), find_entity(doc, "xiaomi")
    ('x', 'x', 'x')
    """
    wanted = name.strip().casefold()
    entities = doc.entities()
    exact = [e.id for e in entities if wanted in {e.id.casefold(), *_names(e)}]
    if not exact:
        exact = [e.id for e in entities if any(wanted in text for text in _names(e))]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise UnknownIdError(f"no entity is called '{name}'")
    listed = ", ".join(f"{doc.entity(i).name} ({i})" for i in exact[:10])
    raise InvalidValueError(f"'{name}' could be any of {len(exact)} entities: {listed}; give the id")


def _names(entity) -> set[str]:
    return {entity.name.casefold(), *(alias.casefold() for alias in entity.aliases)}


def lookthrough_rows(
    doc: Document,
    subject_id: str,
    threshold: float = DEFAULT_THRESHOLD,
    as_of: str | datetime.date | None = None,
    result: LookThrough | None = None,
    path_limit: int = 50,
) -> list[dict]:
    """One row per direct or indirect holder of the subject, biggest first.

    Each row holds ``owner_id``, ``owner`` (name), ``kind``, ``effective`` (text), ``low`` and
    ``high`` (percent), ``unknown``, ``verdict``, ``threshold``, ``ultimate``, ``direct``,
    ``paths`` (the number of simple chains, up to ``path_limit``; '50+' when there are more) and
    ``circular``. Pass a ``result`` of :func:`compute` to skip computing again.
    """
    ((_, rows),) = every_answer(doc, [subject_id], threshold, as_of, result, path_limit)
    return rows


def every_answer(
    doc: Document,
    subject_ids: list[str],
    threshold: float = DEFAULT_THRESHOLD,
    as_of: str | datetime.date | None = None,
    result: LookThrough | None = None,
    path_limit: int = 50,
) -> Iterator[tuple[str, list[dict]]]:
    """Each subject with its :func:`lookthrough_rows`, one subject at a time: for a whole file."""
    result = result or compute(doc, as_of)
    for subject_id, holders in every_holder(result, subject_ids, path_limit):
        yield subject_id, [
            _holder_row(doc.entity(result.entity_ids[owner]), Interval(low, high, unknown), threshold,
                        ultimate, direct, len(chains), truncated, circular)
            for owner, low, high, unknown, direct, ultimate, chains, truncated, circular in holders
        ]


def _holder_row(owner: Entity, interval: Interval, threshold: float, ultimate: bool, direct: bool,
                found: int, truncated: bool, circular: bool) -> dict:
    """One row of :func:`lookthrough_rows`: ``found`` chains, more when ``truncated``."""
    return {
        "owner_id": owner.id,
        "owner": owner.name,
        "kind": owner.kind,
        "effective": interval.text,
        "low": interval.low,
        "high": interval.high,
        "unknown": interval.unknown,
        "verdict": interval.verdict(threshold),
        "threshold": threshold,
        "ultimate": ultimate,
        "direct": direct,
        "paths": f"{found}+" if truncated else found,
        "circular": circular,
    }


def _found(row: dict) -> int:
    """How many chains a row's holder has (at least, when the count ends in '+')."""
    return int(str(row["paths"]).rstrip("+"))


def render_table(rows: list[dict]) -> str:
    """A plain-text table of :func:`lookthrough_rows`; notes under it explain the marks."""
    if not rows:
        return "No holder in force."
    threshold = rows[0]["threshold"]
    header = {key: title for key, title in _COLUMNS}
    header["verdict"] = f"Verdict ({threshold:g}%)"
    cells = [header] + [_cells(row) for row in rows]
    widths = {key: max(len(str(line[key])) for line in cells) for key, _ in _COLUMNS}
    lines = [_line(header, widths), _line({key: "-" * widths[key] for key in widths}, widths)]
    lines += [_line(line, widths) for line in cells[1:]]
    notes = []
    if any(row["unknown"] for row in rows):
        notes.append("* an undisclosed share lies on a chain: the low counts it as 0%")
    if any(row["circular"] for row in rows):
        notes.append("~ a chain passes through a cycle: the stake counts every turn round it")
    many = sum(_found(row) > PATHS_SHOWN for row in rows)
    if many:
        holders = "holder has" if many == 1 else "holders have"
        notes.append(f"{many} {holders} more than {PATHS_SHOWN} chains: --json lists the "
                     f"{PATHS_SHOWN} biggest of each and counts the rest (paths_omitted)")
    return "\n".join(lines + ([""] + notes if notes else []))


def _cells(row: dict) -> dict:
    marks = ("*" if row["unknown"] else "") + ("~" if row["circular"] else "")
    return {
        "owner": row["owner"],
        "effective": row["effective"] + marks,
        "verdict": row["verdict"],
        "ultimate": "yes" if row["ultimate"] else "no",
        "direct": "yes" if row["direct"] else "no",
        "paths": str(row["paths"]),
    }


def _line(cells: dict, widths: dict) -> str:
    return "  ".join(str(cells[key]).ljust(widths[key]) for key, _ in _COLUMNS).rstrip()


def to_dict(
    doc: Document,
    subject_id: str,
    threshold: float = DEFAULT_THRESHOLD,
    as_of: str | datetime.date | None = None,
    result: LookThrough | None = None,
    path_limit: int = 50,
    shown: int = PATHS_SHOWN,
) -> dict:
    """The look-through of one subject as data: every holder with its chains, and the citations.

    ``owners`` holds the rows of :func:`lookthrough_rows`, each with ``paths``: its ``shown``
    biggest chains as ``relationship_ids`` and ``entity_ids`` with their product ``low``/``high``
    in percent; ``paths_omitted``, how many more chains were found; and ``paths_truncated``, that
    the search stopped at ``path_limit`` chains, so there are more still. ``relationships``
    describes, once, every relationship on the chains listed: its ends, share as written, the
    factor used (``low``/``high``), status, dates and citations. It is what
    :func:`~model.lookthrough.stream.write_json` writes for the subject, read back.

    >>> from model.types import Entity, Relationship, Share
    >>> doc = Document()
    >>> doc.add_entity(Entity("a", "A"))
    >>> doc.add_entity(Entity("b", "B"))
    >>> doc.add_relationship(Relationship("r", "ownership", "a", "b", Share(10, 20)))
    >>> answer = json.loads(to_json(doc, "b", indent=2))
    >>> answer["owners"][0]["effective"], answer["owners"][0]["paths"][0]["relationship_ids"]
    ('10-20%', ['r'])
    >>> answer["owners"][0]["paths_omitted"], answer["relationships"]["r"]["share"]
    (0, '10-20')
    """
    out = io.StringIO()
    write_json(doc, [subject_id], out, threshold, as_of, result, path_limit, shown)
    return json.loads(out.getvalue())[0]


def to_json(
    doc: Document,
    subject_id: str,
    threshold: float = DEFAULT_THRESHOLD,
    as_of: str | datetime.date | None = None,
    result: LookThrough | None = None,
    path_limit: int = 50,
    indent: int | None = None,
) -> str:
    """:func:`to_dict` as JSON text; compact by default, ``indent=2`` for people."""
    answer = to_dict(doc, subject_id, threshold, as_of, result, path_limit)
    return json.dumps(answer, ensure_ascii=False, indent=indent)
