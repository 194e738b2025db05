"""Hostile files get a clear message or a clean load, never a traceback: numbers past any meaning,
values of the wrong type, names with characters XML cannot hold."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest

from gui.cli import main
from tests.conftest import SEED

BODS_PACKAGE = [
    {"statementId": "s-e", "declarationSubject": "e", "statementDate": "2020-01-01", "recordId": "e",
     "recordType": "entity",
     "recordDetails": {"isComponent": False, "entityType": {"type": "registeredEntity"}, "name": "Acme Ltd"}},
    {"statementId": "s-p", "declarationSubject": "e", "statementDate": "2020-01-01", "recordId": "p",
     "recordType": "person", "recordDetails": {"isComponent": False, "personType": "knownPerson",
                                               "names": [{"fullName": "Jane Doe"}]}},
    {"statementId": "s-r", "declarationSubject": "e", "statementDate": "2020-01-01", "recordId": "r",
     "recordType": "relationship", "recordDetails": {
         "isComponent": False, "subject": "e", "interestedParty": "p",
         "interests": [{"type": "shareholding", "share": {"exact": 30}}]}},
]


def seed_text(change) -> str:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    return change(data)


def with_pin(value: str):
    def change(data):
        data["layout"]["ownership"] = {"xiaomi": "__PIN__"}
        return json.dumps(data, ensure_ascii=False).replace('"__PIN__"', value)
    return change


def with_share(value: str):
    def change(data):
        data["relationships"][0]["share"] = "__SHARE__"
        return json.dumps(data, ensure_ascii=False).replace('"__SHARE__"', value)
    return change


PROJECTS = {
    "version of 5,000 digits": lambda data: json.dumps(data).replace('"version": 1',
                                                                     '"version": ' + "9" * 5000, 1),
    "pin of NaN": with_pin("[NaN, 3]"),
    "pin of Infinity": with_pin("[Infinity, 3]"),
    "pin past float range": with_pin("[1e400, 3]"),
    "share past float range": with_share('{"min": 1e400, "max": 1e400}'),
}


@pytest.mark.parametrize("case", sorted(PROJECTS))
def test_project_numbers_past_meaning_are_refused_clearly(tmp_path, capsys, case):
    path = tmp_path / "p.stakemap.json"
    path.write_text(seed_text(PROJECTS[case]), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"stakemap: {path}") and len(err.strip().splitlines()) == 1


def bods_with(change) -> str:
    statements = copy.deepcopy(BODS_PACKAGE)
    change(statements)
    return json.dumps(statements)


BODS = {
    "recordId a list": lambda s: s[0].__setitem__("recordId", ["e"]),
    "recordType a list": lambda s: s[0].__setitem__("recordType", ["entity"]),
    "annotations a number": lambda s: s[0].__setitem__("annotations", 5),
    "recordDetails text": lambda s: s[1].__setitem__("recordDetails", "oops"),
    "interests a number": lambda s: s[2]["recordDetails"].__setitem__("interests", 7),
}


@pytest.mark.parametrize("case", sorted(BODS))
def test_bods_values_of_the_wrong_type_never_raise(tmp_path, capsys, case):
    path = tmp_path / "x.bods.json"
    path.write_text(bods_with(BODS[case]), encoding="utf-8")
    assert main(["check", str(path)]) in (0, 1, 2)  # read with warnings, or refused; never a traceback
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("share", ["1e400", "9" * 400])
def test_bods_shares_past_meaning_are_refused_clearly(tmp_path, capsys, share):
    path = tmp_path / "x.bods.json"
    path.write_text(bods_with(lambda s: None).replace('{"exact": 30}', '{"exact": ' + share + "}"),
                    encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert "stakemap:" in capsys.readouterr().err


def test_control_characters_in_names_give_valid_svg_and_graphml(tmp_path):
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["entities"][0]["name"] = "Ctl\u0001\u000bName <b>&"
    path = tmp_path / "c.stakemap.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for out in ("c.svg", "c.graphml"):
        assert main(["export", str(path), "-o", str(tmp_path / out)]) == 0
        root = ET.parse(tmp_path / out).getroot()  # an XML reader opens it
        text = " ".join(root.itertext()) + " ".join(v for e in root.iter() for v in e.attrib.values())
        assert "Ctl\ufffd\ufffdName <b>&" in text  # the rest of the name as written


@pytest.mark.parametrize("offset", [300_000_000, 2_000_000_000, 10**20])
def test_a_bods_citation_far_past_any_article_is_ignored_quickly(tmp_path, capsys, offset):
    # The rebuilt source text is as long as the largest offset: one of 3e8 once took 3 GB.
    exported = tmp_path / "seed.bods.json"
    assert main(["export", str(SEED), "-o", str(exported)]) == 0
    statements = json.loads(exported.read_text(encoding="utf-8"))
    cited = next(a["stakemap"]["citation"] for s in statements for a in s.get("annotations", [])
                 if "citation" in a.get("stakemap", {}))
    quote = cited["quote"]
    cited["start"], cited["end"] = offset, offset + len(quote)
    hostile = tmp_path / "hostile.bods.json"
    hostile.write_text(json.dumps(statements), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(hostile)]) == 0
    err = capsys.readouterr().err
    assert "stakemap.citation: not a citation Stakemap wrote" in err and "16,777,216" in err
    assert "1 warning reading the file" in err


def test_quotes_come_back_at_their_offsets_from_bods(tmp_path):
    from model.formats import importers

    exported = tmp_path / "seed.bods.json"
    assert main(["export", str(SEED), "-o", str(exported)]) == 0
    doc, warnings = importers.load_any(str(exported))
    assert not warnings
    texts = {source.id: source.text for source in doc.sources()}
    cited = [c for item in doc.entities() + doc.relationships() for c in item.citations]
    assert len(cited) >= 10
    assert all(texts[c.source_id][c.start:c.end] == c.quote for c in cited)
