"""Saving and exporting lose nothing: the old file survives a failed write, permissions and links
are kept, and temporary files left by killed writes are cleared."""

from __future__ import annotations

import os
import time

import pytest

from gui.cli import main
from model.formats import atomic, projectfile
from tests.conftest import SEED


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "facts.csv"
    target.write_bytes(b"the old facts")

    def full_disk(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(OSError):
        atomic.write_atomically(target, b"the new facts")
    assert target.read_bytes() == b"the old facts"
    assert [p.name for p in tmp_path.iterdir()] == ["facts.csv"]


def test_saving_keeps_the_file_mode_and_the_link(tmp_path):
    real = tmp_path / "real.stakemap.json"
    projectfile.save(projectfile.load(SEED), real)
    os.chmod(real, 0o644)
    link = tmp_path / "link.stakemap.json"
    link.symlink_to(real)
    projectfile.save(projectfile.load(SEED), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert oct(real.stat().st_mode & 0o777) == oct(0o644)


def test_temporary_files_of_killed_saves_are_cleared(tmp_path):
    target = tmp_path / "p.stakemap.json"
    old = [tmp_path / f".p.stakemap.json.{i}abc.tmp" for i in range(3)]
    for leftover in old:
        leftover.write_bytes(b"x" * 1000)
        stale = time.time() - 2 * atomic.STALE_AFTER
        os.utime(leftover, (stale, stale))
    fresh = tmp_path / ".p.stakemap.json.fresh.tmp"  # perhaps another save under way: left alone
    fresh.write_bytes(b"y")
    projectfile.save(projectfile.load(SEED), target)
    assert not any(p.exists() for p in old) and fresh.exists()


def test_an_export_that_fails_keeps_the_file_it_would_replace(tmp_path, capsys):
    out = tmp_path / "x.csv"
    out.write_text("kept", encoding="utf-8")
    bad = tmp_path / "bad.stakemap.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["export", str(bad), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "kept"
