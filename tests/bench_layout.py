"""Benchmark of :func:`~model.layout.layered.layered_layout` against Graphviz dot on synthetic forests.

Run with ``.venv/bin/python tests/bench_layout.py`` (add ``--quick`` to skip 50,000 and dot at
10,000). Not a pytest test: nothing runs on import. The forests follow LAYOUT_NOTES.md: trees of
depth up to 8 and fan-out 1-6, cross-holdings amounting to 10% of the entities (mostly inside a
group, some between neighbouring groups) and five ownership cycles; the RNG is seeded.

Crossings are counted with :func:`model.layout.layered.count_crossings` in two ways: "routed" uses our
bends (dummy nodes) and dot's splines sampled where they cross each rank; "straight" joins node
centres with straight lines, as in LAYOUT_NOTES.md.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from model.layout.layered import Layout, count_crossings, layered_layout

POINTS_PER_INCH = 72.0


def ownership_forest(entities: int, seed: int = 7, cross_share: float = 0.10):
    """Node ids and owner -> owned edges of a synthetic forest with cross-holdings and five cycles."""
    rng = random.Random(seed)
    depth: list[int] = []
    tree_of: list[int] = []
    parent: list[int] = []
    trees: list[list[int]] = []
    edges: list[tuple[int, int]] = []
    while len(depth) < entities:
        _grow_tree(rng, entities, depth, tree_of, parent, trees, edges)
    for _ in range(int(cross_share * entities)):
        _add_cross_holding(rng, depth, tree_of, trees, edges)
    deep = [v for v in range(entities) if depth[v] >= 2]
    for v in rng.sample(deep, min(5, len(deep))):
        ancestor = parent[parent[v]]
        edges.append((v, ancestor))
    names = [f"e{v:06d}" for v in range(entities)]
    return names, [(names[a], names[b]) for a, b in edges]


def _grow_tree(rng, entities, depth, tree_of, parent, trees, edges) -> None:
    """Add one tree (depth up to 8, fan-out 1-6) without exceeding ``entities`` nodes."""
    max_depth = rng.randint(1, 8)
    tree = len(trees)
    root = len(depth)
    depth.append(0)
    tree_of.append(tree)
    parent.append(root)
    members = [root]
    frontier = [root]
    while frontier and len(depth) < entities:
        owner = frontier.pop(0)
        if depth[owner] >= max_depth or (owner != root and rng.random() < 0.45):
            continue
        for _ in range(rng.randint(1, 6)):
            if len(depth) >= entities:
                break
            child = len(depth)
            depth.append(depth[owner] + 1)
            tree_of.append(tree)
            parent.append(owner)
            members.append(child)
            frontier.append(child)
            edges.append((owner, child))
    trees.append(members)


def _add_cross_holding(rng, depth, tree_of, trees, edges) -> None:
    """An extra owner for a random entity, from its own group or (30%) a neighbouring group."""
    owned = rng.randrange(len(depth))
    group = tree_of[owned]
    if rng.random() < 0.3:
        group = min(max(group + rng.choice([-3, -2, -1, 1, 2, 3]), 0), len(trees) - 1)
    owners = [v for v in trees[group] if depth[v] < depth[owned]]
    if owners:
        edges.append((rng.choice(owners), owned))


def time_ours(nodes, edges, repeats: int = 3) -> tuple[float, Layout]:
    """Median wall time of ``layered_layout`` over ``repeats`` runs, and the last layout."""
    times = []
    layout = None
    for _ in range(repeats):
        start = time.perf_counter()
        layout = layered_layout(nodes, edges)
        times.append(time.perf_counter() - start)
    return statistics.median(times), layout


def run_dot(nodes, edges) -> tuple[float, Layout, Layout]:
    """Lay the graph out with ``dot -Tplain``: time, layout with spline bends, straight layout."""
    lines = ["digraph G {", f"  ranksep={90 / POINTS_PER_INCH:.4f}; nodesep={40 / POINTS_PER_INCH:.4f};",
             f"  node [shape=box, fixedsize=true, width={170 / POINTS_PER_INCH:.4f}, "
             f"height={60 / POINTS_PER_INCH:.4f}];"]
    lines += [f"  {name};" for name in nodes]
    lines += [f"  {a} -> {b};" for a, b in edges]
    lines.append("}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.dot"
        path.write_text("\n".join(lines))
        start = time.perf_counter()
        output = subprocess.run(["dot", "-Tplain", str(path)], check=True, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
    positions, splines = _parse_plain(output.stdout)
    levels = np.unique([y for _, y in positions.values()])
    bends = {}
    queue: dict[tuple[str, str], list[list[tuple[float, float]]]] = {}
    for key, points in splines:
        queue.setdefault(key, []).append(points)
    for index, (a, b) in enumerate(edges):
        routes = queue.get((a, b)) or queue.get((b, a))
        if a != b and routes:
            points = routes.pop(0) if len(routes) > 1 else routes[0]
            bends[index] = _spline_at_levels(points, positions[a][1], positions[b][1], levels)
    return elapsed, Layout(positions, bends, frozenset()), Layout(positions, {}, frozenset())


def _parse_plain(text: str):
    """Node centres (points, y downwards) and edge control points from ``dot -Tplain`` output."""
    height = 0.0
    positions: dict[str, tuple[float, float]] = {}
    splines = []
    for line in text.splitlines():
        parts = line.split()
        if parts[0] == "graph":
            height = float(parts[3])
        elif parts[0] == "node":
            x, y = float(parts[2]), height - float(parts[3])
            positions[parts[1]] = (x * POINTS_PER_INCH, y * POINTS_PER_INCH)
        elif parts[0] == "edge":
            count = int(parts[3])
            values = [float(v) for v in parts[4:4 + 2 * count]]
            points = [(values[2 * i] * POINTS_PER_INCH, (height - values[2 * i + 1]) * POINTS_PER_INCH)
                      for i in range(count)]
            splines.append(((parts[1], parts[2]), points))
    return positions, splines


def _spline_at_levels(control, y_from: float, y_to: float, levels: np.ndarray) -> list[tuple[float, float]]:
    """Where a dot B-spline (cubic Bezier pieces) crosses each rank level strictly between its ends."""
    samples = []
    t = np.linspace(0.0, 1.0, 16)[:, None]
    for i in range(0, len(control) - 3, 3):
        p0, p1, p2, p3 = (np.array(control[i + k]) for k in range(4))
        s = 1 - t
        samples.append(s ** 3 * p0 + 3 * s ** 2 * t * p1 + 3 * s * t ** 2 * p2 + t ** 3 * p3)
    curve = np.concatenate(samples)
    low, high = min(y_from, y_to), max(y_from, y_to)
    inside = levels[(levels > low + 1e-6) & (levels < high - 1e-6)]
    if y_from > y_to:
        inside = inside[::-1]
    order = np.argsort(curve[:, 1], kind="stable")
    xs = np.interp(inside, curve[order, 1], curve[order, 0])
    return list(zip(xs.tolist(), inside.tolist(), strict=True))


def _straight(layout: Layout) -> Layout:
    """The same positions without bends."""
    return Layout(layout.positions, {}, layout.reversed_edges)


def main(argv: list[str]) -> None:
    """Print a table of times and crossings for 1,000, 10,000 and 50,000 entities."""
    quick = "--quick" in argv
    have_dot = shutil.which("dot") is not None
    print(f"{'entities':>8} {'edges':>6} {'ours s':>7} {'dot s':>7} {'time x':>7} "
          f"{'ours routed':>11} {'dot routed':>10} {'ratio':>6} {'ours straight':>13} {'dot straight':>12} "
          f"{'ratio':>6}")
    for entities in (1_000, 10_000, 50_000):
        if quick and entities == 50_000:
            continue
        nodes, edges = ownership_forest(entities)
        seconds, layout = time_ours(nodes, edges)
        row = f"{entities:>8} {len(edges):>6} {seconds:>7.3f} "
        if entities > 10_000:
            print(row + "(time only)")
            continue
        routed = count_crossings(layout, edges)
        straight = count_crossings(_straight(layout), edges)
        if have_dot and not (quick and entities > 1_000):
            dot_seconds, dot_routed_layout, dot_straight_layout = run_dot(nodes, edges)
            dot_routed = count_crossings(dot_routed_layout, edges)
            dot_straight = count_crossings(dot_straight_layout, edges)
            row += (f"{dot_seconds:>7.2f} {seconds / dot_seconds:>7.3f} {routed:>11} {dot_routed:>10} "
                    f"{routed / max(dot_routed, 1):>6.2f} {straight:>13} {dot_straight:>12} "
                    f"{straight / max(dot_straight, 1):>6.2f}")
        else:
            row += f"{'-':>7} {'-':>7} {routed:>11} {'-':>10} {'-':>6} {straight:>13} {'-':>12} {'-':>6}"
        print(row, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
