"""Which relationships shape each view, and a layout run over a document (pure Python).

* ownership: owners above what they own;
* reporting: a manager above those who report, a person above the organisations they serve;
* all: every kind, authorities above what they license.

Each view is its own structure: only the entities joined by a line of the view's kinds are laid
out; the others stand on the shelf, a compact labelled block beside the structure. Wide fans fold
(:mod:`model.layout.fold`) and lines run in the layering's channels (:mod:`model.layout.layered`).
"""

from __future__ import annotations

import math

from model.document import Arrangement, Document
from model.layout.fold import find_stacks, fold_edges, unfold
from model.layout.layered import layered_layout
from model.layout.sizes import EstimatedSizes, Sizes
from model.types import LICENCE, OWNERSHIP, POSITION, REPORTING, Relationship

VIEW_KINDS = {
    "ownership": (OWNERSHIP,),
    "reporting": (REPORTING, POSITION),
    "all": (OWNERSHIP, REPORTING, POSITION, LICENCE),
}
VIEW_LABELS = {"ownership": "Ownership", "reporting": "Reporting && roles", "all": "Everything"}

NODE_WIDTH = 230.0  # spacing of boxes of unknown size
NODE_HEIGHT = 58.0
NODE_GAP = 40.0
LAYER_GAP = 90.0
SHELF_GAP = 160.0  # between the structure and the shelf
SHELF_TITLE = 34.0  # room for the shelf's heading
SHELF_CELL_GAP = (56.0, 44.0)  # room for lines between, when other kinds are shown


def upper_lower(rel: Relationship) -> tuple[str, str]:
    """The end drawn above and the end drawn below: a manager sits above the one who reports."""
    if rel.kind == REPORTING:
        return rel.object, rel.subject
    return rel.subject, rel.object


def view_edges(doc: Document, view: str) -> list[tuple[str, str, str]]:
    """(upper id, lower id, relationship id) for each relationship that shapes the view."""
    kinds = VIEW_KINDS[view]
    return [(*upper_lower(rel), rel.id) for rel in doc.relationships() if rel.kind in kinds]


def arrange(doc: Document, view: str, pins: dict | None = None, sizes: Sizes | None = None) -> Arrangement:
    """Lay out a view: every entity gets an automatic place; pinned ones stay where the user put them.

    ``pins`` overrides the document's pins of the view (to lay out as if some were released);
    ``sizes`` measures boxes and labels (estimated from character counts when not given).

    >>> from model.types import Entity, Relationship, Share
    >>> doc = Document()
    >>> for eid in "abc": doc.add_entity(Entity(eid, eid.upper()))
    >>> doc.add_relationship(Relationship("r", "ownership", "a", "b", Share.exact(50)))
    >>> arrangement = arrange(doc, "ownership")
    >>> arrangement.places["a"][1] < arrangement.places["b"][1], arrangement.shelf
    (True, ('c',))
    """
    sizes = sizes or EstimatedSizes()
    pins = doc.pins(view) if pins is None else pins
    edges = view_edges(doc, view)
    joined = {end for upper, lower, _ in edges for end in (upper, lower) if upper != lower}
    in_structure = sorted(joined | set(pins))
    box = {eid: sizes.box(doc.entity(eid)) for eid in (e.id for e in doc.entities())}
    label_size = {rid: sizes.label(doc.relationship(rid)) for _, _, rid in edges}
    label_width = {(upper, lower): label_size[rid][0] for upper, lower, rid in edges}
    pairs = [(upper, lower) for upper, lower, _ in edges]
    stacks = find_stacks(in_structure, pairs, pins, box.__getitem__,
                         lambda pair: label_width.get(pair, 0.0), lambda eid: doc.entity(eid).name)
    stacked = {m for s in stacks for m in s.members}
    folded = fold_edges(pairs, stacks)
    block_sizes = {**box, **{s.key: s.size for s in stacks}}
    nodes = [n for n in in_structure if n not in stacked] + [s.key for s in stacks]
    # room between layers for two labels above each other (lines sharing a pair, a fan's neighbours)
    tallest_label = max((height for _, height in label_size.values()), default=0.0)
    layer_gap = max(LAYER_GAP, 2 * tallest_label + 30)
    result = layered_layout(nodes, folded, pinned=pins, sizes=block_sizes, node_width=NODE_WIDTH,
                            node_height=NODE_HEIGHT, layer_gap=layer_gap, node_gap=NODE_GAP)
    places = {node: (float(x), float(y)) for node, (x, y) in result.positions.items()}
    bends: dict[str, tuple[tuple[float, float], ...]] = {}
    folded_index = {pair: i for i, pair in enumerate(folded)}
    for upper, lower, rid in edges:
        index = folded_index.get((upper, lower))
        if index is not None and index in result.bends:
            _set_bends(bends, doc.relationship(rid), (upper, lower), result.bends[index])
    label_spots: dict[str, tuple[float, float]] = {}
    lines_of: dict[str, list[tuple[str, str, str]]] = {}
    for edge in edges:
        for end in edge[:2]:
            lines_of.setdefault(end, []).append(edge)
    for stack in stacks:
        centre = places.pop(stack.key)
        pair = (stack.hub, stack.key) if stack.below else (stack.key, stack.hub)
        channel = result.bends[folded_index[pair]]
        member_places, routes, stubs = unfold(stack, centre, channel, box.__getitem__)
        places.update(member_places)
        for member in stack.members:  # a member's only line is the one to its hub
            upper, lower, rid = next(e for e in lines_of[member] if stack.hub in e[:2] and e[0] != e[1])
            _set_bends(bends, doc.relationship(rid), (upper, lower), routes[member])
            label_spots[rid] = stubs[member]
    outside = (e for e in box if e not in places)
    shelf = tuple(sorted(outside, key=lambda e: (doc.entity(e).name.casefold(), e)))
    shelf_box = _place_shelf(shelf, places, box) if shelf else None
    return Arrangement(places, bends, shelf, shelf_box, label_spots)


def _set_bends(bends: dict, rel: Relationship, upper_lower_pair: tuple[str, str], points) -> None:
    same_way = upper_lower_pair == (rel.subject, rel.object)
    bends[rel.id] = tuple(points) if same_way else tuple(reversed(points))


def _place_shelf(shelf: tuple[str, ...], places: dict, box: dict) -> tuple[float, float, float, float]:
    """Stand the shelf's entities in a near-square grid to the right of the structure (or alone)."""
    if places:
        right = max(x + box[e][0] / 2 for e, (x, _) in places.items()) + SHELF_GAP
        top = min(y - box[e][1] / 2 for e, (_, y) in places.items())
    else:
        right, top = 0.0, 0.0
    cell_w = max(box[e][0] for e in shelf) + SHELF_CELL_GAP[0]
    cell_h = max(box[e][1] for e in shelf) + SHELF_CELL_GAP[1]
    columns = max(1, round(math.sqrt(len(shelf) * cell_h / cell_w)))
    rows = math.ceil(len(shelf) / columns)
    for k, eid in enumerate(shelf):
        row, column = divmod(k, columns)
        places[eid] = (right + column * cell_w + cell_w / 2, top + SHELF_TITLE + row * cell_h + cell_h / 2)
    # the widest box of the last column keeps as much room to the frame as the first column's does
    return (right - 12.0, top, right + columns * cell_w + 12.0, top + SHELF_TITLE + rows * cell_h)
