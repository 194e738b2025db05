"""Indexing register dumps, on SQLite and PostgreSQL alike: again and again, later statements, bad ones.

Each test runs once per engine (the ``store`` fixture). What is checked is what a user of the
store would see: what search finds, who a neighbourhood holds, what the indexing report says.
"""

from __future__ import annotations

import gzip
import json

import pytest

from model.register.engine import connect
from model.register.indexing import index_files
from model.register.queries import neighbourhood, search
from tests.register_gen import BANDS, entity, person, relationship, write_register

UK = ("GB-COH", "01234567")


def write_lines(path, statements) -> str:
    path.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements), encoding="utf-8")
    return str(path)


def small_register() -> list[dict]:
    """Acme, owned by Jane (75-100%) and by Holdco (25-50%), which Bob owns."""
    return [entity("acme", "Acme Widgets Ltd", identifiers=(UK,)), person("jane", "Jane Smith"),
            entity("holdco", "Holdco Ltd"), person("bob", "Bob Jones"),
            relationship("r-jane", "acme", "jane", BANDS[2]),
            relationship("r-holdco", "acme", "holdco", BANDS[0]),
            relationship("r-bob", "holdco", "bob", {"exact": 100})]


def owners(store, record_id, **options) -> set[str]:
    return set(neighbourhood(store, record_id, hops=1, direction="up", **options).hops) - {record_id}


def table_counts(store) -> dict[str, int]:
    return {table: store.scalar(f"SELECT COUNT(*) FROM {table}")
            for table in ("statements", "records", "names", "identifiers", "links")}


# --- again and again -------------------------------------------------------------------------------
def test_indexing_twice_changes_nothing_and_counts_duplicates(store, tmp_path):
    dump = write_lines(tmp_path / "r.jsonl", small_register())
    first = index_files(store, [dump])
    before = table_counts(store)
    again = index_files(store, [dump])
    assert (first.read, first.indexed, first.duplicates, first.bad) == (7, 7, 0, 0)
    assert (again.read, again.indexed, again.duplicates, again.bad) == (7, 0, 7, 0)
    assert table_counts(store) == before
    assert [hit.name for hit in search(store, "acme")] == ["Acme Widgets Ltd"]
    assert owners(store, "acme") == {"jane", "holdco"}


def test_a_second_dump_adds_what_is_new(store, tmp_path):
    first = write_lines(tmp_path / "a.jsonl", small_register())
    second = write_lines(tmp_path / "b.jsonl", [*small_register()[:2], person("ann", "Ann Lee"),
                                                 relationship("r-ann", "acme", "ann", BANDS[0])])
    index_files(store, [first])
    report = index_files(store, [second])
    assert (report.indexed, report.duplicates) == (2, 2)
    assert owners(store, "acme") == {"jane", "holdco", "ann"}


# --- later statements ------------------------------------------------------------------------------
def test_a_later_statement_of_a_record_replaces_the_earlier(store, tmp_path):
    renamed = entity("acme", "Acme Global Plc", day="2023-05-01", status="updated")
    dump = write_lines(tmp_path / "r.jsonl", [renamed, *small_register()])  # the later one comes first
    report = index_files(store, [dump])
    assert report.indexed == 8 and report.superseded == 1
    assert [hit.name for hit in search(store, "acme")] == ["Acme Global Plc"]
    assert search(store, "widgets") == []


def test_a_later_statement_in_a_later_run_replaces_the_earlier(store, tmp_path):
    index_files(store, [write_lines(tmp_path / "a.jsonl", small_register())])
    moved = relationship("r-holdco", "acme", "holdco", BANDS[1], day="2022-01-01", status="updated")
    report = index_files(store, [write_lines(tmp_path / "b.jsonl", [moved])])
    assert (report.indexed, report.superseded) == (1, 1)
    share = store.rows("SELECT share_low, share_high FROM links WHERE record_id = ?", ("r-holdco",))
    assert share == [(50.0, 75.0)]


