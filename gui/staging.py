"""What the scene has still to make or bring up to date, filed by where it stands on the picture.

A big picture is not made item by item before the window can paint: the canvas asks for what it shows
(:meth:`Backlog.take`), which is made at once, and the rest is made in slices between the user's
events (:meth:`Backlog.take_some`), nearest to what the canvas shows first. The bounds of every
segment are kept in arrays, so asking for a rectangle costs a fraction of a millisecond at 10,000 lines.

>>> backlog = Backlog()
>>> backlog.add_point("a", (10.0, 10.0))
>>> backlog.add_path("r", [(10.0, 10.0), (9000.0, 10.0)])
>>> backlog.add_elsewhere("hidden")
>>> sorted(backlog.take((5000.0, 0.0, 5100.0, 100.0)))
['r']
>>> backlog.take_some(10), len(backlog)
(['a', 'hidden'], 0)
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

Point = tuple[float, float]


class Backlog:
    """Ids waiting to be dealt with, each with the bounds of its segments (a box: of its centre, so ask
    with a rectangle grown by half a box); ids with no place on the picture wait until the end."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._segments: list[tuple[float, float, float, float, int]] = []  # x0, y0, x1, y1, index of id
        self._elsewhere: list[str] = []
        self._left = 0
        self._arrays: tuple[np.ndarray, ...] | None = None  # the segments' bounds and ids, once asked
        self._done: np.ndarray | None = None
        self._order: np.ndarray | None = None  # segments nearest the focus first
        self._next = 0
        self._focus: Point = (0.0, 0.0)

    def __len__(self) -> int:
        return self._left

    def clear(self) -> None:
        self.__init__()

    def add_point(self, item_id: str, point: Point) -> None:
        """File an id that stands at one point."""
        self.add_path(item_id, [point])

    def add_path(self, item_id: str, points: Iterable[Point]) -> None:
        """File an id drawn along ``points`` (segment by segment: a long line bending round a corner
        of the screen is not asked for by the whole rectangle it spans)."""
        index = len(self._ids)
        self._ids.append(item_id)
        self._left += 1
        points = list(points)
        segments = self._segments
        if len(points) == 1:
            (x, y), = points
            segments.append((x, y, x, y, index))
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            segments.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), index))
        self._arrays = None

    def add_elsewhere(self, item_id: str) -> None:
        """File an id the picture does not show: dealt with last."""
        self._elsewhere.append(item_id)
        self._left += 1

    def _ready(self) -> tuple[np.ndarray, ...]:
        if self._arrays is None:
            table = np.array(self._segments, dtype=float).reshape(-1, 5)
            self._arrays = (*table[:, :4].T, table[:, 4].astype(np.int64))
            done = np.zeros(len(self._ids), dtype=bool)
            if self._done is not None:
                done[:len(self._done)] = self._done
            self._done = done
            self._order = None
        return self._arrays

    def take(self, rect: tuple[float, float, float, float]) -> list[str]:
        """Every pending id with a segment within ``rect`` (x0, y0, x1, y1); they leave the backlog.
        Later slices start nearest to this rectangle."""
        self._focus = ((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)
        self._order = None
        if not self._segments:
            return []
        x0, y0, x1, y1, owner = self._ready()
        hit = (x0 <= rect[2]) & (x1 >= rect[0]) & (y0 <= rect[3]) & (y1 >= rect[1])
        return self._collect(np.unique(owner[hit]))

    def take_some(self, count: int) -> list[str]:
        """About ``count`` pending ids, from those nearest the last rectangle asked for."""
        taken: list[str] = []
        if self._segments:
            x0, y0, x1, y1, owner = self._ready()
            if self._order is None:
                fx, fy = self._focus
                distance = np.hypot((x0 + x1) / 2 - fx, (y0 + y1) / 2 - fy)
                self._order = owner[np.argsort(distance, kind="stable")]
                self._next = 0
            while len(taken) < count and self._next < len(self._order):
                chunk = self._order[self._next:self._next + count]
                self._next += len(chunk)
                taken += self._collect(chunk[~self._done[chunk]])
        if len(taken) < count and self._elsewhere:
            rest, self._elsewhere = self._elsewhere, []
            self._left -= len(rest)
            taken += rest
        return taken

    def _collect(self, indexes: np.ndarray) -> list[str]:
        indexes = indexes[~self._done[indexes]]
        indexes = np.unique(indexes)
        self._done[indexes] = True
        self._left -= len(indexes)
        ids = self._ids
        return [ids[i] for i in indexes.tolist()]
