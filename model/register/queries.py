"""Questions a register store answers: who is called this, and who owns or is owned by whom.

:func:`search` finds entities and persons by record id, identifier (LEI, company number) or name
(every word, the last as a prefix). :func:`neighbourhood` walks relationships from one or more
records, up to the owners, down to the holdings, or both, a hop at a time, keeping the nearest
first and at most ``cap`` entities; what it leaves out is counted per entity (the "+N" beyond each).
Both read only what is in force: today's current relationships, or those in force on ``as_of``.

>>> from model.register.engine import connect
>>> engine = connect(":memory:")
>>> search(engine, "acme")
[]
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from model.errors import InvalidValueError
from model.inforce import parse_as_of
from model.register.engine import Engine, words_of

DIRECTIONS = ("up", "down", "both")
DEFAULT_CAP = 500


@dataclass(frozen=True)
class Hit:
    """One entity or person a search found: its record id, name, kind, what matched, whether closed."""

    record_id: str
    name: str
    kind: str
    matched: str
    closed: bool = False


@dataclass(frozen=True)
class Neighbourhood:
    """Entities (record id -> hops from the centre), the relationships among them, and what was cut.

    ``hidden`` counts, per entity kept, its neighbours in the walked direction that are not in the
    piece (cut by the cap or lying beyond the last hop): the "+N" a picture puts beside it.
    ``cut`` is how many entities the cap left out at the hops it reached.
    """

    centre: tuple[str, ...]
    hops: dict[str, int]
    links: tuple[str, ...]
    hidden: dict[str, int] = field(default_factory=dict)
    cut: int = 0
    direction: str = "both"
    as_of: str | None = None

    @property
    def note(self) -> str:
        """What was left out, in words ('' when nothing was)."""
        beyond = sum(self.hidden.values())
        if not self.cut and not beyond:
            return ""
        parts = [f"{self.cut:,} entities over the cap of {len(self.hops):,} were left out"] * bool(self.cut)
        if beyond:
            count = sum(1 for n in self.hidden.values() if n)
            parts.append(f"{count:,} entities shown have {beyond:,} more relationships not shown")
        return "; ".join(parts)


# a record id, an identifier, a whole name: one question, so one round trip to a server
EXACT = ("SELECT 0, record_id, 'record id ' || record_id FROM records WHERE record_id = ? AND kind <> ? "
         "UNION ALL SELECT * FROM (SELECT 1, record_id, scheme || ' ' || value FROM identifiers "
         "WHERE value = ? LIMIT ?) i "
         "UNION ALL SELECT * FROM (SELECT 2, record_id, name FROM names WHERE lower(name) = ? LIMIT ?) n "
         "ORDER BY 1")


def search(engine: Engine, text: str, limit: int = 20) -> list[Hit]:
    """Entities and persons by record id, identifier or name: exact matches first."""
    text = text.strip()
    if not text:
        return []
    found: dict[str, str] = {}
    for _, record_id, matched in engine.rows(EXACT, (text, "relationship", text, limit, text.lower(), limit)):
        found.setdefault(record_id, matched.strip())
    words = words_of(text)
    if words and len(found) < limit:
        for record_id, name in engine.name_matches(words, limit * 3):
            found.setdefault(record_id, name)
    return _hits(engine, found, limit)


def _hits(engine: Engine, found: dict[str, str], limit: int) -> list[Hit]:
    if not found:
        return []
    condition, params = engine.among("record_id", list(found))
    rows = {r[0]: r for r in engine.rows(
        f"SELECT record_id, name, entity_kind, closed_date FROM records WHERE {condition} AND kind <> ?",
        [*params, "relationship"])}
    hits = [Hit(record_id, rows[record_id][1], rows[record_id][2], matched, rows[record_id][3] is not None)
            for record_id, matched in found.items() if record_id in rows]
    return hits[:limit]


def resolve(engine: Engine, text: str) -> Hit:
    """The one entity or person ``text`` names: its record id, an identifier, a name, or the only match.

    Raises :class:`InvalidValueError` naming the candidates when several match, or none.
    """
    hits = search(engine, text, limit=12)
    if not hits:
        raise InvalidValueError(f"nothing in the register is called or numbered '{text}'")
    exact = [h for h in hits if h.record_id == text or h.matched.lower() == text.strip().lower()
             or h.matched.endswith(f" {text.strip()}")]
    if len(exact) == 1 or len(hits) == 1:
        return exact[0] if exact else hits[0]
    listed = "\n".join(f"  {h.record_id}  {h.name} ({h.kind}{', closed' if h.closed else ''})"
                       for h in (exact or hits)[:10])
    raise InvalidValueError(f"'{text}' matches several entities; name one by its record id:\n{listed}")


def in_force(as_of: str | datetime.date | None) -> tuple[str, list]:
    """The condition on ``links`` for relationships in force: today's current ones, or on a day."""
    day = parse_as_of(as_of)
    if day is None:
        return "closed_date IS NULL AND end_date IS NULL", []
    text = day.isoformat()
    return ("(start_date IS NULL OR start_date <= ?) AND (end_date IS NULL OR end_date >= ?) "
            "AND (closed_date IS NULL OR closed_date > ?)", [text, text, text])


