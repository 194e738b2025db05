"""Look-through ownership: answers worked out by hand, intervals, dates, verdicts and derivations."""

import datetime
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.document import Document
from model.errors import InvalidValueError, StakemapError, UnknownIdError
from model.inforce import in_force
from model.lookthrough.report import find_entity, lookthrough_rows, render_table, to_json
from model.lookthrough.stakes import (
    BELOW,
    CERTAINLY_ABOVE,
    POSSIBLY_ABOVE,
    CircularOwnershipError,
    Interval,
    compute,
)
from model.types import Citation, Entity, FuzzyDate, Relationship, Share, Source


def build(stakes, people=(), **kinds):
    """A document from (id, owner, owned, share) stakes; entity ids are their names upper-cased.

    ``share`` is a number, a (low, high) pair, or None for undisclosed; extra relationship fields
    come as a dict in a fifth place.
    """
    doc = Document()
    ids = dict.fromkeys([*people, *(s[1] for s in stakes), *(s[2] for s in stakes)])
    for entity_id in ids:
        kind = "person" if entity_id in people else kinds.get(entity_id, "company")
        doc.add_entity(Entity(entity_id, entity_id.upper(), kind))
    for rel_id, owner, owned, share, *extra in stakes:
        doc.add_relationship(Relationship(rel_id, "ownership", owner, owned, _share(share),
                                          **(extra[0] if extra else {})))
    return doc


def _share(share):
    if share is None:
        return Share()
    if isinstance(share, tuple):
        return Share(*share)
    return Share.exact(share)


def close(interval, low, high=None):
    high = low if high is None else high
    return interval.low == pytest.approx(low, abs=1e-9) and interval.high == pytest.approx(high, abs=1e-9)


# --- answers by hand --------------------------------------------------------------------------
def test_chain_multiplies_shares():
    doc = build([("r1", "p", "a", 60), ("r2", "a", "b", 50)], people=("p",))
    result = compute(doc)
    assert result.effective("p", "b").text == "30%"
    assert result.effective("p", "a").text == "60%"
    assert result.effective("b", "p").text == "0%"


def test_diamond_adds_both_paths():
    # X -50%-> A -40%-> C and X -30%-> B -20%-> C: 0.5*0.4 + 0.3*0.2 = 0.26
    doc = build([("xa", "x", "a", 50), ("xb", "x", "b", 30), ("ac", "a", "c", 40), ("bc", "b", "c", 20)])
    result = compute(doc)
    assert close(result.effective("x", "c"), 26)
    paths = result.paths("x", "c")
    assert [p.relationship_ids for p in paths] == [("xa", "ac"), ("xb", "bc")]
    assert [p.product.text for p in paths] == ["20%", "6%"]
    assert paths[0].entity_ids == ("x", "a", "c")


def test_range_chain_gives_interval_of_products():
    doc = build([("r1", "x", "a", (25, 50)), ("r2", "a", "b", (50, 75))])
    interval = compute(doc).effective("x", "b")
    assert close(interval, 12.5, 37.5)
    assert interval.text == "12.5-37.5%" and not interval.unknown


def test_undisclosed_link_is_zero_to_x_and_flagged():
    doc = build([("r1", "x", "a", None), ("r2", "a", "b", 50)])
    result = compute(doc)
    assert result.effective("x", "a").text == "undisclosed"
    through = result.effective("x", "b")
    assert close(through, 0, 50) and through.unknown
    assert not result.effective("a", "b").unknown


def test_undisclosed_high_is_cut_by_the_other_holders_lows():
    doc = build([("r1", "x", "a", None), ("r2", "y", "a", (60, 70))])
    result = compute(doc)
    assert close(result.effective("x", "a"), 0, 40)
    assert result.effective("x", "a").text == "0-40%"


