"""A line sources disagree on, in the published picture: marked on the line, every claim in its title."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gui.export_svg import render_svg
from gui.scene import DiagramScene
from model.claims import choose
from model.document import Document
from model.layout.arrange import arrange
from model.merge import merge_entities
from model.types import Citation, Entity, Relationship, Share, Source

SVG = "{http://www.w3.org/2000/svg}"


def _disputed() -> Document:
    doc = Document("Two sources")
    doc.add_source(Source("story", "A story", date="2020-04-24", text="Xiaomi holds 29.5% of XW Bank."))
    doc.add_source(Source("filing", "A filing", kind="filing",
                          text="Xiaomi Corporation owns 30% of the bank."))
    for entity in (Entity("x", "Xiaomi"), Entity("xc", "Xiaomi Corporation"), Entity("b", "XW Bank", "bank")):
        doc.add_entity(entity)
    doc.add_relationship(Relationship("r1", "ownership", "x", "b", Share.exact(29.5),
                                      citations=(Citation("story", 0, 18, "Xiaomi holds 29.5%"),)))
    doc.add_relationship(Relationship("r2", "ownership", "xc", "b", Share.exact(30),
                                      citations=(Citation("filing", 0, 27, "Xiaomi Corporation owns 30%"),)))
    merge_entities(doc, "x", "xc")
    return doc


def _line_title(doc: Document) -> str:
    doc.set_arrangement("ownership", arrange(doc, "ownership"))
    root = ET.fromstring(render_svg(DiagramScene(doc)))
    (group,) = [g for g in root.iter(f"{SVG}g") if g.get("id") == "relationship-r1"]
    return group.find(f"{SVG}title").text


def test_a_disputed_line_lists_every_claim_with_its_quote(qapp):
    doc = _disputed()
    title = _line_title(doc)
    assert "30% \u2260 29.5%" in title  # the filing's share drawn, the article's marked beside it
    assert "sources disagree on share" in title
    assert "A filing: 30% \u2014 \u201cXiaomi Corporation owns 30%\u201d" in title
    assert "A story: 29.5% \u2014 \u201cXiaomi holds 29.5%\u201d" in title


def test_choosing_a_claim_changes_what_the_picture_draws(qapp):
    doc = _disputed()
    (rel,) = doc.relationships()
    doc.update_relationship(choose(rel, "share", "29.5", doc.ranks()))
    title = _line_title(doc)
    assert title.split("\n")[0].endswith("29.5% (current)")
