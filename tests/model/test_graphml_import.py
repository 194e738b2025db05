"""GraphML import: our own export comes back, yEd and Gephi files read, XML bombs are refused."""

from __future__ import annotations

import pytest

from model.errors import LoadError
from model.formats.graphml import read as graphml_import
from model.formats.graphml import write as graphml
from model.types import OWNERSHIP, PERSON, REPORTING

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="&lol3;"/></graph></graphml>"""

YED = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d6"><y:ShapeNode><y:NodeLabel>Xiaomi</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>Xinwang</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n0" target="n1">
      <data key="d10"><y:PolyLineEdge><y:EdgeLabel>29.5%</y:EdgeLabel></y:PolyLineEdge></data></edge>
  </graph>
</graphml>"""

GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="label"/>
  <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
  <graph defaultedgetype="directed">
    <node id="0"><data key="label">Alpha</data></node>
    <node id="1"><data key="label">Beta</data></node>
    <edge source="0" target="1"><data key="weight">1.0</data></edge>
  </graph>
</graphml>"""


def test_own_export_comes_back(seed_doc):
    back, warnings = graphml_import.loads(graphml.to_graphml(seed_doc))
    assert warnings == []
    assert {e.id: (e.name, e.kind) for e in back.entities()} == {
        e.id: (e.name, e.kind) for e in seed_doc.entities()}
    for rel in seed_doc.relationships():
        got = back.relationship(rel.id)
        assert (got.kind, got.share, got.basis, got.role, got.status) == (
            rel.kind, rel.share, rel.basis, rel.role, rel.status)


def test_yed_labels_give_names_and_shares():
    doc, _ = graphml_import.loads(YED)
    assert [e.name for e in doc.entities()] == ["Xiaomi", "Xinwang"]
    assert doc.relationship("e0").share.text == "29.5"


def test_gephi_weight_is_not_a_share():
    doc, _ = graphml_import.loads(GEPHI)
    (rel,) = doc.relationships()
    assert (rel.kind, rel.share.disclosed) == (OWNERSHIP, False)


def test_billion_laughs_is_refused_with_a_clear_error():
    with pytest.raises(LoadError) as error:
        graphml_import.loads(BOMB, "bomb.graphml")
    assert "billion laughs" in str(error.value) and error.value.path == "bomb.graphml"


@pytest.mark.parametrize("text", ["<graphml", "<svg/>", "not xml at all"])
def test_not_graphml_is_a_load_error(text):
    with pytest.raises(LoadError):
        graphml_import.loads(text, "x.graphml")


def test_edge_between_people_without_kind_is_reporting():
    text = GEPHI.replace('<node id="0">', '<node id="0"><data key="kind">person</data>').replace(
        '<node id="1">', '<node id="1"><data key="kind">person</data>').replace(
        '<key attr.name="label"', '<key attr.name="kind" for="node" id="kind"/><key attr.name="label"')
    doc, _ = graphml_import.loads(text)
    assert {e.kind for e in doc.entities()} == {PERSON}
    assert doc.relationships()[0].kind == REPORTING