def test_two_company_cycle_matches_the_geometric_series():
    # X holds 80% of A; A holds 50% of B; B holds 20% of A. X reaches B through A, then again after
    # every turn A -> B -> A (0.5 * 0.2 = 0.1): 0.8 * 0.5 * (1 + 0.1 + 0.01 + ...) = 0.4 / 0.9.
    doc = build([("xa", "x", "a", 80), ("ab", "a", "b", 50), ("ba", "b", "a", 20)])
    result = compute(doc)
    series = sum(0.8 * 0.5 * 0.1**k for k in range(60)) * 100
    assert close(result.effective("x", "b"), series)
    assert close(result.effective("x", "b"), 400 / 9)
    assert close(result.effective("x", "a"), 80 / 0.9)
    assert close(result.effective("b", "a"), 20 / 0.9)
    derivation = result.derivation("x", "b")
    assert derivation.circular
    assert [p.relationship_ids for p in derivation.paths] == [("xa", "ab")]  # simple paths only
    assert [s.owner_id for s in result.ultimate_owners_of("b")] == ["x"]
    assert result.derivation("a", "b").circular  # A -> B -> A -> B ... counts too
    assert close(result.effective("a", "b"), 50 / 0.9)


def test_cycle_of_100_percent_each_way_is_reported_not_looped_on():
    doc = build([("ab", "a", "b", 100), ("ba", "b", "a", 100), ("xa", "x", "a", 0)])
    with pytest.raises(CircularOwnershipError) as raised:
        compute(doc)
    assert set(raised.value.entity_ids) == {"a", "b"}
    assert raised.value.spectral_radius == pytest.approx(1.0)
    assert "A, B" in str(raised.value) or "B, A" in str(raised.value)
    assert isinstance(raised.value, StakemapError)


def test_cycle_diverging_only_at_the_highs_has_no_upper_bound_below_100():
    doc = build([("ab", "a", "b", None), ("ba", "b", "a", None), ("xa", "x", "a", (10, 100))])
    result = compute(doc)
    assert close(result.effective("x", "a"), 10, 100)
    assert result.effective("x", "b").text == "undisclosed"


def test_high_of_a_cycle_is_capped_at_100():
    doc = build([("ab", "a", "b", (10, 90)), ("ba", "b", "a", (10, 90)), ("xa", "x", "a", 10)])
    result = compute(doc)
    assert result.effective("b", "a").high == 100  # 0.9 / (1 - 0.81) is above 1
    assert result.effective("x", "b").high <= 100


def test_two_stakes_between_the_same_pair_add_up():
    doc = build([("r1", "x", "a", 20), ("r2", "x", "a", 15), ("r3", "a", "b", 50)])
    result = compute(doc)
    assert close(result.effective("x", "b"), 17.5)
    assert {p.relationship_ids for p in result.paths("x", "b")} == {("r1", "r3"), ("r2", "r3")}


def test_matches_a_dense_inverse_on_a_tangle_of_cycles():
    rng = np.random.default_rng(7)
    shares = rng.uniform(0, 1, (12, 12)) * (rng.uniform(0, 1, (12, 12)) < 0.3)
    np.fill_diagonal(shares, 0)
    shares *= 0.9 / np.maximum(shares.sum(axis=0), 1)  # every company at most 90% held
    stakes = [(f"r{i}-{j}", f"e{i}", f"e{j}", float(shares[i, j] * 100))
              for i in range(12) for j in range(12) if shares[i, j] > 0]
    result = compute(build(stakes, people=()))
    expected = np.linalg.inv(np.eye(12) - shares) - np.eye(12)
    for i in range(12):
        for j in range(12):
            if i != j and f"e{i}" in result._index and f"e{j}" in result._index:
                assert result.effective(f"e{i}", f"e{j}").low == pytest.approx(
                    min(expected[i, j], 1) * 100, abs=1e-7)


# --- statuses and dates -------------------------------------------------------------------------
SOLD = {"status": "dissolved", "end": FuzzyDate("2019-03")}


