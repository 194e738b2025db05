"""Claims kept per source, the value drawn, merging and splitting entities, and the file's versions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import claims
from model.document import Document
from model.errors import InvalidValueError, LoadError
from model.formats import projectfile
from model.merge import merge_entities, split_entity
from model.types import Attribute, Citation, Entity, FuzzyDate, Relationship, Share, Source
from tests.conftest import SEED


def _two_sources() -> Document:
    doc = Document("t")
    doc.add_source(Source("story", "A story", date="2020-04-24", text="Xiaomi holds 29.5% of XW Bank."))
    doc.add_source(Source("filing", "A filing", date="2019-01-01", kind="filing",
                          text="Xiaomi Corporation owns 30% of Sichuan Xinwang Bank, formerly."))
    for entity in (Entity("x", "Xiaomi"), Entity("xc", "Xiaomi Corporation"), Entity("b", "XW Bank", "bank")):
        doc.add_entity(entity)
    doc.add_relationship(Relationship("r1", "ownership", "x", "b", Share.exact(29.5),
                                      citations=(Citation("story", 0, 18, "Xiaomi holds 29.5%"),)))
    doc.add_relationship(Relationship("r2", "ownership", "xc", "b", Share.exact(30), status="former",
                                      citations=(Citation("filing", 0, 29, "Xiaomi Corporation owns 30%"),)))
    return doc


def test_a_filing_outranks_an_article_and_the_user_can_reorder():
    doc = _two_sources()
    assert doc.ranks() == {"filing": 0, "story": 1}
    doc.set_source_order(("story",))
    assert doc.ranks() == {"story": 0, "filing": 1}


def test_merging_two_names_for_one_company_keeps_both_claims_and_draws_the_higher_source():
    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    (rel,) = doc.relationships()
    assert doc.entity("x").aliases == ("Xiaomi Corporation",)
    assert {(c.field, c.value, c.sources) for c in rel.claims} >= {
        ("share", "29.5", ("story",)), ("share", "30", ("filing",)),
        ("status", "current", ("story",)), ("status", "former", ("filing",))}
    assert (rel.share.text, rel.status) == ("30", "former")  # the filing ranks above the article
    assert sorted(claims.disputes(rel)) == ["share", "status"]
    assert len(rel.citations) == 2
    # Choosing the article's share draws it; the status still follows the ranking.
    chosen = claims.choose(rel, "share", "29.5", doc.ranks())
    assert (chosen.share.text, chosen.status) == ("29.5", "former")
    assert sorted(claims.unresolved(chosen)) == ["status"]
    # Re-ranking redraws what nobody chose.
    doc.update_relationship(chosen)
    doc.set_source_order(("story", "filing"))
    rel = doc.relationship(rel.id)
    assert (rel.share.text, rel.status) == ("29.5", "current")


def test_an_unresolved_share_disagreement_looks_through_as_the_span():
    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    (rel,) = doc.relationships()
    assert claims.looked_share(rel) == Share(29.5, 30)
    assert claims.looked_share(claims.choose(rel, "share", "29.5", doc.ranks())) == Share.exact(29.5)
    from model.lookthrough.stakes import compute

    doc.set_source_order(("story",))  # the story (current) above the filing (former): in force today
    stake = compute(doc).effective("x", "b")
    assert (round(stake.low, 1), round(stake.high, 1)) == (29.5, 30.0)


@pytest.mark.parametrize("one, other, disagree", [
    ("29.5", "30", True), ("29.5", "25-50", False), ("50-75", "75-100", False), ("10", "60-70", True)])
def test_shares_disagree_only_when_they_cannot_both_be_true(one, other, disagree):
    assert claims.conflict("share", one, other) is disagree


def test_dates_of_different_precision_agree():
    assert not claims.conflict("start", "2019", "2019-05")
    assert claims.conflict("start", "2019-04", "2019-05")


def test_merge_then_split_gives_back_the_seed_exactly():
    doc = projectfile.load(SEED)
    before = projectfile.loads(projectfile.dumps(doc))
    ids = [e.id for e in doc.entities()]
    merge_entities(doc, ids[0], ids[1])
    assert doc != before
    again = projectfile.loads(projectfile.dumps(doc))  # the merge record survives a save
    split_entity(again, ids[0])
    split_entity(doc, ids[0])
    assert doc == before and again == before


def test_split_refuses_an_entity_never_merged():
    doc = _two_sources()
    with pytest.raises(InvalidValueError, match="not made by merging"):
        split_entity(doc, "x")
    with pytest.raises(InvalidValueError):
        merge_entities(doc, "x", "x")


@st.composite
def _documents(draw):
    doc = Document("random")
    doc.add_source(Source("s1", "one", date="2020-01-01", text="x" * 50))
    doc.add_source(Source("s2", "two", kind="register", text="y" * 50))
    count = draw(st.integers(3, 7))
    for n in range(count):
        source = draw(st.sampled_from(["s1", "s2"]))
        attributes = {name: Attribute(value, citations=(Citation(source, n, n + 1, source[-1]),))
                      for name, value in draw(st.dictionaries(
                          st.sampled_from(["jurisdiction", "founded", "identifiers"]),
                          st.sampled_from(["China", "Cayman Islands", "2016", "2016-03", "LEI 1; GB-COH 2"]),
                          max_size=2)).items()}
        doc.add_entity(Entity(f"e{n}", f"Entity {n}", attributes=attributes,
                              citations=(Citation(source, n, n + 2, source[-1] * 2),)))
        if draw(st.booleans()):
            doc.set_pin("all", f"e{n}", (float(n), 2.0 * n))
    for n in range(draw(st.integers(0, 12))):
        subject, object_ = draw(st.integers(0, count - 1)), draw(st.integers(0, count - 1))
        share = draw(st.sampled_from([Share(), Share.exact(10), Share.exact(30), Share(25, 50)]))
        status = draw(st.sampled_from(["current", "former"]))
        source = draw(st.sampled_from(["s1", "s2"]))
        start = draw(st.sampled_from([None, FuzzyDate("2019"), FuzzyDate("2020-05")]))
        doc.add_relationship(Relationship(f"r{n}", "ownership", f"e{subject}", f"e{object_}", share,
                                          status=status, start=start,
                                          citations=(Citation(source, n, n + 3, source[-1] * 3),)))
    merges = draw(st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=4))
    return doc, merges


@settings(max_examples=120, deadline=None)
@given(_documents())
def test_merges_then_splits_in_reverse_give_back_the_exact_model(case):
    doc, pairs = case
    before = projectfile.loads(projectfile.dumps(doc))
    done = []
    for keep, absorb in pairs:
        keep_id, absorb_id = f"e{keep}", f"e{absorb}"
        if keep_id == absorb_id or not doc.has_entity(keep_id) or not doc.has_entity(absorb_id):
            continue
        merge_entities(doc, keep_id, absorb_id)
        done.append(keep_id)
        assert not doc.has_entity(absorb_id)
        keys = [(r.kind, r.subject, r.object) for r in doc.relationships_of(keep_id)]
        assert len(keys) == len(set(keys))  # one line per fact through the merged entity
    doc = projectfile.loads(projectfile.dumps(doc))  # and through the file
    if done:  # a merge of entities that both give attributes keeps them as claims
        merged = [doc.entity(keep_id) for keep_id in dict.fromkeys(done) if doc.has_entity(keep_id)]
        assert all(e.claims for e in merged if any(m.absorbed.attributes and m.kept.attributes
                                                   for m in e.merged_from))
    for keep_id in reversed(done):
        split_entity(doc, keep_id)
    assert doc == before


def test_version_1_files_read_unchanged_and_save_as_the_current_version(tmp_path):
    raw = json.loads(SEED.read_text(encoding="utf-8"))
    assert raw["version"] == 1
    doc = projectfile.load(SEED)
    assert all(source.kind == "article" for source in doc.sources())
    assert all(not rel.claims for rel in doc.relationships())
    assert all(not entity.claims for entity in doc.entities())
    saved = json.loads(projectfile.dumps(doc))
    assert saved["version"] == 3
    assert projectfile.loads(projectfile.dumps(doc)) == doc


def test_a_version_2_file_with_line_claims_reads_unchanged():
    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    raw = json.loads(projectfile.dumps(doc))
    raw["version"] = 2  # what the last Stakemap wrote: line claims, no attribute claims
    assert not any("claims" in entity for entity in raw["entities"])
    assert projectfile.loads(json.dumps(raw)) == doc


def test_a_file_from_a_newer_stakemap_is_refused_not_misread():
    raw = json.loads(projectfile.dumps(_two_sources()))
    raw["version"] = 4
    with pytest.raises(LoadError, match="newer Stakemap"):
        projectfile.loads(json.dumps(raw))


def test_bad_claims_in_a_file_are_named():
    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    raw = json.loads(projectfile.dumps(doc))
    raw["relationships"][0]["claims"][0]["field"] = "colour"
    with pytest.raises(LoadError, match=r"claims\[0\].*colour"):
        projectfile.loads(json.dumps(raw))
    raw = json.loads(projectfile.dumps(doc))
    raw["sources"][0]["kind"] = "rumour"
    with pytest.raises(LoadError, match="rumour"):
        projectfile.loads(json.dumps(raw))


def test_the_fact_sheet_gives_a_row_per_source_of_a_line_sources_speak_of():
    from model.formats.factsheet import rows

    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    found = [(row["share"], row["status"], row["quote"], row["source"]) for row in rows(doc)]
    assert found == [("30", "former", "Xiaomi Corporation owns 30%", "A filing"),
                     ("29.5", "current", "Xiaomi holds 29.5%", "A story")]


def test_bods_writes_a_statement_per_source_and_reads_the_claims_back():
    from model.formats.bods import read, write

    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    (rel,) = doc.relationships()
    doc.update_relationship(claims.choose(rel, "share", "29.5", doc.ranks()))
    statements, _ = write.to_bods(doc)
    accounts = [s for s in statements if s["recordType"] == "relationship"]
    assert len(accounts) == 2
    assert {a["recordDetails"]["interests"][0]["share"]["exact"] for a in accounts} == {29.5, 30}
    assert {a["source"]["description"].split(" (")[0] for a in accounts} == {"A story", "A filing"}
    back, _ = read.loads(write.dumps_statements(statements))
    (again,) = back.relationships()
    written = doc.relationships()[0]
    assert {(c.field, c.value) for c in again.claims} == {(c.field, c.value) for c in written.claims}
    assert again.share.text == "29.5" and dict(again.chosen) == {"share": "29.5"}
    assert sorted(claims.disputes(again)) == ["share", "status"]


def test_the_look_through_says_where_it_spans_a_dispute(tmp_path, capsys):
    from gui.cli import main

    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    doc.set_source_order(("story",))  # in force (the story says current), its share disputed
    path = tmp_path / "disputed.stakemap.json"
    projectfile.save(doc, path)
    assert main(["lookthrough", str(path), "--subject", "XW Bank"]) == 0
    out = capsys.readouterr().out
    assert "29.5-30%" in out
    said = "note: sources disagree on the share of Xiaomi in XW Bank (29.5%, 30%): looked through as 29.5-30%"
    assert said in out
    assert main(["lookthrough", str(path), "--subject", "XW Bank", "--json"]) == 0
    (answer,) = json.loads(capsys.readouterr().out)
    step = next(iter(answer["relationships"].values()))
    assert step["sources_disagree"] == ["29.5", "30"]
