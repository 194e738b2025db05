"""Lines that run along one trunk: each is drawn on the canvas only where the others do not run.

A hub's stacked leaves (:mod:`model.layout.fold`) hang off a trunk: every line leaves the hub along
the same channel, turns down the same trunk and stops at its own row. Drawn whole, a hub of 2,000
leaves paints 2,000 lines over one another wherever the trunk is in sight (a tenth of a second a
frame), and each line's bounds span the whole column. Lines of one look that share every bend but
the last, whose last legs run the same way from the same point, are drawn shortest first: the
shortest whole, each next one only from where the one before it stops. The picture is the same;
each line's own piece is a row's height of trunk and its stub. (Lines sharing every bend but the
first, into the hub, are drawn the same way from their other end.)

A trim is ``("from", point)``: draw from ``point`` (on the last leg) to the end; or ``("to", point)``:
draw from the start to ``point`` (on the first leg).

>>> trunk = [(0.0, 0.0), (0.0, 10.0)]
>>> routes = {"a": ("s", "x", "k", (*trunk, (50.0, 10.0), (50.0, 40.0))),
...           "b": ("s", "y", "k", (*trunk, (50.0, 10.0), (50.0, 80.0))),
...           "c": ("s", "z", "k", (*trunk, (50.0, 10.0), (50.0, 120.0)))}
>>> shared_trims(routes)
{'b': ('from', (50.0, 40.0)), 'c': ('from', (50.0, 80.0))}
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping

Point = tuple[float, float]
Route = tuple[str, str, object, tuple[Point, ...]]  # subject, object, look, bends from subject to object


def _way(a: Point, b: Point) -> tuple[float, float] | None:
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length == 0:
        return None
    return (round((b[0] - a[0]) / length, 6), round((b[1] - a[1]) / length, 6))


def shared_trims(routes: Mapping[str, Route]) -> dict[str, tuple[str, Point]]:
    """Line id -> its trim, for the lines that run along another's route (others are drawn whole)."""
    heads: dict[tuple, list[tuple[Point, Point, str]]] = defaultdict(list)  # (turn, last bend, line)
    tails: dict[tuple, list[tuple[Point, Point, str]]] = defaultdict(list)
    for line_id, (subject, obj, look, bends) in routes.items():
        if len(bends) >= 2:
            heads[(subject, look, bends[:-1])].append((bends[-2], bends[-1], line_id))
            tails[(obj, look, bends[1:])].append((bends[1], bends[0], line_id))
    trims: dict[str, tuple[str, Point]] = {}
    for groups, side in ((heads, "from"), (tails, "to")):
        for members in groups.values():
            if len(members) < 2:  # (most lines: worked out no further)
                continue
            ways: dict[tuple[float, float], list[tuple[float, str, Point]]] = defaultdict(list)
            for turn, leg_end, line_id in members:
                way = _way(turn, leg_end)
                if way is not None:
                    ways[way].append((math.dist(turn, leg_end), line_id, leg_end))
            for along in ways.values():
                along.sort()
                for (_, _, before), (_, line_id, _) in zip(along, along[1:], strict=False):
                    trims.setdefault(line_id, (side, before))
    return trims