@pytest.mark.parametrize(
    ("fields", "as_of", "expected"),
    [
        (SOLD, "2018-06-01", True),
        (SOLD, "2019-03-31", True),  # an end of 2019-03 runs to the end of March
        (SOLD, "2019-04-01", False),
        (SOLD, "2020-05-01", False),
        (SOLD, None, False),
        ({"status": "current"}, None, True),
        ({"status": "current", "start": FuzzyDate("2021")}, "2020-12-31", False),
        ({"status": "current", "start": FuzzyDate("2021")}, "2021-01-01", True),
        ({"status": "former", "start": FuzzyDate("2015-06"), "end": FuzzyDate("2017")}, "2015-05-31", False),
        ({"status": "former", "start": FuzzyDate("2015-06"), "end": FuzzyDate("2017")}, "2015-06-01", True),
        ({"status": "former", "start": FuzzyDate("2015-06"), "end": FuzzyDate("2017")}, "2017-12-31", True),
        ({"status": "former", "end": FuzzyDate("2017-05-10")}, "2017-05-11", False),
        ({"status": "former"}, "2010-01-01", False),  # no end: cannot say it still held then
        ({"status": "planned"}, None, False),
        ({"status": "planned", "start": FuzzyDate("2000")}, "2020-01-01", False),
    ],
)
def test_only_relationships_in_force_take_part(fields, as_of, expected):
    doc = build([("r1", "x", "a", 40, fields), ("r2", "a", "b", 50)])
    result = compute(doc, as_of=as_of)
    assert result.effective("x", "b").text == ("20%" if expected else "0%")
    day = datetime.date.fromisoformat(as_of) if as_of else None
    assert in_force(doc.relationship("r1"), day) is expected


def test_top_level_holder_depends_on_the_date():
    doc = build([("r1", "x", "a", 40), ("r2", "y", "x", 70, SOLD)])
    assert compute(doc).is_ultimate("x")
    assert not compute(doc, "2018-01-01").is_ultimate("x")
    assert compute(doc, datetime.date(2018, 1, 1)).effective("y", "a").text == "28%"


def test_as_of_must_be_a_day():
    with pytest.raises(InvalidValueError, match="YYYY-MM-DD"):
        compute(build([("r1", "x", "a", 40)]), "2019-03")


# --- thresholds and ultimate owners -------------------------------------------------------------
@pytest.mark.parametrize(
    ("threshold", "verdicts"),
    [
        (10, {"p": CERTAINLY_ABOVE, "q": CERTAINLY_ABOVE, "u": POSSIBLY_ABOVE}),
        (25, {"p": CERTAINLY_ABOVE, "q": POSSIBLY_ABOVE, "u": POSSIBLY_ABOVE}),
        (50, {"p": BELOW, "q": BELOW, "u": BELOW}),  # U at most 100 - 50 - 10 = 40
    ],
)
def test_verdicts_at_each_threshold(threshold, verdicts):
    # P: 60% of 50% = 30%; Q: [20, 40] of 50% = [10, 20] + direct 10% = [20, 30]; U: undisclosed.
    doc = build(
        [("pa", "p", "a", 60), ("qa", "q", "a", (20, 40)), ("ab", "a", "b", 50), ("qb", "q", "b", 10),
         ("ub", "u", "b", None)],
        people=("p", "q", "u"),
    )
    owners = {s.owner_id: s for s in compute(doc).ultimate_owners_of("b", threshold)}
    assert {owner: stake.verdict for owner, stake in owners.items()} == verdicts
    assert close(owners["q"].interval, 20, 30)
    assert close(owners["u"].interval, 0, 40) and owners["u"].unknown  # 100 - 50 - 10 left over


def test_ultimate_owners_are_people_and_top_level_holders():
    doc = build([("pa", "p", "a", 30), ("ta", "t", "a", 70), ("ab", "a", "b", 100)], people=("p",))
    owners = {s.owner_id: s for s in compute(doc).owners_of("b")}
    assert {o for o, s in owners.items() if s.is_ultimate} == {"p", "t"}
    assert owners["a"].is_direct and not owners["t"].is_direct


def test_holdings_of_lists_everything_held():
    doc = build([("r1", "p", "a", 60), ("r2", "a", "b", 50), ("r3", "a", "c", 10)], people=("p",))
    held = [(s.owned_id, s.interval.text) for s in compute(doc).holdings_of("p")]
    assert held == [("a", "60%"), ("b", "30%"), ("c", "6%")]


def test_unknown_entity_is_named():
    with pytest.raises(UnknownIdError, match="nobody"):
        compute(build([("r1", "x", "a", 40)])).effective("nobody", "a")


