"""Accepting proposed facts into a document, and what a source remembers of rejected ones."""

from __future__ import annotations

import pytest

from model.document import Document
from model.errors import InvalidValueError
from model.extract import read
from model.extract.accept import apply, plan, source_with_text
from model.formats import projectfile
from model.types import Entity, Relationship, Share, Source

TEXT = "Tencent owns a 30% stake in Huayi Brothers. Ma Huateng is the chief executive of Tencent."


def doc_with_source() -> tuple[Document, Source]:
    doc = Document()
    source = Source("a", "An article", text=TEXT)
    doc.add_source(source)
    return doc, source


def test_accepting_makes_cited_entities_and_a_cited_line():
    doc, source = doc_with_source()
    reading = read(TEXT, doc)
    stake = next(p for p in reading.proposals if p.relation == "ownership")
    apply(doc, plan(doc, source, stake, list(reading.entities)))
    rel = doc.relationships("ownership")[0]
    assert (doc.entity(rel.subject).name, doc.entity(rel.object).name) == ("Tencent", "Huayi Brothers")
    assert rel.share == Share(30.0, 30.0) and rel.citations[0].quote == stake.quote
    assert all(e.citations for e in doc.entities())
    chief = next(p for p in reading.proposals if p.relation == "position")
    apply(doc, plan(doc, source, chief, list(reading.entities)))
    assert doc.entity(doc.relationships("position")[0].subject).kind == "person"
    assert [e.name for e in doc.entities()].count("Tencent") == 1  # the same Tencent, not a second


def test_a_repeated_fact_is_cited_and_a_contradicting_one_refused():
    doc, source = doc_with_source()
    doc.add_entity(Entity("t", "Tencent Holdings"))
    doc.add_entity(Entity("h", "Huayi Brothers"))
    doc.add_relationship(Relationship("r", "ownership", "t", "h", Share(30.0, 30.0)))
    reading = read(TEXT, doc)
    stake = next(p for p in reading.proposals if p.relation == "ownership")
    steps = plan(doc, source, stake, list(reading.entities))
    assert steps.relationship is None and steps.entities == [] and steps.citations[0][0] == "r"
    doc.update_relationship(Relationship("r", "ownership", "t", "h", Share(10.0, 10.0)))
    refused = plan(doc, source, stake, list(reading.entities))
    assert refused.empty and "share 10% here, 30% in the article" in refused.conflict
    # Accepted anyway, the article's 30% joins the line as a claim beside the project's 10%.
    apply(doc, refused)
    (line,) = doc.relationships()
    shares = {(c.field, c.value) for c in line.claims if c.field == "share"}
    assert shares == {("share", "10"), ("share", "30")}
    assert line.share.text == "30"  # the article's, above an uncited value
    assert refused.claims[0].share.text == "10"  # what undo puts back


def test_a_source_keeps_its_rejections_and_cannot_go_while_cited(tmp_path):
    doc, source = doc_with_source()
    turned_down = ("ownership|Tencent|Huayi Brothers|0-42",)
    doc.update_source(Source("a", "An article", text=TEXT, rejected=turned_down))
    path = tmp_path / "p.stakemap.json"
    projectfile.save(doc, path)
    again = projectfile.load(path)
    assert again.source("a").rejected == turned_down
    assert source_with_text(again, TEXT).id == "a"
    with pytest.raises(InvalidValueError, match="cannot change"):
        doc.update_source(Source("a", "An article", text=TEXT + "!"))
    reading = read(TEXT, doc)
    apply(doc, plan(doc, source, reading.proposals[0], list(reading.entities)))
    with pytest.raises(InvalidValueError, match="still cited"):
        doc.remove_source("a")


def test_a_planned_stake_beside_a_current_one_is_a_line_of_its_own():
    text = ("Redwood Capital owns 35% of Meridian Life. "
            "Redwood Capital agreed to buy a 20% stake in Meridian Life.")
    doc = Document()
    source = Source("a", "An article", text=text)
    doc.add_source(source)
    reading = read(text, doc)
    for proposal in reading.proposals:
        steps = plan(doc, source, proposal, list(reading.entities))
        assert not steps.conflict, steps.conflict
        apply(doc, steps)
    statuses = sorted((r.status, r.share.high) for r in doc.relationships("ownership"))
    assert statuses == [("current", 35.0), ("planned", 20.0)]


def test_a_unit_the_project_knows_is_not_what_the_company_means_next():
    """'set up a consumer finance company' matches the project's unit; 'The company' after it is
    still the parent, so reading an article into the project it was built from adds nothing new."""
    doc = Document()
    doc.add_entity(Entity("x", "Xiaomi", "company"))
    doc.add_entity(Entity("r", "Chinese regulators", "authority"))
    doc.add_entity(Entity("c", "Xiaomi consumer finance company (Chongqing)", "company"))
    text = ("Chinese regulators gave Xiaomi the green light to set up a consumer finance company. "
            "The company acquired its digital banking license in Singapore.")
    proposals = read(text, doc).proposals
    unit = next(p for p in proposals if p.relation == "ownership")
    assert (unit.subject_id, unit.object_id, unit.status) == ("x", "c", "planned")
    licences = [p for p in proposals if p.relation == "licence" and "Singapore" in p.quote]
    assert [p.object_id for p in licences] == ["x"]
