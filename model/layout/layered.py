"""Layered (Sugiyama) layout of ownership and reporting trees: owners above what they own.

Pure Python, numpy and scipy; no Qt. The pipeline, one helper module per stage:

1. :mod:`model.layout.graph` breaks cycles (greedy Eades-Lin-Smyth feedback arc set inside each
   strongly connected component), assigns layers (longest path, then a pass that moves each node
   towards the side holding most of its edges, so a source sits just above its highest child; or
   the least total edge length, as a linear program) and cuts long edges into chains of dummy nodes.
2. :mod:`model.layout.order` orders each layer: depth-first start, alternating barycentre and
   median sweeps down and up (vectorised), the best ordering kept, then odd-even transposition;
   small graphs are sifted instead, and laid out with both layerings, the one with fewer
   crossings kept.
3. :mod:`model.layout.place` assigns x by minimising a weighted quadratic edge-length energy under
   the order and spacing constraints (block coordinate descent with isotonic regression; not
   Brandes-Köpf), which centres parents over children and keeps long edges nearly straight.
4. :mod:`model.layout.pack` packs the weakly connected components into a near-square block, largest
   first, and handles pinned nodes (see :func:`layered_layout`).

Everything is ordered by node id, so the same nodes and edges give the same picture whatever their
input order.

>>> layout = layered_layout(["a", "b", "c"], [("a", "b"), ("a", "c")])
>>> layout.positions["a"][1] < layout.positions["b"][1] == layout.positions["c"][1]
True
>>> count_crossings(layout, [("a", "b"), ("a", "c")])
0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from model.layout.graph import LayeredGraph, build_layered_graph
from model.layout.order import SIFT_LIMIT, count_inversions, graph_crossings, order_layers
from model.layout.pack import pack_boxes, pin_components, push_off_obstacles
from model.layout.place import assign_x

__all__ = ["Layout", "count_crossings", "layered_layout"]


@dataclass(frozen=True)
class Layout:
    """Where :func:`layered_layout` put things.

    ``positions`` maps node id to centre (x, y), y growing downwards, layer 0 on top. ``bends`` maps
    the index of every edge (but self-loops) to its intermediate points, from the edge's source to
    its target: the channel route of :func:`_edge_bends`. ``reversed_edges`` holds the indices of
    edges reversed to break cycles (drawn with their source below their target).
    """

    positions: dict[str, tuple[float, float]]
    bends: dict[int, list[tuple[float, float]]]
    reversed_edges: frozenset[int]


def layered_layout(nodes: Sequence[str], edges: Sequence[tuple[str, str]], *,
                   pinned: Mapping[str, tuple[float, float]] | None = None,
                   sizes: Mapping[str, tuple[float, float]] | None = None,
                   node_width: float = 170.0, node_height: float = 60.0,
                   layer_gap: float = 90.0, node_gap: float = 40.0,
                   component_gap: float = 120.0) -> Layout:
    """Lay out a directed graph in layers, each edge ``(a, b)`` drawn with ``a`` above ``b``.

    Self-loops are ignored, duplicate edges share one route, and edge endpoints missing from
    ``nodes`` are laid out as nodes too. Within a layer, node centres are at least
    ``node_width + node_gap`` apart; layers are ``node_height + layer_gap`` apart. ``sizes`` gives
    some nodes their own (width, height) instead: neighbours then keep ``node_gap`` between their
    boxes, and a layer is as tall as its tallest box, with ``layer_gap`` below it.

    Pinned nodes keep exactly their given centre. A component (weakly connected piece) holding
    pinned nodes is laid out as usual, then moved as a whole by the mean offset between its pinned
    nodes' computed and pinned centres; its unpinned nodes that would overlap a pinned node, or a
    node of another pinned component, are pushed right along their row. Components without pinned
    nodes are packed into a block placed below everything pinned, so they never overlap it.

    >>> layout = layered_layout(["x", "y"], [("x", "y"), ("y", "x")], pinned={"x": (0.0, 0.0)})
    >>> layout.positions["x"], sorted(layout.reversed_edges)
    ((0.0, 0.0), [1])
    """
    graph, rank = _layer_and_order(nodes, edges)
    if graph.n_total == 0:
        return Layout({}, {}, frozenset())
    real = np.arange(graph.n_total) < graph.n_real
    width = np.where(real, node_width, 0.0)
    height = np.where(real, node_height, 0.0)
    for i, name in enumerate(graph.names):
        if sizes and name in sizes:
            width[i], height[i] = sizes[name]
    x = assign_x(graph, rank, width, node_gap)
    y = _layer_centres(graph.layer, height, layer_gap)
    half_size = np.stack([width / 2, height / 2], axis=1)
    free = np.ones(graph.n_total, dtype=bool)
    if pinned:
        free = ~_place_pinned(graph, x, y, rank, half_size, pinned, node_gap)
    _pack_free_components(graph, x, y, half_size, free, component_gap)
    positions = {name: (float(x[i]), float(y[i])) for i, name in enumerate(graph.names)}
    return Layout(positions, _edge_bends(graph, x, y, half_size, layer_gap), graph.reversed_edges)


def _layer_centres(layer: np.ndarray, height: np.ndarray, layer_gap: float) -> np.ndarray:
    """The y of each node: its layer's centre, layers stacked as tall as their tallest box."""
    if not len(layer):
        return np.zeros(0)
    tallest = np.zeros(int(layer.max()) + 1)
    np.maximum.at(tallest, layer, height)
    tops = np.concatenate([[0.0], np.cumsum(tallest + layer_gap)[:-1]])
    return (tops + tallest / 2)[layer]


