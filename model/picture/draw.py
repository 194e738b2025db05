"""What a view draws, as a pure function of (document, view, its arrangement, options): where each
entity stands, which entities and lines show, the route of each line and where its label sits.

The scene and every export draw exactly this, so a canvas after any edits, undos and redos is the
same as one built afresh from the document.

* Places: a pin, else the arrangement's place, else (an entity added since the last layout) a layer
  above or below the first entity it is related to, the way that kind of line runs in the picture
  (an owner above what it owns), moved aside until it touches no box; else at the end of the shelf.
* Lines: the view's kinds always; other kinds only with ``show_other`` (never in Everything, which
  has no other kinds). A line whose two ends stand where the arrangement put them takes the
  arrangement's route; any line whose route would pass through a box is routed around the boxes
  (:func:`model.picture.route.route_around`). Lines between one pair are drawn apart.
* Labels: :func:`model.picture.labels.place_labels`, the view's own lines first.

>>> from model.types import Entity, Relationship, Share
>>> doc = Document()
>>> for eid in "abc": doc.add_entity(Entity(eid, eid.upper()))
>>> doc.add_relationship(Relationship("r", "ownership", "a", "b", Share.exact(50)))
>>> picture = draw(doc, "ownership")
>>> sorted(picture.lines), "r" in picture.labels, picture.shelf
(['r'], True, ('c',))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from model.document import Arrangement, Document
from model.layout.arrange import VIEW_KINDS, arrange
from model.layout.sizes import EstimatedSizes, Sizes
from model.picture.labels import place_labels
from model.picture.route import BoxIndex, Point, grow, hits, overlaps, route_around

PARALLEL_SPACING = 26.0
PARALLEL_MAX = 110.0
GRAZE = 1.0  # how near a box a kept route may pass
LOOP_RISE, LOOP_OUT = 40.0, 24.0  # a self-holding's loop: above the box and out to its right
NEAR_GAP = 40.0
NEAR_CLEARANCE = 8.0  # a newcomer keeps this far from every box
NEAR_LAYER_GAP = 90.0  # a newcomer stands this far above what it owns (below its owner), as layers do


@dataclass(frozen=True)
class Picture:
    """One view as drawn: ``places`` of the shown entities, ``lines`` (relationship id -> bend
    points from subject to object) of the shown lines, ``labels`` (relationship id -> centre)."""

    places: dict[str, Point] = field(default_factory=dict)
    lines: dict[str, tuple[Point, ...]] = field(default_factory=dict)
    labels: dict[str, Point] = field(default_factory=dict)
    shelf: tuple[str, ...] = ()
    shelf_box: tuple[float, float, float, float] | None = None
    label_job: LabelJob | None = None


def draw(doc: Document, view: str, arrangement: Arrangement | None = None, *, sizes: Sizes | None = None,
         show_other: bool = False, show_shelf: bool = True, hidden: frozenset[str] = frozenset(),
         with_labels: bool = True) -> Picture:
    """The picture of a view. ``hidden`` ids (an as-of date, a filter) are left out, and lines to them.
    Without ``with_labels``, the picture has no label places yet but the job that makes them
    (``Picture.label_job``): a big picture can be shown first and labelled after."""
    sizes = sizes or EstimatedSizes()
    if arrangement is None:
        arrangement = doc.arrangement(view)
        if not arrangement.places and doc.entities():
            arrangement = arrange(doc, view, sizes=sizes)
    box_size = {e.id: sizes.box(e) for e in doc.entities()}
    places = entity_places(doc, view, arrangement, box_size)
    pins = doc.pins(view)
    shelf = tuple(e for e in arrangement.shelf if e in places and e not in pins)
    shown = {e: p for e, p in places.items() if e not in hidden and (show_shelf or e not in shelf)}
    boxes = {e: _box(p, box_size[e]) for e, p in shown.items()}
    index = BoxIndex(boxes)
    # The arrangement's routes are clear of the boxes it placed; only boxes standing elsewhere now
    # (dragged, added since) can be in their way.
    moved = BoxIndex({e: b for e, b in boxes.items() if arrangement.places.get(e) != shown[e]})
    kinds = VIEW_KINDS[view]
    rels = [r for r in doc.relationships()
            if r.subject in shown and r.object in shown and r.id not in hidden
            and (r.kind in kinds or show_other)]
    groups: dict[tuple[str, str], list[str]] = {}
    for rel in rels:
        groups.setdefault(tuple(sorted((rel.subject, rel.object))), []).append(rel.id)
    lines: dict[str, tuple[Point, ...]] = {}
    for rel in rels:
        start, end = shown[rel.subject], shown[rel.object]
        if rel.subject == rel.object:  # an entity holding itself: a loop over its top right corner
            lines[rel.id] = _loop(boxes[rel.subject])
            continue
        laid_out = _unmoved(arrangement, places, rel) and rel.id in arrangement.bends
        hint = arrangement.bends[rel.id] if laid_out else ()
        group = sorted(groups[tuple(sorted((rel.subject, rel.object)))])
        spacing = PARALLEL_SPACING
        if len(group) > 1 and hint:  # channel routes side by side: room for their labels between
            widest = max(sizes.label(doc.relationship(rid))[0] for rid in group)
            spacing = min(max(PARALLEL_SPACING, widest * 0.75), PARALLEL_MAX)
        hint = _spread(hint, start, end, group.index(rel.id), len(group), rel.subject > rel.object, spacing)
        points = [start, *hint, end]
        # a layered route grazing a box's corner is kept; anything through a box goes round
        obstacles = moved if laid_out else index
        if obstacles.boxes and hits(obstacles, points, (rel.subject, rel.object), GRAZE):
            points = route_around(index, start, end, (rel.subject, rel.object))
        lines[rel.id] = tuple(points[1:-1])
    order = sorted(lines, key=lambda rid: (doc.relationship(rid).kind not in kinds, rid))
    label_sizes = {rid: size for rid in lines if (size := sizes.label(doc.relationship(rid)))[0] > 0}
    ends = {rid: (doc.relationship(rid).subject, doc.relationship(rid).object) for rid in lines}
    first = {rid: spot for rid, spot in arrangement.label_spots.items()
             if rid in lines and _unmoved(arrangement, places, doc.relationship(rid))}
    job = LabelJob(lines, shown, label_sizes, boxes, ends, order, first)
    return Picture(shown, lines, job.run() if with_labels else {}, shelf if show_shelf else (),
                   arrangement.shelf_box if show_shelf and shelf else None, None if with_labels else job)


@dataclass(frozen=True)
class LabelJob:
    """The label placement of a picture, to run later (or in another thread): plain data only."""

    lines: dict  # relationship id -> bends
    places: dict
    sizes: dict
    boxes: dict
    ends: dict
    order: list
    first_choices: dict

    def run(self) -> dict[str, Point]:
        visible = {rid: _visible_part(self.places, self.boxes, self.ends[rid], bends)
                   for rid, bends in self.lines.items()}
        return place_labels(visible, self.sizes, self.boxes, self.ends, self.order, self.first_choices)


def _loop(box: tuple[float, float, float, float]) -> tuple[Point, ...]:
    x0, y0, x1, y1 = box
    return (((x0 + x1) / 2 + (x1 - x0) / 4, y0 - LOOP_RISE), (x1 + LOOP_OUT, y0 - LOOP_RISE),
            (x1 + LOOP_OUT, (y0 + y1) / 2))


def _box(centre: Point, size: tuple[float, float]) -> tuple[float, float, float, float]:
    half_w, half_h = size[0] / 2, size[1] / 2
    return (centre[0] - half_w, centre[1] - half_h, centre[0] + half_w, centre[1] + half_h)


def _unmoved(arrangement: Arrangement, places: dict, rel) -> bool:
    return all(arrangement.places.get(end) == places.get(end) for end in (rel.subject, rel.object))


def _spread(hint, start: Point, end: Point, position: int, count: int, flipped: bool,
            spacing: float = PARALLEL_SPACING) -> tuple:
    """Lines between one pair side by side: each one's bends moved across the line's direction."""
    if count < 2:
        return tuple(hint)
    step = (position - (count - 1) / 2) * spacing * (-1 if flipped else 1)
    if hint:  # a channel route: side by side across, its runs staying in their channels
        return tuple((x + step, y) for x, y in hint)
    length = math.hypot(end[0] - start[0], end[1] - start[1]) or 1.0
    normal = ((start[1] - end[1]) / length, (end[0] - start[0]) / length)
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    return ((middle[0] + normal[0] * step, middle[1] + normal[1] * step),)


def clip_to_box(box: tuple[float, float, float, float], inside: Point, outside: Point) -> Point:
    """Where the segment from ``inside`` (a box's centre) towards ``outside`` leaves the box."""
    half_w, half_h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
    dx, dy = outside[0] - inside[0], outside[1] - inside[1]
    if dx == 0 and dy == 0:
        return inside
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf, 1.0)
    return (inside[0] + dx * scale, inside[1] + dy * scale)


