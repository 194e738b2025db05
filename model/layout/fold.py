"""Folding wide fans before the layered layout: a hub's leaves stack in columns beside a trunk.

In ownership data most entities hang off a few hubs: a company's many sole shareholders, a group's
many subsidiaries. Laid out in one row each, they make pictures dozens of times wider than tall.
As org charts and yEd's hierarchic layout do, the leaves of one hub (entities whose only line is
to that hub) are taken out of the layering and stand in one block instead, in columns read top to
bottom. Each column has a trunk down its left side; a line runs from the hub along the layering's channel
to a bus just outside the block, along it to its column's trunk, down (or up) the trunk and along
a short stub into its leaf, where its label sits. Children stack below their hub, sole owners above it.

>>> edges = [("hub", f"leaf{i}") for i in range(6)]
>>> stacks = find_stacks(["hub"] + [f"leaf{i}" for i in range(6)], edges, {}, lambda n: (100.0, 40.0),
...                      lambda edge: 40.0)
>>> [(s.hub, s.below, len(s.members), s.columns) for s in stacks]
[('hub', True, 6, 1)]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

STACK_MIN = 5  # a hub with at least this many leaves on one side stacks them
TRUNK_INSET = 14.0  # from a column's left edge to its trunk
ROW_GAP = 18.0
STUB_MIN = 44.0
LABEL_PAD = 10.0  # each side of a label on its stub
MAX_COLUMNS = 12
BUS_OFFSET = 14.0  # the bus runs this far outside the block, within its width

Size = tuple[float, float]


@dataclass(frozen=True)
class Stack:
    """One hub's stacked leaves: ``members`` in reading order, column after column."""

    key: str  # the placeholder node standing for the block in the layering
    hub: str
    below: bool  # children below the hub, or sole owners above it
    members: tuple[str, ...]
    columns: int
    rows: int
    column_width: float
    row_height: float
    stub: float

    @property
    def size(self) -> Size:
        return (self.columns * self.column_width, self.rows * self.row_height)


def find_stacks(nodes: Sequence[str], edges: Sequence[tuple[str, str]], pinned: Mapping,
                box_size: Callable[[str], Size], label_width: Callable[[tuple[str, str]], float],
                name_of: Callable[[str], str] = str) -> list[Stack]:
    """The stacks worth making: per hub and side, its unpinned leaves when there are enough.

    A leaf is a node with exactly one edge, to or from its hub (``(upper, lower)`` edges).
    ``label_width`` gives the width of the label on the edge ``(upper, lower)``.
    """
    degree: dict[str, int] = {}
    for upper, lower in edges:
        if upper != lower:
            degree[upper] = degree.get(upper, 0) + 1
            degree[lower] = degree.get(lower, 0) + 1
    groups: dict[tuple[str, bool], list[str]] = {}
    for upper, lower in edges:
        if upper == lower:
            continue
        if degree[lower] == 1 and degree[upper] > 1 and lower not in pinned:
            groups.setdefault((upper, True), []).append(lower)
        elif degree[upper] == 1 and degree[lower] > 1 and upper not in pinned:
            groups.setdefault((lower, False), []).append(upper)
    stacks = []
    for (hub, below), members in sorted(groups.items()):
        if len(members) < STACK_MIN:
            continue
        members.sort(key=lambda m: (name_of(m).casefold(), m))
        widest = max(box_size(m)[0] for m in members)
        tallest = max(box_size(m)[1] for m in members)
        labels = max(label_width((hub, m) if below else (m, hub)) for m in members)
        stub = max(STUB_MIN, labels + 2 * LABEL_PAD)
        column_width = TRUNK_INSET + stub + widest + 16.0
        row_height = tallest + ROW_GAP
        columns = max(1, min(MAX_COLUMNS, round(math.sqrt(len(members) * row_height / column_width))))
        rows = math.ceil(len(members) / columns)
        columns = math.ceil(len(members) / rows)
        stacks.append(Stack(f"\x1fstack:{'below' if below else 'above'}:{hub}", hub, below,
                            tuple(members), columns, rows, column_width, row_height, stub))
    return stacks


def fold_edges(edges: Sequence[tuple[str, str]], stacks: Sequence[Stack]) -> list[tuple[str, str]]:
    """The edges of the layering: each stack's edges become one edge between hub and block."""
    stacked = {m for s in stacks for m in s.members}
    kept = [(u, v) for u, v in edges if u not in stacked and v not in stacked]
    kept += [(s.hub, s.key) if s.below else (s.key, s.hub) for s in stacks]
    return kept


def unfold(stack: Stack, centre: tuple[float, float], channel: Sequence[tuple[float, float]],
           box_size: Callable[[str], Size]):
    """Where each member stands, the route of its line (from upper end to lower end, the ends'
    centres left out) and the middle of its stub, given where the layering put the block and the
    channel route it gave the line between hub and block (upper end to lower end)."""
    width, height = stack.size
    left, top = centre[0] - width / 2, centre[1] - height / 2
    places, routes, spots = {}, {}, {}
    for k, member in enumerate(stack.members):
        column, row = divmod(k, stack.rows)
        trunk = left + column * stack.column_width + TRUNK_INSET
        w, _ = box_size(member)
        x = trunk + stack.stub + w / 2
        y = top + row * stack.row_height + stack.row_height / 2
        places[member] = (x, y)
        if stack.below:  # the hub's channel down to just above the block, then along and down the trunk
            bus = top - BUS_OFFSET
            routes[member] = [*channel, (channel[-1][0], bus), (trunk, bus), (trunk, y)]
        else:  # up the trunk to just below the block, along, then the channel down to the hub
            bus = top + height + BUS_OFFSET
            routes[member] = [(trunk, y), (trunk, bus), (channel[0][0], bus), *channel]
        spots[member] = (trunk + stack.stub / 2, y)
    return places, routes, spots
