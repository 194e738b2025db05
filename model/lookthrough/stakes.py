"""Look-through ownership: the effective (indirect) stake of every holder in every entity.

The effective stake of ``owner`` in ``owned`` is the sum, over every chain of ownership
relationships from ``owner`` to ``owned``, of the product of the shares along the chain. With
cycles (A holds B, B holds A) the chains go round the cycle again and again and the sum is a
geometric series; :mod:`model.lookthrough.solve` sums it exactly as ``(I - S)^-1`` and explains
how.

The API: :func:`compute` ``(doc, as_of=None)`` returns a :class:`LookThrough`, a snapshot that
answers :meth:`~LookThrough.effective` ``(owner_id, owned_id)`` as an :class:`Interval` in percent,
:meth:`~LookThrough.owners_of`, :meth:`~LookThrough.ultimate_owners_of` and
:meth:`~LookThrough.holdings_of` as lists of :class:`EffectiveStake` (interval, verdict at a
threshold, ``unknown``, ``is_ultimate``, ``is_direct``), and :meth:`~LookThrough.paths`,
:meth:`~LookThrough.derivation` and :meth:`~LookThrough.derivations_into` with the chains.
:mod:`model.lookthrough.report` turns one subject's answer into table rows, text and JSON.

>>> from model.document import Document
>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> for id_, kind in [("p", "person"), ("a", "company"), ("b", "company")]:
...     doc.add_entity(Entity(id_, id_.upper(), kind))
>>> doc.add_relationship(Relationship("r1", "ownership", "p", "a", Share.exact(60)))
>>> doc.add_relationship(Relationship("r2", "ownership", "a", "b", Share(25, 50)))
>>> result = compute(doc)
>>> result.effective("p", "b").text
'15-30%'
>>> [(s.owner_id, s.interval.text, s.verdict) for s in result.owners_of("b", threshold=25)]
[('a', '25-50%', 'certainly above'), ('p', '15-30%', 'possibly above')]

**Intervals.** A share is an interval: exact ``[s, s]``, a range ``[low, high]``, or undisclosed
``[0, 100]``. Every factor is nonnegative, so the effective stake grows with every share: the
lower bound is the look-through of all the lows, the upper bound that of all the highs. Two
facts tighten the highs before that: the holders of one entity hold at most 100% of it between
them, so a stake's high is cut to 100% minus the other holders' lows (never below its own low);
and a reported stake is capped at 100%. (For a person or a top-level holder the sum never
exceeds 100% when every entity's holders hold 100% or less; an intermediate company inside a
cycle can exceed it, since the same stake is counted again on every turn.) Going round a cycle
with the highs can diverge where the lows do not (two undisclosed stakes each way): then the
upper bound of everything reached through that cycle is 100%. The guarantee, checked by a
property test: collapse every range to any point inside it, keeping every entity's holders at
100% or less in total, and the exact answer lies inside the interval.

**Unknown parties.** An undisclosed stake counts as ``[0, 100]`` (tightened as above) and marks
every effective stake that a chain through it reaches with ``unknown=True``: an undisclosed
direct stake gives ``[0, x]``, ``x`` at most 100%, shown as 'undisclosed' when nothing narrows
it. Such a holder is never 'certainly above' a threshold on the strength of that stake alone.

**Which relationships.** Only ownership relationships in force on ``as_of`` take part; see
:mod:`model.inforce` for statuses and fuzzy dates. Two relationships in force between
the same pair count as two stakes and are added.

**Ultimate owners** are natural persons and top-level holders: entities nobody holds in the
relationships in force. A closed cycle that nobody outside holds has no ultimate owner.

**Derivations** (:meth:`LookThrough.derivation`) list the simple chains (no entity twice) from
an owner to an entity, each as relationship ids with each factor's interval; citations hang off
the relationship ids. Enumeration stops at ``limit`` chains (``truncated`` says so). Where a
chain passes through a cycle, the effective stake also counts the turns round it, which the
simple chains do not show: ``circular`` says so. Stakes of exactly 0% make no chain.

A cycle whose lows alone do not converge (100% each way; or loops whose stakes add up to more
than the companies have, which only inconsistent data allows) raises
:class:`CircularOwnershipError`, naming the cycle and its spectral radius, at once.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy import sparse

from model.claims import looked_share
from model.document import Document
from model.errors import CircularOwnershipError, UnknownIdError
from model.inforce import ownership_in_force, parse_as_of
from model.lookthrough.solve import (
    effective_part,
    integrated,
    pattern,
    share_matrix,
    sorted_csc,
    tighten_highs,
    unknown_pairs,
)
from model.lookthrough.values import (
    BELOW,
    CERTAINLY_ABOVE,
    DEFAULT_THRESHOLD,
    POSSIBLY_ABOVE,
    THRESHOLDS,
    Derivation,
    EffectiveStake,
    Interval,
    Path,
)
from model.types import PERSON, Relationship

__all__ = [
    "CERTAINLY_ABOVE",
    "POSSIBLY_ABOVE",
    "BELOW",
    "THRESHOLDS",
    "DEFAULT_THRESHOLD",
    "CircularOwnershipError",
    "Derivation",
    "EffectiveStake",
    "Interval",
    "LookThrough",
    "Path",
    "compute",
]

# How many edges one path enumeration may look at before it stops and says it was cut short.
_STEP_BUDGET = 200_000


@dataclass(frozen=True)
class _Edges:
    """The ownership relationships in force, as parallel arrays (shares as fractions)."""

    relationships: list[Relationship]
    owner: np.ndarray
    owned: np.ndarray
    low: np.ndarray
    high: np.ndarray
    undisclosed: np.ndarray


# One edge as the chains use it: relationship id, holder id, factor, low, high, undisclosed, and
# whether the owned entity lies on a cycle.
_Step = tuple[str, str, Interval, float, float, bool, bool]
# A chain of stakes as the walks build it; see LookThrough._step_up.
Chain = tuple[tuple[str, ...], tuple[str, ...], tuple[Interval, ...], tuple[float, ...],
               tuple[float, ...], bool, bool]


@dataclass(frozen=True)
class _ChainIndex:
    """Where the chain walks start: ``order[offsets[k] : offsets[k + 1]]`` are the edges into
    entity ``k``, stakes of exactly 0% (after tightening) left out, as a chain through one adds
    nothing.

    Arrays only: lists of every edge would be built on each compute and walked by the garbage
    collector again and again. The walks read these through small per-entity and per-edge caches
    of the snapshot, filled on first use.
    """

    order: np.ndarray
    offsets: np.ndarray


@dataclass
class LookThrough:
    """Effective stakes of every holder in every entity of a document, at one date.

    Build it with :func:`compute`. It is a snapshot: later changes to the document do not show.
    """

    entity_ids: list[str]
    as_of: datetime.date | None
    _index: dict[str, int]
    _edges: _Edges
    _low: sparse.csc_matrix
    _high: sparse.csc_matrix
    _unknown: sparse.csc_matrix
    _reach: sparse.csr_matrix
    _cyclic: np.ndarray
    _ultimate: np.ndarray
    _direct: sparse.csc_matrix
    _chain_index: _ChainIndex
    # Filled as the walks go: in-edges (edge, holder) by entity, and _Step by edge.
    _into_cache: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict, repr=False)
    _step_cache: dict[int, _Step] = field(default_factory=dict, repr=False)
    _relationships_seen: dict[str, Relationship] = field(default_factory=dict, repr=False)

    @cached_property
    def relationships(self) -> dict[str, Relationship]:
        """The ownership relationships in force, by id: their shares, dates and citations."""
        return {rel.id: rel for rel in self._edges.relationships}

    # --- single answers -------------------------------------------------------------------
    def effective(self, owner_id: str, owned_id: str) -> Interval:
        """The effective stake of ``owner_id`` in ``owned_id``; ``0%`` when no chain links them."""
        owner, owned = self._position(owner_id), self._position(owned_id)
        return self._interval(owner, owned)

    def is_ultimate(self, entity_id: str) -> bool:
        """A natural person, or an entity that nobody holds in the relationships in force."""
        return bool(self._ultimate[self._position(entity_id)])

    def owners_of(self, entity_id: str, threshold: float = DEFAULT_THRESHOLD) -> list[EffectiveStake]:
        """Every direct and indirect holder of an entity, biggest first (by high, then low)."""
        owned = self._position(entity_id)
        owners, intervals = self._holders(owned)
        direct = _entries(self._direct, owned, owners).tolist()
        ultimate = self._ultimate[owners].tolist()
        entity_ids, owned_id = self.entity_ids, self.entity_ids[owned]
        stakes = [
            EffectiveStake(entity_ids[owner], owned_id, interval, interval.verdict(threshold),
                           is_ultimate, is_direct > 0)
            for owner, interval, is_ultimate, is_direct
            in zip(owners.tolist(), intervals, ultimate, direct, strict=True)
        ]
        return sorted(stakes, key=_biggest_first)

    def holdings_of(self, entity_id: str, threshold: float = DEFAULT_THRESHOLD) -> list[EffectiveStake]:
        """Everything an entity holds, directly or not, biggest first."""
        owner = self._position(entity_id)
        owned = _column_rows(self._high_by_row, owner)
        stakes = [self._stake(owner, target, threshold) for target in owned if target != owner]
        return sorted(stakes, key=_biggest_first)

    def ultimate_owners_of(
        self, entity_id: str, threshold: float = DEFAULT_THRESHOLD
    ) -> list[EffectiveStake]:
        """The natural persons and top-level holders of an entity, biggest first."""
        return [stake for stake in self.owners_of(entity_id, threshold) if stake.is_ultimate]

    # --- derivations ----------------------------------------------------------------------
    def paths(self, owner_id: str, owned_id: str, limit: int = 50) -> list[Path]:
        """The simple chains from ``owner_id`` to ``owned_id``, at most ``limit``, biggest first."""
        return list(self.derivation(owner_id, owned_id, limit).paths)

    def derivation(self, owner_id: str, owned_id: str, limit: int = 50) -> Derivation:
        """The effective stake with its chains; see the module docstring for the caps."""
        owner, owned = self._position(owner_id), self._position(owned_id)
        interval = self._interval(owner, owned)
        return self._derivation(owner, owned, interval, *self._simple_chains(owner, owned, limit))

    def derivations_into(self, owned_id: str, limit: int = 50) -> dict[str, Derivation]:
        """The derivation of every holder of an entity, by holder id, in one walk up from it.

        Each holder gets at most ``limit`` chains, as from :meth:`derivation`.
        """
        owned = self._position(owned_id)
        owners, intervals = self._holders(owned)
        owners = owners.tolist()
        walked = self._chains_into(owned, limit, len(owners))
        answers = {}
        for owner, interval in zip(owners, intervals, strict=True):
            if walked is None:  # the shared walk ran out of budget: one walk per holder
                chains, truncated = self._simple_chains(owner, owned, limit)
            else:
                chains, truncated = walked.get(owner, ([], False))
            answers[self.entity_ids[owner]] = self._derivation(owner, owned, interval, chains, truncated)
        return answers

    # --- internals ------------------------------------------------------------------------
    def knows(self, entity_id: str) -> bool:
        """Whether the entity existed when this snapshot was computed."""
        return entity_id in self._index

    def _position(self, entity_id: str) -> int:
        try:
            return self._index[entity_id]
        except KeyError:
            raise UnknownIdError(f"no entity with id '{entity_id}'") from None

    def _interval(self, owner: int, owned: int) -> Interval:
        low = _entry(self._low, owner, owned)
        high = _entry(self._high, owner, owned)
        unknown = _entry(self._unknown, owner, owned) > 0
        return Interval(min(low, 1.0) * 100, min(high, 1.0) * 100, unknown)

    def _holders(self, owned: int) -> tuple[np.ndarray, list[Interval]]:
        """Every holder of ``owned`` (positions, in row order) with its effective stake."""
        start, end = self._high.indptr[owned], self._high.indptr[owned + 1]
        owners = self._high.indices[start:end]
        highs = self._high.data[start:end]
        others = owners != owned
        owners, highs = owners[others], highs[others]
        lows = _entries(self._low, owned, owners).tolist()
        unknowns = _entries(self._unknown, owned, owners).tolist()
        intervals = [
            Interval(min(low, 1.0) * 100, min(high, 1.0) * 100, unknown > 0)
            for low, high, unknown in zip(lows, highs.tolist(), unknowns, strict=True)
        ]
        return owners, intervals

    def _stake(self, owner: int, owned: int, threshold: float) -> EffectiveStake:
        interval = self._interval(owner, owned)
        return EffectiveStake(
            self.entity_ids[owner],
            self.entity_ids[owned],
            interval,
            interval.verdict(threshold),
            bool(self._ultimate[owner]),
            _entry(self._direct, owner, owned) > 0,
        )

    @cached_property
    def _high_by_row(self) -> sparse.csc_matrix:
        """The transpose of the highs as CSC, so a holder's row reads as a column."""
        return self._high.T.tocsc()

    def _simple_chains(self, owner: int, owned: int, limit: int) -> tuple[list[Chain], bool]:
        """Simple chains (see :meth:`_step_up`) from ``owner``, walking up from ``owned``.

        Only entities on some chain from the owner are visited. In a tangle of cycles a walk can
        still end at an entity already on the chain, so the walk also stops after
        ``_STEP_BUDGET`` edges; either way ``truncated`` is True.
        """
        if owner == owned or _entry(self._high, owner, owned) == 0:
            return [], False
        # Entities on some chain: reached from the owner and reaching the owned entity.
        on_some_chain = np.intersect1d(_row_columns(self._reach, owner), _column_rows(self._high, owned))
        reach = set(on_some_chain.tolist())
        into, step_up = self._into, self._step_up
        chains: list[Chain] = []
        # upper[-1]: the chain from the entity the walk has reached down to ``owned``.
        upper = [self._empty_chain(owned)]
        on_chain = {owned}
        holders_on_chain = [owned]
        stack = [iter(into(owned))]
        budget = _STEP_BUDGET
        while stack:
            for edge, holder in stack[-1]:
                budget -= 1
                if holder == owner:
                    if len(chains) == limit:
                        return chains, True
                    chains.append(step_up(upper[-1], edge))
                elif holder in reach and holder not in on_chain:
                    upper.append(step_up(upper[-1], edge))
                    on_chain.add(holder)
                    holders_on_chain.append(holder)
                    stack.append(iter(into(holder)))
                    break
            else:
                stack.pop()
                upper.pop()
                on_chain.discard(holders_on_chain.pop())
            if budget <= 0:
                return chains, True
        return chains, False

    def _chains_into(
        self, owned: int, limit: int, holders: int
    ) -> dict[int, tuple[list[Chain], bool]] | None:
        """Simple chains into ``owned`` from every holder, walking up once; None past the budget.

        Every prefix of a walk up from ``owned`` is a chain from the entity it reached, so one
        walk serves all holders (per-holder walks would repeat the shared lower parts), and each
        chain is the one below it with one step put in front. The walk stops early once each of
        the ``holders`` has more than ``limit`` chains: nothing more would show.
        """
        into, step_up = self._into, self._step_up
        found: dict[int, list[Chain]] = {}
        cut: set[int] = set()
        upper = [self._empty_chain(owned)]
        on_chain = {owned}
        holders_on_chain = [owned]
        stack = [iter(into(owned))]
        budget = _STEP_BUDGET
        while stack:
            for edge, holder in stack[-1]:
                budget -= 1
                if holder in on_chain:
                    continue
                chain = step_up(upper[-1], edge)
                chains = found.get(holder)
                if chains is None:
                    chains = found[holder] = []
                if len(chains) < limit:
                    chains.append(chain)
                else:
                    cut.add(holder)
                    if len(cut) >= holders:
                        break
                upper.append(chain)
                on_chain.add(holder)
                holders_on_chain.append(holder)
                stack.append(iter(into(holder)))
                break
            else:
                stack.pop()
                upper.pop()
                on_chain.discard(holders_on_chain.pop())
            if len(cut) >= holders:
                break
            if budget <= 0:
                return None
        return {holder: (chains, holder in cut) for holder, chains in found.items()}

    def _empty_chain(self, owned: int) -> Chain:
        """The chain of no stakes at ``owned``, where every walk up starts."""
        return (), (self.entity_ids[owned],), (), (), (), False, False

    def _into(self, entity: int) -> tuple[tuple[int, int], ...]:
        """The edges into ``entity`` with their holders, as (edge, holder) pairs."""
        pairs = self._into_cache.get(entity)
        if pairs is None:
            edges, holders, offsets = self._chain_lists
            start, end = offsets[entity], offsets[entity + 1]
            pairs = tuple(zip(edges[start:end], holders[start:end], strict=True))
            self._into_cache[entity] = pairs
        return pairs

    @cached_property
    def _chain_lists(self) -> tuple[list[int], list[int], list[int]]:
        """The chain index as Python lists (edges, their holders, offsets), made once: slicing
        them is much cheaper than slicing small numpy arrays entity by entity."""
        index = self._chain_index
        return (index.order.tolist(), self._edges.owner[index.order].tolist(), index.offsets.tolist())

    def _step(self, edge: int) -> _Step:
        """What a chain needs of one edge, cached; its relationship is remembered for answers."""
        edges = self._edges
        low, high = float(edges.low[edge]), float(edges.high[edge])
        undisclosed = bool(edges.undisclosed[edge])
        relationship = edges.relationships[edge]
        self._relationships_seen[relationship.id] = relationship
        step = (relationship.id, self.entity_ids[edges.owner[edge]],
                Interval(low * 100, high * 100, undisclosed), low, high, undisclosed,
                bool(self._cyclic[edges.owned[edge]]))
        self._step_cache[edge] = step
        return step

    def _relationship(self, relationship_id: str) -> Relationship:
        """A relationship on some chain already found, without building :attr:`relationships`."""
        relationship = self._relationships_seen.get(relationship_id)
        return relationship if relationship is not None else self.relationships[relationship_id]

    def _step_up(self, below: Chain, edge: int) -> Chain:
        """The chain ``below`` with ``edge`` put in front: one more holder at the top.

        A chain is a tuple, everything owner first: relationship ids, entity ids (one more, ending
        at the owned entity), factors, lows, highs (fractions); then whether an undisclosed stake
        lies on it and whether it passes through a cycle. Built step by step, the work is shared
        between chains; the products are taken in :meth:`_derivation`, owner first as always.
        """
        step = self._step_cache.get(edge)
        if step is None:
            step = self._step(edge)
        relationship_id, owner_id, factor, low, high, undisclosed, cyclic = step
        relationship_ids, entity_ids, factors, lows, highs, unknown, circular = below
        return (
            (relationship_id, *relationship_ids),
            (owner_id, *entity_ids),
            (factor, *factors),
            (low, *lows),
            (high, *highs),
            unknown or undisclosed,
            circular or cyclic,
        )

    def _derivation(
        self, owner: int, owned: int, interval: Interval, chains: list[Chain], truncated: bool
    ) -> Derivation:
        circular = bool(self._cyclic[owner]) or any(chain[6] for chain in chains)
        paths = tuple(
            Path(chain[0], chain[1], chain[2], Interval(low, high, chain[5]))
            for chain, low, high in rank_chains(chains)
        )
        return Derivation(
            self.entity_ids[owner], self.entity_ids[owned], interval, paths, truncated, circular
        )


