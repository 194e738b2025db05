"""Tests of the layered layout: layers point down, nothing overlaps, pins hold, forests pack square."""

from __future__ import annotations

import itertools
import os
import pickle
import random
import subprocess
import sys

import numpy as np
import pytest

from model.layout.graph import assign_layers, build_layered_graph, shortest_layers
from model.layout.layered import Layout, count_crossings, layered_layout
from model.layout.order import LayerIndex, layer_crossings, reduce_crossings, sift_layers
from tests.conftest import ROOT

NODE_WIDTH, NODE_GAP = 170.0, 40.0


def _forest(trees: int, seed: int = 3) -> tuple[list[str], list[tuple[str, str]]]:
    """Small random trees (2-12 nodes each) with ids that sort in creation order."""
    rng = random.Random(seed)
    nodes: list[str] = []
    edges: list[tuple[str, str]] = []
    for tree in range(trees):
        base = len(nodes)
        size = rng.randint(2, 12)
        nodes += [f"t{tree:04d}n{k:02d}" for k in range(size)]
        for k in range(1, size):
            edges.append((nodes[base + rng.randrange(k)], nodes[base + k]))
    return nodes, edges


def _tangled() -> tuple[list[str], list[tuple[str, str]]]:
    """A graph with cross-holdings, a long edge, a duplicate, a self-loop and a cycle."""
    nodes = [f"n{k}" for k in range(12)]
    edges = [("n0", "n1"), ("n0", "n2"), ("n1", "n3"), ("n1", "n4"), ("n2", "n5"), ("n2", "n4"),
             ("n3", "n6"), ("n4", "n7"), ("n0", "n7"), ("n5", "n8"), ("n8", "n2"), ("n6", "n6"),
             ("n3", "n6"), ("n9", "n10"), ("n11", "n5")]
    return nodes, edges


@pytest.fixture(params=["tangled", "forest"])
def graph(request) -> tuple[list[str], list[tuple[str, str]]]:
    return _tangled() if request.param == "tangled" else _forest(40)


def test_every_node_gets_a_position(graph):
    nodes, edges = graph
    layout = layered_layout(nodes, edges)
    assert set(layout.positions) == set(nodes)


def test_edges_point_downwards_unless_reversed(graph):
    nodes, edges = graph
    layout = layered_layout(nodes, edges)
    for index, (a, b) in enumerate(edges):
        if a == b:
            continue
        top, bottom = (b, a) if index in layout.reversed_edges else (a, b)
        assert layout.positions[top][1] < layout.positions[bottom][1], (a, b)


def test_lines_run_slantwise_only_in_the_gaps_between_layers(graph):
    """A line may only leave the vertical inside a layer's band, where boxes stand: so no line of
    the layering can pass through a box."""
    nodes, edges = graph
    layout = layered_layout(nodes, edges)
    node_height, layer_gap = 60.0, 90.0
    step = node_height + layer_gap
    for index, (a, b) in enumerate(edges):
        if a == b:
            continue
        points = [layout.positions[a], *layout.bends[index], layout.positions[b]]
        span = round(abs(layout.positions[b][1] - layout.positions[a][1]) / step)
        slanted = [(p, q) for p, q in zip(points[1:-1], points[2:-1], strict=False) if p[0] != q[0]]
        assert len(slanted) <= span
        for p, q in slanted:
            assert layer_gap / 2 <= round(abs(q[1] - p[1]), 6) <= layer_gap
            top, bottom = min(p[1], q[1]), max(p[1], q[1])
            left, right = min(p[0], q[0]), max(p[0], q[0])
            assert not [n for n, (x, y) in layout.positions.items()
                        if top < y + node_height / 2 and y - node_height / 2 < bottom
                        and left < x + 85 and x - 85 < right], (a, b)


def test_nodes_in_a_layer_do_not_overlap(graph):
    nodes, edges = graph
    _assert_no_overlap(layered_layout(nodes, edges))


def _assert_no_overlap(layout: Layout) -> None:
    rows: dict[float, list[float]] = {}
    for x, y in layout.positions.values():
        rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
        gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
        assert min(gaps, default=NODE_WIDTH + NODE_GAP) >= NODE_WIDTH + NODE_GAP - 1e-6


LAYOUT_IN_A_FRESH_INTERPRETER = """
import pickle, sys
from model.layout.layered import layered_layout
nodes, edges = pickle.load(sys.stdin.buffer)
sys.stdout.buffer.write(pickle.dumps(layered_layout(nodes, edges)))
"""


def test_same_input_gives_same_layout(graph):
    """Every run lays a file out alike: a fresh interpreter, whose string hashes (and so set orders)
    differ from this one's, gives the layout this one gives."""
    nodes, edges = graph
    here = layered_layout(nodes, edges)
    hash_seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    run = subprocess.run([sys.executable, "-c", LAYOUT_IN_A_FRESH_INTERPRETER], env=env, cwd=ROOT,
                         input=pickle.dumps((nodes, edges)), capture_output=True, check=True, timeout=60)
    assert pickle.loads(run.stdout) == here, f"PYTHONHASHSEED={hash_seed} gives another layout"


def test_input_order_does_not_matter(graph):
    nodes, edges = graph
    layout = layered_layout(nodes, edges)
    rng = random.Random(11)
    order = list(range(len(edges)))
    rng.shuffle(order)
    shuffled_nodes = rng.sample(nodes, len(nodes))
    shuffled = layered_layout(shuffled_nodes, [edges[i] for i in order])
    assert shuffled.positions == layout.positions
    assert {order[i] for i in shuffled.reversed_edges} == set(layout.reversed_edges)
    assert {order[i]: points for i, points in shuffled.bends.items()} == layout.bends


