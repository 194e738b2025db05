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
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np

from model.picture.route import BoxIndex, Point, grow, overlaps

BOX_CLEARANCE = 8.0
LABEL_GAP = 3.0
CELL = 200.0
MAX_TRIES = 16  # spots checked against placed labels, least faulty first
MIN_SPOTS, MAX_SPOTS, SPOT_STEP = 11, 19, 6.0


@cache
def _fractions(count: int) -> tuple[float, ...]:
    """``count`` evenly spaced fractions of a line, nearest its middle first."""
    return tuple(sorted((i / (count + 1) for i in range(1, count + 1)), key=lambda t: (abs(t - 0.5), t)))


def place_labels(lines: Mapping[str, Sequence[Point]], sizes: Mapping[str, tuple[float, float]],
                 boxes: Mapping[str, tuple[float, float, float, float]],
                 ends: Mapping[str, tuple[str, str]], order: Sequence[str],
                 first_choices: Mapping[str, Point] | None = None) -> dict[str, Point]:
    """Centre of each label (lines without a size get none), placed in ``order``; a line's spot in
    ``first_choices`` is tried before any other.

    What a spot would cover (boxes, other lines) does not depend on the order, so it is judged for
    every spot of every line at once (numpy, a grid join); only the labels placed before are
    checked one line at a time. A picture of 10,000 lines takes about a second.
    """
    first_choices = first_choices or {}
    rids = [rid for rid in order if rid in sizes and rid in lines]
    if not rids:
        return {}
    spots, owner, rank = [], [], []
    for k, rid in enumerate(rids):
        mine = _spots(lines[rid])
        if rid in first_choices:
            mine.insert(0, first_choices[rid])
        spots += mine
        owner += [k] * len(mine)
        rank += range(len(mine))
    centres = np.array(spots, dtype=float)
    owner_array = np.array(owner)
    half = np.array([sizes[rid] for rid in rids], dtype=float)[owner_array] / 2
    plates = np.concatenate([centres - half, centres + half], axis=1)
    faults = (_box_faults(plates, owner_array, rids, boxes, ends)
              + _line_faults(plates, owner_array, rids, lines))
    # per line, its spots from the least faulty, then the most preferred
    by_line = np.lexsort((np.array(rank), faults, owner_array))
    starts = np.searchsorted(owner_array[by_line], np.arange(len(rids) + 1)).tolist()
    by_line = by_line.tolist()
    placed = BoxIndex()  # the labels placed so far, each with its gap around it
    fault_list = faults.tolist()  # (only the few plates tried are read: a list of all takes seconds)
    result: dict[str, Point] = {}
    for k, rid in enumerate(rids):
        best, best_faults = None, math.inf
        for c in by_line[starts[k]:min(starts[k + 1], starts[k] + MAX_TRIES)]:
            if fault_list[c] >= best_faults:
                break  # sorted: no later spot can do better
            plate = plates[c].tolist()
            crowded = 3 * sum(1 for other in placed.near(plate) if overlaps(plate, placed.boxes[other]))
            if fault_list[c] + crowded < best_faults:
                best, best_faults = c, fault_list[c] + crowded
        result[rid] = tuple(spots[best])
        x0, y0, x1, y1 = plates[best].tolist()
        placed.add(rid, grow((x0, y0, x1, y1), LABEL_GAP))
    return result


def _box_faults(plates: np.ndarray, owner: np.ndarray, rids: list[str], boxes: Mapping,
                ends: Mapping) -> np.ndarray:
    """Per spot: 4 for each box its plate covers, 3 for each box it comes within the clearance of
    (its own line's ends excepted)."""
    faults = np.zeros(len(plates))
    if not boxes:
        return faults
    names = list(boxes)
    box_array = np.array([boxes[n] for n in names], dtype=float)
    grown = plates + (-BOX_CLEARANCE, -BOX_CLEARANCE, BOX_CLEARANCE, BOX_CLEARANCE)
    spot, box = _join(grown, box_array)
    if not len(spot):
        return faults
    covered = _pair_overlap(plates[spot], box_array[box])
    number = {name: i for i, name in enumerate(names)}
    end_numbers = np.array([[number.get(ends[rid][0], -1), number.get(ends[rid][1], -1)] for rid in rids])
    own = (end_numbers[owner[spot], 0] == box) | (end_numbers[owner[spot], 1] == box)
    close = _pair_overlap(grown[spot], box_array[box]) & ~covered & ~own
    np.add.at(faults, spot, 4.0 * covered + 3.0 * close)
    return faults


