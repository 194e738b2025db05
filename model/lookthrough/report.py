"""Look-through answers for the command line: rows, a text table and JSON with the derivations.

``stakemap lookthrough FILE [--subject NAME] [--threshold 25] [--as-of YYYY-MM-DD] [--json]``
reads a document, finds the subject with :func:`find_entity`, and prints
:func:`render_table` of :func:`lookthrough_rows` or :func:`to_json`.

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
import json

from model.document import Document
from model.errors import InvalidValueError, UnknownIdError
from model.lookthrough.stakes import (
    DEFAULT_THRESHOLD,
    Derivation,
    EffectiveStake,
    Interval,
    LookThrough,
    Path,
    compute,
)
from model.types import Relationship

_COLUMNS = (
    ("owner", "Owner"),
    ("effective", "Effective"),
    ("verdict", "Verdict"),
    ("ultimate", "Ultimate"),
    ("direct", "Direct"),
    ("paths", "Paths"),
)


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
    ``high`` (percent), ``unknown``, ``verdict``, ``threshold``, ``ultimate``, ``direct`` and
    ``paths`` (the number of simple chains, up to ``path_limit``; '50+' when there are more).
    Pass a ``result`` of :func:`compute` to skip computing again.
    """
    result = result or compute(doc, as_of)
    derivations = result.derivations_into(subject_id, path_limit)
    return [
        _row(doc, stake, derivations[stake.owner_id], threshold)
        for stake in result.owners_of(subject_id, threshold)
    ]


def _row(doc: Document, stake: EffectiveStake, derivation: Derivation, threshold: float) -> dict:
    owner = doc.entity(stake.owner_id)
    count = len(derivation.paths)
    return {
        "owner_id": stake.owner_id,
        "owner": owner.name,
        "kind": owner.kind,
        "effective": stake.interval.text,
        "low": stake.interval.low,
        "high": stake.interval.high,
        "unknown": stake.unknown,
        "verdict": stake.verdict,
        "threshold": threshold,
        "ultimate": stake.is_ultimate,
        "direct": stake.is_direct,
        "paths": f"{count}+" if derivation.truncated else count,
        "circular": derivation.circular,
    }


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
) -> dict:
    """The look-through of one subject as data: every holder with its chains, and the citations.

    ``owners`` holds the rows of :func:`lookthrough_rows`, each with ``paths``: chains as
    ``relationship_ids`` and ``entity_ids`` with their product ``low``/``high`` in percent, and
    ``paths_truncated``. ``relationships`` describes, once, every relationship on those chains:
    its ends, share as written, the factor used (``low``/``high``), status, dates and citations.

    >>> import json
    >>> from model.types import Entity, Relationship, Share
    >>> doc = Document()
    >>> doc.add_entity(Entity("a", "A"))
    >>> doc.add_entity(Entity("b", "B"))
    >>> doc.add_relationship(Relationship("r", "ownership", "a", "b", Share(10, 20)))
    >>> answer = json.loads(to_json(doc, "b", indent=2))
    >>> answer["owners"][0]["effective"], answer["owners"][0]["paths"][0]["relationship_ids"]
    ('10-20%', ['r'])
    >>> answer["relationships"]["r"]["share"]
    '10-20'
    """
    result = result or compute(doc, as_of)
    owners = []
    steps: dict[str, dict] = {}
    derivations = result.derivations_into(subject_id, path_limit)
    for stake in result.owners_of(subject_id, threshold):
        derivation = derivations[stake.owner_id]
        owner = _row(doc, stake, derivation, threshold)
        owner["paths_truncated"] = derivation.truncated
        owner["paths"] = [_path_json(path, result, steps) for path in derivation.paths]
        owners.append(owner)
    return {
        "subject_id": subject_id,
        "subject": doc.entity(subject_id).name,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "threshold": threshold,
        "owners": owners,
        "relationships": steps,
    }


def to_json(
    doc: Document,
    subject_id: str,
    threshold: float = DEFAULT_THRESHOLD,
    as_of: str | datetime.date | None = None,
    result: LookThrough | None = None,
    path_limit: int = 50,
    indent: int | None = None,
) -> str:
    """:func:`to_dict` as JSON text; compact by default (the C encoder), ``indent=2`` for people."""
    answer = to_dict(doc, subject_id, threshold, as_of, result, path_limit)
    return json.dumps(answer, ensure_ascii=False, indent=indent)


def _path_json(path: Path, result: LookThrough, steps: dict[str, dict]) -> dict:
    if not steps.keys() >= set(path.relationship_ids):  # most chains share their steps
        for rel_id, factor in zip(path.relationship_ids, path.factors, strict=True):
            if rel_id not in steps:
                steps[rel_id] = _step_json(result._relationship(rel_id), factor)
    return {  # tuples: the encoder writes them as lists
        "relationship_ids": path.relationship_ids,
        "entity_ids": path.entity_ids,
        "low": path.product.low,
        "high": path.product.high,
        "unknown": path.product.unknown,
    }


def _step_json(rel: Relationship, factor: Interval) -> dict:
    return {
        "owner_id": rel.subject,
        "owned_id": rel.object,
        "share": rel.share.text or "undisclosed",
        "low": factor.low,
        "high": factor.high,
        "unknown": factor.unknown,
        "status": rel.status,
        "start": rel.start.value if rel.start else None,
        "end": rel.end.value if rel.end else None,
        "citations": [
            {"source_id": c.source_id, "start": c.start, "end": c.end, "quote": c.quote,
             "attributed_to": c.attributed_to}
            for c in rel.citations
        ],
    }
