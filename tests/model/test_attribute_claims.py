"""An entity's attributes as claims per source: a register and a filing that disagree with the seed on
when the bank was founded, identifiers that add up, and what is drawn, listed, kept and exported."""

from __future__ import annotations

import json

from model import attribute_claims
from model.checks import check as run_checks
from model.formats import projectfile
from model.formats.bods import read as bods_read
from model.formats.factsheet import rows
from model.matching import apply, preview
from model.merge import merge_entities, split_entity
from model.types import Attribute, Citation, Entity, Source
from tests.conftest import SEED


def _extract(kind: str, day: str, founded: str, identifier: dict) -> list[dict]:
    stamp = {"statementDate": day, "publicationDetails": {
        "publicationDate": day, "bodsVersion": "0.4", "publisher": {"name": "A publisher"}},
        "source": {"type": [kind], "description": f"{kind} of {day}"}}
    return [{"recordId": "bank", "recordType": "entity", "statementId": f"{kind[:4]:0<32}", **stamp,
             "recordDetails": {"isComponent": False, "entityType": {"type": "registeredEntity"},
                               "name": "Sichuan Xinwang Bank Co., Ltd.", "foundingDate": founded,
                               "jurisdiction": {"name": "China", "code": "CN"},
                               "identifiers": [identifier]}}]


def _incoming(statements: list[dict]):
    doc, _ = bods_read.loads(json.dumps(statements))
    return doc


def _bank(doc) -> Entity:
    return next(e for e in doc.entities() if e.name == "Sichuan Xinwang Bank")


def test_a_register_agrees_on_the_year_and_a_filing_disagrees():
    doc = projectfile.load(SEED)
    assert _bank(doc).attributes["founded"].value == "2016"  # the seed article: "Founded in 2016"
    register = _incoming(_extract("officialRegister", "2024-03-01", "2016-12-28",
                                  {"scheme": "XI-LEI", "id": "254900ABCDEFGH123456"}))
    found = preview(doc, register)
    assert [m.existing for m in found.matched] == ["xinwang"]
    assert found.disagreements == []  # 2016-12-28 is in 2016: no disagreement
    apply(doc, register, found)
    bank = _bank(doc)
    assert bank.attributes["founded"].value in ("2016", "2016-12-28")
    assert bank.attributes["jurisdiction"].value == "China"
    assert not attribute_claims.disputes(bank)

    filing = _incoming(_extract("selfDeclaration", "2023-06-30", "2017-01",
                                {"scheme": "CN-USCC", "id": "91510100MA61R0XX1Q"}))
    found = preview(doc, filing)
    (said,) = found.disagreements
    assert (said.subject, said.relation, said.field) == ("Sichuan Xinwang Bank", "attribute", "founded")
    assert {value for value, _ in said.claims} >= {"2016", "2017-01"}
    assert found.as_json(filing, doc)["disagreements"][0]["field"] == "founded"
    apply(doc, filing, found)
    bank = _bank(doc)
    # The register ranks above the filing and the article: its date is drawn, every claim kept.
    assert bank.attributes["founded"].value == "2016-12-28"
    claims = attribute_claims.disputes(bank)["founded"]
    assert {c.attribute.value for c in claims} >= {"2016", "2016-12-28", "2017-01"}
    # Identifiers add up rather than disagree.
    assert set(bank.attributes["identifiers"].value.split("; ")) == {
        "XI-LEI 254900ABCDEFGH123456", "CN-USCC 91510100MA61R0XX1Q"}
    warnings = [p.what for p in run_checks(doc) if p.item_id == "xinwang"]
    assert any("disagree on the founding date" in what and "2017-01" in what for what in warnings)

    # Choosing the article's year draws it and settles the warning; the file keeps all of it.
    chosen = attribute_claims.choose(bank, "founded", "2016", doc.ranks())
    assert chosen.attributes["founded"].value == "2016"
    assert chosen.attributes["founded"].citations == bank.claims[0].attribute.citations
    doc.update_entity(chosen)
    assert not any("disagree on the founding date" in p.what for p in run_checks(doc))
    again = projectfile.loads(projectfile.dumps(doc))
    assert again == doc and _bank(again).chosen == (("founded", "2016"),)
    # Reranking redraws only what the user did not choose.
    doc.set_source_order(tuple(s.id for s in doc.sources() if s.kind == "filing"))
    assert _bank(doc).attributes["founded"].value == "2016"


