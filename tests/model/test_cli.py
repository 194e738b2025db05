"""The stakemap command: check's exit codes and output, export by extension, clear errors."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from gui.cli import main
from tests.conftest import ROOT, SEED


def test_check_seed_is_clean(capsys):
    assert main(["check", str(SEED)]) == 0
    assert "0 errors" in capsys.readouterr().err


def test_check_reports_errors_with_exit_1(tmp_path, capsys):
    path = tmp_path / "bad.stakemap.json"
    path.write_text(json.dumps({"format": "stakemap", "version": 1, "entities": [
        {"id": "a", "name": "Acme", "kind": "company"}, {"id": "p", "name": "Pat", "kind": "person"}],
        "relationships": [{"id": "r", "kind": "reporting", "subject": "a", "object": "p", "note": "x"}]}))
    assert main(["check", str(path)]) == 1
    assert "error: a reporting cannot run from a company to a person: reporting Acme -> Pat" in (
        capsys.readouterr().out)


@pytest.mark.parametrize("content", ['{"format": "stakemap", "version": 1, "entities": [',
                                     '{"format": "stakemap", "version": 1, "relationships": [{"id": 3}]}'])
def test_check_unreadable_file_exits_2_without_traceback(tmp_path, capsys, content):
    path = tmp_path / "broken.json"
    path.write_text(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"stakemap: {path}: ") and "Traceback" not in err


def test_export_fact_sheet_csv(tmp_path):
    out = tmp_path / "facts.csv"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        assert next(reader) == ["subject", "relation", "object", "share", "role", "status", "start", "end",
                                "quote", "source"]
        rows = list(reader)
    assert ["Xiaomi", "ownership", "Sichuan Xinwang Bank", "29.5"] == rows[0][:4]
    assert any(r[1] == "founded" and r[2] == "2016" and r[8] == "Founded in 2016" for r in rows)


INJECTED = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\tTabbed", "Carriage\rreturn", "Line\nfeed"]


def test_fact_sheet_names_that_look_like_formulas_come_out_inert(tmp_path):
    from model.formats import projectfile
    from model.types import Entity, Relationship, Share

    doc = projectfile.load(SEED)
    for i, name in enumerate(INJECTED):
        doc.add_entity(Entity(f"evil-{i}", name))
        doc.add_relationship(Relationship(f"evil-own-{i}", "ownership", "xiaomi", f"evil-{i}",
                                          Share.exact(5)))
    project, out = tmp_path / "p.stakemap.json", tmp_path / "facts.csv"
    projectfile.save(doc, project)
    assert main(["export", str(project), "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    objects = [row[2] for row in rows if row[0] == "Xiaomi" and row[2].lstrip("'") in INJECTED]
    inert = [name if name[0].isalpha() else "'" + name for name in INJECTED]
    assert sorted(objects) == sorted(inert)  # a leading ' on formulas, every name otherwise as written
    assert all(len(row) == 10 for row in rows)
    assert ["Xiaomi", "ownership", "Sichuan Xinwang Bank", "29.5"] == rows[0][:4]  # plain text untouched


def test_export_graphml_reads_back_in_networkx(tmp_path):
    out = tmp_path / "seed.graphml"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    graph = nx.read_graphml(out)
    assert graph.nodes["xiaomi"] == {"name": "Xiaomi", "kind": "company"}
    stake = next(d for a, b, d in graph.edges(data=True) if (a, b) == ("xiaomi", "xinwang"))
    assert (stake["kind"], stake["share_min"], stake["share_max"], stake["status"]) == (
        "ownership", 29.5, 29.5, "current")


def test_export_unknown_extension_is_a_clear_error(tmp_path, capsys):
    assert main(["export", str(SEED), "-o", str(tmp_path / "x.docx")]) == 2
    assert "cannot export to '.docx'" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_installed_entry_point_runs(seed_doc, tmp_path):
    script = Path(sys.executable).with_name("stakemap")  # the console script pip installed beside python
    if not script.is_file():
        pytest.skip(f"no installed stakemap script beside {sys.executable} (pip install -e . first)")
    result = subprocess.run([str(script), "check", str(SEED)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    summary = f"{len(seed_doc.entities())} entities, {len(seed_doc.relationships())} relationships: 0 errors"
    assert summary in result.stderr
    assert "analyst-asserted" in result.stdout  # the problems list, on stdout
    missing = subprocess.run([str(script), "check", str(tmp_path / "missing.json")], cwd=tmp_path,
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2  # the exit code reaches the shell
    assert missing.stderr.startswith(f"stakemap: {tmp_path / 'missing.json'}: ")


def test_without_a_display_the_editor_says_how_to_go_on_in_one_line():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "gui.cli"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "Xvfb" in lines[0]
    assert "Traceback" not in result.stderr and "xcb" not in result.stderr
