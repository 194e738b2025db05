"""Placing the laid-out components of :func:`model.layout.layered.layered_layout`: packing and pinned nodes.

Components without pinned nodes are packed into a near-square block, largest first, with a skyline
("bottom-left") packer: each box goes where its top edge is highest, then leftmost, within a target
width of about the square root of the total area. Components holding pinned nodes are moved as a
whole by the mean offset between their pins and where the layout put those nodes, the pinned nodes
are then set exactly on their pins, and unpinned nodes that would overlap a pinned node (or a node
of an earlier pinned component) are pushed right along their row, the rest of the row with them.
The packed block then goes below everything pinned.

>>> pack_boxes([(100.0, 50.0), (40.0, 40.0), (40.0, 40.0)], gap=10.0)
[(0.0, 0.0), (0.0, 60.0), (50.0, 60.0)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def pack_boxes(sizes: Sequence[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """Top-left corner for each (width, height) box, packed near-square; boxes keep ``gap`` apart.

    Boxes are placed in order of decreasing area (ties: input order), each at the highest, then
    leftmost, spot of a skyline whose width is the larger of the widest box and the square root
    of the total area (gaps included).
    """
    if not sizes:
        return []
    area = sum((w + gap) * (h + gap) for w, h in sizes)
    limit = max(max(w for w, _ in sizes) + gap, math.sqrt(area))
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i][0] * sizes[i][1])
    skyline = [[0.0, limit, 0.0]]  # segments [x, width, first free y]
    corners: list[tuple[float, float]] = [(0.0, 0.0)] * len(sizes)
    for i in order:
        width, height = sizes[i][0] + gap, sizes[i][1] + gap
        index, y = _lowest_spot(skyline, width, limit)
        x = skyline[index][0]
        corners[i] = (x, y)
        _raise_skyline(skyline, index, width, y + height)
    return corners


def _lowest_spot(skyline: list[list[float]], width: float, limit: float) -> tuple[int, float]:
    """Segment index and y where a box of ``width`` starting at that segment sits highest."""
    best_index, best_y = 0, math.inf
    for i, (x, _, _) in enumerate(skyline):
        if x + width > limit + 1e-9 and i > 0:
            break
        y, reach, j = 0.0, x, i
        while reach < x + width - 1e-9 and j < len(skyline):
            y = max(y, skyline[j][2])
            reach = skyline[j][0] + skyline[j][1]
            j += 1
        if y < best_y:
            best_index, best_y = i, y
    return best_index, best_y


def _raise_skyline(skyline: list[list[float]], index: int, width: float, top: float) -> None:
    """Cover ``width`` from segment ``index`` onwards with a segment at level ``top``."""
    x = skyline[index][0]
    end = x + width
    j = index
    while j < len(skyline) and skyline[j][0] + skyline[j][1] <= end + 1e-9:
        j += 1
    rest = []
    if j < len(skyline) and skyline[j][0] < end:
        seg_end = skyline[j][0] + skyline[j][1]
        rest = [[end, seg_end - end, skyline[j][2]]]
        j += 1
    new = [[x, max(width, 0.0), top]] + rest
    skyline[index:j] = new
    if index > 0 and skyline[index - 1][2] == top:
        skyline[index - 1][1] += skyline[index][1]
        del skyline[index]


def pin_components(x: np.ndarray, y: np.ndarray, comp: np.ndarray, pinned_nodes: np.ndarray,
                   pins: np.ndarray) -> np.ndarray:
    """Move each component holding pinned nodes onto its pins; return the mask of moved nodes.

    ``pinned_nodes`` are node indices and ``pins`` their (x, y) centres. The component is shifted
    by the mean offset from its laid-out pinned nodes to their pins, then the pinned nodes are set
    exactly on their pins.
    """
    n_comp = int(comp.max()) + 1
    counts = np.bincount(comp[pinned_nodes], minlength=n_comp)
    dx = np.bincount(comp[pinned_nodes], weights=pins[:, 0] - x[pinned_nodes], minlength=n_comp)
    dy = np.bincount(comp[pinned_nodes], weights=pins[:, 1] - y[pinned_nodes], minlength=n_comp)
    anchored = counts > 0
    moved = anchored[comp]
    x[moved] += (dx / np.maximum(counts, 1))[comp[moved]]
    y[moved] += (dy / np.maximum(counts, 1))[comp[moved]]
    x[pinned_nodes] = pins[:, 0]
    y[pinned_nodes] = pins[:, 1]
    return moved


def push_off_obstacles(x: np.ndarray, y: np.ndarray, rows: list[np.ndarray], half_size: np.ndarray,
                       obstacles: list[tuple[float, float, float, float]], clearance: float) -> None:
    """Push the nodes of each row right, in order, until none overlaps an obstacle box.

    ``rows`` lists node indices sharing a y, left to right; ``half_size`` holds each node's half
    width and half height; ``obstacles`` are boxes (x0, y0, x1, y1), to which each row's boxes are
    added once placed, so later rows avoid earlier ones. ``clearance`` is kept free around obstacles.
    Every node of a row moves at least as far as the node before it, so a row's spacing never shrinks.
    """
    for row in rows:
        shift = 0.0
        for node in row.tolist():
            x[node] += shift
            step = _clearing_step(x[node], y[node], half_size[node], obstacles, clearance)
            while step > 0:
                x[node] += step
                shift += step
                step = _clearing_step(x[node], y[node], half_size[node], obstacles, clearance)
        for node in row.tolist():
            half_w, half_h = half_size[node]
            obstacles.append((x[node] - half_w, y[node] - half_h, x[node] + half_w, y[node] + half_h))


def _clearing_step(cx: float, cy: float, half: np.ndarray, obstacles, clearance: float) -> float:
    """How far right a box must move to clear the first obstacle it overlaps (0 if none)."""
    half_w, half_h = float(half[0]), float(half[1])
    left, right, top, bottom = cx - half_w, cx + half_w, cy - half_h, cy + half_h
    for x0, y0, x1, y1 in obstacles:
        overlaps_x = x0 - clearance < right and left < x1 + clearance
        if overlaps_x and y0 - clearance < bottom and top < y1 + clearance:
            return x1 + clearance - left
    return 0.0
