"""Questions to a register store, on SQLite and PostgreSQL alike: search, neighbourhoods, pieces.

A small group is indexed for each test (once per engine): Tower Holdings, which its founder owns,
holds five companies (100%, 80%, 60%, 40% and 20%), and the first of them two more; two companies
hold each other in a circle; a French company's name carries accents.
"""

from __future__ import annotations

import json

import pytest

from model.errors import InvalidValueError
from model.register.indexing import index_files
from model.register.piece import piece_document
from model.register.queries import neighbourhood, resolve, search
from tests.register_gen import BANDS, entity, person, relationship

LEI = "5299000J2N45DDNE4Y28"
SUBSIDIARIES = {"c1": 100, "c2": 80, "c3": 60, "c4": 40, "c5": 20}


def group() -> list[dict]:
    out = [person("founder", "Grace Hopper"),
           entity("tower", "Tower Holdings PLC", identifiers=(("GB-COH", "00000042"), ("XI-LEI", LEI))),
           relationship("r-tower", "tower", "founder", BANDS[2])]
    for number, (record_id, share) in enumerate(SUBSIDIARIES.items(), 1):
        out += [entity(record_id, f"Tower Subsidiary {number} Ltd"),
                relationship(f"r-{record_id}", record_id, "tower", {"exact": share})]
    out += [entity("g1", "Granite Grandchild Ltd"), entity("g2", "Gravel Grandchild Ltd"),
            relationship("r-g1", "g1", "c1", {"exact": 100}), relationship("r-g2", "g2", "c1", {"exact": 51})]
    out += [entity("x", "Xylo Circle Ltd"), entity("y", "Yew Circle Ltd"),
            relationship("r-xy", "y", "x", BANDS[0]), relationship("r-yx", "x", "y", BANDS[0])]
    out += [entity("fr", "Société Générale d'Énergie SA", identifiers=(("FR-RCS", "552120222"),))]
    return out


@pytest.fixture
def register(store, tmp_path):
    dump = tmp_path / "group.jsonl"
    dump.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in group()), encoding="utf-8")
    report = index_files(store, [str(dump)])
    assert report.bad == 0
    return store


def names(hits) -> list[str]:
    return [hit.name for hit in hits]


# --- search ----------------------------------------------------------------------------------------
def test_search_by_the_start_of_a_name(register):
    assert names(search(register, "tower hold")) == ["Tower Holdings PLC"]
    assert names(search(register, "grav")) == ["Gravel Grandchild Ltd"]
    assert set(names(search(register, "grandch"))) == {"Granite Grandchild Ltd", "Gravel Grandchild Ltd"}


def test_search_ignores_accents_and_case(register):
    assert names(search(register, "societe generale")) == ["Société Générale d'Énergie SA"]
    assert names(search(register, "ÉNERGIE")) == ["Société Générale d'Énergie SA"]


def test_search_by_identifier_and_record_id(register):
    assert [(hit.record_id, hit.matched) for hit in search(register, LEI)] == [("tower", f"XI-LEI {LEI}")]
    assert [hit.record_id for hit in search(register, "00000042")] == ["tower"]
    assert [hit.record_id for hit in search(register, "g2")] == ["g2"]


def test_search_finds_people_and_never_relationships(register):
    assert [(hit.name, hit.kind) for hit in search(register, "grace")] == [("Grace Hopper", "person")]
    assert search(register, "r-tower") == []
    assert search(register, "   ") == []


def test_search_keeps_to_its_limit(register):
    assert len(search(register, "tower subsidiary", limit=3)) == 3


def test_resolve_names_one_entity_or_says_which_match(register):
    assert resolve(register, "Tower Holdings PLC").record_id == "tower"
    with pytest.raises(InvalidValueError, match="matches several") as raised:
        resolve(register, "tower subsidiary")
    assert "c1" in str(raised.value) and "Tower Subsidiary 1 Ltd" in str(raised.value)
    with pytest.raises(InvalidValueError, match="nothing in the register"):
        resolve(register, "no such company")