def _layer_and_order(nodes: Sequence[str],
                     edges: Sequence[tuple[str, str]]) -> tuple[LayeredGraph, np.ndarray]:
    """The layered graph and the order within its layers.

    Small graphs are also layered with the shortest total edge length and ordered again; the
    layering whose order has fewer crossings wins (the first on a tie). Neither layering is better
    every time, and for small graphs trying both is cheap.
    """
    graph = build_layered_graph(nodes, edges)
    rank = order_layers(graph)
    if graph.n_total == 0 or graph.n_total > SIFT_LIMIT:
        return graph, rank
    tight = build_layered_graph(nodes, edges, shortest=True)
    if np.array_equal(tight.layer, graph.layer):
        return graph, rank
    tight_rank = order_layers(tight)
    if graph_crossings(tight, tight_rank) < graph_crossings(graph, rank):
        return tight, tight_rank
    return graph, rank


def _place_pinned(graph: LayeredGraph, x: np.ndarray, y: np.ndarray, rank: np.ndarray,
                  half_size: np.ndarray, pinned: Mapping[str, tuple[float, float]],
                  node_gap: float) -> np.ndarray:
    """Move the components holding pinned nodes onto the pins; return the mask of their nodes."""
    index = {name: i for i, name in enumerate(graph.names)}
    names = sorted(name for name in pinned if name in index)
    if not names:
        return np.zeros(graph.n_total, dtype=bool)
    pinned_nodes = np.array([index[name] for name in names], dtype=np.int64)
    pins = np.array([pinned[name] for name in names], dtype=np.float64).reshape(-1, 2)
    moved = pin_components(x, y, graph.comp, pinned_nodes, pins)
    obstacles = [(px - half_size[i, 0], py - half_size[i, 1], px + half_size[i, 0], py + half_size[i, 1])
                 for i, (px, py) in zip(pinned_nodes.tolist(), pins.tolist(), strict=True)]
    loose = moved.copy()
    loose[pinned_nodes] = False
    candidates = np.flatnonzero(loose)
    order = np.lexsort((rank[candidates], graph.layer[candidates], graph.comp[candidates]))
    candidates = candidates[order]
    keys = graph.comp[candidates] * (graph.n_layers + 1) + graph.layer[candidates]
    splits = np.flatnonzero(np.diff(keys)) + 1
    rows = np.split(candidates, splits) if len(candidates) else []
    push_off_obstacles(x, y, rows, half_size, obstacles, node_gap)
    return moved


