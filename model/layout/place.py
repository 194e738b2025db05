"""Horizontal coordinates for :func:`model.layout.layered.layered_layout`, given the order within each layer.

Not Brandes-Köpf: the x coordinates minimise a weighted quadratic edge-length energy
``sum w(e) * (x_top - x_bottom)**2`` subject to the order within each layer and a minimum distance
between neighbours (``node_width + node_gap`` between real nodes; dummy nodes have no width). The
weights are those of Graphviz dot (1 between real nodes, 2 next to a dummy, 8 between dummies), so
long edges come out nearly straight and parents sit over the middle of their children.

The minimisation is block coordinate descent, one layer at a time, up and down the layers: with the
other layers fixed, the best x for a layer is a weighted isotonic regression (``scipy.optimize.
isotonic_regression``) of its nodes' weighted neighbour means, after subtracting the running minimum
separations. The energy is convex, so the sweeps converge towards its minimum; a fixed number of
sweeps is run. All components are solved together, side by side, far enough apart not to touch.
"""

from __future__ import annotations

import numpy as np

from model.layout.graph import LayeredGraph

SWEEPS = 24
REAL_WEIGHT, MIXED_WEIGHT, DUMMY_WEIGHT = 1.0, 2.0, 8.0


def assign_x(graph: LayeredGraph, rank: np.ndarray, width: np.ndarray, node_gap: float) -> np.ndarray:
    """Centre x of every node (real and dummy, ``width`` each), each component's leftmost box edge
    at x = 0."""
    if graph.n_total == 0:
        return np.zeros(0)
    rows = _layer_rows(graph, rank, width, node_gap)
    x, home = _initial_x(graph, rows, width)
    neighbours = _layer_neighbours(graph, rows)
    for sweep in range(SWEEPS):
        layers = range(len(rows)) if sweep % 2 == 0 else range(len(rows) - 1, -1, -1)
        for k in layers:
            _place_row(x, rows[k], neighbours[k])
        x += home - _component_mean(x, graph.comp)
    left = np.full(int(graph.comp.max()) + 1, np.inf)
    np.minimum.at(left, graph.comp, x - width / 2)
    return x - left[graph.comp]


def _layer_rows(graph: LayeredGraph, rank: np.ndarray, width: np.ndarray, node_gap: float):
    """Per layer: its nodes left to right (components in turn) and each one's running separation."""
    order = np.lexsort((rank, graph.comp, graph.layer))
    bounds = np.searchsorted(graph.layer[order], np.arange(graph.n_layers + 1))
    rows = []
    for k in range(graph.n_layers):
        nodes = order[bounds[k]:bounds[k + 1]]
        same = graph.comp[nodes[1:]] == graph.comp[nodes[:-1]]
        gaps = np.where(same, (width[nodes[1:]] + width[nodes[:-1]]) / 2 + node_gap, 0.0)
        rows.append((nodes, np.concatenate([[0.0], np.cumsum(gaps)])))
    return rows


def _initial_x(graph: LayeredGraph, rows, width: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows centred within their component's slot; slots side by side with room to spare.

    Returns the x array and, per node, the mean x its component should keep (so components
    do not drift into each other while the sweeps run).
    """
    n_comp = int(graph.comp.max()) + 1
    row_width = np.zeros(graph.n_total)
    row_start = np.zeros(graph.n_total)
    for nodes, running in rows:
        start = _group_first(running, graph.comp[nodes])
        row_start[nodes] = running - start
        total = _group_last(running, graph.comp[nodes]) - start
        row_width[nodes] = total + width[nodes].max(initial=0.0)
    comp_width = np.zeros(n_comp)
    np.maximum.at(comp_width, graph.comp, row_width)
    slot = 3 * comp_width + 1000.0
    centre = np.cumsum(slot) - slot / 2
    x = centre[graph.comp] - row_width / 2 + row_start
    return x, _component_mean(x, graph.comp)


def _group_first(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """For consecutive runs of equal ``groups``, the value at the start of each element's run."""
    starts = np.ones(len(groups), dtype=bool)
    starts[1:] = groups[1:] != groups[:-1]
    return values[np.maximum.accumulate(np.where(starts, np.arange(len(groups)), 0))]


def _group_last(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """For consecutive runs of equal ``groups``, the value at the end of each element's run."""
    return _group_first(values[::-1], groups[::-1])[::-1]


def _component_mean(x: np.ndarray, comp: np.ndarray) -> np.ndarray:
    """Per node, the mean x over its component."""
    sums = np.bincount(comp, weights=x)
    counts = np.bincount(comp)
    return (sums / counts)[comp]


def _layer_neighbours(graph: LayeredGraph, rows):
    """Per layer: (position in row, neighbour node, weight) over the edges to both adjacent layers."""
    dummy = np.arange(graph.n_total) >= graph.n_real
    weight = np.where(dummy[graph.src] & dummy[graph.dst], DUMMY_WEIGHT,
                      np.where(dummy[graph.src] | dummy[graph.dst], MIXED_WEIGHT, REAL_WEIGHT))
    position = np.empty(graph.n_total, dtype=np.int64)
    for nodes, _ in rows:
        position[nodes] = np.arange(len(nodes))
    ends = np.concatenate([graph.src, graph.dst])
    others = np.concatenate([graph.dst, graph.src])
    weights = np.concatenate([weight, weight])
    by_layer = np.argsort(graph.layer[ends], kind="stable")
    bounds = np.searchsorted(graph.layer[ends][by_layer], np.arange(graph.n_layers + 1))
    result = []
    for k in range(graph.n_layers):
        chosen = by_layer[bounds[k]:bounds[k + 1]]
        result.append((position[ends[chosen]], others[chosen], weights[chosen]))
    return result


def _place_row(x: np.ndarray, row, neighbours) -> None:
    """Best x for one layer with the others fixed (weighted isotonic regression)."""
    nodes, running = row
    where, other, weight = neighbours
    n = len(nodes)
    pull = np.bincount(where, weights=weight * x[other], minlength=n)
    total = np.bincount(where, weights=weight, minlength=n)
    current = x[nodes]
    from scipy.optimize import isotonic_regression  # here, not at the top: see model/layout/graph.py

    target = np.where(total > 0, pull / np.maximum(total, 1e-12), current)
    fitted = isotonic_regression(target - running, weights=np.maximum(total, 1e-3)).x
    x[nodes] = fitted + running