def rank_chains(chains: list[Chain]) -> list[tuple[Chain, float, float]]:
    """Chains with the low and high of their products in percent, biggest high first; chains of
    equal high keep the order in which the walk found them."""
    ranked = [(chain, math.prod(chain[3]) * 100, math.prod(chain[4]) * 100) for chain in chains]
    if len(ranked) > 1:
        ranked.sort(key=_minus_high)
    return ranked


def _minus_high(item: tuple[Chain, float, float]) -> float:
    return -item[2]


def _biggest_first(stake: EffectiveStake) -> tuple[float, float, str]:
    return (-stake.interval.high, -stake.interval.low, stake.owner_id)


def _column_rows(matrix: sparse.csc_matrix, column: int) -> np.ndarray:
    return matrix.indices[matrix.indptr[column] : matrix.indptr[column + 1]]


def _row_columns(matrix: sparse.csr_matrix, row: int) -> np.ndarray:
    return matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]


def _entries(matrix: sparse.csc_matrix, column: int, rows: np.ndarray) -> np.ndarray:
    """Entries ``rows`` of one column of a CSC matrix with sorted indices; 0 where none is stored."""
    start, end = matrix.indptr[column], matrix.indptr[column + 1]
    indices = matrix.indices[start:end]
    where = np.minimum(np.searchsorted(indices, rows), max(end - start - 1, 0))
    values = np.zeros(len(rows))
    if end > start:
        found = indices[where] == rows
        values[found] = matrix.data[start:end][where[found]]
    return values


