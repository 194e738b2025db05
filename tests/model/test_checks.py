"""Checks name what they are about: errors for wrong facts, warnings for doubtful ones."""

import dataclasses

from model.checks import ERROR, INFO, WARNING, check
from model.citations import cite, reanchor
from model.document import Document
from model.types import Entity, FuzzyDate, Relationship, Share, Source


def _doc():
    doc = Document()
    doc.add_source(Source("s", "Story", text="Acme owns 60% of Beta. Beta owns 50% of Acme."))
    for eid, name, kind in [("a", "Acme", "company"), ("b", "Beta", "company"), ("p", "Pat", "person")]:
        doc.add_entity(Entity(eid, name, kind, note="test entity"))
    return doc


def _found(doc):
    return {(p.severity, p.what, p.where) for p in check(doc)}


def test_wrong_kinds_self_ownership_and_backwards_dates_are_errors():
    doc = _doc()
    doc.add_relationship(Relationship("r1", "reporting", "a", "p", note="x"))
    doc.add_relationship(Relationship("r2", "ownership", "a", "a", note="x"))
    doc.add_relationship(Relationship("r3", "position", "p", "a", role="CEO", note="x",
                                      start=FuzzyDate("2020"), end=FuzzyDate("2019-05")))
    found = _found(doc)
    assert (ERROR, "a reporting cannot run from a company to a person", "reporting Acme -> Pat") in found
    assert (ERROR, "owns itself", "ownership Acme -> Acme") in found
    assert (ERROR, "ends (2019-05) before it starts (2020)", "position Pat -> Acme") in found


def test_over_100_and_cycles_are_warnings():
    doc = _doc()
    doc.add_entity(Entity("c", "Gamma", "bank", note="x"))
    doc.add_relationship(Relationship("r1", "ownership", "a", "c", Share.exact(60), note="x"))
    doc.add_relationship(Relationship("r2", "ownership", "b", "c", Share(45, 50), note="x"))
    doc.add_relationship(Relationship("r3", "ownership", "a", "b", Share.exact(60), note="x"))
    doc.add_relationship(Relationship("r4", "ownership", "b", "a", Share.exact(50), note="x"))
    found = _found(doc)
    assert (WARNING, "current stakes add up to at least 105%", "bank Gamma") in found
    assert (WARNING, "ownership cycle (legal, but worth a look)", "Acme -> Beta") in found


def test_uncited_is_a_warning_and_a_reason_makes_it_analyst_asserted():
    doc = _doc()
    doc.add_relationship(Relationship("r1", "ownership", "a", "b", Share.exact(60)))
    doc.add_relationship(Relationship("r2", "ownership", "b", "a", Share.exact(50), note="from filing"))
    found = _found(doc)
    assert (WARNING, "uncited: no source supports it", "ownership Acme -> Beta") in found
    assert (INFO, "analyst-asserted: from filing", "ownership Beta -> Acme") in found


def test_quote_that_no_longer_matches_is_a_warning_and_can_be_found_again():
    doc = _doc()
    source = doc.source("s")
    citation = cite(source, 0, 22)
    doc.add_relationship(Relationship("r1", "ownership", "a", "b", Share.exact(60), citations=(citation,)))
    shifted = dataclasses.replace(citation, start=3, end=25)
    doc.update_relationship(dataclasses.replace(doc.relationship("r1"), citations=(shifted,)))
    assert (WARNING, "quote no longer matches the source: \u201cAcme owns 60% of Beta.\u201d",
            "ownership Acme -> Beta") in _found(doc)
    assert reanchor(source, shifted) == citation
