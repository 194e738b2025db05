"""The register store on the command line: stakemap index, neighbourhood, and lookthrough on a store."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from gui import cli_register
from gui.cli import main
from model.formats import importers
from model.register import indexing

VALIDATOR = Path("data") / "bods" / "v0.4" / "bods-validator"


def entity(record: str, name: str, number: str = "", date: str = "2020-01-01") -> dict:
    details = {"entityType": {"type": "registeredEntity"}, "name": name}
    if number:
        details["identifiers"] = [{"scheme": "GB-COH", "id": number}]
    return {"statementId": f"s-{record}", "recordId": record, "recordType": "entity",
            "statementDate": date, "recordDetails": details,
            "source": {"type": ["officialRegister"], "description": "Test register"}}


def person(record: str, name: str) -> dict:
    return {"statementId": f"s-{record}", "recordId": record, "recordType": "person",
            "statementDate": "2020-01-01",
            "recordDetails": {"personType": "knownPerson", "names": [{"fullName": name}]}}


def stake(record: str, held: str, holder: str, low: float, high: float, date: str = "2020-01-01",
          closed: bool = False) -> dict:
    interest = {"type": "shareholding", "share": {"minimum": low, "maximum": high}, "startDate": "2020-01-01"}
    if closed:
        interest["endDate"] = date
    statement = {"statementId": f"s-{record}" + ("-closed" if closed else ""), "recordId": record,
                 "recordType": "relationship", "statementDate": date,
                 "recordDetails": {"subject": held, "interestedParty": holder, "interests": [interest]}}
    if closed:
        statement["recordStatus"] = "closed"
    return statement


# Pat owns Acme Holdings (50-75%), which owns Acme Trading (75-100%) and Beta Bank (25-50%); Lee owned
# 25-50% of Beta Bank until 2023-06-30; Acme Trading owns three small subsidiaries.
STATEMENTS = [
    person("pat", "Pat Lee"), person("lee", "Lee Chan"),
    entity("holdings", "Acme Holdings Ltd", "00000001"), entity("trading", "Acme Trading Ltd", "00000002"),
    entity("bank", "Beta Bank plc", "00000003"),
    *(entity(f"sub{n}", f"Subsidiary {n} Ltd") for n in range(3)),
    stake("r-pat", "holdings", "pat", 50, 75), stake("r-trading", "trading", "holdings", 75, 100),
    stake("r-bank", "bank", "holdings", 25, 50), stake("r-lee", "bank", "lee", 25, 50),
    stake("r-lee", "bank", "lee", 25, 50, date="2023-06-30", closed=True),
    *(stake(f"r-sub{n}", f"sub{n}", "trading", 75, 100) for n in range(3)),
]


@pytest.fixture
def dump(tmp_path) -> Path:
    path = tmp_path / "register.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in STATEMENTS), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path, dump, capsys) -> Path:
    path = tmp_path / "register.sqlite"
    assert main(["index", str(dump), "-o", str(path)]) == 0
    capsys.readouterr()
    return path


def test_indexing_twice_changes_nothing(tmp_path, dump, capsys):
    path = tmp_path / "register.sqlite"
    assert main(["index", str(dump), "-o", str(path)]) == 0
    first = capsys.readouterr().err
    assert f"indexed {len(STATEMENTS)} new statements" in first
    assert "1 superseded" in first and "0 bad" in first
    assert main(["index", str(dump), "-o", str(path)]) == 0
    again = capsys.readouterr().err
    assert "indexed 0 new statements" in again and f"{len(STATEMENTS)} already in the store" in again
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM statements").fetchone()[0] == len(STATEMENTS)


def test_a_bad_line_is_listed_and_the_rest_indexed(tmp_path, dump, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(dump.read_text() + "{not json\n" + json.dumps({"recordType": "entity"}) + "\n")
    assert main(["index", str(bad), "-o", str(tmp_path / "r.sqlite")]) == 0
    err = capsys.readouterr().err
    assert f"indexed {len(STATEMENTS)} new statements" in err and "2 bad" in err
    assert f"  {bad}: line {len(STATEMENTS) + 1}: not valid JSON" in err
    assert f"  {bad}: line {len(STATEMENTS) + 2}: " in err


def test_only_bad_statements_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1]\nnonsense\n")
    assert main(["index", str(bad), "-o", str(tmp_path / "r.sqlite")]) == 1
    assert "no statement could be read" in capsys.readouterr().err


@pytest.mark.parametrize("make, reason", [
    (lambda tmp: tmp / "absent.jsonl", "no such file; nothing was indexed"),
    (lambda tmp: tmp, "not a readable file"),
])
def test_index_unreadable_dump_exits_2(tmp_path, capsys, make, reason):
    assert main(["index", str(make(tmp_path)), "-o", str(tmp_path / "r.sqlite")]) == 2
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err
    assert not (tmp_path / "r.sqlite").exists()


def test_index_refuses_to_write_into_a_file_that_is_no_store(tmp_path, dump, capsys):
    other = tmp_path / "notes.txt"
    other.write_text("my notes")
    assert main(["index", str(dump), "-o", str(other)]) == 2
    assert "not a register store" in capsys.readouterr().err
    assert other.read_text() == "my notes"


def test_ctrl_c_keeps_what_was_indexed(tmp_path, monkeypatch, capsys):
    many = tmp_path / "many.jsonl"
    many.write_text("".join(json.dumps(entity(f"e{n}", f"Company {n}")) + "\n" for n in range(4001)))
    monkeypatch.setattr(indexing, "BATCH", 500)
    monkeypatch.setattr(indexing, "COMMIT_EVERY", 500)

    def interrupt(self, progress):
        raise KeyboardInterrupt

    path = tmp_path / "r.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr(cli_register.ProgressLine, "__call__", interrupt)
        assert main(["index", str(many), "-o", str(path)]) == 130
    err = capsys.readouterr().err
    assert "interrupted: 2,000 new statements are in" in err and "consistent" in err
    assert main(["index", str(many), "-o", str(path)]) == 0
    assert "indexed 2,001 new statements" in capsys.readouterr().err


@pytest.fixture
def thousand_bytes(tmp_path) -> str:
    path = tmp_path / "big.jsonl"
    path.write_bytes(b" " * 1000)
    return str(path)


def test_progress_is_a_plain_line_when_not_on_a_terminal(thousand_bytes, monkeypatch):
    monkeypatch.setattr(cli_register, "PLAIN_EVERY", 0.0)
    out = io.StringIO()
    show = cli_register.ProgressLine([thousand_bytes], out)
    show(indexing.Progress(thousand_bytes, 250, 1000, 2000, 0.5))
    assert out.getvalue() == "stakemap: indexing: 2,000 statements, 4,000/s, 25%, 2 s left\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal(thousand_bytes):
    out = _Terminal()
    show = cli_register.ProgressLine([thousand_bytes], out)
    show(indexing.Progress(thousand_bytes, 500, 1000, 10_000, 2.0))
    show.end()
    bar = "\r[" + "#" * 15 + "." * 15 + "]"
    assert out.getvalue().startswith(f"{bar} 10,000 statements, 5,000/s, 50%, 2 s left")
    assert out.getvalue().endswith("\n")


def test_neighbourhood_writes_a_project_whose_facts_cite_statements(store, tmp_path, capsys):
    out = tmp_path / "piece.stakemap.json"
    assert main(["neighbourhood", str(store), "Acme Holdings", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "wrote" in err and "7 entities, 6 relationships around Acme Holdings Ltd (holdings)" in err
    doc, _ = importers.load_any(str(out))
    assert {e.name for e in doc.entities()} >= {"Pat Lee", "Acme Trading Ltd", "Beta Bank plc",
                                                "Subsidiary 0 Ltd"}
    assert [s.title for s in doc.sources() if s.title.startswith("Register store")] == [
        f"Register store {store}"]
    cited = {c.quote for c in doc.item("r-pat").citations}
    assert any(q.startswith("statement s-r-pat (relationship r-pat, 2020-01-01;") for q in cited)


def test_neighbourhood_notes_what_it_leaves_out(store, tmp_path, capsys):
    out = tmp_path / "piece.stakemap.json"
    assert main(["neighbourhood", str(store), "Acme Holdings", "--hops", "1", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "4 entities, 3 relationships" in err
    assert "note: 1 entities shown have 3 more relationships not shown" in err  # Acme Trading's


def test_neighbourhood_up_only_and_by_company_number(store, tmp_path, capsys):
    out = tmp_path / "piece.stakemap.json"
    assert main(["neighbourhood", str(store), "00000002", "--up", "--hops", "5", "-o", str(out)]) == 0
    doc, _ = importers.load_any(str(out))
    assert sorted(e.name for e in doc.entities()) == ["Acme Holdings Ltd", "Acme Trading Ltd", "Pat Lee"]


def test_neighbourhood_as_a_picture(store, tmp_path, capsys):
    out = tmp_path / "piece.svg"
    assert main(["neighbourhood", str(store), "bank", "--cap", "3", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg and "Beta Bank plc" in svg
    assert "were left out" in capsys.readouterr().err


def test_a_name_with_several_matches_lists_them(store, tmp_path, capsys):
    assert main(["neighbourhood", str(store), "Acme", "-o", str(tmp_path / "p.svg")]) == 2
    err = capsys.readouterr().err
    assert "'Acme' matches several entities" in err
    assert "holdings  Acme Holdings Ltd (company)" in err and "trading  Acme Trading Ltd (company)" in err
    assert not (tmp_path / "p.svg").exists()


def test_neighbourhood_unknown_format(store, tmp_path, capsys):
    assert main(["neighbourhood", str(store), "bank", "-o", str(tmp_path / "p.docx")]) == 2
    assert "cannot write '.docx'" in capsys.readouterr().err


@pytest.mark.parametrize("subject, as_of", [("Beta Bank plc", None), ("Beta Bank plc", "2022-01-01"),
                                            ("Subsidiary 1 Ltd", None)])
def test_lookthrough_on_a_store_answers_as_the_file_does(store, dump, capsys, subject, as_of):
    when = ["--as-of", as_of] if as_of else []
    assert main(["lookthrough", str(dump), "--subject", subject, *when]) == 0
    from_file = capsys.readouterr().out
    assert main(["lookthrough", str(store), "--subject", subject, *when]) == 0
    from_store = capsys.readouterr().out
    assert from_store == from_file
    assert ("Lee Chan" in from_store) == (as_of is not None)  # sold in 2023


def test_lookthrough_json_on_a_store(store, dump, capsys):
    assert main(["lookthrough", str(dump), "--subject", "Subsidiary 2 Ltd", "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert main(["lookthrough", str(store), "--subject", "Subsidiary 2 Ltd", "--json"]) == 0
    from_store = json.loads(capsys.readouterr().out)

    def owners(answer):
        return [(o["owner"], o["effective"], o["verdict"], o["ultimate"]) for o in answer[0]["owners"]]

    assert owners(from_store) == owners(from_file) == [
        ("Acme Trading Ltd", "75-100%", "certainly above", False),
        ("Acme Holdings Ltd", "56.25-100%", "certainly above", False),
        ("Pat Lee", "28.12-75%", "certainly above", True)]
    cited = from_store[0]["relationships"]["r-pat"]["citations"]
    assert any("statement s-r-pat" in json.dumps(c) for c in cited)


def test_lookthrough_on_a_store_needs_a_subject(store, capsys):
    assert main(["lookthrough", str(store)]) == 2
    assert "name one with --subject NAME" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["lookthrough", "{store}", "--subject", "bank"],
                                     ["neighbourhood", "{store}", "bank", "-o", "{tmp}/p.svg"]])
def test_a_missing_store_or_a_file_that_is_none(tmp_path, capsys, command):
    def run(store: Path) -> str:
        args = [part.format(store=store, tmp=tmp_path) for part in command]
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        return err

    assert "no such register store" in run(tmp_path / "absent.sqlite")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_text("not a database")
    assert "not a register store" in run(garbage)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE photos (name TEXT)")
    assert "a SQLite database, but not a register store" in run(other)
    with sqlite3.connect(other) as connection:  # looked at, never written to
        assert [r[0] for r in connection.execute("SELECT name FROM sqlite_master")] == ["photos"]


def test_the_real_register_samples(shared_dir, tmp_path, capsys):
    samples = sorted((shared_dir / VALIDATOR).glob("*.json"))
    if not samples:
        pytest.skip(f"no register samples in {shared_dir / VALIDATOR}")
    store = tmp_path / "samples.sqlite"
    assert main(["index", *map(str, samples), "-o", str(store)]) == 0
    assert "0 bad" in capsys.readouterr().err
    norway = shared_dir / VALIDATOR / "norway-brreg-bods-0.4.json"
    assert main(["lookthrough", str(norway), "--subject", "FERD AS"]) == 0
    from_file = capsys.readouterr().out
    assert main(["lookthrough", str(store), "--subject", "FERD AS"]) == 0
    assert capsys.readouterr().out == from_file
    assert "JOHAN HENRIK ANDRESEN" in from_file
    out = tmp_path / "uk.stakemap.json"
    assert main(["neighbourhood", str(store), "12345678", "-o", str(out)]) == 0
    doc, _ = importers.load_any(str(out))
    assert "Mrs Sarah Elizabeth Turner" in {e.name for e in doc.entities()}