def test_merging_keeps_both_jurisdictions_and_split_gives_back_both_entities():
    doc = projectfile.load(SEED)
    doc.add_source(Source("reg", "Register", kind="register", text="XIAOMI CORP, Cayman Islands"))
    doc.add_entity(Entity("xc", "XIAOMI CORP", citations=(Citation("reg", 0, 11, "XIAOMI CORP"),),
                          attributes={"jurisdiction": Attribute("Cayman Islands", citations=(
                              Citation("reg", 13, 27, "Cayman Islands"),))}))
    xiaomi = doc.entity("xiaomi")
    doc.update_entity(Entity(xiaomi.id, xiaomi.name, xiaomi.kind, xiaomi.aliases,
                             {**xiaomi.attributes, "jurisdiction": Attribute("China", citations=(
                                 xiaomi.citations[0],))}, xiaomi.citations, xiaomi.note))
    before = projectfile.dumps(doc)
    merge_entities(doc, "xiaomi", "xc")
    merged = doc.entity("xiaomi")
    assert merged.attributes["jurisdiction"].value == "Cayman Islands"  # a register outranks an article
    assert {c.attribute.value for c in attribute_claims.disputes(merged)["jurisdiction"]} == {
        "China", "Cayman Islands"}
    assert merged.attributes["headquarters"].value == "Beijing"  # said by one source only: kept as it was
    sheet = [(r["relation"], r["object"], r["source"]) for r in rows(doc) if r["subject"] == "Xiaomi"]
    assert ("jurisdiction", "Cayman Islands", "Register") in sheet
    assert any(relation == "jurisdiction" and value == "China" for relation, value, _ in sheet)
    split_entity(doc, "xiaomi")
    assert doc == projectfile.loads(before)  # the same model (lines may come back in another order)


def test_values_that_read_the_same_agree():
    assert not attribute_claims.conflict("jurisdiction", "Cayman Islands", "cayman  islands.")
    assert attribute_claims.conflict("jurisdiction", "China", "Hong Kong")
    assert not attribute_claims.conflict("founded", "2016", "2016-12")
    assert attribute_claims.conflict("founded", "2016", "2017-01")
    assert not attribute_claims.conflict("identifiers", "LEI 1", "GB-COH 2")


def test_bods_keeps_the_claims_not_drawn_and_reads_them_back():
    from model.formats.bods import write

    doc = projectfile.load(SEED)
    for extract in (_extract("officialRegister", "2024-03-01", "2016-12-28", {"scheme": "XI-LEI", "id": "1"}),
                    _extract("selfDeclaration", "2023-06-30", "2017-01", {"scheme": "CN-USCC", "id": "2"})):
        incoming = _incoming(extract)
        apply(doc, incoming, preview(doc, incoming))
    bank = _bank(doc)
    doc.update_entity(attribute_claims.choose(bank, "founded", "2017-01", doc.ranks()))
    statements, _ = write.to_bods(doc)
    back, _ = bods_read.loads(write.dumps_statements(statements))
    again = _bank(back)
    assert again.attributes["founded"].value == "2017-01" and dict(again.chosen) == {"founded": "2017-01"}
    assert {c.attribute.value for c in attribute_claims.disputes(again)["founded"]} == {
        c.attribute.value for c in attribute_claims.disputes(_bank(doc))["founded"]}


def test_a_choice_survives_the_file_even_where_the_entity_has_no_claims_left():
    doc = projectfile.load(SEED)
    bank = _bank(doc)
    doc.update_entity(Entity(bank.id, bank.name, bank.kind, bank.aliases, bank.attributes, bank.citations,
                             bank.note, chosen=(("founded", "2016"),)))
    assert _bank(projectfile.loads(projectfile.dumps(doc))).chosen == (("founded", "2016"),)