def _pack_free_components(graph: LayeredGraph, x: np.ndarray, y: np.ndarray, half_size: np.ndarray,
                          free: np.ndarray, component_gap: float) -> None:
    """Pack the components of the ``free`` nodes into a block below the other nodes."""
    if not free.any():
        return
    n_comp = int(graph.comp.max()) + 1
    left, top, right, bottom = _component_boxes(graph.comp, x, y, half_size, n_comp)
    chosen = np.unique(graph.comp[free])
    sizes = list(zip((right - left)[chosen].tolist(), (bottom - top)[chosen].tolist(), strict=True))
    corners = np.array(pack_boxes(sizes, component_gap)).reshape(-1, 2)
    origin_x, origin_y = 0.0, 0.0
    if not free.all():
        fixed = ~free
        origin_x = float((x[fixed] - half_size[fixed, 0]).min())
        origin_y = float((y[fixed] + half_size[fixed, 1]).max()) + component_gap
    shift_x = np.zeros(n_comp)
    shift_y = np.zeros(n_comp)
    shift_x[chosen] = corners[:, 0] + origin_x - left[chosen]
    shift_y[chosen] = corners[:, 1] + origin_y - top[chosen]
    x[free] += shift_x[graph.comp[free]]
    y[free] += shift_y[graph.comp[free]]


def _component_boxes(comp: np.ndarray, x: np.ndarray, y: np.ndarray, half_size: np.ndarray, n_comp: int):
    """Per component, the (left, top, right, bottom) of its node boxes."""
    left = np.full(n_comp, np.inf)
    top = np.full(n_comp, np.inf)
    right = np.full(n_comp, -np.inf)
    bottom = np.full(n_comp, -np.inf)
    np.minimum.at(left, comp, x - half_size[:, 0])
    np.minimum.at(top, comp, y - half_size[:, 1])
    np.maximum.at(right, comp, x + half_size[:, 0])
    np.maximum.at(bottom, comp, y + half_size[:, 1])
    return left, top, right, bottom


def _edge_bends(graph: LayeredGraph, x: np.ndarray, y: np.ndarray, half_size: np.ndarray,
                layer_gap: float) -> dict[int, list[tuple[float, float]]]:
    """The channel route of every edge, from the edge's source to its target.

    A line leaves its upper box straight down to the bottom of that box's layer, crosses each
    layer between as a vertical run at its dummy node, and drops into its lower box from the top
    of that box's layer: so it only ever runs slantwise in the empty gaps between layers, where
    no box stands. Lines sharing an end leave (or arrive) side by side, ordered by where they go.
    """
    bands = _half_bands(graph, half_size)
    xs, ys = x.tolist(), y.tolist()
    chain_len = graph.pair_chain_len.tolist()
    chain_start = graph.pair_chain_start.tolist()
    tops, bottoms = graph.pair_top.tolist(), graph.pair_bottom.tolist()
    first_below = [chain_start[p] if chain_len[p] else bottoms[p] for p in range(len(tops))]
    last_above = [chain_start[p] + chain_len[p] - 1 if chain_len[p] else tops[p] for p in range(len(tops))]
    down_port = _ports(tops, [xs[n] for n in first_below], xs, half_size[:, 0].tolist())
    up_port = _ports(bottoms, [xs[n] for n in last_above], xs, half_size[:, 0].tolist())
    inset = min(GAP_INSET, layer_gap / 4)  # a slant starting right at a band's edge would graze its boxes
    routes = []
    for pair, (top, bottom) in enumerate(zip(tops, bottoms, strict=True)):
        points = [(down_port[pair], ys[top] + bands[top] + inset)]
        for d in range(chain_start[pair], chain_start[pair] + chain_len[pair]):
            points += [(xs[d], ys[d] - bands[d] - inset), (xs[d], ys[d] + bands[d] + inset)]
        points.append((up_port[pair], ys[bottom] - bands[bottom] - inset))
        routes.append([p for i, p in enumerate(points) if i == 0 or p != points[i - 1]])
    bends: dict[int, list[tuple[float, float]]] = {}
    for edge, pair in enumerate(graph.edge_pair.tolist()):
        if pair >= 0:
            bends[edge] = routes[pair][::-1] if edge in graph.reversed_edges else list(routes[pair])
    return bends


