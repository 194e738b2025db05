"""Look-through of a whole file: the JSON written holder by holder says what the one-subject
answers say, lists at most 20 chains per holder and counts the rest, and the table says so too."""

import io
import json
from pathlib import Path

import pytest

from model.document import Document
from model.formats import projectfile
from model.lookthrough.report import every_answer, lookthrough_rows, render_table, to_dict
from model.lookthrough.stakes import compute
from model.lookthrough.stream import PATHS_SHOWN, write_json
from model.types import Citation, Entity, Relationship, Share, Source
from tests.bench_big import big_project

SEED = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-fintech.stakemap.json"


def fan(middle: int) -> Document:
    """A person holding ``middle`` companies, each holding a small stake in one bank: as many
    chains from the person to the bank, of different sizes."""
    doc = Document()
    doc.add_entity(Entity("p", "Pat Lee", "person"))
    doc.add_entity(Entity("bank", "Beta Bank", "bank"))
    doc.add_source(Source("s", "Register", text="A0 holds 1% of the bank."))
    for k in range(middle):
        doc.add_entity(Entity(f"a{k}", f"Acme {k}"))
        doc.add_relationship(Relationship(f"p-a{k}", "ownership", "p", f"a{k}",
                                          Share.exact(1 + (k * 37) % 99)))
        doc.add_relationship(Relationship(f"a{k}-bank", "ownership", f"a{k}", "bank",
                                          Share.exact(round(90 / middle, 2))))
    doc.add_citation("a0-bank", Citation("s", 0, 24, "A0 holds 1% of the bank."))
    return doc


def old_answer(doc: Document, result, subject_id: str, threshold: float = 25) -> dict:
    """The look-through of one subject as ``stakemap lookthrough --json`` wrote it before the JSON
    was streamed, made here from the public answers (owners_of, derivations_into, relationships):
    every chain found, and no paths_omitted."""
    derivations = result.derivations_into(subject_id)
    owners, steps = [], {}
    for stake in result.owners_of(subject_id, threshold):
        owner, derivation = doc.entity(stake.owner_id), derivations[stake.owner_id]
        count = len(derivation.paths)
        paths = []
        for path in derivation.paths:
            for rel_id, factor in zip(path.relationship_ids, path.factors, strict=True):
                rel = result.relationships[rel_id]
                steps.setdefault(rel_id, {
                    "owner_id": rel.subject, "owned_id": rel.object,
                    "share": rel.share.text or "undisclosed",
                    "low": factor.low, "high": factor.high, "unknown": factor.unknown,
                    "status": rel.status, "start": rel.start.value if rel.start else None,
                    "end": rel.end.value if rel.end else None,
                    "citations": [{"source_id": c.source_id, "start": c.start, "end": c.end,
                                   "quote": c.quote, "attributed_to": c.attributed_to}
                                  for c in rel.citations]})
            paths.append({"relationship_ids": list(path.relationship_ids),
                          "entity_ids": list(path.entity_ids), "low": path.product.low,
                          "high": path.product.high, "unknown": path.product.unknown})
        owners.append({
            "owner_id": stake.owner_id, "owner": owner.name, "kind": owner.kind,
            "effective": stake.interval.text, "low": stake.interval.low, "high": stake.interval.high,
            "unknown": stake.unknown, "verdict": stake.verdict, "threshold": threshold,
            "ultimate": stake.is_ultimate, "direct": stake.is_direct, "paths": paths,
            "circular": derivation.circular, "paths_truncated": derivation.truncated,
            "count": f"{count}+" if derivation.truncated else count})
    return {"subject_id": subject_id, "subject": doc.entity(subject_id).name,
            "as_of": result.as_of.isoformat() if result.as_of else None, "threshold": threshold,
            "owners": owners, "relationships": steps}


def streamed(doc: Document, subjects: list[str], **options) -> list[dict]:
    out = io.StringIO()
    write_json(doc, subjects, out, **options)
    return json.loads(out.getvalue())


def owned_ids(doc: Document) -> list[str]:
    owned = {r.object for r in doc.relationships("ownership")}
    return [e.id for e in doc.entities() if e.id in owned]


@pytest.mark.parametrize("doc", [projectfile.load(SEED), big_project(400, 480, seed=3)],
                         ids=["seed", "generated"])
