"""load_any picks the reader; the CLI reads and writes every format; the README's format table is true.

The table in the README says, per format, which parts of a project survive a round trip
(export, then import). Each row's first column names a check below; each cell starts with 'kept' or
'lost'. The test runs the round trip on the seed (plus a share range) and holds every cell to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from gui.cli import main
from model import attribute_claims
from model.claims import combine
from model.document import Document
from model.errors import LoadError
from model.formats import importers
from model.formats.bods import read as bods_import
from model.formats.bods import write as bods_export
from model.formats.ftm import file as ftm
from model.formats.graphml import read as graphml_import
from model.formats.graphml import write as graphml
from model.types import (
    LICENCE,
    OWNERSHIP,
    REPORTING,
    Attribute,
    Citation,
    Entity,
    FuzzyDate,
    Relationship,
    Share,
    Source,
)
from tests.conftest import ROOT, SEED

FORMATS_DOC = ROOT / "README.md"
FORMATS_HEADING = "## What each format keeps"

ROUND_TRIPS: dict[str, Callable[[Document], Document]] = {
    "BODS 0.4": lambda doc: bods_import.loads(bods_export.dumps_json(doc))[0],
    "FollowTheMoney": lambda doc: ftm.loads(ftm.dumps(doc))[0],
    "GraphML": lambda doc: graphml_import.loads(graphml.to_graphml(doc))[0],
}


def _same(before: Document, after: Document, what: Callable, items: str = "relationships") -> bool:
    """Whether ``what(item)`` is the same for every entity or relationship of ``before``."""
    if items == "entities":
        return all(after.has_entity(e.id) and what(after.entity(e.id)) == what(e) for e in before.entities())
    return all(after.has_relationship(r.id) and what(after.relationship(r.id)) == what(r)
               for r in before.relationships(OWNERSHIP) + before.relationships("position"))


def _kept_kind(kind: str) -> Callable[[Document, Document], bool]:
    return lambda before, after: all(after.has_relationship(r.id) for r in before.relationships(kind))


def _quotes(item) -> list[str]:
    return [c.quote for c in item.citations]


CHECKS: dict[str, Callable[[Document, Document], bool]] = {
    "entities": lambda b, a: _same(b, a, lambda e: e.name, "entities"),
    "entity-kinds": lambda b, a: _same(b, a, lambda e: e.kind, "entities"),
    "aliases": lambda b, a: _same(b, a, lambda e: e.aliases, "entities"),
    "entity-attributes": lambda b, a: _same(b, a, lambda e: e.attributes, "entities"),
    "entity-notes": lambda b, a: _same(b, a, lambda e: e.note, "entities"),
    "entity-quotes": lambda b, a: _same(b, a, _quotes, "entities"),
    "ownership": lambda b, a: _same(b, a, lambda r: (r.kind, r.subject, r.object)),
    "shares": lambda b, a: _same(b, a, lambda r: r.share),
    "basis": lambda b, a: _same(b, a, lambda r: r.basis),
    "roles": lambda b, a: _same(b, a, lambda r: r.role),
    "statuses": lambda b, a: _same(b, a, lambda r: r.status),
    "dates": lambda b, a: _same(b, a, lambda r: (r.start and r.start.value, r.end and r.end.value)),
    "date-wording": lambda b, a: _same(b, a, lambda r: (r.start, r.end)),
    "relationship-notes": lambda b, a: _same(b, a, lambda r: r.note),
    "relationship-quotes": lambda b, a: _same(b, a, _quotes),
    "citation-places": lambda b, a: _same(b, a, lambda r: r.citations),
    "source-text": lambda b, a: {s.text for s in b.sources()} <= {s.text for s in a.sources()},
    "reporting": _kept_kind(REPORTING),
    "licences": _kept_kind(LICENCE),
    "pins": lambda b, a: all(b.pins(v) == a.pins(v) for v in ("ownership", "reporting", "all")),
    "claims": lambda b, a: _same(b, a, lambda r: ({(c.field, c.value, len(c.citations)) for c in r.claims},
                                                  r.chosen)),
    "attribute-claims": lambda b, a: _same(b, a, lambda e: ({(c.name, c.attribute.value) for c in e.claims},
                                                            e.chosen), "entities"),
}


def _table() -> list[tuple[str, str, str]]:
    """(check, format, 'kept' or 'lost') for every cell of the README's table of what formats keep."""
    section = FORMATS_DOC.read_text(encoding="utf-8").split(FORMATS_HEADING, 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    cells = []
    for line in lines[2:]:
        row = [cell.strip() for cell in line.strip("|").split("|")]
        check = re.search(r"`([a-z-]+)`", row[0]).group(1)
        for name, cell in zip(header[1:], row[1:], strict=True):
            if name in ROUND_TRIPS:
                cells.append((check, name, cell.split()[0].lower()))
    return cells


@pytest.fixture(scope="module")
def round_trips() -> dict[str, tuple[Document, Document]]:
    from model.formats import projectfile

    before = projectfile.load(SEED)
    before.add_source(Source("filing", "A filing", "Tencent", "2021-05-01", "https://example.org/filing",
                             text="Tencent holds 30% of the bank.", kind="filing"))
    said = (Citation("filing", 0, 17, "Tencent holds 30%"),)
    ranged = Relationship("own-range", OWNERSHIP, "tencent", "xinwang", Share(25, 50),
                          note="a range, as registers give it")
    disputed = combine(ranged, Relationship("x", OWNERSHIP, "tencent", "xinwang", Share(30, 30),
                                            citations=said), before.ranks())
    before.add_relationship(disputed)  # sources that agree (30 lies in 25-50), kept as claims
    filed = Entity("bank", "XW Bank", "bank", citations=(Citation("filing", 23, 27, "bank"),),
                   attributes={"founded": Attribute("2017", FuzzyDate("2017"))})
    bank = attribute_claims.combine(before.entity("xinwang"), filed, before.ranks())
    before.update_entity(attribute_claims.choose(bank, "founded", "2016", before.ranks()))  # the article's
    before.set_pin("all", "xiaomi", (10.0, 20.0))
    return {name: (before, trip(before)) for name, trip in ROUND_TRIPS.items()}


def test_table_covers_every_check_and_format():
    cells = _table()
    assert {check for check, _, _ in cells} == set(CHECKS)
    assert {name for _, name, _ in cells} == set(ROUND_TRIPS)
    assert {word for _, _, word in cells} <= {"kept", "lost"}


@pytest.mark.parametrize("check, format_name, claim", _table())
def test_formats_table_holds(round_trips, check, format_name, claim):
    before, after = round_trips[format_name]
    assert ("kept" if CHECKS[check](before, after) else "lost") == claim


# --- load_any ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name, writer", [
    ("seed.stakemap.json", lambda doc: Path(SEED).read_text(encoding="utf-8")),
    ("seed.bods.json", bods_export.dumps_json), ("seed.bods.jsonl", bods_export.dumps_jsonl),
    ("seed.json", bods_export.dumps_json), ("seed.ftm.jsonl", ftm.dumps),
    ("seed.graphml", graphml.to_graphml), ("seed.xml", graphml.to_graphml),
])
def test_load_any_reads_every_format(seed_doc, tmp_path, name, writer):
    path = tmp_path / name
    path.write_text(writer(seed_doc), encoding="utf-8")
    doc, _ = importers.load_any(path)
    assert {e.name for e in doc.entities()} == {e.name for e in seed_doc.entities()}


def test_load_any_refuses_what_it_cannot_read(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(LoadError, match="not a format Stakemap reads"):
        importers.load_any(path)


# --- the command line --------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".bods.json", ".bods.jsonl", ".ftm.jsonl"])
def test_cli_exports_and_checks_new_formats(tmp_path, capsys, suffix):
    out = tmp_path / f"seed{suffix}"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0  # the seed's own facts come back without errors
    assert "entities" in capsys.readouterr().err


def test_cli_bods_export_names_what_was_left_out(tmp_path, capsys):
    assert main(["export", str(SEED), "-o", str(tmp_path / "x.bods.json")]) == 0
    assert "BODS has no reporting relationships" in capsys.readouterr().err
    assert isinstance(json.loads((tmp_path / "x.bods.json").read_text(encoding="utf-8")), list)


def test_cli_prints_import_warnings(tmp_path, capsys):
    path = tmp_path / "one.json"
    path.write_text('{"recordId": "e", "recordType": "entity", "recordDetails": {"isComponent": false,'
                    ' "entityType": {"type": "registeredEntity"}, "name": "Acme"}}', encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "stakemap: warning: " in capsys.readouterr().err