def _half_bands(graph: LayeredGraph, half_size: np.ndarray) -> list[float]:
    """Per node, half the height of its layer's band (its layer's tallest box)."""
    if not len(graph.layer):
        return []
    tallest = np.zeros(graph.n_layers)
    np.maximum.at(tallest, graph.layer, half_size[:, 1])
    return tallest[graph.layer].tolist()


PORT_SPACING = 14.0
GAP_INSET = 10.0


def _ports(ends: list[int], towards: list[float], xs: list[float], half_width: list[float]) -> list[float]:
    """Where each pair's line meets its end ``ends[pair]``: spread across the box, in the order of
    the x the line heads for, so lines sharing an end fan out without crossing at the box."""
    by_end: dict[int, list[int]] = {}
    for pair, end in enumerate(ends):
        by_end.setdefault(end, []).append(pair)
    ports = [0.0] * len(ends)
    for end, pairs in by_end.items():
        pairs.sort(key=lambda pair: (towards[pair], pair))
        spread = min(PORT_SPACING, 1.4 * half_width[end] / max(len(pairs) - 1, 1))
        for i, pair in enumerate(pairs):
            ports[pair] = xs[end] + (i - (len(pairs) - 1) / 2) * spread
    return ports


def count_crossings(layout: Layout, edges: Sequence[tuple[str, str]]) -> int:
    """Number of crossings between the edges drawn as polylines (centre, bends..., centre).

    Each segment is cut at every y where some polyline has a point, so the pieces run between
    consecutive such levels; two pieces cross when their x order at the top and bottom of their
    level band differ. Segments sharing an endpoint do not count as crossing there, self-loops and
    horizontal segments are ignored, and a crossing exactly on a level is not counted.

    >>> layout = Layout({"a": (0, 0), "b": (10, 0), "c": (0, 10), "d": (10, 10)}, {}, frozenset())
    >>> count_crossings(layout, [("a", "d"), ("b", "c"), ("a", "c")])
    1
    """
    points = []
    for index, (a, b) in enumerate(edges):
        if a == b:
            continue
        path = [layout.positions[a], *layout.bends.get(index, []), layout.positions[b]]
        points.extend(zip(path[:-1], path[1:], strict=True))
    if not points:
        return 0
    segments = np.array(points, dtype=np.float64).reshape(-1, 4)
    return _count_segment_crossings(segments)


def _count_segment_crossings(segments: np.ndarray) -> int:
    """Crossings among segments (x0, y0, x1, y1) cut into bands between consecutive point levels."""
    upper = segments[:, 1] > segments[:, 3]
    segments[upper] = segments[upper][:, [2, 3, 0, 1]]
    segments = segments[segments[:, 1] < segments[:, 3]]
    if len(segments) < 2:
        return 0
    levels = np.unique(np.concatenate([segments[:, 1], segments[:, 3]]))
    first = np.searchsorted(levels, segments[:, 1])
    last = np.searchsorted(levels, segments[:, 3])
    bands = last - first
    owner = np.repeat(np.arange(len(segments)), bands)
    band = first[owner] + np.arange(len(owner)) - np.repeat(np.cumsum(bands) - bands, bands)
    x0, y0, x1, y1 = (segments[owner, k] for k in range(4))
    slope = (x1 - x0) / (y1 - y0)
    top_x = np.where(band == first[owner], x0, x0 + slope * (levels[band] - y0))
    bottom_x = np.where(band + 1 == last[owner], x1, x0 + slope * (levels[band + 1] - y0))
    order = np.lexsort((bottom_x, top_x, band))
    _, bottom_rank = np.unique(bottom_x, return_inverse=True)
    span = int(bottom_rank.max()) + 1
    return count_inversions(band[order] * span + bottom_rank[order])
