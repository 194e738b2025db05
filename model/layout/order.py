"""Crossing reduction for :func:`~model.layout.layered.layered_layout`: the order within each layer.

The order starts from a depth-first walk (which draws any tree without crossings), then alternates
barycentre and median sweeps down and up the layers, each followed by odd-even transposition (swap
neighbours when that removes crossings; after barycentre sweeps also when it changes nothing, to
leave plateaus); the best ordering seen is kept and transposed until no swap helps. Every step
works on a whole layer at once with numpy. Each weakly connected component is ordered on its own:
a node's rank is its place among the nodes of the same layer *and* component.

Small graphs (up to ``SIFT_LIMIT`` nodes and dummies) get more: the best ordering of the sweeps is
sifted (each node moved to its best place in its layer, with exact crossing counts against both
neighbouring layers) and a few rounds of one sweep plus sifting look for a better local optimum.
This costs a Python step per node, so large graphs keep the sweeps alone.

>>> count_inversions(np.array([2, 0, 1, 1]))
3
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.layout.graph import LayeredGraph

SWEEP_ROUNDS = 10
PATIENCE = 3
FINAL_TRANSPOSE_ROUNDS = 10
SMALL_GRAPH = 3000  # nodes and dummies; up to this, more transposition per sweep (better, slower)
SIFT_LIMIT = 1500  # nodes and dummies; up to this, sifting refines the sweeps' best order
SIFT_WORK = 2000  # node count times rounds of sweep-and-sift looking for a better order
MAX_SIFT_CYCLES = 4  # and at most this many rounds


def count_inversions(values: np.ndarray) -> int:
    """Number of pairs i < j with ``values[i] > values[j]`` (ties are not inversions).

    A bottom-up merge sort in which each level merges all pairs of blocks at once; the merge is a
    stable argsort, which numpy does in linear time on two sorted runs.
    """
    if len(values) < 2:
        return 0
    _, ranks = np.unique(values, return_inverse=True)
    array = ranks.astype(np.int64).ravel()
    n = len(array)
    span = int(array.max()) + 1
    index = np.arange(n)
    total = 0
    width = 1
    while width < n:
        pair = index // (2 * width)
        right = (index // width) % 2 == 1
        order = np.argsort(pair * span + array, kind="stable")
        lefts_so_far = np.cumsum(~right[order])
        merged_right = right[order]
        right_pair = pair[order][merged_right]
        left_in_pair = np.minimum(width, n - 2 * width * right_pair)
        lefts_before = lefts_so_far[merged_right] - right_pair * width
        total += int((left_in_pair - lefts_before).sum())
        array = array[order]
        width *= 2
    return total


@dataclass
class LayerIndex:
    """Per-layer views of a layered graph, set up once for the sweeps.

    ``nodes[L]`` lists layer L's nodes (global indices, increasing); ``comp[L]`` their components;
    ``down[L]`` the edges from layer L to layer L+1 as (index in layer L, index in layer L+1);
    ``comp_start[L]``/``comp_size[L]`` give, per node, how many nodes of layer L belong to
    components numbered lower, and how many to its own.
    """

    nodes: list[np.ndarray]
    comp: list[np.ndarray]
    down: list[tuple[np.ndarray, np.ndarray]]
    comp_start: list[np.ndarray]
    comp_size: list[np.ndarray]

    @classmethod
    def of(cls, graph: LayeredGraph) -> LayerIndex:
        """Index ``graph`` by layer."""
        order = np.lexsort((np.arange(graph.n_total), graph.layer))
        bounds = np.searchsorted(graph.layer[order], np.arange(graph.n_layers + 1))
        nodes = [order[bounds[k]:bounds[k + 1]] for k in range(graph.n_layers)]
        within = np.empty(graph.n_total, dtype=np.int64)
        for members in nodes:
            within[members] = np.arange(len(members))
        edge_layer = graph.layer[graph.src]
        by_layer = np.argsort(edge_layer, kind="stable")
        edge_bounds = np.searchsorted(edge_layer[by_layer], np.arange(graph.n_layers + 1))
        down = []
        for k in range(max(graph.n_layers - 1, 0)):
            chosen = by_layer[edge_bounds[k]:edge_bounds[k + 1]]
            down.append((within[graph.src[chosen]], within[graph.dst[chosen]]))
        comps = [graph.comp[m] for m in nodes]
        sizes = [np.bincount(c) for c in comps]
        return cls(nodes=nodes, comp=comps, down=down,
                   comp_start=[(np.cumsum(z) - z)[c] for z, c in zip(sizes, comps, strict=True)],
                   comp_size=[z[c] for z, c in zip(sizes, comps, strict=True)])


def order_layers(graph: LayeredGraph) -> np.ndarray:
    """Rank of every node within its layer and component, with few edge crossings."""
    index = LayerIndex.of(graph)
    ranks = [_ranks_from_keys(c, k) for c, k in zip(index.comp, _dfs_keys(graph, index), strict=True)]
    ranks = reduce_crossings(index, ranks, sift=graph.n_total <= SIFT_LIMIT)
    result = np.empty(graph.n_total, dtype=np.int64)
    for members, rank in zip(index.nodes, ranks, strict=True):
        result[members] = rank
    return result


def reduce_crossings(index: LayerIndex, ranks: list[np.ndarray], *, sift: bool = False) -> list[np.ndarray]:
    """Fewer crossings, starting from ``ranks`` (per layer, rank within component); the best found.

    Alternating barycentre and median sweeps down and up, each followed by transposition, keep
    the best ordering seen. With ``sift``, that ordering is then sifted to a local optimum, and
    further rounds of one sweep plus sifting look for a better one (see :func:`sift_layers`).
    """
    ranks = [r.copy() for r in ranks]
    n_total = sum(len(r) for r in ranks)
    best, best_crossings = [r.copy() for r in ranks], layer_crossings(index, ranks)
    stale = 0
    transposes = 4 if n_total <= SMALL_GRAPH and not sift else 1  # sifting subsumes transposition
    for round_number in range(SWEEP_ROUNDS):
        use_median = round_number % 2 == 1
        for downward in (True, False):
            _sweep(index, ranks, downward, use_median)
            for _ in range(transposes):
                if not _transpose_all(index, ranks, allow_equal=not use_median):
                    break
            crossings = layer_crossings(index, ranks)
            if crossings < best_crossings:
                best, best_crossings, stale = [r.copy() for r in ranks], crossings, 0
        stale += 1
        if best_crossings == 0 or stale > PATIENCE:
            break
    ranks = best
    if not sift:
        for _ in range(FINAL_TRANSPOSE_ROUNDS):
            if not _transpose_all(index, ranks):
                break
        return ranks
    sift_layers(index, ranks)
    best, best_crossings = [r.copy() for r in ranks], layer_crossings(index, ranks)
    for round_number in range(min(max(SIFT_WORK // max(n_total, 1), 1), MAX_SIFT_CYCLES)):
        if best_crossings == 0:
            break
        _sweep(index, ranks, round_number % 2 == 1, round_number % 4 >= 2)
        sift_layers(index, ranks)
        crossings = layer_crossings(index, ranks)
        if crossings < best_crossings:
            best, best_crossings = [r.copy() for r in ranks], crossings
    return best


def sift_layers(index: LayerIndex, ranks: list[np.ndarray], max_rounds: int = 30) -> None:
    """Sift every node of every layer, down and up the layers, until no move removes a crossing.

    Sifting (Matuszewski, Schönfeld and Molitor) moves one node at a time to the place in its
    layer (and component) where its edges to both neighbouring layers cross the fewest others,
    all else fixed; every move is a strict improvement, so the rounds end.
    """
    dirty = [True] * len(ranks)
    for round_number in range(max_rounds):
        layers = range(len(ranks)) if round_number % 2 == 0 else range(len(ranks) - 1, -1, -1)
        for k in layers:
            if dirty[k]:
                dirty[k] = False
                if _sift_layer(index, ranks, k):
                    dirty[max(k - 1, 0):k + 2] = [True] * (min(k + 2, len(ranks)) - max(k - 1, 0))
        if not any(dirty):
            break


def _sift_layer(index: LayerIndex, ranks: list[np.ndarray], k: int) -> int:
    """Sift the nodes of layer k, each component's block on its own; the crossings removed."""
    rank, start = ranks[k], index.comp_start[k]
    if len(rank) < 2:
        return 0
    pair = _pair_crossing_matrix(index, ranks, k)
    change = pair.T - pair  # change[v, w]: crossings added when v moves from left of w to its right
    order = np.empty(len(rank), dtype=np.int64)
    order[start + rank] = np.arange(len(rank))
    firsts, counts = np.unique(start, return_counts=True)
    removed = 0
    for first, count in zip(firsts.tolist(), counts.tolist(), strict=True):
        if count > 1:
            block = order[first:first + count]
            moved, block[:] = _sift_block(change, block)
            removed += moved
    rank[order] = np.arange(len(rank)) - start[order]
    return removed


