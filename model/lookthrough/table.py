"""Every holder of every entity at once, as arrays: what :meth:`LookThrough.owners_of` answers for
one entity, for all of them in one pass of numpy.

The command line's look-through of a whole file asks for the holders of tens of thousands of
entities; one call of ``owners_of`` each spends most of its time on small-array overheads, where
one pass over the whole matrix of effective stakes costs less than a tenth of a second.

>>> from model.document import Document
>>> from model.lookthrough.stakes import compute
>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> for id_ in "pab":
...     doc.add_entity(Entity(id_, id_.upper(), "person" if id_ == "p" else "company"))
>>> doc.add_relationship(Relationship("r1", "ownership", "p", "a", Share.exact(60)))
>>> doc.add_relationship(Relationship("r2", "ownership", "a", "b", Share(25, 50)))
>>> table = holder_table(compute(doc), [2])  # the holders of b, biggest first
>>> start, end = table.offsets[0], table.offsets[1]
>>> table.owner[start:end].tolist(), table.low[start:end].tolist(), table.high[start:end].tolist()
([1, 0], [25.0, 15.0], [50.0, 30.0])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from model.lookthrough.stakes import LookThrough


@dataclass(frozen=True)
class HolderTable:
    """Holder-entity pairs grouped by held entity: rows ``offsets[k] : offsets[k + 1]`` hold the
    holders of the ``k``-th entity asked for (positions in :attr:`LookThrough.entity_ids`), biggest
    first as :meth:`LookThrough.owners_of` orders them, with their effective stake in percent (each
    end at most 100), whether an undisclosed stake lies on a chain, and the ``direct`` and
    ``ultimate`` flags."""

    offsets: np.ndarray
    owner: np.ndarray
    low: np.ndarray
    high: np.ndarray
    unknown: np.ndarray
    direct: np.ndarray
    ultimate: np.ndarray


def holder_table(result: LookThrough, owned: np.ndarray | None = None) -> HolderTable:
    """The holders of the entities at positions ``owned`` (all when None), in one pass."""
    high = result._high
    n = high.shape[0]
    owned = np.arange(n) if owned is None else np.asarray(owned, dtype=np.int64)
    chosen = high[:, owned]
    group = _columns(chosen)
    held = owned[group]
    owner = chosen.indices.astype(np.int64)
    others = owner != held  # an entity in a cycle holds itself; it is not its own holder
    group, held, owner, highs = group[others], held[others], owner[others], chosen.data[others]
    keys = held * n + owner
    low_percent = np.minimum(_aligned(result._low, keys), 1.0) * 100
    high_percent = np.minimum(highs, 1.0) * 100
    order = np.lexsort((_id_rank(result.entity_ids, owner), -low_percent, -high_percent, group))
    owner, keys = owner[order], keys[order]
    return HolderTable(
        offsets=np.searchsorted(group[order], np.arange(len(owned) + 1)),
        owner=owner,
        low=low_percent[order],
        high=high_percent[order],
        unknown=_aligned(result._unknown, keys) > 0,
        direct=_aligned(result._direct, keys) > 0,
        ultimate=result._ultimate[owner],
    )


def _id_rank(entity_ids: list[str], positions: np.ndarray) -> np.ndarray:
    """For each position, the rank of its id in string order among those present: owners_of
    breaks ties by id."""
    present, inverse = np.unique(positions, return_inverse=True)
    ids = [entity_ids[position] for position in present.tolist()]
    rank = np.empty(len(present), dtype=np.int64)
    rank[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(present))
    return rank[inverse]


def _columns(matrix: sparse.csc_matrix) -> np.ndarray:
    """The column of every stored entry of a CSC matrix."""
    return np.repeat(np.arange(matrix.shape[1], dtype=np.int64), np.diff(matrix.indptr))


def _aligned(matrix: sparse.csc_matrix, keys: np.ndarray) -> np.ndarray:
    """Entries of a CSC matrix with sorted indices at ``column * n + row`` keys; 0 where none."""
    stored = _columns(matrix) * matrix.shape[0] + matrix.indices
    values = np.zeros(len(keys))
    if len(stored):
        where = np.minimum(np.searchsorted(stored, keys), len(stored) - 1)
        found = stored[where] == keys
        values[found] = matrix.data[where[found]]
    return values
