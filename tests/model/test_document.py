"""The document: changes go through its methods and each emits one event."""

import pytest

from model.citations import cite
from model.document import Document
from model.errors import InvalidValueError, UnknownIdError
from model.types import Entity, Relationship, Share, Source


@pytest.fixture
def doc():
    doc = Document()
    doc.add_source(Source("s", "Story", text="Xiaomi owns a 29.5% stake in the bank."))
    doc.add_entity(Entity("x", "Xiaomi"))
    doc.add_entity(Entity("b", "Bank", "bank"))
    doc.add_relationship(Relationship("r", "ownership", "x", "b", Share.exact(29.5)))
    return doc


def test_each_change_emits_one_named_event(doc):
    events = []
    doc.subscribe(events.append)
    doc.update_entity(Entity("x", "Xiaomi Corp"))
    doc.add_citation("r", cite(doc.source("s"), 14, 19))
    doc.set_pin("ownership", "x", (10, 20))
    doc.remove_relationship("r")
    doc.remove_entity("b")
    assert [e.name for e in events] == [
        "entity_changed", "citation_added", "pin_changed", "relationship_removed", "entity_removed"]
    assert events[0].old.name == "Xiaomi" and events[0].new.name == "Xiaomi Corp"


def test_unchanged_update_emits_nothing(doc):
    events = []
    doc.subscribe(events.append)
    doc.update_entity(doc.entity("x"))
    assert events == []


def test_entity_with_relationships_cannot_be_removed_alone(doc):
    with pytest.raises(InvalidValueError, match="still has relationships"):
        doc.remove_entity("x")
    assert doc.has_entity("x")


def test_relationship_needs_both_ends(doc):
    with pytest.raises(UnknownIdError, match="no entity with id 'ghost'"):
        doc.add_relationship(Relationship("r2", "ownership", "x", "ghost"))
    assert not doc.has_relationship("r2")


def test_ids_are_unique_across_kinds(doc):
    with pytest.raises(InvalidValueError, match="already used"):
        doc.add_entity(Entity("r", "Clash"))
    assert doc.new_id("entity") == "entity-1"


def test_graph_view_is_read_only(doc):
    with pytest.raises(Exception, match="Frozen"):
        doc.graph.add_node("z")


def test_citation_round_trip(doc):
    citation = cite(doc.source("s"), 14, 19)
    doc.add_citation("r", citation)
    assert doc.relationship("r").citations == (citation,)
    assert citation.quote == "29.5%"
    doc.remove_citation("r", citation)
    assert doc.relationship("r").citations == ()


def test_removing_an_entity_drops_its_pins(doc):
    doc.remove_relationship("r")
    doc.set_pin("all", "b", (1, 2))
    doc.remove_entity("b")
    assert doc.pins("all") == {}