def _sift_block(change: np.ndarray, block: np.ndarray) -> tuple[int, np.ndarray]:
    """Sift the nodes of ``block`` (left to right) one by one; crossings removed and the new order.

    Each node moves to the gap in the block where its edges cross the fewest others, if that is
    better than where it is.
    """
    block = block.copy()
    size = len(block)
    cost = np.zeros(size + 1, dtype=np.int64)
    removed = 0
    for node in block.tolist():
        here = int(np.flatnonzero(block == node)[0])
        # cost[c]: crossings added by moving the node to the gap before the c-th node of the block;
        # gaps ``here`` and ``here + 1`` both leave it in place.
        np.cumsum(change[node][block], out=cost[1:])
        gap = int(np.argmin(cost))
        if cost[gap] < cost[here]:
            removed += int(cost[here] - cost[gap])
            target = gap if gap < here else gap - 1
            if target > here:
                block[here:target] = block[here + 1:target + 1]
            else:
                block[target + 1:here + 1] = block[target:here].copy()
            block[target] = node
    return removed, block


def _pair_crossing_matrix(index: LayerIndex, ranks: list[np.ndarray], k: int) -> np.ndarray:
    """``pair[u, v]``: crossings between the edges of layer-k nodes u and v if u is left of v.

    Edges to both neighbouring layers count. Two edges (u, a) and (v, b) cross when a is right of
    b, so ``pair = H @ B.T`` where ``H[u, a]`` counts u's edges to a and ``B[v, a]`` counts v's
    edges to nodes left of a. Nodes of different components get meaningless entries (unused).
    """
    n = len(ranks[k])
    pair = np.zeros((n, n), dtype=np.int64)
    for mine, theirs, other in _neighbour_slots(index, ranks, k):
        if not len(mine):
            continue
        m = len(ranks[other])
        hits = np.bincount(mine * m + theirs, minlength=n * m).reshape(n, m)
        before = np.cumsum(hits, axis=1) - hits
        by_node = np.argsort(mine, kind="stable")
        sorted_mine = mine[by_node]
        firsts = np.flatnonzero(np.concatenate([[True], sorted_mine[1:] != sorted_mine[:-1]]))
        pair[sorted_mine[firsts]] += np.add.reduceat(before[:, theirs[by_node]], firsts, axis=1).T
    return pair