def test_streamed_json_says_what_the_one_subject_answers_said(doc):
    result = compute(doc)
    subjects = owned_ids(doc)
    answers = streamed(doc, subjects, result=result)
    assert [answer["subject_id"] for answer in answers] == subjects
    for answer, subject in zip(answers, subjects, strict=True):
        for owner in answer["owners"]:  # nothing in these has more chains than are listed
            assert owner.pop("paths_omitted") == 0
        expected = old_answer(doc, result, subject)
        for owner in expected["owners"]:
            del owner["count"]
        assert answer == expected


def test_table_rows_of_a_whole_file_are_the_rows_of_each_subject():
    doc = big_project(400, 480, seed=5)
    result = compute(doc)
    subjects = owned_ids(doc)
    for subject, rows in every_answer(doc, subjects, 10, result=result):
        expected = old_answer(doc, result, subject, threshold=10)["owners"]
        assert [row["owner_id"] for row in rows] == [owner["owner_id"] for owner in expected]
        assert [row["paths"] for row in rows] == [owner["count"] for owner in expected]
        assert [row["verdict"] for row in rows] == [owner["verdict"] for owner in expected]
        assert rows == lookthrough_rows(doc, subject, 10, result=result)
        (answer,) = streamed(doc, [subject], threshold=10, result=result)
        for row, owner in zip(rows, answer["owners"], strict=True):  # the JSON's holders are the rows
            assert {**owner, "paths": row["paths"]} == {**row, "paths_truncated": "+" in str(row["paths"]),
                                                        "paths_omitted": owner["paths_omitted"]}


def test_json_lists_the_biggest_chains_and_counts_the_rest():
    doc = fan(30)
    answer = to_dict(doc, "bank")
    person = next(owner for owner in answer["owners"] if owner["owner_id"] == "p")
    all_chains = compute(doc).paths("p", "bank")
    assert len(all_chains) == 30
    assert len(person["paths"]) == PATHS_SHOWN and person["paths_omitted"] == 10
    assert not person["paths_truncated"]
    highs = [path["high"] for path in person["paths"]]
    assert highs == sorted(highs, reverse=True)
    assert highs == [path.product.high for path in all_chains[:PATHS_SHOWN]]
    listed = {rel for path in person["paths"] for rel in path["relationship_ids"]}
    assert set(answer["relationships"]) == listed | {f"a{k}-bank" for k in range(30)}
    assert streamed(doc, ["bank"]) == [answer]


def test_json_of_a_holder_whose_chains_ran_past_the_search_says_so():
    answer = to_dict(fan(60), "bank")
    person = next(owner for owner in answer["owners"] if owner["owner_id"] == "p")
    assert len(person["paths"]) == PATHS_SHOWN
    assert person["paths_truncated"] and person["paths_omitted"] == 50 - PATHS_SHOWN


def test_table_says_how_many_chains_the_json_leaves_out():
    table = render_table(lookthrough_rows(fan(30), "bank"))
    person = next(line for line in table.splitlines() if line.startswith("Pat Lee"))
    assert person.rstrip().endswith("30")
    assert (f"1 holder has more than {PATHS_SHOWN} chains: --json lists the {PATHS_SHOWN} biggest "
            "of each and counts the rest (paths_omitted)") in table
    assert "chains" not in render_table(lookthrough_rows(fan(10), "bank"))


def test_command_line_json_is_one_valid_document_with_every_subject(capsys):
    from gui.cli import main

    assert main(["lookthrough", str(SEED), "--json"]) == 0
    answers = json.loads(capsys.readouterr().out)
    doc = projectfile.load(SEED)
    assert [answer["subject_id"] for answer in answers] == owned_ids(doc)
    assert answers == streamed(doc, owned_ids(doc), threshold=25.0)


def test_names_that_need_escaping_stay_valid_json():
    doc = fan(2)
    doc.update_entity(Entity("p", 'Pat "the \\ owner"\n\u5c0f\u7c73 \ud800', "person"))
    answer = streamed(doc, ["bank"])[0]
    assert answer["owners"][-1]["owner"] == 'Pat "the \\ owner"\n\u5c0f\u7c73 \ud800'