def _line_faults(plates: np.ndarray, owner: np.ndarray, rids: list[str], lines: Mapping) -> np.ndarray:
    """Per spot: 2 for each piece of another line (or of a trunk shared with others) through its plate."""
    faults = np.zeros(len(plates))
    line_number = {rid: k for k, rid in enumerate(rids)}
    pieces: dict[tuple[Point, Point], list[int]] = {}
    for rid, points in lines.items():
        for p, q in zip(points, points[1:], strict=False):
            if p != q:
                pieces.setdefault((p, q) if p <= q else (q, p), []).append(line_number.get(rid, -1))
    if not pieces:
        return faults
    keys = list(pieces)
    segments = np.array([(*p, *q) for p, q in keys], dtype=float)
    only = np.array([owners[0] if len(owners) == 1 else -2 for owners in pieces.values()])
    bounds = np.stack([segments[:, [0, 2]].min(axis=1), segments[:, [1, 3]].min(axis=1),
                       segments[:, [0, 2]].max(axis=1), segments[:, [1, 3]].max(axis=1)], axis=1)
    spot, piece = _join(plates, bounds)
    if not len(spot):
        return faults
    others = only[piece] != owner[spot]
    spot, piece = spot[others], piece[others]
    crossing = _segment_enters(plates[spot], segments[piece])
    np.add.at(faults, spot, 2.0 * crossing)
    return faults


def _join(a: np.ndarray, b: np.ndarray, cell: float = CELL) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) of rectangles ``a[i]`` and ``b[j]`` whose bounds overlap (a grid join; a
    pair sharing several cells is counted in the first of them only)."""
    def cells(rects):
        grid = np.floor(rects / cell).astype(np.int64)
        gx0, gy0, gx1, gy1 = grid.T
        nx, ny = gx1 - gx0 + 1, gy1 - gy0 + 1
        count = nx * ny
        which = np.repeat(np.arange(len(rects)), count)
        step = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        x = gx0[which] + step // ny[which]
        y = gy0[which] + step % ny[which]
        return x * 2_000_003 + y, which, x, y, grid

    a_keys, a_which, a_x, a_y, a_grid = cells(a)
    b_keys, b_which, _, _, b_grid = cells(b)
    order = np.argsort(b_keys, kind="stable")
    b_keys, b_which = b_keys[order], b_which[order]
    lo = np.searchsorted(b_keys, a_keys, "left")
    count = np.searchsorted(b_keys, a_keys, "right") - lo
    entry = np.repeat(np.arange(len(a_keys)), count)
    j = b_which[np.repeat(lo, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)]
    i = a_which[entry]
    first = ((a_x[entry] == np.maximum(a_grid[i, 0], b_grid[j, 0]))
             & (a_y[entry] == np.maximum(a_grid[i, 1], b_grid[j, 1])))
    i, j = i[first], j[first]
    keep = _pair_overlap(a[i], b[j])
    return i[keep], j[keep]


def _pair_overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[:, 0] < b[:, 2]) & (b[:, 0] < a[:, 2]) & (a[:, 1] < b[:, 3]) & (b[:, 1] < a[:, 3])


def _segment_enters(rects: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Per pair, whether the segment enters the rectangle: bounds overlap (the join saw to it) and
    the rectangle's corners are not all on one side of the segment."""
    x0, y0, x1, y1 = segments.T
    dx, dy = x1 - x0, y1 - y0
    corners = ((0, 1), (2, 1), (0, 3), (2, 3))
    sides = [dx * (rects[:, cy] - y0) - dy * (rects[:, cx] - x0) for cx, cy in corners]
    above = (sides[0] > 0) & (sides[1] > 0) & (sides[2] > 0) & (sides[3] > 0)
    below = (sides[0] < 0) & (sides[1] < 0) & (sides[2] < 0) & (sides[3] < 0)
    return ~above & ~below


def _spots(points: Sequence[Point]) -> list[Point]:
    """Candidate centres along the line, nearest its middle first."""
    # hot (a dozen spots of every line of a picture): each piece's numbers are worked out once
    pieces = [(p[0], p[1], q[0] - p[0], q[1] - p[1], math.hypot(q[0] - p[0], q[1] - p[1]))
              for p, q in zip(points, points[1:], strict=False)]
    total = sum(piece[4] for piece in pieces)
    if total == 0:
        return [points[0]]
    out = []
    count = min(MAX_SPOTS, max(MIN_SPOTS, int(total / SPOT_STEP)))  # short lines are tried finely
    if len(pieces) == 1:
        x, y, dx, dy, length = pieces[0]
        out = [(x + dx * f, y + dy * f) for f in [total * t / length for t in _fractions(count)]]
    else:
        for t in _fractions(count):
            target = total * t
            for x, y, dx, dy, length in pieces:
                if target <= length and length > 0:
                    f = target / length
                    out.append((x + dx * f, y + dy * f))
                    break
                target -= length
    for p, q in zip(points, points[1:], strict=False):
        if p != q:  # the middle of every piece: a stub into a stacked box is often the only free one
            out.append(((p[0] + q[0]) / 2, (p[1] + q[1]) / 2))
    return out
