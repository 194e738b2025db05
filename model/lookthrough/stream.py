"""The look-through of many subjects as one JSON list, written subject by subject, holder by holder.

``stakemap lookthrough FILE --json`` answers for every owned entity of a file: at 50,000 entities
that is some 280,000 holders with as many chains, a few hundred megabytes of JSON. Built as one
structure and encoded at the end, it took minutes and gigabytes. Here each subject is written as
soon as it is known, from text made once per entity and per relationship (quoted ids and names,
each relationship's description), and each holder lists at most ``shown`` of its chains, biggest
first, and counts the rest (``paths_omitted``).

This is the one home of the look-through's JSON: :func:`model.lookthrough.report.to_dict` reads
back what :func:`write_json` writes for one subject. (A holder's fields are those of a row of
:func:`model.lookthrough.report.lookthrough_rows`, with its chains in place of their count; a test
holds the two equal.) The layout, one holder and one relationship a line::

    [
    {"subject_id": "b", "subject": "B", "as_of": null, "threshold": 25, "owners": [
     {"owner_id": "a", ..., "paths": [{"relationship_ids": ["r"], ...}], ..., "paths_omitted": 0}
    ], "relationships": {
     "r": {"owner_id": "a", "owned_id": "b", "share": "10-20", ...}
    }}
    ]

>>> import io
>>> from model.document import Document
>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> doc.add_entity(Entity("a", "A"))
>>> doc.add_entity(Entity("b", "B"))
>>> doc.add_relationship(Relationship("r", "ownership", "a", "b", Share(10, 20)))
>>> out = io.StringIO()
>>> write_json(doc, ["b"], out)
>>> answer = json.loads(out.getvalue())[0]
>>> owner = answer["owners"][0]
>>> owner["effective"], owner["paths_omitted"], answer["relationships"]["r"]["share"]
('10-20%', 0, '10-20')
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Iterator
from typing import TextIO

import numpy as np

from model.claims import unresolved
from model.document import Document
from model.lookthrough.halves import write_in_two
from model.lookthrough.stakes import DEFAULT_THRESHOLD, Chain, Interval, LookThrough, compute, rank_chains
from model.lookthrough.table import holder_table
from model.lookthrough.values import stake_text, verdict_of
from model.types import Relationship

# Chains listed per holder, biggest first; how many more there are is given as paths_omitted.
PATHS_SHOWN = 20
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)  # compact: the C encoder
_BOOL = ("false", "true")

# One holder of a subject: position, low and high in percent, unknown, direct, ultimate, its chains
# (as found), whether the search for them stopped short, and whether one passes through a cycle.
Holder = tuple[int, float, float, bool, bool, bool, list[Chain], bool, bool]


def every_holder(result: LookThrough, subject_ids: list[str], path_limit: int = 50
                 ) -> Iterator[tuple[str, list[Holder]]]:
    """Each subject with its holders, biggest first as :meth:`LookThrough.owners_of` orders them,
    and each holder's chains as :meth:`LookThrough.derivations_into` finds them (at most
    ``path_limit``), one subject at a time."""
    positions = [result._position(subject_id) for subject_id in subject_ids]
    table = holder_table(result, np.array(positions, dtype=np.int64))
    offsets = table.offsets.tolist()
    columns = [column.tolist() for column in (table.owner, table.low, table.high, table.unknown,
                                              table.direct, table.ultimate)]
    cyclic = result._cyclic.tolist()
    for number, (subject_id, owned) in enumerate(zip(subject_ids, positions, strict=True)):
        rows = range(offsets[number], offsets[number + 1])
        walked = result._chains_into(owned, path_limit, len(rows))
        holders = []
        for owner, low, high, unknown, direct, ultimate in zip(*(c[rows.start:rows.stop] for c in columns),
                                                               strict=True):
            if walked is None:  # the shared walk ran out of budget: one walk per holder
                chains, truncated = result._simple_chains(owner, owned, path_limit)
            else:
                chains, truncated = walked.get(owner, ([], False))
            circular = cyclic[owner] or any(chain[6] for chain in chains)
            holders.append((owner, low, high, unknown, direct, ultimate, chains, truncated, circular))
        yield subject_id, holders


def write_json(
    doc: Document,
    subject_ids: list[str],
    out: TextIO,
    threshold: float = DEFAULT_THRESHOLD,
    as_of: str | datetime.date | None = None,
    result: LookThrough | None = None,
    path_limit: int = 50,
    shown: int = PATHS_SHOWN,
    processes: int = 1,
) -> None:
    """The look-through of each subject, as a JSON list written to ``out`` (see the module
    docstring and :func:`model.lookthrough.report.to_dict` for the fields).

    With ``processes=2`` a big file's subjects may be written half here and half in a forked
    child (:mod:`model.lookthrough.halves`); the text is the same.
    """
    result = result or compute(doc, as_of)

    def write(subjects: list[str], out: TextIO, first: bool) -> None:
        text = _Text(doc, result, threshold)
        for number, (subject_id, holders) in enumerate(every_holder(result, subjects, path_limit)):
            out.write(("," if number or not first else "") + text.subject(subject_id, holders, shown))

    out.write("[")
    if processes < 2:
        write(subject_ids, out, True)
    else:
        positions = [result._position(subject_id) for subject_id in subject_ids]
        holders = np.diff(result._high.indptr)[positions]  # about the work of each subject
        write_in_two(subject_ids, holders, out, write)
    out.write("\n]\n")


def _number(value: float) -> str:
    """A number as the JSON encoder writes it (NaN and Infinity too)."""
    return float.__repr__(value) if math.isfinite(value) else _ENCODER.encode(value)


def _lines(items: list[str]) -> str:
    return "\n " + ",\n ".join(items) + "\n" if items else ""


class _Quoted(dict):
    """JSON strings by text, each encoded once."""

    def __missing__(self, key: str) -> str:
        value = self[key] = _ENCODER.encode(key)
        return value


class _Text:
    """The JSON text of a look-through, from pieces made once per entity, relationship and stake."""

    def __init__(self, doc: Document, result: LookThrough, threshold: float) -> None:
        self.doc, self.result, self.threshold = doc, result, threshold
        self.quoted = _Quoted()
        self.threshold_text = _ENCODER.encode(threshold)
        self.as_of_text = _ENCODER.encode(result.as_of.isoformat() if result.as_of else None)
        self.owner_heads: dict[int, str] = {}
        self.steps: dict[str, str] = {}

    def subject(self, subject_id: str, holders: list[Holder], shown: int) -> str:
        """One subject's object, after the newline that starts it.

        The hot loop of a big file's look-through: f-strings, ``!r`` for numbers (what the JSON
        encoder writes for a finite float; a chain's product is always finite, as every share is)
        and no object made per holder or chain that is not written.
        """
        quote = self.quoted.__getitem__
        owner_heads, owner_head, threshold = self.owner_heads, self._owner_head, self.threshold
        isfinite = math.isfinite
        after_verdict = f', "threshold": {self.threshold_text}, "ultimate": '
        factors: dict[str, Interval] = {}
        owners = []
        for owner, low, high, unknown, direct, ultimate, chains, truncated, circular in holders:
            paths = []
            for chain, path_low, path_high in rank_chains(chains)[:shown]:
                factors.update(zip(chain[0], chain[2], strict=True))  # a factor per relationship
                paths.append(
                    f'{{"relationship_ids": [{", ".join(map(quote, chain[0]))}], '
                    f'"entity_ids": [{", ".join(map(quote, chain[1]))}], '
                    f'"low": {path_low!r}, "high": {path_high!r}, "unknown": {_BOOL[chain[5]]}}}'
                )
            if isfinite(low) and isfinite(high):
                numbers = f'"low": {low!r}, "high": {high!r}'
            else:
                numbers = f'"low": {_number(low)}, "high": {_number(high)}'
            owners.append(
                f'{owner_heads.get(owner) or owner_head(owner)}'
                f'"effective": "{stake_text(low, high, unknown)}", {numbers}, "unknown": {_BOOL[unknown]}, '
                f'"verdict": {quote(verdict_of(low, high, threshold))}{after_verdict}{_BOOL[ultimate]}, '
                f'"direct": {_BOOL[direct]}, "paths": [{", ".join(paths)}], "circular": {_BOOL[circular]}, '
                f'"paths_truncated": {_BOOL[truncated]}, "paths_omitted": {len(chains) - len(paths)}}}'
            )
        steps = self.steps
        steps = [steps.get(rel_id) or self._step(rel_id, factor) for rel_id, factor in factors.items()]
        return (f'\n{{"subject_id": {quote(subject_id)}, '
                f'"subject": {quote(self.doc.entity(subject_id).name)}, "as_of": {self.as_of_text}, '
                f'"threshold": {self.threshold_text}, "owners": [{_lines(owners)}], '
                f'"relationships": {{{_lines(steps)}}}}}')

    def _owner_head(self, owner: int) -> str:
        entity = self.doc.entity(self.result.entity_ids[owner])
        quoted = self.quoted
        head = self.owner_heads[owner] = (
            f'{{"owner_id": {quoted[entity.id]}, "owner": {quoted[entity.name]}, '
            f'"kind": {quoted[entity.kind]}, ')
        return head

    def _step(self, rel_id: str, factor: Interval) -> str:
        description = _ENCODER.encode(step_json(self.result._relationship(rel_id), factor))
        step = self.steps[rel_id] = f"{self.quoted[rel_id]}: {description}"
        return step


def step_json(rel: Relationship, factor: Interval) -> dict:
    """A relationship on a chain: its ends, share as written, the factor used, status, dates and
    citations."""
    return {
        "owner_id": rel.subject,
        "owned_id": rel.object,
        "share": rel.share.text or "undisclosed",
        **({"sources_disagree": sorted({c.value for c in rel.claims if c.field == "share"})}
           if "share" in unresolved(rel) else {}),
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