def test_bods_0_3_replaces_statements_point_links_at_their_successor(store, tmp_path):
    old = {"statementID": "e-old", "statementType": "entityStatement", "statementDate": "2019-01-01",
           "name": "Old Name Ltd", "entityType": "registeredEntity"}
    new = {"statementID": "e-new", "statementType": "entityStatement", "statementDate": "2021-01-01",
           "name": "New Name Ltd", "entityType": "registeredEntity", "replacesStatements": ["e-old"]}
    owner = {"statementID": "p1", "statementType": "personStatement", "statementDate": "2019-01-01",
             "names": [{"fullName": "Ada Byron"}], "personType": "knownPerson"}
    stake = {"statementID": "o1", "statementType": "ownershipOrControlStatement",
             "statementDate": "2019-01-01", "subject": {"describedByEntityStatement": "e-old"},
             "interestedParty": {"describedByPersonStatement": "p1"},
             "interests": [{"type": "shareholding", "share": {"exact": 60}}]}
    index_files(store, [write_lines(tmp_path / "a.jsonl", [old, owner, stake, new])])
    assert [hit.record_id for hit in search(store, "Name Ltd")] == ["e-new"]
    assert owners(store, "e-new") == {"p1"}


# --- closed records --------------------------------------------------------------------------------
def test_closed_relationships_leave_today_but_show_as_of_before(store, tmp_path):
    closed = relationship("r-holdco", "acme", "holdco", BANDS[0], day="2022-06-30", status="closed",
                          start="2020-01-01", end="2022-06-30")
    index_files(store, [write_lines(tmp_path / "r.jsonl", [*small_register(), closed])])
    assert owners(store, "acme") == {"jane"}
    assert owners(store, "acme", as_of="2021-01-01") == {"jane", "holdco"}
    assert owners(store, "acme", as_of="2023-01-01") == {"jane"}


def test_a_closed_company_is_found_and_marked_closed(store, tmp_path):
    dissolved = entity("holdco", "Holdco Ltd", day="2022-06-30", status="closed",
                       dissolutionDate="2022-06-30")
    index_files(store, [write_lines(tmp_path / "r.jsonl", [*small_register(), dissolved])])
    assert [(hit.name, hit.closed) for hit in search(store, "holdco")] == [("Holdco Ltd", True)]


# --- bad statements --------------------------------------------------------------------------------
def test_bad_statements_are_counted_and_listed_and_the_rest_indexed(store, tmp_path):
    good = small_register()
    over = relationship("r-over", "acme", "bob", {"exact": 150})
    no_ids = {k: v for k, v in entity("x", "Nameless Ltd").items() if k not in ("recordId", "statementId")}
    lines = [json.dumps(s) for s in good[:3]] + ['{"statementId": "broken", ', "[1, 2]", json.dumps(over),
                                                 json.dumps(no_ids)] + [json.dumps(s) for s in good[3:]]
    dump = tmp_path / "bad.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = index_files(store, [str(dump)])
    assert (report.read, report.indexed, report.bad) == (11, 7, 4)
    places = {problem.place: problem.reason for problem in report.problems}
    assert set(places) == {"line 4", "line 5", "line 6", "line 7"}
    assert "not valid JSON" in places["line 4"]
    assert "not list" in places["line 5"]
    assert "150" in places["line 6"]
    assert "recordId" in places["line 7"]
    assert all(str(dump) in str(problem) for problem in report.problems)
    assert store.scalar("SELECT COUNT(*) FROM problems") == 4
    assert owners(store, "acme") == {"jane", "holdco"}


def test_a_missing_file_is_a_problem_not_a_crash(store, tmp_path):
    report = index_files(store, [str(tmp_path / "absent.jsonl"), write_lines(tmp_path / "r.jsonl",
                                                                             small_register())])
    assert report.bad == 1 and "cannot be read" in report.problems[0].reason
    assert report.indexed == 7