# --- neighbourhoods --------------------------------------------------------------------------------
def test_down_walks_to_the_holdings_hop_by_hop(register):
    one = neighbourhood(register, "tower", hops=1, direction="down")
    two = neighbourhood(register, "tower", hops=2, direction="down")
    assert one.hops == {"tower": 0, **dict.fromkeys(SUBSIDIARIES, 1)}
    assert set(two.hops) == {"tower", *SUBSIDIARIES, "g1", "g2"} and two.hops["g1"] == 2
    assert set(one.links) == {f"r-{c}" for c in SUBSIDIARIES}
    assert one.hidden == {"c1": 2}  # c1's two holdings lie beyond the last hop: the "+2" beside it
    assert "2 more relationships" in one.note and two.note == ""


def test_up_walks_to_the_owners(register):
    up = neighbourhood(register, "g2", hops=3, direction="up")
    assert up.hops == {"g2": 0, "c1": 1, "tower": 2, "founder": 3}
    assert set(up.links) == {"r-g2", "r-c1", "r-tower"}


def test_both_ways_reach_sister_companies(register):
    one = neighbourhood(register, "c1", hops=1, direction="both")
    two = neighbourhood(register, "c1", hops=2, direction="both")
    assert set(one.hops) == {"c1", "tower", "g1", "g2"}
    assert set(two.hops) == {"c1", "tower", "g1", "g2", "founder", "c2", "c3", "c4", "c5"}


def test_the_cap_keeps_the_nearest_and_biggest_stakes_and_says_what_was_cut(register):
    piece = neighbourhood(register, "tower", hops=2, direction="down", cap=4)
    assert piece.hops == {"tower": 0, "c1": 1, "c2": 1, "c3": 1}
    assert piece.cut == 2
    assert piece.hidden == {"tower": 2, "c1": 2}
    assert piece.note == "2 entities over the cap of 4 were left out; 2 entities shown have 4 more " \
                         "relationships not shown"


def test_a_circle_of_holdings_does_not_loop(register):
    piece = neighbourhood(register, "x", hops=50, direction="both")
    assert piece.hops == {"x": 0, "y": 1}
    assert set(piece.links) == {"r-xy", "r-yx"}


def test_an_unknown_direction_or_negative_hops_is_refused(register):
    with pytest.raises(InvalidValueError, match="not a direction"):
        neighbourhood(register, "tower", direction="sideways")
    with pytest.raises(InvalidValueError, match="hops"):
        neighbourhood(register, "tower", hops=-1)


# --- a piece as a document -------------------------------------------------------------------------
def test_a_piece_is_a_document_whose_facts_cite_their_statements(register):
    piece = neighbourhood(register, "c1", hops=1, direction="both")
    doc, _ = piece_document(register, piece, "Around subsidiary 1")
    assert doc.title == "Around subsidiary 1"
    assert {e.name for e in doc.entities()} == {"Tower Subsidiary 1 Ltd", "Tower Holdings PLC",
                                                "Granite Grandchild Ltd", "Gravel Grandchild Ltd"}
    shares = sorted((doc.entity(r.subject).name, r.share.text) for r in doc.relationships())
    assert shares == [("Tower Holdings PLC", "100"), ("Tower Subsidiary 1 Ltd", "100"),
                      ("Tower Subsidiary 1 Ltd", "51")]
    register_sources = [s for s in doc.sources() if s.title.startswith("Register store")]
    assert len(register_sources) == 1 and register_sources[0].kind == "register"
    for item in [*doc.entities(), *doc.relationships()]:
        quotes = [c.quote for c in item.citations if c.source_id == register_sources[0].id]
        assert len(quotes) == 1 and quotes[0].startswith("statement ")
    stake = next(r for r in doc.relationships() if doc.entity(r.object).name == "Gravel Grandchild Ltd")
    quote = next(c.quote for c in stake.citations if c.source_id == register_sources[0].id)
    assert "relationship r-g2" in quote and "line " in quote and "made-up register" in quote
