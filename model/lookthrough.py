"""Look-through ownership: the effective (indirect) stake of every holder in every entity.

The effective stake of ``owner`` in ``owned`` is the sum, over every chain of ownership
relationships from ``owner`` to ``owned``, of the product of the shares along the chain. With
cycles (A holds B, B holds A) the chains go round the cycle again and again and the sum is a
geometric series; :mod:`model.lookthrough_solve` sums it exactly as ``(I - S)^-1`` and explains
how.

The API: :func:`compute` ``(doc, as_of=None)`` returns a :class:`LookThrough`, a snapshot that
answers :meth:`~LookThrough.effective` ``(owner_id, owned_id)`` as an :class:`Interval` in percent,
:meth:`~LookThrough.owners_of`, :meth:`~LookThrough.ultimate_owners_of` and
:meth:`~LookThrough.holdings_of` as lists of :class:`EffectiveStake` (interval, verdict at a
threshold, ``unknown``, ``is_ultimate``, ``is_direct``), and :meth:`~LookThrough.paths`,
:meth:`~LookThrough.derivation` and :meth:`~LookThrough.derivations_into` with the chains.
:mod:`model.lookthrough_report` turns one subject's answer into table rows, text and JSON.

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
:mod:`model.lookthrough_inforce` for statuses and fuzzy dates. Two relationships in force between
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

from .document import Document
from .errors import CircularOwnershipError, UnknownIdError
from .lookthrough_inforce import ownership_in_force, parse_as_of
from .lookthrough_solve import (
    effective_part,
    integrated,
    pattern,
    share_matrix,
    sorted_csc,
    tighten_highs,
    unknown_pairs,
)
from .lookthrough_values import (
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
from .types import PERSON, Relationship

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
    _step_cache: dict[int, tuple] = field(default_factory=dict, repr=False)

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
        owners = _column_rows(self._high, owned)
        stakes = [self._stake(owner, owned, threshold) for owner in owners if owner != owned]
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
        return self._derivation(owner, owned, *self._simple_chains(owner, owned, limit))

    def derivations_into(self, owned_id: str, limit: int = 50) -> dict[str, Derivation]:
        """The derivation of every holder of an entity, by holder id, in one walk up from it.

        Each holder gets at most ``limit`` chains, as from :meth:`derivation`.
        """
        owned = self._position(owned_id)
        walked = self._chains_into(owned, limit)
        answers = {}
        for owner in _column_rows(self._high, owned).tolist():
            if owner == owned:
                continue
            if walked is None:  # the shared walk ran out of budget: one walk per holder
                chains, truncated = self._simple_chains(owner, owned, limit)
            else:
                chains, truncated = walked.get(owner, ([], False))
            answers[self.entity_ids[owner]] = self._derivation(owner, owned, chains, truncated)
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

    @cached_property
    def _in_edges(self) -> tuple[list[int], list[int], list[int]]:
        """Edge positions grouped by owned entity (order, start offsets), and each edge's holder.

        Stakes of exactly 0% (after tightening) are left out: a chain through one adds nothing.
        """
        live = np.flatnonzero(self._edges.high > 0)
        order = live[np.argsort(self._edges.owned[live], kind="stable")]
        offsets = np.searchsorted(self._edges.owned[order], np.arange(len(self.entity_ids) + 1))
        return order.tolist(), offsets.tolist(), self._edges.owner.tolist()

    def _simple_chains(self, owner: int, owned: int, limit: int) -> tuple[list[list[int]], bool]:
        """Simple chains of edge positions, owner first, walking up from ``owned``.

        Only entities on some chain from the owner are visited. In a tangle of cycles a walk can
        still end at an entity already on the chain, so the walk also stops after
        ``_STEP_BUDGET`` edges; either way ``truncated`` is True.
        """
        if owner == owned or _entry(self._high, owner, owned) == 0:
            return [], False
        # Entities on some chain: reached from the owner and reaching the owned entity.
        on_some_chain = np.intersect1d(_row_columns(self._reach, owner), _column_rows(self._high, owned))
        reach = set(on_some_chain.tolist())
        order, offsets, edge_owner = self._in_edges
        chains: list[list[int]] = []
        chain: list[int] = []
        on_chain = {owned}
        stack = [iter(order[offsets[owned] : offsets[owned + 1]])]
        budget = _STEP_BUDGET
        while stack:
            for edge in stack[-1]:
                budget -= 1
                holder = edge_owner[edge]
                if holder == owner:
                    if len(chains) == limit:
                        return chains, True
                    chains.append([edge, *reversed(chain)])
                elif holder in reach and holder not in on_chain:
                    chain.append(edge)
                    on_chain.add(holder)
                    stack.append(iter(order[offsets[holder] : offsets[holder + 1]]))
                    break
            else:
                stack.pop()
                if chain:
                    on_chain.discard(edge_owner[chain.pop()])
            if budget <= 0:
                return chains, True
        return chains, False

    def _chains_into(self, owned: int, limit: int) -> dict[int, tuple[list[list[int]], bool]] | None:
        """Simple chains into ``owned`` from every holder, walking up once; None past the budget.

        Every prefix of a walk up from ``owned`` is a chain from the entity it reached, so one
        walk serves all holders (per-holder walks would repeat the shared lower parts).
        """
        order, offsets, edge_owner = self._in_edges
        found: dict[int, list[list[int]]] = {}
        cut: set[int] = set()
        chain: list[int] = []
        on_chain = {owned}
        stack = [iter(order[offsets[owned] : offsets[owned + 1]])]
        budget = _STEP_BUDGET
        while stack:
            for edge in stack[-1]:
                budget -= 1
                holder = edge_owner[edge]
                if holder in on_chain:
                    continue
                chains = found.setdefault(holder, [])
                if len(chains) < limit:
                    chains.append([edge, *reversed(chain)])
                else:
                    cut.add(holder)
                chain.append(edge)
                on_chain.add(holder)
                stack.append(iter(order[offsets[holder] : offsets[holder + 1]]))
                break
            else:
                stack.pop()
                if chain:
                    on_chain.discard(edge_owner[chain.pop()])
            if budget <= 0:
                return None
        return {holder: (chains, holder in cut) for holder, chains in found.items()}

    def _derivation(self, owner: int, owned: int, chains: list[list[int]], truncated: bool) -> Derivation:
        paths = sorted((self._path(chain) for chain in chains), key=lambda p: -p.product.high)
        circular = bool(self._cyclic[owner]) or any(
            self._cyclic[self._edges.owned[edge]] for chain in chains for edge in chain
        )
        return Derivation(
            self.entity_ids[owner], self.entity_ids[owned], self._interval(owner, owned), tuple(paths),
            truncated, circular,
        )

    def _step(self, edge: int) -> tuple[str, str, str, float, float, Interval]:
        """Relationship id, owner id, owned id, low, high (fractions) and factor of an edge."""
        step = self._step_cache.get(edge)
        if step is None:
            edges = self._edges
            low, high = float(edges.low[edge]), float(edges.high[edge])
            factor = Interval(low * 100, high * 100, bool(edges.undisclosed[edge]))
            step = (edges.relationships[edge].id, self.entity_ids[edges.owner[edge]],
                    self.entity_ids[edges.owned[edge]], low, high, factor)
            self._step_cache[edge] = step
        return step

    def _path(self, chain: list[int]) -> Path:
        steps = [self._step(edge) for edge in chain]
        factors = tuple(step[5] for step in steps)
        product = Interval(
            math.prod(step[3] for step in steps) * 100,
            math.prod(step[4] for step in steps) * 100,
            any(factor.unknown for factor in factors),
        )
        entity_ids = (steps[0][1], *(step[2] for step in steps))
        return Path(tuple(step[0] for step in steps), entity_ids, factors, product)


def _biggest_first(stake: EffectiveStake) -> tuple[float, float, str]:
    return (-stake.interval.high, -stake.interval.low, stake.owner_id)


def _column_rows(matrix: sparse.csc_matrix, column: int) -> np.ndarray:
    return matrix.indices[matrix.indptr[column] : matrix.indptr[column + 1]]


def _row_columns(matrix: sparse.csr_matrix, row: int) -> np.ndarray:
    return matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]


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
    )


def _edges(relationships: list[Relationship], index: dict[str, int]) -> _Edges:
    """Arrays of the stakes in force, undisclosed as [0, 1], highs tightened per owned entity."""
    count = len(relationships)
    owner = np.fromiter(map(index.__getitem__, [r.subject for r in relationships]), np.int64, count)
    owned = np.fromiter(map(index.__getitem__, [r.object for r in relationships]), np.int64, count)
    shares = [rel.share for rel in relationships]
    low = np.array([share.low for share in shares], dtype=float).reshape(count)  # None -> NaN
    high = np.array([share.high for share in shares], dtype=float).reshape(count)
    undisclosed = np.isnan(low)
    low = np.where(undisclosed, 0.0, low) / 100
    high = np.where(undisclosed, 100.0, high) / 100
    return _Edges(relationships, owner, owned, low, tighten_highs(owned, low, high), undisclosed)


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
