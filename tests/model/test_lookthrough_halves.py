"""The look-through JSON written in two processes is the same text as one process writes; a failed
child or an output that cannot take the child's bytes leaves one process to write everything."""

import io
import os

import pytest

from model.lookthrough import halves
from model.lookthrough.stakes import compute
from model.lookthrough.stream import write_json
from tests.bench_big import big_project

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


@pytest.fixture(scope="module")
def project():
    doc = big_project(600, 720, seed=11)
    owned = {r.object for r in doc.relationships("ownership")}
    return doc, [e.id for e in doc.entities() if e.id in owned], compute(doc)


def written(project, tmp_path, processes: int, name: str) -> bytes:
    doc, subjects, result = project
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as out:
        write_json(doc, subjects, out, 10, result=result, processes=processes)
    return path.read_bytes()


@fork_only
def test_two_processes_write_the_same_bytes_as_one(project, tmp_path, monkeypatch):
    monkeypatch.setattr(halves, "MIN_WORK", 10)  # a small file: split it all the same
    monkeypatch.setattr(halves.threading, "active_count", lambda: 1)  # pytest may run threads
    monkeypatch.setattr(halves.os, "cpu_count", lambda: 2)
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(halves.os, "fork", lambda: forks.append(1) or real_fork())
    one = written(project, tmp_path, 1, "one.json")
    two = written(project, tmp_path, 2, "two.json")
    assert forks == [1]
    assert two == one


@fork_only
def test_a_failed_child_leaves_its_half_to_the_parent(project, tmp_path, monkeypatch):
    monkeypatch.setattr(halves, "MIN_WORK", 10)
    monkeypatch.setattr(halves.threading, "active_count", lambda: 1)
    monkeypatch.setattr(halves.os, "cpu_count", lambda: 2)
    real_child = halves._child

    def failing_child(items, out, write, spill):
        real_child(items, out, lambda *_: 1 / 0, spill)  # the child's writing raises: exit code 1

    monkeypatch.setattr(halves, "_child", failing_child)
    assert written(project, tmp_path, 2, "two.json") == written(project, tmp_path, 1, "one.json")


def test_a_text_buffer_is_written_in_one_process(project, monkeypatch):
    monkeypatch.setattr(halves, "MIN_WORK", 10)
    monkeypatch.setattr(halves.os, "fork", lambda: pytest.fail("forked for a StringIO"))
    doc, subjects, result = project
    one, two = io.StringIO(), io.StringIO()
    write_json(doc, subjects, one, result=result)
    write_json(doc, subjects, two, result=result, processes=2)
    assert two.getvalue() == one.getvalue()