def _visible_part(places: dict, boxes: dict, ends: tuple[str, str], bends) -> list[Point]:
    subject, obj = ends
    points = [places[subject], *bends, places[obj]]
    points[0] = clip_to_box(boxes[subject], points[0], points[1])
    points[-1] = clip_to_box(boxes[obj], points[-1], points[-2])
    return points


def entity_places(doc: Document, view: str, arrangement: Arrangement,
                  box_size: dict[str, tuple[float, float]]) -> dict[str, Point]:
    """Where every entity stands in the view (see the module's docstring)."""
    pins = doc.pins(view)
    places = {e: pins.get(e) or arrangement.places[e]
              for e in box_size if e in pins or e in arrangement.places}
    newcomers = sorted(e for e in box_size if e not in places)
    if not newcomers:
        return places
    taken = [_box(p, box_size[e]) for e, p in places.items()]
    downward: dict[str, float] = {}
    for eid in newcomers:
        lines = sorted((r for r in doc.relationships_of(eid)
                        if (r.object if r.subject == eid else r.subject) in places), key=lambda r: r.id)
        if lines:
            line = lines[0]
            other = line.object if line.subject == eid else line.subject
            if line.kind not in downward:
                downward[line.kind] = _subjects_above(doc, places, line.kind)
            above = (line.subject == eid) == downward[line.kind]
            step = box_size[other][1] / 2 + NEAR_LAYER_GAP + box_size[eid][1] / 2
            x, y = places[other][0], places[other][1] + (-step if above else step)
        elif arrangement.shelf_box:
            x, y = arrangement.shelf_box[0] + box_size[eid][0] / 2 + 12, arrangement.shelf_box[3] + 50
        else:
            right = max((b[2] for b in taken), default=0.0)
            x, y = right + NEAR_GAP + box_size[eid][0] / 2, box_size[eid][1] / 2
        while any(overlaps(grow(_box((x, y), box_size[eid]), NEAR_CLEARANCE), b) for b in taken):
            x += box_size[eid][0] / 2 + NEAR_GAP
        places[eid] = (x, y)
        taken.append(_box((x, y), box_size[eid]))
    return places


def _subjects_above(doc: Document, places: dict[str, Point], kind: str) -> bool:
    """Whether, in this picture, lines of ``kind`` mostly run down from subject to object (owners above
    what they own, as the layered layout draws them); True where no placed line says otherwise."""
    votes = 0
    for rel in doc.relationships(kind):
        if rel.subject in places and rel.object in places:
            top, bottom = places[rel.subject][1], places[rel.object][1]
            votes += (top < bottom) - (top > bottom)
    return votes >= 0
