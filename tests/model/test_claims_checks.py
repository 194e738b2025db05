"""Disagreements between sources as the checks and the canvas label show them."""

from __future__ import annotations

import subprocess
import sys

from model import checks, claims
from model.formats import projectfile
from model.merge import merge_entities
from tests.conftest import ROOT
from tests.model.test_claims import _two_sources


def _disagreements(doc) -> list[checks.Problem]:
    return [p for p in checks.check(doc) if "disagree" in p.what]


def test_each_unresolved_disagreement_is_a_warning_on_its_line():
    doc = _two_sources()
    assert _disagreements(doc) == []
    merge_entities(doc, "x", "xc")
    (rel,) = doc.relationships()
    found = {p.what: p for p in _disagreements(doc)}
    share = found["sources disagree on the share: 29.5% (A story), 30% (A filing)"]
    assert share.severity == checks.WARNING and share.item_id == rel.id
    assert share.where == "ownership Xiaomi -> XW Bank"
    assert "sources disagree on the status: current (A story), former (A filing)" in found


def test_a_chosen_claim_no_longer_warns():
    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    (rel,) = doc.relationships()
    doc.update_relationship(claims.choose(rel, "share", "29.5", doc.ranks()))
    assert [p.what.split(":")[0] for p in _disagreements(doc)] == ["sources disagree on the status"]


def test_a_disputed_share_is_marked_on_the_label_until_chosen():
    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    (rel,) = doc.relationships()
    assert rel.label == "30% \u2260 29.5%"  # the drawn value first
    chosen = claims.choose(rel, "share", "29.5", doc.ranks())
    assert chosen.label == "29.5% \u2260"  # the share is settled; the status is still in dispute
    settled = claims.choose(chosen, "status", "current", doc.ranks())
    assert settled.label == "29.5%"


def test_stakemap_check_lists_the_disagreements(tmp_path):
    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    path = tmp_path / "two.stakemap.json"
    projectfile.save(doc, str(path))
    run = subprocess.run([sys.executable, "-m", "gui.cli", "check", str(path)], capture_output=True,
                         text=True, cwd=ROOT, check=False)
    lines = [line for line in run.stdout.splitlines() if "disagree" in line]
    assert len(lines) == 2 and all(line.startswith("warning:") for line in lines), run.stdout
