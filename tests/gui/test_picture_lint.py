"""Pictures a reporter can publish, read as a viewer reads them: ../shared/tools/svg_lint.py counts
lines through boxes, overlapping or stray labels, cut words, fonts browsers don't know and tiny text.
Every count must be zero on the seed's three views (command line and File > Export), on the BODS
examples and fixtures, and on KEK's media-ownership register, whose picture must be page-shaped."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gui.cli import main as cli
from gui.export_image import ExportOptions
from tests.conftest import SEED, SHARED

VIEWS = ("ownership", "reporting", "all")
BODS_FOLDERS = ("data-standard/examples", "bods-v04-fixtures", "bods-validator", "opencheck-bods-review")


@pytest.fixture(scope="module")
def svg_lint():
    tool = SHARED / "tools" / "svg_lint.py"
    if not tool.is_file():
        pytest.skip(f"../shared is absent ({tool}); these tests lint pictures with its svg_lint.py")
    spec = importlib.util.spec_from_file_location("svg_lint", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.lint


def clean(result: dict) -> bool:
    return not any(result["counts"].values())


def faults(result: dict) -> dict:
    return {k: v[:5] for k, v in result["faults"].items() if v}


@pytest.mark.parametrize("view", VIEWS)
def test_seed_picture_from_the_command_line_is_clean(svg_lint, tmp_path, view):
    out = tmp_path / f"{view}.svg"
    assert cli(["export", str(SEED), "-o", str(out), "--view", view]) == 0
    result = svg_lint(str(out))
    assert result["entities"] == 20 and result["lines"] >= 7  # it read the picture, not an empty one
    assert clean(result), faults(result)


@pytest.mark.parametrize("view", VIEWS)
def test_seed_picture_from_file_export_is_clean(svg_lint, window, tmp_path, view):
    window.set_view(view)
    out = tmp_path / f"{view}.svg"
    assert window.export_to(str(out), "svg", ExportOptions(notes=True, legend=True, title="Xiaomi"))
    result = svg_lint(str(out))
    assert result["entities"] == 20
    assert clean(result), faults(result)


@pytest.mark.parametrize("view", ("ownership", "reporting"))
def test_other_lines_shown_are_routed_round_boxes_too(svg_lint, tmp_path, view):
    out = tmp_path / "other.svg"
    assert cli(["export", str(SEED), "-o", str(out), "--view", view, "--other-lines"]) == 0
    result = svg_lint(str(out))
    assert result["lines"] == 17
    assert result["counts"]["through_box"] == 0, faults(result)


def _bods_files() -> list[Path]:
    root = SHARED / "data" / "bods" / "v0.4"
    return sorted(p for folder in BODS_FOLDERS for p in (root / folder).rglob("*.json"))


@pytest.mark.parametrize("path", _bods_files() or [None], ids=lambda p: p.name if p else "absent")
def test_bods_pictures_are_clean(svg_lint, tmp_path, path):
    if path is None:
        pytest.skip("../shared/data/bods is absent")
    out = tmp_path / "bods.svg"
    assert cli(["export", str(path), "-o", str(out), "--view", "ownership"]) == 0
    result = svg_lint(str(out))
    assert result["entities"] >= 1
    assert clean(result), faults(result)


def test_kek_ownership_is_clean_and_page_shaped(svg_lint, shared_dir, tmp_path):
    out = tmp_path / "kek.svg"
    kek = shared_dir / "data" / "ftm" / "kek-media-ownership" / "kek.ftm.jsonl"
    assert cli(["export", str(kek), "-o", str(out), "--view", "ownership"]) == 0
    result = svg_lint(str(out))
    assert result["entities"] > 2500 and result["lines"] > 2800
    assert clean(result), faults(result)
    root = ET.parse(out).getroot()
    width, height = float(root.get("width")), float(root.get("height"))
    assert width / height <= 3.0, (width, height)  # it was 91,384 x 4,594 (20:1)
