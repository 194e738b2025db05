"""Where each line's label stands: on its own line, clear of every box, every other label and every
other line, so that it can only be read as its own line's.

Labels are placed one line at a time in the order given (the view's own lines first), each at the
first free spot along its line, trying spots nearest the middle of the line first. A spot is free
when the label's plate overlaps no box and no placed label, keeps :data:`BOX_CLEARANCE` from boxes
that are not its line's ends, and no other line runs through it. Where no spot is free, the spot
breaking the fewest of these is taken.

>>> lines = {"r": [(0.0, 0.0), (0.0, 200.0)]}
>>> place_labels(lines, {"r": (40.0, 16.0)}, {}, {"r": ("a", "b")}, ["r"])
{'r': (0.0, 100.0)}
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .route import BoxIndex, Point, segment_hits_box

BOX_CLEARANCE = 8.0
LABEL_GAP = 3.0
CELL = 200.0
SPOTS = tuple(sorted((i / 20 for i in range(1, 20)), key=lambda t: (abs(t - 0.5), t)))


class _Grid:
    """Rectangles (or segments, by their bounds) bucketed on a grid of ``cell``-sized squares."""

    def __init__(self, cell: float = CELL) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list] = defaultdict(list)

    def _keys(self, box):
        c = self.cell
        x0, x1 = math.floor(box[0] / c), math.floor(box[2] / c)
        y0, y1 = math.floor(box[1] / c), math.floor(box[3] / c)
        return [(gx, gy) for gx in range(x0, x1 + 1) for gy in range(y0, y1 + 1)]

    def add(self, box, value) -> None:
        for key in self._keys(box):
            self.cells[key].append(value)

    def near(self, box) -> list:
        keys = self._keys(box)
        if len(keys) == 1:
            return self.cells.get(keys[0], [])
        found, seen = [], set()
        for key in keys:
            for value in self.cells.get(key, ()):
                if id(value) not in seen:
                    seen.add(id(value))
                    found.append(value)
        return found


def place_labels(lines: Mapping[str, Sequence[Point]], sizes: Mapping[str, tuple[float, float]],
                 boxes: Mapping[str, tuple[float, float, float, float]],
                 ends: Mapping[str, tuple[str, str]], order: Sequence[str],
                 first_choices: Mapping[str, Point] | None = None) -> dict[str, Point]:
    """Centre of each label (lines without a size get none), placed in ``order``; a line's spot in
    ``first_choices`` is tried before any other."""
    first_choices = first_choices or {}
    index = BoxIndex(boxes)
    owners: dict[tuple[Point, Point], set[str]] = {}  # lines sharing a trunk share its segments
    for rid, points in lines.items():
        for p, q in zip(points, points[1:], strict=False):
            owners.setdefault((p, q) if p <= q else (q, p), set()).add(rid)
    segments = _Grid(cell=80.0)
    for (p, q), rids in owners.items():
        segments.add((min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])), (rids, p, q))
    placed = _Grid()
    result: dict[str, Point] = {}
    for rid in order:
        if rid not in sizes or rid not in lines:
            continue
        best, best_faults = None, math.inf
        spots = _spots(lines[rid])
        if rid in first_choices:
            spots.insert(0, first_choices[rid])
        for spot in spots:
            faults = _faults(spot, sizes[rid], rid, ends[rid], index, segments, placed, best_faults)
            if faults < best_faults:
                best, best_faults = spot, faults
                if faults == 0:
                    break
        if best is None:
            continue
        result[rid] = best
        w, h = sizes[rid]
        placed.add(_rect(best, w + 2 * LABEL_GAP, h + 2 * LABEL_GAP), _rect(best, w, h))
    return result


def _rect(centre: Point, w: float, h: float):
    return (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)


def _spots(points: Sequence[Point]) -> list[Point]:
    """Candidate centres along the line, nearest its middle first."""
    lengths = [math.hypot(q[0] - p[0], q[1] - p[1]) for p, q in zip(points, points[1:], strict=False)]
    total = sum(lengths)
    if total == 0:
        return [points[0]]
    out = []
    for t in SPOTS:
        target = total * t
        for (p, q), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
            if target <= length and length > 0:
                f = target / length
                out.append((p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f))
                break
            target -= length
    for (p, q), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
        if length > 0:  # the middle of every piece: a stub into a stacked box is often the only free one
            out.append(((p[0] + q[0]) / 2, (p[1] + q[1]) / 2))
    return out


def _faults(spot: Point, size: tuple[float, float], rid: str, ends: tuple[str, str], index: BoxIndex,
            segments: _Grid, placed: _Grid, enough: float) -> float:
    """How badly a label at ``spot`` would read (0: not at all). Stops counting at ``enough``."""
    w, h = size
    plate = _rect(spot, w, h)
    faults = 0.0
    near = _rect(spot, w + 2 * BOX_CLEARANCE, h + 2 * BOX_CLEARANCE)
    for name in index.near(near):
        box = index.boxes[name]
        if _overlap(plate, box):
            faults += 4
        elif name not in ends and _overlap(near, box):
            faults += 3
        if faults >= enough:
            return faults
    for other in placed.near(plate):
        if _overlap(plate, other):
            faults += 3
            if faults >= enough:
                return faults
    for rids, p, q in segments.near(plate):
        if (len(rids) > 1 or rid not in rids) and segment_hits_box(p, q, plate):
            dist = _segment_distance(spot, p, q)
            faults += 2 if dist < 4 else 1
            if faults >= enough:
                return faults
    return faults


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _segment_distance(point: Point, p: Point, q: Point) -> float:
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((point[0] - p[0]) * dx + (point[1] - p[1]) * dy) / length))
    return math.hypot(point[0] - p[0] - t * dx, point[1] - p[1] - t * dy)
