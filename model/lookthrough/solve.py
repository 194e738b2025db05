"""Integrated ownership of a sparse share matrix: ``N = I + S + S^2 + ... = (I - S)^-1``.

``S[i, j]`` is the fraction of entity ``j`` that entity ``i`` holds directly. Entry ``(i, j)`` of
``S^k`` sums the products of the shares along every ownership walk of ``k`` steps from ``i`` to
``j``, so ``N - I`` is the effective ownership of every holder in every entity, going round
cycles as often as the geometric series of the cycle allows.

Why this way and not one ``splu`` of ``I - S`` or an iteration to convergence:

* ``splu`` solves ``(I - S) x = b`` for dense right-hand sides. Asking for *every* holder in
  *every* entity means ``n`` right-hand sides, ``n * n`` numbers: 800 MB at 10,000 entities,
  although the answer is sparse (an entity has few indirect holders).
* Iterating ``X <- S + X S`` needs as many rounds as the longest chain, and with cycles never
  ends exactly; its stopping tolerance would blur the answers.

So the matrix is split along its strongly connected components (the cycles):
``S = D + B`` with ``D`` the shares inside a component and ``B`` the shares between components.
Each component's block of ``M = (I - D)^-1`` is inverted densely (cycles are small: a few
companies each), after checking that its spectral radius is below 1, the one condition under
which the geometric series converges. Then ``I - S = (I - D)(I - M B)`` and ``T = M B`` only
ever leads downstream from one component to a later one, so ``T`` is nilpotent and
``(I - T)^-1 = I + T + T^2 + ...`` ends after at most as many terms as the longest chain of
components. :func:`_nilpotent_series` sums it by doubling (``(I + T)(I + T^2)(I + T^4)...``),
sparse products only, in ``log2(depth)`` rounds. Finally ``N = (I - T)^-1 M``. Everything is
exact up to floating point; nothing is iterated to a tolerance, and nothing loops forever.

A component whose spectral radius is 1 or more (two companies holding 100% of each other) has no
finite answer. :func:`integrated` fills its block with ``inf`` and lists it in ``divergent``;
the caller decides whether that is an error (the low shares) or merely "no upper bound" (the high
shares of ranges and undisclosed stakes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

# A cycle whose spectral radius is this close to 1 is treated as not converging: its sums would
# be dominated by rounding.
_RADIUS_LIMIT = 1.0 - 1e-12


@dataclass(frozen=True)
class Divergent:
    """A strongly connected component whose geometric series does not converge."""

    members: np.ndarray
    spectral_radius: float


@dataclass(frozen=True)
class Integrated:
    """The result of :func:`integrated`: ``N`` (CSR), component labels and cyclic flags."""

    total: sparse.csr_matrix
    labels: np.ndarray
    cyclic: np.ndarray
    divergent: tuple[Divergent, ...]


def integrated(shares: sparse.csr_matrix) -> Integrated:
    """``N = (I - S)^-1`` for a nonnegative sparse share matrix (fractions), cycle by cycle.

    >>> S = sparse.csr_matrix(np.array([[0, 0.5], [0.2, 0]]))  # 0 owns 50% of 1, 1 owns 20% of 0
    >>> result = integrated(S)
    >>> np.round(result.total.toarray(), 4).tolist(), result.cyclic.tolist()
    ([[1.1111, 0.5556], [0.2222, 1.1111]], [True, True])
    """
    shares = sparse.csr_matrix(shares, dtype=float)
    shares.eliminate_zeros()
    count, labels = connected_components(shares, directed=True, connection="strong")
    coo = shares.tocoo()
    inside = labels[coo.row] == labels[coo.col]
    within = _select(coo, inside)
    between = _select(coo, ~inside)
    cycle_inverse, cyclic, divergent = _cycle_inverses(within, labels, count)
    step = (cycle_inverse @ between).tocsr()
    total = (_nilpotent_series(step) @ cycle_inverse).tocsr()
    total.eliminate_zeros()
    return Integrated(total, labels, cyclic, tuple(divergent))


def _select(coo: sparse.coo_matrix, keep: np.ndarray) -> sparse.csr_matrix:
    return sparse.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=coo.shape)


def _cycle_inverses(
    within: sparse.csr_matrix, labels: np.ndarray, count: int
) -> tuple[sparse.csr_matrix, np.ndarray, list[Divergent]]:
    """Block-diagonal ``(I - D)^-1``: identity outside cycles, a dense inverse per cycle."""
    n = within.shape[0]
    inside = within.tocoo()
    cyclic_components = np.unique(labels[inside.row])
    cyclic = np.isin(labels, cyclic_components)
    plain = np.flatnonzero(~cyclic)
    rows, cols, values = [plain], [plain], [np.ones(len(plain))]
    divergent = []
    members_of = _group(np.flatnonzero(cyclic), labels[cyclic])
    entries_of = _group(np.arange(inside.nnz), labels[inside.row])
    local = np.zeros(n, dtype=np.int64)
    for component in cyclic_components:
        members, entries = members_of[component], entries_of[component]
        local[members] = np.arange(len(members))
        block = np.zeros((len(members), len(members)))
        block[local[inside.row[entries]], local[inside.col[entries]]] = inside.data[entries]
        inverse, radius = _block_inverse(block)
        if inverse is None:
            divergent.append(Divergent(members, radius))
            inverse = np.full(block.shape, np.inf)
        rows.append(np.repeat(members, len(members)))
        cols.append(np.tile(members, len(members)))
        values.append(inverse.ravel())
    matrix = sparse.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    )
    return matrix, cyclic, divergent


def _group(items: np.ndarray, keys: np.ndarray) -> dict[int, np.ndarray]:
    """``items`` grouped by their ``keys`` (two arrays of the same length)."""
    if len(items) == 0:
        return {}
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.concatenate(([0], np.flatnonzero(np.diff(sorted_keys)) + 1))
    ends = np.append(starts[1:], len(order))
    return {int(sorted_keys[a]): items[order[a:b]] for a, b in zip(starts, ends, strict=True)}


def _block_inverse(block: np.ndarray) -> tuple[np.ndarray | None, float]:
    """``(I - block)^-1`` and the spectral radius, or None when the series diverges."""
    radius = float(np.max(np.abs(np.linalg.eigvals(block))))
    if radius >= _RADIUS_LIMIT:
        return None, radius
    inverse = np.linalg.inv(np.eye(len(block)) - block)
    # A nonnegative matrix of radius < 1 has a nonnegative inverse; clear rounding noise.
    return np.maximum(inverse, 0.0), radius


def _nilpotent_series(step: sparse.csr_matrix) -> sparse.csr_matrix:
    """``I + T + T^2 + ...`` for a nilpotent ``T``, as ``(I + T)(I + T^2)(I + T^4)...``.

    ``T^(2^m)`` is zero once ``2^m`` reaches the longest chain, so the loop ends within
    ``log2(n) + 1`` rounds; the bound below only guards against a broken invariant.
    """
    n = step.shape[0]
    total = (sparse.identity(n, format="csr") + step).tocsr()
    power = step
    for _ in range(int(np.log2(max(n, 2))) + 3):
        power = (power @ power).tocsr()
        power.eliminate_zeros()
        if power.nnz == 0:
            return total
        # Both factors are polynomials in T, so they commute; the sparse power goes first
        # because a product costs about (nonzeros of the left) x (row length on the right).
        total = (total + power @ total).tocsr()
    raise AssertionError("the step matrix between cycles is not nilpotent")


# --- helpers for building a look-through ---------------------------------------------------------
def share_matrix(owner: np.ndarray, owned: np.ndarray, values: np.ndarray, n: int) -> sparse.csr_matrix:
    """``S[owner, owned] = value``, duplicates added, zeros dropped.

    >>> share_matrix(np.array([0, 0]), np.array([1, 1]), np.array([0.2, 0.1]), 2).toarray().tolist()
    [[0.0, 0.30000000000000004], [0.0, 0.0]]
    """
    matrix = sparse.csr_matrix((values, (owner, owned)), shape=(n, n))
    matrix.eliminate_zeros()
    return matrix


def tighten_highs(owned: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Cut each high to 100% minus the other holders' lows in the same entity, never below its low.

    >>> tighten_highs(np.array([5, 5]), np.array([0.0, 0.6]), np.array([1.0, 0.7])).tolist()
    [0.4, 0.7]
    """
    if len(owned) == 0:
        return high
    lows_per_entity = np.bincount(owned, weights=low)
    room = 1.0 - (lows_per_entity[owned] - low)
    return np.maximum(low, np.minimum(high, room))