# --- derivations --------------------------------------------------------------------------------
def test_path_enumeration_stops_at_the_limit():
    # Four layers of two companies, each holding both of the next: 2^4 = 16 chains from X to Z.
    layers = [["x"], ["a1", "a2"], ["b1", "b2"], ["c1", "c2"], ["d1", "d2"], ["z"]]
    stakes = [(f"{o}-{t}", o, t, 25) for up, down in zip(layers, layers[1:], strict=False)
              for o in up for t in down]
    result = compute(build(stakes))
    assert len(result.paths("x", "z", limit=100)) == 16
    derivation = result.derivation("x", "z", limit=5)
    assert len(derivation.paths) == 5 and derivation.truncated
    assert not derivation.circular


def test_citations_hang_off_the_path_relationships():
    doc = build([("r1", "p", "a", 60), ("r2", "a", "b", 50)], people=("p",))
    doc.add_source(Source("s", "Filing", text="P holds 60% of A."))
    doc.add_citation("r1", Citation("s", 0, 17, "P holds 60% of A."))
    result = compute(doc)
    (path,) = result.paths("p", "b")
    assert [f.text for f in path.factors] == ["60%", "50%"]
    assert result.relationships[path.relationship_ids[0]].citations[0].quote == "P holds 60% of A."


# --- the command-line report ----------------------------------------------------------------------
def test_table_and_json_for_a_subject_found_by_alias():
    doc = build([("r1", "p", "a", 60), ("r2", "a", "b", None)], people=("p",))
    doc.update_entity(Entity("b", "Beta Bank", "bank", aliases=("BB",)))
    doc.add_source(Source("s", "Filing", text="P holds 60% of A."))
    doc.add_citation("r1", Citation("s", 0, 17, "P holds 60% of A."))
    subject = find_entity(doc, "bb")
    table = render_table(lookthrough_rows(doc, subject, threshold=10))
    assert "Verdict (10%)" in table and "possibly above" in table and "undisclosed*" in table
    answer = json.loads(to_json(doc, subject, threshold=10))
    by_owner = {owner["owner_id"]: owner for owner in answer["owners"]}
    assert by_owner["p"]["effective"] == "0-60%" and by_owner["p"]["unknown"]
    assert by_owner["p"]["paths"][0]["relationship_ids"] == ["r1", "r2"]
    assert answer["relationships"]["r2"]["share"] == "undisclosed"
    assert answer["relationships"]["r1"]["citations"][0]["quote"] == "P holds 60% of A."


def test_find_entity_refuses_to_guess():
    doc = build([("r1", "acme-1", "acme-2", 10)])
    with pytest.raises(InvalidValueError, match="2 entities"):
        find_entity(doc, "acme")
    with pytest.raises(UnknownIdError):
        find_entity(doc, "zeta")
    assert find_entity(doc, "ACME-2") == "acme-2"


def test_empty_table_says_so():
    assert render_table(lookthrough_rows(build([("r1", "x", "a", 5)]), "x")) == "No holder in force."


# --- the property: any point inside the ranges gives an answer inside the interval ---------------
@st.composite
def structures(draw):
    """Random small structures with cycles: for each stake a point share and a way to report it."""
    size = draw(st.integers(2, 6))
    pairs = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1))
                          .filter(lambda p: p[0] != p[1]), min_size=1, max_size=12, unique=True))
    stakes = []
    for owned in range(size):
        owners = [o for o, t in pairs if t == owned]
        weights = draw(st.lists(st.floats(0, 1), min_size=len(owners), max_size=len(owners)))
        scale = draw(st.floats(0, 90)) / max(sum(weights), 1e-9)  # an entity is at most 90% held
        for owner, weight in zip(owners, weights, strict=True):
            # Four decimals, as sources print them: no share so small that products underflow.
            point = round(min(weight * scale, 100.0), 4)
            below = math.floor(draw(st.floats(0, 1)) * point * 1e4) / 1e4
            above = min(100.0, math.ceil((point + draw(st.floats(0, 1)) * (100 - point)) * 1e4) / 1e4)
            shown = draw(st.sampled_from(["exact", "range", "undisclosed"]))
            reported = {"exact": point, "range": (below, above), "undisclosed": None}[shown]
            stakes.append((f"r{owner}-{owned}", f"e{owner}", f"e{owned}", reported, point))
    return stakes


