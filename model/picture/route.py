"""Lines around boxes: check a line's route against every box, and find a way round when it hits one.

The layering's channel routes (:mod:`model.layout.layered`) and the stacks' trunks (:mod:`model.layout.fold`)
never pass through a box. Lines the layering does not carry do: a line to an entity the user
dragged, a line of another kind than the view's, a line between two packed pieces. For those,
:func:`route_around` searches a sparse orthogonal grid made of the lines just outside the nearby
boxes (the usual visibility-grid router of diagram editors), then pulls the path tight so that it
bends only where it must, around box corners.

>>> boxes = BoxIndex({"a": (0, 0, 100, 40), "b": (0, 400, 100, 440), "wall": (-50, 180, 150, 220)})
>>> hits(boxes, [(50, 20), (50, 420)], {"a", "b"})
True
>>> path = route_around(boxes, (50, 20), (50, 420), {"a", "b"})
>>> hits(boxes, path, {"a", "b"})
False
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1

CLEARANCE = 6.0  # a line keeps this far from a box it does not end at
DETOUR = 16.0  # grid lines stand this far outside the boxes they go round
BEND_COST = 40.0
CELL = 300.0


class BoxIndex:
    """Entity boxes bucketed on a grid, to find quickly which boxes lie near a segment."""

    def __init__(self, boxes: Mapping[str, Box] | None = None) -> None:
        self.boxes = dict(boxes or {})
        self._cells: dict[tuple[int, int], list[str]] | None = None  # made when first asked

    def _grid(self) -> dict[tuple[int, int], list[str]]:
        if self._cells is None:
            self._cells = defaultdict(list)
            for name, box in self.boxes.items():
                for key in _keys(box):
                    self._cells[key].append(name)
        return self._cells

    def add(self, name, box: Box) -> None:
        """One more box (placed labels join as they are placed)."""
        self.boxes[name] = box
        if self._cells is not None:
            for key in _keys(box):
                self._cells[key].append(name)

    def near(self, area: Box) -> set:
        """The names of the boxes in the grid cells ``area`` touches (a superset of those it overlaps)."""
        cells = self._grid()
        if (area[2] - area[0]) * (area[3] - area[1]) > 400 * CELL * CELL:
            return {n for n, b in self.boxes.items() if overlaps(b, area)}
        found: set = set()
        for key in _keys(area):
            found.update(cells.get(key, ()))
        return found


def _keys(box: Box):
    for gx in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1):
        for gy in range(math.floor(box[1] / CELL), math.floor(box[3] / CELL) + 1):
            yield gx, gy


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share some area (touching edges do not count)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def segment_hits_box(p: Point, q: Point, box: Box) -> bool:
    """Whether the segment pq enters the box (Liang-Barsky clipping).

    >>> segment_hits_box((0, 0), (10, 10), (4, 4, 6, 6)), segment_hits_box((0, 0), (10, 0), (4, 4, 6, 6))
    (True, False)
    """
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if pk == 0:
            if qk < 0:
                return False
            continue
        r = qk / pk
        if pk < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


def grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def first_hit(index: BoxIndex, p: Point, q: Point, ends: Iterable[str], clearance: float = CLEARANCE):
    """The first box (name) other than ``ends`` that segment pq passes within ``clearance`` of."""
    area = (min(p[0], q[0]) - clearance, min(p[1], q[1]) - clearance,
            max(p[0], q[0]) + clearance, max(p[1], q[1]) + clearance)
    skip = set(ends)
    for name in sorted(index.near(area) - skip):
        if segment_hits_box(p, q, grow(index.boxes[name], clearance)):
            return name
    return None


def hits(index: BoxIndex, points: Sequence[Point], ends: Iterable[str], clearance: float = CLEARANCE) -> bool:
    """Whether the polyline passes through (or within ``clearance`` of) a box not among ``ends``."""
    ends = set(ends)
    return any(first_hit(index, p, q, ends, clearance) is not None
               for p, q in zip(points, points[1:], strict=False))


def route_around(index: BoxIndex, start: Point, goal: Point, ends: Iterable[str]) -> list[Point]:
    """A polyline from ``start`` to ``goal`` clear of every box but ``ends``; the straight line when
    no way round is found (boxes walling an end in)."""
    ends = set(ends)
    margin = 2 * DETOUR + 120.0
    for _ in range(4):
        area = (min(start[0], goal[0]) - margin, min(start[1], goal[1]) - margin,
                max(start[0], goal[0]) + margin, max(start[1], goal[1]) + margin)
        path = _grid_path(index, start, goal, ends, area)
        if path is not None:
            return _pull_tight(index, path, ends)
        margin *= 3
    return [start, goal]


def _grid_path(index: BoxIndex, start: Point, goal: Point, ends: set[str], area: Box) -> list[Point] | None:
    """Shortest path with few bends on the grid of lines just outside the boxes in ``area``.

    Which grid points lie inside a box and which grid steps cross one are worked out for all of
    them at once (numpy slices per box), so the search itself only looks up booleans.
    """
    obstacles = [grow(index.boxes[n], CLEARANCE) for n in sorted(index.near(area) - ends)]
    xs = np.array(sorted({start[0], goal[0], *(b[0] - DETOUR for b in obstacles),
                          *(b[2] + DETOUR for b in obstacles)}))
    ys = np.array(sorted({start[1], goal[1], *(b[1] - DETOUR for b in obstacles),
                          *(b[3] + DETOUR for b in obstacles)}))
    inside = np.zeros((len(xs), len(ys)), dtype=bool)
    across = np.zeros((len(xs), len(ys)), dtype=bool)  # the step from (i, j) to (i + 1, j) is blocked
    down = np.zeros((len(xs), len(ys)), dtype=bool)  # the step from (i, j) to (i, j + 1) is blocked
    for x0, y0, x1, y1 in obstacles:
        i0, i1 = np.searchsorted(xs, x0, "right"), np.searchsorted(xs, x1, "left")
        j0, j1 = np.searchsorted(ys, y0, "right"), np.searchsorted(ys, y1, "left")
        inside[i0:i1, j0:j1] = True
        across[max(i0 - 1, 0):i1, j0:j1] = True
        down[i0:i1, max(j0 - 1, 0):j1] = True
    inside, across, down = inside.tolist(), across.tolist(), down.tolist()
    xl, yl = xs.tolist(), ys.tolist()
    source = (xl.index(start[0]), yl.index(start[1]))
    target = (xl.index(goal[0]), yl.index(goal[1]))
    best = {(source, -1): 0.0}
    queue = [(_distance(start, goal), 0.0, source, -1)]
    came: dict = {}
    steps = ((1, 0), (-1, 0), (0, 1), (0, -1))
    while queue:
        _, cost, node, heading = heapq.heappop(queue)
        if node == target:
            return _walk_back(came, (node, heading), xl, yl)
        if cost > best.get((node, heading), math.inf):
            continue
        i, j = node
        for direction, (di, dj) in enumerate(steps):
            ni, nj = i + di, j + dj
            if not (0 <= ni < len(xl) and 0 <= nj < len(yl)):
                continue
            if (ni, nj) != target and inside[ni][nj]:
                continue
            if (across[min(i, ni)][j] if di else down[i][min(j, nj)]):
                continue
            step = abs(xl[ni] - xl[i]) + abs(yl[nj] - yl[j])
            step += BEND_COST if heading not in (-1, direction) else 0.0
            key = ((ni, nj), direction)
            if cost + step < best.get(key, math.inf):
                best[key] = cost + step
                came[key] = (node, heading)
                heapq.heappush(queue, (cost + step + _distance((xl[ni], yl[nj]), goal), cost + step,
                                       (ni, nj), direction))
    return None


def _walk_back(came: dict, key, xs, ys) -> list[Point]:
    points = []
    while key in came:
        (i, j), _ = key
        points.append((xs[i], ys[j]))
        key = came[key]
    (i, j), _ = key
    points.append((xs[i], ys[j]))
    return points[::-1]


def _pull_tight(index: BoxIndex, path: list[Point], ends: set[str]) -> list[Point]:
    """Drop every corner the line can skip without touching a box (string pulling)."""
    out = [path[0]]
    i = 0
    while i < len(path) - 1:
        j = len(path) - 1
        while j > i + 1 and hits(index, [path[i], path[j]], ends):
            j -= 1
        out.append(path[j])
        i = j
    return out


def _distance(p: Point, q: Point) -> float:
    return math.hypot(q[0] - p[0], q[1] - p[1])