def test_pinned_nodes_stay_exactly_put():
    nodes, edges = _tangled()
    pins = {"n4": (1234.5, -77.25), "n9": (0.0, 0.0), "n3": (1234.5 + 100.0, 300.0)}
    layout = layered_layout(nodes, edges, pinned=pins)
    for name, centre in pins.items():
        assert layout.positions[name] == centre


def test_unpinned_nodes_keep_clear_of_pinned_ones():
    nodes, edges = _forest(30)
    pins = {"t0000n00": (500.0, 400.0), "t0005n01": (900.0, 150.0)}
    layout = layered_layout(nodes, edges, pinned=pins)
    for name, (x, y) in layout.positions.items():
        if name in pins:
            continue
        for px, py in pins.values():
            assert abs(x - px) >= NODE_WIDTH or abs(y - py) >= 60.0, name


def test_cycle_is_broken_by_a_recorded_reversed_edge():
    edges = [("a", "b"), ("b", "c"), ("c", "a")]
    layout = layered_layout(["a", "b", "c"], edges)
    assert len(layout.reversed_edges) == 1
    assert len({y for _, y in layout.positions.values()}) == 3


def test_forest_packs_into_a_near_square_block():
    nodes, edges = _forest(300)
    layout = layered_layout(nodes, edges)
    xs = [x for x, _ in layout.positions.values()]
    ys = [y for _, y in layout.positions.values()]
    width, height = max(xs) - min(xs) + NODE_WIDTH, max(ys) - min(ys) + 60.0
    assert 0.25 < width / height < 4


def test_components_do_not_overlap():
    nodes, edges = _forest(60)
    _assert_no_overlap(layered_layout(nodes, edges))


def test_ordering_removes_an_obvious_crossing():
    # Input order puts x's children the wrong way round relative to their own children.
    nodes = ["root", "a", "b", "a1", "b1"]
    edges = [("root", "a"), ("root", "b"), ("a", "b1"), ("b", "a1"), ("root", "a1")]
    layout = layered_layout(nodes, edges)
    assert count_crossings(layout, edges) == 0


def _every_ordering(index: LayerIndex):
    """Every choice of per-layer ranks (the graph must be one small component)."""
    layers = [[np.array(p) for p in itertools.permutations(range(len(m)))] for m in index.nodes]
    return [list(choice) for choice in itertools.product(*layers)]


@pytest.mark.parametrize("sift", [False, True])
def test_sweeps_reach_the_optimum_from_the_worst_start(sift):
    # The depth-first start alone would already be good; start the sweeps from the worst ordering
    # there is (found by brute force, as is the optimum: one crossing cannot be avoided).
    nodes = ["r", "a", "b", "c", "w", "x", "y", "z"]
    edges = [("r", "a"), ("r", "b"), ("r", "c"), ("a", "x"), ("a", "z"), ("b", "y"), ("b", "w"),
             ("c", "x"), ("c", "w"), ("c", "y")]
    index = LayerIndex.of(build_layered_graph(nodes, edges))
    orderings = _every_ordering(index)
    crossings = [layer_crossings(index, ranks) for ranks in orderings]
    worst = orderings[int(np.argmax(crossings))]
    assert (min(crossings), max(crossings)) == (1, 12)
    assert layer_crossings(index, reduce_crossings(index, worst, sift=sift)) == 1


def test_sifting_alone_reaches_the_optimum_from_the_worst_start():
    nodes = ["r", "a", "b", "c", "w", "x", "y", "z"]
    edges = [("r", "a"), ("r", "b"), ("r", "c"), ("a", "z"), ("b", "y"), ("c", "x"), ("c", "w")]
    index = LayerIndex.of(build_layered_graph(nodes, edges))
    orderings = _every_ordering(index)
    crossings = [layer_crossings(index, ranks) for ranks in orderings]
    ranks = [r.copy() for r in orderings[int(np.argmax(crossings))]]
    assert min(crossings) == 0 < max(crossings)
    sift_layers(index, ranks)
    assert layer_crossings(index, ranks) == 0


def test_shortest_layers_are_valid_and_no_longer_than_longest_path():
    nodes, edges = _forest(30)
    rng = random.Random(5)
    edges = edges + [(rng.choice(nodes[:40]), rng.choice(nodes[40:])) for _ in range(25)]
    graph = build_layered_graph(nodes, edges)
    top, bottom = graph.pair_top, graph.pair_bottom
    longest = assign_layers(graph.n_real, top, bottom)
    shortest = shortest_layers(graph.n_real, top, bottom, longest)
    assert (shortest[bottom] - shortest[top] >= 1).all()
    assert (shortest[bottom] - shortest[top]).sum() <= (longest[bottom] - longest[top]).sum()


def test_crossing_count_sees_an_x():
    layout = Layout({"a": (0.0, 0.0), "b": (100.0, 0.0), "c": (0.0, 100.0), "d": (100.0, 100.0)},
                    {}, frozenset())
    assert count_crossings(layout, [("a", "d"), ("b", "c")]) == 1
    assert count_crossings(layout, [("a", "c"), ("b", "d")]) == 0


def test_crossing_count_follows_bends():
    layout = Layout({"a": (0.0, 0.0), "b": (100.0, 0.0), "c": (0.0, 200.0), "d": (100.0, 200.0)},
                    {0: [(200.0, 100.0)]}, frozenset())
    assert count_crossings(layout, [("a", "c"), ("b", "d")]) == 2  # out across b-d and back


def test_empty_graph_gives_empty_layout():
    assert layered_layout([], []) == Layout({}, {}, frozenset())