def effective_part(total: sparse.csr_matrix) -> sparse.csc_matrix:
    """``N - I`` as CSC with sorted indices: effective stakes, the trivial empty chain removed."""
    return sorted_csc(total - sparse.identity(total.shape[0], format="csr"))


def sorted_csc(matrix: sparse.spmatrix) -> sparse.csc_matrix:
    """CSC, zeros dropped, row indices sorted so one entry can be found by binary search."""
    matrix = sparse.csc_matrix(matrix)
    matrix.eliminate_zeros()
    matrix.sort_indices()
    return matrix


def pattern(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """The same nonzeros, each 1.0: who reaches whom."""
    ones = sparse.csr_matrix(matrix, copy=True)
    ones.data = np.ones_like(ones.data)
    ones.sort_indices()
    return ones


def unknown_pairs(
    reach: sparse.csr_matrix, owner: np.ndarray, owned: np.ndarray, hidden: np.ndarray
) -> sparse.csc_matrix:
    """Pairs (i, j) with a chain through an undisclosed stake h -> k: i reaches h and k reaches j.

    ``reach`` must include the diagonal (everyone reaches itself), as the pattern of ``N`` does.
    """
    n = reach.shape[0]
    marks = sparse.csr_matrix((np.ones(hidden.sum()), (owner[hidden], owned[hidden])), shape=(n, n))
    return sorted_csc(reach @ marks @ reach)