@settings(max_examples=150, deadline=None)
@given(structures())
def test_any_point_inside_the_ranges_lands_inside_the_interval(stakes):
    ranged = compute(build([s[:4] for s in stakes]))
    exact = compute(build([(*s[:3], s[4]) for s in stakes]))
    for owner in ranged.entity_ids:
        for owned in ranged.entity_ids:
            if owner == owned:
                continue
            point = exact.effective(owner, owned).low
            interval = ranged.effective(owner, owned)
            assert interval.low - 1e-7 <= point <= interval.high + 1e-7, (owner, owned)


def test_interval_text_rounds_to_two_places():
    assert Interval(100 / 3, 100 / 3).text == "33.33%"
    assert Interval(0, 0).text == "0%"


@settings(max_examples=60, deadline=None)
@given(structures())
def test_one_walk_for_all_holders_finds_the_same_chains_as_one_walk_each(stakes):
    result = compute(build([s[:4] for s in stakes]))
    for owned in result.entity_ids:
        together = result.derivations_into(owned, limit=3)
        assert set(together) == {s.owner_id for s in result.owners_of(owned)}
        for owner, derivation in together.items():
            alone = result.derivation(owner, owned, limit=3)
            assert (len(derivation.paths), derivation.truncated) == (len(alone.paths), alone.truncated)
            assert derivation.circular == alone.circular and derivation.interval == alone.interval
            if not alone.truncated:
                assert {p.relationship_ids for p in derivation.paths} == {
                    p.relationship_ids for p in alone.paths}


def test_one_walk_stops_once_every_holder_has_more_chains_than_the_limit():
    # Two stakes each way (X -> A twice, A -> Z twice): A has 2 chains into Z, X has 4.
    result = compute(build([("x1", "x", "a", 20), ("x2", "x", "a", 30),
                            ("a1", "a", "z", 10), ("a2", "a", "z", 40)]))
    together = result.derivations_into("z", limit=1)
    assert set(together) == {"a", "x"}
    for owner, derivation in together.items():
        alone = result.derivation(owner, "z", limit=1)
        assert derivation == alone and derivation.truncated and len(derivation.paths) == 1
    assert [p.relationship_ids for p in result.paths("x", "z")] == [
        ("x2", "a2"), ("x1", "a2"), ("x2", "a1"), ("x1", "a1")]
    assert result.derivations_into("z")["x"].paths == tuple(result.paths("x", "z"))


def test_bods_circular_ownership_fixture_is_reported_not_looped(shared_dir, capsys):
    """bods-v04-fixtures edge case 10: Alpha owns 100% of Beta and Beta 100% of Alpha."""
    from gui.cli import main
    from model.errors import CircularOwnershipError
    from model.formats.bods import read as bods_import

    fixture = shared_dir / "data/bods/v0.4/bods-v04-fixtures/edge-cases/10-circular-ownership.json"
    doc, _ = bods_import.load(fixture)
    names = sorted(e.name for e in doc.entities())
    assert names == ["Alpha Corp Ltd", "Beta Corp Ltd"]
    with pytest.raises(CircularOwnershipError) as caught:
        compute(doc)
    assert {doc.entity(i).name for i in caught.value.entity_ids} == set(names)
    assert main(["lookthrough", str(fixture)]) == 2
    err = capsys.readouterr().err
    assert "Alpha Corp Ltd" in err and "Traceback" not in err


def test_the_seed_answers_the_article(seed_doc):
    import datetime as dt

    from model.asof import hidden_at

    now = compute(seed_doc)
    assert now.effective("xiaomi", "xinwang").text == "29.5%"
    webank = now.effective("tencent", "webank")
    assert webank.text == "undisclosed" and webank.unknown
    assert "zhuhai-p2p" not in hidden_at(seed_doc, dt.date(2018, 6, 1))
    assert {"zhuhai-p2p", "own-xiaomi-zhuhai-p2p"} <= hidden_at(seed_doc, dt.date(2020, 5, 1))
    in_2018 = compute(seed_doc, "2018-06-01")
    assert in_2018.effective("xiaomi", "zhuhai-p2p").low == 0  # undisclosed, but in force then
    assert [s.owner_id for s in in_2018.owners_of("zhuhai-p2p")] == ["xiaomi"]
    assert compute(seed_doc, "2020-05-01").owners_of("zhuhai-p2p") == []
