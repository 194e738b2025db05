"""Adding sources to the seed: a register extract (BODS) and a second article, matched and compared."""

from __future__ import annotations

import json
import subprocess
import sys

from model.claims import disputes
from model.formats import projectfile
from model.matching import apply, preview
from tests.conftest import ROOT, SEED

STAMP = {"statementDate": "2024-03-01", "publicationDetails": {
    "publicationDate": "2024-03-01", "bodsVersion": "0.4", "publisher": {"name": "A register"}},
    "source": {"type": ["officialRegister"], "description": "Company register extract, March 2024"}}

EXTRACT = [
    {"recordId": "xc", "recordType": "entity", "statementId": "a" * 32, **STAMP, "recordDetails": {
        "isComponent": False, "entityType": {"type": "registeredEntity"}, "name": "XIAOMI CORPORATION",
        "identifiers": [{"scheme": "XI-LEI", "id": "254900ABCDEFGH123456"}]}},
    {"recordId": "bank", "recordType": "entity", "statementId": "b" * 32, **STAMP, "recordDetails": {
        "isComponent": False, "entityType": {"type": "registeredEntity"},
        "name": "Sichuan Xinwang Bank Co., Ltd."}},
    {"recordId": "lei", "recordType": "person", "statementId": "c" * 32, **STAMP, "recordDetails": {
        "isComponent": False, "personType": "knownPerson", "names": [{"fullName": "Lei Jun"}]}},
    {"recordId": "own", "recordType": "relationship", "statementId": "d" * 32, **STAMP, "recordDetails": {
        "isComponent": False, "subject": "bank", "interestedParty": "xc", "interests": [
            {"type": "shareholding", "share": {"exact": 29.5}, "startDate": "2016-12-01"}]}},
    {"recordId": "founder", "recordType": "relationship", "statementId": "e" * 32, **STAMP, "recordDetails": {
        "isComponent": False, "subject": "xc", "interestedParty": "lei", "interests": [
            {"type": "shareholding", "share": {"minimum": 25, "maximum": 50}}]}},
]

SECOND = """Xiaomi Corp raises its bet on XW Bank

Xiaomi Corp now holds 30% of Sichuan Xinwang Bank, the lender said on Tuesday. Zhao Weixing, the
president of Sichuan Xinwang Bank, welcomed the move. Tianyin Capital, a Chengdu fund, owns 5% of
the bank.
"""


