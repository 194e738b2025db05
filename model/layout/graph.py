"""The layered graph behind :func:`model.layout.layered.layered_layout`: cycles broken, layers, dummy nodes.

This module turns node ids and edges into integer arrays: every node gets an index (sorted ids, so
the result never depends on input order), edges are made acyclic by reversing a greedy feedback arc
set (Eades, Lin and Smyth), nodes get layers (longest path, then a balancing pass that moves a node
towards the side where most of its edges are; or, on request, the least total edge length) and
edges spanning more than one layer are cut into
chains of dummy nodes, one per layer crossed. Nothing here knows about coordinates.

>>> graph = build_layered_graph(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")])
>>> graph.layer[:graph.n_real].tolist(), sorted(graph.reversed_edges)
([0, 1, 2], [2])
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# scipy is imported inside the functions that use it: scipy.optimize and scipy.sparse take most of a
# second to import, which the window would otherwise pay before it first shows (the layout runs later,
# beside the open window).


@dataclass
class LayeredGraph:
    """A proper layered graph: every edge goes from one layer to the next one down.

    Nodes ``0 .. n_real-1`` are the real nodes (``names[i]`` is the id of node ``i``); the rest are
    dummy nodes. ``src``/``dst`` hold the unit edges (``layer[dst] == layer[src] + 1``), without
    duplicates. ``edge_pair[i]`` is the index of the unique downward pair that input edge ``i``
    became (-1 for self-loops), and ``pair_chain_start``/``pair_chain_len`` locate that pair's dummy
    nodes (consecutive indices, top to bottom). ``comp`` numbers the weakly connected components.
    """

    names: list[str]
    n_real: int
    layer: np.ndarray
    comp: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    pair_top: np.ndarray
    pair_bottom: np.ndarray
    pair_chain_start: np.ndarray
    pair_chain_len: np.ndarray
    edge_pair: np.ndarray
    reversed_edges: frozenset[int]

    @property
    def n_total(self) -> int:
        """Real nodes plus dummy nodes."""
        return len(self.layer)

    @property
    def n_layers(self) -> int:
        """Number of layers in use (0 for an empty graph)."""
        return int(self.layer.max()) + 1 if len(self.layer) else 0


def build_layered_graph(nodes: Sequence[str], edges: Sequence[tuple[str, str]], *,
                        shortest: bool = False) -> LayeredGraph:
    """Index the nodes, break cycles, assign layers and insert dummy nodes.

    Edge endpoints missing from ``nodes`` are added as nodes. Self-loops are ignored. With
    ``shortest``, the layers minimise the total edge length (see :func:`shortest_layers`) instead.
    """
    names = sorted(set(nodes).union(*(set(edge) for edge in edges)))
    index = {name: i for i, name in enumerate(names)}
    n = len(names)
    tail = np.fromiter((index[a] for a, _ in edges), dtype=np.int64, count=len(edges))
    head = np.fromiter((index[b] for _, b in edges), dtype=np.int64, count=len(edges))
    flip = _feedback_arc_flags(n, tail, head)
    top = np.where(flip, head, tail)
    bottom = np.where(flip, tail, head)
    loop = tail == head
    keys = top * max(n, 1) + bottom
    pair_keys, inverse = np.unique(keys[~loop], return_inverse=True)
    pair_top, pair_bottom = pair_keys // max(n, 1), pair_keys % max(n, 1)
    edge_pair = np.full(len(edges), -1, dtype=np.int64)
    edge_pair[~loop] = inverse
    layer = assign_layers(n, pair_top, pair_bottom)
    if shortest:
        layer = shortest_layers(n, pair_top, pair_bottom, layer)
    comp = _weak_components(n, pair_top, pair_bottom)
    layer = layer - _group_min(layer, comp)
    graph = LayeredGraph(
        names=names, n_real=n, layer=layer, comp=comp, src=pair_top, dst=pair_bottom,
        pair_top=pair_top, pair_bottom=pair_bottom,
        pair_chain_start=np.zeros(len(pair_top), dtype=np.int64),
        pair_chain_len=np.zeros(len(pair_top), dtype=np.int64),
        edge_pair=edge_pair, reversed_edges=frozenset(np.flatnonzero(flip & ~loop).tolist()),
    )
    _insert_dummies(graph)
    return graph


def _group_min(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Per element, the minimum of ``values`` over its group."""
    if len(values) == 0:
        return values
    lowest = np.full(int(groups.max()) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(lowest, groups, values)
    return lowest[groups]


def _weak_components(n: int, top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """Component label per node, numbered in order of each component's smallest node index."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    matrix = coo_matrix((np.ones(len(top)), (top, bottom)), shape=(n, n)).tocsr()
    _, labels = connected_components(matrix, directed=True, connection="weak")
    _, first = np.unique(labels, return_index=True)
    renumber = np.empty(len(first), dtype=np.int64)
    renumber[np.argsort(first, kind="stable")] = np.arange(len(first))
    return renumber[labels]


def _feedback_arc_flags(n: int, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
    """Flag the edges to reverse so the graph becomes acyclic.

    Only edges inside a strongly connected component can lie on a cycle, so the greedy
    Eades-Lin-Smyth ordering runs on each non-trivial component alone; an edge that points
    backwards in that ordering is flagged. Every copy of a duplicated edge gets the same flag.
    """
    flags = np.zeros(len(tail), dtype=bool)
    proper = tail != head
    if n == 0 or not proper.any():
        return flags
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    matrix = coo_matrix((np.ones(int(proper.sum())), (tail[proper], head[proper])), shape=(n, n)).tocsr()
    _, scc = connected_components(matrix, directed=True, connection="strong")
    inside = proper & (scc[tail] == scc[head])
    if not inside.any():
        return flags
    rank = np.zeros(n, dtype=np.int64)
    members: dict[int, list[int]] = {}
    for node in np.unique(np.concatenate([tail[inside], head[inside]])).tolist():
        members.setdefault(int(scc[node]), []).append(node)
    pairs = sorted(set(zip(tail[inside].tolist(), head[inside].tolist(), strict=True)))
    by_component: dict[int, list[tuple[int, int]]] = {}
    for a, b in pairs:
        by_component.setdefault(int(scc[a]), []).append((a, b))
    for label, component_nodes in members.items():
        for position, node in enumerate(greedy_cycle_order(component_nodes, by_component[label])):
            rank[node] = position
    flags[inside] = rank[tail[inside]] > rank[head[inside]]
    return flags


def greedy_cycle_order(nodes: list[int], pairs: list[tuple[int, int]]) -> list[int]:
    """Eades-Lin-Smyth ordering: few edges point backwards in the returned node order.

    Sinks go to the end, sources to the front, otherwise the node with the largest
    out-degree minus in-degree goes to the front; ties go to the smallest node index.

    >>> greedy_cycle_order([0, 1, 2], [(0, 1), (1, 2), (2, 0)])
    [0, 1, 2]
    """
    succ: dict[int, set[int]] = {v: set() for v in nodes}
    pred: dict[int, set[int]] = {v: set() for v in nodes}
    for a, b in pairs:
        succ[a].add(b)
        pred[b].add(a)
    front: list[int] = []
    back: list[int] = []
    alive = set(nodes)
    sinks = [v for v in nodes if not succ[v]]
    sources = [v for v in nodes if not pred[v] and succ[v]]
    heapq.heapify(sinks)
    heapq.heapify(sources)
    delta = [(len(pred[v]) - len(succ[v]), v) for v in nodes]
    heapq.heapify(delta)

    def remove(v: int) -> None:
        alive.discard(v)
        for w in succ.pop(v):
            pred[w].discard(v)
            _requeue(w)
        for w in pred.pop(v):
            succ[w].discard(v)
            _requeue(w)

    def _requeue(w: int) -> None:
        if not succ[w]:
            heapq.heappush(sinks, w)
        elif not pred[w]:
            heapq.heappush(sources, w)
        else:
            heapq.heappush(delta, (len(pred[w]) - len(succ[w]), w))

    while alive:
        if sinks:
            v = heapq.heappop(sinks)
            if v in alive:
                back.append(v)
                remove(v)
        elif sources:
            v = heapq.heappop(sources)
            if v in alive:
                front.append(v)
                remove(v)
        else:
            score, v = heapq.heappop(delta)
            if v in alive and score == len(pred[v]) - len(succ[v]):
                front.append(v)
                remove(v)
    return front + back[::-1]


def assign_layers(n: int, top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """Layer per node for an acyclic edge list: longest path from the sources, then balanced.

    The balancing pass moves a node down to just above its highest child when it has more edges
    below than above (sources always), and up to just below its lowest parent in the opposite
    case, which shortens edges without ever making one point upwards.

    >>> assign_layers(4, np.array([0, 1, 3]), np.array([1, 2, 2])).tolist()
    [0, 1, 2, 1]
    """
    succ: list[list[int]] = [[] for _ in range(n)]
    pred: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(top.tolist(), bottom.tolist(), strict=True):
        succ[a].append(b)
        pred[b].append(a)
    order = _topological_order(n, succ, pred)
    layer = [0] * n
    for v in order:
        if pred[v]:
            layer[v] = max(layer[u] for u in pred[v]) + 1
    for _ in range(2):
        for v in reversed(order):
            if succ[v] and len(succ[v]) > len(pred[v]):
                layer[v] = min(layer[w] for w in succ[v]) - 1
        for v in order:
            if pred[v] and len(pred[v]) > len(succ[v]):
                layer[v] = max(layer[u] for u in pred[v]) + 1
    return np.array(layer, dtype=np.int64)


def shortest_layers(n: int, top: np.ndarray, bottom: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Layers with the least total edge length, sum of ``layer[b] - layer[a] >= 1`` over the edges.

    What Graphviz dot's network simplex computes, here as the linear program it is, solved by
    HiGHS's dual simplex: the constraint matrix is totally unimodular, so the vertex solution is
    integral. Fewer layers crossed means fewer dummy nodes, which often (not always) means fewer
    crossings. Returns ``fallback`` if the solver fails.

    >>> shortest_layers(4, np.array([0, 1, 3]), np.array([1, 2, 2]), np.zeros(4, dtype=np.int64)).tolist()
    [0, 1, 2, 1]
    """
    if len(top) == 0:
        return fallback
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    m = len(top)
    rows = np.concatenate([np.arange(m), np.arange(m)])
    signs = np.concatenate([np.ones(m), -np.ones(m)])
    constraints = csr_matrix((signs, (rows, np.concatenate([top, bottom]))), shape=(m, n))
    length = np.bincount(bottom, minlength=n) - np.bincount(top, minlength=n)
    result = linprog(length.astype(np.float64), A_ub=constraints, b_ub=-np.ones(m), bounds=(0, None),
                     method="highs-ds")
    if result.status != 0:
        return fallback
    layer = np.rint(result.x).astype(np.int64)
    if not np.allclose(result.x, layer) or (layer[bottom] - layer[top] < 1).any():
        return fallback
    return layer


def _topological_order(n: int, succ: list[list[int]], pred: list[list[int]]) -> list[int]:
    """Kahn's algorithm, smallest index first among the ready nodes at each round."""
    waiting = [len(p) for p in pred]
    ready = [v for v in range(n) if waiting[v] == 0]
    order: list[int] = []
    while ready:
        order.extend(ready)
        nxt: list[int] = []
        for v in ready:
            for w in succ[v]:
                waiting[w] -= 1
                if waiting[w] == 0:
                    nxt.append(w)
        ready = nxt
    return order


def _insert_dummies(graph: LayeredGraph) -> None:
    """Cut every pair spanning k > 1 layers into a chain through k - 1 new dummy nodes."""
    top, bottom, layer = graph.pair_top, graph.pair_bottom, graph.layer
    span = layer[bottom] - layer[top]
    count = np.maximum(span - 1, 0)
    start = graph.n_real + np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    graph.pair_chain_start, graph.pair_chain_len = start, count
    total = int(count.sum())
    owner = np.repeat(np.arange(len(top)), count)
    dummies = graph.n_real + np.arange(total, dtype=np.int64)
    step = dummies - start[owner]
    dummy_layer = layer[top][owner] + 1 + step
    above = np.where(step == 0, top[owner], dummies - 1)
    last = (step == count[owner] - 1)
    short = count == 0
    graph.src = np.concatenate([top[short], above, dummies[last]])
    graph.dst = np.concatenate([bottom[short], dummies, bottom[owner[last]]])
    graph.layer = np.concatenate([layer, dummy_layer])
    graph.comp = np.concatenate([graph.comp, graph.comp[top][owner]])
