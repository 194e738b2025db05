"""Benchmark of the look-through: run ``python tests/bench_lookthrough.py [--quick]``.

Builds synthetic documents with :class:`model.document.Document`: groups of companies under a few
people, each company held by one to three earlier members of its group, a few cross-holdings
between nearby groups, a few two- and three-company cycles, 10% ranges, 5% undisclosed stakes, a
few former and planned stakes. It prints, for 10,000 entities / 12,000 stakes and 50,000 / 60,000:

* ``compute``: the effective stake of every holder in every entity (lows, highs, unknown flags),
  from the document to the finished :class:`~model.lookthrough.stakes.LookThrough`;
* one entity's answer: its holders, their chains (``derivations_into``, what the look-through pane
  and ``to_json`` read) and the JSON with the citations (``to_json``), for a typical entity and for
  the one with the most holders; the first call after ``compute`` fills the snapshot's caches.

Times are the median and the best of several runs, in milliseconds. Not a pytest test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.document import Document  # noqa: E402
from model.inforce import ownership_in_force  # noqa: E402
from model.lookthrough.report import to_json  # noqa: E402
from model.lookthrough.stakes import compute  # noqa: E402
from model.types import Entity, FuzzyDate, Relationship, Share  # noqa: E402


class _Builder:
    """Adds stakes while keeping every entity's holders at 100% or less of it."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.doc = Document()
        self.room: dict[str, float] = {}
        self.pairs: set[tuple[str, str]] = set()
        self.stakes = 0

    def entity(self, entity_id: str, kind: str) -> None:
        self.doc.add_entity(Entity(entity_id, f"{kind.title()} {entity_id}", kind))
        self.room[entity_id] = 100.0

    def stake(self, owner: str, owned: str, most: float = 100.0) -> bool:
        if owner == owned or (owner, owned) in self.pairs or self.room[owned] < 1:
            return False
        point = round(self.rng.uniform(1, min(most, self.room[owned])), 1)
        self.room[owned] -= point
        self.pairs.add((owner, owned))
        self.stakes += 1
        self.doc.add_relationship(Relationship(
            f"r{self.stakes}", "ownership", owner, owned, self._share(point), **self._status()))
        return True

    def _share(self, point: float) -> Share:
        roll = self.rng.random()
        if roll < 0.05:
            return Share()
        if roll < 0.15:
            return Share(round(point * 0.7, 1), min(100.0, round(point * 1.3, 1)))
        return Share.exact(point)

    def _status(self) -> dict:
        roll = self.rng.random()
        if roll < 0.02:
            return {"status": "former", "start": FuzzyDate("2010"), "end": FuzzyDate("2018-06")}
        if roll < 0.03:
            return {"status": "planned"}
        return {}


def synthetic(entities: int, stakes: int, seed: int = 1) -> Document:
    """A document of about ``entities`` entities and exactly ``stakes`` ownership relationships."""
    rng = random.Random(seed)
    build = _Builder(rng)
    groups: list[list[str]] = []
    companies: list[tuple[int, int]] = []  # (group, position) of every company
    made = 0
    while made < entities:
        size = min(rng.randint(10, 70), entities - made)
        people = min(size, rng.randint(1, 4))
        group = []
        for position in range(size):
            entity_id = f"e{made}"
            build.entity(entity_id, "person" if position < people else "company")
            if position >= people:
                build.stake(group[rng.randrange(max(0, position - 8), position)], entity_id)
                companies.append((len(groups), position))
            group.append(entity_id)
            made += 1
        groups.append(group)
    cycles = max(3, entities // 500)
    for _ in range(cycles):
        _add_cycle(build, groups, companies)
    while build.stakes < stakes:
        group_index, position = rng.choice(companies)
        owned = groups[group_index][position]
        if rng.random() < 0.1:  # a cross-holding from a nearby earlier group
            source = groups[max(0, group_index - rng.randint(1, 5))]
            build.stake(rng.choice(source), owned, most=30)
        else:
            build.stake(groups[group_index][rng.randrange(0, position)], owned)
    return build.doc


def _add_cycle(build: _Builder, groups: list[list[str]], companies: list[tuple[int, int]]) -> None:
    """A company holding a small stake in one of its own holders, two or three steps up."""
    group_index, position = build.rng.choice(companies)
    group = groups[group_index]
    owned = group[position]
    holders = [rel.subject for rel in build.doc.relationships_of(owned) if rel.object == owned]
    if holders and build.doc.entity(holders[0]).kind != "person":
        build.stake(owned, holders[0], most=20)


def timed(function, repeat: int) -> tuple[float, float, object]:
    """Median and best wall time in ms, and the last result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), result


def bench(entities: int, stakes: int, repeat: int) -> None:
    start = time.perf_counter()
    doc = synthetic(entities, stakes)
    built = (time.perf_counter() - start) * 1000
    rels = doc.relationships()
    ranges = sum(1 for r in rels if r.share.disclosed and not r.share.is_exact)
    hidden = sum(1 for r in rels if not r.share.disclosed)
    print(f"\n{len(doc.entities()):,} entities, {len(rels):,} stakes "
          f"({ranges:,} ranges, {hidden:,} undisclosed); built in {built:.0f} ms (not timed below)")

    median, best, _ = timed(lambda: ownership_in_force(doc.relationships(), None), repeat)
    print(f"  document read + in-force filter         : median {median:7.1f} ms, best {best:7.1f} ms")
    median, best, result = timed(lambda: compute(doc), repeat)
    cyclic = int(result._cyclic.sum())
    print(f"  compute (every holder, every entity)    : median {median:7.1f} ms, best {best:7.1f} ms"
          f"   [{result._high.nnz:,} holder-entity pairs, {cyclic} entities in cycles]")

    counts = {entity_id: len(result.owners_of(entity_id)) for entity_id in result.entity_ids[::7]}
    ordered = sorted(counts, key=counts.get)
    for label, subject in (("typical", ordered[len(ordered) // 2]), ("most holders", ordered[-1])):
        first_chains = first_call(compute(doc), lambda r, s=subject: r.derivations_into(s))
        first_json = first_call(compute(doc), lambda r, s=subject: to_json(doc, s, result=r))
        fresh = compute(doc)
        median, best, _ = timed(lambda s=subject, r=fresh: r.owners_of(s), repeat * 4)
        print(f"  one entity, holders only {f'({label})':14s} : median {median:7.1f} ms, best {best:7.1f} ms")
        median, best, _ = timed(lambda s=subject, r=fresh: r.derivations_into(s), repeat * 4)
        print(f"  one entity with chains   {f'({label})':14s} : median {median:7.1f} ms, best {best:7.1f} ms"
              f"   [derivations_into; first call after compute {first_chains:.1f} ms]")
        median, best, text = timed(lambda s=subject, r=fresh: to_json(doc, s, result=r), repeat * 4)
        print(f"  one entity with paths    {f'({label})':14s} : median {median:7.1f} ms, best {best:7.1f} ms"
              f"   [to_json: {counts[subject]} holders, {text.count('relationship_ids')} paths; "
              f"first call after compute {first_json:.1f} ms]")


def first_call(result, function) -> float:
    """Wall time in ms of ``function(result)`` on a snapshot just computed (its caches empty)."""
    start = time.perf_counter()
    function(result)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 entities only")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    bench(10_000, 12_000, args.repeat)
    if not args.quick:
        bench(50_000, 60_000, max(3, args.repeat // 2))


if __name__ == "__main__":
    main()