def _entry(matrix: sparse.csc_matrix, row: int, column: int) -> float:
    """One entry of a CSC matrix with sorted indices, by binary search."""
    start, end = matrix.indptr[column], matrix.indptr[column + 1]
    where = start + np.searchsorted(matrix.indices[start:end], row)
    if where < end and matrix.indices[where] == row:
        return float(matrix.data[where])
    return 0.0


# --- building ---------------------------------------------------------------------------------
def compute(doc: Document, as_of: str | datetime.date | None = None) -> LookThrough:
    """Look through the ownership of a document on ``as_of`` ('YYYY-MM-DD'; None for now).

    Raises :class:`CircularOwnershipError` when a cycle of the lows has no finite answer.

    >>> from model.types import Entity, Relationship, Share
    >>> doc = Document()
    >>> for id_ in "xab":
    ...     doc.add_entity(Entity(id_, id_.upper()))
    >>> doc.add_relationship(Relationship("r1", "ownership", "x", "a", Share.exact(80)))
    >>> doc.add_relationship(Relationship("r2", "ownership", "a", "b", Share.exact(50)))
    >>> doc.add_relationship(Relationship("r3", "ownership", "b", "a", Share.exact(20)))
    >>> compute(doc).effective("x", "b").text  # 0.8 * 0.5 / (1 - 0.5 * 0.2)
    '44.44%'
    """
    day = parse_as_of(as_of)
    entities = doc.entities()
    entity_ids = [entity.id for entity in entities]
    index = {entity_id: position for position, entity_id in enumerate(entity_ids)}
    relationships = ownership_in_force(doc.relationships(), day)
    edges = _edges(relationships, index)
    n = len(entity_ids)
    low = integrated(share_matrix(edges.owner, edges.owned, edges.low, n))
    if low.divergent:
        raise _circular_error(low.divergent[0], entities)
    high = integrated(share_matrix(edges.owner, edges.owned, edges.high, n))
    reach = pattern(high.total)
    ultimate = np.array([entity.kind == PERSON for entity in entities], dtype=bool)
    ultimate |= np.bincount(edges.owned[edges.high > 0], minlength=n) == 0
    chain_index = _chain_index(edges, n)
    return LookThrough(
        entity_ids=entity_ids,
        as_of=day,
        _index=index,
        _edges=edges,
        _low=effective_part(low.total),
        _high=effective_part(high.total),
        _unknown=unknown_pairs(reach, edges.owner, edges.owned, edges.undisclosed),
        _reach=reach,
        _cyclic=high.cyclic,
        _ultimate=ultimate,
        _direct=sorted_csc(share_matrix(edges.owner, edges.owned, np.ones(len(edges.owner)), n)),
        _chain_index=chain_index,
    )


