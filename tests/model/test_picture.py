"""The picture of a view, without Qt: what stands where, what shows, and that no line crosses a box."""

from __future__ import annotations

import pytest

from model.document import Document
from model.layout.arrange import arrange
from model.layout.sizes import EstimatedSizes
from model.picture.draw import draw
from model.picture.route import BoxIndex, hits
from model.types import Entity, Relationship, Share
from tests.bench_layout import ownership_forest


def forest(n: int, seed: int = 3) -> Document:
    names, edges = ownership_forest(n, seed)
    doc = Document()
    for name in names:
        doc.add_entity(Entity(name, f"Company {name}"))
    for i, (a, b) in enumerate(edges):
        doc.add_relationship(Relationship(f"o{i}", "ownership", a, b, Share.exact(10 + i % 80)))
    return doc


def boxes_of(doc: Document, picture) -> dict:
    sizes = EstimatedSizes()
    out = {}
    for eid, (x, y) in picture.places.items():
        w, h = sizes.box(doc.entity(eid))
        out[eid] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return out


def crossings(doc: Document, picture) -> list[str]:
    index = BoxIndex(boxes_of(doc, picture))
    bad = []
    for rid, bends in picture.lines.items():
        rel = doc.relationship(rid)
        points = [picture.places[rel.subject], *bends, picture.places[rel.object]]
        if rel.subject != rel.object and hits(index, points, (rel.subject, rel.object), clearance=-2):
            bad.append(rid)
    return bad


@pytest.mark.parametrize("n", [300, 1500])
def test_no_line_passes_through_a_box(n):
    doc = forest(n)
    doc.set_arrangement("ownership", arrange(doc, "ownership"))
    picture = draw(doc, "ownership")
    assert len(picture.lines) == len(doc.relationships())
    assert crossings(doc, picture) == []


def test_a_dragged_entity_is_routed_around_and_undoing_restores_the_channels():
    doc = forest(300)
    doc.set_arrangement("ownership", arrange(doc, "ownership"))
    before = draw(doc, "ownership")
    rel = doc.relationships()[5]
    # drop an entity right on the middle of another line's route
    victim = next(e.id for e in doc.entities() if e.id not in (rel.subject, rel.object))
    a, b = before.places[rel.subject], before.places[rel.object]
    doc.set_pin("ownership", victim, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
    moved = draw(doc, "ownership")
    assert crossings(doc, moved) == []
    doc.set_pin("ownership", victim, None)
    assert draw(doc, "ownership") == before


def test_each_view_lays_out_its_own_lines_and_shelves_the_rest():
    doc = Document()
    for eid, kind in (("co", "company"), ("bank", "bank"), ("boss", "person"), ("paper", "outlet")):
        doc.add_entity(Entity(eid, eid.title(), kind))
    doc.add_relationship(Relationship("own", "ownership", "co", "bank", Share.exact(60)))
    doc.add_relationship(Relationship("ceo", "position", "boss", "co", role="chief executive"))
    ownership = draw(doc, "ownership")
    assert set(ownership.lines) == {"own"}  # the position line is another kind's
    assert set(ownership.shelf) == {"boss", "paper"}
    right_of_structure = max(ownership.places[e][0] for e in ("co", "bank"))
    assert all(ownership.places[e][0] > right_of_structure for e in ownership.shelf)
    with_other = draw(doc, "ownership", show_other=True)
    assert set(with_other.lines) == {"own", "ceo"}
    reporting = draw(doc, "reporting")
    assert set(reporting.lines) == {"ceo"} and set(reporting.shelf) == {"bank", "paper"}
    assert set(draw(doc, "reporting", show_shelf=False).places) == {"boss", "co"}


def test_an_entity_added_after_the_layout_stands_a_layer_from_what_it_is_related_to():
    doc = forest(50)
    doc.set_arrangement("ownership", arrange(doc, "ownership"))
    owner = doc.entities()[0].id
    owned = doc.relationships_of(owner)[0].object
    doc.add_entity(Entity("new", "Newco"))
    doc.add_relationship(Relationship("new-own", "ownership", owner, "new", Share.exact(5)))
    doc.add_entity(Entity("holder", "Holdco"))
    doc.add_relationship(Relationship("holder-own", "ownership", "holder", owned, Share.exact(7)))
    picture = draw(doc, "ownership")
    (ox, oy), (nx, ny) = picture.places[owner], picture.places["new"]
    assert ny > oy and 0 <= nx - ox < 600  # below its owner, as what it owns stands, not at (0, 0)
    assert picture.places["holder"][1] < picture.places[owned][1]  # an owner above what it owns
    assert crossings(doc, picture) == []


def test_labels_never_overlap_each_other_or_a_box():
    doc = forest(400)
    doc.set_arrangement("ownership", arrange(doc, "ownership"))
    picture = draw(doc, "ownership")
    sizes = EstimatedSizes()
    plates = []
    for rid, (x, y) in picture.labels.items():
        w, h = sizes.label(doc.relationship(rid))
        plates.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    assert len(plates) == len(picture.lines)
    boxes = list(boxes_of(doc, picture).values())

    def overlap(p, q):
        return p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]

    assert not [p for p in plates for b in boxes if overlap(p, b)]
    assert not [(p, q) for i, p in enumerate(plates) for q in plates[i + 1:] if overlap(p, q)]


def test_wide_fans_fold_into_columns():
    doc = Document()
    doc.add_entity(Entity("hub", "Holding"))
    for i in range(40):
        doc.add_entity(Entity(f"s{i:02}", f"Subsidiary {i}"))
        doc.add_relationship(Relationship(f"r{i}", "ownership", "hub", f"s{i:02}", Share.exact(100)))
    picture = draw(doc, "ownership")
    xs = [x for x, _ in picture.places.values()]
    ys = [y for _, y in picture.places.values()]
    assert (max(xs) - min(xs)) < 2.5 * (max(ys) - min(ys))  # 40 in a row would be 40 boxes wide
    assert crossings(doc, picture) == []


def test_the_shelf_frame_holds_every_box_on_it():
    from model.formats import projectfile
    from tests.conftest import SEED

    doc = projectfile.load(SEED)
    sizes = EstimatedSizes()
    for view in ("ownership", "reporting"):
        picture = draw(doc, view)
        x0, y0, x1, y1 = picture.shelf_box
        for eid in picture.shelf:
            (x, y), (w, h) = picture.places[eid], sizes.box(doc.entity(eid))
            assert x0 < x - w / 2 and x + w / 2 < x1 and y0 < y - h / 2 and y + h / 2 < y1, (view, eid)