def test_the_seed_a_register_extract_and_a_second_article(tmp_path):
    extract = tmp_path / "extract.bods.json"
    extract.write_text(json.dumps(EXTRACT), encoding="utf-8")
    article = tmp_path / "second.txt"
    article.write_text(SECOND, encoding="utf-8")
    out = tmp_path / "combined.stakemap.json"
    run = subprocess.run([sys.executable, "-m", "gui.cli", "add", str(SEED), str(extract), str(article),
                          "-o", str(out), "--json"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert f"warning: {extract}: $[0]" in run.stderr
    assert f"{extract}: {extract}" not in run.stderr  # the file named once
    from_register, from_article = (json.loads(line) for line in run.stdout.splitlines())

    # The register: its Xiaomi and its bank are the seed's (names differ in case and suffix), the
    # founder is new, and it agrees on the 29.5% stake.
    matched = {(m["incoming"], m["existing"]) for m in from_register["matched"]}
    assert matched == {("XIAOMI CORPORATION", "Xiaomi"),
                       ("Sichuan Xinwang Bank Co., Ltd.", "Sichuan Xinwang Bank")}
    assert all("same name" in m["why"] for m in from_register["matched"])
    assert from_register["new"] == ["Lei Jun"] and from_register["disagreements"] == []

    # The article (wrapped at 100 characters): "Xiaomi Corp" is Xiaomi; it says 30% where the seed and
    # the register say 29.5%, and calls Zhao the bank's president where the seed says former president.
    assert ("Xiaomi Corp", "Xiaomi") in {(m["incoming"], m["existing"]) for m in from_article["matched"]}
    assert "Tianyin Capital" in from_article["new"]
    found = {(d["subject"], d["field"]): d for d in from_article["disagreements"]}
    share = found[("Xiaomi", "share")]
    assert {c["value"] for c in share["claims"]} == {"29.5%", "30%"}
    headline = "Xiaomi Corp raises its bet on XW Bank"  # the text's first line, standing alone
    assert any(c["source"] == headline for c in share["claims"] if c["value"] == "30%")
    assert ("Zhao Weixing", "status") in found

    doc = projectfile.load(out)
    xiaomi = next(e for e in doc.entities() if e.name == "Xiaomi")
    assert {"XIAOMI CORPORATION", "Xiaomi Corp"} <= set(xiaomi.aliases)
    names = {e.id: e.name for e in doc.entities()}
    stake = next(r for r in doc.relationships("ownership")
                 if (names[r.subject], names[r.object]) == ("Xiaomi", "Sichuan Xinwang Bank"))
    # The register ranks highest: 29.5% is drawn, and the dispute is kept with both sources' quotes.
    assert stake.share.text == "29.5"
    assert {c.value for c in disputes(stake)["share"]} == {"29.5", "30"}
    assert len({c.source_id for c in stake.citations}) == 3
    check = subprocess.run([sys.executable, "-m", "gui.cli", "check", str(out)], capture_output=True,
                           text=True, cwd=ROOT, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert sum("disagree" in line for line in check.stdout.splitlines()) >= 2


def test_a_possible_match_is_left_apart_until_the_user_says_so():
    seed = projectfile.load(SEED)
    incoming = projectfile.loads(projectfile.dumps(seed))
    for entity in incoming.entities():
        incoming.remove_entity(entity.id) if not incoming.relationships_of(entity.id) else None
    xiaomi = next(e for e in incoming.entities() if e.name == "Xiaomi")
    import dataclasses

    incoming.update_entity(dataclasses.replace(xiaomi, name="Xiaomi Technology", aliases=()))
    found = preview(seed, incoming)
    possible = [m for m in found.possible if m.incoming == xiaomi.id]
    assert possible and seed.entity(possible[0].existing).name == "Xiaomi"
    before = len(seed.entities())
    apply(seed, incoming, found)  # not said to be the same: a new entity beside the seed's Xiaomi
    assert len(seed.entities()) == before + 1


def test_matching_ten_thousand_against_ten_thousand_finds_each_by_its_identifier():
    from model.document import Document
    from model.types import Attribute, Entity

    project, incoming = Document(), Document()
    for n in range(10_000):
        project.add_entity(Entity(f"p{n}", f"Company {n} Holdings",
                                  attributes={"identifiers": Attribute(f"GB-COH {n:08d}")}))
        incoming.add_entity(Entity(f"i{n}", f"COMPANY {n} LTD" if n % 2 else f"Renamed {n} plc",
                                   attributes={"identifiers": Attribute(f"GB-COH {n:08d}")}))
    found = preview(project, incoming)
    assert len(found.matched) == 10_000 and not found.new and not found.possible
    assert all(m.existing == "p" + m.incoming[1:] for m in found.matched)


def test_a_followthemoney_company_matches_a_bods_one_by_its_lei():
    from model.formats.bods import read as bods_read
    from model.formats.ftm import file as ftm_file

    register = [dict(EXTRACT[0])]
    project, _ = bods_read.loads(json.dumps(register))
    line = {"id": "c1", "schema": "Company", "properties": {
        "name": ["Beijing Xiaomi Mobile Software"], "leiCode": ["254900ABCDEFGH123456"]}}
    incoming, _ = ftm_file.loads(json.dumps(line))
    (match,) = preview(project, incoming).matched
    assert match.why == "same identifier LEI 254900ABCDEFGH123456"
