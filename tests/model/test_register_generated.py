"""The made-up register the benchmark measures on (tests/register_gen.py): valid BODS, a register's shape.

The official validator accepts a small one; a larger one, read back, has what a national register
has (owners per company, deep chains, big groups, people on many boards, circles, updates and
closures, the UK's share bands, company numbers and LEIs); indexed on both engines, its chains,
groups and circles walk as they were drawn.
"""

from __future__ import annotations

import collections
import gzip
import io
import json

import pytest

from model.register.indexing import index_files
from model.register.queries import neighbourhood
from tests.register_gen import BANDS, write_register


def statements(count: int, seed: int = 1) -> list[dict]:
    text = io.StringIO()
    write_register(text, count, seed)
    return [json.loads(line) for line in text.getvalue().splitlines()]


@pytest.fixture(scope="module")
def drawn() -> list[dict]:
    return statements(20_000, seed=7)


def test_the_same_seed_draws_the_same_register(tmp_path):
    first, again, other = (tmp_path / "a.jsonl.gz"), (tmp_path / "b.jsonl.gz"), (tmp_path / "c.jsonl")
    write_register(str(first), 2000, seed=3)
    write_register(str(again), 2000, seed=3)
    write_register(str(other), 2000, seed=4)
    lines = gzip.decompress(first.read_bytes()).decode().splitlines()
    assert lines == gzip.decompress(again.read_bytes()).decode().splitlines()
    assert len(lines) == 2000 and lines != other.read_text().splitlines()


def test_the_official_validator_accepts_a_generated_register(validator, tmp_path):
    path = tmp_path / "register.jsonl"
    write_register(str(path), 2500, seed=11)
    result = validator.validate(str(path))
    assert result["schema_version_used"] == "0.4"
    assert result["schema_errors"] == [] and result["additional_check_errors"] == []


def test_a_generated_register_has_a_registers_shape(drawn):
    owners = collections.Counter()
    appointments = collections.Counter()
    subsidiaries = collections.Counter()
    bands, statuses, schemes = set(), collections.Counter(), collections.Counter()
    for statement in drawn:
        details = statement["recordDetails"]
        statuses[statement["recordStatus"]] += 1
        if statement["recordType"] == "entity":
            schemes.update(identifier["scheme"] for identifier in details["identifiers"])
        if statement["recordType"] != "relationship" or statement["recordStatus"] != "new":
            continue
        kinds = {interest["type"] for interest in details["interests"]}
        if kinds & {"boardMember", "seniorManagingOfficial"}:
            appointments[details["interestedParty"]] += 1
            continue
        owners[details["subject"]] += 1
        if isinstance(details["interestedParty"], str):
            subsidiaries[details["interestedParty"]] += 1
        bands.update(json.dumps(i["share"], sort_keys=True) for i in details["interests"] if "share" in i)
    per_company = collections.Counter(owners.values())
    assert sum(per_company[n] for n in (1, 2, 3)) / sum(per_company.values()) > 0.95
    assert per_company[1] > per_company[2] > per_company[3] > 0
    assert max(subsidiaries.values()) > 200  # a group
    assert max(appointments.values()) > 20  # someone on many boards
    assert {json.dumps(band, sort_keys=True) for band in BANDS} <= bands
    assert any('"exact"' in band for band in bands)
    assert statuses["updated"] > 100 and statuses["closed"] > 50
    assert schemes["GB-COH"] == sum(1 for s in drawn if s["recordType"] == "entity")
    assert schemes["XI-LEI"] > 20


def test_every_record_refers_only_to_records_before_it(drawn):
    seen = set()
    for statement in drawn:
        details = statement["recordDetails"]
        if statement["recordType"] == "relationship":
            assert details["subject"] in seen
            assert not isinstance(details["interestedParty"], str) or details["interestedParty"] in seen
        seen.add(statement["recordId"])


def test_chains_groups_and_circles_walk_as_drawn(store, tmp_path):
    dump = tmp_path / "register.jsonl"
    summary = write_register(str(dump), 3000, seed=2)
    report = index_files(store, [str(dump)])
    assert (report.indexed, report.bad) == (3000, 0)
    bottom = summary.chain_ends[0]
    chain = neighbourhood(store, bottom, hops=12, direction="up")
    assert max(chain.hops.values()) == 10  # a person ten hops above the bottom company
    [(hub, count)] = list(summary.hubs.items())[:1]
    group = neighbourhood(store, hub, hops=1, direction="down")
    assert len(group.hops) >= count + 1
    circle = summary.cycles[0]
    piece = neighbourhood(store, circle[0], hops=20, direction="down")
    assert set(circle) <= set(piece.hops)