def _edges(relationships: list[Relationship], index: dict[str, int]) -> _Edges:
    """Arrays of the stakes in force, undisclosed as [0, 1], highs tightened per owned entity."""
    count = len(relationships)
    owner = np.fromiter(map(index.__getitem__, [r.subject for r in relationships]), np.int64, count)
    owned = np.fromiter(map(index.__getitem__, [r.object for r in relationships]), np.int64, count)
    shares = [looked_share(rel) for rel in relationships]  # disputed and unchosen: the claims' span
    low = np.array([share.low for share in shares], dtype=float).reshape(count)  # None -> NaN
    high = np.array([share.high for share in shares], dtype=float).reshape(count)
    undisclosed = np.isnan(low)
    low = np.where(undisclosed, 0.0, low) / 100
    high = np.where(undisclosed, 100.0, high) / 100
    return _Edges(relationships, owner, owned, low, tighten_highs(owned, low, high), undisclosed)


def _chain_index(edges: _Edges, n: int) -> _ChainIndex:
    """The edges grouped by owned entity, for the chain walks; numpy only, well under a ms."""
    live = np.flatnonzero(edges.high > 0)
    order = live[np.argsort(edges.owned[live], kind="stable")]
    return _ChainIndex(
        order=order,
        offsets=np.searchsorted(edges.owned[order], np.arange(n + 1)),
    )


def _circular_error(divergent, entities) -> CircularOwnershipError:
    members = tuple(entities[position].id for position in divergent.members)
    names = ", ".join(entities[position].name for position in divergent.members)
    return CircularOwnershipError(
        f"the stakes in a cycle of {len(members)} entities ({names}) add up to more than they can: "
        f"one turn round the cycle multiplies a stake by {divergent.spectral_radius:.3g}, so the "
        "look-through has no finite answer; check the shares in the cycle",
        members,
        divergent.spectral_radius,
    )