# --- formats ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("form", ["jsonl.gz", "json", "json.gz"])
def test_gzip_and_json_array_dumps_index_alike(store, tmp_path, form):
    text = json.dumps(small_register()) if form.startswith("json.") or form == "json" else \
        "".join(json.dumps(s) + "\n" for s in small_register())
    path = tmp_path / f"r.{form}"
    path.write_bytes(gzip.compress(text.encode()) if form.endswith(".gz") else text.encode())
    report = index_files(store, [str(path)])
    assert (report.indexed, report.bad) == (7, 0)
    assert owners(store, "acme") == {"jane", "holdco"}
    place = store.scalar("SELECT place FROM statements WHERE record_id = ?", ("jane",))
    assert place == ("$[1]" if ".json" in f".{form}" and "jsonl" not in form else "line 2")


def test_followthemoney_lines_index_companies_people_and_ownership(store, tmp_path):
    items = [{"id": "ftm-co", "schema": "Company",
              "properties": {"name": ["Nordic Shipping AS"], "registrationNumber": ["991234567"]}},
             {"id": "ftm-pe", "schema": "Person", "properties": {"name": ["Kari Nordmann"]}},
             {"id": "ftm-own", "schema": "Ownership",
              "properties": {"owner": ["ftm-pe"], "asset": ["ftm-co"], "percentage": ["60"],
                             "startDate": ["2018-03"]}}]
    index_files(store, [write_lines(tmp_path / "ftm.jsonl", items)])
    assert [hit.name for hit in search(store, "nordic ship")] == ["Nordic Shipping AS"]
    assert [hit.record_id for hit in search(store, "991234567")] == ["ftm-co"]
    assert owners(store, "ftm-co") == {"ftm-pe"}
    assert store.rows("SELECT share_low, share_high, start_date FROM links") == [(60.0, 60.0, "2018-03-01")]


def test_progress_is_reported_to_the_end(store, tmp_path):
    dump = str(tmp_path / "gen.jsonl.gz")
    write_register(dump, 5000, seed=4)
    seen = []
    report = index_files(store, [dump], progress=seen.append)
    assert report.read == 5000 and report.bad == 0
    assert len(seen) >= 3 and seen[-1].statements == 5000 and seen[-1].done_bytes == seen[-1].total_bytes
    assert [p.statements for p in seen] == sorted(p.statements for p in seen)


def test_worker_processes_index_exactly_as_one_process(store, tmp_path):
    dump = tmp_path / "gen.jsonl"
    write_register(str(dump), 4500, seed=6)
    lines = dump.read_text(encoding="utf-8").splitlines()
    lines[2500] = lines[2500][:40]  # a broken line in the second chunk
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    alone = connect(str(tmp_path / "alone.sqlite"))
    expected = index_files(alone, [str(dump)], workers=0)
    report = index_files(store, [str(dump)], workers=2)
    assert (report.read, report.indexed, report.bad) == (expected.read, expected.indexed, expected.bad) \
        == (4500, 4499, 1)
    assert report.superseded == expected.superseded > 0
    assert report.problems[0].place == "line 2501"
    for query in ("SELECT record_id, statement_id, name, closed_date FROM records ORDER BY record_id",
                  "SELECT record_id, subject, party, share_low, share_high FROM links ORDER BY record_id"):
        assert store.rows(query) == alone.rows(query)


@pytest.mark.parametrize("workers", [0, 2])
def test_a_truncated_gzip_keeps_what_came_before(store, tmp_path, workers):
    whole = tmp_path / "whole.jsonl.gz"
    write_register(str(whole), 6000, seed=8)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    report = index_files(store, [str(cut)], workers=workers)
    assert 2000 < report.indexed < 6000 and report.bad == 1
    assert report.problems[0].place == f"after statement {report.read}"
    assert "the rest could not be read" in report.problems[0].reason
    assert store.scalar("SELECT COUNT(*) FROM statements") == report.indexed


def test_a_pretty_printed_object_is_one_problem_and_the_end_of_the_file(store, tmp_path):
    dump = tmp_path / "one.json"
    dump.write_text(json.dumps(small_register()[0], indent=2), encoding="utf-8")
    seen = []
    report = index_files(store, [str(dump)], progress=seen.append)
    assert (report.read, report.indexed, report.bad) == (1, 0, 1)
    assert "pretty-printed" in report.problems[0].reason
    assert seen[-1].done_bytes == seen[-1].total_bytes