def _neighbour_slots(index: LayerIndex, ranks: list[np.ndarray], k: int):
    """(node in layer k, neighbour's place in its layer, that layer) for the layers above and below."""
    if k > 0:
        upper, lower = index.down[k - 1]
        yield lower, index.comp_start[k - 1][upper] + ranks[k - 1][upper], k - 1
    if k < len(ranks) - 1:
        upper, lower = index.down[k]
        yield upper, index.comp_start[k + 1][lower] + ranks[k + 1][lower], k + 1


def graph_crossings(graph: LayeredGraph, rank: np.ndarray) -> int:
    """Edge crossings between consecutive layers of ``graph`` for ranks as from :func:`order_layers`."""
    index = LayerIndex.of(graph)
    return layer_crossings(index, [rank[members] for members in index.nodes])


def layer_crossings(index: LayerIndex, ranks: list[np.ndarray]) -> int:
    """Edge crossings between all pairs of consecutive layers for the given ranks."""
    if not index.down:
        return 0
    span = 1 + max((int(r.max()) for r in ranks if len(r)), default=0)
    group_parts, upper_parts, lower_parts = [], [], []
    offset = 0
    for k, (upper, lower) in enumerate(index.down):
        group_parts.append(index.comp[k][upper] + offset)
        upper_parts.append(ranks[k][upper])
        lower_parts.append(ranks[k + 1][lower])
        offset += int(index.comp[k].max()) + 1 if len(index.comp[k]) else 0
    group = np.concatenate(group_parts)
    upper_rank, lower_rank = np.concatenate(upper_parts), np.concatenate(lower_parts)
    order = np.lexsort((lower_rank, upper_rank, group))
    return count_inversions(group[order] * span + lower_rank[order])