_UP, _DOWN = ("subject", "party"), ("party", "subject")  # (column matching the known end, the new end)


def neighbourhood(engine: Engine, centre: str | Sequence[str], hops: int = 2, direction: str = "both",
                  as_of: str | datetime.date | None = None, cap: int = DEFAULT_CAP) -> Neighbourhood:
    """The records within ``hops`` of the centre, walking up (owners), down (holdings) or both.

    Nearest first: every entity one hop away is kept before any two hops away; within a hop the
    bigger stakes come first. At most ``cap`` entities are kept; the rest are counted.
    """
    if direction not in DIRECTIONS:
        raise InvalidValueError(f"'{direction}' is not a direction; use up, down or both")
    if hops < 0:
        raise InvalidValueError("hops must be 0 or more")
    centre = (centre,) if isinstance(centre, str) else tuple(centre)
    condition, when = in_force(as_of)
    ways = {"up": (_UP,), "down": (_DOWN,), "both": (_UP, _DOWN)}[direction]
    kept: dict[str, int] = {record_id: 0 for record_id in centre}
    links: dict[str, None] = {}
    frontier, cut = list(centre), 0
    for depth in range(1, hops + 1):
        if not frontier or len(kept) >= cap:
            break
        candidates: dict[str, float] = {}
        for link_id, _near, far, share in _links_of(engine, frontier, ways, condition, when):
            if far is None or far in kept:
                links[link_id] = None
            else:
                candidates[far] = max(candidates.get(far, -1.0), share)
        order = sorted(candidates, key=lambda record_id: (-candidates[record_id], record_id))
        room = max(cap - len(kept), 0)
        cut += max(len(order) - room, 0)
        frontier = order[:room]
        kept.update((record_id, depth) for record_id in frontier)
    links.update((link_id, None) for link_id in _links_among(engine, list(kept), condition, when))
    hidden = _hidden(engine, kept, links, ways, condition, when)
    return Neighbourhood(centre, kept, tuple(links), hidden, cut, direction,
                         None if as_of is None else str(as_of))


# records asked about in one query: both ways name each twice, and old SQLite takes 999 parameters
CHUNK = 450


def _links_of(engine: Engine, ids: list[str], ways, condition: str, when: list):
    """(link id, known end, other end, share high or -1) of the in-force links at these records.

    Both ways are one query (a round trip to a server each, the time a neighbourhood mostly takes there).
    """
    yield from _each_way(engine, ids, ways, when, lambda near, far, among: (
        f"SELECT record_id, {near}, {far}, COALESCE(share_high, -1) FROM links "
        f"WHERE {among} AND {condition}"))


def _each_way(engine: Engine, ids: list[str], ways, when: list, select):
    """The rows of ``select(near column, far column, condition on near)`` for every way, asked as one
    query per chunk of ids."""
    for start in range(0, len(ids), CHUNK):
        parts, params = [], []
        for near_column, far_column in ways:
            among, values = engine.among(near_column, ids[start:start + CHUNK])
            parts.append(select(near_column, far_column, among))
            params += [*values, *when]
        yield from engine.rows(" UNION ALL ".join(parts), params)


def _links_among(engine: Engine, ids: list[str], condition: str, when: list) -> list[str]:
    """The in-force links whose holder is kept and whose held entity is kept (or whose holder is unknown)."""
    kept, out = set(ids), []
    for link_id, _subject, party, _ in _links_of(engine, ids, (_UP,), condition, when):
        if party is None or party in kept:
            out.append(link_id)
    return out


def _hidden(engine: Engine, kept: dict[str, int], links: dict[str, None], ways, condition: str,
            when: list) -> dict[str, int]:
    """Per kept entity, its in-force neighbours (in the walked directions) not kept."""
    hidden: dict[str, int] = {}
    ids = list(kept)
    for near, count in _each_way(engine, ids, ways, when, lambda near, far, among: (
            f"SELECT {near}, COUNT(*) FROM links WHERE {among} AND {far} IS NOT NULL AND {condition} "
            f"GROUP BY {near}")):
        hidden[near] = hidden.get(near, 0) + count
    if not hidden:
        return {}
    for subject, party in _ends(engine, list(links)):  # a link shown is no neighbour hidden
        if party is None:
            continue
        if _UP in ways and subject in hidden:
            hidden[subject] -= 1
        if _DOWN in ways and party in hidden:
            hidden[party] -= 1
    return {record_id: count for record_id, count in hidden.items() if count > 0}


def _ends(engine: Engine, link_ids: list[str]) -> list[tuple[str, str | None]]:
    out = []
    for start in range(0, len(link_ids), 2 * CHUNK):
        among, params = engine.among("record_id", link_ids[start:start + 2 * CHUNK])
        out += engine.rows(f"SELECT subject, party FROM links WHERE {among}", params)
    return out
