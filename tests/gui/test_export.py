"""Pictures for real: PNG size and pixels, SVG structure and escaping, PDF pages; the CLI headless."""

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QImage

from gui.export_image import ExportOptions, render_pdf, render_png
from gui.export_svg import render_svg
from gui.scene import DiagramScene
from model.document import Document
from model.layout.arrange import arrange
from model.types import Entity, Relationship, Share
from tests.conftest import ROOT, SEED

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def scene(qapp, seed_doc):
    seed_doc.set_arrangement("ownership", arrange(seed_doc, "ownership"))
    return DiagramScene(seed_doc)


def _image(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def _ink(image: QImage, step: int = 7) -> int:
    """How many sampled pixels are neither white nor transparent."""
    count = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colour = image.pixelColor(x, y)
            if colour.alpha() > 0 and (colour.red(), colour.green(), colour.blue()) != (255, 255, 255):
                count += 1
    return count


def test_png_size_follows_the_scale_and_is_not_blank(scene):
    one, three = _image(render_png(scene)), _image(render_png(scene, ExportOptions(scale=3)))
    assert abs(three.width() - 3 * one.width()) <= 3 and abs(three.height() - 3 * one.height()) <= 3
    assert _ink(one) > 200
    assert round(three.dotsPerMeterX() * 0.0254) == 288  # the file says 288 dpi


def test_png_transparent_background_and_selection_only(scene):
    image = _image(render_png(scene, ExportOptions(transparent=True)))
    assert image.pixelColor(2, 2).alpha() == 0
    whole = _image(render_png(scene))
    scene.select_ids(["xiaomi", "xinwang"])
    part = _image(render_png(scene, ExportOptions(selection_only=True)))
    assert part.width() * part.height() < whole.width() * whole.height() / 4
    assert scene.selected_ids() == ["xiaomi", "xinwang"]  # the export gave the selection back


def test_svg_holds_names_as_text_and_a_title_per_element(scene):
    root = ET.fromstring(render_svg(scene, ExportOptions(legend=True, notes=True, title="Xiaomi")))
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") in ("entity", "relationship")]
    shown = [i for i in [*scene.entity_items.values(), *scene.relationship_items.values()]
             if scene.passes_filter(i)]
    assert len(groups) == len(shown) == len(scene.picture.places) + len(scene.picture.lines)
    assert all(g.find(f"{SVG}title") is not None for g in groups)
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for name in ("Xiaomi", "Sichuan Xinwang Bank", "Zhao Weixing", "四川新网银行", "29.5% [1]", "Sources"):
        assert name in texts
    stake = next(g for g in groups if g.get("id") == "relationship-own-xiaomi-xinwang")
    assert "Xiaomi owns a 29.5% stake in Sichuan Xinwang Bank" in stake.find(f"{SVG}title").text


def test_hostile_names_give_valid_svg_that_shows_them(qapp):
    doc = Document("<b>test</b>")
    hostile = "<script>&\"'"
    doc.add_entity(Entity("a", hostile, note="test"))
    doc.add_entity(Entity("b", "Target & Sons", "bank", note="test"))
    doc.add_relationship(Relationship("r", "ownership", "a", "b", Share.exact(50), note="test"))
    doc.set_arrangement("ownership", arrange(doc, "ownership"))
    data = render_svg(DiagramScene(doc), ExportOptions(title=hostile))
    root = ET.fromstring(data)  # parses: everything was escaped
    assert b"<script>" not in data
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert hostile in texts
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert any(t.startswith(hostile) for t in titles)


def test_pdf_opens_with_one_page(scene):
    for page in ("fit", "a4"):
        data = render_pdf(scene, ExportOptions(page=page, legend=True))
        assert data.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1


def test_pdf_page_count_read_back_by_poppler(scene, tmp_path):
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "x.pdf"
    path.write_bytes(render_pdf(scene, ExportOptions(page="letter")))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info)
    assert "792 x 612" in info  # Letter, landscape


def test_cli_svg_with_notes_needs_no_display_and_rsvg_reads_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "x.svg"
    result = subprocess.run([sys.executable, "-m", "gui.cli", "export", str(SEED), "-o", str(out), "--notes"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(out.read_bytes())
    notes = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "notes")
    assert "Xiaomi owns a 29.5% stake" in " ".join(notes.itertext())
    if not shutil.which("rsvg-convert"):
        pytest.skip("rsvg-convert (librsvg2-bin) is not installed")
    png = tmp_path / "x.png"
    subprocess.run(["rsvg-convert", str(out), "-o", str(png)], check=True)
    image = QImage(str(png))
    assert image.width() > 800 and _ink(image) > 200


def _pixels(image: QImage) -> np.ndarray:
    """An image's pixels as a height x width x 4 array of bytes."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width() * 4].reshape(image.height(), image.width(), 4)


@pytest.mark.parametrize("view", ["ownership", "reporting", "all"])
def test_cli_png_per_view_matches_the_window_drawing(window, tmp_path, view):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / f"cli-{view}.png"
    result = subprocess.run([sys.executable, "-m", "gui.cli", "export", str(SEED), "-o", str(out),
                             "--view", view, "--scale", "2"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    window.set_view(view)
    drawn = tmp_path / f"window-{view}.png"
    assert window.export_to(str(drawn), "png", ExportOptions(scale=2))  # File > Export, as PNG at 2x
    cli, shown = QImage(str(out)), QImage(str(drawn))
    assert cli.width() > 1000 and _ink(cli) > 300
    assert (cli.width(), cli.height()) == (shown.width(), shown.height())
    differ = int((np.abs(_pixels(cli).astype(int) - _pixels(shown).astype(int)).max(axis=2) > 24).sum())
    # the same renderer on the same fonts: equal but for a little antialiasing
    assert differ <= cli.width() * cli.height() // 2000, f"{differ} pixels differ from the window's drawing"


def test_window_export_writes_every_format(window, tmp_path):
    for fmt in ("png", "svg", "pdf", "csv", "graphml", "ftm.jsonl", "bods.json"):
        path = tmp_path / f"out.{fmt}"
        assert window.export_to(str(path), fmt, ExportOptions(notes=True))
        assert path.stat().st_size > 500
    # BODS cannot hold reporting lines: the user is told, not left to find out
    assert "left out reporting 'Zhao Weixing' -> 'Hong Feng'" in window.statusBar().currentMessage()


def test_window_export_to_an_unwritable_place_says_so(window, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    assert not window.export_to(str(tmp_path / "missing-folder" / "x.png"), "png", ExportOptions())
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and "No such file" in box.text()


@pytest.mark.parametrize("dpi", ["nan", "inf", "20000", "-96", "ten"])
def test_a_resolution_past_meaning_is_refused_before_anything_is_written(tmp_path, capsys, dpi):
    from gui.cli import main

    out = tmp_path / "x.png"
    with pytest.raises(SystemExit) as stopped:
        main(["export", str(SEED), "-o", str(out), f"--dpi={dpi}"])
    assert stopped.value.code == 2 and not out.exists()
    assert "--dpi" in capsys.readouterr().err


def test_a_picture_too_large_for_one_image_is_written_smaller_and_says_so(tmp_path, capsys, monkeypatch):
    from gui import export_image
    from gui.cli import main

    monkeypatch.setattr(export_image, "MAX_SIDE", 600)
    out = tmp_path / "x.png"
    assert main(["export", str(SEED), "-o", str(out), "--scale", "2"]) == 0
    image = QImage(str(out))
    assert not image.isNull() and max(image.width(), image.height()) <= 600
    assert "too large for one image" in capsys.readouterr().err
