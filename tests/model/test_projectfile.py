"""The project file: bad input names file, place and reason; save is atomic; save+load is equal."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.citations import cite
from model.document import Document
from model.errors import LoadError
from model.formats import projectfile
from model.types import (
    ENTITY_KINDS,
    STATUSES,
    Attribute,
    Entity,
    FuzzyDate,
    Relationship,
    Share,
    Source,
)


def _write(tmp_path, text):
    path = tmp_path / "p.stakemap.json"
    path.write_text(text, encoding="utf-8")
    return path


def _project(**parts):
    base = {"format": "stakemap", "version": 1, "sources": [], "entities": [
        {"id": "a", "name": "A", "kind": "company"}, {"id": "b", "name": "B", "kind": "bank"}],
        "relationships": []}
    base.update(parts)
    return json.dumps(base)


def _rel(**fields):
    rel = {"id": "r", "kind": "ownership", "subject": "a", "object": "b"}
    rel.update(fields)
    return [rel]


@pytest.mark.parametrize("text, where, reason", [
    ('{"format": "stakemap", "version": 1, "entit', "line 1, column 38", "not valid JSON"),
    ("[1, 2]", "$.format", "not a Stakemap project"),
    (_project(version="1"), "$.version", "must be a whole number"),
    (_project(version=9), "$.version", "newer Stakemap"),
    (_project(entities=[{"id": "a", "name": 5, "kind": "company"}]), "$.entities[0].name", "a string"),
    (_project(entities=[{"id": "a", "name": "A", "kind": "ufo"}]), "$.entities[0]", "not an entity kind"),
    (_project(entities=[{"id": "a", "name": "A", "kind": "bank"}, {"id": "a", "name": "B", "kind": "bank"}]),
     "$.entities[1].id", "already used"),
    (_project(relationships=_rel(object="ghost")), "$.relationships[0].object", "names no entity"),
    (_project(relationships=_rel(share={"min": 150, "max": 150})), "$.relationships[0].share",
     "between 0 and 100%, not 150%"),
    (_project(relationships=_rel(share={"min": -1, "max": 10})), "$.relationships[0].share",
     "not -1%"),
    (_project(relationships=_rel(share={"min": 50, "max": 25})), "$.relationships[0].share", "low to high"),
    (_project(relationships=_rel(share={"min": True, "max": 25})), "$.relationships[0].share.min",
     "a number"),
    (_project(relationships=_rel(status="rumoured")), "$.relationships[0]", "not a status"),
    (_project(relationships=_rel(start={"value": "2020-13"})), "$.relationships[0].start", "no month 13"),
    (_project(relationships=_rel(citations=[{"source": "nowhere", "start": 0, "end": 1, "quote": "x"}])),
     "$.relationships[0].citations[0].source", "names no source"),
    (_project(layout={"ownership": {"a": [1]}}), "$.layout.ownership.a", "[x, y]"),
    ("[" * 100000, "$", "nested too deeply"),
])
def test_bad_files_name_place_and_reason(tmp_path, text, where, reason):
    path = _write(tmp_path, text)
    with pytest.raises(LoadError) as caught:
        projectfile.load(path)
    assert caught.value.path == str(path)
    assert caught.value.where == where
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}: {where}: ")


def test_unreadable_and_binary_files(tmp_path):
    with pytest.raises(LoadError, match="No such file"):
        projectfile.load(tmp_path / "missing.json")
    path = tmp_path / "bin.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(LoadError, match="not UTF-8"):
        projectfile.load(path)


def test_migration_path_upgrades_older_versions(monkeypatch):
    old = json.loads(_project(version=0))
    old["entities"][0]["title"] = old["entities"][0].pop("name")

    def rename_title(data):
        for entity in data["entities"]:
            if "title" in entity:
                entity["name"] = entity.pop("title")
        return data

    monkeypatch.setitem(projectfile.MIGRATIONS, 0, rename_title)
    assert projectfile.from_dict(old).entity("a").name == "A"
    monkeypatch.delitem(projectfile.MIGRATIONS, 0)
    with pytest.raises(LoadError, match="not a version Stakemap ever wrote"):
        projectfile.from_dict(old)


def test_save_is_atomic_when_writing_fails(tmp_path, seed_doc, monkeypatch):
    path = tmp_path / "keep.stakemap.json"
    projectfile.save(seed_doc, path)
    before = path.read_bytes()
    seed_doc.title = "changed"

    def crash(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        projectfile.save(seed_doc, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.stakemap.json"]


# --- save then load gives back an equal model --------------------------------------------------
names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12).filter(
    lambda s: s.strip())
dates = st.one_of(st.none(), st.builds(
    lambda y, m, d, p, t: FuzzyDate(f"{y:04d}-{m:02d}-{d:02d}"[:(4, 7, 10)[p]], t),
    st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2), names))
shares = st.one_of(st.just(Share()), st.tuples(st.floats(0, 100), st.floats(0, 100)).map(
    lambda pair: Share(min(pair), max(pair))))


@st.composite
def documents(draw):
    doc = Document(draw(names))
    text = draw(st.text(min_size=10, max_size=80))
    doc.add_source(Source("src", draw(names), draw(names), "2020-04-24", "https://example.org", text))

    def citations():
        start = draw(st.integers(0, len(text) - 2))
        end = draw(st.integers(start + 1, len(text)))
        return tuple([cite(doc.source("src"), start, end, draw(names))] * draw(st.integers(0, 1)))

    count = draw(st.integers(1, 6))
    for i in range(count):
        attributes = {draw(names): Attribute(draw(names), draw(dates), citations(), draw(names))
                      for _ in range(draw(st.integers(0, 2)))}
        doc.add_entity(Entity(f"e{i}", draw(names), draw(st.sampled_from(ENTITY_KINDS)),
                              tuple(draw(st.lists(names, max_size=2))), attributes, citations(),
                              draw(st.one_of(st.just(""), names))))
        if draw(st.booleans()):
            doc.set_pin(draw(st.sampled_from(["ownership", "reporting", "all"])), f"e{i}",
                        (draw(st.floats(-1e6, 1e6)), draw(st.floats(-1e6, 1e6))))
    for j in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["ownership", "position", "reporting", "licence"]))
        doc.add_relationship(Relationship(
            f"r{j}", kind, f"e{draw(st.integers(0, count - 1))}", f"e{draw(st.integers(0, count - 1))}",
            draw(shares) if kind == "ownership" else Share(), draw(names), draw(names),
            draw(st.sampled_from(STATUSES)), draw(dates), draw(dates), citations(), draw(names)))
    return doc


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents())
def test_save_then_load_gives_an_equal_model(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("rt") / "doc.stakemap.json"
    projectfile.save(doc, path)
    again = projectfile.load(path)
    assert again == doc
    assert projectfile.dumps(again) == projectfile.dumps(doc)