def _ranks_from_keys(comp: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Rank within component after sorting by ``keys`` (first key most significant)."""
    n = len(comp)
    order = np.lexsort(tuple(reversed(keys)) + (comp,))
    sorted_comp = comp[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = sorted_comp[1:] != sorted_comp[:-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = np.arange(n) - first
    return ranks


def _dfs_keys(graph: LayeredGraph, index: LayerIndex, backwards: bool = False) -> list[np.ndarray]:
    """Per layer, each node's preorder number in a depth-first walk from the sources.

    The walk takes sources and children by increasing index, or ``backwards`` by decreasing index.
    """
    order = np.lexsort((graph.dst, graph.src))
    starts = np.searchsorted(graph.src[order], np.arange(graph.n_total + 1))
    children = graph.dst[order].tolist()
    starts_list = starts.tolist()
    has_parent = np.zeros(graph.n_total, dtype=bool)
    has_parent[graph.dst] = True
    visit = [-1] * graph.n_total
    counter = 0
    roots = np.flatnonzero(~has_parent).tolist()
    for root in roots[::-1] if backwards else roots:
        stack = [root]
        while stack:
            v = stack.pop()
            if visit[v] >= 0:
                continue
            visit[v] = counter
            counter += 1
            mine = children[starts_list[v]:starts_list[v + 1]]
            stack.extend(mine if backwards else reversed(mine))
    visits = np.array(visit, dtype=np.int64)
    return [visits[members] for members in index.nodes]


def _sweep(index: LayerIndex, ranks: list[np.ndarray], downward: bool, use_median: bool) -> None:
    """Reorder each layer by its neighbours in the layer just fixed, top-down or bottom-up."""
    n_layers = len(ranks)
    steps = range(1, n_layers) if downward else range(n_layers - 2, -1, -1)
    for k in steps:
        if downward:
            theirs, mine = index.down[k - 1]
            fixed = ranks[k - 1]
        else:
            mine, theirs = index.down[k]
            fixed = ranks[k + 1]
        neighbour_rank = fixed[theirs].astype(np.float64)
        if use_median:
            key = _medians(len(ranks[k]), mine, neighbour_rank, ranks[k])
        else:
            key = _barycentres(len(ranks[k]), mine, neighbour_rank, ranks[k])
        linked = np.bincount(mine, minlength=len(ranks[k])) > 0
        _reorder_linked(index.comp[k], ranks[k], key, linked)


def _reorder_linked(comp: np.ndarray, rank: np.ndarray, key: np.ndarray, linked: np.ndarray) -> None:
    """Sort the linked nodes by ``key`` into the slots they hold; the others keep their rank."""
    movers = np.flatnonzero(linked)
    by_key = movers[np.lexsort((rank[movers], key[movers], comp[movers]))]
    slots = np.sort(comp[movers] * (len(rank) + 1) + rank[movers]) % (len(rank) + 1)
    rank[by_key] = slots


def _barycentres(n: int, mine: np.ndarray, neighbour_rank: np.ndarray, current: np.ndarray) -> np.ndarray:
    """Mean neighbour rank per node (current rank for nodes without neighbours)."""
    sums = np.bincount(mine, weights=neighbour_rank, minlength=n)
    counts = np.bincount(mine, minlength=n)
    return np.where(counts > 0, sums / np.maximum(counts, 1), current)


def _medians(n: int, mine: np.ndarray, neighbour_rank: np.ndarray, current: np.ndarray) -> np.ndarray:
    """Median neighbour rank per node (mean of the two middle ones for an even count)."""
    counts = np.bincount(mine, minlength=n)
    order = np.lexsort((neighbour_rank, mine))
    sorted_rank = neighbour_rank[order]
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    has = counts > 0
    low = starts + (counts - 1) // 2
    high = starts + counts // 2
    key = current.astype(np.float64)
    key[has] = (sorted_rank[low[has]] + sorted_rank[high[has]]) / 2
    return key


def _transpose_all(index: LayerIndex, ranks: list[np.ndarray], allow_equal: bool = False) -> bool:
    """One odd-even transpose pass over every layer; True if any pair was swapped.

    With ``allow_equal``, pairs whose swap leaves their crossings unchanged are swapped too, which
    lets later passes escape a plateau; only strict improvements count as a change.
    """
    improved = False
    for k in range(len(ranks)):
        for parity in (0, 1):
            improved |= _transpose_layer(index, ranks, k, parity, allow_equal)
    return improved


def _transpose_layer(index: LayerIndex, ranks: list[np.ndarray], k: int, parity: int,
                     allow_equal: bool) -> bool:
    """Swap neighbours (ranks parity+2i, parity+2i+1) in layer k wherever that removes crossings."""
    rank, start, size = ranks[k], index.comp_start[k], index.comp_size[k]
    n = len(rank)
    shifted = rank - parity
    is_left = (shifted >= 0) & (shifted % 2 == 0) & (rank + 1 < size)
    is_right = (shifted >= 1) & (shifted % 2 == 1)
    pair_id = np.where(is_left, start + rank, np.where(is_right, start + rank - 1, -1))
    keep = np.zeros(n)
    swap = np.zeros(n)
    for mine, neighbour_rank in _neighbour_lists(index, ranks, k):
        pid = pair_id[mine]
        used = pid >= 0
        _pair_crossings(pid[used], is_right[mine][used], neighbour_rank[used], keep, swap)
    better = swap < keep
    if allow_equal:
        better |= (swap == keep) & (keep > 0)
    chosen = (pair_id >= 0) & better[np.maximum(pair_id, 0)]
    if not chosen.any():
        return False
    rank[chosen] += np.where(is_right[chosen], -1, 1)
    return bool((swap < keep).any())


def _neighbour_lists(index: LayerIndex, ranks: list[np.ndarray], k: int):
    """(node index in layer k, neighbour rank) arrays for the layers above and below k."""
    if k > 0:
        upper, lower = index.down[k - 1]
        yield lower, ranks[k - 1][upper]
    if k < len(ranks) - 1:
        upper, lower = index.down[k]
        yield upper, ranks[k + 1][lower]


def _pair_crossings(pid: np.ndarray, is_right: np.ndarray, neighbour: np.ndarray,
                    keep: np.ndarray, swap: np.ndarray) -> None:
    """Add, per pair, the crossings among its two nodes' edges as they are and if swapped."""
    span = int(neighbour.max()) + 2 if len(neighbour) else 1
    left_keys = np.sort(pid[~is_right] * span + neighbour[~is_right])
    right_pid, right_rank = pid[is_right], neighbour[is_right]
    begin = np.searchsorted(left_keys, right_pid * span, side="left")
    end = np.searchsorted(left_keys, (right_pid + 1) * span, side="left")
    greater = end - np.searchsorted(left_keys, right_pid * span + right_rank, side="right")
    less = np.searchsorted(left_keys, right_pid * span + right_rank, side="left") - begin
    keep += np.bincount(right_pid, weights=greater, minlength=len(keep))
    swap += np.bincount(right_pid, weights=less, minlength=len(swap))
