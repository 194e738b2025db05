"""FollowTheMoney: exports pass followthemoney's own model validation, real FtM files import."""

from __future__ import annotations

import importlib.util
import json

import pytest

from model.errors import LoadError
from model.formats.ftm import file as ftm
from model.types import OWNERSHIP, POSITION, REPORTING

KEK = "data/ftm/kek-media-ownership/kek.ftm.jsonl"


@pytest.fixture
def ftm_model():
    if importlib.util.find_spec("followthemoney") is None:
        pytest.skip("followthemoney is not installed (pip install -e '.[test]')")
    from followthemoney import model

    return model


def test_seed_export_passes_followthemoney_validation(seed_doc, ftm_model):
    for line in ftm.dumps(seed_doc).splitlines():
        data = json.loads(line)
        schema = ftm_model.get(data["schema"])
        assert schema is not None, data["schema"]
        schema.validate(data)  # raises InvalidData on a bad value or a missing required property
        proxy = ftm_model.get_proxy(data, cleaned=False)  # raises on a property the schema lacks
        assert proxy.to_dict()["properties"].keys() == data["properties"].keys()


def test_round_trip_keeps_shares_roles_dates_and_reporting(seed_doc):
    back, warnings = ftm.loads(ftm.dumps(seed_doc))
    assert warnings == []
    for rel in seed_doc.relationships():
        got = back.relationship(rel.id)
        assert (got.kind, got.share, got.role, got.status) == (rel.kind, rel.share, rel.role, rel.status)
        assert (got.start and got.start.value, got.end and got.end.value) == (
            rel.start and rel.start.value, rel.end and rel.end.value)
    assert [r.id for r in back.relationships(REPORTING)] == ["rep-zhao-hong"]


def test_kek_media_ownership_imports_with_its_cycles(shared_dir):
    doc, warnings = ftm.load(shared_dir / KEK)
    assert (len(doc.entities()), len(doc.relationships(OWNERSHIP))) == (2705, 2902)
    assert warnings == []
    import networkx as nx

    graph = nx.DiGraph((r.subject, r.object) for r in doc.relationships(OWNERSHIP))
    cycles = sorted(sorted(doc.entity(i).name for i in cycle) for cycle in nx.simple_cycles(graph))
    # the file's loops: NRJ Group holding itself, and a three-company loop round Rheinische Post
    # (four ownerships in all; "four cycles" in the data notes counts those ownerships)
    loop = ["Rheinisch-Bergische Verlagsgesellschaft mbH", "Rheinische Post Verlagsgesellschaft mbH",
            "Verlag W. Girardet KG"]
    assert cycles == [["NRJ Group S.A."], loop]


def test_kek_media_ownership_lays_out_with_its_cycles(shared_dir):
    from model.layout.arrange import arrange, view_edges
    from model.layout.layered import layered_layout
    from model.layout.sizes import EstimatedSizes

    doc, _ = ftm.load(shared_dir / KEK)
    arrangement = arrange(doc, "ownership")
    assert set(arrangement.places) == {e.id for e in doc.entities()}
    edges = [(upper, lower) for upper, lower, _ in view_edges(doc, "ownership")]
    layout = layered_layout(sorted(e.id for e in doc.entities()), edges)
    assert len(layout.reversed_edges) >= 1  # a loop had to be broken to draw it in layers
    sizes = EstimatedSizes()
    boxes = sorted((x - w / 2, y - h / 2, x + w / 2, y + h / 2) for eid, (x, y) in arrangement.places.items()
                   for w, h in [sizes.box(doc.entity(eid))])
    for i, a in enumerate(boxes):  # no two boxes on top of each other (sorted by left edge)
        for b in boxes[i + 1:]:
            if b[0] >= a[2]:
                break
            assert not (b[1] < a[3] and a[1] < b[3]), (a, b)


@pytest.mark.parametrize("name", ["aleph-ec-experts/experts.ftm.jsonl", "bods-ftm-sample/sample_ftm.jsonl",
                                  "react-ftm-sample/sample.ftm", "react-ftm-sample/entities.ftm.jsonl"])
def test_other_shared_files_import(shared_dir, name):
    doc, _ = ftm.load(shared_dir / "data" / "ftm" / name)
    assert doc.entities() and doc.relationships()


def test_memberships_and_directorships_become_positions():
    text = "\n".join(json.dumps(e) for e in [
        {"id": "p", "schema": "Person", "properties": {"name": ["Ann"]}},
        {"id": "o", "schema": "Organization", "properties": {"name": ["Club"]}},
        {"id": "m", "schema": "Membership", "properties": {"member": ["p"], "organization": ["o"],
                                                           "startDate": ["2019-05"]}},
        {"id": "d", "schema": "Directorship", "properties": {"director": ["p"], "organization": ["o"],
                                                             "role": ["chair"]}}])
    doc, _ = ftm.loads(text)
    assert [(r.kind, r.role) for r in doc.relationships()] == [(POSITION, "member"), (POSITION, "chair")]
    assert doc.relationship("m").start.precision == "month"


def test_broken_line_is_a_load_error_with_its_line():
    with pytest.raises(LoadError) as error:
        ftm.loads('{"id": "a", "schema": "Person", "properties": {}}\n{"id": ', "x.ftm.jsonl")
    assert error.value.where.startswith("line 2")
